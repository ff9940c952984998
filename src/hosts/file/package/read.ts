// Reads what evaluation needs from an .xlsx package and nothing else: the workbook part, its sheet list
// and defined names, the sheets' cells and merges, shared strings and number formats. Sheets stream
// through a SAX parser piece by piece; drawings, charts, pivots, comments and extensions are never parsed,
// so none of them can make a file unreadable. Browser-safe.

import { SaxesParser } from 'saxes';
import { FastXml, XmlTag } from './xml';
import { Cell, CellValue, MergeArea, SheetSnapshot, WorkbookSnapshot, columnNumber } from '../../../core/snapshot';
import { JixiaoError, isJixiaoError } from '../../../core/errors';
import { isOwnerMark, isSummaryName } from '../../../core/plan';
import { isMaskName } from '../../marks';
import { ZipArchive, ZipEntry, entryText, readZip, streamEntry } from './zip';
import { BUILTIN_FORMATS, isDateFormat, serialToDate, snapshotCell } from './cells';

/** Where marks of ours are recognised: the marker text inside a conditional-format formula. */
export const MARK_PREFIX = 'jixiao-mark:';

export interface SheetEntry {
  name: string;
  sheetId: number;
  /** Relationship id in workbook.xml.rels. */
  rId: string;
  /** Part name in the zip (e.g. xl/worksheets/sheet1.xml); null when the relationship is missing. */
  path: string | null;
  kind: 'worksheet' | 'chartsheet' | 'other';
  /** state="hidden" or "veryHidden" in workbook.xml. */
  hidden: boolean;
}

export interface DefinedName {
  name: string;
  localSheetId: number | null;
  text: string;
}

export interface PackageBook {
  zip: ZipArchive;
  workbookPath: string;
  sheets: SheetEntry[];
  definedNames: DefinedName[];
  date1904: boolean;
  /** The sheet (index into sheets) that was active when the file was saved. */
  activeTab: number;
}

/** What the writer needs of a sheet that was read (the cells themselves are not kept for it). */
export interface SheetMeta {
  entry: SheetEntry;
  /** Value of A1 (how our 评价结果 sheet is recognised). */
  a1: CellValue;
  /** Whether the sheet carries conditional formats of ours. */
  marked: boolean;
}

export interface ReadSheet extends SheetMeta {
  snapshot: SheetSnapshot;
}

export interface PackageInfo {
  book: PackageBook;
  sheets: SheetMeta[];
}

export interface ReadPackage extends PackageInfo {
  sheets: ReadSheet[];
}

/** The package without the sheets' cells (what writing a result needs; the cells can be collected). */
export function packageInfo(pkg: ReadPackage): PackageInfo {
  return { book: pkg.book, sheets: pkg.sheets.map((s) => ({ entry: s.entry, a1: s.a1, marked: s.marked })) };
}

const UNSUPPORTED: Record<string, string> = {
  xls: 'Excel 97-2003 工作簿（.xls）',
  et: 'WPS 表格文件（.et）',
  ett: 'WPS 表格模板（.ett）',
  xlsb: 'Excel 二进制工作簿（.xlsb）',
  csv: 'CSV 文本文件',
  ods: 'OpenDocument 表格（.ods）',
};

/** Rejects formats we cannot read, before trying. */
export function checkExtension(fileName: string): void {
  const ext = (/\.([A-Za-z0-9]+)$/.exec(fileName)?.[1] ?? '').toLowerCase();
  if (UNSUPPORTED[ext]) {
    throw new JixiaoError(
      'unsupported',
      `不支持${UNSUPPORTED[ext]}：请在 Excel 或 WPS 中用“另存为”保存为 .xlsx 格式（Excel 工作簿）后再评价。`,
    );
  }
}

/** Bytes that are not an .xlsx zip at all: the clear message before any parsing. */
export function checkSignature(bytes: Uint8Array, fileName: string): void {
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new JixiaoError(
      'unsupported',
      `“${fileName}”是旧版二进制格式（.xls/.et）或已加密的文件：请在 Excel 或 WPS 中另存为 .xlsx 格式（并取消打开密码）后再评价。`,
    );
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new JixiaoError(
      'unreadable',
      `无法读取“${fileName}”：它不是 .xlsx 工作簿（文件可能已损坏或是其他格式）。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。`,
    );
  }
}

const local = (name: string): string => {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
};

/** An attribute by local name (r:id, x:ref …). */
function attr(tag: { attributes: unknown }, name: string): string | undefined {
  const a = tag.attributes as Record<string, string>;
  if (name in a) return a[name];
  for (const k in a) if (k.indexOf(':') >= 0 && local(k) === name && !k.startsWith('xmlns')) return a[k];
  return undefined;
}

function parser(): SaxesParser {
  const p = new SaxesParser({ xmlns: false });
  p.on('error', (e) => {
    throw e;
  });
  return p;
}

interface Tokens {
  on(event: 'opentag', fn: (tag: XmlTag) => void): void;
  on(event: 'text', fn: (text: string) => void): void;
  on(event: 'closetag', fn: (tag: { name: string }) => void): void;
  write(s: string): unknown;
  close(): unknown;
}

/** The fast tokenizer behind the same events as saxes: for the large parts. */
function fastParser(): Tokens {
  let open: (tag: XmlTag) => void = () => undefined;
  let text: (t: string) => void = () => undefined;
  let close: (tag: { name: string }) => void = () => undefined;
  const x = new FastXml({ opentag: (t) => open(t), text: (t) => text(t), closetag: (name) => close({ name }) });
  return {
    on(event: string, fn: never) {
      if (event === 'opentag') open = fn;
      else if (event === 'text') text = fn;
      else close = fn;
    },
    write: (s: string) => x.write(s),
    close: () => x.close(),
  };
}

/** Resolves a relationship target against the folder of its source part. */
export function resolveTarget(sourcePart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = sourcePart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

/** The relationships part of a part: xl/workbook.xml → xl/_rels/workbook.xml.rels. */
export function relsPath(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function parseRels(xml: string): Relationship[] {
  const out: Relationship[] = [];
  const p = parser();
  p.on('opentag', (tag) => {
    if (local(tag.name) !== 'Relationship') return;
    out.push({
      id: attr(tag, 'Id') ?? '',
      type: attr(tag, 'Type') ?? '',
      target: attr(tag, 'Target') ?? '',
      external: attr(tag, 'TargetMode') === 'External',
    });
  });
  p.write(xml).close();
  return out;
}

export function partText(zip: ZipArchive, name: string): string | null {
  const e = zip.byName.get(name.toLowerCase());
  if (!e) return null;
  const text = entryText(zip, e);
  // saxes refuses a byte-order mark before the declaration.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function readBook(zip: ZipArchive): PackageBook {
  const rootRels = partText(zip, '_rels/.rels');
  const office = rootRels ? parseRels(rootRels).find((r) => /\/officeDocument$/.test(r.type)) : undefined;
  const workbookPath = office ? resolveTarget('', office.target) : 'xl/workbook.xml';
  const xml = partText(zip, workbookPath);
  if (xml === null) throw new JixiaoError('unreadable', '文件中没有工作簿部件（xl/workbook.xml）');
  const relsXml = partText(zip, relsPath(workbookPath));
  const rels = new Map((relsXml ? parseRels(relsXml) : []).map((r) => [r.id, r]));
  const sheets: SheetEntry[] = [];
  const definedNames: DefinedName[] = [];
  let date1904 = false;
  let activeTab = 0;
  let name: DefinedName | null = null;
  const p = parser();
  p.on('opentag', (tag) => {
    const n = local(tag.name);
    if (n === 'sheet') {
      const rId = attr(tag, 'id') ?? '';
      const rel = rels.get(rId);
      const kind = !rel ? 'other' : /\/worksheet$/.test(rel.type) ? 'worksheet' : /\/chartsheet$/.test(rel.type) ? 'chartsheet' : 'other';
      const state = attr(tag, 'state');
      sheets.push({
        name: attr(tag, 'name') ?? '',
        sheetId: Number(attr(tag, 'sheetId') ?? 0),
        rId,
        path: rel && !rel.external ? resolveTarget(workbookPath, rel.target) : null,
        kind,
        hidden: state === 'hidden' || state === 'veryHidden',
      });
    } else if (n === 'workbookPr') {
      const d = attr(tag, 'date1904');
      date1904 = d === '1' || d === 'true';
    } else if (n === 'workbookView') {
      if (activeTab === 0) activeTab = Number(attr(tag, 'activeTab') ?? 0) || 0;
    } else if (n === 'definedName') {
      const l = attr(tag, 'localSheetId');
      name = { name: attr(tag, 'name') ?? '', localSheetId: l === undefined ? null : Number(l), text: '' };
      definedNames.push(name);
    }
  });
  p.on('text', (t) => {
    if (name) name.text += t;
  });
  p.on('closetag', (tag) => {
    if (local(tag.name) === 'definedName') name = null;
  });
  p.write(xml).close();
  return { zip, workbookPath, sheets, definedNames, date1904, activeTab };
}

/** The styles' number format per cell style index (undefined for General). */
function readFormats(zip: ZipArchive, path: string | null): (string | undefined)[] {
  const xml = path ? partText(zip, path) : null;
  if (xml === null) return [];
  const custom = new Map<number, string>();
  const xfs: (string | undefined)[] = [];
  let inCellXfs = false;
  let depth = 0;
  const p = parser();
  p.on('opentag', (tag) => {
    const n = local(tag.name);
    if (n === 'numFmt') custom.set(Number(attr(tag, 'numFmtId')), attr(tag, 'formatCode') ?? '');
    else if (n === 'cellXfs') {
      inCellXfs = true;
      depth = 0;
    } else if (inCellXfs) {
      depth++;
      if (n === 'xf' && depth === 1) {
        const id = Number(attr(tag, 'numFmtId') ?? 0);
        xfs.push(id ? (custom.get(id) ?? BUILTIN_FORMATS[id]) : undefined);
      }
    }
  });
  p.on('closetag', (tag) => {
    if (local(tag.name) === 'cellXfs') inCellXfs = false;
    else if (inCellXfs) depth--;
  });
  p.write(xml).close();
  return xfs;
}

/** Shared strings as their plain text (rich runs joined, phonetic guides left out). */
function readSharedStrings(zip: ZipArchive, path: string | null): string[] {
  const e = path ? zip.byName.get(path.toLowerCase()) : undefined;
  if (!e) return [];
  const out: string[] = [];
  let cur: string | null = null;
  let inT = false;
  let inPhonetic = 0;
  const p = fastParser();
  p.on('opentag', (tag) => {
    const n = local(tag.name);
    if (n === 'si') cur = '';
    else if (n === 'rPh') inPhonetic++;
    else if (n === 't' && !inPhonetic && !tag.isSelfClosing) inT = true;
  });
  p.on('text', (t) => {
    if (inT && cur !== null) cur += t;
  });
  p.on('closetag', (tag) => {
    const n = local(tag.name);
    if (n === 't') inT = false;
    else if (n === 'rPh') inPhonetic--;
    else if (n === 'si') {
      out.push(cur ?? '');
      cur = null;
    }
  });
  streamXml(zip, e, p);
  return out;
}

/** Feeds an entry through a parser in decoded pieces. */
function streamXml(zip: ZipArchive, e: ZipEntry, p: Tokens): void {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  streamEntry(zip, e, (chunk) => {
    let s = decoder.decode(chunk, { stream: true });
    // saxes refuses a byte-order mark before the declaration.
    if (first && s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    if (s) first = false;
    p.write(s);
  });
  p.write(decoder.decode());
  p.close();
}

const MERGE_REF = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?$/i;

export function parseArea(ref: string): MergeArea | null {
  const m = MERGE_REF.exec(ref.trim());
  if (!m) return null;
  const top = Number(m[2]);
  const left = columnNumber(m[1]);
  const bottom = m[4] ? Number(m[4]) : top;
  const right = m[3] ? columnNumber(m[3]) : left;
  return { top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) };
}

interface SheetContext {
  strings: string[];
  formats: (string | undefined)[];
  date1904: boolean;
}

/** One worksheet, streamed: cell values (formula results), number formats, merges; whether marks of ours are on it. */
export function readSheet(zip: ZipArchive, entry: SheetEntry, ctx: SheetContext): ReadSheet {
  const rows: (Cell | null)[][] = [];
  const merges: MergeArea[] = [];
  const hiddenRows: number[] = [];
  let marked = false;
  const e = entry.path ? zip.byName.get(entry.path.toLowerCase()) : undefined;
  if (e && entry.kind === 'worksheet') {
    let row = 0;
    let col = 0;
    let type = '';
    let style = 0;
    let formula = false;
    let text: string | null = null;
    let value: string | null = null;
    let inline: string | null = null;
    let inT = false;
    let phonetic = 0;
    let inFormulaOfRule = false;
    let ruleText = '';
    let inCf = false;
    const p = fastParser();
    p.on('opentag', (tag) => {
      switch (local(tag.name)) {
        case 'row': {
          const r = attr(tag, 'r');
          row = r ? Number(r) : row + 1;
          col = 0;
          const h = attr(tag, 'hidden');
          if (h === '1' || h === 'true') hiddenRows.push(row);
          break;
        }
        case 'c': {
          const ref = attr(tag, 'r');
          if (ref) {
            const m = /^([A-Za-z]+)(\d+)$/.exec(ref);
            if (m) {
              col = columnNumber(m[1]);
              row = Number(m[2]);
            } else col++;
          } else col++;
          type = attr(tag, 't') ?? 'n';
          style = Number(attr(tag, 's') ?? 0);
          formula = false;
          value = null;
          inline = null;
          break;
        }
        case 'v':
          text = '';
          break;
        case 'f':
          formula = true;
          break;
        case 'is':
          inline = '';
          break;
        case 't':
          if (inline !== null && !phonetic && !tag.isSelfClosing) inT = true;
          break;
        case 'rPh':
          phonetic++;
          break;
        case 'mergeCell': {
          const a = parseArea(attr(tag, 'ref') ?? '');
          if (a) merges.push(a);
          break;
        }
        case 'conditionalFormatting':
          inCf = true;
          break;
        case 'formula':
          if (inCf) {
            inFormulaOfRule = true;
            ruleText = '';
          }
          break;
      }
    });
    p.on('text', (t) => {
      if (text !== null) text += t;
      else if (inT) inline += t;
      else if (inFormulaOfRule) ruleText += t;
    });
    p.on('closetag', (tag) => {
      switch (local(tag.name)) {
        case 'v':
          value = text;
          text = null;
          break;
        case 't':
          inT = false;
          break;
        case 'rPh':
          phonetic--;
          break;
        case 'c': {
          const cell = cellOf(type, value, inline, formula, ctx.formats[style], ctx);
          if (cell) (rows[row - 1] ??= [])[col - 1] = cell;
          break;
        }
        case 'conditionalFormatting':
          inCf = false;
          break;
        case 'formula':
          if (inFormulaOfRule && ruleText.indexOf(MARK_PREFIX) >= 0) marked = true;
          inFormulaOfRule = false;
          break;
      }
    });
    streamXml(zip, e, p);
  }
  // Office reports merged non-anchor cells as empty: whatever a file stores there is not read.
  let last = rows.length;
  for (const m of merges) {
    if (m.bottom === m.top && m.right === m.left) continue;
    if (m.bottom > last) last = m.bottom;
    for (let r = m.top; r <= m.bottom; r++) {
      const cells = rows[r - 1];
      if (!cells) continue;
      for (let c = m.left; c <= m.right; c++) if ((r !== m.top || c !== m.left) && cells[c - 1]) cells[c - 1] = null;
    }
  }
  for (let i = 0; i < last; i++) if (!rows[i]) rows[i] = [];
  const a1 = rows[0]?.[0]?.v ?? null;
  const snapshot: SheetSnapshot = { name: entry.name, rows, top: 1, left: 1, merges, hidden: entry.hidden };
  if (hiddenRows.length) snapshot.hiddenRows = hiddenRows;
  return { entry, snapshot, a1, marked };
}

function cellOf(
  type: string,
  value: string | null,
  inline: string | null,
  formula: boolean,
  fmt: string | undefined,
  ctx: SheetContext,
): Cell | null {
  if (type === 'inlineStr' && !formula) return inline === null ? null : snapshotCell(inline, fmt);
  // A formula the file holds no result for (written by a tool that does not calculate): 待核实, not empty.
  // An empty <v></v> is a result: the formula gave "".
  if (formula && value === null) return { v: null, t: '', uncalculated: true };
  if (value === null) return null;
  if (formula && value === '') return null;
  switch (type) {
    case 's':
      return snapshotCell(ctx.strings[Number(value)], fmt);
    case 'str':
    case 'inlineStr':
      return snapshotCell(value, fmt);
    case 'b':
      return snapshotCell(Number(value) !== 0, fmt);
    case 'e':
      return snapshotCell(value, fmt);
    case 'd': {
      const d = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);
      return snapshotCell(d, fmt);
    }
    default: {
      const v = parseFloat(value);
      if (isDateFormat(fmt) && Number.isFinite(v)) return snapshotCell(serialToDate(v, ctx.date1904), fmt);
      return snapshotCell(v, fmt);
    }
  }
}

/** What evaluation reads: every worksheet except our own 评价结果 sheets. */
export function workbookSnapshot(read: ReadPackage, name: string): WorkbookSnapshot {
  return { name, sheets: read.sheets.filter((s) => !isOurSummary(s) && !isOurMask(s)).map((s) => s.snapshot) };
}

/** A sheet written by us: its name is one we give and its A1 carries our mark. */
export function isOurSummary(s: SheetMeta): boolean {
  return isSummaryName(s.entry.name) && isOwnerMark(s.a1);
}

/** A mask another host wrote for its marks (../../marks.ts): named as one, A1 carrying our mark. */
export function isOurMask(s: SheetMeta): boolean {
  return isMaskName(s.entry.name) && isOwnerMark(s.a1);
}

function unreadable(fileName: string, e: unknown): JixiaoError {
  if (isJixiaoError(e) && e.code !== 'unreadable') return e;
  const why = isJixiaoError(e) ? e.message : ((e as Error)?.message ?? String(e));
  return new JixiaoError(
    'unreadable',
    `无法读取“${fileName}”：文件已损坏或不是有效的 .xlsx 工作簿（${why}）。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。`,
  );
}

/** Opens the package and reads every worksheet (only: other sheet kinds hold no table). */
export function readPackage(bytes: Uint8Array, fileName: string, only?: (entry: SheetEntry) => boolean): ReadPackage {
  checkExtension(fileName);
  checkSignature(bytes, fileName);
  try {
    const zip = readZip(bytes);
    const book = readBook(zip);
    const relsXml = partText(zip, relsPath(book.workbookPath));
    const rels = relsXml ? parseRels(relsXml) : [];
    const target = (suffix: RegExp) => {
      const r = rels.find((x) => suffix.test(x.type));
      return r ? resolveTarget(book.workbookPath, r.target) : null;
    };
    const ctx: SheetContext = {
      strings: readSharedStrings(zip, target(/\/sharedStrings$/)),
      formats: readFormats(zip, target(/\/styles$/)),
      date1904: book.date1904,
    };
    const sheets = book.sheets.filter((s) => s.kind === 'worksheet' && (!only || only(s))).map((s) => readSheet(zip, s, ctx));
    return { book, sheets };
  } catch (e) {
    throw unreadable(fileName, e);
  }
}
