// The gaps sample: every deliberate gap is found at its row with the right code, and the traps
// (cases a careless checker would flag) are not. The list of gaps comes from the generator itself.

import ExcelJS from 'exceljs';
import { buildGapsWorkbook, GapEntry } from '../../examples/generate';
import { snapshotWorkbook } from '../../src/hosts/file/xlsx';
import { evaluateWorkbook } from '../../src/core/evaluate';
import { findProfile } from '../../src/core/data/profiles';
import { EvaluationResult, Finding, FindingCode } from '../../src/core/types';
import { parseAddress } from '../../src/core/snapshot';

const EXPECTED: Record<string, FindingCode[]> = {
  'fund-total-mismatch': ['fund-mismatch'],
  'low-execution': ['low-execution'],
  'level1-weight-mismatch': ['weights-sum'],
  'weights-not-100': ['weights-sum'],
  'over-completion': ['over-achieved'],
  'unmet-no-reason': ['missing-reason', 'unmet'],
  placeholder: ['placeholder'],
  'target-copied': ['actual-as-target'],
  'junk-actual': ['unparsed'],
  'score-contradicts-completion': ['missing-reason'],
  // 5 vs 4.69 is under the 0.5 tolerance: no score-mismatch, but the lost points need a reason.
  'reverse-missed': ['missing-reason', 'unmet'],
  'score-above-weight': ['score-over-weight'],
  'qualitative-out-of-band': ['qualitative-band', 'missing-reason'],
  'lax-target': ['below-standard'],
  'wrong-total': ['total-mismatch'],
  'wrong-grade': ['grade-mismatch'],
  'fund-total-zero': ['fund-mismatch'],
};

let result: EvaluationResult;
let gaps: GapEntry[];

async function evaluate(wb: ExcelJS.Workbook, profile = 'national'): Promise<EvaluationResult> {
  // Through a real .xlsx round trip: what the file host reads is what a user's file gives.
  const buf = await wb.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buf as ArrayBuffer);
  return evaluateWorkbook(snapshotWorkbook(back, 'gaps.xlsx'), { profile: findProfile(profile)! });
}

beforeAll(async () => {
  const built = buildGapsWorkbook();
  gaps = built.gaps;
  result = await evaluate(built.workbook);
});

function findingsInRow(sheet: string, row: number): Finding[] {
  const s = result.sheets.find((x) => x.sheet === sheet);
  return s ? s.tables.flatMap((t) => t.findings.filter((f) => f.row === row)) : [];
}

test('every deliberate gap is reported at its row with the expected codes', () => {
  const gapsToFind = gaps.filter((g) => !g.clean);
  expect(gapsToFind.length).toBeGreaterThan(15);
  for (const g of gapsToFind) {
    const row = parseAddress(g.cell)!.row;
    const codes = findingsInRow(g.sheet, row).map((f) => f.code);
    const expected = EXPECTED[g.kind];
    expect({ gap: g.kind, cell: g.cell, expected }).toEqual({
      gap: g.kind,
      cell: g.cell,
      expected: expected && expected.filter((c) => codes.includes(c)),
    });
  }
});

test('the traps are not flagged as errors or warnings', () => {
  for (const g of gaps.filter(
    (x) => x.clean && x.kind !== 'second-table-follows' && x.kind !== 'unmet-with-reason' && x.kind !== 'qualitative-in-band',
  )) {
    const row = parseAddress(g.cell)!.row;
    // A row can hold a trap and a real gap (row 13: mild over-completion, and the 一级 weight check).
    const owned = gaps.filter((x) => !x.clean && x.sheet === g.sheet && parseAddress(x.cell)!.row === row).flatMap((x) => EXPECTED[x.kind]);
    const bad = findingsInRow(g.sheet, row).filter((f) => f.severity !== 'info' && !owned.includes(f.code));
    expect({ gap: g.kind, bad }).toEqual({ gap: g.kind, bad: [] });
  }
  // An unmet row with a reason, and a qualitative row scored inside its band: reported as unmet, nothing more.
  for (const kind of ['unmet-with-reason', 'qualitative-in-band']) {
    const g = gaps.find((x) => x.kind === kind)!;
    expect(findingsInRow(g.sheet, parseAddress(g.cell)!.row).map((f) => f.code)).toEqual(['unmet']);
  }
  // The first table on the stacked sheet is clean.
  const stacked = result.sheets.find((s) => s.sheet === '计生与健康扶贫')!;
  expect(stacked.tables[0].findings.filter((f) => f.severity !== 'info')).toEqual([]);
});

test('scores by the rule, arithmetic by hand', () => {
  const t = result.sheets[0].tables[0];
  const row = (n: number) => t.indicators.find((i) => i.row === n)!;
  expect(row(15).score).toBe(4.5); // 1080/1200 × 5 = 4.5
  expect(row(16).score).toBe(4.6); // 4600/5000 × 5 = 4.6
  expect(row(22).score).toBe(4.69); // reverse: 90/96 × 5 = 4.6875 → 4.69
  expect(row(24).score).toBe(8); // partial, self 9 outside 6–8 → band top 8
  expect(row(26).score).toBe(3.5); // partial, self 3.5 inside 3–4 → kept
  expect(row(25).score).toBe(row(25).weight); // zero target met
  // budget: 420/500 = 0.84 × 10 = 8.4
  expect(t.budget!.rate).toBe(0.84);
  expect(t.budget!.score).toBe(8.4);
  expect(t.total.grade).toBe('良');
});

test('the Guangxi profile makes an unexplained over-completion an error at 130 %', async () => {
  const r = await evaluate(buildGapsWorkbook().workbook, 'guangxi');
  const f = r.sheets[0].tables[0].findings.find((x) => x.code === 'over-achieved')!;
  expect(f.cell).toBe('F14');
  expect(f.severity).toBe('error');
});
