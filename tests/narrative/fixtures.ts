// Hand-built evaluation results for the narrative tests (no engine involved). Column layout of every
// table: E 三级指标, F 年度指标值, G 实际完成值, H 分值, I 得分, J 偏差原因, indicators from row 8 (the
// second table of a sheet from row 30); budget row 5: E 全年预算数, F 全年执行数, H 执行率, I 得分. The figures of the all-met result are those of the seed report.

import {
  Achievement,
  BudgetResult,
  Direction,
  EvaluationResult,
  Finding,
  Grade,
  IndicatorResult,
  Op,
  ParsedValue,
  Status,
  TableResult,
} from '../../src/core/types';

export function num(text: string, value: number, unit: string | null, op: Op | null = null): ParsedValue {
  return { text, kind: 'number', op, value, unit };
}

export function date(text: string, year: number | null, month: number | null, day: number | null, op: Op | null = null): ParsedValue {
  return { text, kind: 'date', op, value: null, unit: null, date: { year, month, day } };
}

export function qual(text: string, achievement?: Achievement): ParsedValue {
  const p: ParsedValue = { text, kind: 'qualitative', op: null, value: null, unit: null };
  if (achievement) p.achievement = achievement;
  return p;
}

export function unknownValue(text: string): ParsedValue {
  return { text, kind: 'unknown', op: null, value: null, unit: null, problem: '无法识别' };
}

export interface Row {
  l1: string;
  l2: string;
  name: string;
  t: ParsedValue | null;
  a: ParsedValue | null;
  w: number;
  status: Status;
  score?: number | null;
  self?: number | null;
  reason?: string | null;
  direction?: Direction | null;
}

function indicator(row: number, r: Row): IndicatorResult {
  const kind = r.t?.kind === 'qualitative' ? 'qualitative' : 'quantitative';
  let direction: Direction | null = r.direction ?? null;
  if (direction === null) {
    if (r.t?.kind === 'qualitative') direction = 'qualitative';
    else if (r.t?.kind === 'date') direction = 'deadline';
    else if (r.t?.op === '<=') direction = 'lower';
    else direction = 'higher';
  }
  const score = r.score !== undefined ? r.score : r.status === 'met' ? r.w : null;
  const ratio = r.t?.kind === 'number' && r.a?.kind === 'number' && r.t.value && r.a.value !== null ? r.a.value / r.t.value : null;
  return {
    row,
    level1: r.l1,
    level2: r.l2,
    name: r.name,
    target: r.t,
    actual: r.a,
    kind,
    status: r.status,
    weight: r.w,
    selfScore: r.self !== undefined ? r.self : score,
    score,
    reason: r.reason ?? null,
    direction,
    effectiveTarget: r.t,
    targetFromStandard: false,
    ratio,
    cells: {
      name: 'E' + row,
      target: r.t ? 'F' + row : null,
      actual: r.a ? 'G' + row : null,
      weight: 'H' + row,
      score: 'I' + row,
      reason: r.reason !== undefined && r.reason !== null ? 'J' + row : null,
    },
  };
}

function budget(planned: number, executed: number, weight = 10, unit = '万元'): BudgetResult {
  const rate = executed / planned;
  const score = Math.round(Math.min(rate, 1) * weight * 100) / 100;
  return {
    row: 5,
    planned,
    executed,
    rate,
    weight,
    selfScore: score,
    score,
    unit,
    initial: planned,
    cells: { planned: 'E5', executed: 'F5', score: 'I5', rate: 'H5' },
    parts: [],
  };
}

function gradeOf(s: number): Grade {
  return s >= 90 ? '优' : s >= 80 ? '良' : s >= 60 ? '中' : '差';
}

function table(
  meta: { project: string | null; department?: string; year?: string; firstRow?: number },
  rows: Row[],
  b: BudgetResult | null,
  findings: Finding[] = [],
): TableResult {
  const first = meta.firstRow ?? 8;
  const indicators = rows.map((r, i) => indicator(first + i, r));
  const score = Math.round((indicators.reduce((s, x) => s + (x.score ?? 0), 0) + (b?.score ?? 0)) * 100) / 100;
  const weight = indicators.reduce((s, x) => s + (x.weight ?? 0), 0) + (b?.weight ?? 0);
  return {
    title: '项目支出绩效自评表',
    project: meta.project,
    department: meta.department ?? null,
    unit: null,
    year: meta.year ?? null,
    headerRow: first - 1,
    endRow: first + rows.length,
    indicators,
    budget: b,
    goal: null,
    total: {
      weight,
      selfScore: score,
      score,
      grade: gradeOf(score),
      sheetRow: first + rows.length,
      sheetSelfScore: score,
      sheetSelfCell: indicators[0]?.cells.score?.replace(/\d+$/, String(first + rows.length)) ?? null,
      pending: 0,
    },
    findings,
    level1Weights: {},
  };
}

const OUT = '产出指标';
const EFF = '效益指标';
const SAT = '满意度指标';

/** All indicators met; several tables; every indicator type; budgets on three tables. */
export function allMetResult(): EvaluationResult {
  return {
    file: 'shenze.xlsx',
    profile: 'national',
    sheets: [
      {
        sheet: '学前教育',
        tables: [
          table(
            { project: '扩大学前教育资源项目', department: '深泽县教育局', year: '2020年度' },
            [
              {
                l1: OUT,
                l2: '数量指标',
                name: '拨付学前公用经费',
                t: num('≥112万元', 112, '万元', '>='),
                a: num('112万元', 112, '万元'),
                w: 10,
                status: 'met',
              },
              {
                l1: OUT,
                l2: '数量指标',
                name: '指标1：拨付学前家庭经济困难学生补助资金',
                t: num('24.5万元', 24.5, '万元'),
                a: num('24.50万元', 24.5, '万元'),
                w: 10,
                status: 'met',
              },
              {
                l1: OUT,
                l2: '数量指标',
                name: '维修学前校舍',
                t: num('≥4000平方米', 4000, '平方米', '>='),
                a: num('4150平方米', 4150, '平方米'),
                w: 10,
                status: 'met',
              },
              {
                l1: OUT,
                l2: '质量指标',
                name: '1.生均公用经费拨款标准',
                t: num('≥400元', 400, '元', '>='),
                a: num('400元', 400, '元'),
                w: 10,
                status: 'met',
              },
              {
                l1: OUT,
                l2: '时效指标',
                name: '资金拨付时间',
                t: date('2020年12月底前', 2020, 12, null, '<='),
                a: date('2020年11月', 2020, 11, null),
                w: 10,
                status: 'met',
                direction: 'deadline',
              },
              {
                l1: EFF,
                l2: '社会效益指标',
                name: '学前教育普及程度',
                t: qual('显著提高'),
                a: qual('显著提高', 'achieved'),
                w: 20,
                status: 'met',
              },
              {
                l1: SAT,
                l2: '服务对象满意度指标',
                name: '家长满意度',
                t: num('≥95%', 95, '%', '>='),
                a: num('96%', 96, '%'),
                w: 20,
                status: 'met',
              },
            ],
            budget(136.5, 136.5),
          ),
        ],
      },
      {
        sheet: '义务教育',
        tables: [
          table(
            { project: '城乡义务教育经费保障机制', department: '深泽县教育局', year: '2020' },
            [
              {
                l1: OUT,
                l2: '数量指标',
                name: '小学生均公用经费',
                t: num('685元', 685, '元'),
                a: num('685元', 685, '元'),
                w: 5,
                status: 'met',
              },
              {
                l1: OUT,
                l2: '数量指标',
                name: '初中生均公用经费',
                t: num('885元', 885, '元'),
                a: num('885元', 885, '元'),
                w: 5,
                status: 'met',
              },
              {
                l1: OUT,
                l2: '质量指标',
                name: '中央、省级补助资金到位率',
                t: num('=100%', 100, '%', '='),
                a: num('100%', 100, '%'),
                w: 10,
                status: 'met',
              },
              {
                l1: OUT,
                l2: '质量指标',
                name: '校舍安全长效机制改扩建校舍合格率',
                t: num('100%', 100, '%'),
                a: num('100%', 100, '%'),
                w: 10,
                status: 'met',
              },
              {
                l1: OUT,
                l2: '成本指标',
                name: '校舍维修单位成本',
                t: num('≤800元/平方米', 800, '元/平方米', '<='),
                a: num('760元/平方米', 760, '元/平方米'),
                w: 5,
                status: 'met',
              },
              {
                l1: OUT,
                l2: '质量指标',
                name: '校园安全责任事故',
                t: num('0起', 0, '起'),
                a: num('0起', 0, '起'),
                w: 5,
                status: 'met',
                direction: 'zero',
              },
              {
                l1: EFF,
                l2: '社会效益指标',
                name: '享受营养改善计划补助的农村小学学生',
                t: num('≥10000人', 10000, '人', '>='),
                a: num('10336人', 10336, '人'),
                w: 10,
                status: 'met',
              },
              {
                l1: EFF,
                l2: '社会效益指标',
                name: '营养改善计划食品安全达标率',
                t: num('100%', 100, '%'),
                a: num('100%', 100, '%'),
                w: 10,
                status: 'met',
              },
              {
                l1: EFF,
                l2: '社会效益指标',
                name: '营养改善计划生均补助标准',
                t: num('2.5元/生·天', 2.5, '元/生·天'),
                a: num('2.5元/生·天', 2.5, '元/生·天'),
                w: 10,
                status: 'met',
              },
              {
                l1: SAT,
                l2: '服务对象满意度指标',
                name: '教师、学生对保障机制的综合满意度',
                t: num('≥95%', 95, '%', '>='),
                a: num('95%', 95, '%'),
                w: 20,
                status: 'met',
              },
            ],
            budget(1123.4, 1100.5),
          ),
        ],
      },
      {
        sheet: '普通高中',
        tables: [
          table(
            { project: '普通高中教育质量提升计划', department: '深泽县教育局' },
            [
              {
                l1: OUT,
                l2: '数量指标',
                name: '购置教学设备',
                t: num('≥280套', 280, '套', '>='),
                a: num('290套', 290, '套'),
                w: 20,
                status: 'met',
              },
              { l1: OUT, l2: '质量指标', name: '设备验收合格率', t: num('100%', 100, '%'), a: num('100%', 100, '%'), w: 20, status: 'met' },
              {
                l1: OUT,
                l2: '数量指标',
                name: '发放高中助学金',
                t: num('79.7万元', 79.7, '万元'),
                a: num('79.7万元', 79.7, '万元'),
                w: 20,
                status: 'met',
              },
              {
                l1: EFF,
                l2: '社会效益指标',
                name: '建档立卡贫困学生资助政策落实',
                t: qual('全面落实'),
                a: qual('是', 'achieved'),
                w: 20,
                status: 'met',
              },
              {
                l1: SAT,
                l2: '服务对象满意度指标',
                name: '受益师生综合满意度',
                t: num('≥95%', 95, '%', '>='),
                a: num('95%', 95, '%'),
                w: 20,
                status: 'met',
              },
            ],
            null,
          ),
        ],
      },
      {
        sheet: '职教与教师',
        tables: [
          table(
            { project: '现代职业教育发展项目', department: '深泽县教育局' },
            [
              {
                l1: OUT,
                l2: '数量指标',
                name: '暑期新高一招生人数',
                t: num('≥300人', 300, '人', '>='),
                a: num('306人', 306, '人'),
                w: 30,
                status: 'met',
              },
              {
                l1: EFF,
                l2: '社会效益指标',
                name: '校企合作新建实训室',
                t: num('2个', 2, '个'),
                a: num('2个', 2, '个'),
                w: 30,
                status: 'met',
              },
              {
                l1: SAT,
                l2: '服务对象满意度指标',
                name: '学生综合满意度',
                t: num('≥95%', 95, '%', '>='),
                a: num('95%', 95, '%'),
                w: 30,
                status: 'met',
              },
            ],
            budget(50, 50),
          ),
          table(
            { project: '教师队伍建设项目', department: '深泽县教育局', firstRow: 30 },
            [
              {
                l1: OUT,
                l2: '数量指标',
                name: '发放农村原民办代课教师教龄补助',
                t: num('333.18万元', 333.18, '万元'),
                a: num('333.18万元', 333.18, '万元'),
                w: 20,
                status: 'met',
              },
              {
                l1: OUT,
                l2: '数量指标',
                name: '落实教师培训费',
                t: num('40万元', 40, '万元'),
                a: num('40万元', 40, '万元'),
                w: 20,
                status: 'met',
              },
              {
                l1: OUT,
                l2: '数量指标',
                name: '举办各类培训',
                t: num('≥7000人次', 7000, '人次', '>='),
                a: num('7005人次', 7005, '人次'),
                w: 20,
                status: 'met',
              },
              { l1: OUT, l2: '数量指标', name: '公开招聘教师', t: num('60人', 60, '人'), a: num('60人', 60, '人'), w: 20, status: 'met' },
              {
                l1: SAT,
                l2: '服务对象满意度指标',
                name: '教师满意度',
                t: num('≥90%', 90, '%', '>='),
                a: num('92.5%', 92.5, '%'),
                w: 20,
                status: 'met',
              },
            ],
            null,
          ),
        ],
      },
    ],
  };
}

/** Unmet rows with and without reasons, unknown rows, low execution, over-achievement, a score mismatch. */
export function gapsResult(): EvaluationResult {
  return {
    file: 'gaps.xlsx',
    profile: 'national',
    sheets: [
      {
        sheet: '营养改善',
        tables: [
          table(
            { project: '农村义务教育学生营养改善计划', department: '某县教育局', year: '2021' },
            [
              {
                l1: OUT,
                l2: '数量指标',
                name: '受益学生人数',
                t: num('≥10000人', 10000, '人', '>='),
                a: num('15935人', 15935, '人'),
                w: 20,
                status: 'met',
              },
              {
                l1: OUT,
                l2: '质量指标',
                name: '营养餐供应覆盖率',
                t: num('≥95%', 95, '%', '>='),
                a: num('94.6%', 94.6, '%'),
                w: 20,
                status: 'unmet',
                score: 19.92,
                self: 19,
                reason: '部分偏远教学点道路施工,配送车辆无法到达。下一步将协调交通部门,采用分散配送方式',
              },
              {
                l1: OUT,
                l2: '时效指标',
                name: '补助资金发放及时率',
                t: num('100%', 100, '%'),
                a: num('100%', 100, '%'),
                w: 10,
                status: 'met',
                self: 8,
              },
              {
                l1: EFF,
                l2: '社会效益指标',
                name: '食品安全抽检合格率',
                t: num('100%', 100, '%'),
                a: unknownValue('见附表'),
                w: 10,
                status: 'unknown',
                score: null,
                self: 10,
              },
              {
                l1: SAT,
                l2: '服务对象满意度指标',
                name: '学生满意度',
                t: num('≥95%', 95, '%', '>='),
                a: num('90%', 90, '%'),
                w: 20,
                status: 'unmet',
                score: 18.95,
                self: 20,
              },
            ],
            budget(200, 160),
            [
              {
                row: 8,
                cell: 'G8',
                code: 'over-achieved',
                severity: 'warning',
                message: '受益学生人数实际完成值15935人达到指标值≥10000人的159.35%，超额较多，请核实指标值是否设置偏低。',
              },
              { row: 9, cell: 'G9', code: 'unmet', severity: 'warning', message: '营养餐供应覆盖率未达到年度指标值。' },
              { row: 9, cell: 'I9', code: 'score-mismatch', severity: 'warning', message: '自评得分与核算得分不一致。' },
              { row: 9, cell: 'I9', code: 'score-mismatch', severity: 'warning', message: '重复的发现（测试去重）。' },
              {
                row: 10,
                cell: 'I10',
                code: 'score-mismatch',
                severity: 'warning',
                message: '补助资金发放及时率自评得分8分，核算得分10分。',
              },
              { row: 11, cell: 'G11', code: 'unparsed', severity: 'warning', message: '食品安全抽检合格率的实际完成值“见附表”无法识别。' },
              { row: 12, cell: 'J12', code: 'missing-reason', severity: 'error', message: '学生满意度扣分但未填写偏差原因。' },
              { row: 5, cell: 'H5', code: 'low-execution', severity: 'warning', message: '预算执行率80%，低于90%。' },
              { row: null, cell: null, code: 'placeholder', severity: 'info', message: '模板占位行。' },
            ],
          ),
        ],
      },
      {
        sheet: '教师培训',
        tables: [
          table(
            { project: '教师培训项目', department: '某县教育局', year: '2021' },
            [
              {
                l1: OUT,
                l2: '数量指标',
                name: '（1）培训覆盖率',
                t: num('100%', 100, '%'),
                a: num('100%', 100, '%'),
                w: 10,
                status: 'met',
              },
              {
                l1: OUT,
                l2: '数量指标',
                name: '参训教师人数',
                t: num('≥500人', 500, '人', '>='),
                a: null,
                w: 10,
                status: 'unknown',
                score: null,
              },
              {
                l1: OUT,
                l2: '时效指标',
                name: '集中培训完成时间',
                t: date('2021年10月底前', 2021, 10, null, '<='),
                a: date('2021年12月', 2021, 12, null),
                w: 10,
                status: 'unmet',
                score: 6,
                reason: '受疫情影响，集中培训推迟至12月举办',
                direction: 'deadline',
              },
              {
                l1: OUT,
                l2: '成本指标',
                name: '人均培训成本',
                t: num('≤800元', 800, '元', '<='),
                a: num('950元', 950, '元'),
                w: 10,
                status: 'unmet',
                score: 8.42,
                reason: '0',
              },
              {
                l1: OUT,
                l2: '质量指标',
                name: '培训安全事故',
                t: num('0起', 0, '起'),
                a: num('1起', 1, '起'),
                w: 10,
                status: 'unmet',
                score: 0,
                reason: '发生一起轻微交通事故，已妥善处理',
                direction: 'zero',
              },
              {
                l1: EFF,
                l2: '社会效益指标',
                name: '教师教学能力',
                t: qual('显著提高'),
                a: qual('一般', 'partial'),
                w: 20,
                status: 'unmet',
                score: 14,
                reason: '部分课程改为线上方式，互动不足。改进措施：下一年度增加线下实训课时',
              },
              {
                l1: SAT,
                l2: '服务对象满意度指标',
                name: '参训教师满意度',
                t: num('≥90%', 90, '%', '>='),
                a: num('93%', 93, '%'),
                w: 20,
                status: 'met',
              },
            ],
            null,
          ),
        ],
      },
    ],
  };
}

/** One table (the project outline): the first table of a result. */
/** One table of the given rows (for phrasing tests). */
export function rowsResult(rows: Row[]): EvaluationResult {
  return {
    file: 'x.xlsx',
    profile: 'national',
    sheets: [{ sheet: '表', tables: [table({ project: '测试项目', year: '2020' }, rows, null)] }],
  };
}

export function single(r: EvaluationResult, sheetIndex = 0): EvaluationResult {
  const s = r.sheets[sheetIndex];
  return { ...r, sheets: [{ sheet: s.sheet, tables: [s.tables[0]] }] };
}

/** Every number a cell of the result holds, by "sheet!A1" (for the trace test). */
export function cellNumbers(r: EvaluationResult): Map<string, number[]> {
  const m = new Map<string, number[]>();
  const add = (sheet: string, cell: string | null, v: number | null | undefined) => {
    if (!cell || v === null || v === undefined) return;
    const k = sheet + '!' + cell;
    m.set(k, (m.get(k) ?? []).concat([v]));
  };
  for (const s of r.sheets)
    for (const t of s.tables) {
      for (const i of t.indicators) {
        add(s.sheet, i.cells.target, i.target?.value);
        add(s.sheet, i.cells.actual, i.actual?.value);
        if (i.target?.date) add(s.sheet, i.cells.target, dateNum(i.target.date));
        if (i.actual?.date) add(s.sheet, i.cells.actual, dateNum(i.actual.date));
        add(s.sheet, i.cells.weight, i.weight);
        add(s.sheet, i.cells.score, i.selfScore);
      }
      if (t.budget) {
        add(s.sheet, t.budget.cells.planned, t.budget.planned);
        add(s.sheet, t.budget.cells.executed, t.budget.executed);
        add(s.sheet, t.budget.cells.rate, t.budget.rate);
        add(s.sheet, t.budget.cells.score, t.budget.selfScore);
      }
      // The form's own total 自评得分, in the cell the engine read it from.
      add(s.sheet, t.total.sheetSelfCell, t.total.sheetSelfScore);
    }
  return m;
}

function dateNum(d: { year: number | null; month: number | null; day: number | null }): number {
  return (d.year ?? 0) * 10000 + (d.month ?? 0) * 100 + (d.day ?? 0);
}
