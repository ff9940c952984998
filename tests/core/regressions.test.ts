// One small real workbook per defect found on real tables (issue 11): each is written as an .xlsx,
// read back through the CLI's own path (`jixiao evaluate --json`) and checked for the exact result.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main';
import type { JsonResult } from '../../src/core/json';
import { unitFactor } from '../../src/core/parse';

type Row = (ExcelJS.CellValue | undefined)[];
interface SheetSpec {
  name: string;
  rows: Row[];
  merges?: string[];
  hidden?: boolean;
  hiddenRows?: number[];
  numFmts?: Record<string, string>;
}

let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-regress-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function write(name: string, sheets: SheetSpec[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, s.hidden ? { state: 'hidden' } : undefined);
    s.rows.forEach((r, i) => r.forEach((v, j) => v !== undefined && (ws.getCell(i + 1, j + 1).value = v)));
    for (const m of s.merges ?? []) ws.mergeCells(m);
    for (const r of s.hiddenRows ?? []) ws.getRow(r).hidden = true;
    for (const [a, f] of Object.entries(s.numFmts ?? {})) ws.getCell(a).numFmt = f;
  }
  const file = path.join(tmp, name);
  await wb.xlsx.writeFile(file);
  return file;
}

async function evaluate(file: string, ...args: string[]): Promise<{ code: number; json: JsonResult; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['evaluate', file, '--json', ...args], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, json: out ? (JSON.parse(out) as JsonResult) : (null as unknown as JsonResult), err };
}

const HEAD = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
const row = (
  name: string,
  target: ExcelJS.CellValue,
  actual: ExcelJS.CellValue,
  weight: ExcelJS.CellValue,
  score: ExcelJS.CellValue,
  reason?: string,
): Row => ['产出指标', '数量指标', name, target, actual, weight, score, reason];

/** A complete, correct table of 90 points of indicators + a budget of 10: the base each case changes. */
function table(indicators: Row[], opts: { title?: string; budget?: Row[]; total?: Row | null } = {}): Row[] {
  return [
    [opts.title ?? '项目支出绩效自评表'],
    ['项目名称', '测试项目'],
    ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    ...(opts.budget ?? [['', '年度资金总额', 100, 100, 100, 10, 1, 10]]),
    HEAD,
    ...indicators,
    ...(opts.total === null ? [] : [opts.total ?? ['总分', '', '', '', '', 100, 100]]),
  ];
}

const table1 = (name: string): Row[] => table([row(name, '≥100人', '100人', 90, 90)]);

function tables(j: JsonResult) {
  return j.sheets.flatMap((s) => s.tables);
}
const codes = (j: JsonResult) => tables(j).flatMap((t) => t.findings.map((f) => f.code));

describe('error values and uncalculated formulas are 待核实, never 0', () => {
  test('#DIV/0! from a formula in the actual cell', async () => {
    const file = await write('div0.xlsx', [
      {
        name: 'S',
        rows: table([row('项目覆盖率', '100%', { formula: 'A1/0', result: { error: '#DIV/0!' } } as ExcelJS.CellValue, 90, 90)]),
      },
    ]);
    const { json } = await evaluate(file);
    const [t] = tables(json);
    const ind = t.indicators[0];
    expect(ind.status).toBe('unknown');
    expect(ind.score).toBeNull();
    expect(ind.actual?.value ?? null).toBeNull();
    const f = t.findings.filter((x) => x.row === 6);
    expect(f.map((x) => x.code)).toEqual(['error-value']);
    expect(f[0].message).toContain('#DIV/0!');
    expect(f[0].cell).toBe('E6');
  });

  test.each(['#N/A', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#NULL!'])('%s in weight and score cells', async (err) => {
    const file = await write(`err-${err.replace(/\W/g, '')}.xlsx`, [
      {
        name: 'S',
        rows: table([
          row(
            '服务人数',
            '≥100人',
            '100人',
            { formula: 'X1', result: { error: err } } as ExcelJS.CellValue,
            { formula: 'Y1', result: { error: err } } as ExcelJS.CellValue,
          ),
        ]),
      },
    ]);
    const { json } = await evaluate(file);
    const [t] = tables(json);
    expect(
      t.findings
        .filter((f) => f.code === 'error-value')
        .map((f) => f.cell)
        .sort(),
    ).toEqual(['F6', 'G6']);
    expect(codes(json)).not.toContain('missing-weight');
    // A weight nobody can read leaves the total unknown: 无法核算, not a lower score.
    expect(t.total.score).toBeNull();
    expect(t.total.grade).toBeNull();
  });

  test('a formula with no cached result has its own finding', async () => {
    const file = await write('uncached.xlsx', [
      { name: 'S', rows: table([row('服务人数', '≥100人', { formula: 'B2*2' } as ExcelJS.CellValue, 90, 90)]) },
    ]);
    const { json } = await evaluate(file);
    const [t] = tables(json);
    const f = t.findings.filter((x) => x.row === 6);
    expect(f.map((x) => x.code)).toEqual(['formula-uncached']);
    expect(f[0].message).toContain('公式未计算');
    expect(t.indicators[0].status).toBe('unknown');
  });
});

describe('what cannot be scored is not graded', () => {
  test('a table without a 分值 column: statuses, one finding, no score and no grade', async () => {
    const rows: Row[] = [
      ['一级指标', '二级指标', '指标名称', '目标值', '实际完成值'],
      ['产出指标', '数量指标', '资助人数', '≥100人', '110人'],
      ['产出指标', '质量指标', '发放率', '100%', '100%'],
    ];
    const { json } = await evaluate(await write('noweight.xlsx', [{ name: 'S', rows }]));
    const [t] = tables(json);
    expect(t.indicators.map((i) => i.status)).toEqual(['met', 'met']);
    expect(t.total.score).toBeNull();
    expect(t.total.grade).toBeNull();
    expect(codes(json)).toEqual(['unscorable']);
  });

  test('a blank template sheet is no table and no project', async () => {
    const blank = table([], { total: null });
    const file = await write('blank.xlsx', [
      { name: '项目一', rows: table1('服务人数') },
      { name: '空白模板', rows: blank.map((r) => r.map((v) => (typeof v === 'number' ? undefined : v))) },
    ]);
    const { json } = await evaluate(file);
    expect(tables(json)).toHaveLength(1);
    const blankSheet = json.sheets.find((s) => s.sheet === '空白模板');
    expect(blankSheet?.tables).toEqual([]);
    expect(blankSheet?.notes.map((n) => n.code)).toEqual(['empty-table']);
  });

  test('a workbook of blank tables only exits 1 with a clear message', async () => {
    const blank = table([], { total: null }).map((r) => r.map((v) => (typeof v === 'number' ? undefined : v)));
    const r = await evaluate(await write('allblank.xlsx', [{ name: '空白模板', rows: blank }]));
    expect(r.code).toBe(1);
    expect(r.err).toContain('没有填写指标');
  });
});

test('re-evaluating our own result workbook counts each table once', async () => {
  const file = await write('again.xlsx', [{ name: 'S', rows: table1('服务人数') }]);
  const out = path.join(tmp, 'again-result.xlsx');
  expect(await main(['evaluate', file, '--out', out], { out: () => undefined, err: () => undefined })).toBe(0);
  const first = await evaluate(file);
  const again = await evaluate(out);
  expect(tables(again.json)).toHaveLength(1);
  expect(tables(again.json)[0].total).toEqual(tables(first.json)[0].total);
});

describe('budget blocks in other provinces’ spellings', () => {
  test('调整后预算数 / 预算执行数 / 权重, a 总额 row, "/" in the 其中 rows, a 20-point budget', async () => {
    const rows: Row[] = [
      ['项目支出绩效自评表'],
      ['预算执行情况（20分）', '年度预算数（万元）', '年初预算', '调整后预算数', '预算执行数', '预算执行率', '权重', '得分'],
      ['', '总额', 0, 50, 40, 0.8, 20, 16],
      ['', '其中：财政资金', 0, 50, 40, 0.8, '/', '/'],
      ['', '单位资金', 0, 0, 0, 0, '/', '/'],
      HEAD,
      row('服务人数', '≥100人', '100人', 80, 80),
      ['总分', '', '', '', '', 100, 96],
    ];
    const { json } = await evaluate(await write('budget20.xlsx', [{ name: 'S', rows, merges: ['A2:A5'] }]));
    const [t] = tables(json);
    expect(t.budget).toEqual({ row: 3, planned: 50, executed: 40, rate: 0.8, weight: 20, selfScore: 16, score: 16 });
    expect(t.total.score).toBe(96);
    expect(codes(json).sort()).toEqual(['low-execution']);
    // The mark lands on the rate, the cell a reviewer reads.
    expect(t.findings[0].cell).toBe('F3');
  });

  test('the 分值 written into the label: "得分（20分*执行率）"', async () => {
    const rows: Row[] = [
      ['预算执行情况（万元）', '', '预算数（A）', '执行数（B）', '执行率（B/A）', '得分（20分*执行率）'],
      ['', '年度财政资金总额', 10, 10, 1, 20],
      ['一级指标', '二级指标', '三级指标', '年初目标值（A）', '实际完成值（B）', '分值', '得分'],
      ['产出指标', '数量指标', '补贴渔船数', '6', '6', 80, 80],
    ];
    const { json } = await evaluate(await write('budgetlabel.xlsx', [{ name: 'S', rows }]));
    const [t] = tables(json);
    expect(t.budget?.weight).toBe(20);
    expect(t.budget?.score).toBe(20);
    expect(t.total.score).toBe(100);
  });

  test('a total row of 0 above 其中 rows holding money: one fund-mismatch, on the total row', async () => {
    const { json } = await evaluate(
      await write('fund0.xlsx', [
        {
          name: 'S',
          rows: table([row('服务人数', '≥100人', '100人', 90, 90)], {
            budget: [
              ['', '年度资金总额', 0, 0, 0, 10, '', 10],
              ['', '其中：当年财政拨款', 80, 80, 80],
              ['', '上年结转资金', 20, 20, 20],
            ],
          }),
        },
      ]),
    );
    const f = tables(json)[0].findings.filter((x) => x.row === 4);
    expect(f.map((x) => x.code)).toEqual(['fund-mismatch']);
    expect(f[0].cell).toBe('D4');
    // The budget could not be scored: it counts with its self-score, said as pending, never as 0.
    expect(tables(json)[0].total.score).toBe(100);
    expect(codes(json)).toContain('pending');
  });

  test('an empty 年度资金总额 row with nothing under it: one finding', async () => {
    const { json } = await evaluate(
      await write('fundempty.xlsx', [
        {
          name: 'S',
          rows: table([row('服务人数', '≥100人', '100人', 90, 90)], { budget: [['', '年度资金总额', '', '', '', 10, '', '']] }),
        },
      ]),
    );
    expect(
      tables(json)[0]
        .findings.filter((x) => x.row === 4)
        .map((x) => x.code),
    ).toEqual(['missing-actual']);
  });
});

describe('units and numbers', () => {
  test.each([
    ['万', '万元', 1],
    ['亿', '亿元', 1],
    ['万', '元', 0.0001],
    ['个', '个数', 1],
    ['名', '人', 1],
  ])('%s and %s compare', (a, b, f) => {
    expect(unitFactor(a, b)).toBe(f);
  });

  test('人 and 人次 stay incomparable', () => {
    expect(unitFactor('人', '人次')).toBeNull();
  });

  test('a target in 万 against an actual in 万元 is scored', async () => {
    const { json } = await evaluate(await write('wan.xlsx', [{ name: 'S', rows: table([row('拨付资金', '≥112万', '112万元', 90, 90)]) }]));
    expect(tables(json)[0].indicators[0]).toMatchObject({ status: 'met', score: 90 });
    expect(codes(json)).toEqual([]);
  });

  test('a total typed as text with 分 is read', async () => {
    const { json } = await evaluate(
      await write('textscore.xlsx', [
        {
          name: 'S',
          rows: table([row('服务人数', '≥100人', '100人', '90分', '90分')], { total: ['总分', '', '', '', '', '100分', '99分'] }),
        },
      ]),
    );
    const [t] = tables(json);
    expect(t.indicators[0].weight).toBe(90);
    expect(t.findings.map((f) => [f.code, f.cell])).toEqual([['total-mismatch', 'G7']]);
  });

  test('an actual written like its target counts as met with a request for the real figure', async () => {
    const { json } = await evaluate(
      await write('copied.xlsx', [{ name: 'S', rows: table([row('受益群体满意度', '≥95%', '≥95%', 90, 90)]) }]),
    );
    const [t] = tables(json);
    expect(t.indicators[0]).toMatchObject({ status: 'met', score: 90 });
    expect(t.findings.map((f) => f.code)).toEqual(['actual-as-target']);
  });
});

describe('one finding per problem, on the cell to fix', () => {
  test('a score above its weight is one finding', async () => {
    const { json } = await evaluate(
      await write('over.xlsx', [
        { name: 'S', rows: table([row('服务人数', '≥100人', '100人', 90, 95)], { total: ['总分', '', '', '', '', 100, 105] }) },
      ]),
    );
    expect(
      tables(json)[0]
        .findings.filter((f) => f.row === 6)
        .map((f) => f.code),
    ).toEqual(['score-over-weight']);
  });

  test('a met row scored below its weight with no reason: one finding naming both ways out', async () => {
    const { json } = await evaluate(
      await write('docked.xlsx', [
        { name: 'S', rows: table([row('服务人数', '≥100人', '100人', 90, 80)], { total: ['总分', '', '', '', '', 100, 90] }) },
      ]),
    );
    const f = tables(json)[0].findings.filter((x) => x.row === 6);
    expect(f.map((x) => x.code)).toEqual(['missing-reason']);
    expect(f[0].message).toMatch(/偏差原因栏说明.*按规则改为90分/);
    expect(f[0].cell).toBe('H6');
  });

  test('"不适用" is no reason', async () => {
    const { json } = await evaluate(
      await write('nareason.xlsx', [
        { name: 'S', rows: table([row('服务人数', '≥100人', '80人', 90, 72, '不适用')], { total: ['总分', '', '', '', '', 100, 82] }) },
      ]),
    );
    expect(codes(json)).toContain('missing-reason');
  });

  test('a filled reason gives no warning', async () => {
    const { json } = await evaluate(
      await write('reason.xlsx', [
        {
          name: 'S',
          rows: table([row('服务人数', '≥100人', '80人', 90, 72, '受疫情影响，部分活动延期')], {
            total: ['总分', '', '', '', '', 100, 82],
          }),
        },
      ]),
    );
    expect(codes(json)).toEqual(['unmet']);
  });

  test('weights-sum lands on the total row’s 分值, a 一级 mismatch on the 一级 label', async () => {
    const rows = table(
      [
        ['产出指标(50分)', '数量指标', '服务人数', '≥100人', '100人', 40, 40],
        ['效益指标', '社会效益指标', '满意度', '≥95%', '96%', 40, 40],
      ],
      { total: ['总分', '', '', '', '', 100, 90] },
    );
    const { json } = await evaluate(await write('weights.xlsx', [{ name: 'S', rows }]));
    const f = tables(json)[0].findings.filter((x) => x.code === 'weights-sum');
    expect(f.map((x) => x.cell).sort()).toEqual(['A6', 'F8']);
  });
});

describe('hidden rows and sheets, duplicate columns', () => {
  test('hidden rows and a hidden sheet are evaluated and noted', async () => {
    const file = await write('hidden.xlsx', [
      {
        name: 'S',
        rows: table([row('服务人数', '≥100人', '100人', 45, 45), row('培训人次', '≥10人次', '10人次', 45, 45)]),
        hiddenRows: [7],
        hidden: true,
      },
      { name: 'V', rows: table1('服务人数') },
    ]);
    const { json } = await evaluate(file);
    const t = json.sheets.find((s) => s.sheet === 'S')!.tables[0];
    expect(t.indicators).toHaveLength(2);
    expect(t.findings.map((f) => f.code).sort()).toEqual(['hidden-rows', 'hidden-sheet']);
    expect(t.findings.find((f) => f.code === 'hidden-rows')!.message).toContain('第7');
  });

  test('a header word in two columns: noted, the first column used', async () => {
    const rows = table([['产出指标', '数量指标', '服务人数', '≥100人', '100人', 90, 90, '', 50]]);
    rows[4] = [...HEAD, '得分'];
    const { json } = await evaluate(await write('dup.xlsx', [{ name: 'S', rows }]));
    const [t] = tables(json);
    expect(t.indicators[0].selfScore).toBe(90);
    const f = t.findings.filter((x) => x.code === 'duplicate-column');
    expect(f).toHaveLength(1);
    expect(f[0].message).toMatch(/G列和I列/);
  });
});
