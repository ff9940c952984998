// Writing to WPS 表格: reversible highlights and the 评价结果 sheet.
//
// Highlights: before a cell is filled, its Interior (Pattern, Color, PatternColor) is saved in the
// document (state.ts); 清除标记 puts it back, but only while the cell still shows our colour (a fill the
// user changed afterwards is theirs). Applying again first restores the previous marks, so the result
// of 评价 twice is the result of 评价 once.
//
// The summary is written into a new sheet under a temporary name and only swapped in (old sheet of
// ours deleted, new one renamed) once complete, so a failure leaves the previous summary as it was.
// All text is written into cells formatted as text ('@') first, so "=…", "+…", "-…", "@…", "1/2",
// "100%" or "007" stay exactly the text they are.

import { BAR_COLOR, SEVERITY_FILL, SUMMARY_LOOK, SummaryLook, SummaryPlan, Highlight } from '../../core/plan';
import { address, areaAddress, columnLetters, compactAreas, quoteSheetName } from '../../core/snapshot';
import { Area, chunkAddresses } from './address';
import {
  EtRange,
  EtWorkbook,
  EtWorksheet,
  WpsApplication,
  XL_CENTER,
  XL_CONDITION_VALUE_NUMBER,
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

// ---- Interior ----------------------------------------------------------------------------------------

export function readInterior(r: EtRange): SavedInterior {
  const it = r.Interior;
  const pattern = it.Pattern;
  if (pattern === null || pattern === XL_NONE) return { pattern: XL_NONE, color: it.Color ?? 0xffffff };
  const out: SavedInterior = { pattern, color: it.Color ?? 0xffffff };
  if (pattern !== XL_SOLID) {
    const pc = it.PatternColor;
    if (typeof pc === 'number') out.patternColor = pc;
  }
  return out;
}

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

function sheetByName(wb: EtWorkbook, name: string): EtWorksheet | null {
  const sheets = wb.Worksheets;
  for (let i = 1; i <= sheets.Count; i++) {
    const ws = sheets.Item(i);
    if (ws.Name === name) return ws;
  }
  return null;
}

export { sheetByName };

/**
 * Puts back what our marks covered. A cell the user re-coloured since is left alone (and its mark
 * dropped). Marks on a sheet that is not there (renamed or deleted) are returned to be kept: renamed
 * back, they can still be cleared. Pushes an undo per restored cell.
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

/** Fills the plan's cells; returns the marks to keep (one per cell, with what it had before). */
export function applyHighlights(wb: EtWorkbook, highlights: Highlight[], undo: Undo[]): Mark[] {
  const marks: Mark[] = [];
  const bySheet = new Map<string, Highlight[]>();
  for (const h of highlights) {
    let list = bySheet.get(h.sheet);
    if (!list) bySheet.set(h.sheet, (list = []));
    list.push(h);
  }
  bySheet.forEach((list, name) => {
    const ws = sheetByName(wb, name);
    if (!ws) return;
    const byColour = new Map<number, Area[]>();
    for (const h of list) {
      const cell = address(h.row, h.col);
      const r = ws.Range(cell);
      const prev = readInterior(r);
      const applied = bgr(SEVERITY_FILL[h.severity]);
      marks.push({ sheet: name, cell, prev, applied });
      undo.push(() => writeInterior(ws.Range(cell), prev));
      let areas = byColour.get(applied);
      if (!areas) byColour.set(applied, (areas = []));
      areas.push({ top: h.row, left: h.col, bottom: h.row, right: h.col });
    }
    // One call per ~30 cells: multi-area addresses within ET's 255-character limit.
    byColour.forEach((areas, colour) => {
      for (const a of chunkAddresses(areas)) {
        const it = ws.Range(a).Interior;
        it.Pattern = XL_SOLID;
        it.Color = colour;
      }
    });
  });
  return marks;
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
      if (!sc || sc.v === null || sc.v === undefined) {
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
    for (const a of chunkAddresses(compactAreas(cells))) ws.Range(a).NumberFormat = fmt;
  });

  // 2. Values, in blocks of rows.
  for (let start = 0; start < nRows; start += ROWS_PER_WRITE) {
    const block = matrix.slice(start, start + ROWS_PER_WRITE);
    ws.Range(address(start + 1, 1)).Resize(block.length, nCols).Value2 = block;
  }

  // 3. Links to the source cells (before styling: adding a link applies the Hyperlink cell style).
  const links = ws.Hyperlinks;
  plan.rows.forEach((cells, i) => {
    cells.forEach((sc, j) => {
      if (!sc || !sc.link) return;
      const target = `${quoteSheetName(sc.link.sheet)}!${sc.link.cell}`;
      links.Add(ws.Range(address(i + 1, j + 1)), '', target, `转到 ${sc.link.sheet}!${sc.link.cell}`);
    });
  });

  // 4. Styles: one call per property per ~30 areas.
  looks.forEach((cells, key) => {
    for (const a of chunkAddresses(compactAreas(cells))) setLook(ws.Range(a), key);
  });

  // 5. Merges, column widths, heights of merged wrapped paragraphs.
  for (const m of plan.merges) ws.Range(areaAddress(m)).Merge();
  plan.widths.forEach((w, j) => {
    ws.Range(`${columnLetters(j + 1)}1`).ColumnWidth = w;
  });
  const total = plan.widths.reduce((a, b) => a + b, 0);
  // Merged cells do not grow with wrapped text: give long paragraphs their height (cosmetic).
  try {
    for (const m of plan.merges) {
      if (m.top !== m.bottom) continue;
      const sc = plan.rows[m.top - 1] && plan.rows[m.top - 1][m.left - 1];
      if (!sc || typeof sc.v !== 'string' || !(sc.style === 'paragraph' || sc.style === 'note')) continue;
      let width = 0;
      for (let c = m.left; c <= m.right; c++) width += plan.widths[c - 1] ?? 8.43;
      const lines = Math.max(1, Math.ceil(textUnits(sc.v) / Math.max(1, (width || total) * 0.95)));
      if (lines > 1) ws.Range(address(m.top, 1)).RowHeight = Math.min(409, Math.ceil(lines * 14.25 + 3));
    }
  } catch {
    // rows keep their default height
  }

  // 6. Score bars: cosmetic, never worth failing 评价 for (some builds lack data bars).
  for (const b of plan.bars) {
    try {
      const bar = ws.Range(address(b.row, b.col)).FormatConditions.AddDatabar();
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

