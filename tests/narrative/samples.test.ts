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
import { styleCheck } from './style';
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
    throw new Error(
      `golden file ${path.relative(process.cwd(), file)} is missing: write it with UPDATE_GOLDEN=1 npx jest tests/narrative, read it, commit it`,
    );
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
    const missing = wanted.filter(
      ([fig, about]) =>
        !part2.some((s) => s.text.indexOf(fig) >= 0 && about.test(s.text) && s.figures.some((f) => f.text.indexOf(fig) === 0)),
    );
    expect(missing.map(([f]) => f)).toEqual([]);
  });
});

describe.each([
  ['shenze-2020 department', () => shenze, {} as NarrativeOptions, 'shenze-2020.department.txt'],
  ['gaps-sample department', () => gaps, { extraSections: true } as NarrativeOptions, 'gaps-sample.department.txt'],
  ['gaps-sample first table, project outline', () => firstTable(gaps), {} as NarrativeOptions, 'gaps-sample.project.txt'],
  ['shenze-2020 first table, project outline', () => firstTable(shenze), {} as NarrativeOptions, 'shenze-2020.project.txt'],
])('%s', (_label, result, opts, goldenName) => {
  test('unmet rows: target and actual in 二, the cause (or that it is to be analysed) in 三', () => {
    const r = result();
    const n = generateNarrative(r, opts);
    if (n.outline === 'department') expect(unmetProblems(n, r, ['二、'], ['三、'])).toEqual([]);
    else expect(unmetProblems(n, r, ['一、'], ['一、'])).toEqual([]);
  });

  test('style check', () => {
    const r = result();
    expect(styleCheck(generateNarrative(r, opts), r, { boilerplate: !!opts.extraSections })).toEqual([]);
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

describe('scores named right (gaps sample: the forms say 92.6 and 100, the rules give 88.69 and 100)', () => {
  test("the report states the forms' own 自评得分; the pane notices name the 核算得分 that differs", () => {
    const n = generateNarrative(gaps);
    const overview = partSentences(n, '一、')
      .map((s) => s.text)
      .join('');
    expect(overview).toContain('基本公共卫生服务项目92.6分');
    expect(overview).toMatch(/健康扶贫医疗救助项目均为100分/);
    expect(overview).not.toContain('88.69');
    expect(n.notices.join('')).toContain('按评分规则核算为88.69分');
    // 健康扶贫: its budget row cannot be scored (年度资金总额 left at 0), so it counts with its self-score: 100 = 100, no notice.
    expect(n.notices).toHaveLength(1);
  });

  test('the 核算得分 when chosen, called so', () => {
    const n = generateNarrative(gaps, { score: 'computed' });
    const overview = partSentences(n, '一、')
      .map((s) => s.text)
      .join('');
    expect(overview).toContain('按评分规则核算得分');
    expect(overview).toContain('基本公共卫生服务项目88.69分（良）');
    expect(overview).not.toMatch(/自评得分/);
    expect(n.notices.join('')).toContain('自评表填写的自评得分为92.6分');
  });

  test('the seed sample: scores and budgets once, aggregated', () => {
    const text = toText(generateNarrative(shenze));
    expect(text).toContain('7个项目自评得分均为100分，等级均为优');
    expect(text.split('100分').length - 1).toBe(1);
    expect(text.split('预算执行率').length - 1).toBe(1);
    expect(generateNarrative(shenze).notices).toEqual([]);
  });

  test('headings and the opening paragraph from the settings', () => {
    const n = generateNarrative(shenze, {
      headings: { 'department.problems': '工作举措', 'department.overview': '' },
      opening: '为切实做好2020年度部门整体绩效自评工作，成立了绩效管理工作领导小组。',
    });
    const text = toText(n);
    expect(text).toContain('三、工作举措');
    expect(text).toContain('一、总体绩效目标实现情况');
    expect(text.split('\n')[2]).toBe('为切实做好2020年度部门整体绩效自评工作，成立了绩效管理工作领导小组。');
    expect(toText(generateNarrative(shenze))).not.toContain('为切实做好');
  });
});
