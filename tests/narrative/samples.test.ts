// The narrative of the two bundled sample workbooks (examples/), through the real engine: the seed
// report's figures, the gap rules, the number trace, and golden files.
//
// Golden files (tests/narrative/golden/*.txt) are reviewed by reading them. After a deliberate change
// of the engine or the wording, regenerate them with:  UPDATE_GOLDEN=1 npx jest tests/narrative

import * as fs from 'fs';
import * as path from 'path';
import { evaluateWorkbook } from '../../src/core/evaluate';
import { EvaluationResult } from '../../src/core/types';
import { readWorkbookFile } from '../../src/hosts/file/node';
import { generateNarrative, NarrativeOptions } from '../../src/narrative/generate';
import { toText } from '../../src/narrative/render';
import { partSentences, stockPhraseCounts, traceProblems, unmetProblems } from './helpers';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const GOLDEN = path.join(__dirname, 'golden');

async function evaluate(file: string): Promise<EvaluationResult> {
  const { snapshot } = await readWorkbookFile(path.join(EXAMPLES, file));
  return evaluateWorkbook(snapshot, { file });
}

function firstTable(r: EvaluationResult): EvaluationResult {
  return { ...r, sheets: [{ sheet: r.sheets[0].sheet, tables: [r.sheets[0].tables[0]] }] };
}

function golden(name: string, actual: string): void {
  const file = path.join(GOLDEN, name);
  const missing = !fs.existsSync(file);
  // Under CI a missing golden file is a failure (it would otherwise be written and compared with itself).
  if (missing && process.env.CI && !process.env.UPDATE_GOLDEN) {
    throw new Error(`golden file ${path.relative(process.cwd(), file)} is missing: write it with UPDATE_GOLDEN=1 npx jest tests/narrative, read it, commit it`);
  }
  if (process.env.UPDATE_GOLDEN || missing) {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, actual);
  }
  expect(actual).toBe(fs.readFileSync(file, 'utf8'));
}

let shenze: EvaluationResult;
let gaps: EvaluationResult;

beforeAll(async () => {
  shenze = await evaluate('shenze-2020.xlsx');
  gaps = await evaluate('gaps-sample.xlsx');
});

describe('seed sample (shenze-2020.xlsx)', () => {
  test('二 states the seed report figures, each in a sentence about its indicator', () => {
    const part2 = partSentences(generateNarrative(shenze), '二、');
    const wanted: [string, RegExp][] = [
      ['400元', /生均/],
      ['112万元', /公用经费/],
      ['24.5万元', /困难学生/],
      ['4150平方米', /校舍/],
      ['685元', /小学/],
      ['885元', /初中/],
      ['100%', /到位率/],
      ['10336', /营养改善/],
      ['2.5元', /补助标准/],
      ['290套', /教学设备/],
      ['79.7万元', /助学金/],
      ['306人', /招生/],
      ['333.18万元', /教龄补助/],
      ['40万元', /培训/],
      ['7005人次', /培训/],
      ['60人', /招聘/],
      ['95%', /满意度/],
    ];
    const missing = wanted.filter(([fig, about]) => !part2.some((s) => s.text.indexOf(fig) >= 0 && about.test(s.text) && s.figures.some((f) => f.text.indexOf(fig) === 0)));
    expect(missing.map(([f]) => f)).toEqual([]);
  });
});

describe.each([
  ['shenze-2020 department', () => shenze, {} as NarrativeOptions, 'shenze-2020.department.txt'],
  ['gaps-sample department', () => gaps, { extraSections: true } as NarrativeOptions, 'gaps-sample.department.txt'],
  ['gaps-sample first table, project outline', () => firstTable(gaps), {} as NarrativeOptions, 'gaps-sample.project.txt'],
  ['shenze-2020 first table, project outline', () => firstTable(shenze), {} as NarrativeOptions, 'shenze-2020.project.txt'],
])('%s', (_label, result, opts, goldenName) => {
  test('unmet rows in 二 and 三 with target, actual and reason (or that it is missing)', () => {
    const r = result();
    const n = generateNarrative(r, opts);
    const parts = n.outline === 'department' ? ['二、', '三、'] : ['一、'];
    expect(unmetProblems(n, r, parts)).toEqual([]);
  });

  test('number trace against the engine result', () => {
    const r = result();
    expect(traceProblems(generateNarrative(r, opts), r)).toEqual([]);
  });

  test('conventions: no stock phrase > 2, full-width punctuation', () => {
    const text = toText(generateNarrative(result(), opts));
    expect(stockPhraseCounts(text).filter((x) => x.count > 2)).toEqual([]);
    expect(text.match(/[,;:()?!]/g)).toBeNull();
  });

  test('golden file', () => {
    const n = generateNarrative(result(), opts);
    golden(goldenName, toText(n));
  });
});

test('gaps sample: no full-completion judgement', () => {
  const text = toText(generateNarrative(gaps));
  expect(text).not.toContain('年度各项目标任务全部完成');
  expect(text).toMatch(/项未达到/);
});
