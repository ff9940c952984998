/// <reference types="office-js" />
// The write batch of the Excel host: the 评价结果 sheet (values in blocks, styles over RangeAreas, merges,
// widths, data bars) and the marker conditional formats of the highlights.

import { compactAreas } from '../../core/snapshot';
import { BAR_COLOR, SEVERITY_FILL, SUMMARY_LOOK, SummaryLook, SummaryPlan, SummaryStyle, WritePlan } from '../../core/plan';
import { Severity } from '../../core/types';
import { SEVERITIES, markFormula } from '../marks';
import { chunkAddresses, columnRangeA1, columnWidthPoints, hyperlinkFormula, literalText, wrappedRowHeight } from './addresses';
import { jsonBytes } from './read';

// ---------------------------------------------------------------------------------------------------
// Styles of the summary sheet (SUMMARY_LOOK, shared with the WPS and file hosts).

/** SUMMARY_LOOK in Office.js terms. */
interface XStyle {
  bold?: boolean;
  size?: number;
  color?: string;
  underline?: boolean;
  fill?: string;
  horizontal?: 'Left' | 'Center' | 'Right';
  vertical?: 'Top' | 'Center';
  wrap?: boolean;
}

const ALIGN = { left: 'Left', center: 'Center', right: 'Right', top: 'Top' } as const;

function xstyle(l: SummaryLook): XStyle {
  const x: XStyle = {};
  if (l.bold) x.bold = true;
  if (l.size) x.size = l.size;
  if (l.color) x.color = `#${l.color}`;
  if (l.underline) x.underline = true;
  if (l.fill) x.fill = `#${l.fill}`;
  if (l.h) x.horizontal = ALIGN[l.h];
  if (l.v) x.vertical = ALIGN[l.v];
  if (l.wrap) x.wrap = true;
  return x;
}

const STYLE = Object.fromEntries(Object.entries(SUMMARY_LOOK).map(([k, l]) => [k, xstyle(l)])) as Record<SummaryStyle, XStyle>;

const BAR_FILL = `#${BAR_COLOR}`;
const SEV_FILL = (s: Severity): string => `#${SEVERITY_FILL[s]}`;

// ---------------------------------------------------------------------------------------------------
// The write batch

function applyStyle(format: Excel.RangeFormat, st: XStyle): void {
  if (st.fill) format.fill.color = st.fill;
  if (st.bold !== undefined || st.size !== undefined || st.color !== undefined || st.underline !== undefined) {
    const font = format.font;
    if (st.bold !== undefined) font.bold = st.bold;
    if (st.size !== undefined) font.size = st.size;
    if (st.color !== undefined) font.color = st.color;
    if (st.underline) font.underline = 'Single';
  }
  if (st.wrap !== undefined) format.wrapText = st.wrap;
  if (st.horizontal) format.horizontalAlignment = st.horizontal;
  if (st.vertical) format.verticalAlignment = st.vertical;
}

/**
 * The summary grid as one formulas array (text with its apostrophe, numbers, HYPERLINK formulas), the
 * cells per style, and the number cells per number format (the new sheet is General everywhere else).
 */
export function summaryGrid(plan: SummaryPlan): {
  formulas: (string | number)[][];
  styles: Map<SummaryStyle, { row: number; col: number }[]>;
  numberFormats: Map<string, { row: number; col: number }[]>;
  columns: number;
} {
  let columns = Math.max(plan.widths.length, 1);
  for (const r of plan.rows) if (r.length > columns) columns = r.length;
  const formulas: (string | number)[][] = [];
  const styles = new Map<SummaryStyle, { row: number; col: number }[]>();
  const numberFormats = new Map<string, { row: number; col: number }[]>();
  plan.rows.forEach((cells, i) => {
    const fr: (string | number)[] = new Array(columns).fill('');
    cells.forEach((sc, j) => {
      if (!sc) return;
      if (sc.link) {
        fr[j] = hyperlinkFormula(sc.link.sheet, sc.link.cell, sc.v === null ? '' : sc.v);
      } else if (typeof sc.v === 'number') {
        fr[j] = sc.v;
        const fmt = sc.style && SUMMARY_LOOK[sc.style].numFmt;
        if (fmt) {
          let list = numberFormats.get(fmt);
          if (!list) numberFormats.set(fmt, (list = []));
          list.push({ row: i + 1, col: j + 1 });
        }
      } else if (typeof sc.v === 'string') {
        fr[j] = literalText(sc.v);
      }
      if (sc.style) {
        let list = styles.get(sc.style);
        if (!list) styles.set(sc.style, (list = []));
        list.push({ row: i + 1, col: j + 1 });
      }
    });
    formulas.push(fr);
  });
  if (formulas.length === 0) formulas.push(new Array(columns).fill(''));
  return { formulas, styles, numberFormats, columns };
}

/**
 * The summary's number formats and cells, in blocks of rows under PAYLOAD_BUDGET: every block but the
 * last is sent on its own round trip (into the temporary sheet, so a failure leaves nothing half-written
 * in place); the last rides with the rest of the write batch.
 */
export async function queueSummaryCells(
  ctx: Excel.RequestContext,
  ws: Excel.Worksheet,
  grid: ReturnType<typeof summaryGrid>,
  budgetBytes: number,
): Promise<number> {
  const { formulas, numberFormats, columns } = grid;
  // Number formats first (a handful of rectangles), then the grid.
  for (const [fmt, cells] of numberFormats) {
    for (const a of compactAreas(cells)) {
      const rows = a.bottom - a.top + 1;
      const cols = a.right - a.left + 1;
      ws.getRangeByIndexes(a.top - 1, a.left - 1, rows, cols).numberFormat = Array.from({ length: rows }, () => new Array(cols).fill(fmt));
    }
  }
  let start = 0;
  let bytes = 0;
  let syncs = 0;
  for (let i = 0; i < formulas.length; i++) {
    const b = jsonBytes(formulas[i]);
    if (i > start && bytes + b > budgetBytes) {
      ws.getRangeByIndexes(start, 0, i - start, columns).formulas = formulas.slice(start, i);
      await ctx.sync();
      syncs++;
      start = i;
      bytes = 0;
    }
    bytes += b;
  }
  ws.getRangeByIndexes(start, 0, formulas.length - start, columns).formulas = start === 0 ? formulas : formulas.slice(start);
  return syncs;
}

export function queueSummary(ws: Excel.Worksheet, plan: SummaryPlan, grid: ReturnType<typeof summaryGrid>): void {
  const { styles } = grid;
  for (const [style, cells] of styles) {
    for (const chunk of chunkAddresses(compactAreas(cells))) applyStyle(ws.getRanges(chunk).format, STYLE[style]);
  }
  for (const m of plan.merges) {
    if (m.top === m.bottom && m.left === m.right) continue;
    ws.getRangeByIndexes(m.top - 1, m.left - 1, m.bottom - m.top + 1, m.right - m.left + 1).merge(false);
  }
  // A merged cell never grows to fit wrapped text: give the wrapped merged rows their height.
  const heights = new Map<number, { row: number; col: number }[]>();
  for (const m of plan.merges) {
    if (m.top !== m.bottom) continue;
    const sc = plan.rows[m.top - 1]?.[m.left - 1];
    if (!sc || typeof sc.v !== 'string' || !sc.style || !STYLE[sc.style].wrap) continue;
    let width = 0;
    for (let c = m.left; c <= m.right; c++) width += plan.widths[c - 1] ?? 8.43;
    const h = wrappedRowHeight(sc.v, width);
    if (h <= 20) continue;
    let list = heights.get(h);
    if (!list) heights.set(h, (list = []));
    list.push({ row: m.top, col: 1 });
  }
  for (const [h, cells] of heights) {
    for (const chunk of chunkAddresses(compactAreas(cells))) ws.getRanges(chunk).format.rowHeight = h;
  }
  plan.widths.forEach((w, i) => {
    ws.getRange(columnRangeA1(i + 1)).format.columnWidth = columnWidthPoints(w);
  });
  if (plan.freezeRows > 0) ws.freezePanes.freezeRows(plan.freezeRows);
  if (plan.bars.length) {
    for (const chunk of chunkAddresses(compactAreas(plan.bars))) {
      const bar = ws.getRanges(chunk).conditionalFormats.add('DataBar').dataBar;
      bar.lowerBoundRule = { type: 'Number', formula: '0' };
      bar.upperBoundRule = { type: 'Number', formula: '1' };
      bar.positiveFormat.fillColor = BAR_FILL;
    }
  }
}

export function queueHighlights(ctx: Excel.RequestContext, plan: WritePlan): void {
  const bySheet = new Map<string, Map<Severity, { row: number; col: number }[]>>();
  for (const h of plan.highlights) {
    let m = bySheet.get(h.sheet);
    if (!m) bySheet.set(h.sheet, (m = new Map()));
    let list = m.get(h.severity);
    if (!list) m.set(h.severity, (list = []));
    list.push({ row: h.row, col: h.col });
  }
  for (const [sheet, bySeverity] of bySheet) {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    // Least severe first: each new format goes on top, so errors end up with the top priority.
    for (const sev of [...SEVERITIES].reverse()) {
      const cells = bySeverity.get(sev);
      if (!cells) continue;
      for (const chunk of chunkAddresses(compactAreas(cells))) {
        const cf = ws.getRanges(chunk).conditionalFormats.add('Custom');
        cf.custom.rule.formula = markFormula(sev);
        cf.custom.format.fill.color = SEV_FILL(sev);
      }
    }
  }
}
