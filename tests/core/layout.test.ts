// Layout detection on real .xlsx files written here with exceljs, one per variant of REFERENCE §1.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { readWorkbookFile } from '../../src/hosts/file/node';
import { evaluateWorkbook } from '../../src/core/evaluate';
import { EvaluationResult, TableResult } from '../../src/core/types';
import { addNationalTable, addNationalTableWithLayout, TableSpec, IndicatorSpec } from '../../examples/generate';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-layout-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let n = 0;
async function roundTrip(build: (wb: ExcelJS.Workbook) => void): Promise<EvaluationResult> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  const file = path.join(tmp, `t${++n}.xlsx`);
  await wb.xlsx.writeFile(file);
  const { snapshot } = await readWorkbookFile(file);
  return evaluateWorkbook(snapshot, { file: path.basename(file) });
}

const ind = (
  level1: string,
  level2: string,
  name: string,
  target: string | number,
  actual: string | number,
  weight: number,
  score = weight,
  extra: Partial<IndicatorSpec> = {},
): IndicatorSpec => ({ level1, level2, name, target, actual, weight, score, ...extra });

function spec(extra: Partial<TableSpec> = {}): TableSpec {
  return {
    year: 2020,
    project: '学前教育发展资金',
    department: '深泽县教育局',
    unit: '深泽县教育局',
    budget: { initial: 120, planned: 112, executed: 112, weight: 10, selfScore: 10 },
    goal: { expected: '改善办园条件', actual: '维修学前校舍4150平方米' },
    indicators: [
      ind('产出指标', '数量指标', '维修学前校舍面积', '≥4000平方米', '4150平方米', 25),
      ind('产出指标', '数量指标', '拨付学前公用经费', '≥112万元', '112万元', 15),
      ind('产出指标', '质量指标', '资金到位率', '100%', '100%', 10),
      ind('效益指标', '社会效益指标', '办园条件', '有效改善', '效果明显', 30),
      ind('满意度指标', '服务对象满意度指标', '家长满意度', '≥95%', '95%', 10),
    ],
    ...extra,
  };
}

function only(r: EvaluationResult): TableResult {
  expect(r.sheets).toHaveLength(1);
  expect(r.sheets[0].tables).toHaveLength(1);
  return r.sheets[0].tables[0];
}

describe('national one-row layout', () => {
  let t: TableResult;
  let layoutRows: { header: number; total: number };
  beforeAll(async () => {
    const r = await roundTrip((wb) => {
      const ws = wb.addWorksheet('学前教育');
      const l = addNationalTableWithLayout(ws, 1, spec());
      layoutRows = { header: l.rows.indicatorHeader, total: l.rows.total };
    });
    t = only(r);
  });
  test('metadata: project, 主管部门, 实施单位, 年度, title', () => {
    expect(t.project).toBe('学前教育发展资金');
    expect(t.department).toBe('深泽县教育局');
    expect(t.unit).toBe('深泽县教育局');
    expect(t.year).toBe('2020');
    expect(t.title).toContain('绩效自评表');
  });
  test('indicator rows with merged 一级/二级 filled down', () => {
    expect(t.indicators.map((i) => i.name)).toEqual(['维修学前校舍面积', '拨付学前公用经费', '资金到位率', '办园条件', '家长满意度']);
    expect(t.indicators.map((i) => i.level1)).toEqual(['产出指标', '产出指标', '产出指标', '效益指标', '满意度指标']);
    expect(t.indicators[1].level2).toBe('数量指标');
    expect(t.indicators[2].level2).toBe('质量指标');
    expect(t.headerRow).toBe(layoutRows.header);
    expect(t.total.sheetRow).toBe(layoutRows.total);
  });
  test('budget block: only 年度资金总额 is scored; 其中 rows read for the check', () => {
    expect(t.budget).not.toBeNull();
    expect(t.budget!.planned).toBe(112);
    expect(t.budget!.executed).toBe(112);
    expect(t.budget!.rate).toBe(1);
    expect(t.budget!.score).toBe(10);
    expect(t.budget!.parts.length).toBeGreaterThanOrEqual(1);
    // 10 (budget) + 90 (rows) = 100; the 其中 rows are not counted again.
    expect(t.total.weight).toBe(100);
  });
  test('goal block and total row', () => {
    expect(t.goal?.expected).toBe('改善办园条件');
    expect(t.goal?.actual).toBe('维修学前校舍4150平方米');
    expect(t.total.sheetRow).not.toBeNull();
    expect(t.total.sheetSelfScore).toBe(100);
    expect(t.total.score).toBe(100);
    expect(t.total.grade).toBe('优');
    expect(t.findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

test('two-row (Yunnan) header: 指标性质 | 指标值 | 度量单位', async () => {
  const s = spec({
    twoRowHeader: true,
    moneyUnit: '元',
    budget: { initial: 1200000, planned: 1120000, executed: 1120000, weight: 10, selfScore: 10 },
    indicators: [
      { ...ind('产出指标', '数量指标', '培训人次', 735, 760, 50), nature: '≧', unit: '人次' },
      { ...ind('效益指标', '社会效益指标', '发生事故', 0, 0, 30), nature: '=', unit: '起' },
      { ...ind('满意度指标', '服务对象满意度指标', '满意度', 95, 0.96, 10, 10, { actualFormat: '0%' }), nature: '≥', unit: '%' },
    ],
  });
  const t = only(await roundTrip((wb) => addNationalTable(wb.addWorksheet('云南式'), 1, s)));
  const [a, b, c] = t.indicators;
  expect(a.target).toMatchObject({ op: '>=', value: 735, unit: '人次' });
  expect(a.status).toBe('met');
  expect(b.direction).toBe('zero');
  expect(b.status).toBe('met');
  expect(c.target).toMatchObject({ op: '>=', value: 95, unit: '%' });
  expect(c.actual).toMatchObject({ value: 96, unit: '%' });
  expect(c.status).toBe('met');
  expect(t.budget!.unit).toBe('元');
  expect(t.budget!.planned).toBe(1120000);
});

test('一级 weights in labels are read and checked', async () => {
  const s = spec({ level1WeightInLabel: true, level1Weights: { 产出指标: 55, 效益指标: 30, 满意度指标: 10 } });
  const t = only(await roundTrip((wb) => addNationalTable(wb.addWorksheet('权重'), 1, s)));
  expect(t.indicators[0].level1).toBe('产出指标');
  expect(t.level1Weights).toEqual({ 产出指标: 55, 效益指标: 30, 满意度指标: 10 });
  const ws = t.findings.filter((f) => f.code === 'weights-sum');
  expect(ws).toHaveLength(1);
  expect(ws[0].message).toContain('产出指标');
  expect(ws[0].message).toContain('55');
  expect(ws[0].message).toContain('50');
});

test('placeholder rows are excluded and reported as info', async () => {
  const s = spec();
  s.indicators.splice(
    2,
    0,
    { level1: '产出指标', level2: '时效指标', name: '指标1：', target: null, actual: null, weight: null, score: null },
    { level1: '产出指标', level2: '成本指标', name: '……', target: null, actual: null, weight: null, score: null },
  );
  const t = only(await roundTrip((wb) => addNationalTable(wb.addWorksheet('占位'), 1, s)));
  expect(t.indicators.map((i) => i.name)).not.toContain('指标1：');
  expect(t.indicators).toHaveLength(5);
  const ph = t.findings.filter((f) => f.code === 'placeholder');
  expect(ph).toHaveLength(2);
  expect(ph.every((f) => f.severity === 'info')).toBe(true);
});

test('several tables on one sheet and several sheets; a sheet with no table is skipped', async () => {
  const r = await roundTrip((wb) => {
    const ws = wb.addWorksheet('两张表');
    const end = addNationalTable(ws, 1, spec());
    addNationalTable(ws, end + 3, spec({ project: '教师培训经费', year: 2020 }));
    wb.addWorksheet('填表说明').getCell('A1').value = '填表说明：1. 年度指标值应与批复的绩效目标一致。';
    addNationalTable(wb.addWorksheet('第三张'), 4, spec({ project: '营养改善计划' }));
  });
  expect(r.sheets.map((s) => s.sheet)).toEqual(['两张表', '第三张']);
  expect(r.sheets[0].tables.map((t) => t.project)).toEqual(['学前教育发展资金', '教师培训经费']);
  expect(r.sheets[0].tables[1].budget).not.toBeNull();
  expect(r.sheets[0].tables[1].headerRow).toBeGreaterThan(r.sheets[0].tables[0].endRow);
  expect(r.sheets[1].tables[0].project).toBe('营养改善计划');
  for (const s of r.sheets) for (const t of s.tables) expect(t.indicators).toHaveLength(5);
});

test('header synonyms, unmerged blank labels and a table not at A1', async () => {
  const r = await roundTrip((wb) => {
    const ws = wb.addWorksheet('同义表头');
    ws.getCell('C3').value = '项目名称：农村义务教育薄弱学校改造';
    const header = ['一级指标', '二级指标', '指标名称', '指标值(A)', '全年实际值(B)', '权重', '指标得分(分)', '未完成原因分析及改进措施'];
    header.forEach((h, i) => (ws.getCell(5, 3 + i).value = h));
    const rows: (string | number | null)[][] = [
      ['产出指标', '数量指标', '改造学校数', '≥10所', '11所', 40, 40, null],
      [null, null, '1.改造面积', '≥4000平方米', '3800平方米', 20, 19, '部分工程延至次年'],
      [null, '质量指标', '验收合格率', '100%', '100%', 20, 20, null],
      ['满意度指标', '服务对象满意度指标', '师生满意度', '≥95%', '96%', 20, 20, null],
    ];
    rows.forEach((row, i) => row.forEach((v, j) => (ws.getCell(6 + i, 3 + j).value = v)));
    ws.getCell(10, 3).value = '合计';
    ws.getCell(10, 8).value = 100;
    ws.getCell(10, 9).value = 99;
  });
  const t = only(r);
  expect(t.project).toBe('农村义务教育薄弱学校改造');
  expect(t.headerRow).toBe(5);
  expect(t.indicators.map((i) => i.name)).toEqual(['改造学校数', '改造面积', '验收合格率', '师生满意度']);
  expect(t.indicators[1].level1).toBe('产出指标');
  expect(t.indicators[1].level2).toBe('数量指标');
  expect(t.indicators[2].level2).toBe('质量指标');
  expect(t.indicators[1].status).toBe('unmet');
  // 3800/4000 × 20 = 19
  expect(t.indicators[1].score).toBe(19);
  expect(t.total.sheetSelfScore).toBe(99);
  expect(t.total.score).toBe(99);
  expect(t.findings.map((f) => f.code).sort()).toEqual(['unmet']);
  expect(t.indicators[0].cells.name).toBe('E6');
});
