// Fills the fake WPS workbook from an exceljs workbook: values (formula results, rich text, dates as
// serial numbers), number formats, merges, fills (BGR), column widths, visibility, protection and frozen
// rows. Takes an already loaded workbook, so it needs no Node APIs.

import type ExcelJS from 'exceljs';
import { dateToSerial } from '../../../src/hosts/file/xlsx';
import { FakeBook, FakeCell, FakeRule, FakeSheet, XL_NONE, XL_SOLID, emptyCell, isBlank, key, newSheet, parseAreas } from './model';
import { PALETTE } from './model';
import { mergeAreas } from '../../support/merges';

/** 'FFFFC7CE' (ARGB) → BGR long. */
export function argbToBgr(argb: string): number {
  const n = parseInt(argb.slice(-6), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

function colour(c: Partial<ExcelJS.Color> | undefined, fallback: number): number {
  if (!c) return fallback;
  if (typeof c.argb === 'string') return argbToBgr(c.argb);
  const indexed = (c as { indexed?: number }).indexed;
  if (typeof indexed === 'number' && indexed >= 8 && indexed < 64) return PALETTE[indexed - 8];
  return fallback;
}

const PATTERNS: Record<string, number> = {
  darkGray: -4126,
  mediumGray: -4125,
  lightGray: -4124,
  gray125: 17,
  gray0625: 18,
  darkHorizontal: -4128,
  darkVertical: -4166,
  darkDown: -4121,
  darkUp: -4162,
  darkGrid: -4125,
  darkTrellis: 9,
  lightHorizontal: 11,
  lightVertical: 12,
  lightDown: 13,
  lightUp: 14,
  lightGrid: 15,
  lightTrellis: 16,
};

function rawValue(value: ExcelJS.CellValue): { v: string | number | boolean | null; formula?: string; date?: boolean } {
  let v: unknown = value;
  let formula: string | undefined;
  if (v === null || v === undefined) return { v: null };
  if (typeof v === 'object' && !(v instanceof Date)) {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      formula = `=${String(o.formula ?? o.sharedFormula)}`;
      v = o.result ?? null;
      if (v && typeof v === 'object' && 'error' in (v as object)) v = String((v as { error: unknown }).error);
    } else if ('richText' in o && Array.isArray(o.richText)) v = (o.richText as { text: string }[]).map((x) => x.text).join('');
    else if ('hyperlink' in o)
      v =
        typeof o.text === 'string' ? o.text : ((o.text as { richText?: { text: string }[] })?.richText?.map((x) => x.text).join('') ?? '');
    else if ('error' in o) v = String(o.error);
    else v = null;
  }
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { v: null } : { v: dateToSerial(v), formula, date: true };
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') return { v, formula };
  return { v: null, formula };
}

export function sheetFromExcelJs(ws: ExcelJS.Worksheet): FakeSheet {
  const s = newSheet(ws.name);
  for (const m of mergeAreas(ws)) s.merges.push(m);
  const slave = (r: number, c: number) =>
    s.merges.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right && (r !== m.top || c !== m.left));
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    if (row.hidden) (s.hiddenRows ??= []).push(r);
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const fc: FakeCell = emptyCell();
      if (!slave(r, c)) {
        const raw = rawValue(cell.value);
        fc.v = raw.v;
        if (raw.formula) fc.formula = raw.formula;
        if (raw.date && (!cell.numFmt || cell.numFmt === 'General')) fc.fmt = 'yyyy/m/d';
      }
      if (cell.numFmt && cell.numFmt !== 'General') fc.fmt = cell.numFmt;
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      if (fill && fill.type === 'pattern' && fill.pattern && fill.pattern !== 'none') {
        if (fill.pattern === 'solid') {
          fc.pattern = XL_SOLID;
          fc.color = colour(fill.fgColor, 0xffffff);
        } else {
          fc.pattern = PATTERNS[fill.pattern] ?? -4125;
          fc.color = colour(fill.bgColor, 0xffffff);
          fc.patternColor = colour(fill.fgColor, 0);
        }
      }
      if (cell.font && cell.font.bold) fc.bold = true;
      if (!isBlank(fc)) s.cells[key(r, c)] = fc;
    });
  });
  (ws.columns ?? []).forEach((col, i) => {
    if (col && typeof col.width === 'number') s.colWidths[String(i + 1)] = col.width;
  });
  if (ws.state === 'hidden') s.visible = 0;
  else if (ws.state === 'veryHidden') s.visible = 2;
  const prot = (ws as unknown as { sheetProtection?: { sheet?: boolean; formatCells?: boolean } }).sheetProtection;
  if (prot && prot.sheet) s.protect = { allowFormattingCells: !!prot.formatCells };
  // Formula conditional formats (a file another host marked), in priority order.
  const cfs = (ws as unknown as { conditionalFormattings?: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings ?? [];
  const rules: { priority: number; rule: FakeRule }[] = [];
  for (const cf of cfs) {
    const areas = parseAreas(cf.ref.trim().split(/\s+/).join(','));
    for (const r of cf.rules) {
      if (r.type !== 'expression' || !r.formulae || !r.formulae.length) continue;
      const fill = r.style && (r.style.fill as ExcelJS.FillPattern | undefined);
      const c = fill ? fill.bgColor || fill.fgColor : undefined;
      rules.push({ priority: r.priority ?? 0, rule: { areas, formula: `=${r.formulae[0]}`, color: c ? colour(c, 0xffffff) : null } });
    }
  }
  rules.sort((a, b) => a.priority - b.priority);
  for (const r of rules) s.rules.push(r.rule);
  const view = ws.views && ws.views[0];
  if (view && view.state === 'frozen' && (view as ExcelJS.WorksheetViewFrozen).ySplit) {
    s.view.freeze = true;
    s.view.splitRow = (view as ExcelJS.WorksheetViewFrozen).ySplit ?? 0;
    s.view.splitColumn = (view as ExcelJS.WorksheetViewFrozen).xSplit ?? 0;
  }
  return s;
}

export function bookFromExcelJs(wb: ExcelJS.Workbook, name: string): FakeBook {
  const sheets: FakeSheet[] = [];
  wb.eachSheet((ws) => sheets.push(sheetFromExcelJs(ws)));
  const active = Math.max(
    0,
    sheets.findIndex((s) => s.visible === -1),
  );
  const names = (wb.definedNames.model as { name: string; ranges: string[] }[])
    .filter((n) => n.ranges.length === 1)
    .map((n) => ({ name: n.name, refersTo: `=${n.ranges[0]}`, visible: true }));
  return { name, fullName: name, sheets, active, protectStructure: false, names };
}

export { XL_NONE };
