// Random evaluation results: the generator never throws, every number stays traced, no half-width
// punctuation, no stock phrase more than twice, same input → same output.

import * as fc from 'fast-check';
import { EvaluationResult, FindingCode, IndicatorResult, ParsedValue, Status, TableResult } from '../../src/core/types';
import { generateNarrative } from '../../src/narrative/generate';
import { toText } from '../../src/narrative/render';
import { styleCheck } from './style';
import { stockPhraseCounts, traceProblems } from './helpers';

const NAMES = [
  '维修学前校舍',
  '享受补助学生人数',
  '资金到位率',
  '综合满意度',
  '项目完成时间',
  '教育教学质量',
  '单位维修成本',
  '安全责任事故',
  '指标1：拨付资金',
  '（2）培训覆盖率',
  '培智教学软件2套',
  '发放助学金',
  '家长满意度',
  '设备验收合格率',
  '2020年新建校舍',
  '举办培训',
];
const UNITS = ['%', '万元', '元', '人', '人次', '平方米', '套', '个', '元/生·年', null];
const REASONS = [
  null,
  '0',
  '无',
  '受疫情影响,工期推迟(约2个月)',
  '由于资金下达较晚。下一步将加快拨付',
  '部分学校未按时上报;改进措施:加强督导',
  '原因:3所学校停课',
];
const L1 = ['产出指标', '效益指标', '满意度指标', '成本指标(20分)', null];

const value: fc.Arbitrary<ParsedValue | null> = fc.oneof(
  fc.constant(null),
  fc
    .record({
      v: fc.double({ min: 0, max: 100000, noNaN: true }),
      u: fc.constantFrom(...UNITS),
      op: fc.constantFrom('>=' as const, '<=' as const, '=' as const, null),
    })
    .map(({ v, u, op }) => ({
      text: `${op === '>=' ? '≥' : op === '<=' ? '≤' : ''}${v}${u ?? ''}`,
      kind: 'number' as const,
      op,
      value: v,
      unit: u,
    })),
  fc
    .record({
      y: fc.option(fc.integer({ min: 2018, max: 2025 })),
      m: fc.option(fc.integer({ min: 1, max: 12 })),
      d: fc.option(fc.integer({ min: 1, max: 28 })),
    })
    .map(({ y, m, d }) => ({
      text: `${y ?? ''}年${m ?? ''}月底前`,
      kind: 'date' as const,
      op: '<=' as const,
      value: null,
      unit: null,
      date: { year: y, month: m, day: m === null ? null : d },
    })),
  fc
    .constantFrom('显著提高', '有效', '是', '一般', '达成预期指标')
    .map((t) => ({ text: t, kind: 'qualitative' as const, op: null, value: null, unit: null })),
  fc.constantFrom('≥90%?', '见附表', '1,2').map((t) => ({ text: t, kind: 'unknown' as const, op: null, value: null, unit: null })),
  fc.constant({ text: '—', kind: 'empty' as const, op: null, value: null, unit: null }),
);

const indicator = (row: number): fc.Arbitrary<IndicatorResult> =>
  fc
    .record({
      name: fc.constantFrom(...NAMES),
      l1: fc.constantFrom(...L1),
      t: value,
      a: value,
      status: fc.constantFrom<Status>('met', 'unmet', 'unknown'),
      w: fc.option(fc.integer({ min: 0, max: 30 })),
      score: fc.option(fc.double({ min: 0, max: 30, noNaN: true })),
      reason: fc.constantFrom(...REASONS),
      direction: fc.constantFrom('higher' as const, 'lower' as const, 'zero' as const, 'deadline' as const, 'qualitative' as const, null),
      ratio: fc.option(fc.double({ min: 0, max: 3, noNaN: true })),
      hasCells: fc.boolean(),
    })
    .map((x) => ({
      row,
      level1: x.l1,
      level2: null,
      name: x.name,
      target: x.t,
      actual: x.a,
      kind: x.t?.kind === 'qualitative' ? ('qualitative' as const) : ('quantitative' as const),
      status: x.status,
      weight: x.w,
      selfScore: x.score,
      score: x.score,
      reason: x.reason,
      direction: x.direction,
      effectiveTarget: x.t,
      targetFromStandard: false,
      ratio: x.ratio,
      cells: {
        name: 'B' + row,
        target: x.hasCells ? 'C' + row : null,
        actual: x.hasCells ? 'D' + row : null,
        weight: 'E' + row,
        score: 'F' + row,
        reason: x.reason === null ? null : 'G' + row,
      },
    }));

const table = (k: number): fc.Arbitrary<TableResult> =>
  fc
    .record({
      inds: fc
        .array(fc.integer({ min: 0, max: 1 }), { minLength: 0, maxLength: 14 })
        .chain((xs) => fc.tuple(...xs.map((_, i) => indicator(k * 100 + 10 + i)))),
      project: fc.option(fc.constantFrom('学前教育项目', '2020年义务教育(补助)项目', '教师培训')),
      budget: fc.option(
        fc.record({
          p: fc.double({ min: 0, max: 5e6, noNaN: true }),
          e: fc.double({ min: 0, max: 5e6, noNaN: true }),
          unit: fc.constantFrom('万元', '元'),
        }),
      ),
      score: fc.double({ min: 0, max: 100, noNaN: true }),
      year: fc.option(fc.constantFrom('2020', '2021年度', '年度')),
      findings: fc.array(
        fc.constantFrom(
          'low-execution',
          'over-achieved',
          'score-mismatch',
          'missing-reason',
          'total-mismatch',
          'weights-sum',
          'placeholder',
          'strange-code' as FindingCode,
        ),
        { maxLength: 5 },
      ),
    })
    .map((x) => ({
      title: null,
      project: x.project,
      department: '某县教育局',
      unit: null,
      year: x.year,
      headerRow: 9,
      endRow: 40,
      indicators: x.inds,
      budget: x.budget
        ? {
            row: k * 100 + 5,
            planned: x.budget.p,
            executed: x.budget.e,
            rate: x.budget.p ? x.budget.e / x.budget.p : null,
            weight: 10,
            selfScore: 10,
            score: 10,
            unit: x.budget.unit,
            initial: null,
            cells: { planned: 'C' + (k * 100 + 5), executed: 'D' + (k * 100 + 5), score: 'F' + (k * 100 + 5), rate: null },
            parts: [],
          }
        : null,
      goal: null,
      total: {
        weight: 100,
        selfScore: x.score,
        score: x.score,
        grade: '良' as const,
        sheetRow: null,
        sheetSelfScore: null,
        sheetSelfCell: null,
        pending: 0,
      },
      findings: x.findings.map((code, i) => ({
        row: x.inds.length ? x.inds[i % x.inds.length].row : null,
        cell: null,
        code,
        severity: 'warning' as const,
        message: '（测试）',
      })),
      level1Weights: {},
    }));

const result: fc.Arbitrary<EvaluationResult> = fc
  .array(fc.integer({ min: 1, max: 2 }), { minLength: 1, maxLength: 4 })
  .chain((sheets) =>
    fc.tuple(
      ...sheets.map((nt, si) =>
        fc.tuple(...Array.from({ length: nt }, (_, ti) => table(si * 2 + ti))).map((tables) => ({ sheet: `表${si + 1}`, tables })),
      ),
    ),
  )
  .map((sheets) => ({ file: 'x.xlsx', profile: 'national', sheets }));

test('random results: no throw, traced numbers, full-width punctuation, ≤ 2 stock phrases, deterministic, style check', () => {
  fc.assert(
    fc.property(result, fc.constantFrom('auto' as const, 'department' as const, 'project' as const), fc.boolean(), (r, outline, extra) => {
      const n = generateNarrative(r, { outline, extraSections: extra });
      const text = toText(n);
      expect(traceProblems(n, null)).toEqual([]);
      expect(text.match(/[,;:()?!]/g)).toBeNull();
      expect(stockPhraseCounts(text).filter((x) => x.count > 2)).toEqual([]);
      expect(generateNarrative(r, { outline, extraSections: extra })).toEqual(n);
      expect(styleCheck(n, null, { boilerplate: extra })).toEqual([]);
    }),
    { numRuns: Number(process.env.FC_RUNS ?? 300), seed: Number(process.env.FC_SEED ?? 20240601) },
  );
});
