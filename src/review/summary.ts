// 汇总.xlsx of a review: 汇总 (one row per project table), 问题清单 (every finding, filterable) and 统计
// (grades, problems by code and by department, self-score against 核算得分). A new workbook written with
// exceljs; browser-safe (the caller passes exceljs and how to link a file).

import type ExcelJS from 'exceljs';
import { Severity } from '../core/types';
import { SEVERITY_LABEL, SEVERITY_FILL, OWNER_MARK } from '../core/plan';
import { SEVERITY_ORDER } from '../core/data/findings';
import { FileRecord, FindingRecord, TableRecord, bySeriousness, difference, ownerOf } from './record';
import { SUMMARY_TEXT as T, codeName } from './templates';

type ExcelJSModule = typeof ExcelJS;

export interface SummaryOptions {
  /** Link target of a file from the summary's own location (relative path), or null for no link. */
  linkFor?: (f: FileRecord) => string | null;
}

/** One row of 汇总 per project table; files without a table get one row saying why. */
export interface SummaryRow {
  file: FileRecord;
  table: TableRecord | null;
}

export function summaryRows(files: FileRecord[]): SummaryRow[] {
  const rows: SummaryRow[] = [];
  for (const f of files) {
    if (f.status === 'skipped') continue;
    if (f.tables.length === 0) rows.push({ file: f, table: null });
    for (const t of f.tables) rows.push({ file: f, table: t });
  }
  return rows;
}

/** The three most serious problems of a table, one per line ("D12 未填写实际完成值……"). */
export function topProblems(t: TableRecord, n = 3): string {
  return t.findings
    .filter((f) => f.severity !== 'info')
    .sort(bySeriousness)
    .slice(0, n)
    .map((f, i) => `${i + 1}. [${SEVERITY_LABEL[f.severity]}] ${f.cell ? `${f.cell} ` : ''}${f.message}`)
    .join('\n');
}

export interface ProblemRow {
  file: FileRecord;
  table: TableRecord | null;
  finding: FindingRecord;
}

/** Every finding of the batch in file order, sheet notes and unreadable files included. */
export function problemRows(files: FileRecord[]): ProblemRow[] {
  const out: ProblemRow[] = [];
  for (const f of files) {
    if (f.status === 'skipped') continue;
    if (f.status === 'unreadable' || f.status === 'no-table') {
      out.push({
        file: f,
        table: null,
        finding: { sheet: '', row: null, cell: null, code: f.status, severity: 'error', message: f.error ?? '' },
      });
      continue;
    }
    for (const n of f.notes) out.push({ file: f, table: null, finding: n });
    for (const t of f.tables) for (const x of t.findings) out.push({ file: f, table: t, finding: x });
  }
  return out;
}

function mean(xs: number[]): number | null {
  return xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null;
}

export interface Statistics {
  files: number;
  evaluated: number;
  unreadable: number;
  noTable: number;
  skipped: number;
  tables: number;
  scorable: number;
  unscorable: number;
  avgSelf: number | null;
  avgScore: number | null;
  avgDiff: number | null;
  grades: { grade: string; count: number }[];
  byCode: { code: string; severity: Severity; count: number; tables: number }[];
  byDept: {
    owner: string;
    tables: number;
    avgSelf: number | null;
    avgScore: number | null;
    error: number;
    warning: number;
    info: number;
    top: string;
  }[];
  diffBands: number[];
  topDiff: { file: FileRecord; table: TableRecord; diff: number }[];
}

/** Difference bands of T.stats.diffBands, index for a table. */
function diffBand(d: number | null): number {
  if (d === null) return 5;
  if (d >= 5) return 0;
  if (d >= 2) return 1;
  if (d >= 0.5) return 2;
  if (d > -0.5) return 3;
  return 4;
}

export function statistics(files: FileRecord[]): Statistics {
  const rows = summaryRows(files).filter((r): r is { file: FileRecord; table: TableRecord } => r.table !== null);
  const both = rows.filter((r) => r.table.score !== null && r.table.selfScore !== null);
  const gradeCount = new Map<string, number>(['优', '良', '中', '差', '无法核算'].map((g) => [g, 0]));
  for (const r of rows) gradeCount.set(r.table.grade ?? '无法核算', (gradeCount.get(r.table.grade ?? '无法核算') ?? 0) + 1);
  const codes = new Map<string, { code: string; severity: Severity; count: number; tables: Set<TableRecord> }>();
  for (const r of rows) {
    for (const f of r.table.findings) {
      const k = `${f.code}|${f.severity}`;
      let c = codes.get(k);
      if (!c) codes.set(k, (c = { code: f.code, severity: f.severity, count: 0, tables: new Set() }));
      c.count++;
      c.tables.add(r.table);
    }
  }
  const depts = new Map<string, { rows: typeof rows; codes: Map<string, number>; sev: Record<Severity, number> }>();
  for (const r of rows) {
    const o = ownerOf(r.table, r.file);
    let d = depts.get(o);
    if (!d) depts.set(o, (d = { rows: [], codes: new Map(), sev: { error: 0, warning: 0, info: 0 } }));
    d.rows.push(r);
    for (const f of r.table.findings) {
      d.sev[f.severity]++;
      if (f.severity !== 'info') d.codes.set(f.code, (d.codes.get(f.code) ?? 0) + 1);
    }
  }
  const bands = [0, 0, 0, 0, 0, 0];
  for (const r of rows) bands[diffBand(r.table.score === null ? null : difference(r.table))]++;
  return {
    files: files.length,
    evaluated: files.filter((f) => f.status === 'evaluated').length,
    unreadable: files.filter((f) => f.status === 'unreadable').length,
    noTable: files.filter((f) => f.status === 'no-table').length,
    skipped: files.filter((f) => f.status === 'skipped').length,
    tables: rows.length,
    scorable: rows.filter((r) => r.table.score !== null).length,
    unscorable: rows.filter((r) => r.table.score === null).length,
    avgSelf: mean(both.map((r) => r.table.selfScore as number)),
    avgScore: mean(both.map((r) => r.table.score as number)),
    avgDiff: mean(both.map((r) => difference(r.table) as number)),
    grades: [...gradeCount].map(([grade, count]) => ({ grade, count })),
    byCode: [...codes.values()]
      .map((c) => ({ code: c.code, severity: c.severity, count: c.count, tables: c.tables.size }))
      .sort((a, b) => b.count - a.count || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code)),
    byDept: [...depts]
      .map(([owner, d]) => {
        const scored = d.rows.filter((r) => r.table.score !== null && r.table.selfScore !== null);
        const top = [...d.codes].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
        return {
          owner,
          tables: d.rows.length,
          avgSelf: mean(scored.map((r) => r.table.selfScore as number)),
          avgScore: mean(scored.map((r) => r.table.score as number)),
          error: d.sev.error,
          warning: d.sev.warning,
          info: d.sev.info,
          top: top ? `${codeName(top[0])}（${top[1]}处）` : '',
        };
      })
      .sort((a, b) => b.error - a.error || b.warning - a.warning || a.owner.localeCompare(b.owner, 'zh-Hans-CN')),
    diffBands: bands,
    topDiff: both
      .map((r) => ({ file: r.file, table: r.table, diff: difference(r.table) as number }))
      .filter((x) => Math.abs(x.diff) >= 0.5)
      .sort((a, b) => Math.abs(b.diff) - Math.abs(a.diff) || a.file.index - b.file.index)
      .slice(0, 10),
  };
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FFBFBFBF' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10 };
const HEAD_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10, bold: true };
const SECTION_FONT: Partial<ExcelJS.Font> = { name: '黑体', size: 12, bold: true };
const LINK_FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10, color: { argb: 'FF0563C1' }, underline: true };
const DIFF_FMT = '+0.00;-0.00;0';
const PCT_FMT = '0.00%';

function fill(hex: string): ExcelJS.Fill {
  return { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${hex}` } };
}

/** Landscape A4, fit to one page wide, header row repeated on every page. */
function printable(ws: ExcelJS.Worksheet, titleRows: string | null): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(titleRows ? { printTitlesRow: titleRows } : {}),
  };
  ws.headerFooter = { oddFooter: '&C第 &P 页，共 &N 页' };
}

function headerRow(ws: ExcelJS.Worksheet, values: string[]): ExcelJS.Row {
  const row = ws.addRow(values);
  row.eachCell((c) => {
    c.font = HEAD_FONT;
    c.fill = HEAD_FILL;
    c.border = BORDER;
    c.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  });
  row.height = 22;
  return row;
}

function bodyRow(ws: ExcelJS.Worksheet, values: ExcelJS.CellValue[], wrapCols: number[] = []): ExcelJS.Row {
  const row = ws.addRow(values);
  for (let c = 1; c <= values.length; c++) {
    const cell = row.getCell(c);
    cell.font = FONT;
    cell.border = BORDER;
    cell.alignment = { vertical: 'top', wrapText: wrapCols.includes(c) };
  }
  return row;
}

function link(f: FileRecord, o: SummaryOptions): ExcelJS.CellValue {
  const target = o.linkFor?.(f) ?? null;
  const text = f.display;
  return target ? { text, hyperlink: target, tooltip: f.display } : text;
}

function styleLink(cell: ExcelJS.Cell): void {
  if (typeof cell.value === 'object' && cell.value !== null && 'hyperlink' in cell.value) cell.font = LINK_FONT;
}

/** Rows a wrapped cell needs at a column width (CJK characters count double). */
function linesFor(text: string, width: number): number {
  let lines = 0;
  for (const part of text.split('\n')) {
    let w = 0;
    for (const ch of part) w += ch.charCodeAt(0) > 0x2e80 ? 2 : 1;
    lines += Math.max(1, Math.ceil(w / Math.max(1, width - 1)));
  }
  return lines;
}

function addSummarySheet(wb: ExcelJS.Workbook, files: FileRecord[], o: SummaryOptions): void {
  const ws = wb.addWorksheet(T.sheets.summary, { views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }] });
  const widths = [6, 18, 28, 8, 10, 10, 9, 8, 10, 11, 7, 7, 60, 30, 32];
  ws.columns = widths.map((width) => ({ width }));
  headerRow(ws, T.summaryHeader);
  let n = 0;
  for (const { file: f, table: t } of summaryRows(files)) {
    n++;
    if (!t) {
      const row = bodyRow(
        ws,
        [
          n,
          '',
          f.status === 'unreadable' ? T.unreadableProject : T.noTableProject,
          '',
          null,
          null,
          null,
          '',
          '',
          null,
          1,
          0,
          f.error ?? '',
          link(f, o),
          '',
        ],
        [3, 13],
      );
      row.getCell(13).fill = fill(SEVERITY_FILL.error);
      styleLink(row.getCell(14));
      row.height = 15 * linesFor(f.error ?? '', widths[12]);
      continue;
    }
    const diff = difference(t);
    const problems = topProblems(t) || T.noProblems;
    const count = (s: Severity) => t.findings.filter((x) => x.severity === s).length;
    const row = bodyRow(
      ws,
      [
        n,
        ownerOf(t, f),
        t.project ?? t.title ?? '',
        t.year ?? '',
        t.selfScore,
        t.score ?? '无法核算',
        diff,
        t.grade ?? '无法核算',
        `${t.met}/${t.indicators}`,
        t.rate,
        count('error'),
        count('warning'),
        problems,
        link(f, o),
        `${t.sheet}（表头第${t.headerRow}行）`,
      ],
      [2, 3, 13, 15],
    );
    row.getCell(7).numFmt = DIFF_FMT;
    row.getCell(10).numFmt = PCT_FMT;
    for (const c of [4, 5, 6, 7, 8, 9, 10, 11, 12]) row.getCell(c).alignment = { vertical: 'top', horizontal: 'center' };
    if (t.score === null) row.getCell(6).font = { ...FONT, italic: true, color: { argb: 'FF808080' } };
    if (count('error')) row.getCell(11).fill = fill(SEVERITY_FILL.error);
    if (count('warning')) row.getCell(12).fill = fill(SEVERITY_FILL.warning);
    styleLink(row.getCell(14));
    row.height = Math.max(15, 13.5 * Math.max(linesFor(problems, widths[12]), linesFor(t.project ?? '', widths[2])));
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, n + 1), column: T.summaryHeader.length } };
  printable(ws, '1:1');
}

function addFindingsSheet(wb: ExcelJS.Workbook, files: FileRecord[], o: SummaryOptions): void {
  const ws = wb.addWorksheet(T.sheets.findings, { views: [{ state: 'frozen', ySplit: 1 }] });
  const widths = [7, 18, 26, 28, 20, 8, 6, 16, 18, 70];
  ws.columns = widths.map((width) => ({ width }));
  headerRow(ws, T.findingsHeader);
  let n = 0;
  for (const { file: f, table: t, finding: x } of problemRows(files)) {
    n++;
    const row = bodyRow(
      ws,
      [
        n,
        t ? ownerOf(t, f) : '',
        t ? (t.project ?? t.title ?? '') : '',
        link(f, o),
        x.sheet,
        x.cell ?? '',
        SEVERITY_LABEL[x.severity],
        x.code,
        codeName(x.code),
        x.message,
      ],
      [2, 3, 10],
    );
    row.getCell(7).fill = fill(SEVERITY_FILL[x.severity]);
    row.getCell(7).alignment = { vertical: 'top', horizontal: 'center' };
    styleLink(row.getCell(4));
    const lines = linesFor(x.message, widths[9]);
    if (lines > 1) row.height = 13.5 * lines;
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, n + 1), column: T.findingsHeader.length } };
  printable(ws, '1:1');
}

function addStatsSheet(wb: ExcelJS.Workbook, files: FileRecord[], o: SummaryOptions): void {
  const s = statistics(files);
  const L = T.stats;
  const ws = wb.addWorksheet(T.sheets.stats);
  ws.columns = [28, 16, 14, 14, 10, 10, 10, 28].map((width) => ({ width }));
  const section = (title: string): void => {
    if (ws.rowCount > 0) ws.addRow([]);
    const row = ws.addRow([title]);
    row.getCell(1).font = SECTION_FONT;
    row.height = 20;
  };
  // Our mark in A1: a later batch over a folder holding this workbook skips it as one of our results.
  const title = ws.addRow([`${OWNER_MARK}${L.title}`]);
  title.getCell(1).font = { ...SECTION_FONT, size: 14 };
  title.height = 24;
  section(L.overview);
  const overview: [string, number | null][] = [
    [L.files, s.files],
    [L.evaluated, s.evaluated],
    [L.unreadable, s.unreadable],
    [L.noTable, s.noTable],
    [L.skipped, s.skipped],
    [L.tables, s.tables],
    [L.scorable, s.scorable],
    [L.unscorable, s.unscorable],
    [L.avgSelf, s.avgSelf],
    [L.avgScore, s.avgScore],
    [L.avgDiff, s.avgDiff],
  ];
  for (const [label, v] of overview) {
    const row = bodyRow(ws, [label, v ?? '—'], [1]);
    if (label === L.avgDiff) row.getCell(2).numFmt = DIFF_FMT;
  }

  section(L.grades);
  headerRow(ws, L.gradesHeader);
  for (const g of s.grades) {
    const row = bodyRow(ws, [g.grade, g.count, s.tables ? g.count / s.tables : 0]);
    row.getCell(3).numFmt = '0.0%';
  }

  section(L.byCode);
  headerRow(ws, L.byCodeHeader);
  for (const c of s.byCode) {
    const row = bodyRow(ws, [c.code, codeName(c.code), SEVERITY_LABEL[c.severity], c.count, c.tables]);
    row.getCell(3).fill = fill(SEVERITY_FILL[c.severity]);
  }

  section(L.byDept);
  headerRow(ws, L.byDeptHeader);
  for (const d of s.byDept)
    bodyRow(ws, [d.owner, d.tables, d.avgSelf ?? '—', d.avgScore ?? '—', d.error, d.warning, d.info, d.top], [1, 8]);

  section(L.diff);
  headerRow(ws, L.diffHeader);
  L.diffBands.forEach((label, i) => bodyRow(ws, [label, s.diffBands[i]]));
  if (s.topDiff.length) {
    ws.addRow([]);
    const row = ws.addRow([L.topDiff]);
    row.getCell(1).font = HEAD_FONT;
    headerRow(ws, L.topDiffHeader);
    for (const x of s.topDiff) {
      const r = bodyRow(
        ws,
        [ownerOf(x.table, x.file), x.table.project ?? x.table.title ?? '', x.table.selfScore, x.table.score, x.diff, link(x.file, o)],
        [1, 2],
      );
      r.getCell(5).numFmt = DIFF_FMT;
      styleLink(r.getCell(6));
    }
  }
  printable(ws, null);
  ws.pageSetup.orientation = 'portrait';
}

/** The 汇总 workbook of a batch, in memory (write it with wb.xlsx.writeFile / writeBuffer). */
export function buildSummaryWorkbook(Excel: ExcelJSModule, files: FileRecord[], o: SummaryOptions = {}): ExcelJS.Workbook {
  const wb = new Excel.Workbook();
  wb.creator = '绩效评价助手';
  addSummarySheet(wb, files, o);
  addFindingsSheet(wb, files, o);
  addStatsSheet(wb, files, o);
  return wb;
}
