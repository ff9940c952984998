// The host-independent picture of a workbook. Every host (Excel, WPS, .xlsx file) reads into this
// shape; the engine never sees a host object.

/** Raw cell value as the host reports it. Dates are Excel serial numbers with a date format. */
export type CellValue = string | number | boolean | null;

export interface Cell {
  /** Raw value (formula results, not formulas). */
  v: CellValue;
  /** Display text as the user sees it (e.g. "95%" for 0.95 formatted as percent). */
  t: string;
  /** Number format code, when not General. */
  f?: string;
  /** A formula whose result the file does not hold (never calculated, or saved by a tool that does not calculate). */
  uncalculated?: true;
}

/** A merged area, 1-based inclusive sheet coordinates. */
export interface MergeArea {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetSnapshot {
  name: string;
  /** rows[i][j] is the cell at sheet row top+i, column left+j. Missing or null means empty. */
  rows: (Cell | null | undefined)[][];
  /** 1-based sheet row of rows[0] (the used range may not start at A1). */
  top: number;
  /** 1-based sheet column of rows[i][0]. */
  left: number;
  merges: MergeArea[];
  /** The sheet is hidden (or very hidden) in the workbook. Unknown when absent. */
  hidden?: boolean;
  /** 1-based sheet rows that are hidden, ascending. Unknown when absent. */
  hiddenRows?: number[];
}

export interface WorkbookSnapshot {
  name?: string;
  sheets: SheetSnapshot[];
}

export function cellAt(sheet: SheetSnapshot, row: number, col: number): Cell | null {
  const r = sheet.rows[row - sheet.top];
  if (!r) return null;
  return r[col - sheet.left] ?? null;
}

export function lastRow(sheet: SheetSnapshot): number {
  return sheet.top + sheet.rows.length - 1;
}

export function lastCol(sheet: SheetSnapshot): number {
  let max = 0;
  for (const r of sheet.rows) if (r && r.length > max) max = r.length;
  return sheet.left + max - 1;
}

/** Column number (1-based) to letters: 1 → A, 27 → AA. */
export function columnLetters(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function address(row: number, col: number): string {
  return columnLetters(col) + row;
}

/** "B5", or "B5:D9" for a larger area. */
export function areaAddress(a: MergeArea): string {
  const tl = address(a.top, a.left);
  return a.top === a.bottom && a.left === a.right ? tl : `${tl}:${address(a.bottom, a.right)}`;
}

/**
 * Cells → a short list of rectangles: vertical runs per column, then runs with the same rows in
 * adjacent columns joined. A column of 5,000 flagged cells in a row becomes one "E8:E5007"; hosts
 * then format a few areas instead of every cell.
 */
export function compactAreas(cells: readonly { row: number; col: number }[]): MergeArea[] {
  const byCol = new Map<number, number[]>();
  for (const c of cells) {
    let rows = byCol.get(c.col);
    if (!rows) byCol.set(c.col, (rows = []));
    rows.push(c.row);
  }
  // Vertical runs, keyed by their rows so equal runs in neighbouring columns can be joined.
  const runs = new Map<string, number[]>();
  for (const [col, rows] of byCol) {
    rows.sort((a, b) => a - b);
    let start = rows[0];
    let prev = rows[0];
    const flush = () => {
      const key = `${start}:${prev}`;
      let cols = runs.get(key);
      if (!cols) runs.set(key, (cols = []));
      cols.push(col);
    };
    for (let i = 1; i < rows.length; i++) {
      const r = rows[i];
      if (r === prev) continue;
      if (r === prev + 1) {
        prev = r;
        continue;
      }
      flush();
      start = prev = r;
    }
    if (rows.length) flush();
  }
  const out: MergeArea[] = [];
  for (const [key, cols] of runs) {
    const [top, bottom] = key.split(':').map(Number);
    cols.sort((a, b) => a - b);
    let left = cols[0];
    let right = cols[0];
    for (let i = 1; i <= cols.length; i++) {
      if (i < cols.length && cols[i] === right + 1) {
        right = cols[i];
        continue;
      }
      out.push({ top, left, bottom, right });
      if (i < cols.length) left = right = cols[i];
    }
  }
  return out.sort((a, b) => a.top - b.top || a.left - b.left);
}

/**
 * Areas as comma-joined address lists, each at most `limit` characters (hosts refuse longer addresses:
 * Excel's getRanges 8,192, WPS's Range 255).
 */
export function chunkAddresses(areas: readonly MergeArea[], limit: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const a of areas) {
    const s = areaAddress(a);
    if (cur && cur.length + 1 + s.length > limit) {
      out.push(cur);
      cur = '';
    }
    cur = cur ? `${cur},${s}` : s;
  }
  if (cur) out.push(cur);
  return out;
}

/** Sheet name quoted for a reference ('O''Brien'!A1). Always quoted: valid for every name (spaces, CJK, dashes). */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** `base` + the first number that makes a name no sheet has (sheet names compare case-insensitively). */
export function freeSheetName(existing: readonly string[], base: string): string {
  const taken = new Set(existing.map((n) => n.toLowerCase()));
  for (let k = 1; ; k++) {
    const name = `${base}${k}`;
    if (!taken.has(name.toLowerCase())) return name;
  }
}

/** Whether a number format is General, as Excel or WPS (in English or Chinese) spell it; no format is General too. */
export function isGeneralFormat(fmt: unknown): boolean {
  return typeof fmt !== 'string' || fmt === '' || fmt === 'General' || fmt === 'G/通用格式' || fmt === '通用格式' || fmt === 'G/General';
}

/** Column letters (1-based) to number: A → 1, AA → 27; the inverse of columnLetters. */
export function columnNumber(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col;
}

/** "B12" → {row: 12, col: 2}; null when not an A1 address. */
export function parseAddress(a: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(a.trim());
  if (!m) return null;
  return { row: Number(m[2]), col: columnNumber(m[1]) };
}

/** Convenience for tests and generators: build a snapshot from a plain grid starting at A1. */
export function sheetFromGrid(name: string, grid: (CellValue | Cell | undefined)[][], merges: MergeArea[] = []): SheetSnapshot {
  return {
    name,
    top: 1,
    left: 1,
    merges,
    rows: grid.map((r) =>
      r.map((v) => {
        if (v === undefined || v === null) return null;
        if (typeof v === 'object') return v;
        return { v, t: typeof v === 'string' ? v : String(v) };
      }),
    ),
  };
}

/** First cell of every summary sheet we write: how every host recognises a sheet as ours. */
export const OWNER_MARK = '【绩效评价助手】';

export function isOwnerMark(firstCell: unknown): boolean {
  return typeof firstCell === 'string' && firstCell.startsWith(OWNER_MARK);
}

/** Spreadsheet error values as hosts report them in a cell ("#DIV/0!"), longest first. */
export const ERROR_VALUES = [
  '#GETTING_DATA',
  '#DIV/0!',
  '#VALUE!',
  '#SPILL!',
  '#CALC!',
  '#NAME?',
  '#NULL!',
  '#NUM!',
  '#REF!',
  '#N/A',
  '#FIELD!',
  '#BLOCKED!',
  '#CONNECT!',
  '#BUSY!',
  '#UNKNOWN!',
];

/**
 * The error a cell holds, or null. Office.js and files give the error text as the value; WPS's Value2
 * gives a number (the COM error code) while its Text shows the error, so the display text is checked too.
 */
export function cellError(c: Cell | null | undefined): string | null {
  if (!c) return null;
  return errorText(c.v) ?? errorText(c.t);
}

function errorText(x: unknown): string | null {
  // Hot path (every cell read): nothing is allocated unless the text can be an error.
  if (typeof x !== 'string' || x.length > 16 || x.length < 4) return null;
  const i = x.charCodeAt(0) === 35 ? 0 : x.indexOf('#');
  if (i < 0 || x.slice(0, i).trim() !== '') return null;
  const t = x.trim().toUpperCase();
  return ERROR_VALUES.indexOf(t) >= 0 ? t : null;
}

/** Rows top…bottom that none of `areas` covers, ascending (hidden rows, from the visible cells' areas). */
export function uncoveredRows(top: number, bottom: number, areas: MergeArea[]): number[] {
  const shown = areas.map((a) => [a.top, a.bottom]).sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  let r = top;
  for (const [t, b] of shown) {
    for (; r < t && r <= bottom; r++) out.push(r);
    if (b + 1 > r) r = b + 1;
  }
  for (; r <= bottom; r++) out.push(r);
  return out;
}
