// Writing to WPS 表格: reversible highlights and the 评价结果 sheet.
//
// Highlights are the mark format every host shares (../marks.ts): per sheet and severity, conditional-
// format rules whose formula carries our marker, over multi-area ranges (Range("…") takes 255 characters
// of addresses, Application.Union joins up to 30 of them). They paint over the cells without reading or
// changing the user's fills, so 清除标记 (here, in Excel, or after the file went between them) deletes
// them and the cells look as before. Workbooks marked by older versions kept each cell's previous fill in
// the state sheet (legacy marks): those are still put back, once.
//
// The summary is written into a new sheet under a temporary name and only swapped in (old sheet of
// ours deleted, new one renamed) once complete, so a failure leaves the previous summary as it was.
// All text is written into cells formatted as text ('@') first, so "=…", "+…", "-…", "@…", "1/2",
// "100%" or "007" stay exactly the text they are; links are =HYPERLINK formulas in General cells,
// written with the values (one block write, not one call per link).

import { BAR_COLOR, SEVERITY_FILL, SUMMARY_LOOK, SummaryLook, SummaryPlan, Highlight } from '../../core/plan';
import { Severity } from '../../core/types';
import { address, columnLetters, compactAreas } from '../../core/snapshot';
import { SEVERITIES, hyperlinkFormula, markFormula, markSeverity } from '../marks';
import { Area, chunkAddresses, parseArea } from './address';
import {
  EtFormatCondition,
  EtRange,
  EtWorkbook,
  EtWorksheet,
  WpsApplication,
  XL_CENTER,
  XL_CONDITION_VALUE_NUMBER,
  XL_EXPRESSION,
  XL_LEFT,
  XL_NONE,
  XL_RIGHT,
  XL_SOLID,
  XL_TOP,
  XL_UNDERLINE_SINGLE,
  bgr,
} from './et';
import { Mark, SavedInterior } from './state';

export type Undo = () => void;

/** Undoes the steps done so far, last first; a step that fails does not stop the others. */
export function undoAll(undo: Undo[]): void {
  for (let i = undo.length - 1; i >= 0; i--) {
    try {
      undo[i]();
    } catch {
      // best effort: keep undoing the rest
    }
  }
  undo.length = 0;
}

export function sheetByName(wb: EtWorkbook, name: string): EtWorksheet | null {
  const sheets = wb.Worksheets;
  for (let i = 1; i <= sheets.Count; i++) {
    const ws = sheets.Item(i);
    if (ws.Name === name) return ws;
  }
  return null;
}

// ---- Marks (conditional-format rules) ----------------------------------------------------------------

/** One of our marker rules found on a sheet. */
export interface FoundMark {
  sheet: EtWorksheet;
  rule: EtFormatCondition;
  severity: Severity;
  areas: Area[];
}

/** Ranges joined per rule: one Union call takes 30. */
const RANGES_PER_RULE = 30;

/** "A1:B2,C5" → areas (an AppliesTo address, without sheet names). */
function parseAreaList(addr: string): Area[] {
  const out: Area[] = [];
  for (const part of addr.split(',')) {
    const a = parseArea(part);
    if (a) out.push(a);
  }
  return out;
}

function cellCount(areas: Area[]): number {
  let n = 0;
  for (const a of areas) n += (a.bottom - a.top + 1) * (a.right - a.left + 1);
  return n;
}

/** Our marker rules on a sheet: the sheet's FormatConditions whose formula carries the marker. */
export function findMarks(ws: EtWorksheet): FoundMark[] {
  const out: FoundMark[] = [];
  let fcs;
  try {
    fcs = ws.Cells.FormatConditions;
  } catch {
    fcs = ws.UsedRange.FormatConditions;
  }
  const n = fcs.Count;
  for (let i = 1; i <= n; i++) {
    const rule = fcs.Item(i);
    let severity: Severity | null = null;
    try {
      // Data bars, colour scales… have no Formula1: only formula rules can be ours.
      if (rule.Type === XL_EXPRESSION) severity = markSeverity(rule.Formula1);
    } catch {
      severity = null;
    }
    if (!severity) continue;
    out.push({ sheet: ws, rule, severity, areas: parseAreaList(rule.AppliesTo.Address(false, false)) });
  }
  return out;
}

/** The ranges as few multi-area ranges as Union allows; the ranges themselves where it cannot. */
function unite(app: WpsApplication, ranges: EtRange[]): EtRange[] {
  if (ranges.length < 2 || typeof app.Union !== 'function') return ranges;
  const out: EtRange[] = [];
  for (let i = 0; i < ranges.length; i += RANGES_PER_RULE) {
    const group = ranges.slice(i, i + RANGES_PER_RULE);
    if (group.length === 1) {
      out.push(group[0]);
      continue;
    }
    try {
      out.push(app.Union(group[0], group[1], ...group.slice(2)));
    } catch {
      // a build without Union: one rule per range
      out.push(...group);
    }
  }
  return out;
}

/** Multi-area ranges covering `areas`: 255-character addresses, joined by Union where it works. */
export function rangesFor(app: WpsApplication, ws: EtWorksheet, areas: Area[]): EtRange[] {
  return unite(
    app,
    chunkAddresses(areas).map((a) => ws.Range(a)),
  );
}

/** Adds our marker rules for `areas` of one severity; pushes an undo per rule. Returns the rules' count. */
export function addMarks(app: WpsApplication, ws: EtWorksheet, areas: Area[], severity: Severity, undo: Undo[]): number {
  const targets = rangesFor(app, ws, areas);
  for (const t of targets) {
    const rule = t.FormatConditions.Add(XL_EXPRESSION, undefined, markFormula(severity));
    undo.push(() => rule.Delete());
    rule.Interior.Color = bgr(SEVERITY_FILL[severity]);
  }
  return targets.length;
}

/** Deletes the marks found; pushes undos that add them again. Returns the cells they covered. */
export function deleteMarks(app: WpsApplication, found: FoundMark[], undo: Undo[]): number {
  let cells = 0;
  const deleted: FoundMark[] = [];
  // One undo that puts our rules back in the order they had: the ones not yet deleted go too, then all
  // are added again (the user's own rules keep their order; ours come after them).
  undo.push(() => {
    if (!deleted.length) return;
    for (const m of found) if (deleted.indexOf(m) < 0) m.rule.Delete();
    for (const m of found) addMarks(app, m.sheet, m.areas, m.severity, []);
  });
  for (const m of found) {
    m.rule.Delete();
    deleted.push(m);
    cells += cellCount(m.areas);
  }
  return cells;
}

/** Marks the plan's cells, per sheet and severity (most severe first); returns the cells marked. */
export function applyHighlights(app: WpsApplication, wb: EtWorkbook, highlights: Highlight[], undo: Undo[]): number {
  const bySheet = new Map<string, Map<Severity, { row: number; col: number }[]>>();
  for (const h of highlights) {
    let m = bySheet.get(h.sheet);
    if (!m) bySheet.set(h.sheet, (m = new Map()));
    let list = m.get(h.severity);
    if (!list) m.set(h.severity, (list = []));
    list.push({ row: h.row, col: h.col });
  }
  let marked = 0;
  bySheet.forEach((bySeverity, name) => {
    const ws = sheetByName(wb, name);
    if (!ws) return;
    for (const sev of SEVERITIES) {
      const cells = bySeverity.get(sev);
      if (!cells) continue;
      addMarks(app, ws, compactAreas(cells), sev, undo);
      marked += cells.length;
    }
  });
  return marked;
}

// ---- Legacy marks (fills saved in the state sheet by earlier versions) ----------------------------------

export function writeInterior(r: EtRange, s: SavedInterior): void {
  const it = r.Interior;
  if (s.pattern === XL_NONE) {
    it.ColorIndex = XL_NONE;
    return;
  }
  it.Pattern = s.pattern;
  it.Color = s.color;
  if (s.patternColor !== undefined) it.PatternColor = s.patternColor;
}

/**
 * Puts back the fills legacy marks covered. A cell the user re-coloured since is left alone (and its
 * mark dropped). Marks on a sheet that is not there (renamed or deleted) are returned to be kept.
 * Pushes an undo per restored cell.
 */
export function restoreMarks(wb: EtWorkbook, marks: Mark[], undo: Undo[]): { restored: number; missing: Mark[] } {
  let restored = 0;
  const missing: Mark[] = [];
  const sheets = new Map<string, EtWorksheet | null>();
  for (const m of marks) {
    if (!sheets.has(m.sheet)) sheets.set(m.sheet, sheetByName(wb, m.sheet));
    const ws = sheets.get(m.sheet);
    if (!ws) {
      missing.push(m);
      continue;
    }
    const r = ws.Range(m.cell);
    const it = r.Interior;
    if (it.Pattern !== XL_SOLID || it.Color !== m.applied) continue;
    writeInterior(r, m.prev);
    undo.push(() => {
      const x = ws.Range(m.cell).Interior;
      x.Pattern = XL_SOLID;
      x.Color = m.applied;
    });
    restored++;
  }
  return { restored, missing };
}

// ---- The summary sheet ---------------------------------------------------------------------------------

function lookKeys(l: SummaryLook): string[] {
  const k: string[] = [];
  if (l.bold) k.push('bold');
  if (l.size) k.push(`size:${l.size}`);
  if (l.color) k.push(`fc:${l.color}`);
  if (l.underline) k.push('ul');
  if (l.fill) k.push(`fill:${l.fill}`);
  if (l.h) k.push(`h:${l.h}`);
  if (l.v) k.push(`v:${l.v}`);
  if (l.wrap) k.push('wrap');
  return k;
}

const ALIGN: Record<string, number> = { left: XL_LEFT, center: XL_CENTER, right: XL_RIGHT, top: XL_TOP };

function setLook(r: EtRange, key: string): void {
  const [kind, arg] = key.split(':');
  switch (kind) {
    case 'bold':
      r.Font.Bold = true;
      break;
    case 'size':
      r.Font.Size = Number(arg);
      break;
    case 'fc':
      r.Font.Color = bgr(arg);
      break;
    case 'ul':
      r.Font.Underline = XL_UNDERLINE_SINGLE;
      break;
    case 'fill': {
      const it = r.Interior;
      it.Pattern = XL_SOLID;
      it.Color = bgr(arg);
      break;
    }
    case 'h':
      r.HorizontalAlignment = ALIGN[arg];
      break;
    case 'v':
      r.VerticalAlignment = ALIGN[arg];
      break;
    case 'wrap':
      r.WrapText = true;
      break;
    case 'fmt':
      r.NumberFormat = arg;
      break;
  }
}

/** Display width of text in column-width units (CJK and full-width characters count two). */
function textUnits(s: string): number {
  let n = 0;
  for (const ch of s) n += /[\u1100-\uffff]/.test(ch) ? 2 : 1;
  return n;
}

const ROWS_PER_WRITE = 1000;

/** Writes the whole summary into `ws` (a fresh, empty sheet). */
export function writeSummarySheet(app: WpsApplication, ws: EtWorksheet, plan: SummaryPlan): void {
  const nRows = plan.rows.length;
  const nCols = plan.rows.reduce((n, r) => Math.max(n, r.length), Math.max(plan.widths.length, 1));
  if (nRows === 0) return;

  // 1. Everything as text first; then the cells that hold numbers get a number format.
  ws.Range('A1').Resize(nRows, nCols).NumberFormat = '@';
  const byFormat = new Map<string, { row: number; col: number }[]>();
  const looks = new Map<string, { row: number; col: number }[]>();
  const mergeOf = new Map<string, Area>();
  for (const m of plan.merges) mergeOf.set(`${m.top},${m.left}`, m);
  const add = (map: Map<string, { row: number; col: number }[]>, key: string, row: number, col: number) => {
    let list = map.get(key);
    if (!list) map.set(key, (list = []));
    list.push({ row, col });
  };
  const matrix: (string | number)[][] = [];
  plan.rows.forEach((cells, i) => {
    const row = i + 1;
    const out: (string | number)[] = [];
    for (let j = 0; j < nCols; j++) {
      const sc = cells[j];
      const col = j + 1;
      if (sc && sc.link) {
        // An in-workbook link: a formula, so its cell must not be text-formatted.
        out.push(
          hyperlinkFormula(
            sc.link.sheet,
            sc.link.cell,
            sc.v === null || sc.v === undefined ? '' : typeof sc.v === 'number' && !isFinite(sc.v) ? String(sc.v) : sc.v,
          ),
        );
        add(byFormat, 'General', row, col);
      } else if (!sc || sc.v === null || sc.v === undefined) {
        out.push('');
      } else if (typeof sc.v === 'number') {
        out.push(isFinite(sc.v) ? sc.v : String(sc.v));
        if (isFinite(sc.v)) add(byFormat, (sc.style && SUMMARY_LOOK[sc.style].numFmt) || 'General', row, col);
      } else {
        out.push(String(sc.v));
      }
      if (sc && sc.style) {
        const m = mergeOf.get(`${row},${col}`);
        for (const key of lookKeys(SUMMARY_LOOK[sc.style])) {
          if (m) {
            for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) add(looks, key, r, c);
          } else add(looks, key, row, col);
        }
      }
    }
    matrix.push(out);
  });
  byFormat.forEach((cells, fmt) => {
    for (const r of rangesFor(app, ws, compactAreas(cells))) r.NumberFormat = fmt;
  });

  // 2. Values, in blocks of rows.
  for (let start = 0; start < nRows; start += ROWS_PER_WRITE) {
    const block = matrix.slice(start, start + ROWS_PER_WRITE);
    ws.Range(address(start + 1, 1)).Resize(block.length, nCols).Value2 = block;
  }

  // 4. Styles: one call per property per ~1,000 areas (30 addresses of ~30 areas, joined).
  looks.forEach((cells, key) => {
    for (const r of rangesFor(app, ws, compactAreas(cells))) setLook(r, key);
  });

  // 5. Merges (multi-area: Merge merges each area on its own), column widths, heights of merged
  // wrapped paragraphs.
  const toMerge = plan.merges.filter((m) => m.top !== m.bottom || m.left !== m.right);
  for (const a of chunkAddresses(toMerge)) ws.Range(a).Merge();
  plan.widths.forEach((w, j) => {
    ws.Range(`${columnLetters(j + 1)}1`).ColumnWidth = w;
  });
  const total = plan.widths.reduce((a, b) => a + b, 0);
  // Merged cells do not grow with wrapped text: give long paragraphs their height (cosmetic).
  try {
    const heights = new Map<string, { row: number; col: number }[]>();
    for (const m of plan.merges) {
      if (m.top !== m.bottom) continue;
      const sc = plan.rows[m.top - 1] && plan.rows[m.top - 1][m.left - 1];
      if (!sc || typeof sc.v !== 'string' || !(sc.style === 'paragraph' || sc.style === 'note')) continue;
      let width = 0;
      for (let c = m.left; c <= m.right; c++) width += plan.widths[c - 1] ?? 8.43;
      const lines = Math.max(1, Math.ceil(textUnits(sc.v) / Math.max(1, (width || total) * 0.95)));
      if (lines > 1) add(heights, String(Math.min(409, Math.ceil(lines * 14.25 + 3))), m.top, 1);
    }
    // One call per height per ~30 row groups.
    heights.forEach((cells, h) => {
      for (const a of chunkAddresses(compactAreas(cells))) ws.Range(a).RowHeight = Number(h);
    });
  } catch {
    // rows keep their default height
  }

  // 6. Score bars: cosmetic, never worth failing 评价 for (some builds lack data bars).
  for (const a of chunkAddresses(compactAreas(plan.bars))) {
    try {
      const bar = ws.Range(a).FormatConditions.AddDatabar();
      bar.MinPoint.Modify(XL_CONDITION_VALUE_NUMBER, 0);
      bar.MaxPoint.Modify(XL_CONDITION_VALUE_NUMBER, 1);
      bar.BarColor.Color = bgr(BAR_COLOR);
    } catch {
      // the percentage stays readable without the bar
    }
  }

  // 7. Freeze the title rows (ActiveWindow applies to the active sheet). Cosmetic: a build that
  // refuses window changes while the screen is not updating still gets its summary.
  if (plan.freezeRows > 0) {
    ws.Activate();
    try {
      const win = app.ActiveWindow;
      if (win) {
        win.FreezePanes = false;
        win.ScrollRow = 1;
        win.ScrollColumn = 1;
        win.SplitColumn = 0;
        win.SplitRow = plan.freezeRows;
        win.FreezePanes = true;
      }
    } catch {
      // not frozen
    }
  }
}
