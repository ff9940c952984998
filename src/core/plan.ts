// Turns an evaluation into host-independent write actions: which cells to highlight and the content of
// the 评价结果 sheet. Hosts (Excel, WPS, file) only apply this plan; nothing here touches a host.

import { MergeArea, parseAddress, OWNER_MARK, isOwnerMark } from './snapshot';
import { EvaluationResult, IndicatorResult, Severity, TableResult } from './types';
import { ScoringProfile } from './data/profiles';
import { fmtNum, UNSCORABLE } from './text';
import { SEVERITY_ORDER, SEVERITY_LABEL } from './data/findings';

export const SUMMARY_SHEET = '评价结果';
export { OWNER_MARK, isOwnerMark, SEVERITY_LABEL };
/** Highlight fills (RGB hex, no #). Light tones so the user's text stays readable. */
export const SEVERITY_FILL: Record<Severity, string> = { error: 'FFC7CE', warning: 'FFEB9C', info: 'DDEBF7' };

export type SummaryStyle =
  | 'title'
  | 'note'
  | 'section'
  | 'label'
  | 'value'
  | 'header'
  | 'text'
  | 'number'
  | 'percent'
  | 'met'
  | 'unmet'
  | 'unknown'
  | 'error'
  | 'warning'
  | 'info'
  | 'total'
  | 'paragraph'
  | 'message'
  | 'link';

/** How a summary style looks, in every host's terms alike (colours RGB hex without #). */
export interface SummaryLook {
  bold?: boolean;
  size?: number;
  color?: string;
  underline?: boolean;
  fill?: string;
  h?: 'left' | 'center' | 'right';
  v?: 'top' | 'center';
  wrap?: boolean;
  /** Number format of the style's number cells (General when absent). */
  numFmt?: string;
}

/** One look for the 评价结果 sheet whichever host writes it (Excel, WPS, an .xlsx file). */
export const SUMMARY_LOOK: Record<SummaryStyle, SummaryLook> = {
  title: { bold: true, size: 16, v: 'center' },
  note: { color: '666666', size: 9, wrap: true, v: 'top' },
  section: { bold: true, size: 13, fill: 'D9E1F2' },
  label: { bold: true, h: 'right' },
  value: { h: 'left' },
  header: { bold: true, fill: 'EDEDED', wrap: true, v: 'center', h: 'center' },
  text: { wrap: true, v: 'top' },
  number: { v: 'top' },
  percent: { v: 'top', numFmt: '0%' },
  met: { color: '006100', v: 'top' },
  unmet: { color: '9C0006', bold: true, v: 'top' },
  unknown: { color: '9C5700', bold: true, v: 'top' },
  error: { fill: SEVERITY_FILL.error, v: 'top' },
  warning: { fill: SEVERITY_FILL.warning, v: 'top' },
  info: { fill: SEVERITY_FILL.info, v: 'top' },
  total: { bold: true, v: 'top' },
  paragraph: { wrap: true, v: 'top' },
  message: { v: 'top' },
  link: { color: '0563C1', underline: true, v: 'top' },
};

/** Data-bar colour of the score-rate visual (RGB hex). */
export const BAR_COLOR = '5B9BD5';

export interface SummaryCell {
  v: string | number | null;
  style?: SummaryStyle;
  /** Internal link to a cell of another sheet. */
  link?: { sheet: string; cell: string };
}

export interface SummaryPlan {
  name: string;
  rows: (SummaryCell | null)[][];
  merges: MergeArea[];
  /** Column widths in characters. */
  widths: number[];
  freezeRows: number;
  /** Rows that hold score bars: [row, fraction] for a data-bar or text bar per 一级 category. */
  bars: { row: number; col: number; fraction: number }[];
}

export interface Highlight {
  sheet: string;
  cell: string;
  row: number;
  col: number;
  severity: Severity;
}

export interface WritePlan {
  highlights: Highlight[];
  summary: SummaryPlan;
  /** The sheets evaluated (recorded with the run, so an open task pane can show the same results). */
  sheets: string[];
}

export interface PlanOptions {
  summaryName?: string;
  profile?: ScoringProfile;
  /** 报告正文 paragraphs (one per cell). */
  narrative?: string[];
}

/** Excel's limit for the text of one cell (32,767 characters); longer text is refused or cut. */
export const CELL_TEXT_LIMIT = 32767;

/**
 * Text too long for one cell, cut into cell-sized pieces at the last sentence end (。), else clause
 * end (；，) before the limit; never inside a surrogate pair. Joined back, the pieces are the text.
 */
export function splitCellText(text: string, limit = CELL_TEXT_LIMIT): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const head = rest.slice(0, limit);
    let cut = -1;
    for (const mark of ['。', '；', '，']) {
      const i = head.lastIndexOf(mark);
      if (i >= limit / 2) {
        cut = i + 1;
        break;
      }
    }
    if (cut < 0) {
      cut = limit;
      const c = rest.charCodeAt(cut - 1);
      if (c >= 0xd800 && c <= 0xdbff) cut--;
    }
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  out.push(rest);
  return out;
}

const WIDTHS = [8, 12, 14, 26, 16, 16, 10, 8, 10, 10, 40];
const NCOLS = WIDTHS.length;

export function statusText(i: IndicatorResult): string {
  if (i.status === 'met') return '达成';
  if (i.status === 'unknown') return '待核实';
  return i.achievement === 'partial' ? '部分达成' : '未达成';
}

/** Cells to highlight: one per finding cell, with the most severe finding's level. */
export function planHighlights(result: EvaluationResult): Highlight[] {
  const byCell = new Map<string, Highlight>();
  for (const s of result.sheets) {
    for (const t of s.tables) {
      for (const f of t.findings) {
        if (!f.cell) continue;
        const pos = parseAddress(f.cell);
        if (!pos) continue;
        const key = `${s.sheet}!${f.cell}`;
        const prev = byCell.get(key);
        if (!prev || SEVERITY_ORDER[f.severity] < SEVERITY_ORDER[prev.severity]) {
          byCell.set(key, { sheet: s.sheet, cell: f.cell, row: pos.row, col: pos.col, severity: f.severity });
        }
      }
    }
  }
  return [...byCell.values()].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.row - b.row || a.col - b.col));
}

/** Per-一级 category: weight and rule score, in sheet order. */
export function level1Scores(t: TableResult): { label: string; weight: number; score: number }[] {
  const out: { label: string; weight: number; score: number }[] = [];
  if (t.budget && t.budget.weight !== null) out.push({ label: '预算执行率', weight: t.budget.weight, score: t.budget.score ?? 0 });
  for (const i of t.indicators) {
    const label = i.level1 ?? '其他指标';
    let e = out.find((x) => x.label === label);
    if (!e) {
      e = { label, weight: 0, score: 0 };
      out.push(e);
    }
    e.weight += i.weight ?? 0;
    e.score += i.score ?? Math.min(i.selfScore ?? 0, i.weight ?? 0);
  }
  return out.map((e) => ({ label: e.label, weight: Math.round(e.weight * 100) / 100, score: Math.round(e.score * 100) / 100 }));
}

export function completedCount(t: TableResult): { met: number; total: number } {
  return { met: t.indicators.filter((i) => i.status === 'met').length, total: t.indicators.length };
}

export function planSummary(result: EvaluationResult, opts: PlanOptions = {}): SummaryPlan {
  const rows: (SummaryCell | null)[][] = [];
  const merges: MergeArea[] = [];
  const bars: SummaryPlan['bars'] = [];
  const push = (cells: (SummaryCell | null)[], mergeFrom?: number) => {
    rows.push(cells);
    const r = rows.length;
    if (mergeFrom !== undefined) merges.push({ top: r, left: mergeFrom, bottom: r, right: NCOLS });
    return r;
  };
  const wide = (v: string, style: SummaryStyle): (SummaryCell | null)[] => [{ v, style }];

  push(wide(`${OWNER_MARK}评价结果`, 'title'), 1);
  const profileName = opts.profile ? opts.profile.name : result.profile;
  push(
    wide(
      `文件：${result.file || '（当前工作簿）'}　评分规则：${profileName}　说明：本表由绩效评价助手生成，重新评价时会整表重写，请勿在此录入数据。`,
      'note',
    ),
    1,
  );

  let n = 0;
  for (const s of result.sheets) {
    for (const t of s.tables) {
      n++;
      push([]);
      push(
        wide(
          `${chineseOrdinal(n)}、${s.sheet}${t.project ? `：${t.project}` : t.title ? `：${t.title}` : ''}（表头第${t.headerRow}行）`,
          'section',
        ),
        1,
      );
      const done = completedCount(t);
      const rate = t.budget && t.budget.rate !== null ? `${fmtNum(Math.round(t.budget.rate * 10000) / 100)}%` : '—';
      push([
        { v: '核算得分', style: 'label' },
        { v: t.total.score ?? UNSCORABLE, style: 'total' },
        { v: '等级', style: 'label' },
        { v: t.total.grade ?? UNSCORABLE, style: 'total' },
        { v: '自评得分', style: 'label' },
        { v: t.total.selfScore, style: 'value' },
        { v: '指标完成', style: 'label' },
        { v: `${done.met}/${done.total}`, style: 'value' },
        { v: '预算执行率', style: 'label' },
        { v: rate, style: 'value' },
        { v: `总分值${fmtNum(t.total.weight)}分${t.total.pending ? `；${t.total.pending}项待核实，暂按自评得分计` : ''}`, style: 'note' },
      ]);
      for (const l of level1Scores(t)) {
        const fraction = l.weight > 0 ? Math.max(0, Math.min(1, l.score / l.weight)) : 0;
        const r = push([
          null,
          { v: l.label, style: 'label' },
          { v: fraction, style: 'percent' },
          { v: `${fmtNum(l.score)}/${fmtNum(l.weight)}分`, style: 'value' },
        ]);
        bars.push({ row: r, col: 3, fraction });
      }
      push(
        [
          '行号',
          '一级指标',
          '二级指标',
          '三级指标',
          '年度指标值',
          '实际完成值',
          '完成情况',
          '分值',
          '自评得分',
          '核算得分',
          '偏差原因分析及改进措施',
        ].map((v) => ({ v, style: 'header' as SummaryStyle })),
      );
      if (t.budget) {
        const b = t.budget;
        push([
          { v: b.row, style: 'link', link: { sheet: s.sheet, cell: b.cells.executed ?? b.cells.planned ?? `A${b.row}` } },
          { v: '预算执行率', style: 'text' },
          null,
          { v: `年度资金总额（${b.unit}）`, style: 'text' },
          { v: b.planned === null ? '—' : `全年预算数${fmtNum(b.planned)}`, style: 'text' },
          { v: b.executed === null ? '—' : `全年执行数${fmtNum(b.executed)}`, style: 'text' },
          {
            v: b.rate === null ? '待核实' : `${fmtNum(Math.round(b.rate * 10000) / 100)}%`,
            style: b.rate === null ? 'unknown' : b.rate >= 0.9 ? 'met' : 'unmet',
          },
          { v: b.weight, style: 'number' },
          { v: b.selfScore, style: 'number' },
          { v: b.score, style: 'number' },
          null,
        ]);
      }
      for (const i of t.indicators) {
        push([
          { v: i.row, style: 'link', link: { sheet: s.sheet, cell: i.cells.name } },
          { v: i.level1, style: 'text' },
          { v: i.level2, style: 'text' },
          { v: i.name, style: 'text' },
          { v: i.target ? i.target.text : i.effectiveTarget ? `（标准）${i.effectiveTarget.text}` : '', style: 'text' },
          { v: i.actual ? i.actual.text : '', style: 'text' },
          { v: statusText(i), style: i.status },
          { v: i.weight, style: 'number' },
          { v: i.selfScore, style: 'number' },
          { v: i.score, style: 'number' },
          { v: i.reason, style: 'text' },
        ]);
      }
      push([
        { v: '合计', style: 'total' },
        null,
        null,
        null,
        null,
        null,
        { v: t.total.grade ?? UNSCORABLE, style: 'total' },
        { v: t.total.weight, style: 'total' },
        { v: t.total.selfScore, style: 'total' },
        { v: t.total.score ?? UNSCORABLE, style: 'total' },
        { v: t.total.sheetSelfScore !== null ? `总分栏填写${fmtNum(t.total.sheetSelfScore)}分` : '', style: 'note' },
      ]);
      merges.push({ top: rows.length, left: 1, bottom: rows.length, right: 6 });
      push([]);
      if (t.findings.length === 0) {
        push(wide('未发现问题。', 'note'), 1);
      } else {
        push([
          { v: '级别', style: 'header' },
          { v: '单元格', style: 'header' },
          { v: '类别', style: 'header' },
          { v: '说明', style: 'header' },
        ]);
        // Messages overflow into the empty cells to their right: no merge per finding (thousands of
        // merges make every host slow), no wrap.
        for (const f of t.findings) {
          push([
            { v: SEVERITY_LABEL[f.severity], style: f.severity },
            f.cell ? { v: `${s.sheet}!${f.cell}`, style: 'link', link: { sheet: s.sheet, cell: f.cell } } : { v: '', style: 'text' },
            { v: f.code, style: 'text' },
            { v: f.message, style: 'message' },
          ]);
        }
      }
    }
  }
  if (opts.narrative && opts.narrative.length) {
    push([]);
    push(wide('报告正文（自动生成，可复制到绩效自评报告中修改使用）', 'section'), 1);
    for (const p of opts.narrative) for (const piece of splitCellText(p)) push([{ v: piece, style: 'paragraph' }], 1);
  }
  return { name: opts.summaryName ?? SUMMARY_SHEET, rows, merges, widths: WIDTHS.slice(), freezeRows: 2, bars };
}

export function planWrites(result: EvaluationResult, opts: PlanOptions = {}): WritePlan {
  return { highlights: planHighlights(result), summary: planSummary(result, opts), sheets: result.sheets.map((s) => s.sheet) };
}

/**
 * Name for the summary sheet: 评价结果 unless a sheet of that name exists that we did not write;
 * then 评价结果(2), (3)… (the first that is free or ours).
 */
export function chooseSummaryName(sheets: { name: string; ours: boolean }[], base = SUMMARY_SHEET): string {
  for (let k = 1; k < 100; k++) {
    const name = k === 1 ? base : `${base}(${k})`;
    const s = sheets.find((x) => x.name === name);
    if (!s || s.ours) return name;
  }
  return `${base}(${sheets.length + 1})`;
}

/** Whether chooseSummaryName may pick `name`: 评价结果, 评价结果(2), … */
export function isSummaryName(name: string, base = SUMMARY_SHEET): boolean {
  if (name === base) return true;
  if (!name.startsWith(`${base}(`) || !name.endsWith(')')) return false;
  return /^\d+$/.test(name.slice(base.length + 1, -1));
}

const DIGITS = '零一二三四五六七八九';
export function chineseOrdinal(n: number): string {
  if (n <= 10) return n === 10 ? '十' : DIGITS[n];
  if (n < 20) return '十' + DIGITS[n - 10];
  if (n < 100) return DIGITS[Math.floor(n / 10)] + '十' + (n % 10 ? DIGITS[n % 10] : '');
  return String(n);
}
