// A folder of department 自评表 as the finance bureau receives them, for `jixiao review` tests and the
// 300-workbook bench: one project table (~30 rows) per workbook, departments in turn, some tables with
// the problems a reviewer looks for. Deterministic: workbook i is always the same.
//
// Kinds (by index): good (full marks, all met), unmet (a shortfall with its reason), inflated (the same
// shortfall with its reason but full marks claimed → score-mismatch, 自评 above 核算), noReason (a
// shortfall without a reason → missing-reason), badTotal (总分 row ≠ Σ rows → total-mismatch), noActual (an empty 实际完成值 → missing-actual), noWeights (no 分值 → 无法核算).

import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { addNationalTableWithLayout, IndicatorSpec, TableLayout, TableSpec, round2 } from '../examples/generate';

export const DEPARTMENTS = [
  '县教育局',
  '县卫生健康局',
  '县农业农村局',
  '县交通运输局',
  '县民政局',
  '县住房城乡建设局',
  '县文化旅游局',
  '县水利局',
];

export type TableKind = 'good' | 'unmet' | 'inflated' | 'noReason' | 'badTotal' | 'noActual' | 'noWeights';
const CYCLE: TableKind[] = ['good', 'unmet', 'inflated', 'noReason', 'badTotal', 'good', 'noActual', 'good', 'unmet', 'noWeights'];

export interface GeneratedTable {
  file: string;
  department: string;
  project: string;
  kind: TableKind;
  layout: TableLayout;
  spec: TableSpec;
}

const OUT = '产出指标';
const EFF = '效益指标';
const SAT = '满意度指标';

/** 16 indicator rows, weights summing to 90 (the budget row carries 10). */
function indicators(i: number): IndicatorSpec[] {
  const rows: IndicatorSpec[] = [];
  const w = [6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 6, 6, 6, 6, 5, 5];
  for (let k = 0; k < 16; k++) {
    const weight = w[k];
    if (k < 4)
      rows.push({
        level1: OUT,
        level2: '数量指标',
        name: `完成任务量${k + 1}`,
        target: `≥${100 + i + k}个`,
        actual: `${100 + i + k}个`,
        weight,
        score: weight,
      });
    else if (k < 7)
      rows.push({ level1: OUT, level2: '质量指标', name: `验收合格率${k - 3}`, target: '100%', actual: '100%', weight, score: weight });
    else if (k < 9)
      rows.push({
        level1: OUT,
        level2: '时效指标',
        name: `完成时间${k - 6}`,
        target: '2024年12月底前完成',
        actual: '2024年11月完成',
        weight,
        score: weight,
      });
    else if (k < 10)
      rows.push({
        level1: OUT,
        level2: '成本指标',
        name: '单位成本',
        target: `≤${50 + (i % 9)}元`,
        actual: `${48 + (i % 9)}元`,
        weight,
        score: weight,
      });
    else if (k < 14)
      rows.push({
        level1: EFF,
        level2: '社会效益指标',
        name: `服务效果${k - 9}`,
        target: '有效提升',
        actual: '效果明显',
        weight,
        score: weight,
      });
    else
      rows.push({
        level1: SAT,
        level2: '服务对象满意度指标',
        name: `群众满意度${k - 13}`,
        target: '≥95%',
        actual: `${96 + (k % 3)}%`,
        weight,
        score: weight,
      });
  }
  return rows;
}

export function departmentTable(i: number): { spec: TableSpec; kind: TableKind; department: string } {
  const kind = CYCLE[i % CYCLE.length];
  const department = DEPARTMENTS[i % DEPARTMENTS.length];
  const rows = indicators(i);
  const planned = 100 + (i % 50);
  const spec: TableSpec = {
    year: 2024,
    project: `${department.replace(/^县/, '')}项目${String(i + 1).padStart(3, '0')}`,
    department,
    unit: department,
    budget: { initial: planned, planned, executed: planned, weight: 10, selfScore: 10 },
    indicators: rows,
  };
  if (kind === 'unmet' || kind === 'noReason' || kind === 'inflated') {
    // 完成任务量1: 80% of its target → 4.8 of 6 points; the self-score admits the loss (inflated: not).
    const r = rows[0];
    const target = 100 + i;
    r.actual = `${Math.round(target * 0.8)}个`;
    r.score = kind === 'inflated' ? r.weight : round2((Math.round(target * 0.8) / target) * r.weight!);
    r.reason = kind === 'noReason' ? null : '受天气影响工期推迟，已调整施工计划，次年一季度完成。';
  }
  if (kind === 'badTotal') spec.total = { weight: 100, score: 88, grade: '优' };
  if (kind === 'noActual') rows[5].actual = null;
  if (kind === 'noWeights') {
    for (const r of rows) r.weight = null;
    // No 分值 anywhere: the table cannot be scored (无法核算).
    spec.budget!.weight = null as unknown as number;
    spec.total = { weight: null, score: 95, grade: '优' };
  }
  return { spec, kind, department };
}

export interface FolderOptions {
  /** Department workbooks to write. */
  count: number;
  /** Also write the odd files a real folder holds: an unreadable one, an Office lock file, a result file. */
  extras?: boolean;
  /** Sub-folders per department (收文/县教育局/…) instead of one flat folder. */
  nested?: boolean;
}

export interface Folder {
  tables: GeneratedTable[];
  unreadable: string[];
  lockFile: string | null;
  resultFile: string | null;
}

export async function writeDepartmentFolder(dir: string, o: FolderOptions): Promise<Folder> {
  fs.mkdirSync(dir, { recursive: true });
  const tables: GeneratedTable[] = [];
  for (let i = 0; i < o.count; i++) {
    const { spec, kind, department } = departmentTable(i);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('项目支出绩效自评表');
    const layout = addNationalTableWithLayout(ws, 1, spec);
    const sub = o.nested ? path.join(dir, department) : dir;
    fs.mkdirSync(sub, { recursive: true });
    const file = path.join(sub, `${String(i + 1).padStart(3, '0')}-${spec.project}.xlsx`);
    await wb.xlsx.writeFile(file);
    tables.push({ file, department, project: spec.project, kind, layout, spec });
  }
  const out: Folder = { tables, unreadable: [], lockFile: null, resultFile: null };
  if (o.extras) {
    const bad = path.join(dir, '损坏的自评表.xlsx');
    fs.writeFileSync(bad, 'PK\u0003\u0004 not really a zip');
    out.unreadable.push(bad);
    // Office's lock file next to an open workbook: never a workbook, always skipped.
    out.lockFile = path.join(dir, `~$${path.basename(tables[0]?.file ?? 'x.xlsx')}`);
    fs.writeFileSync(out.lockFile, Buffer.alloc(165, 0x20));
    // A result file of ours (evaluate --out): a copy carrying the 评价结果 sheet; skipped by content.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('评价结果');
    ws.getCell(1, 1).value = '【绩效评价助手】评价结果';
    out.resultFile = path.join(dir, '旧的评价结果.xlsx');
    await wb.xlsx.writeFile(out.resultFile);
  }
  return out;
}
