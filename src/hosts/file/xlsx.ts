// The exceljs reader of an .xlsx, kept as the reference the package reader (package/read.ts) is tested
// against; the CLI and the standalone page read and write through package/ and never load exceljs.

import type ExcelJS from 'exceljs';
import { Cell, CellValue, MergeArea, SheetSnapshot, WorkbookSnapshot } from '../../core/snapshot';
import { JixiaoError } from '../../core/errors';
import { checkExtension, checkSignature } from './package/read';
import { snapshotCell } from './package/cells';

type ExcelJSModule = typeof ExcelJS;

export { dateToSerial, formatNumber } from './package/cells';

/** One exceljs cell value → snapshot cell (formula results, rich text, links and dates resolved). */
export function toCell(value: ExcelJS.CellValue, fmt: string | undefined): Cell | null {
  let v: unknown = value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      // A formula the file holds no result for (written by a tool that does not calculate).
      if (o.result === undefined || o.result === null) return { v: null, t: '', uncalculated: true };
      v = o.result;
    } else if ('richText' in o && Array.isArray(o.richText)) v = (o.richText as { text: string }[]).map((x) => x.text).join('');
    else if ('hyperlink' in o)
      v =
        typeof o.text === 'string' ? o.text : ((o.text as { richText?: { text: string }[] })?.richText?.map((x) => x.text).join('') ?? '');
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
  const internal =
    (ws as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges ?? {};
  const slave = new Set<number>();
  for (const m of Object.values(internal)) {
    merges.push({ top: m.top, left: m.left, bottom: m.bottom, right: m.right });
    for (let r = m.top; r <= m.bottom; r++)
      for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) slave.add(r * 20000 + c);
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
  const hiddenRows: number[] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.hidden) hiddenRows.push(r);
  });
  const snap: SheetSnapshot = { name: ws.name, rows, top: 1, left: 1, merges, hidden: ws.state === 'hidden' || ws.state === 'veryHidden' };
  if (hiddenRows.length) snap.hiddenRows = hiddenRows;
  return snap;
}

export function snapshotWorkbook(wb: ExcelJS.Workbook, name?: string): WorkbookSnapshot {
  const sheets: SheetSnapshot[] = [];
  wb.eachSheet((ws) => {
    // Chart sheets and the like come through without cells; they simply hold no table.
    sheets.push(snapshotSheet(ws));
  });
  return { name, sheets };
}

export { checkExtension };

/** Loads .xlsx bytes; any failure becomes a Chinese message (exit 2 in the CLI). */
export async function loadXlsx(Excel: ExcelJSModule, data: ArrayBuffer | Uint8Array, fileName: string): Promise<ExcelJS.Workbook> {
  checkExtension(fileName);
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  checkSignature(bytes, fileName);
  const wb = new Excel.Workbook();
  try {
    // exceljs accepts Buffer in Node and ArrayBuffer in browsers.
    const arg = typeof Buffer !== 'undefined' ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes.buffer;
    await wb.xlsx.load(arg as never);
  } catch (e) {
    throw new JixiaoError(
      'unreadable',
      `无法读取“${fileName}”：文件已损坏或不是有效的 .xlsx 工作簿（${(e as Error).message ?? e}）。请在 Excel 或 WPS 中打开并另存为 .xlsx 后再试。`,
    );
  }
  return wb;
}

export type { CellValue };
