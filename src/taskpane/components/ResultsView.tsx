// The results state of the pane: summary, score cards, findings, and the narrative with 复制 and
// 导出 Word. Part of the lazily loaded engine chunk.

import {
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  mergeClasses,
  tokens,
} from '@fluentui/react-components';
import { Copy20Regular, DocumentArrowDown20Regular } from '@fluentui/react-icons';
import { Outcome } from '../../app/session';
import { Narrative } from '../../narrative';
import { Findings, ScoreCards, groupFindings } from './Results';
import { NarrativeView } from './NarrativeView';
import { FILE_MARKS_HINT, resultsSummary, SCORE_CHOICE_HINT, SENTENCE_SELECT_HINT } from '../../app/pane-messages';
import type { Note } from '../state';

export type { Note } from '../state';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  h2: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400, fontWeight: tokens.fontWeightSemibold },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  live: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere', ':empty': { marginBottom: `-${tokens.spacingVerticalS}` } },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  hint: { color: tokens.colorNeutralForeground3 },
});

export interface ResultsViewProps {
  outcome: Outcome;
  /** Standalone (file) mode: cells cannot be selected, the result is a copy to download. */
  fileMode: boolean;
  onSelect: (sheet: string, cell: string) => void;
  onCopy: (n: Narrative) => void;
  onExport: (o: Outcome) => void;
  exporting: boolean;
  copyNote: Note;
  /** Outcome of clicking a finding or a sentence (shown next to the findings). */
  selectNote?: Note;
}

export function ResultsView(p: ResultsViewProps) {
  const styles = useStyles();
  const { result, narrative, applied } = p.outcome;
  const groups = groupFindings(result);
  const tables = result.sheets.reduce((n, s) => n + s.tables.length, 0);
  const indicators = result.sheets.reduce((n, s) => n + s.tables.reduce((m, t) => m + t.indicators.length, 0), 0);
  return (
    <div className={styles.section} data-testid="results">
      <MessageBar intent="success" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>评价完成</MessageBarTitle>
          {resultsSummary({
            tables,
            indicators,
            errors: groups.error.length,
            warnings: groups.warning.length,
            infos: groups.info.length,
            summarySheet: applied.summarySheet,
            highlighted: applied.highlighted,
            fileMode: p.fileMode,
          })}
        </MessageBarBody>
      </MessageBar>

      <section className={styles.section} aria-labelledby="h-scores">
        <h2 id="h-scores" className={styles.h2}>
          得分
        </h2>
        <ScoreCards result={result} />
      </section>

      <section className={styles.section} aria-labelledby="h-findings" data-testid="findings">
        <h2 id="h-findings" className={styles.h2}>
          问题清单
        </h2>
        {p.fileMode && (groups.error.length || groups.warning.length || groups.info.length) ? (
          <Caption1 className={styles.hint}>{FILE_MARKS_HINT}</Caption1>
        ) : null}
        <div
          role="status"
          aria-live="polite"
          className={mergeClasses(styles.live, p.selectNote?.tone === 'bad' && styles.bad)}
          data-testid="select-status"
        >
          {p.selectNote ? p.selectNote.text : ''}
        </div>
        <Findings result={result} onSelect={p.onSelect} />
      </section>

      <section className={styles.section} aria-labelledby="h-narrative">
        <h2 id="h-narrative" className={styles.h2}>
          报告正文
        </h2>
        <div className={styles.toolbar}>
          <Button icon={<Copy20Regular />} onClick={() => p.onCopy(narrative)}>
            复制
          </Button>
          <Button icon={<DocumentArrowDown20Regular />} onClick={() => p.onExport(p.outcome)} disabled={p.exporting}>
            {p.exporting ? '正在导出…' : '导出 Word'}
          </Button>
        </div>
        {narrative.notices?.length ? (
          // Before the text leaves the add-in: the score it states differs from the other score.
          <MessageBar intent="warning" layout="multiline" data-testid="score-notice">
            <MessageBarBody>
              <MessageBarTitle>得分提示</MessageBarTitle>
              {narrative.notices.map((n, i) => (
                <div key={i}>{n}</div>
              ))}
              <div>{SCORE_CHOICE_HINT}</div>
            </MessageBarBody>
          </MessageBar>
        ) : null}
        <div
          role="status"
          aria-live="polite"
          className={mergeClasses(styles.live, p.copyNote?.tone === 'ok' && styles.ok, p.copyNote?.tone === 'bad' && styles.bad)}
          data-testid="copy-status"
        >
          {p.copyNote ? p.copyNote.text : ''}
        </div>
        {!p.fileMode ? <Caption1 className={styles.hint}>{SENTENCE_SELECT_HINT}</Caption1> : null}
        <NarrativeView narrative={narrative} onSentence={p.fileMode ? undefined : p.onSelect} />
      </section>
    </div>
  );
}
