// 设置: scoring profile, the standards table (editable thresholds), department and year overrides.
// Text inputs are plain <input>s (IME-safe); Enter saves, except while an IME is composing.

import { useState } from 'react';
import { Button, Field, Input, Select, Textarea, makeStyles, tokens, Caption1 } from '@fluentui/react-components';
import { Add20Regular, ArrowReset20Regular, Delete20Regular, Save20Regular } from '@fluentui/react-icons';
import { SelfCheckReport, Settings } from '../../hosts/host';
import { PROFILES } from '../../core/data/profiles';
import { DEFAULT_STANDARDS, Standard } from '../../core/data/standards';
import { useImeSafeEnter } from '../ime';
import { DEFAULT_PHRASEBOOK, HeadingKey } from '../../narrative/templates';
import { SelfCheck } from './SelfCheck';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  fieldset: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    minWidth: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  hint: { color: tokens.colorNeutralForeground3, display: 'block', marginBottom: tokens.spacingVerticalS },
  table: { width: '100%', borderCollapse: 'collapse', tableLayout: 'fixed' },
  th: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground3,
    fontSize: tokens.fontSizeBase200,
    padding: '0 2px 2px',
  },
  td: { padding: '2px', verticalAlign: 'middle' },
  colKeyword: { width: '34%' },
  colOp: { width: '52px' },
  colValue: { width: '22%' },
  colUnit: { width: '16%' },
  colDelete: { width: '32px' },
  input: { width: '100%', minWidth: 0 },
  invalid: { outline: `1px solid ${tokens.colorPaletteRedBorder2}` },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, marginTop: tokens.spacingVerticalS },
  error: { color: tokens.colorPaletteRedForeground1, display: 'block', marginTop: tokens.spacingVerticalXS },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  status: { color: tokens.colorNeutralForeground2 },
  selectRoot: { width: '100%', minWidth: 0, maxWidth: '100%' },
  selectEl: { width: '100%', minWidth: 0, textOverflow: 'ellipsis' },
});

interface DraftRow {
  id: number;
  keyword: string;
  op: Standard['op'];
  value: string;
  unit: string;
  except?: string[];
  label: string;
}

const OP_LABEL: Record<Standard['op'], string> = { '>=': '≥', '<=': '≤', '=': '=' };
const OP_WORD: Record<Standard['op'], string> = { '>=': '不低于', '<=': '不高于', '=': '为' };

let nextId = 1;
function toDraft(s: Standard): DraftRow {
  return { id: nextId++, keyword: s.keyword, op: s.op, value: String(s.value), unit: s.unit, except: s.except, label: s.label };
}

/** The label used in finding messages, rebuilt when a row is edited ("满意度不低于95%"). */
export function standardLabel(keyword: string, op: Standard['op'], value: number, unit: string): string {
  return `${keyword}${OP_WORD[op]}${value}${unit}`;
}

export function parseNumber(text: string): number | null {
  const t = text
    .trim()
    .replace(/[，,]/g, '')
    .replace(/％/g, '')
    .replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (!/^-?\d+(\.\d+)?$/.test(t)) return null;
  return Number(t);
}

/** Draft rows → standards, or the first problem (Chinese). */
export function draftToStandards(rows: DraftRow[]): { standards: Standard[] } | { error: string } {
  const out: Standard[] = [];
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    const keyword = r.keyword.trim();
    if (!keyword) return { error: `第${i + 1}行：请填写关键词（或删除该行）。` };
    const value = parseNumber(r.value);
    if (value === null) return { error: `第${i + 1}行（${keyword}）：数值“${r.value}”不是数字。` };
    const unit = r.unit.trim();
    const original = DEFAULT_STANDARDS.find((d) => d.keyword === keyword && d.op === r.op && d.value === value && d.unit === unit);
    const s: Standard = { keyword, op: r.op, value, unit, label: original ? original.label : standardLabel(keyword, r.op, value, unit) };
    if (r.except && r.except.length) s.except = r.except.slice();
    out.push(s);
  }
  return { standards: out };
}

/** The department report's headings the user may rename (部门整体报告的一、二、三). */
const REPORT_HEADINGS: [HeadingKey, string, string][] = (
  ['department.overview', 'department.detail', 'department.problems'] as HeadingKey[]
).map((k, i) => [k, ['第一部分标题', '第二部分标题', '第三部分标题'][i], DEFAULT_PHRASEBOOK.headings[k]]);

function withHeading(h: Settings['headings'], key: string, value: string): Settings['headings'] {
  const next = { ...(h ?? {}) };
  if (value.trim()) next[key] = value;
  else delete next[key];
  return Object.keys(next).length ? next : undefined;
}

export interface SettingsPanelProps {
  settings: Settings;
  onChange: (s: Settings) => void;
  onSave: () => void;
  saving: boolean;
  dirty: boolean;
  status: string | null;
  /** Where the settings are kept (for the hint under the button). */
  storageNote: string;
  disabled?: boolean;
  /** The host's 检查环境; the section is left out without it (standalone mode). */
  selfCheck?: () => Promise<SelfCheckReport>;
}

export function SettingsPanel(props: SettingsPanelProps) {
  const { settings, onChange, onSave, saving, dirty, status, storageNote, disabled, selfCheck } = props;
  const styles = useStyles();
  const [rows, setRows] = useState<DraftRow[]>(() => (settings.standards ?? DEFAULT_STANDARDS).map(toDraft));
  const [error, setError] = useState<string | null>(null);
  const profile = PROFILES.find((p) => p.id === settings.profile) ?? PROFILES[0];

  const canSave = !disabled && !saving && !error;
  const save = () => {
    if (canSave) onSave();
  };
  const enterSaves = useImeSafeEnter(save);

  const updateRows = (next: DraftRow[]) => {
    setRows(next);
    const r = draftToStandards(next);
    if ('error' in r) {
      setError(r.error);
      return;
    }
    setError(null);
    onChange({ ...settings, standards: r.standards });
  };
  const edit = (id: number, patch: Partial<DraftRow>) => updateRows(rows.map((r) => (r.id === id ? { ...r, ...patch } : r)));

  const reset = () => {
    setRows(DEFAULT_STANDARDS.map(toDraft));
    setError(null);
    onChange({ ...settings, standards: null });
  };

  return (
    <form
      className={styles.root}
      aria-label="设置"
      onSubmit={(e) => {
        e.preventDefault();
      }}
    >
      <Field label="评分规则" hint={profile.description}>
        <Select
          className={styles.selectRoot}
          select={{ className: styles.selectEl }}
          value={settings.profile}
          onChange={(_, d) => onChange({ ...settings, profile: d.value })}
          disabled={disabled}
        >
          {PROFILES.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="部门名称" hint="用于报告正文；留空则取自评表中的主管部门。">
        <Input
          value={settings.department}
          onChange={(_, d) => onChange({ ...settings, department: d.value })}
          disabled={disabled}
          {...enterSaves}
        />
      </Field>
      <Field label="年度" hint="例如 2020；留空则取自评表中的年度。">
        <Input value={settings.year} onChange={(_, d) => onChange({ ...settings, year: d.value })} disabled={disabled} {...enterSaves} />
      </Field>

      <fieldset className={styles.fieldset} disabled={disabled}>
        <legend className={styles.legend}>报告正文</legend>
        <Field label="报告中的得分" hint="自评得分：自评表填写的得分（表中没有时用核算得分）；核算得分：按评分规则计算。">
          <Select
            className={styles.selectRoot}
            select={{ className: styles.selectEl }}
            value={settings.reportScore ?? 'self'}
            onChange={(_, d) => onChange({ ...settings, reportScore: d.value === 'computed' ? 'computed' : undefined })}
            disabled={disabled}
          >
            <option value="self">自评得分</option>
            <option value="computed">按评分规则核算的得分</option>
          </Select>
        </Field>
        <Field label="开头段落" hint="标题后的一段，说明自评工作如何组织；留空则不写。">
          <Textarea
            value={settings.opening ?? ''}
            onChange={(_, d) => onChange({ ...settings, opening: d.value || undefined })}
            disabled={disabled}
            resize="vertical"
          />
        </Field>
        {REPORT_HEADINGS.map(([key, label, def]) => (
          <Field key={key} label={label} hint={`留空则为“${def}”。`}>
            <Input
              value={settings.headings?.[key] ?? ''}
              placeholder={def}
              onChange={(_, d) => onChange({ ...settings, headings: withHeading(settings.headings, key, d.value) })}
              disabled={disabled}
              {...enterSaves}
            />
          </Field>
        ))}
      </fieldset>

      <fieldset className={styles.fieldset} disabled={disabled}>
        <legend className={styles.legend}>标准值</legend>
        <Caption1 className={styles.hint}>
          指标名称含关键词时适用：年度指标值为空时按标准值评价，目标值或完成值低于标准时提示。按顺序匹配，先匹配者优先。
        </Caption1>
        <table className={styles.table}>
          <colgroup>
            <col className={styles.colKeyword} />
            <col className={styles.colOp} />
            <col className={styles.colValue} />
            <col className={styles.colUnit} />
            <col className={styles.colDelete} />
          </colgroup>
          <thead>
            <tr>
              <th className={styles.th} scope="col">
                关键词
              </th>
              <th className={styles.th} scope="col">
                比较
              </th>
              <th className={styles.th} scope="col">
                数值
              </th>
              <th className={styles.th} scope="col">
                单位
              </th>
              <th className={styles.th} scope="col">
                <span className="visually-hidden">删除</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.id} data-testid="standard-row">
                <td className={styles.td}>
                  <Input
                    size="small"
                    className={styles.input}
                    value={r.keyword}
                    aria-label={`第${i + 1}行 关键词`}
                    onChange={(_, d) => edit(r.id, { keyword: d.value })}
                    {...enterSaves}
                  />
                </td>
                <td className={styles.td}>
                  <Select
                    size="small"
                    className={styles.selectRoot}
                    select={{ className: styles.selectEl }}
                    value={r.op}
                    aria-label={`第${i + 1}行 比较`}
                    onChange={(_, d) => edit(r.id, { op: d.value as Standard['op'] })}
                  >
                    {(Object.keys(OP_LABEL) as Standard['op'][]).map((op) => (
                      <option key={op} value={op}>
                        {OP_LABEL[op]}
                      </option>
                    ))}
                  </Select>
                </td>
                <td className={styles.td}>
                  <Input
                    size="small"
                    className={styles.input}
                    value={r.value}
                    inputMode="decimal"
                    aria-label={`第${i + 1}行 数值`}
                    aria-invalid={parseNumber(r.value) === null}
                    onChange={(_, d) => edit(r.id, { value: d.value })}
                    {...enterSaves}
                  />
                </td>
                <td className={styles.td}>
                  <Input
                    size="small"
                    className={styles.input}
                    value={r.unit}
                    aria-label={`第${i + 1}行 单位`}
                    onChange={(_, d) => edit(r.id, { unit: d.value })}
                    {...enterSaves}
                  />
                </td>
                <td className={styles.td}>
                  <Button
                    size="small"
                    appearance="subtle"
                    icon={<Delete20Regular />}
                    aria-label={`删除第${i + 1}行（${r.keyword || '空'}）`}
                    title="删除此行"
                    onClick={() => updateRows(rows.filter((x) => x.id !== r.id))}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {error ? (
          <span className={styles.error} role="alert">
            {error}
          </span>
        ) : null}
        <div className={styles.row}>
          <Button
            size="small"
            icon={<Add20Regular />}
            onClick={() => updateRows([...rows, { id: nextId++, keyword: '', op: '>=', value: '100', unit: '%', label: '' }])}
          >
            添加一行
          </Button>
          <Button size="small" icon={<ArrowReset20Regular />} onClick={reset}>
            恢复默认
          </Button>
        </div>
      </fieldset>

      <div className={styles.actions}>
        <Button appearance="primary" icon={<Save20Regular />} onClick={save} disabled={!canSave}>
          {saving ? '正在保存…' : '保存设置'}
        </Button>
        <span className={styles.status} role="status" aria-live="polite">
          {status ?? (dirty ? '有未保存的更改' : '')}
        </span>
      </div>
      <Caption1 className={styles.hint}>{storageNote}</Caption1>
      {selfCheck ? <SelfCheck run={selfCheck} /> : null}
    </form>
  );
}
