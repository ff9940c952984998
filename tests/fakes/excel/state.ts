// The in-memory workbook behind the fake Excel API (tests/fakes/excel/api.ts). Plain data plus the rules
// Excel applies when a value is entered (formulas, quote prefix, number/percent/date/boolean parsing)
// and how a value is displayed. No Node imports: a browser test can bundle this file.

import { formatNumber } from '../../../src/hosts/file/xlsx';
import { columnLetters } from '../../../src/core/snapshot';

/** 1-based inclusive sheet coordinates. */
export interface Area {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;
/** Excel's limit for an address passed to getRange/getRanges. */
export const ADDRESS_LIMIT = 8192;

export interface FakeFont {
  name?: string;
  size?: number;
  bold?: boolean;
  italic?: boolean;
  color?: string;
  underline?: string;
}

export interface FakeBorder {
  style: string;
  color?: string;
}

export interface FakeAlignment {
  horizontal?: string;
  vertical?: string;
  wrapText?: boolean;
}

export interface FakeCell {
  /** '' is an empty cell. */
  value: string | number | boolean;
  /** The formula as entered ("=…"), when the cell holds one. */
  formula?: string;
  /** Display text; recomputed whenever the value or number format changes. */
  text: string;
  numberFormat: string;
  /** The value was entered with a leading apostrophe. */
  quotePrefix?: boolean;
  /** Target of a HYPERLINK formula. */
  hyperlink?: string;
  /** '#RRGGBB' or undefined for no fill. */
  fill?: string;
  font?: FakeFont;
  borders?: Record<string, FakeBorder>;
  alignment?: FakeAlignment;
}

export interface FakeDataBarRule {
  type: string;
  formula?: string;
}

export interface FakeConditionalFormat {
  id: string;
  type: string;
  areas: Area[];
  /** Custom (formula) rule and the format it applies. */
  custom?: { formula: string | null; fill: string | null; fontColor: string | null; bold: boolean | null };
  dataBar?: {
    lowerBoundRule?: FakeDataBarRule;
    upperBoundRule?: FakeDataBarRule;
    fillColor?: string;
    showDataBarOnly?: boolean;
  };
}

export interface FakeSheet {
  id: string;
  name: string;
  /** key = row * KEY + col */
  cells: Map<number, FakeCell>;
  merges: Area[];
  /** Priority order: index 0 is the top priority. */
  conditionalFormats: FakeConditionalFormat[];
  protected: boolean;
  freeze: { rows: number; columns: number };
  /** Points. */
  columnWidths: Map<number, number>;
  rowHeights: Map<number, number>;
  /** Absent: Visible. */
  visibility?: 'Visible' | 'Hidden' | 'VeryHidden';
  /** Hidden rows (1-based); absent: none. */
  hiddenRows?: Set<number>;
}

/** A workbook-scoped defined name; formula as Excel reports it ("='Sheet'!$A$1:$B$2"). */
export interface FakeName {
  name: string;
  formula: string;
  visible: boolean;
}

export interface FakeStats {
  /** context.sync() calls. */
  syncs: number;
  /** Proxy objects created (ClientObject instances). */
  proxies: number;
  /** Excel.run calls. */
  runs: number;
  /** Batches that waited for the user to leave cell edit mode (delayForCellEdit). */
  delayedForCellEdit: number;
  /** Rough request/response payload sizes (UTF-8 bytes of the JSON of cell arrays and addresses). */
  bytesSent: number;
  bytesReceived: number;
  /** Largest single request / response, UTF-8 bytes of JSON. */
  maxRequest: number;
  maxResponse: number;
  /** Milliseconds the fake spent executing queued commands (its own cost, not the host's). */
  execMs: number;
}

export interface FakeWorkbook {
  name: string;
  sheets: FakeSheet[];
  activeSheetId: string;
  selection: { sheet: string; address: string } | null;
  settings: Map<string, unknown>;
  /** Defined names (absent: none). */
  names?: FakeName[];
  /** Workbook structure protection. */
  protected: boolean;
  /** The user is typing in a cell: batches fail unless delayForCellEdit (ExcelApi 1.11) is set. */
  cellEditMode: boolean;
  /** Highest supported ExcelApi 1.x minor version, e.g. 9 for ExcelApi 1.9. */
  excelApi: number;
  stats: FakeStats;
  nextId: number;
  /**
   * Fault injection: sync number `sync` (counted like stats.syncs, 1-based) fails with GeneralException
   * just before its queued command number `op` (0-based; negative counts from the end), after running
   * the commands before it, as Excel does when a command in a batch fails.
   */
  failAt: { sync: number; op: number } | null;
  /**
   * Whether a load that goes through a null navigation property (customOrNullObject/rule/formula on a
   * data bar, inside a collection load) fails with GeneralException instead of yielding a null object.
   * Office.js documents neither; the host must work both ways.
   */
  strictNullNavigation: boolean;
  /**
   * Request/response size limit in UTF-8 bytes of JSON (Excel on the web: 5 MB), or null for none. A request
   * over it is refused whole; a response over it fails the batch after its commands ran.
   */
  payloadLimit: number | null;
}

export const KEY = 20000;

export function cellKey(row: number, col: number): number {
  return row * KEY + col;
}

export function keyRow(k: number): number {
  return Math.floor(k / KEY);
}

export function keyCol(k: number): number {
  return k % KEY;
}

export function newStats(): FakeStats {
  return { syncs: 0, proxies: 0, runs: 0, delayedForCellEdit: 0, bytesSent: 0, bytesReceived: 0, maxRequest: 0, maxResponse: 0, execMs: 0 };
}

export function newWorkbook(name = 'Book1.xlsx', excelApi = 17): FakeWorkbook {
  return {
    name,
    sheets: [],
    activeSheetId: '',
    selection: null,
    settings: new Map(),
    protected: false,
    cellEditMode: false,
    excelApi,
    stats: newStats(),
    nextId: 1,
    failAt: null,
    strictNullNavigation: false,
    payloadLimit: null,
  };
}

export function newSheet(wb: FakeWorkbook, name: string): FakeSheet {
  const s: FakeSheet = {
    id: `{sheet-${wb.nextId++}}`,
    name,
    cells: new Map(),
    merges: [],
    conditionalFormats: [],
    protected: false,
    freeze: { rows: 0, columns: 0 },
    columnWidths: new Map(),
    rowHeights: new Map(),
  };
  wb.sheets.push(s);
  if (!wb.activeSheetId) wb.activeSheetId = s.id;
  return s;
}

// ---------------------------------------------------------------------------------------------------
// Addresses

export function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Column letters, from the engine's one implementation. */
export const colLetters = columnLetters;

export function areaAddress(a: Area): string {
  const tl = `${colLetters(a.left)}${a.top}`;
  if (a.top === a.bottom && a.left === a.right) return tl;
  if (a.top === 1 && a.bottom === MAX_ROWS) return `${colLetters(a.left)}:${colLetters(a.right)}`;
  return `${tl}:${colLetters(a.right)}${a.bottom}`;
}

/** How Excel writes a sheet name in an address: quoted when it holds anything but letters, digits, _ and . */
export function sheetPrefix(name: string): string {
  const plain = /^[\p{L}_][\p{L}\p{N}_.]*$/u.test(name) && !/^[A-Za-z]{1,3}\d+$/.test(name);
  return plain ? `${name}!` : `'${name.replace(/'/g, "''")}'!`;
}

export class FakeError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };
  constructor(code: string, message: string, location?: string) {
    super(message);
    this.name = 'RichApi.Error';
    this.code = code;
    this.debugInfo = { code, message, errorLocation: location };
  }
}

function invalid(msg: string): FakeError {
  return new FakeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (${msg})`);
}

/** One area: A1, A1:B2, $A$1, A:B, 3:5. An optional sheet prefix is returned separately. */
export function parseArea(text: string): { sheet: string | null; area: Area } {
  let s = text.trim();
  let sheet: string | null = null;
  const bang = s.lastIndexOf('!');
  if (bang >= 0) {
    let name = s.slice(0, bang);
    if (name.startsWith("'") && name.endsWith("'")) name = name.slice(1, -1).replace(/''/g, "'");
    sheet = name;
    s = s.slice(bang + 1);
  }
  s = s.replace(/\$/g, '').toUpperCase();
  let m = /^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$/.exec(s);
  if (m) {
    const r1 = Number(m[2]);
    const c1 = colNumber(m[1]);
    const r2 = m[3] ? Number(m[4]) : r1;
    const c2 = m[3] ? colNumber(m[3]) : c1;
    return { sheet, area: normalize({ top: r1, left: c1, bottom: r2, right: c2 }, text) };
  }
  m = /^([A-Z]{1,3}):([A-Z]{1,3})$/.exec(s);
  if (m) return { sheet, area: normalize({ top: 1, left: colNumber(m[1]), bottom: MAX_ROWS, right: colNumber(m[2]) }, text) };
  m = /^(\d+):(\d+)$/.exec(s);
  if (m) return { sheet, area: normalize({ top: Number(m[1]), left: 1, bottom: Number(m[2]), right: MAX_COLS }, text) };
  throw invalid(`bad address "${text}"`);
}

function normalize(a: Area, text: string): Area {
  const n = {
    top: Math.min(a.top, a.bottom),
    bottom: Math.max(a.top, a.bottom),
    left: Math.min(a.left, a.right),
    right: Math.max(a.left, a.right),
  };
  if (n.top < 1 || n.bottom > MAX_ROWS || n.left < 1 || n.right > MAX_COLS) throw invalid(`address out of the sheet "${text}"`);
  return n;
}

/** Comma- or semicolon-separated list; quoted sheet names may hold commas. */
export function splitAddressList(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") {
      if (quoted && text[i + 1] === "'") {
        cur += "''";
        i++;
        continue;
      }
      quoted = !quoted;
      cur += ch;
    } else if (!quoted && (ch === ',' || ch === ';')) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x.length > 0);
}

export function checkAddressLength(address: string): void {
  if (address.length > ADDRESS_LIMIT) throw invalid(`address of ${address.length} characters exceeds the ${ADDRESS_LIMIT}-character limit`);
}

export function intersects(a: Area, b: Area): boolean {
  return a.top <= b.bottom && b.top <= a.bottom && a.left <= b.right && b.left <= a.right;
}

export function contains(outer: Area, inner: Area): boolean {
  return outer.top <= inner.top && inner.bottom <= outer.bottom && outer.left <= inner.left && inner.right <= outer.right;
}

export function cellCount(a: Area): number {
  return (a.bottom - a.top + 1) * (a.right - a.left + 1);
}

// ---------------------------------------------------------------------------------------------------
// Cells: entry and display

export function emptyCell(): FakeCell {
  return { value: '', text: '', numberFormat: 'General' };
}

export function getCell(sheet: FakeSheet, row: number, col: number): FakeCell | undefined {
  return sheet.cells.get(cellKey(row, col));
}

export function ensureCell(sheet: FakeSheet, row: number, col: number): FakeCell {
  const k = cellKey(row, col);
  let c = sheet.cells.get(k);
  if (!c) {
    c = emptyCell();
    sheet.cells.set(k, c);
  }
  return c;
}

const EPOCH = Date.UTC(1899, 11, 30);

function isDateFormat(fmt: string): boolean {
  const f = fmt.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[yd]/i.test(f) || /年|月|日/.test(fmt) || /m+[/-]/i.test(f);
}

function roundNoise(x: number): number {
  return Number.isInteger(x) ? x : Number(x.toPrecision(12));
}

/** Display text of a value under a number format (the subset the tests need). */
export function displayText(value: string | number | boolean, fmt: string): string {
  if (value === '') return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'string') return value;
  if (isGeneral(fmt) || fmt === '@') return String(roundNoise(value));
  if (isDateFormat(fmt)) {
    const d = new Date(EPOCH + Math.round(value * 86400000));
    const y = d.getUTCFullYear();
    const m = d.getUTCMonth() + 1;
    const day = d.getUTCDate();
    if (/年/.test(fmt)) return /日|d/i.test(fmt) ? `${y}年${m}月${day}日` : `${y}年${m}月`;
    return `${y}/${m}/${day}`;
  }
  return formatNumber(value, fmt);
}

export function isGeneral(fmt: string | undefined): boolean {
  return !fmt || fmt === 'General' || fmt === 'G/通用格式';
}

function unquoteFormulaString(s: string): string {
  return s.slice(1, -1).replace(/""/g, '"');
}

/** Formula results the fake can compute: HYPERLINK with literal arguments; everything else is #NAME?. */
function evaluateFormula(formula: string): { value: string | number | boolean; hyperlink?: string } {
  // String literals in a formula are limited to 255 characters.
  for (const m of formula.matchAll(/"((?:[^"]|"")*)"/g)) {
    if (unquoteFormulaString(m[0]).length > 255) throw invalid('text values in formulas are limited to 255 characters');
  }
  const h = /^=HYPERLINK\(\s*("(?:[^"]|"")*")\s*(?:,\s*("(?:[^"]|"")*"|-?\d+(?:\.\d+)?)\s*)?\)$/i.exec(formula);
  if (h) {
    const target = unquoteFormulaString(h[1]);
    const name = h[2] === undefined ? target : h[2].startsWith('"') ? unquoteFormulaString(h[2]) : Number(h[2]);
    return { value: name, hyperlink: target };
  }
  if (/^=TRUE\(\)$/i.test(formula) || /^=TRUE$/i.test(formula)) return { value: true };
  return { value: '#NAME?' };
}

const NUMBER_RE = /^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:e[-+]?\d+)?$/i;

function parseNumberText(s: string): number | null {
  const t = s.trim();
  if (!t || !/\d/.test(t) || !NUMBER_RE.test(t)) return null;
  const n = Number(t.replace(/,/g, ''));
  return Number.isFinite(n) ? n : null;
}

function parseDateText(s: string): number | null {
  const m = /^(\d{4})(?:[-/](\d{1,2})[-/](\d{1,2})|年(\d{1,2})月(?:(\d{1,2})日)?)$/.exec(s.trim());
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2] ?? m[4]);
  const d = Number(m[3] ?? m[5] ?? 1);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return (Date.UTC(y, mo - 1, d) - EPOCH) / 86400000;
}

function setComputed(cell: FakeCell, value: string | number | boolean, extra: Partial<FakeCell> = {}): void {
  cell.value = value;
  delete cell.formula;
  delete cell.quotePrefix;
  delete cell.hyperlink;
  Object.assign(cell, extra);
  cell.text = displayText(cell.value, cell.numberFormat);
}

/**
 * What Excel does when a value is entered through Range.values or Range.formulas: a string that starts
 * with = (or + - @ and is not a number) becomes a formula, a leading apostrophe makes the rest literal
 * text, numbers / percentages / TRUE / dates are converted — unless the cell is formatted as text (@).
 * null leaves the cell unchanged.
 */
export function enterValue(cell: FakeCell, input: unknown): void {
  if (input === null) return;
  if (input === undefined) throw invalid('undefined in a values array');
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw invalid('non-finite number');
    setComputed(cell, input);
    return;
  }
  if (typeof input === 'boolean') {
    setComputed(cell, input);
    return;
  }
  if (typeof input !== 'string') throw invalid(`unsupported value type ${typeof input}`);
  const s = input;
  if (s === '') {
    setComputed(cell, '');
    return;
  }
  // The limit holds for the text the cell keeps, with or without the apostrophe or a text format.
  if (s.length - (s[0] === "'" ? 1 : 0) > 32767) throw invalid('a cell holds at most 32,767 characters');
  if (cell.numberFormat === '@') {
    setComputed(cell, s);
    return;
  }
  if (s[0] === "'") {
    setComputed(cell, s.slice(1), { quotePrefix: true });
    return;
  }
  if (s[0] === '=' && s.length > 1) {
    if (s.length > 8192) throw invalid('formula longer than 8,192 characters');
    const r = evaluateFormula(s);
    setComputed(cell, r.value, { formula: s, ...(r.hyperlink !== undefined ? { hyperlink: r.hyperlink } : {}) });
    return;
  }
  const n = parseNumberText(s);
  if (n !== null) {
    setComputed(cell, n);
    return;
  }
  const pct = /^\s*([-+]?\d+(?:\.\d+)?)\s*%\s*$/.exec(s);
  if (pct) {
    if (isGeneral(cell.numberFormat)) cell.numberFormat = /\./.test(pct[1]) ? '0.00%' : '0%';
    setComputed(cell, Number(pct[1]) / 100);
    return;
  }
  if (/^(true|false)$/i.test(s)) {
    setComputed(cell, s.toLowerCase() === 'true');
    return;
  }
  const date = parseDateText(s);
  if (date !== null) {
    if (isGeneral(cell.numberFormat)) cell.numberFormat = /年/.test(s) ? 'yyyy"年"m"月"d"日"' : 'yyyy/m/d';
    setComputed(cell, date);
    return;
  }
  if (s[0] === '+' || s[0] === '-' || s[0] === '@') {
    setComputed(cell, '#NAME?', { formula: `=${s[0] === '@' ? s : s.slice(1)}` });
    return;
  }
  setComputed(cell, s);
}

export function setNumberFormat(cell: FakeCell, fmt: unknown): void {
  if (fmt === null) return;
  if (typeof fmt !== 'string') throw invalid('number format must be a string');
  cell.numberFormat = fmt === '' ? 'General' : fmt;
  cell.text = displayText(cell.value, cell.numberFormat);
}

/** The value Range.formulas reports: the formula, else the value as entered. */
export function formulaOf(cell: FakeCell | undefined): string | number | boolean {
  if (!cell) return '';
  if (cell.formula) return cell.formula;
  return cell.value;
}

// ---------------------------------------------------------------------------------------------------
// Used range

export function hasFormatting(c: FakeCell): boolean {
  return (
    c.fill !== undefined ||
    (c.font !== undefined && Object.keys(c.font).length > 0) ||
    (c.borders !== undefined && Object.keys(c.borders).length > 0) ||
    (c.alignment !== undefined && Object.keys(c.alignment).length > 0) ||
    !isGeneral(c.numberFormat)
  );
}

/** Bounding box of cells with values (valuesOnly) or with values or formatting; null when none. */
export function usedArea(sheet: FakeSheet, valuesOnly: boolean): Area | null {
  let top = Infinity;
  let left = Infinity;
  let bottom = 0;
  let right = 0;
  for (const [k, c] of sheet.cells) {
    if (c.value === '' && !c.formula && (valuesOnly || !hasFormatting(c))) continue;
    const r = keyRow(k);
    const col = keyCol(k);
    if (r < top) top = r;
    if (r > bottom) bottom = r;
    if (col < left) left = col;
    if (col > right) right = col;
  }
  return bottom === 0 ? null : { top, left, bottom, right };
}

// ---------------------------------------------------------------------------------------------------
// Snapshots for deep comparison in tests

export interface CellDump {
  v: string | number | boolean;
  f?: string;
  nf: string;
  q?: boolean;
  fill?: string;
  font?: FakeFont;
  borders?: Record<string, FakeBorder>;
  align?: FakeAlignment;
}

function sortObj<T extends object>(o: T | undefined): T | undefined {
  if (!o) return undefined;
  const keys = Object.keys(o).sort();
  if (keys.length === 0) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (o as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return Object.keys(out).length ? (out as T) : undefined;
}

/** Everything a user could see on a sheet, as plain JSON (ids left out so two runs compare equal). */
export function dumpSheet(sheet: FakeSheet): Record<string, unknown> {
  const cells: Record<string, CellDump> = {};
  const keys = [...sheet.cells.keys()].sort((a, b) => a - b);
  for (const k of keys) {
    const c = sheet.cells.get(k)!;
    if (c.value === '' && !c.formula && !hasFormatting(c)) continue;
    const d: CellDump = { v: c.value, nf: c.numberFormat };
    if (c.formula) d.f = c.formula;
    if (c.quotePrefix) d.q = true;
    if (c.fill) d.fill = c.fill;
    const font = sortObj(c.font);
    if (font) d.font = font;
    const borders = sortObj(c.borders);
    if (borders) d.borders = borders;
    const align = sortObj(c.alignment);
    if (align) d.align = align;
    cells[`${colLetters(keyCol(k))}${keyRow(k)}`] = d;
  }
  return {
    name: sheet.name,
    cells,
    merges: sheet.merges.map(areaAddress).sort(),
    conditionalFormats: sheet.conditionalFormats.map((cf) => ({
      type: cf.type,
      areas: cf.areas.map(areaAddress),
      custom: cf.custom,
      dataBar: cf.dataBar,
    })),
    protected: sheet.protected,
    freeze: sheet.freeze,
    columnWidths: [...sheet.columnWidths.entries()].sort((a, b) => a[0] - b[0]),
    rowHeights: [...sheet.rowHeights.entries()].sort((a, b) => a[0] - b[0]),
    visibility: sheet.visibility ?? 'Visible',
    hiddenRows: [...(sheet.hiddenRows ?? [])].sort((a, b) => a - b),
  };
}

export function dumpWorkbook(wb: FakeWorkbook): Record<string, unknown> {
  return {
    sheets: wb.sheets.map(dumpSheet),
    active: wb.sheets.find((s) => s.id === wb.activeSheetId)?.name ?? null,
    settings: [...wb.settings.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    protected: wb.protected,
    names: (wb.names ?? []).map((n) => ({ ...n })),
  };
}

export function findSheet(wb: FakeWorkbook, name: string): FakeSheet | undefined {
  const lower = name.toLowerCase();
  return wb.sheets.find((s) => s.name.toLowerCase() === lower);
}
