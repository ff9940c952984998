// The style check over every workbook at hand: the samples (examples/), the corpus workbooks (every .xlsx
// under tests/corpus: the LibreOffice re-saved copies, which tests/corpus asserts evaluate exactly like the
// generated originals) and the hand-built fixtures, through both
// outlines and both score choices. More workbooks for a local run: JIXIAO_STYLE_WORKBOOKS=a.xlsx:b.xlsx.

import * as fs from 'fs';
import * as path from 'path';
import { evaluateWorkbook } from '../../src/core/evaluate';
import { EvaluationResult } from '../../src/core/types';
import { readWorkbookFile } from '../../src/hosts/file/node';
import { generateNarrative, NarrativeOptions } from '../../src/narrative/generate';
import { toText } from '../../src/narrative/render';
import { allMetResult, gapsResult, single } from './fixtures';
import { styleCheck } from './style';

const ROOT = path.join(__dirname, '..', '..');

function xlsxUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...xlsxUnder(p));
    else if (/\.xlsx$/i.test(e.name) && !e.name.startsWith('~$')) out.push(p);
  }
  return out.sort();
}

/** The workbooks the style check runs on. */
export function styleWorkbooks(): string[] {
  const extra = (process.env.JIXIAO_STYLE_WORKBOOKS ?? '').split(path.delimiter).filter(Boolean);
  return [
    path.join(ROOT, 'examples', 'shenze-2020.xlsx'),
    path.join(ROOT, 'examples', 'gaps-sample.xlsx'),
    ...xlsxUnder(path.join(ROOT, 'tests', 'corpus')),
    ...extra,
  ];
}

const VARIANTS: [string, NarrativeOptions][] = [
  ['department, self-scores', { outline: 'department' }],
  ['department, computed scores', { outline: 'department', score: 'computed' }],
  ['project, self-scores', { outline: 'project' }],
  ['project, computed scores', { outline: 'project', score: 'computed' }],
];

function check(r: EvaluationResult, opts: NarrativeOptions): string[] {
  const n = generateNarrative(r, opts);
  return styleCheck(n, r, { boilerplate: !!opts.extraSections });
}

/** Each table on its own, through the project outline (the one-project report of each table). */
function eachTable(r: EvaluationResult): EvaluationResult[] {
  return r.sheets.flatMap((s) => s.tables.map((t) => ({ ...r, sheets: [{ sheet: s.sheet, tables: [t] }] })));
}

describe.each(styleWorkbooks().map((f) => [path.relative(ROOT, f), f]))('style check: %s', (_label, file) => {
  let result: EvaluationResult;
  beforeAll(async () => {
    const { snapshot } = await readWorkbookFile(file);
    result = evaluateWorkbook(snapshot, { file: path.basename(file) });
  });

  test.each(VARIANTS)('%s', (_v, opts) => {
    expect(check(result, opts)).toEqual([]);
  });

  test('every table as a one-project report', () => {
    const problems = eachTable(result).flatMap((r) => check(r, { outline: 'project' }).map((p) => `${r.sheets[0].sheet}: ${p}`));
    expect(problems).toEqual([]);
  });

  test('deterministic', () => {
    expect(toText(generateNarrative(result))).toBe(toText(generateNarrative(result)));
  });
});

describe.each([
  ['all met', allMetResult],
  ['gaps', gapsResult],
  ['gaps, one table', () => single(gapsResult())],
  ['gaps, second table', () => single(gapsResult(), 1)],
] as [string, () => EvaluationResult][])('style check, fixture: %s', (_label, make) => {
  test.each(VARIANTS)('%s', (_v, opts) => {
    expect(check(make(), opts)).toEqual([]);
  });
});

describe('the style check fails on what it should', () => {
  const n = generateNarrative(gapsResult());
  const r = gapsResult();
  const withText = (text: string) => {
    const m = JSON.parse(JSON.stringify(n));
    m.sections[2].paragraphs = [{ sentences: [{ text, refs: [], figures: [], quotes: [] }] }];
    return styleCheck(m, null);
  };

  test.each([
    ['a comparison symbol', '目标值≥1200人。', /comparison symbol/],
    ['a doubled unit', '教师培训人次7005人次。', /doubled unit/],
    ['a quoted qualitative value', '满意度为“满意”。', /quoted value/],
    ['a stock phrase more than twice', '此外，甲。此外，乙。此外，丙。', /connective/],
    ['half-width punctuation between Chinese characters', '甲,乙。', /half-width/],
    ['an editor marker', '【以下为通用表述，请结合实际修改】', /editor marker/],
    ['a paragraph opening with a conjunction', '但艾滋病检测人数未达到年度目标。', /conjunction/],
    ['a number that traces to no cell', '共计5000人。', /untraced/],
  ])('%s', (_label, text, want) => {
    expect(withText(text).some((p) => want.test(p))).toBe(true);
  });

  test('a computed score called 自评得分', () => {
    const m = JSON.parse(JSON.stringify(n));
    m.sections[2].paragraphs = [
      {
        sentences: [
          {
            text: '自评得分88.69分。',
            refs: [],
            figures: [
              {
                text: '88.69分',
                value: 88.69,
                source: 'score',
                refs: [{ sheet: 'x', cell: 'A1' }],
                rule: '总分 = Σ 各指标按评分规则核算的得分',
              },
            ],
            quotes: [],
          },
        ],
      },
    ];
    expect(styleCheck(m, null).some((p) => /called 自评/.test(p))).toBe(true);
  });

  test('the generated report passes', () => {
    expect(styleCheck(n, r)).toEqual([]);
  });
});
