// The file host: .xlsx through exceljs. Reads a workbook into a snapshot and applies a write plan to it.
// Browser-safe (no fs): the CLI and the standalone pane both come through here.

import type ExcelJS from 'exceljs';
import { Cell, CellValue, MergeArea, SheetSnapshot, WorkbookSnapshot, address } from '../../core/snapshot';
import { JixiaoError } from '../../core/errors';
import { BAR_COLOR, WritePlan, SummaryPlan, SummaryStyle, SEVERITY_FILL, SUMMARY_LOOK, chooseSummaryName, isOwnerMark } from '../../core/plan';
import { Severity } from '../../core/types';
import { SheetParts, fillSheetShell, renderSummaryParts } from './summary-xml';
import { snapshotCell } from './package/cells';

type ExcelJSModule = typeof ExcelJS;

export { dateToSerial, formatNumber } from './package/cells';

/** One exceljs cell value → snapshot cell (formula results, rich text, links and dates resolved). */
export function toCell(value: ExcelJS.CellValue, fmt: string | undefined): Cell | null {
  let v: unknown = value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) v = o.result ?? null;
    else if ('richText' in o && Array.isArray(o.richText)) v = (o.richText as { text: string }[]).map((x) => x.text).join('');
    else if ('hyperlink' in o) v = typeof o.text === 'string' ? o.text : (o.text as { richText?: { text: string }[] })?.richText?.map((x) => x.text).join('') ?? '';
    else if ('error' in o) v = String(o.error);
    if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
      const inner = v as Record<string, unknown>;
      v = 'error' in inner ? String(inner.error) : null;
    }
  }
  if (v === null || v === undefined) return null;
  return snapshotCell(v as string | number | boolean | Date, fmt);
}

export function snapshotSheet(ws: ExcelJS.Worksheet): SheetSnapshot {
  const rows: (Cell | null)[][] = [];
  const merges: MergeArea[] = [];
  const internal = (ws as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges ?? {};
  const slave = new Set<number>();
  for (const m of Object.values(internal)) {
    merges.push({ top: m.top, left: m.left, bottom: m.bottom, right: m.right });
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) slave.add(r * 20000 + c);
  }
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    const out: (Cell | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      // Office reports merged non-anchor cells as empty; exceljs repeats the anchor's value there.
      if (slave.has(r * 20000 + c)) return;
      const sc = toCell(cell.value, cell.numFmt);
      if (sc) out[c - 1] = sc;
    });
    rows[r - 1] = out;
  });
  for (let i = 0; i < rows.length; i++) if (!rows[i]) rows[i] = [];
  return { name: ws.name, rows, top: 1, left: 1, merges };
}

export function snapshotWorkbook(wb: ExcelJS.Workbook, name?: string): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = [];
  wb.eachSheet((ws) => {
    // Chart sheets and the like come through without cells; they simply hold no table.
    sheets.push(snapshotSheet(ws));
  });
  return { name, sheets };
}

const UNSUPPORTED: Record<string, string> = {
  xls: 'Excel 97-2003 工作簿（.xls）',
  et: 'WPS 表格文件（.et）',
  ett: 'WPS 表格模板（.ett）',
  xlsb: 'Excel 二进制工作簿（.xlsb）',
  csv: 'CSV 文本文件',
  ods: 'OpenDocument 表格（.ods）',
};

/** Rejects formats exceljs cannot read, before trying. */
export function checkExtension(fileName: string): void {
  const ext = (/\.([A-Za-z0-9]+)$/.exec(fileName)?.[1] ?? '').toLowerCase();
  if (UNSUPPORTED[ext]) {
    throw new JixiaoError('unsupported', `不支持${UNSUPPORTED[ext]}：请在 Excel 或 WPS 中用“另存为”保存为 .xlsx 格式（Excel 工作簿）后再评价。`);
  }
}

/** Loads .xlsx bytes; any failure becomes a Chinese message (exit 2 in the CLI). */
export async function loadXlsx(Excel: ExcelJSModule, data: ArrayBuffer | Uint8Array, fileName: string): Promise<ExcelJS.Workbook> {
  checkExtension(fileName);
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  if (bytes.length >= 8 && bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) {
    throw new JixiaoError('unsupported', `“${fileName}”是旧版二进制格式（.xls/.et）或已加密的文件：请在 Excel 或 WPS 中另存为 .xlsx 格式（并取消打开密码）后再评价。`);
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    throw new JixiaoError('unreadable', `无法读取“${fileName}”：它不是 .xlsx 工作簿（文件可能已损坏或是其他格式）。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。`);
  }
  const wb = new Excel.Workbook();
  try {
    // exceljs accepts Buffer in Node and ArrayBuffer in browsers.
    const arg = typeof Buffer !== 'undefined' ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes.buffer;
    await wb.xlsx.load(arg as never);
  } catch (e) {
    throw new JixiaoError('unreadable', `无法读取“${fileName}”：文件已损坏或不是有效的 .xlsx 工作簿（${(e as Error).message ?? e}）。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。`);
  }
  return wb;
}

function argb(hex: string): string {
  return `FF${hex}`;
}

/** Fill flagged cells by severity; the user's other formatting (font, border, number format) is kept. */
export function applyHighlights(wb: ExcelJS.Workbook, plan: WritePlan): void {
  // exceljs shares one style object between the cells of one style: one highlighted copy per
  // (style, severity) keeps the styles it dedupes on write few, and never edits the shared object.
  const copies = new WeakMap<object, Map<string, Partial<ExcelJS.Style>>>();
  const none = {};
  for (const h of plan.highlights) {
    const ws = wb.getWorksheet(h.sheet);
    if (!ws) continue;
    const cell = ws.getCell(h.row, h.col);
    const base = (cell.style as object | undefined) ?? none;
    let bySeverity = copies.get(base);
    if (!bySeverity) copies.set(base, (bySeverity = new Map()));
    let style = bySeverity.get(h.severity);
    if (!style) {
      style = { ...(base as Partial<ExcelJS.Style>), fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(SEVERITY_FILL[h.severity as Severity]) } } };
      bySeverity.set(h.severity, style);
    }
    cell.style = style;
  }
}

/** Number formats the file's summary adds to SUMMARY_LOOK's (General elsewhere). */
const NUM_FMT: Partial<Record<SummaryStyle, string>> = { number: '0.##', total: '0.##' };

/** SUMMARY_LOOK (plus NUM_FMT) as an exceljs style, registered in the workbook's style table at each write. */
function xlsxStyle(style: SummaryStyle): Partial<ExcelJS.Style> {
  const l = SUMMARY_LOOK[style];
  const out: Partial<ExcelJS.Style> = {};
  const font: Partial<ExcelJS.Font> = {};
  if (l.color) font.color = { argb: argb(l.color) };
  if (l.bold) font.bold = true;
  if (l.size) font.size = l.size;
  if (l.underline) font.underline = true;
  if (Object.keys(font).length) out.font = font;
  if (l.fill) out.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(l.fill) } };
  const numFmt = l.numFmt ?? NUM_FMT[style];
  if (numFmt) out.numFmt = numFmt;
  const alignment: Partial<ExcelJS.Alignment> = {};
  if (l.wrap) alignment.wrapText = true;
  if (l.v) alignment.vertical = l.v === 'center' ? 'middle' : 'top';
  if (l.h) alignment.horizontal = l.h;
  if (Object.keys(alignment).length) out.alignment = alignment;
  return out;
}

const STYLE = Object.fromEntries(Object.keys(SUMMARY_LOOK).map((k) => [k, xlsxStyle(k as SummaryStyle)])) as Record<SummaryStyle, Partial<ExcelJS.Style>>;

/** exceljs' writer as far as the summary hook needs it (lib/xlsx/xlsx.js, exceljs 4.4). */
interface WriterModel {
  worksheets: { id: number; name: string }[];
  styles: { addStyleModel(style: object, cellType?: number): number };
  sharedStrings: { add(text: string): number };
}
interface WriterZip {
  append(data: string | Uint8Array, options: { name: string }): unknown;
}
interface XlsxWriter {
  addWorksheets(zip: WriterZip, model: WriterModel): Promise<void>;
}

/** The summary sheets of a workbook and their plans: rendered at each write of the workbook. */
const pendingSummaries = new WeakMap<ExcelJS.Workbook, Map<ExcelJS.Worksheet, SummaryPlan>>();

const STRING_CELL = 3; // exceljs Enums.ValueType.String: a style without numFmt gets no numFmtId

/**
 * Lets exceljs write the summary sheet's frame (views, widths, data bars, margins) and puts the cells,
 * merges and links in as SpreadsheetML rendered from the plan (summary-xml.ts), with styles and strings
 * registered in the workbook's own tables. Installed once per workbook; every later write renders the
 * sheet afresh.
 */
function hookSummaryWriter(wb: ExcelJS.Workbook): Map<ExcelJS.Worksheet, SummaryPlan> {
  let plans = pendingSummaries.get(wb);
  if (plans) return plans;
  const bySheet = (plans = new Map<ExcelJS.Worksheet, SummaryPlan>());
  pendingSummaries.set(wb, bySheet);
  const writer = wb.xlsx as unknown as XlsxWriter;
  const addWorksheets = writer.addWorksheets.bind(writer);
  writer.addWorksheets = async (zip, model) => {
    const parts = new Map<string, SheetParts>();
    for (const ws of model.worksheets) {
      const sheet = wb.getWorksheet(ws.id);
      const plan = sheet && bySheet.get(sheet);
      if (!plan) continue;
      parts.set(`xl/worksheets/sheet${ws.id}.xml`, renderSummaryParts(plan, {
        styleId: (style) => model.styles.addStyleModel(STYLE[style], STRING_CELL),
        sharedString: (text) => model.sharedStrings.add(text),
      }));
    }
    if (!parts.size) return addWorksheets(zip, model);
    const append = zip.append;
    zip.append = (data, options) => {
      const p = parts.get(options.name);
      return append.call(zip, p ? fillSheetShell(String(data), p) : data, options);
    };
    try {
      await addWorksheets(zip, model);
    } finally {
      zip.append = append;
    }
  };
  return bySheet;
}

/** Writes the summary sheet, replacing a previous one of ours; a foreign sheet of that name is kept. */
export function writeSummary(wb: ExcelJS.Workbook, summary: SummaryPlan): string {
  const plans = hookSummaryWriter(wb);
  const existing: { name: string; ours: boolean }[] = [];
  wb.eachSheet((ws) => existing.push({ name: ws.name, ours: plans.has(ws) || isOwnerMark(ws.getCell(1, 1).value) }));
  const name = chooseSummaryName(existing, summary.name);
  const old = wb.getWorksheet(name);
  if (old) {
    plans.delete(old);
    wb.removeWorksheet(old.id);
  }
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: summary.freezeRows }] });
  ws.columns = summary.widths.map((w) => ({ width: w }));
  for (const b of summary.bars) {
    ws.addConditionalFormatting({
      ref: address(b.row, b.col),
      rules: [{ type: 'dataBar', priority: 1, cfvo: [{ type: 'num', value: 0 }, { type: 'num', value: 1 }], color: { argb: argb(BAR_COLOR) } } as unknown as ExcelJS.ConditionalFormattingRule],
    });
  }
  // The cells are rendered when the workbook is written: in memory this sheet stays empty.
  plans.set(ws, summary);
  return name;
}

export function applyPlan(wb: ExcelJS.Workbook, plan: WritePlan): string {
  applyHighlights(wb, plan);
  return writeSummary(wb, plan.summary);
}

export type { CellValue };
