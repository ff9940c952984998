// The in-memory workbook behind the fake ET object model (fake.ts): plain, JSON-serialisable data, plus
// the rules WPS 表格 applies when a value is entered (formulas, numbers, percents, dates turned from
// text unless the cell is formatted as text) and how a value is displayed. No Node imports: a browser
// test bundles this file.

import { formatNumber } from '../../../src/hosts/file/xlsx';
import { columnLetters } from '../../../src/core/snapshot';
import { isDateFormat, serialToDate } from '../../../src/core/parse';

export const XL_NONE = -4142;
export const XL_SOLID = 1;
export const XL_AUTOMATIC = -4105;
export const WHITE = 0xffffff;
export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;
export const DEFAULT_COLUMN_WIDTH = 8.38;
export const DEFAULT_ROW_HEIGHT = 13.5;

/** 1-based inclusive sheet coordinates. */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface FakeCell {
  /** null: empty. */
  v: string | number | boolean | null;
  /** The formula as entered ("=…"), when the cell holds one. */
  formula?: string;
  /** Target of a =HYPERLINK("#…",…) formula ("#'表'!B5"). */
  hyperlink?: string;
  /** Number format; 'General' by default. */
  fmt: string;
  /** Interior.Pattern: XL_NONE (no fill), XL_SOLID, or a pattern constant. */
  pattern: number;
  /** Interior.Color, BGR. */
  color: number;
  /** Interior.PatternColor, BGR. */
  patternColor: number;
  bold?: boolean;
  italic?: boolean;
  fontColor?: number;
  size?: number;
  underline?: number;
  hAlign?: number;
  vAlign?: number;
  wrap?: boolean;
}

export interface FakeLink {
  row: number;
  col: number;
  address: string;
  subAddress: string;
  screenTip: string;
  text: string;
}

export interface FakeDataBar {
  area: Area;
  min?: [number, number | undefined];
  max?: [number, number | undefined];
  color?: number;
  showValue: boolean;
}

/** A formula conditional format (xlExpression) and the fill it paints, BGR (null: none set). */
export interface FakeRule {
  areas: Area[];
  /** An xlExpression rule's formula, or the value an xlCellValue/xlEqual rule compares with ("=\"达成\""). */
  formula: string;
  color: number | null;
  /** xlCellValue with xlEqual (absent: xlExpression). */
  equal?: boolean;
  /** The rule's font: colour (BGR), bold, underline (absent: unchanged). */
  font?: { color?: number; bold?: boolean; underline?: number };
}

/** A defined name of the workbook. */
export interface FakeName {
  name: string;
  refersTo: string;
  visible: boolean;
}

export interface FakeView {
  freeze: boolean;
  splitRow: number;
  splitColumn: number;
  scrollRow: number;
  scrollColumn: number;
  /** Selected address, e.g. "B12". */
  selection: string;
}

export interface FakeSheet {
  name: string;
  /** Key `${row},${col}`; only cells that differ from an empty, unformatted cell. */
  cells: Record<string, FakeCell>;
  merges: Area[];
  colWidths: Record<string, number>;
  rowHeights: Record<string, number>;
  /** XlSheetVisibility: -1 visible, 0 hidden, 2 very hidden. */
  visible: number;
  /** Sheet protection, null when unprotected. */
  protect: null | { allowFormattingCells: boolean };
  links: FakeLink[];
  dataBars: FakeDataBar[];
  /** Formula rules, in priority order (index 0 first). */
  rules: FakeRule[];
  /** Hidden rows (1-based); absent: none. */
  hiddenRows?: number[];
  view: FakeView;
}

export interface FakeBook {
  name: string;
  fullName: string;
  sheets: FakeSheet[];
  /** Index into sheets of the active sheet. */
  active: number;
  protectStructure: boolean;
  names?: FakeName[];
}

export function emptyCell(): FakeCell {
  return { v: null, fmt: 'General', pattern: XL_NONE, color: WHITE, patternColor: 0 };
}

export function newSheet(name: string): FakeSheet {
  return {
    name,
    cells: {},
    merges: [],
    colWidths: {},
    rowHeights: {},
    visible: -1,
    protect: null,
    links: [],
    dataBars: [],
    rules: [],
    view: { freeze: false, splitRow: 0, splitColumn: 0, scrollRow: 1, scrollColumn: 1, selection: 'A1' },
  };
}

export function newBook(name = '工作簿1.xlsx', sheetNames: string[] = ['Sheet1']): FakeBook {
  return { name, fullName: name, sheets: sheetNames.map(newSheet), active: 0, protectStructure: false };
}

export function key(row: number, col: number): string {
  return `${row},${col}`;
}

/** True when a cell holds nothing and has no formatting (it is then dropped from the map). */
export function isBlank(c: FakeCell): boolean {
  return (
    c.v === null &&
    c.formula === undefined &&
    c.fmt === 'General' &&
    c.pattern === XL_NONE &&
    c.color === WHITE &&
    c.patternColor === 0 &&
    !c.bold &&
    !c.italic &&
    c.fontColor === undefined &&
    c.size === undefined &&
    c.underline === undefined &&
    c.hAlign === undefined &&
    c.vAlign === undefined &&
    !c.wrap
  );
}

export function inArea(a: Area, row: number, col: number): boolean {
  return row >= a.top && row <= a.bottom && col >= a.left && col <= a.right;
}

export function intersects(a: Area, b: Area): boolean {
  return a.left <= b.right && b.left <= a.right && a.top <= b.bottom && b.top <= a.bottom;
}

export function areaCells(a: Area): number {
  return (a.bottom - a.top + 1) * (a.right - a.left + 1);
}

export { columnLetters };

export function cellAddress(row: number, col: number, absRow = false, absCol = false): string {
  return `${absCol ? '$' : ''}${columnLetters(col)}${absRow ? '$' : ''}${row}`;
}

export function areaAddress(a: Area, absRow = false, absCol = false): string {
  const tl = cellAddress(a.top, a.left, absRow, absCol);
  return a.top === a.bottom && a.left === a.right ? tl : `${tl}:${cellAddress(a.bottom, a.right, absRow, absCol)}`;
}

function parseCellRef(s: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(s.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (row < 1 || row > MAX_ROWS || col < 1 || col > MAX_COLS) return null;
  return { row, col };
}

/** "A1", "$A$1:$C$3", "A1:B2,D4" → areas; throws like ET does on anything else. */
export function parseAreas(address: string): Area[] {
  if (typeof address !== 'string' || !address.trim()) throw new Error(`Range: invalid address ${JSON.stringify(address)}`);
  if (address.length > 255) throw new Error('Range: address longer than 255 characters');
  return address.split(',').map((part) => {
    const ends = part.split(':');
    if (ends.length > 2) throw new Error(`Range: invalid address ${JSON.stringify(address)}`);
    const a = parseCellRef(ends[0]);
    const b = ends.length === 2 ? parseCellRef(ends[1]) : a;
    if (!a || !b) throw new Error(`Range: invalid address ${JSON.stringify(address)}`);
    return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
  });
}

// ---- Entering a value -----------------------------------------------------------------------------------

const NUMBER = /^[+-]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?([eE][+-]?\d+)?$/;
const PERCENT = /^([+-]?\d+(\.\d+)?)%$/;
const DATE = /^(\d{1,4})[/-](\d{1,2})(?:[/-](\d{1,4}))?$/;

function dateSerial(y: number, m: number, d: number): number {
  return (Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86400000;
}

/**
 * What a cell holds after `x` is written to it through Value2, like WPS: text in a cell formatted as
 * text ('@') stays text; otherwise "=…" (and "+x", "-x", "@x" that are not numbers) become formulas,
 * "007" becomes 7, "100%" becomes 1 formatted as a percent, "1/2" becomes a date.
 */
/** =HYPERLINK("target",label): the one formula the fake evaluates (its label is the value shown). */
const HYPERLINK = /^=HYPERLINK\("((?:[^"]|"")*)",(?:(-?\d+(?:\.\d+)?)|"((?:[^"]|"")*)")\)$/i;

export function enterValue(cell: FakeCell, x: unknown): void {
  delete cell.formula;
  delete cell.hyperlink;
  if (x === null || x === undefined || x === '') {
    cell.v = null;
    return;
  }
  if (typeof x === 'number' || typeof x === 'boolean') {
    cell.v = x;
    return;
  }
  const s = String(x);
  // Like Excel, a cell keeps at most 32,767 characters; refusing longer text catches writers that rely on a cut.
  if (s.length - (s[0] === "'" ? 1 : 0) > 32767) throw new Error('fake: a cell holds at most 32,767 characters');
  if (cell.fmt === '@') {
    cell.v = s;
    return;
  }
  if (s[0] === "'") {
    cell.v = s.slice(1);
    return;
  }
  if (NUMBER.test(s)) {
    cell.v = Number(s.replace(/,/g, ''));
    return;
  }
  const p = PERCENT.exec(s);
  if (p) {
    cell.v = Number(p[1]) / 100;
    if (cell.fmt === 'General') cell.fmt = p[2] ? '0.00%' : '0%';
    return;
  }
  const d = DATE.exec(s);
  if (d) {
    const a = Number(d[1]);
    const b = Number(d[2]);
    const c = d[3] !== undefined ? Number(d[3]) : undefined;
    let y: number, m: number, day: number;
    if (a > 31) [y, m, day] = [a, b, c ?? 1];
    else [y, m, day] = [new Date().getFullYear(), a, b];
    if (m >= 1 && m <= 12 && day >= 1 && day <= 31) {
      cell.v = dateSerial(y, m, day);
      if (cell.fmt === 'General') cell.fmt = c !== undefined || a > 31 ? 'yyyy/m/d' : 'm月d日';
      return;
    }
  }
  const link = s[0] === '=' ? HYPERLINK.exec(s) : null;
  if (link) {
    cell.formula = s;
    cell.hyperlink = link[1].replace(/""/g, '"');
    cell.v = link[2] !== undefined ? Number(link[2]) : link[3].replace(/""/g, '"');
    return;
  }
  if (s[0] === '=' || ((s[0] === '+' || s[0] === '-' || s[0] === '@') && s.length > 1)) {
    // A formula: the fake does not evaluate, it shows what a reference to nothing shows.
    cell.formula = s[0] === '=' ? s : `=${s}`;
    cell.v = '#NAME?';
    return;
  }
  cell.v = s;
}

// ---- Display ------------------------------------------------------------------------------------------

function formatDate(serial: number, fmt: string): string {
  const d = serialToDate(serial);
  if (d.year === null) return String(serial);
  if (/年/.test(fmt))
    return /日|d/i.test(fmt.replace(/"[^"]*"/g, '')) || /日/.test(fmt) ? `${d.year}年${d.month}月${d.day}日` : `${d.year}年${d.month}月`;
  if (/月/.test(fmt)) return `${d.month}月${d.day}日`;
  return `${d.year}/${d.month}/${d.day}`;
}

/** Range.Text of a cell: its value under its number format; "###" when a number does not fit. */
export function displayText(c: FakeCell | undefined, width: number): string {
  if (!c || c.v === null) return '';
  if (typeof c.v === 'boolean') return c.v ? 'TRUE' : 'FALSE';
  if (typeof c.v === 'string') return c.v;
  let t: string;
  if (c.fmt === 'General' || c.fmt === '@') t = formatNumber(c.v, undefined);
  else if (isDateFormat(c.fmt)) t = formatDate(c.v, c.fmt);
  else t = formatNumber(c.v, c.fmt);
  const fits = Math.max(1, Math.floor(width));
  return t.length > fits ? '#'.repeat(fits) : t;
}

// ---- Colours ----------------------------------------------------------------------------------------------

/** The default 56-colour palette (ColorIndex 1…56), BGR. */
export const PALETTE: number[] = [
  0x000000, 0xffffff, 0x0000ff, 0x00ff00, 0xff0000, 0x00ffff, 0xff00ff, 0xffff00, 0x000080, 0x008000, 0x800000, 0x008080, 0x800080,
  0x808000, 0xc0c0c0, 0x808080, 0xff9999, 0x663399, 0xccffff, 0xffffcc, 0x660066, 0x8080ff, 0xcc6600, 0xffcccc, 0x800000, 0xff00ff,
  0x00ffff, 0xffff00, 0x800080, 0x000080, 0x808000, 0xff0000, 0xffcc00, 0xffffcc, 0xccffcc, 0x99ffff, 0xffcc99, 0xcc99ff, 0xff99cc,
  0x99ccff, 0xff6633, 0xcccc33, 0x00cc99, 0x00ccff, 0x0099ff, 0x0066ff, 0x996666, 0x969696, 0x663300, 0x669933, 0x003300, 0x003333,
  0x003399, 0x663399, 0x993333, 0x333333,
];

/** ColorIndex of a BGR colour: the nearest palette entry, as ET reports it. */
export function nearestColorIndex(bgrColour: number): number {
  let best = 1;
  let bestD = Infinity;
  PALETTE.forEach((p, i) => {
    const d =
      Math.pow((p & 0xff) - (bgrColour & 0xff), 2) +
      Math.pow(((p >> 8) & 0xff) - ((bgrColour >> 8) & 0xff), 2) +
      Math.pow(((p >> 16) & 0xff) - ((bgrColour >> 16) & 0xff), 2);
    if (d < bestD) {
      bestD = d;
      best = i + 1;
    }
  });
  return best;
}

/** Sheet names: at most 31 characters, none of : \ / ? * [ ], not blank, no apostrophe at either end. */
export function validSheetName(name: string): boolean {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= 31 &&
    !/[:\\/?*[\]]/.test(name) &&
    name[0] !== "'" &&
    name[name.length - 1] !== "'"
  );
}

/**
 * Whether a formula rule paints cell (row, col), as WPS would compute it, for the two kinds of formula the
 * add-in writes: a constant TRUE (=ISTEXT("…")) and a mask lookup, =AND(ISTEXT("…"),INDEX(name,ROW(),COLUMN())=k),
 * read through the workbook's names. Any other formula is refused, so a test cannot pass on a guess.
 */
export function rulePaints(book: FakeBook, rule: FakeRule, row: number, col: number): boolean {
  if (!rule.areas.some((a) => inArea(a, row, col))) return false;
  const f = rule.formula.replace(/^=/, '');
  if (/^ISTEXT\("[^"]*"\)$/i.test(f)) return true;
  const m = /^AND\(ISTEXT\("[^"]*"\),INDEX\(([\w.]+),ROW\(\),COLUMN\(\)\)=(\d+)\)$/i.exec(f);
  if (!m) throw new Error(`fake: cannot evaluate the rule formula ${rule.formula}`);
  const name = (book.names ?? []).find((n) => n.name.toLowerCase() === m[1].toLowerCase());
  if (!name) return false; // #NAME?: the rule paints nothing
  const ref = /^='?((?:[^']|'')+?)'?!\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)$/.exec(name.refersTo);
  if (!ref) return false; // #REF!
  const sheet = book.sheets.find((s) => s.name === ref[1].replace(/''/g, "'"));
  if (!sheet) return false;
  const [area] = parseAreas(`${ref[2]}${ref[3]}:${ref[4]}${ref[5]}`);
  if (row > area.bottom - area.top + 1 || col > area.right - area.left + 1) return false; // #REF!
  const cell = sheet.cells[key(area.top + row - 1, area.left + col - 1)];
  return !!cell && cell.v === Number(m[2]);
}
