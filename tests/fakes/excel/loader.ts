// Fills a fake workbook from an exceljs workbook: values (formula results, rich text, dates as serial
// numbers), display text exactly as the file host sees it, number formats, fills, fonts, borders,
// alignment, merges, column widths, frozen rows and sheet protection. Office reports merged non-anchor
// cells as empty, so their values are dropped (exceljs repeats the anchor's value there).

import type ExcelJS from 'exceljs';
import { toCell } from '../../../src/hosts/file/xlsx';
import { columnWidthPoints } from '../../../src/hosts/excel/addresses';
import { Area, FakeBorder, FakeCell, FakeFont, FakeWorkbook, cellKey, newSheet, newWorkbook } from './state';
import { mergeAreas } from '../../support/merges';

function argbToHex(c: unknown): string | undefined {
  const argb = (c as { argb?: string } | undefined)?.argb;
  if (typeof argb !== 'string' || !/^[0-9A-Fa-f]{6,8}$/.test(argb)) return undefined;
  return `#${argb.slice(-6).toUpperCase()}`;
}

function fontOf(f: Partial<ExcelJS.Font> | undefined): FakeFont | undefined {
  if (!f) return undefined;
  const out: FakeFont = {};
  if (f.name) out.name = f.name;
  if (f.size) out.size = f.size;
  if (f.bold) out.bold = true;
  if (f.italic) out.italic = true;
  const color = argbToHex(f.color);
  if (color) out.color = color;
  if (f.underline) out.underline = f.underline === true ? 'Single' : String(f.underline);
  return Object.keys(out).length ? out : undefined;
}

const EDGES: Record<string, string> = { top: 'EdgeTop', bottom: 'EdgeBottom', left: 'EdgeLeft', right: 'EdgeRight' };

function bordersOf(b: Partial<ExcelJS.Borders> | undefined): Record<string, FakeBorder> | undefined {
  if (!b) return undefined;
  const out: Record<string, FakeBorder> = {};
  for (const [k, name] of Object.entries(EDGES)) {
    const e = (b as Record<string, Partial<ExcelJS.Border> | undefined>)[k];
    if (e?.style) {
      const color = argbToHex(e.color);
      out[name] = color ? { style: e.style, color } : { style: e.style };
    }
  }
  return Object.keys(out).length ? out : undefined;
}

function fillOf(f: ExcelJS.Fill | undefined): string | undefined {
  if (!f || f.type !== 'pattern' || f.pattern !== 'solid') return undefined;
  return argbToHex(f.fgColor);
}

/** "A1:B3 D5" (a conditional format's ref) → areas. */
function parseRef(ref: string): Area[] {
  const out: Area[] = [];
  for (const part of ref.split(/[\s,]+/)) {
    const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(part);
    if (!m) continue;
    const col = (l: string) => [...l.toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const top = Number(m[2]);
    const left = col(m[1]);
    out.push({ top, left, bottom: m[4] ? Number(m[4]) : top, right: m[3] ? col(m[3]) : left });
  }
  return out;
}

export interface LoadOptions {
  /** Workbook name (Workbook.name). */
  name?: string;
  /** Highest supported ExcelApi 1.x minor version. */
  excelApi?: number;
  /** Active sheet name; default: the workbook's active tab, else the first sheet. */
  active?: string;
}

export function fakeWorkbookFromExcelJs(src: ExcelJS.Workbook, opts: LoadOptions = {}): FakeWorkbook {
  const wb = newWorkbook(opts.name ?? 'Book1.xlsx', opts.excelApi ?? 17);
  src.eachSheet((ws) => {
    const sheet = newSheet(wb, ws.name);
    if (ws.state === 'hidden') sheet.visibility = 'Hidden';
    else if (ws.state === 'veryHidden') sheet.visibility = 'VeryHidden';
    const slave = new Set<number>();
    for (const m of mergeAreas(ws)) {
      const a = { top: m.top, left: m.left, bottom: m.bottom, right: m.right };
      sheet.merges.push(a);
      for (let r = a.top; r <= a.bottom; r++)
        for (let c = a.left; c <= a.right; c++) if (r !== a.top || c !== a.left) slave.add(cellKey(r, c));
    }
    ws.eachRow({ includeEmpty: true }, (row, r) => {
      if (row.hidden) (sheet.hiddenRows ??= new Set()).add(r);
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const k = cellKey(r, c);
        const fmt = cell.numFmt && cell.numFmt !== 'General' ? cell.numFmt : undefined;
        const sc = slave.has(k) ? null : toCell(cell.value, fmt);
        const out: FakeCell = { value: '', text: '', numberFormat: fmt ?? 'General' };
        if (sc) {
          out.value = sc.v === null ? '' : sc.v;
          out.text = sc.t;
          if (sc.f) out.numberFormat = sc.f;
          const v = cell.value as { formula?: string; sharedFormula?: string } | null;
          if (v && typeof v === 'object' && typeof v.formula === 'string') out.formula = `=${v.formula}`;
        }
        const fill = fillOf(cell.fill);
        if (fill) out.fill = fill;
        const font = fontOf(cell.font);
        if (font) out.font = font;
        const borders = bordersOf(cell.border);
        if (borders) out.borders = borders;
        const al = cell.alignment;
        if (al && (al.horizontal || al.vertical || al.wrapText)) {
          out.alignment = {};
          if (al.horizontal) out.alignment.horizontal = al.horizontal;
          if (al.vertical) out.alignment.vertical = al.vertical;
          if (al.wrapText) out.alignment.wrapText = true;
        }
        const styled = out.fill || out.font || out.borders || out.alignment || out.numberFormat !== 'General';
        if (out.value !== '' || styled) sheet.cells.set(k, out);
      });
    });
    (ws.columns ?? []).forEach((col, i) => {
      if (col && typeof col.width === 'number') sheet.columnWidths.set(i + 1, columnWidthPoints(col.width));
    });
    const view = ws.views?.[0] as { state?: string; ySplit?: number; xSplit?: number } | undefined;
    if (view?.state === 'frozen') sheet.freeze = { rows: view.ySplit ?? 0, columns: view.xSplit ?? 0 };
    const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean } }).sheetProtection;
    if (protection?.sheet) sheet.protected = true;
    // Formula conditional formats (a file another host marked): Custom formats in priority order.
    const cfs = (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ?? [];
    const rules: { priority: number; areas: Area[]; formula: string; fill: string | null }[] = [];
    for (const cf of cfs) {
      const areas = parseRef(cf.ref);
      for (const r of cf.rules) {
        if (r.type !== 'expression' || !r.formulae?.length) continue;
        const fill = r.style?.fill as ExcelJS.FillPattern | undefined;
        rules.push({
          priority: r.priority ?? 0,
          areas,
          formula: `=${r.formulae[0]}`,
          fill: argbToHex(fill?.bgColor ?? fill?.fgColor) ?? null,
        });
      }
    }
    rules.sort((a, b) => a.priority - b.priority);
    for (const r of rules) {
      sheet.conditionalFormats.push({
        id: `{cf-${wb.nextId++}}`,
        type: 'Custom',
        areas: r.areas,
        custom: { formula: r.formula, fill: r.fill, fontColor: null, bold: null },
      });
    }
  });
  wb.names = (src.definedNames.model as { name: string; ranges: string[] }[])
    .filter((n) => n.ranges.length === 1)
    .map((n) => ({ name: n.name, formula: `=${n.ranges[0]}`, visible: true }));
  if (wb.sheets.length === 0) newSheet(wb, 'Sheet1');
  const activeName = opts.active ?? src.worksheets[(src.views?.[0] as { activeTab?: number } | undefined)?.activeTab ?? 0]?.name;
  const active = wb.sheets.find((s) => s.name === activeName) ?? wb.sheets[0];
  wb.activeSheetId = active.id;
  return wb;
}
