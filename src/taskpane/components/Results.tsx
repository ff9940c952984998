// The results of one 评价: a score card per table (with per-一级 score bars) and the findings grouped
// by severity, each one a button that selects its cell.

import { makeStyles, tokens, Badge, ProgressBar, createFocusOutlineStyle, mergeClasses } from '@fluentui/react-components';
import { EvaluationResult, Finding, Grade, Severity, TableResult } from '../../core/types';
import { completedCount, level1Scores, SEVERITY_LABEL } from '../../core/plan';
import { fmtNum, UNSCORABLE } from '../../core/text';
import { moreFindings, NO_FINDINGS, pendingNote } from '../../app/pane-messages';

const useStyles = makeStyles({
  cards: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  card: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    boxShadow: tokens.shadow2,
    minWidth: 0,
  },
  cardTitle: {
    margin: `0 0 ${tokens.spacingVerticalXS} 0`,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  headline: {
    display: 'flex',
    alignItems: 'flex-end',
    flexWrap: 'wrap',
    columnGap: tokens.spacingHorizontalXXL,
    rowGap: tokens.spacingVerticalXS,
  },
  score: { fontSize: tokens.fontSizeHero700, lineHeight: tokens.lineHeightHero700, fontWeight: tokens.fontWeightSemibold },
  outOf: { color: tokens.colorNeutralForeground3 },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(72px, 1fr))',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    margin: `${tokens.spacingVerticalS} 0`,
  },
  fact: { margin: 0, minWidth: 0 },
  dt: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  dd: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  note: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, margin: `0 0 ${tokens.spacingVerticalXS} 0` },
  bars: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  barLabel: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200 },
  barName: { overflowWrap: 'anywhere' },
  barValue: { whiteSpace: 'nowrap', color: tokens.colorNeutralForeground2 },
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  groupTitle: {
    margin: `0 0 ${tokens.spacingVerticalXS} 0`,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
  },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  finding: {
    display: 'block',
    width: '100%',
    textAlign: 'left',
    font: 'inherit',
    color: 'inherit',
    backgroundColor: 'transparent',
    border: '1px solid transparent',
    borderLeft: '3px solid transparent',
    borderRadius: tokens.borderRadiusSmall,
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    cursor: 'pointer',
    overflowWrap: 'anywhere',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ':active': { backgroundColor: tokens.colorNeutralBackground1Pressed },
  },
  focus: createFocusOutlineStyle(),
  static: { cursor: 'default', ':hover': { backgroundColor: 'transparent' } },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteMarigoldBorderActive },
  info: { borderLeftColor: tokens.colorPaletteBlueBorderActive },
  where: {
    color: tokens.colorBrandForeground1,
    fontSize: tokens.fontSizeBase200,
    marginRight: tokens.spacingHorizontalS,
    whiteSpace: 'nowrap',
  },
  more: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, margin: `${tokens.spacingVerticalXS} 0 0 0` },
});

const GRADE_COLOR: Record<Grade, 'success' | 'brand' | 'warning' | 'danger'> = { 优: 'success', 良: 'brand', 中: 'warning', 差: 'danger' };

export function percentText(rate: number | null): string {
  return rate === null ? '—' : `${fmtNum(Math.round(rate * 10000) / 100)}%`;
}

export function tableTitle(sheet: string, t: TableResult): string {
  const what = t.project ?? t.title;
  return what ? `${sheet}：${what}` : sheet;
}

export function ScoreCard({ sheet, table, id }: { sheet: string; table: TableResult; id: string }) {
  const styles = useStyles();
  const done = completedCount(table);
  const t = table.total;
  const titleId = `${id}-title`;
  return (
    <section className={styles.card} aria-labelledby={titleId} data-testid="score-card">
      <h3 id={titleId} className={styles.cardTitle}>
        {tableTitle(sheet, table)}
      </h3>
      <div className={styles.headline}>
        <div className={styles.fact}>
          <div className={styles.dt}>核算得分</div>
          <div>
            {t.score === null ? (
              <span className={styles.score}>{UNSCORABLE}</span>
            ) : (
              <>
                <span className={styles.score}>{fmtNum(t.score)}</span>
                <span className={styles.outOf}> / {fmtNum(t.weight)} 分</span>
              </>
            )}
          </div>
        </div>
        <div className={styles.fact}>
          <div className={styles.dt}>等级</div>
          <Badge appearance="filled" color={t.grade === null ? 'subtle' : GRADE_COLOR[t.grade]} size="extra-large" data-testid="grade">
            {t.grade ?? UNSCORABLE}
          </Badge>
        </div>
      </div>
      <dl className={styles.facts}>
        <div className={styles.fact}>
          <dt className={styles.dt}>自评得分</dt>
          <dd className={styles.dd}>{t.selfScore === null ? '—' : fmtNum(t.selfScore)}</dd>
        </div>
        <div className={styles.fact}>
          <dt className={styles.dt}>指标完成</dt>
          <dd className={styles.dd}>
            {done.met}/{done.total}
          </dd>
        </div>
        <div className={styles.fact}>
          <dt className={styles.dt}>预算执行率</dt>
          <dd className={styles.dd}>{percentText(table.budget ? table.budget.rate : null)}</dd>
        </div>
      </dl>
      {t.pending ? <p className={styles.note}>{pendingNote(t.pending)}</p> : null}
      <ul className={styles.bars} aria-label="各一级指标得分">
        {level1Scores(table).map((l) => {
          const fraction = l.weight > 0 ? Math.max(0, Math.min(1, l.score / l.weight)) : 0;
          return (
            <li key={l.label}>
              <div className={styles.barLabel}>
                <span className={styles.barName}>{l.label}</span>
                <span className={styles.barValue}>
                  {fmtNum(l.score)}/{fmtNum(l.weight)}分
                </span>
              </div>
              <ProgressBar
                value={fraction}
                max={1}
                thickness="large"
                color={fraction >= 0.9 ? 'success' : fraction >= 0.6 ? 'brand' : 'error'}
                aria-label={`${l.label}得分率 ${Math.round(fraction * 100)}%`}
              />
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function ScoreCards({ result }: { result: EvaluationResult }) {
  const styles = useStyles();
  let n = 0;
  return (
    <div className={styles.cards}>
      {result.sheets.map((s) =>
        s.tables.map((t) => {
          n++;
          return <ScoreCard key={`${s.sheet}-${t.headerRow}`} sheet={s.sheet} table={t} id={`card-${n}`} />;
        }),
      )}
    </div>
  );
}

export interface LocatedFinding {
  sheet: string;
  finding: Finding;
}

export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];
/** Findings shown per severity; the rest are in the 评价结果 sheet. */
export const MAX_PER_GROUP = 200;

export function groupFindings(result: EvaluationResult): Record<Severity, LocatedFinding[]> {
  const out: Record<Severity, LocatedFinding[]> = { error: [], warning: [], info: [] };
  for (const s of result.sheets) for (const t of s.tables) for (const f of t.findings) out[f.severity].push({ sheet: s.sheet, finding: f });
  return out;
}

export function Findings({ result, onSelect }: { result: EvaluationResult; onSelect: (sheet: string, cell: string) => void }) {
  const styles = useStyles();
  const groups = groupFindings(result);
  const total = SEVERITIES.reduce((n, s) => n + groups[s].length, 0);
  if (total === 0) return <p>{NO_FINDINGS}</p>;
  return (
    <div className={styles.groups}>
      {SEVERITIES.filter((sev) => groups[sev].length > 0).map((sev) => {
        const items = groups[sev];
        const shown = items.slice(0, MAX_PER_GROUP);
        const headingId = `findings-${sev}`;
        return (
          <section key={sev} aria-labelledby={headingId} data-severity={sev}>
            <h3 id={headingId} className={styles.groupTitle}>
              {SEVERITY_LABEL[sev]}
              <Badge appearance="tint" color={sev === 'error' ? 'danger' : sev === 'warning' ? 'warning' : 'informative'}>
                {items.length}
              </Badge>
            </h3>
            <ul className={styles.list}>
              {shown.map(({ sheet, finding }, i) => {
                const where = finding.cell ? `${sheet}!${finding.cell}` : sheet;
                const content = (
                  <>
                    <span className={styles.where}>{where}</span>
                    <span>{finding.message}</span>
                  </>
                );
                return (
                  <li key={`${where}-${finding.code}-${i}`}>
                    {finding.cell ? (
                      <button
                        type="button"
                        className={mergeClasses(styles.finding, styles.focus, styles[sev])}
                        onClick={() => onSelect(sheet, finding.cell as string)}
                        title={`定位到 ${where}`}
                        aria-label={`${SEVERITY_LABEL[sev]}：${finding.message}（定位到 ${where}）`}
                      >
                        {content}
                      </button>
                    ) : (
                      <div className={mergeClasses(styles.finding, styles.static, styles[sev])}>{content}</div>
                    )}
                  </li>
                );
              })}
            </ul>
            {items.length > shown.length ? (
              <p className={styles.more}>{moreFindings(items.length - shown.length, SEVERITY_LABEL[sev])}</p>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
