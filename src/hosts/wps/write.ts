// Writing to WPS 表格: reversible highlights and the 评价结果 sheet. In real WPS every member access
// crosses into the host, so what is written goes in as few calls as the sheet allows, at any size.
//
// Highlights are the mark format every host shares (../marks.ts): per sheet and severity, conditional-
// format rules whose formula carries our marker, over multi-area ranges (Range("…") takes 255 characters
// of addresses, Application.Union joins up to 30 of them). A sheet whose marks need more addresses than
// DIRECT_ADDRESSES is marked through a mask instead (a very hidden sheet of codes, a name, one rule per
// severity): a few calls whatever the number of areas. They paint over the cells without reading or
// changing the user's fills, so 清除标记 (here, in Excel, or after the file went between them) deletes
// them and the cells look as before. Workbooks marked by older versions kept each cell's previous fill in
// the state sheet (legacy marks): those are still put back, once.
//
// The summary is written into a new sheet under a temporary name and only swapped in (old sheet of
// ours deleted, new one renamed) once complete, so a failure leaves the previous summary as it was.
// All text is written into cells formatted as text ('@') first, so "=…", "+…", "-…", "@…", "1/2",
// "100%" or "007" stay exactly the text they are; links are =HYPERLINK formulas in General cells,
// written with the values (one block write, not one call per link). Looks that alternate row by row
// on a long summary (达成/未达成, 级别) are value rules, a handful, not hundreds of multi-area writes.

import {
  BAR_COLOR,
  OWNER_MARK,
  SEVERITY_FILL,
  isOwnerMark,
  SUMMARY_LOOK,
  SummaryLook,
  SummaryPlan,
  SummaryStyle,
  Highlight,
} from '../../core/plan';
import { Severity } from '../../core/types';
import { address, areaAddress, columnLetters, compactAreas, freeSheetName } from '../../core/snapshot';
import {
  MASK_CODE,
  MASK_PREFIX,
  SEVERITIES,
  formulaString,
  hyperlinkFormula,
  isMaskName,
  markFormula,
  markSeverity,
  maskOf,
  maskRefersTo,
  maskRuleFormula,
} from '../marks';
import { Area, chunkAddresses, parseAreaList } from './address';
import {
  EtFormatCondition,
  EtRange,
  EtWorkbook,
  EtWorksheet,
  WpsApplication,
  XL_CELL_VALUE,
  XL_CENTER,
  XL_CONDITION_VALUE_NUMBER,
  XL_EQUAL,
  XL_EXPRESSION,
  XL_LEFT,
  XL_NONE,
  XL_RIGHT,
  XL_SHEET_HIDDEN,
  XL_SHEET_VERY_HIDDEN,
  XL_SOLID,
  XL_TOP,
  XL_UNDERLINE_SINGLE,
  bgr,
  sheetByName,
  worksheetsOf,
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

// ---- Marks (conditional-format rules) ----------------------------------------------------------------

/** One of our marker rules found on a sheet. */
export interface FoundMark {
  sheet: EtWorksheet;
  rule: EtFormatCondition;
  severity: Severity;
  formula: string;
  color: number | null;
  areas: Area[];
  /** The mask the rule reads (its cells are counted there), or null for a rule over its cells. */
  mask: string | null;
}

/** Ranges joined per rule: one Union call takes 30. */
const RANGES_PER_RULE = 30;
/** Above this many addresses on a sheet, marks go through a mask (../marks.ts): a few calls at any size. */
const DIRECT_ADDRESSES = 12;
/** Cells per block write (values of the summary and of a mask). */
const CELLS_PER_WRITE = 50000;

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
    let formula = '';
    try {
      // Data bars, colour scales… have no Formula1: only formula rules can be ours.
      if (rule.Type === XL_EXPRESSION) {
        formula = rule.Formula1;
        severity = markSeverity(formula);
      }
    } catch {
      severity = null;
    }
    if (!severity) continue;
    let color: number | null = null;
    try {
      color = rule.Interior.Color;
    } catch {
      color = null;
    }
    out.push({
      sheet: ws,
      rule,
      severity,
      formula: formula[0] === '=' ? formula : `=${formula}`,
      color,
      areas: parseAreaList(rule.AppliesTo.Address(false, false)).filter((a): a is Area => a !== null),
      mask: maskOf(formula),
    });
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

/** Adds rules with `formula` over `areas`, filled with `color`; pushes an undo per rule. */
function addRules(app: WpsApplication, ws: EtWorksheet, areas: Area[], formula: string, color: number | null, undo: Undo[]): void {
  for (const t of rangesFor(app, ws, areas)) {
    const rule = t.FormatConditions.Add(XL_EXPRESSION, undefined, formula);
    undo.push(() => rule.Delete());
    if (color !== null) rule.Interior.Color = color;
  }
}

/**
 * Deletes the marks found; pushes undos that add them again. Returns the cells they covered: a mask
 * rule's cells are counted on its sheet among `masks` (maskSheets, which the caller drops afterwards).
 */
export function deleteMarks(app: WpsApplication, found: FoundMark[], masks: EtWorksheet[], undo: Undo[]): number {
  let cells = 0;
  const deleted: FoundMark[] = [];
  // One undo that puts our rules back in the order they had: the ones not yet deleted go too, then all
  // are added again (the user's own rules keep their order; ours come after them).
  undo.push(() => {
    if (!deleted.length) return;
    for (const m of found) if (deleted.indexOf(m) < 0) m.rule.Delete();
    for (const m of found) addRules(app, m.sheet, m.areas, m.formula, m.color, []);
  });
  const read = new Set<string>();
  for (const m of found) {
    m.rule.Delete();
    deleted.push(m);
    if (m.mask) read.add(m.mask.toLowerCase());
    else cells += cellCount(m.areas);
  }
  if (read.size) for (const ws of masks) if (read.has(ws.Name.toLowerCase())) cells += maskCount(ws);
  return cells;
}

// ---- Masks (marks of a sheet with very many marked areas; see ../marks.ts) --------------------------

/** The workbook's mask sheets: named as masks and carrying our owner mark. */
export function maskSheets(wb: EtWorkbook): EtWorksheet[] {
  return worksheetsOf(wb).filter((ws) => isMaskName(ws.Name) && isOwnerMark(ws.Range('A1').Value2));
}

function maskCount(ws: EtWorksheet): number {
  const n = ws.Range('C1').Value2;
  return typeof n === 'number' && n >= 0 ? n : 0;
}

/** Deletes mask sheets and their names, after their rules are gone. Best effort: a leftover is harmless. */
export function dropMasks(wb: EtWorkbook, masks: EtWorksheet[]): void {
  for (const ws of masks) {
    const name = ws.Name;
    try {
      ws.Visible = XL_SHEET_HIDDEN; // a very hidden sheet may refuse deletion
      ws.Delete();
    } catch {
      // stays, very hidden and unused; the next 评价 or 清除标记 tries again
    }
    try {
      wb.Names.Item(name).Delete();
    } catch {
      // no such name (or it could not go): unused either way
    }
  }
}

/** Marks one sheet through a new mask: a sheet of codes, a name, a rule per severity. */
function addMask(app: WpsApplication, wb: EtWorkbook, ws: EtWorksheet, bySeverity: Map<Severity, Cell[]>, undo: Undo[]): void {
  const all: Cell[] = [];
  bySeverity.forEach((cells) => all.push(...cells));
  const box = boundingBox(all);
  const name = freeSheetName(
    worksheetsOf(wb).map((s) => s.Name),
    MASK_PREFIX,
  );
  const sheets = wb.Worksheets;
  const active = wb.ActiveSheet;
  let mask: EtWorksheet;
  try {
    mask = sheets.Add(undefined, sheets.Item(sheets.Count));
  } catch {
    mask = sheets.Add(); // a build that will not add after a (very) hidden last sheet
  }
  undo.push(() => {
    mask.Visible = XL_SHEET_HIDDEN;
    mask.Delete();
  });
  if (active) active.Activate();
  mask.Name = name;
  const head = mask.Range('A1:B1');
  head.NumberFormat = '@';
  head.Value2 = [[`${OWNER_MARK}标记数据（请勿修改或删除）`, ws.Name]];
  mask.Range('C1').Value2 = all.length;
  const width = box.right;
  const grid: (number | string)[][] = [];
  for (let r = box.top; r <= box.bottom; r++) grid.push(new Array<number | string>(width).fill(''));
  bySeverity.forEach((cells, sev) => {
    for (const c of cells) grid[c.row - box.top][c.col - 1] = MASK_CODE[sev];
  });
  const rowsPerWrite = Math.max(1, Math.floor(CELLS_PER_WRITE / width));
  for (let i = 0; i < grid.length; i += rowsPerWrite) {
    const block = grid.slice(i, i + rowsPerWrite);
    mask.Range(address(box.top + 1 + i, 1)).Resize(block.length, width).Value2 = block;
  }
  try {
    mask.Visible = XL_SHEET_VERY_HIDDEN;
  } catch {
    mask.Visible = XL_SHEET_HIDDEN;
  }
  const names = wb.Names;
  names.Add(name, maskRefersTo(name, box.bottom, box.right), false);
  undo.push(() => wb.Names.Item(name).Delete());
  for (const sev of SEVERITIES) {
    const cells = bySeverity.get(sev);
    if (cells) addRules(app, ws, [boundingBox(cells)], maskRuleFormula(sev, name), bgr(SEVERITY_FILL[sev]), undo);
  }
}

type Cell = { row: number; col: number };

function boundingBox(cells: Cell[]): Area {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const c of cells) {
    if (c.row < top) top = c.row;
    if (c.row > bottom) bottom = c.row;
    if (c.col < left) left = c.col;
    if (c.col > right) right = c.col;
  }
  return { top, left, bottom, right };
}

/** Marks the plan's cells, per sheet and severity (most severe first); returns the cells marked. */
export function applyHighlights(app: WpsApplication, wb: EtWorkbook, highlights: Highlight[], undo: Undo[]): number {
  const bySheet = new Map<string, Map<Severity, Cell[]>>();
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
    const areas = new Map<Severity, Area[]>();
    let addresses = 0;
    bySeverity.forEach((cells, sev) => {
      const a = compactAreas(cells);
      areas.set(sev, a);
      addresses += chunkAddresses(a).length;
      marked += cells.length;
    });
    if (addresses > DIRECT_ADDRESSES) {
      addMask(app, wb, ws, bySeverity, undo);
      return;
    }
    for (const sev of SEVERITIES) {
      const a = areas.get(sev);
      if (a) addRules(app, ws, a, markFormula(sev), bgr(SEVERITY_FILL[sev]), undo);
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

/** Look parts a conditional format can carry; size, alignment, wrapping and number formats stay direct. */
const RULE_KEYS = new Set(['bold', 'fc', 'ul', 'fill']);
/** A style whose cells need more addresses than this goes by value rules where it can. */
const DIRECT_CHUNKS = 2;
/** Distinct values per column a style may have to go by value rules. */
const MAX_RULE_VALUES = 4;

/** One conditional format of the summary: the cells of column `col`, rows top…bottom, equal to `value`. */
interface ValueRule {
  col: number;
  top: number;
  bottom: number;
  value: string;
  style: SummaryStyle;
  /** The style's own rows in the column (the cells the rule stands in for). */
  rows: number[];
}

/**
 * Value rules that give exactly the cells of a scattered style its look: per column, the style's cells
 * hold a few texts that no other cell between its first and last row holds (status 达成/未达成, the
 * findings' 级别). A handful of rules then replaces hundreds of multi-area writes on a long summary.
 * A style or column where that does not hold keeps its direct formatting.
 */
function valueRules(plan: SummaryPlan, mergeOf: Map<string, Area>): ValueRule[] {
  // Styles with a part a rule can carry, once (not per cell of a long summary).
  const ruleStyles = new Set(
    (Object.keys(SUMMARY_LOOK) as SummaryStyle[]).filter((st) => lookKeys(SUMMARY_LOOK[st]).some((k) => RULE_KEYS.has(k.split(':')[0]))),
  );
  const byStyle = new Map<SummaryStyle, { row: number; col: number }[]>();
  plan.rows.forEach((cells, i) =>
    cells.forEach((sc, j) => {
      if (!sc || !sc.style || sc.link || !ruleStyles.has(sc.style)) return;
      let list = byStyle.get(sc.style);
      if (!list) byStyle.set(sc.style, (list = []));
      list.push({ row: i + 1, col: j + 1 });
    }),
  );
  const at = (row: number, col: number) => plan.rows[row - 1]?.[col - 1] ?? null;
  const out: ValueRule[] = [];
  byStyle.forEach((cells, style) => {
    if (chunkAddresses(compactAreas(cells)).length <= DIRECT_CHUNKS) return;
    const byCol = new Map<number, number[]>();
    for (const c of cells) {
      let rows = byCol.get(c.col);
      if (!rows) byCol.set(c.col, (rows = []));
      rows.push(c.row);
    }
    byCol.forEach((rows, col) => {
      const values = new Set<string>();
      for (const row of rows) {
        const v = at(row, col)?.v;
        if (typeof v !== 'string' || !v || v.length > 255 || mergeOf.has(`${row},${col}`)) return;
        values.add(v);
      }
      if (values.size > MAX_RULE_VALUES) return;
      const top = Math.min(...rows);
      const bottom = Math.max(...rows);
      for (let row = top; row <= bottom; row++) {
        const sc = at(row, col);
        if (sc && sc.style !== style && typeof sc.v === 'string' && values.has(sc.v)) return;
      }
      values.forEach((value) => out.push({ col, top, bottom, value, style, rows: rows.filter((r) => at(r, col)?.v === value) }));
    });
  });
  return out;
}

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
  const rules = valueRules(plan, mergeOf);
  const ruled = new Set<string>();
  for (const r of rules) for (const row of r.rows) ruled.add(`${row},${r.col}`);
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
        const byRule = ruled.has(`${row},${col}`);
        for (const key of lookKeys(SUMMARY_LOOK[sc.style])) {
          if (byRule && RULE_KEYS.has(key.split(':')[0])) continue;
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
  const rowsPerWrite = Math.max(1, Math.floor(CELLS_PER_WRITE / nCols));
  for (let start = 0; start < nRows; start += rowsPerWrite) {
    const block = matrix.slice(start, start + rowsPerWrite);
    ws.Range(address(start + 1, 1)).Resize(block.length, nCols).Value2 = block;
  }

  // 4. Styles: one call per property per ~1,000 areas (30 addresses of ~30 areas, joined).
  looks.forEach((cells, key) => {
    for (const r of rangesFor(app, ws, compactAreas(cells))) setLook(r, key);
  });

  // 4b. Looks that alternate row by row (达成/未达成, 错误/警告): one value rule per column and value.
  for (const r of rules) {
    const fc = ws
      .Range(areaAddress({ top: r.top, left: r.col, bottom: r.bottom, right: r.col }))
      .FormatConditions.Add(XL_CELL_VALUE, XL_EQUAL, `=${formulaString(r.value)}`);
    const look = SUMMARY_LOOK[r.style];
    if (look.color) fc.Font.Color = bgr(look.color);
    if (look.bold) fc.Font.Bold = true;
    if (look.underline) fc.Font.Underline = XL_UNDERLINE_SINGLE;
    if (look.fill) fc.Interior.Color = bgr(look.fill);
  }

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
