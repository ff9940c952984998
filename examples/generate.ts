// Writes the sample workbooks in examples/ (see examples/README.md):
//   shenze-2020.xlsx  深泽县教育局 2020年度, one 项目支出绩效自评表 per area of the seed report
//   gaps-sample.xlsx  某县卫生健康局 2021年度, with deliberate gaps a reviewer should catch
//
// Run: npm run examples   (build, then node lib/examples/generate.js; writes to ./examples)
//
// The builder helpers (addNationalTable …) are exported so tests can write their own layout
// variants. The layout follows the national 项目支出绩效自评表 (REFERENCE §1.1).

import * as path from 'path';
import * as fs from 'fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

// ---------------------------------------------------------------------------------------------
// Spec types
// ---------------------------------------------------------------------------------------------

export type CellInput = string | number | null;

export interface BudgetPart {
  label: string;
  initial: number | null;
  planned: number | null;
  executed: number | null;
}

export interface BudgetSpec {
  initial: number;
  planned: number;
  executed: number;
  weight: number;
  selfScore: number;
  /** 执行率 written in the total row; default executed / planned (blank when planned is 0). */
  rate?: number | null;
  /** 其中 rows; default 其中：当年财政拨款 = the total, 上年结转资金 = 0, 其他资金 = 0. */
  parts?: BudgetPart[];
}

export interface IndicatorSpec {
  level1: string;
  level2: string;
  name: string;
  /** 年度指标值 (in the two-row header: the 指标值 sub-column). */
  target: CellInput;
  targetFormat?: string;
  actual: CellInput;
  actualFormat?: string;
  weight: number | null;
  score: number | null;
  reason?: string | null;
  /** Two-row header only: 指标性质 (≧, ≤, =, 定性 …). */
  nature?: string | null;
  /** Two-row header only: 度量单位. */
  unit?: string | null;
}

export interface TableSpec {
  title?: string;
  /** 2020 → '（2020年度）'; a string is written as is. */
  year?: number | string;
  project: string;
  department: string;
  unit: string;
  moneyUnit?: '万元' | '元';
  budget?: BudgetSpec;
  goal?: { expected: string; actual: string };
  indicators: IndicatorSpec[];
  /** 总分 row; default weight 100, score = budget self-score + Σ row scores, grade from the score. */
  total?: { weight: number | null; score: number | null; grade: string | null };
  /** Yunnan style: 年度指标值 spans 指标性质 | 指标值 | 度量单位. */
  twoRowHeader?: boolean;
  /** Write the 一级 weight into its label: 产出指标(50分). */
  level1WeightInLabel?: boolean;
  /** Weights written into the 一级 labels; default the sum of the group's row weights. */
  level1Weights?: Record<string, number>;
  /** 其他需要说明事项; default '无'. */
  otherNotes?: string;
}

/** Where everything went (1-based sheet rows and columns). */
export interface TableLayout {
  firstRow: number;
  lastRow: number;
  lastCol: number;
  rows: {
    title: number;
    year: number;
    project: number;
    department: number;
    budgetHeader: number | null;
    budgetTotal: number | null;
    budgetParts: number[];
    goalHeader: number | null;
    goalText: number | null;
    /** First header row of the indicator grid (the only one unless twoRowHeader). */
    indicatorHeader: number;
    /** indicatorRows[i] is the sheet row of spec.indicators[i]. */
    indicators: number[];
    total: number;
    other: number;
  };
  cols: {
    level1: number;
    level2: number;
    name: number;
    /** 年度指标值 (two-row header: the 指标值 sub-column). */
    target: number;
    nature: number | null;
    unit: number | null;
    actual: number;
    weight: number;
    score: number;
    reason: number;
  };
  budgetCols: {
    label: number;
    initial: number;
    planned: number;
    executed: number;
    weight: number;
    rate: number;
    score: number;
  };
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

import { columnLetters, address as addr } from '../src/core/snapshot';

export { columnLetters, addr };

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** National default bands: 优 ≥ 90, 良 ≥ 80, 中 ≥ 60, else 差. */
export function gradeFor(score: number): string {
  if (score >= 90) return '优';
  if (score >= 80) return '良';
  if (score >= 60) return '中';
  return '差';
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10 };
const BOLD: Partial<ExcelJS.Font> = { name: '宋体', size: 10, bold: true };

interface PutOptions {
  /** Last row / column of a merged range (inclusive). */
  r2?: number;
  c2?: number;
  fmt?: string;
  align?: 'left' | 'center' | 'right';
  bold?: boolean;
  font?: Partial<ExcelJS.Font>;
}

/** Tracks written cells and merges of one sheet so row heights can be estimated at the end. */
interface SheetState {
  spans: { row: number; col: number; c2: number; text: string }[];
}

const states = new WeakMap<ExcelJS.Worksheet, SheetState>();

function stateOf(ws: ExcelJS.Worksheet): SheetState {
  let s = states.get(ws);
  if (!s) {
    s = { spans: [] };
    states.set(ws, s);
  }
  return s;
}

function put(ws: ExcelJS.Worksheet, row: number, col: number, value: CellInput | undefined, o: PutOptions = {}): void {
  const r2 = o.r2 ?? row;
  const c2 = o.c2 ?? col;
  if (r2 > row || c2 > col) ws.mergeCells(row, col, r2, c2);
  const cell = ws.getCell(row, col);
  if (value !== null && value !== undefined && value !== '') cell.value = value;
  if (o.fmt) cell.numFmt = o.fmt;
  cell.font = o.font ?? (o.bold ? BOLD : FONT);
  cell.alignment = {
    horizontal: o.align ?? 'center',
    vertical: 'middle',
    wrapText: true,
  };
  if (r2 === row && typeof value === 'string' && value) stateOf(ws).spans.push({ row, col, c2, text: value });
}

function boxBorders(ws: ExcelJS.Worksheet, r1: number, c1: number, r2: number, c2: number): void {
  for (let r = r1; r <= r2; r++) {
    for (let c = c1; c <= c2; c++) {
      const cell = ws.getCell(r, c);
      cell.border = BORDER;
      if (!cell.font) cell.font = FONT;
    }
  }
}

/** Display width in "character units" (a CJK character counts 2). */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e7f ? 2 : 1;
  return w;
}

/** Sets row heights so wrapped text in (merged) cells is visible; Excel never auto-fits merges. */
export function fitRowHeights(ws: ExcelJS.Worksheet, minHeight = 20): void {
  const need = new Map<number, number>();
  for (const sp of stateOf(ws).spans) {
    let width = 0;
    for (let c = sp.col; c <= sp.c2; c++) width += ws.getColumn(c).width ?? 9;
    const perLine = Math.max(2, Math.floor(width * 1.1) - 1);
    let lines = 0;
    for (const part of sp.text.split('\n')) lines += Math.max(1, Math.ceil(textWidth(part) / perLine));
    const h = lines * 13 + 6;
    need.set(sp.row, Math.max(need.get(sp.row) ?? 0, h));
  }
  for (const [row, h] of need) {
    const r = ws.getRow(row);
    if (r.height === undefined || r.height < Math.max(minHeight, h)) r.height = Math.max(minHeight, h);
  }
}

// ---------------------------------------------------------------------------------------------
// The national 项目支出绩效自评表
// ---------------------------------------------------------------------------------------------

/** Column widths for the standard (9 columns, A–I) or two-row-header (11 columns, A–K) layout. */
export function setNationalColumns(ws: ExcelJS.Worksheet, twoRowHeader = false): void {
  const widths = twoRowHeader ? [10, 11, 13, 26, 8, 10, 8, 14, 8, 8, 28] : [10, 11, 13, 26, 16, 16, 8, 8, 30];
  widths.forEach((w, i) => {
    const col = ws.getColumn(i + 1);
    if (!col.width || col.width < w) col.width = w;
  });
  ws.pageSetup.orientation = 'landscape';
  ws.pageSetup.paperSize = 9; // A4
  ws.pageSetup.fitToPage = true;
  ws.pageSetup.fitToWidth = 1;
  ws.pageSetup.fitToHeight = 0;
}

const DEFAULT_PART_LABELS = ['其中：当年财政拨款', '上年结转资金', '其他资金'];

/**
 * Writes one 项目支出绩效自评表 starting at startRow (column A) and returns where everything went.
 * Layout (standard, A–I): title | （20XX年度） | 项目名称 | 主管部门/实施单位 | 项目资金 block |
 * 年度总体目标 block | 绩效指标 grid | 总分 | 其他需要说明事项.
 */
export function addNationalTableWithLayout(ws: ExcelJS.Worksheet, startRow: number, spec: TableSpec): TableLayout {
  const two = !!spec.twoRowHeader;
  const N = two ? 11 : 9;
  setNationalColumns(ws, two);
  const money = spec.moneyUnit ?? '万元';
  const moneyFmt = money === '元' ? '#,##0.00' : '0.00';

  const cols: TableLayout['cols'] = two
    ? { level1: 2, level2: 3, name: 4, nature: 5, target: 6, unit: 7, actual: 8, weight: 9, score: 10, reason: 11 }
    : { level1: 2, level2: 3, name: 4, nature: null, target: 5, unit: null, actual: 6, weight: 7, score: 8, reason: 9 };
  // Budget block: row label B:C, then the six value columns; in the wide layout 全年预算数 and
  // 全年执行数 take two columns each so that 分值 lines up with the grid's 分值.
  const bspan: Record<keyof TableLayout['budgetCols'], [number, number]> = two
    ? { label: [2, 3], initial: [4, 4], planned: [5, 6], executed: [7, 8], weight: [9, 9], rate: [10, 10], score: [11, 11] }
    : { label: [2, 3], initial: [4, 4], planned: [5, 5], executed: [6, 6], weight: [7, 7], rate: [8, 8], score: [9, 9] };
  const budgetCols = {
    label: bspan.label[0],
    initial: bspan.initial[0],
    planned: bspan.planned[0],
    executed: bspan.executed[0],
    weight: bspan.weight[0],
    rate: bspan.rate[0],
    score: bspan.score[0],
  };

  let r = startRow;
  const titleRow = r;
  put(ws, r, 1, spec.title ?? '项目支出绩效自评表', {
    c2: N,
    font: { name: '宋体', size: 16, bold: true },
  });
  ws.getRow(r).height = 30;
  r++;
  const yearRow = r;
  const yearText = typeof spec.year === 'number' ? `（${spec.year}年度）` : (spec.year ?? '');
  put(ws, r, 1, yearText, { c2: N });
  r++;

  const tableTop = r;
  const projectRow = r;
  put(ws, r, 1, '项目名称', { bold: true });
  put(ws, r, 2, spec.project, { c2: N, align: 'left' });
  r++;

  const deptRow = r;
  const deptSplit = two ? 5 : 4; // value B:deptSplit, label deptSplit+1, value after it
  put(ws, r, 1, '主管部门', { bold: true });
  put(ws, r, 2, spec.department, { c2: deptSplit, align: 'left' });
  put(ws, r, deptSplit + 1, '实施单位', { bold: true });
  put(ws, r, deptSplit + 2, spec.unit, { c2: N, align: 'left' });
  r++;

  let budgetHeader: number | null = null;
  let budgetTotal: number | null = null;
  const budgetParts: number[] = [];
  if (spec.budget) {
    const b = spec.budget;
    const parts: BudgetPart[] =
      b.parts ??
      DEFAULT_PART_LABELS.map((label, i) =>
        i === 0 ? { label, initial: b.initial, planned: b.planned, executed: b.executed } : { label, initial: 0, planned: 0, executed: 0 },
      );
    const nRows = 2 + parts.length;
    put(ws, r, 1, `项目资金（${money}）`, { r2: r + nRows - 1, bold: true });
    budgetHeader = r;
    put(ws, r, bspan.label[0], null, { c2: bspan.label[1] });
    const heads: [keyof typeof bspan, string][] = [
      ['initial', '年初预算数'],
      ['planned', '全年预算数'],
      ['executed', '全年执行数'],
      ['weight', '分值'],
      ['rate', '执行率'],
      ['score', '得分'],
    ];
    for (const [k, h] of heads) put(ws, r, bspan[k][0], h, { c2: bspan[k][1], bold: true });
    r++;
    budgetTotal = r;
    const rate = b.rate !== undefined ? b.rate : b.planned ? Math.round((b.executed / b.planned) * 10000) / 10000 : null;
    put(ws, r, bspan.label[0], '年度资金总额', { c2: bspan.label[1] });
    put(ws, r, bspan.initial[0], b.initial, { c2: bspan.initial[1], fmt: moneyFmt });
    put(ws, r, bspan.planned[0], b.planned, { c2: bspan.planned[1], fmt: moneyFmt });
    put(ws, r, bspan.executed[0], b.executed, { c2: bspan.executed[1], fmt: moneyFmt });
    put(ws, r, bspan.weight[0], b.weight, { c2: bspan.weight[1] });
    put(ws, r, bspan.rate[0], rate, { c2: bspan.rate[1], fmt: '0.00%' });
    put(ws, r, bspan.score[0], b.selfScore, { c2: bspan.score[1] });
    r++;
    for (const p of parts) {
      budgetParts.push(r);
      put(ws, r, bspan.label[0], p.label, { c2: bspan.label[1] });
      put(ws, r, bspan.initial[0], p.initial, { c2: bspan.initial[1], fmt: moneyFmt });
      put(ws, r, bspan.planned[0], p.planned, { c2: bspan.planned[1], fmt: moneyFmt });
      put(ws, r, bspan.executed[0], p.executed, { c2: bspan.executed[1], fmt: moneyFmt });
      put(ws, r, bspan.weight[0], '—', { c2: bspan.weight[1] });
      put(ws, r, bspan.rate[0], null, { c2: bspan.rate[1] });
      put(ws, r, bspan.score[0], '—', { c2: bspan.score[1] });
      r++;
    }
  }

  let goalHeader: number | null = null;
  let goalText: number | null = null;
  if (spec.goal) {
    const mid = two ? 6 : 5; // 预期目标 B:mid, 实际完成情况 mid+1:N
    put(ws, r, 1, '年度总体目标', { r2: r + 1, bold: true });
    goalHeader = r;
    put(ws, r, 2, '预期目标', { c2: mid, bold: true });
    put(ws, r, mid + 1, '实际完成情况', { c2: N, bold: true });
    r++;
    goalText = r;
    put(ws, r, 2, spec.goal.expected, { c2: mid, align: 'left' });
    put(ws, r, mid + 1, spec.goal.actual, { c2: N, align: 'left' });
    r++;
  }

  // Indicator grid
  const headerRows = two ? 2 : 1;
  const gridTop = r;
  const gridBottom = r + headerRows + spec.indicators.length - 1;
  put(ws, gridTop, 1, '绩效指标', { r2: gridBottom, bold: true });
  const hb = r + headerRows - 1; // bottom header row
  put(ws, r, cols.level1, '一级指标', { r2: hb, bold: true });
  put(ws, r, cols.level2, '二级指标', { r2: hb, bold: true });
  put(ws, r, cols.name, '三级指标', { r2: hb, bold: true });
  if (two) {
    put(ws, r, cols.nature!, '年度指标值', { c2: cols.unit!, bold: true });
    put(ws, r + 1, cols.nature!, '指标性质', { bold: true });
    put(ws, r + 1, cols.target, '指标值', { bold: true });
    put(ws, r + 1, cols.unit!, '度量单位', { bold: true });
  } else {
    put(ws, r, cols.target, '年度指标值', { bold: true });
  }
  put(ws, r, cols.actual, '实际完成值', { r2: hb, bold: true });
  put(ws, r, cols.weight, '分值', { r2: hb, bold: true });
  put(ws, r, cols.score, '得分', { r2: hb, bold: true });
  put(ws, r, cols.reason, '偏差原因分析及改进措施', { r2: hb, bold: true });
  const indicatorHeader = r;
  r += headerRows;

  const first = r;
  const indicatorRows: number[] = [];
  const inds = spec.indicators;
  // 一级 and 二级 labels merged over runs of equal values.
  const level1Sum = new Map<string, number>();
  for (const it of inds) level1Sum.set(it.level1, (level1Sum.get(it.level1) ?? 0) + (it.weight ?? 0));
  for (let i = 0; i < inds.length;) {
    let j = i;
    while (j + 1 < inds.length && inds[j + 1].level1 === inds[i].level1) j++;
    let label = inds[i].level1;
    if (spec.level1WeightInLabel) {
      const w = spec.level1Weights?.[label] ?? level1Sum.get(label) ?? 0;
      label = `${label}(${w}分)`;
    }
    put(ws, first + i, cols.level1, label, { r2: first + j });
    for (let k = i; k <= j;) {
      let m = k;
      while (m + 1 <= j && inds[m + 1].level2 === inds[k].level2) m++;
      put(ws, first + k, cols.level2, inds[k].level2, { r2: first + m });
      k = m + 1;
    }
    i = j + 1;
  }
  for (let i = 0; i < inds.length; i++) {
    const it = inds[i];
    const row = first + i;
    indicatorRows.push(row);
    put(ws, row, cols.name, it.name, { align: 'left' });
    if (two) {
      put(ws, row, cols.nature!, it.nature ?? null);
      put(ws, row, cols.unit!, it.unit ?? null);
    }
    put(ws, row, cols.target, it.target, { fmt: it.targetFormat });
    put(ws, row, cols.actual, it.actual, { fmt: it.actualFormat });
    put(ws, row, cols.weight, it.weight);
    put(ws, row, cols.score, it.score);
    put(ws, row, cols.reason, it.reason ?? null, { align: 'left' });
  }
  r = first + inds.length;

  const totalRow = r;
  const computed = round2((spec.budget?.selfScore ?? 0) + inds.reduce((s, it) => s + (it.score ?? 0), 0));
  const total = spec.total ?? { weight: 100, score: computed, grade: gradeFor(computed) };
  put(ws, r, 1, '总分', { c2: cols.weight - 1, bold: true });
  put(ws, r, cols.weight, total.weight);
  put(ws, r, cols.score, total.score);
  put(ws, r, cols.reason, total.grade);
  r++;

  const otherRow = r;
  put(ws, r, 1, '其他需要说明事项', { c2: 3, bold: true });
  put(ws, r, 4, spec.otherNotes ?? '无', { c2: N, align: 'left' });

  boxBorders(ws, tableTop, 1, otherRow, N);
  fitRowHeights(ws);

  return {
    firstRow: startRow,
    lastRow: otherRow,
    lastCol: N,
    rows: {
      title: titleRow,
      year: yearRow,
      project: projectRow,
      department: deptRow,
      budgetHeader,
      budgetTotal,
      budgetParts,
      goalHeader,
      goalText,
      indicatorHeader,
      indicators: indicatorRows,
      total: totalRow,
      other: otherRow,
    },
    cols,
    budgetCols,
  };
}

/** Writes one 项目支出绩效自评表 starting at startRow and returns the last row used. */
export function addNationalTable(ws: ExcelJS.Worksheet, startRow: number, spec: TableSpec): number {
  return addNationalTableWithLayout(ws, startRow, spec).lastRow;
}

/** Address of a column of the indicator whose 三级 name is `name` (first match). */
export function indicatorCell(layout: TableLayout, spec: TableSpec, name: string, col: keyof TableLayout['cols']): string {
  const i = spec.indicators.findIndex((it) => it.name === name);
  if (i < 0) throw new Error(`no indicator named ${name}`);
  const c = layout.cols[col];
  if (c === null) throw new Error(`column ${col} not in this layout`);
  return addr(layout.rows.indicators[i], c);
}

// ---------------------------------------------------------------------------------------------
// Workbook 1: 深泽县教育局 2020年度 (figures from the seed report)
// ---------------------------------------------------------------------------------------------

const OUT = '产出指标';
const EFF = '效益指标';
const SAT = '满意度指标';
const NUM = '数量指标';
const QUA = '质量指标';
const TIME = '时效指标';
const COST = '成本指标';
const SOC = '社会效益指标';
const SUS = '可持续影响指标';
const SVC = '服务对象满意度指标';
const PCT = '0%';

/** Shorthand for a met row scored at full marks. */
function full(
  level1: string,
  level2: string,
  name: string,
  target: CellInput,
  actual: CellInput,
  weight: number,
  fmt: { t?: string; a?: string } = {},
): IndicatorSpec {
  return { level1, level2, name, target, targetFormat: fmt.t, actual, actualFormat: fmt.a, weight, score: weight, reason: null };
}

function budgetOf(initial: number, planned: number, executed: number, parts?: BudgetPart[]): BudgetSpec {
  return { initial, planned, executed, weight: 10, selfScore: 10, parts };
}

const SHENZE_DEPT = '深泽县教育局';

export interface SheetSpec {
  sheet: string;
  tables: TableSpec[];
}

/** The seven area sheets of the Shenze workbook. Actual figures are the report's own. */
export function shenzeSheets(): SheetSpec[] {
  const base = { year: 2020, department: SHENZE_DEPT, moneyUnit: '万元' as const };
  return [
    {
      sheet: '学前教育',
      tables: [
        {
          ...base,
          project: '学前教育发展资金',
          unit: '深泽县教育局',
          budget: budgetOf(190, 196.5, 196.5, [
            { label: '其中：当年财政拨款', initial: 174, planned: 180.5, executed: 180.5 },
            { label: '上年结转资金', initial: 16, planned: 16, executed: 16 },
            { label: '其他资金', initial: 0, planned: 0, executed: 0 },
          ]),
          goal: {
            expected: '按生均400元标准安排学前公用经费，资助学前家庭经济困难学生，维修学前校舍，扩大学前教育资源。',
            actual:
              '2020年，我县按生均400元标准安排了学前公用经费，共拨付资金112万元，拨付学前家庭经济困难学生补助资金24.5万元，维修学前校舍4150平方米。',
          },
          indicators: [
            full(OUT, NUM, '学前公用经费拨付资金', '≥112万元', '112万元', 10),
            full(OUT, NUM, '学前家庭经济困难学生补助资金', '≧24.5万元', '24.5万元', 10),
            full(OUT, NUM, '维修学前校舍面积', '≥4000平方米', '4150平方米', 10),
            full(OUT, TIME, '学前公用经费拨付时间', '2020年12月底前完成', '2020年11月完成', 10),
            full(OUT, COST, '学前公用经费生均标准', '=400元', '400元', 10),
            full(EFF, SOC, '普惠性幼儿园覆盖率', '≥90%', '92.5%', 10),
            full(EFF, SOC, '公办园在园幼儿占比', '≥50%', 0.558, 10, { a: '0.0%' }),
            full(EFF, SUS, '学前教育资源供给', '有效扩大', '效果明显', 10),
            full(SAT, SVC, '幼儿家长满意度', '较高', '较高', 10),
          ],
        },
      ],
    },
    {
      sheet: '城乡义务教育',
      tables: [
        {
          ...base,
          project: '城乡义务教育经费保障机制资金',
          unit: '深泽县教育局',
          budget: budgetOf(1580.6, 1602.3, 1602.3),
          goal: {
            expected:
              '落实城乡义务教育经费保障机制，按标准拨付生均公用经费，实施校舍安全保障长效机制，免费提供教科书，资助家庭经济困难学生。',
            actual:
              '2020年我县城乡义务教育年生均公用经费（含取暖费）拨款标准达到小学685元、初中885元，中央、省级补助资金到位率100%，校舍安全长效机制改扩建校舍合格率100%。家庭经济困难学生全部享受生活费补助。所有城乡义务教育阶段学生免费发放教科书，教师、学生对保障机制的综合满意度达到95%。义务教育实现基本均衡。',
          },
          indicators: [
            full(OUT, NUM, '小学生均公用经费（含取暖费）', '≥650元', '685元', 10),
            full(OUT, NUM, '初中生均公用经费（含取暖费）', '≥850元', '885元', 10),
            full(OUT, NUM, '免费教科书发放率', '100%', '100%', 5),
            full(OUT, NUM, '家庭经济困难学生生活费补助覆盖率', '100%', 1, 5, { a: PCT }),
            full(OUT, QUA, '中央、省级补助资金到位率', '=100%', 1, 10, { a: PCT }),
            full(OUT, QUA, '校舍安全长效机制改扩建校舍合格率', '100%', '100%', 5),
            full(OUT, TIME, '生均公用经费拨付时间', '2020年12月底前完成', '2020年11月完成', 5),
            full(EFF, SOC, '义务教育均衡发展', '实现基本均衡', '实现基本均衡', 15),
            full(EFF, SUS, '城乡义务教育经费保障机制', '持续有效', '持续有效', 15),
            full(SAT, SVC, '教师、学生对保障机制的综合满意度', '不低于95%', '95%', 10),
          ],
        },
      ],
    },
    {
      sheet: '营养改善计划',
      tables: [
        {
          ...base,
          project: '农村义务教育学生营养改善计划',
          unit: '深泽县教育局',
          budget: budgetOf(516.8, 516.8, 516.8),
          goal: {
            expected: '为农村小学学生提供营养膳食补助，生均补助标准每生每天2.5元，确保食品安全。',
            actual:
              '大力实施农村义务教育学生营养改善计划，10336名农村小学学生全部享受补助，营养改善计划食品安全达标率100%，生均补助标准每生每天2.5元，促进了贫困地区学生身体素质不断提升。',
          },
          indicators: [
            full(OUT, NUM, '享受营养改善计划补助学生人数', '≥10000名', '10336名', 20),
            full(OUT, QUA, '营养改善计划食品安全达标率', '100%', 1, 10, { a: PCT }),
            full(OUT, TIME, '营养膳食补助资金拨付时间', '2020年12月31日前', '2020年12月15日', 10),
            full(OUT, COST, '生均补助标准（每生每天）', '2.5元/生·天', '2.5元', 10),
            full(EFF, SOC, '农村学生身体素质', '有效提升', '不断提升', 15),
            full(EFF, SUS, '营养改善计划长效机制', '持续有效', '持续有效', 15),
            full(SAT, SVC, '受益学生及家长满意度', '满意', '满意', 10),
          ],
        },
      ],
    },
    {
      sheet: '普通高中',
      tables: [
        {
          ...base,
          project: '普通高中教育质量提升及学生资助资金',
          unit: '深泽中学',
          budget: budgetOf(260, 265.7, 265.7),
          goal: {
            expected: '实施普通高中教育质量提升计划，购置教学设备，落实建档立卡贫困学生“三免一助”政策，向家庭经济困难学生发放助学金。',
            actual:
              '2020年继续实施普通高中教育质量提升计划。2020年深泽中学购置教学设备290套，设备验收合格率100%，建档立卡贫困学生实行“三免一助”政策，家庭经济困难学生发放助学金，共发放高中助学金79.7万元。受益普通高中的教师、学生综合满意度达到95%。',
          },
          indicators: [
            full(OUT, NUM, '购置教学设备', '≥290套', '290套', 15),
            full(OUT, NUM, '高中助学金发放金额', '79.7万元', '79.7万元', 10),
            full(OUT, NUM, '建档立卡贫困学生“三免一助”政策落实率', '100%', '100%', 5),
            full(OUT, QUA, '设备验收合格率', '=100%', 1, 10, { a: PCT }),
            full(OUT, TIME, '教学设备购置完成时间', '2020年12月底前完成', '2020年11月完成', 10),
            full(EFF, SOC, '普通高中教育质量', '有效提升', '效果明显', 15),
            full(EFF, SUS, '家庭经济困难学生资助长效机制', '持续有效', '持续有效', 15),
            full(SAT, SVC, '受益教师、学生综合满意度', '≥95%', 0.95, 10, { a: PCT }),
          ],
        },
      ],
    },
    {
      sheet: '职业教育',
      tables: [
        {
          ...base,
          project: '现代职业教育质量提升计划资金',
          unit: '深泽县职业技术教育中心',
          budget: budgetOf(120, 126.4, 126.4),
          goal: {
            expected: '深化产教融合、校企合作，新建实训室，完成年度招生计划，提升职业教育办学效益。',
            actual:
              '职教中心深化产教融合，办学效益持续增强，暑期新高一招生306人。依托电商专业，与庄兰日化公司开展校企合作，与小堡布艺产业成功对接，新建了2个实训室。在11月份的中职学校市级督导评估中，我县职教中心获“优秀”等级。学生综合满意度达到95%。',
          },
          indicators: [
            full(OUT, NUM, '职教中心招生人数', '≥300人', '306人', 20),
            full(OUT, NUM, '新建实训室数量', '2个', '2个', 10),
            full(OUT, QUA, '中职学校市级督导评估等级', '良好及以上', '优秀', 10),
            full(OUT, TIME, '实训室建设完成时间', '12月底之前完成', '2020年10月完成', 10),
            full(EFF, SOC, '产教融合、校企合作', '取得新进展', '取得新进展：与庄兰日化公司开展校企合作，与小堡布艺产业成功对接', 15),
            full(EFF, SUS, '职业教育办学效益', '持续增强', '持续增强', 15),
            full(SAT, SVC, '学生综合满意度', '95%以上', '95%', 10),
          ],
        },
      ],
    },
    {
      sheet: '教师队伍',
      tables: [
        {
          ...base,
          project: '教师队伍建设资金',
          unit: '深泽县教育局',
          budget: budgetOf(373.18, 373.18, 373.18),
          goal: {
            expected: '按时足额发放农村原民办代课教师教龄补助，落实教师培训经费，开展教师培训，公开招聘教师，加强教师队伍建设。',
            actual:
              '2020年我县发放农村原民办代课教师教龄补助333.18万元。落实教师培训费40万元。评选深泽县第三届中小学幼儿园骨干教师274名，举办师德师风、管理干部、学科专业等培训7005人次，提升了教师队伍综合素质和育人能力。2020年公开招聘教师60人，为教师队伍注入新鲜血液。',
          },
          indicators: [
            full(OUT, NUM, '农村原民办代课教师教龄补助发放金额', '333.18万元', '333.18万元', 10),
            full(OUT, NUM, '教师培训经费', '≥40万元', '40万元', 10),
            full(OUT, NUM, '教师培训人次', '≥7000人次', '7005人次', 10),
            full(OUT, NUM, '公开招聘教师人数', '60人', '60人', 10),
            full(OUT, TIME, '教龄补助发放时间', '2020年12月底前完成', '2020年12月完成', 10),
            full(EFF, SOC, '教师队伍综合素质和育人能力', '有效提升', '效果明显', 15),
            full(EFF, SUS, '骨干教师评选人数', '≥250名', '274名', 15),
            full(SAT, SVC, '教师满意度', '较高', '较高', 10),
          ],
        },
      ],
    },
    {
      sheet: '疫情防控与平安校园',
      tables: [
        {
          ...base,
          project: '学校疫情防控及平安校园建设资金',
          unit: '深泽县教育局',
          budget: budgetOf(60, 85.6, 85.6, [
            { label: '其中：当年财政拨款', initial: 60, planned: 85.6, executed: 85.6 },
            { label: '上年结转资金', initial: null, planned: null, executed: null },
            { label: '其他资金', initial: null, planned: null, executed: null },
          ]),
          goal: {
            expected:
              '配足配齐学校疫情防控物资，确保全县学校平稳复课、师生零感染；推进“双控”机制建设和食堂“明厨亮灶+互联网”改造，全部学校安装一键报警系统。',
            actual:
              '截至目前，我县教育系统未出现新冠肺炎确诊或疑似病例。全县93所学校全部完成双控机制建设，全县29家学校食堂全部完成“明厨亮灶+互联网”设备安装，所有学校全部安装一键报警系统，确保了学校安全稳定。',
          },
          indicators: [
            full(OUT, NUM, '完成双控机制建设学校数', '93所', '93所', 10),
            full(OUT, NUM, '完成“明厨亮灶+互联网”设备安装的学校食堂数', '≥29家', '29家', 10),
            full(OUT, QUA, '学校食堂“明厨亮灶+互联网”覆盖率', '100%', '100%', 10),
            full(OUT, QUA, '学校一键报警系统安装率', '=100%', 1, 10, { a: PCT }),
            full(OUT, TIME, '防控物资配备完成时间', '开学复课前完成', '开学复课前完成', 10),
            full(EFF, SOC, '教育系统新冠肺炎确诊或疑似病例', '≤0例', '0例', 10),
            full(EFF, SOC, '学校教学、生活秩序', '良好', '良好', 10),
            full(EFF, SUS, '平安校园长效机制', '持续有效', '持续有效', 10),
            full(SAT, SVC, '师生及家长满意度', '满意', '满意', 10),
          ],
        },
      ],
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Workbook 2: 某县卫生健康局 2021年度, with deliberate gaps
// ---------------------------------------------------------------------------------------------

export interface GapEntry {
  sheet: string;
  /** A1 address of the cell a reviewer points at. */
  cell: string;
  kind: string;
  note: string;
  /** true when the row is a trap the checker must NOT flag. */
  clean?: boolean;
}

const HEALTH_DEPT = '某县卫生健康局';

export function gapsMainSpec(): TableSpec {
  return {
    year: 2021,
    project: '基本公共卫生服务项目',
    department: HEALTH_DEPT,
    unit: '某县疾病预防控制中心、各乡镇卫生院',
    moneyUnit: '万元',
    // 年度资金总额 500 ≠ 380 + 80 + 0; 执行率 420 / 500 = 84 % (< 90 %), scored 8.4
    budget: {
      initial: 480,
      planned: 500,
      executed: 420,
      weight: 10,
      selfScore: 8.4,
      parts: [
        { label: '其中：当年财政拨款', initial: 400, planned: 380, executed: 340 },
        { label: '上年结转资金', initial: 80, planned: 80, executed: 80 },
        { label: '其他资金', initial: 0, planned: 0, executed: 0 },
      ],
    },
    goal: {
      expected: '为辖区常住居民免费提供基本公共卫生服务，重点人群健康管理率达到省定标准。',
      actual: '全年完成老年人、孕产妇、儿童等重点人群健康管理，部分指标未达到年度目标。',
    },
    level1WeightInLabel: true,
    level1Weights: { [OUT]: 50, [EFF]: 30, [SAT]: 10 },
    indicators: [
      full(OUT, NUM, '65岁及以上老年人健康管理人数', '≥14726人', '15935人', 5),
      full(OUT, NUM, '家庭医生签约服务人数', '≥3000人', '4200人', 5),
      {
        level1: OUT,
        level2: NUM,
        name: '孕产妇系统管理人数',
        target: '≥1200人',
        actual: '1080人',
        weight: 5,
        score: 4.5,
        reason: '部分孕产妇外出务工，在外地建档管理。下一步加强与外地医疗机构信息共享，及时补录管理信息。',
      },
      { level1: OUT, level2: NUM, name: '0-6岁儿童健康管理人数', target: '≥5000人', actual: '4600人', weight: 5, score: 4.6, reason: '无' },
      { level1: OUT, level2: NUM, name: '指标1：', target: null, actual: null, weight: null, score: null, reason: null },
      full(OUT, QUA, '居民电子健康档案建档率', '≥90%', '≥90%', 5),
      full(OUT, QUA, '糖尿病患者规范管理率', 0.6, '一般', 5, { t: PCT }),
      { level1: OUT, level2: QUA, name: '……', target: null, actual: null, weight: null, score: null, reason: null },
      {
        level1: OUT,
        level2: TIME,
        name: '资金拨付及时率',
        target: '100%',
        actual: 1,
        actualFormat: PCT,
        weight: 10,
        score: 7,
        reason: null,
      },
      full(OUT, COST, '家庭医生签约服务成本', '≤90万元', '96万元', 5),
      {
        level1: EFF,
        level2: SOC,
        name: '居民健康素养水平',
        target: '≥25%',
        actual: 0.268,
        actualFormat: '0.0%',
        weight: 5,
        score: 6,
        reason: null,
      },
      {
        level1: EFF,
        level2: SOC,
        name: '重点人群健康管理效果',
        target: '有效改善',
        actual: '基本达成',
        weight: 10,
        score: 9,
        reason: null,
      },
      full(EFF, SOC, '医疗安全事故发生数', '0起', '0起', 5),
      {
        level1: EFF,
        level2: SUS,
        name: '基层医疗卫生服务能力',
        target: '显著提高',
        actual: '部分达成，有一定效果',
        weight: 5,
        score: 3.5,
        reason: '3个乡镇卫生院公卫人员不足。下一步通过县乡一体化招聘补充人员，2022年6月底前配齐。',
      },
      full(EFF, SUS, '公共卫生服务长效机制', '持续有效', '持续有效', 5),
      full(SAT, SVC, '服务对象满意度', '≥85%', 0.92, 10, { a: PCT }),
    ],
    // Σ = 8.4 + 41.1 + 28.5 + 10 = 88 (良); the sheet says 92.6 / 优
    total: { weight: 100, score: 92.6, grade: '优' },
  };
}

export function gapsYunnanSpec(): TableSpec {
  const y = (
    level1: string,
    level2: string,
    name: string,
    nature: string,
    target: CellInput,
    unit: string | null,
    actual: CellInput,
    weight: number,
    score: number,
    reason: string | null = null,
    fmt: { t?: string; a?: string } = {},
  ): IndicatorSpec => ({
    level1,
    level2,
    name,
    nature,
    target,
    unit,
    actual,
    weight,
    score,
    reason,
    targetFormat: fmt.t,
    actualFormat: fmt.a,
  });
  return {
    year: 2021,
    project: '重大传染病防控项目',
    department: HEALTH_DEPT,
    unit: '某县疾病预防控制中心',
    moneyUnit: '元',
    twoRowHeader: true,
    budget: {
      initial: 1200000,
      planned: 1250000,
      executed: 1237500,
      weight: 10,
      selfScore: 9.9,
      parts: [
        { label: '其中：当年财政拨款', initial: 1000000, planned: 1050000, executed: 1037500 },
        { label: '上年结转资金', initial: 200000, planned: 200000, executed: 200000 },
        { label: '其他资金', initial: 0, planned: 0, executed: 0 },
      ],
    },
    goal: {
      expected: '开展结核病、艾滋病等重大传染病筛查检测，及时报告传染病疫情，防止重大传染病疫情暴发。',
      actual: '全年筛查结核病可疑症状者760人次，艾滋病检测4650人，传染病报告及时率98%，未发生重大传染病疫情。',
    },
    indicators: [
      y(OUT, NUM, '结核病可疑症状者筛查人次', '≧', 735, '人次', 760, 15, 15),
      y(OUT, NUM, '艾滋病检测人数', '≥', 5000, '人', 4650, 10, 9.3, null),
      y(OUT, QUA, '传染病报告及时率', '≥', 95, '%', 0.98, 10, 10, null, { a: PCT }),
      y(OUT, TIME, '突发疫情报告时限', '≤', 2, '小时', 1.5, 10, 10),
      y(OUT, COST, '人均检测成本', '≤', 80, '元', 76.5, 5, 5),
      y(EFF, SOC, '重大传染病疫情暴发次数', '=', 0, '起', 0, 10, 10),
      y(EFF, SOC, '群众传染病防治知识知晓率', '≥', 0.85, null, 0.88, 10, 10, null, { t: PCT, a: PCT }),
      y(EFF, SUS, '传染病防控体系', '定性', '持续完善', null, '持续完善', 10, 10),
      y(SAT, SVC, '服务对象满意度', '≥', 95, '%', 96, 10, 10),
    ],
  };
}

export function gapsStackedSpecs(): [TableSpec, TableSpec] {
  const first: TableSpec = {
    year: 2021,
    project: '计划生育家庭奖励扶助项目',
    department: HEALTH_DEPT,
    unit: '某县卫生健康局',
    moneyUnit: '万元',
    budget: { initial: 86.4, planned: 86.4, executed: 86.4, weight: 10, selfScore: 10 },
    goal: {
      expected: '按每人每年960元标准向符合条件的计划生育家庭发放奖励扶助金，做到应扶尽扶。',
      actual: '全年为900名符合条件的对象发放奖励扶助金86.4万元，发放率100%。',
    },
    indicators: [
      full(OUT, NUM, '奖励扶助对象人数', '≥900人', '900人', 20),
      full(OUT, QUA, '奖励扶助金发放准确率', '100%', '100%', 10),
      full(OUT, TIME, '扶助金发放时间', '2021年12月底前完成', '2021年11月完成', 10),
      full(OUT, COST, '奖励扶助标准', '960元/人.年', '960元', 10),
      full(EFF, SOC, '计划生育家庭生活水平', '有所提升', '有所提升', 15),
      full(EFF, SUS, '计划生育奖励扶助政策', '持续有效', '持续有效', 15),
      full(SAT, SVC, '扶助对象满意度', '≥95%', '97.5%', 10),
    ],
  };
  const second: TableSpec = {
    year: 2021,
    project: '健康扶贫医疗救助项目',
    department: HEALTH_DEPT,
    unit: '某县医疗保障服务中心',
    moneyUnit: '万元',
    // 年度资金总额 row left at zeros above filled 其中 rows
    budget: {
      initial: 0,
      planned: 0,
      executed: 0,
      weight: 10,
      selfScore: 10,
      rate: null,
      parts: [
        { label: '其中：当年财政拨款', initial: 150, planned: 150, executed: 150 },
        { label: '上年结转资金', initial: 12.5, planned: 12.5, executed: 12.5 },
        { label: '其他资金', initial: 0, planned: 0, executed: 0 },
      ],
    },
    goal: {
      expected: '对建档立卡贫困人口住院费用给予医疗救助，减轻因病致贫返贫。',
      actual: '全年救助1860人次，住院费用实际报销比例达到90%以上。',
    },
    indicators: [
      full(OUT, NUM, '医疗救助人次', '≥1800人次', '1860人次', 20),
      full(OUT, QUA, '住院费用实际报销比例', '≥90%', '91.3%', 15),
      full(OUT, TIME, '救助资金结算时限', '≤10个工作日', '7个工作日', 15),
      full(EFF, SOC, '因病致贫返贫人数', '0人', '0人', 15),
      full(EFF, SUS, '健康扶贫长效机制', '持续有效', '持续有效', 15),
      full(SAT, SVC, '救助对象满意度', '≥95%', 0.96, 10, { a: PCT }),
    ],
  };
  return [first, second];
}

export const GAPS_SHEETS = {
  main: '基本公共卫生服务',
  yunnan: '重大传染病防控',
  notes: '填表说明',
  stacked: '计生与健康扶贫',
};

const NOTES_TEXT = [
  '填表说明',
  '1. 本表适用于项目支出绩效自评，每个项目单独填报一张表。',
  '2. 项目资金：年初预算数、全年预算数、全年执行数均按万元填列（另有说明的除外），执行率=全年执行数/全年预算数。',
  '3. 预算执行率分值为10分，绩效指标分值合计为90分，其中产出指标50分、效益指标30分、满意度指标10分，可根据项目实际适当调整。',
  '4. 定量指标：完成值达到指标值的，记该指标所赋全部分值；未达到的，按完成值与指标值的比例计分。反向指标按指标值与完成值的比例计分。',
  '5. 定性指标：达成年度指标的，按该指标分值的100%-80%计分；部分达成年度指标并具有一定效果的，按80%-60%计分；未达成年度指标且效果较差的，按60%-0%计分。',
  '6. 未完成绩效目标或偏离绩效目标的，须在“偏差原因分析及改进措施”栏说明原因及下一步改进措施。',
  '7. 自评等级：90分（含）以上为优，80分（含）-90分为良，60分（含）-80分为中，60分以下为差。',
];

/** Builds the gaps workbook and returns it with the list of deliberate gaps (cell addresses). */
export function buildGapsWorkbook(): { workbook: ExcelJS.Workbook; gaps: GapEntry[] } {
  const wb = newWorkbook('某县卫生健康局');
  const gaps: GapEntry[] = [];

  // Sheet 1: national layout with most of the gaps
  const s1 = GAPS_SHEETS.main;
  const ws1 = wb.addWorksheet(s1);
  const spec1 = gapsMainSpec();
  const L1 = addNationalTableWithLayout(ws1, 1, spec1);
  const c1 = (name: string, col: keyof TableLayout['cols']) => indicatorCell(L1, spec1, name, col);
  const bt = L1.rows.budgetTotal!;
  const g = (sheet: string, cell: string, kind: string, note: string, clean?: boolean) =>
    gaps.push(clean ? { sheet, cell, kind, note, clean } : { sheet, cell, kind, note });
  g(
    s1,
    addr(bt, L1.budgetCols.planned),
    'fund-total-mismatch',
    '年度资金总额 全年预算数 500 ≠ 其中 380 + 80 + 0 = 460（年初预算数 480 = 400 + 80 + 0 相符）',
  );
  g(s1, addr(bt, L1.budgetCols.rate), 'low-execution', '执行率 84.00%（420 / 500）低于 90%，表内无说明；得分 8.4 按比例正确');
  g(s1, addr(L1.rows.indicators[0], L1.cols.level1), 'level1-weight-mismatch', '一级标签“产出指标(50分)”，其下三级分值合计 45');
  g(s1, addr(L1.rows.total, L1.cols.weight), 'weights-not-100', '分值合计 10 + 45 + 30 + 10 = 95，总分栏仍写 100');
  g(
    s1,
    c1('65岁及以上老年人健康管理人数', 'actual'),
    'over-completion-mild',
    '≥14726人，实际 15935人（108.2%），无说明（REFERENCE §3.3 的例子）；低于默认 120% 提示线：默认配置不提示，提示线设为 105% 时应提示',
    true,
  );
  g(s1, c1('家庭医生签约服务人数', 'actual'), 'over-completion', '≥3000人，实际 4200人（140%），超额完成且无说明，目标是否偏低');
  g(
    s1,
    c1('孕产妇系统管理人数', 'reason'),
    'unmet-with-reason',
    '≥1200人，实际 1080人，得 4.5/5（= 1080/1200×5），已写原因和改进措施：不应提示缺原因',
    true,
  );
  g(s1, c1('0-6岁儿童健康管理人数', 'reason'), 'unmet-no-reason', '≥5000人，实际 4600人，得 4.6/5，偏差原因只写“无”');
  g(s1, c1('指标1：', 'name'), 'placeholder', '模板遗留行“指标1：”，其余各栏为空');
  g(s1, c1('居民电子健康档案建档率', 'actual'), 'target-copied', '实际完成值照抄指标值“≥90%”');
  g(s1, c1('糖尿病患者规范管理率', 'actual'), 'junk-actual', '指标值为百分比格式数字 0.6（显示 60%），实际完成值写“一般”，却得满分 5');
  g(s1, c1('……', 'name'), 'placeholder', '模板遗留行“……”');
  g(
    s1,
    c1('资金拨付及时率', 'score'),
    'score-contradicts-completion',
    '指标值 100%，实际 100%（百分比格式数字 1），分值 10 只得 7，无偏差原因',
  );
  g(
    s1,
    c1('家庭医生签约服务成本', 'score'),
    'reverse-missed',
    '反向指标 ≤90万元，实际 96万元，未完成却得满分 5（按 A/B 应得 4.69），无原因',
  );
  g(s1, c1('居民健康素养水平', 'score'), 'score-above-weight', '分值 5，得分 6（实际 26.8%，百分比格式，已完成）');
  g(
    s1,
    c1('重点人群健康管理效果', 'score'),
    'qualitative-out-of-band',
    '定性指标“有效改善”，实际“基本达成”（部分达成），得 9/10 = 90%，高于部分达成区间 60%–80%，且无原因',
  );
  g(s1, c1('医疗安全事故发生数', 'actual'), 'zero-target-met', '零目标“0起”，实际“0起”，满分：不应提示', true);
  g(
    s1,
    c1('基层医疗卫生服务能力', 'score'),
    'qualitative-in-band',
    '定性“显著提高”，实际“部分达成，有一定效果”，得 3.5/5 = 70%，在 60%–80% 区间内且有原因：不应提示',
    true,
  );
  g(s1, c1('服务对象满意度', 'target'), 'lax-target', '满意度目标 ≥85%，低于常用标准 95%（实际 92%，百分比格式）');
  g(s1, addr(L1.rows.total, L1.cols.score), 'wrong-total', '总分写 92.6，实际合计 8.4 + 41.1 + 28.5 + 10 = 88.0');
  g(s1, addr(L1.rows.total, L1.cols.reason), 'wrong-grade', '等级写“优”，按 88.0 分应为“良”');

  // Sheet 2: Yunnan two-row header, money in 元
  const s2 = GAPS_SHEETS.yunnan;
  const ws2 = wb.addWorksheet(s2);
  const spec2 = gapsYunnanSpec();
  const L2 = addNationalTableWithLayout(ws2, 1, spec2);
  const c2 = (name: string, col: keyof TableLayout['cols']) => indicatorCell(L2, spec2, name, col);
  g(s2, c2('艾滋病检测人数', 'reason'), 'unmet-no-reason', '≥ 5000 人，实际 4650，得 9.3/10，偏差原因栏空白');
  g(
    s2,
    addr(L2.rows.budgetTotal!, L2.budgetCols.rate),
    'fund-unit-yuan',
    '项目资金（元）：1,250,000.00 元，执行 1,237,500.00 元，执行率 99%，得 9.9：无问题',
    true,
  );
  g(s2, c2('结核病可疑症状者筛查人次', 'nature'), 'two-row-header', '指标性质“≧” | 指标值 735 | 度量单位“人次”，实际 760：已完成', true);
  g(
    s2,
    c2('传染病报告及时率', 'target'),
    'percent-unit-column',
    '指标值 95、度量单位“%”，实际为百分比格式数字 0.98（显示 98%）：已完成',
    true,
  );
  g(s2, c2('突发疫情报告时限', 'actual'), 'reverse-met', '反向指标 ≤ 2 小时，实际 1.5：已完成', true);
  g(s2, c2('重大传染病疫情暴发次数', 'actual'), 'zero-target-met', '= 0 起，实际 0：已完成', true);
  g(s2, c2('群众传染病防治知识知晓率', 'target'), 'percent-formatted', '指标值、实际值都是百分比格式数字（0.85 / 0.88），度量单位空', true);
  g(s2, addr(L2.rows.total, L2.cols.score), 'total-ok', '总分 99.2 = 9.9 + 49.3 + 30 + 10，优：无问题', true);

  // Sheet 3: instructions only
  const ws3 = wb.addWorksheet(GAPS_SHEETS.notes);
  ws3.getColumn(1).width = 110;
  NOTES_TEXT.forEach((t, i) => {
    const c = ws3.getCell(i + 1, 1);
    c.value = t;
    c.font = i === 0 ? { name: '宋体', size: 14, bold: true } : FONT;
    c.alignment = { wrapText: true, vertical: 'middle', horizontal: i === 0 ? 'center' : 'left' };
    ws3.getRow(i + 1).height = i === 0 ? 28 : 30;
  });

  // Sheet 4: two projects stacked vertically
  const s4 = GAPS_SHEETS.stacked;
  const ws4 = wb.addWorksheet(s4);
  const [specA, specB] = gapsStackedSpecs();
  const LA = addNationalTableWithLayout(ws4, 1, specA);
  const LB = addNationalTableWithLayout(ws4, LA.lastRow + 3, specB);
  g(
    s4,
    addr(LA.rows.title, 1),
    'second-table-follows',
    `第一张表（A${LA.rows.title}:I${LA.lastRow}）无问题，总分 100；第二张表从第 ${LB.rows.title} 行开始`,
    true,
  );
  g(
    s4,
    addr(LB.rows.budgetTotal!, LB.budgetCols.planned),
    'fund-total-zero',
    '第二张表 年度资金总额 年初/全年/执行 均为 0，其下 其中 行为 150 + 12.5，执行率空，得分仍写 10',
  );

  for (const ws of [ws1, ws2, ws4]) fitRowHeights(ws);
  return { workbook: wb, gaps };
}

// ---------------------------------------------------------------------------------------------
// Workbooks and files
// ---------------------------------------------------------------------------------------------

function newWorkbook(creator: string): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = creator;
  wb.lastModifiedBy = creator;
  const when = new Date(Date.UTC(2021, 2, 15, 8, 0, 0));
  wb.created = when;
  wb.modified = when;
  return wb;
}

export function addSheet(wb: ExcelJS.Workbook, sheet: SheetSpec): { worksheet: ExcelJS.Worksheet; layouts: TableLayout[] } {
  const ws = wb.addWorksheet(sheet.sheet);
  const layouts: TableLayout[] = [];
  let row = 1;
  for (const t of sheet.tables) {
    const L = addNationalTableWithLayout(ws, row, t);
    layouts.push(L);
    row = L.lastRow + 3;
  }
  return { worksheet: ws, layouts };
}

export function buildShenzeWorkbook(): ExcelJS.Workbook {
  const wb = newWorkbook(SHENZE_DEPT);
  for (const s of shenzeSheets()) addSheet(wb, s);
  return wb;
}

export const SHENZE_FILE = 'shenze-2020.xlsx';
export const GAPS_FILE = 'gaps-sample.xlsx';

/** Zip entries carry this date, not the time of writing: regenerating gives the same bytes. */
const ZIP_DATE = new Date(Date.UTC(2021, 0, 1));

/** The .xlsx bytes of `wb`, identical on every run (exceljs stamps each zip entry with the current time). */
export async function stableXlsx(wb: ExcelJS.Workbook): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await wb.xlsx.writeBuffer());
  zip.forEach((_name, entry) => {
    entry.date = ZIP_DATE;
  });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/** Writes both sample workbooks into dir and returns the written paths. */
export async function generateExamples(dir: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const out: string[] = [];
  const shenze = path.join(dir, SHENZE_FILE);
  fs.writeFileSync(shenze, await stableXlsx(buildShenzeWorkbook()));
  out.push(shenze);
  const gapsPath = path.join(dir, GAPS_FILE);
  fs.writeFileSync(gapsPath, await stableXlsx(buildGapsWorkbook().workbook));
  out.push(gapsPath);
  return out;
}

if (require.main === module) {
  generateExamples(path.resolve(process.cwd(), 'examples')).then(
    (paths) => {
      for (const p of paths) console.log(`wrote ${p}`);
    },
    (err) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
