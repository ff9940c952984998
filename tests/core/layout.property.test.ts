// No grid, however odd, makes layout detection or evaluation throw (issue #2 §6).

import fc from 'fast-check';
import { evaluateWorkbook } from '../../src/core/evaluate';
import { planWrites } from '../../src/core/plan';
import { Cell, SheetSnapshot } from '../../src/core/snapshot';
import { INDICATOR_HEADERS, TOTAL_ROW_LABELS, FUND_TOTAL_LABELS, BUDGET_HEADERS } from '../../src/core/data/headers';

// Header words and domain values are mixed into random text so that tables are actually found
// (and half-found) often, not only in theory.
const words = [
  ...INDICATOR_HEADERS.flatMap((h) => h.words),
  ...BUDGET_HEADERS.flatMap((h) => h.words),
  ...TOTAL_ROW_LABELS,
  ...FUND_TOTAL_LABELS,
  '产出指标(50分)',
  '数量指标',
  '指标1：',
  '……',
  '其中：当年财政拨款',
  '项目名称',
  '（2020年度）',
  '≥95%',
  '100%',
  '≤90万元',
  '2020年12月底前完成',
  '有效',
  '一般',
  '—',
  '0',
  '=SUM(A1)',
  '指标性质',
  '度量单位',
];

const cell: fc.Arbitrary<Cell | null> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.constantFrom(...words).map((w) => ({ v: w, t: w })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map((s) => ({ v: s, t: s })) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.double({ noNaN: false }), fc.constantFrom(undefined, '0%', '0.00%', 'yyyy/m/d', '0.00', '@'))
      .map(([v, f]) => ({ v, t: String(v), f })),
  },
  { weight: 1, arbitrary: fc.boolean().map((b) => ({ v: b, t: String(b) })) },
);

const sheet: fc.Arbitrary<SheetSnapshot> = fc
  .tuple(
    fc.array(fc.array(cell, { maxLength: 10 }), { maxLength: 25 }),
    fc.array(fc.tuple(fc.nat(30), fc.nat(12), fc.nat(4), fc.nat(4)), { maxLength: 6 }),
    fc.integer({ min: 1, max: 5 }),
    fc.integer({ min: 1, max: 3 }),
  )
  .map(([rows, ms, top, left]) => ({
    name: 'S',
    rows,
    top,
    left,
    // Merges may overlap or lie outside the data: hosts never send that, but nothing may throw on it.
    merges: ms.map(([r, c, h, w]) => ({ top: r + 1, left: c + 1, bottom: r + 1 + h, right: c + 1 + w })),
  }));

test('random grids: detection, evaluation and planning never throw', () => {
  fc.assert(
    fc.property(fc.array(sheet, { minLength: 1, maxLength: 3 }), (sheets) => {
      const r = evaluateWorkbook({ sheets: sheets.map((s, i) => ({ ...s, name: `S${i}` })) });
      planWrites(r);
      for (const s of r.sheets)
        for (const t of s.tables) {
          expect(t.total.score === null ? t.total.grade === null : Number.isFinite(t.total.score) && t.total.grade !== null).toBe(true);
          for (const i of t.indicators) expect(['met', 'unmet', 'unknown']).toContain(i.status);
        }
    }),
    { numRuns: 400 },
  );
});

test('a grid that is a table header followed by random rows is found as a table', () => {
  const header = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
  fc.assert(
    fc.property(fc.array(fc.array(cell, { minLength: 8, maxLength: 8 }), { maxLength: 15 }), (rows) => {
      const grid = [header.map((h) => ({ v: h, t: h })), ...rows];
      const r = evaluateWorkbook({ sheets: [{ name: 'T', rows: grid, top: 1, left: 1, merges: [] }] });
      expect(r.sheets).toHaveLength(1);
      // A head with rows under it is a table; with nothing under it, one empty-table note and no project.
      const s = r.sheets[0];
      const heads = [
        ...s.tables.map((t) => t.headerRow),
        ...(s.notes ?? []).filter((n) => n.code === 'empty-table').map((n) => n.row ?? 0),
      ];
      expect(Math.min(...heads)).toBe(1);
    }),
    { numRuns: 200 },
  );
});
