import { IndicatorResult } from '../../src/core/types';
import { generateNarrative } from '../../src/narrative/generate';
import { Narrative, Sentence } from '../../src/narrative/model';
import { toText } from '../../src/narrative/render';
import { DEFAULT_PHRASEBOOK, STOCK_PHRASE_MIN, literalRuns } from '../../src/narrative/templates';
import { allMetResult, gapsResult, single } from './fixtures';
import { modelLines, partSentences, stockPhraseCounts, traceProblems, unmetProblems } from './helpers';

const CASES: { label: string; make: () => ReturnType<typeof allMetResult>; opts?: Parameters<typeof generateNarrative>[1] }[] = [
  { label: 'all met, department', make: allMetResult },
  { label: 'all met, department, extra sections', make: allMetResult, opts: { extraSections: true } },
  { label: 'gaps, department', make: gapsResult },
  { label: 'all met, project', make: () => single(allMetResult()) },
  { label: 'gaps, project', make: () => single(gapsResult()), opts: { extraSections: true } },
  { label: 'gaps, second table, project', make: () => single(gapsResult(), 1) },
  { label: 'all met forced to project outline', make: allMetResult, opts: { outline: 'project' } },
  { label: 'one table forced to department outline', make: () => single(gapsResult()), opts: { outline: 'department' } },
];

function headings(n: Narrative): string[] {
  return n.sections.map((s) => s.heading);
}

function rowsOf(r: ReturnType<typeof allMetResult>): { sheet: string; ind: IndicatorResult }[] {
  const out: { sheet: string; ind: IndicatorResult }[] = [];
  for (const s of r.sheets) for (const t of s.tables) for (const ind of t.indicators) out.push({ sheet: s.sheet, ind });
  return out;
}

function aboutRow(sentences: Sentence[], sheet: string, ind: IndicatorResult): Sentence[] {
  return sentences.filter((s) => s.refs.some((r) => r.sheet === sheet && r.cell === ind.cells.name));
}

describe('department outline', () => {
  const n = generateNarrative(allMetResult());

  test('sections: 一 总体, 二 分项 with one （n） per table titled from the sheet, 三 问题', () => {
    expect(n.outline).toBe('department');
    expect(n.title).toBe('深泽县教育局2020年度部门绩效自评工作报告');
    expect(headings(n)).toEqual([
      '一、总体绩效目标实现情况',
      '二、分项绩效目标实现情况',
      '（一）扩大学前教育资源项目',
      '（二）城乡义务教育经费保障机制',
      '（三）普通高中教育质量提升计划',
      '（四）现代职业教育发展项目',
      '（五）教师队伍建设项目',
      '三、存在的问题及改进措施',
    ]);
    expect(n.sections.map((s) => s.level)).toEqual([1, 1, 2, 2, 2, 2, 2, 1]);
    expect(n.sections.some((s) => s.editable)).toBe(false);
  });

  test('extra sections only on request, marked editable', () => {
    const x = generateNarrative(allMetResult(), { extraSections: true });
    const last = x.sections[x.sections.length - 1];
    expect(last.heading).toBe('四、自评结果应用');
    expect(last.editable).toBe(true);
  });

  test('overview states counts, budget, scores and the full-completion judgement', () => {
    const text = toText(n);
    expect(text).toContain('对5个项目开展了绩效自评，共评价绩效指标30项，各项指标均达到年度指标值');
    expect(text).toContain('全年预算数合计1309.9万元，全年执行数合计1287万元，预算执行率98.25%');
    expect(text).toContain(
      '扩大学前教育资源项目、普通高中教育质量提升计划、现代职业教育发展项目和教师队伍建设项目均为100分，城乡义务教育经费保障机制99.8分，等级均为优',
    );
    expect(text).toContain('年度各项目标任务全部完成');
    expect(text).toContain('各项绩效目标均已完成，未发现需要说明的问题。');
  });

  test('results grouped 产出 → 效益 → 满意度 without printing the labels', () => {
    const sec = n.sections.find((s) => s.heading === '（二）城乡义务教育经费保障机制')!;
    const text = sec.paragraphs.map((p) => p.sentences.map((s) => s.text).join('')).join('');
    const pos = (w: string) => text.indexOf(w);
    expect(pos('到位率')).toBeLessThan(pos('10336名'));
    expect(pos('10336名')).toBeLessThan(pos('综合满意度'));
    expect(text).not.toMatch(/产出指标|效益指标|满意度指标/);
  });

  test('the seed report figures, each in a sentence about its indicator', () => {
    const part2 = partSentences(n, '二、');
    const expectIn = (name: string, figure: string) => {
      const s = part2.find((x) => x.text.indexOf(name) >= 0 && x.text.indexOf(figure) >= 0);
      expect(`${name} ${figure}: ${s ? 'found' : 'missing'}`).toBe(`${name} ${figure}: found`);
    };
    expectIn('拨付学前公用经费', '112万元');
    expectIn('学前家庭经济困难学生补助资金', '24.5万元');
    expectIn('维修学前校舍', '4150平方米');
    expectIn('生均公用经费拨款标准', '400元');
    expectIn('小学生均公用经费', '685元');
    expectIn('初中生均公用经费', '885元');
    expectIn('补助资金到位率', '100%');
    expectIn('农村小学学生', '10336名');
    expectIn('生均补助标准', '2.5元');
    expectIn('购置教学设备', '290套');
    expectIn('高中助学金', '79.7万元');
    expectIn('招生', '306人');
    expectIn('教龄补助', '333.18万元');
    expectIn('教师培训费', '40万元');
    expectIn('培训', '7005人次');
    expectIn('公开招聘教师', '60人');
    expectIn('综合满意度', '95%');
    expectIn('教师满意度', '92.5%');
  });

  test('template prefixes are stripped from indicator names', () => {
    const text = toText(n);
    expect(text).not.toContain('指标1');
    expect(text).toContain('学前家庭经济困难学生补助资金');
    expect(text).not.toMatch(/1\.生均/);
  });
});

describe('gaps', () => {
  const r = gapsResult();
  const n = generateNarrative(r);
  const text = toText(n);

  test('no full-completion judgement; the counts say what is short', () => {
    expect(text).not.toContain('全部完成');
    expect(text).toContain('6项未达到');
    expect(text).toContain('2项完成情况待核实');
  });

  test('every unmet row: target and actual in 二, cause (or that it is to be analysed) in 三, said once there', () => {
    const unmet = rowsOf(r).filter((x) => x.ind.status === 'unmet');
    expect(unmet.length).toBe(6);
    expect(unmetProblems(n, r, ['二、'], ['三、'])).toEqual([]);
    const part3 = n.sections.find((x) => x.ordinal === '三、')!.paragraphs[0].sentences;
    for (const { sheet, ind } of unmet) expect([ind.name, aboutRow(part3, sheet, ind).length]).toEqual([ind.name, 1]);
  });

  test('shortfall sentences follow the report style', () => {
    expect(text).toContain('营养餐供应覆盖率94.6%，未达到95%的年度目标，扣1分。');
    expect(text).toContain('部分偏远教学点道路施工，配送车辆无法到达，营养餐供应覆盖率未达到年度目标');
    expect(text).toContain('集中培训推迟至12月举办');
    expect(text).toContain('2021年12月完成集中培训，未达到2021年10月底前完成的时限要求');
  });

  test('a reason of "0" counts as missing; no cause is invented', () => {
    const part3 = partSentences(n, '三、')
      .map((s) => s.text)
      .join('');
    expect(part3).toMatch(/人均培训成本未达到年度目标，偏差原因有待进一步分析/);
  });

  test('unknown rows say 待核实 in 二 and print no invented figure', () => {
    for (const { sheet, ind } of rowsOf(r).filter((x) => x.ind.status === 'unknown')) {
      const about = aboutRow(partSentences(n, '二、'), sheet, ind);
      expect(about.length).toBe(1);
      for (const s of about) {
        expect(s.text).toContain('待核实');
        expect(s.figures.filter((f) => f.refs.some((c) => c.cell === ind.cells.actual))).toEqual([]);
      }
    }
    expect(text).toContain('参训教师人数');
    expect(text).not.toContain('“见附表”');
  });

  test('三 lists low execution and over-achievement once each, and no form-filling findings', () => {
    const part3 = partSentences(n, '三、')
      .map((s) => s.text)
      .join('');
    expect(part3).toContain('支出进度偏慢');
    expect(part3).toContain('受益学生人数的实际完成值大幅超过年度指标值');
    expect(part3.split('受益学生人数').length).toBe(2);
    expect(part3).not.toMatch(/自评得分|核算|分值|未填写|需核实|模板占位行/);
  });
});

describe('project outline', () => {
  test('auto for a single table, with the 自评报告 outline', () => {
    const n = generateNarrative(single(gapsResult()));
    expect(n.outline).toBe('project');
    expect(n.title).toBe('农村义务教育学生营养改善计划2021年度绩效自评报告');
    expect(headings(n)).toEqual([
      '一、自评结论',
      '（一）自评得分',
      '（二）绩效目标完成情况',
      '1.执行率情况',
      '2.完成的绩效目标',
      '3.未完成的绩效目标',
      '（三）存在的问题和原因分析',
      '（四）下一步拟改进措施及有关建议',
    ]);
    expect(n.sections.map((s) => s.level)).toEqual([1, 2, 2, 3, 3, 3, 2, 2]);
    const text = toText(n);
    expect(text).toContain('自评得分76.87分，等级为中');
    expect(text).toContain('预算执行率80%');
    // measures come only from the sheet's reasons
    const measures = n.sections[7].paragraphs.map((p) => p.sentences.map((s) => s.text).join('')).join('');
    expect(measures).toContain('下一步，将协调交通部门');
  });

  test('no measures in the sheet: a general commitment, no editor marker', () => {
    const r = single(gapsResult());
    for (const ind of r.sheets[0].tables[0].indicators) ind.reason = null;
    const n = generateNarrative(r);
    const s = n.sections.find((x) => x.heading.indexOf('下一步') >= 0)!;
    expect(s.editable).toBeUndefined();
    expect(s.paragraphs[0].sentences[0].text).toContain('将逐项分析偏差原因');
    expect(toText(n)).not.toMatch(/【|请结合/);
  });

  test('all met: neutral problem sentence, no invented measures', () => {
    const n = generateNarrative(single(allMetResult()), { extraSections: true });
    const text = toText(n);
    expect(text).toContain('无未完成的绩效目标。');
    expect(text).toContain('各项绩效目标均已完成，未发现需要说明的问题。');
    expect(headings(n).slice(-2)).toEqual(['二、佐证材料', '三、自评结果应用']);
    expect(n.sections.slice(-2).every((s) => s.editable)).toBe(true);
  });

  test('options override department and year; outline can be forced', () => {
    const n = generateNarrative(allMetResult(), { department: '某某县教育局', year: '2021年', outline: 'department' });
    expect(n.title).toBe('某某县教育局2021年度部门绩效自评工作报告');
    const p = generateNarrative(allMetResult(), { outline: 'project' });
    expect(p.outline).toBe('project');
    expect(p.title).toBe('扩大学前教育资源项目2020年度绩效自评报告');
  });
});

describe.each(CASES)('rules: $label', ({ make, opts }) => {
  const r = make();
  const n = generateNarrative(r, opts);
  const text = toText(n);

  test('toText is exactly the model (title, headings, paragraphs)', () => {
    expect(text).toBe([n.title, '', ...modelLines(n).slice(1)].join('\n') + '\n');
  });

  test('number trace: every number is a figure of its sentence (cell value or documented computation)', () => {
    expect(traceProblems(n, r)).toEqual([]);
  });

  test('figures of computations carry their rule', () => {
    for (const p of n.sections.flatMap((s) => s.paragraphs))
      for (const s of p.sentences) for (const f of s.figures) if (f.source !== 'cell') expect([f.text, !!f.rule]).toEqual([f.text, true]);
  });

  test('no stock phrase more than twice', () => {
    expect(stockPhraseCounts(text).filter((x) => x.count > 2)).toEqual([]);
  });

  test('no half-width , ; : ( ) ? ! in the text', () => {
    expect(text.match(/[,;:()?!]/g)).toBeNull();
  });

  test('deterministic', () => {
    expect(generateNarrative(make(), opts)).toEqual(n);
  });

  test('every sentence carries its cells', () => {
    for (const sec of n.sections)
      for (const p of sec.paragraphs)
        for (const s of p.sentences)
          if (s.figures.length || s.quotes.some((q) => q.source === 'cell')) expect([s.text, s.refs.length > 0]).toEqual([s.text, true]);
  });
});

describe('phrasebook data', () => {
  // Lists the generator may use many times in one report: each needs a variant without stock phrases.
  const book = DEFAULT_PHRASEBOOK;
  const repeatable: [string, string[]][] = [];
  const I = book.indicator;
  for (const [type, v] of Object.entries(I.result)) repeatable.push([`indicator.result.${type}`, v]);
  for (const k of ['resultNoWords', 'resultUnmet', 'resultNameWithNumber', 'deadlineNoWords', 'same', 'unknown'] as const)
    repeatable.push([`indicator.${k}`, I[k]]);
  // Said once per row and never varied (every indicator of a kind said the same way): no stock phrase at all.
  I.names.forEach((p, i) => repeatable.push([`indicator.names[${i}]`, [p.template]]));
  for (const [k, v] of Object.entries(I.compare)) repeatable.push([`indicator.compare.${k}`, [v]]);
  for (const [g, v] of Object.entries(book.project.groupLead)) repeatable.push([`project.groupLead.${g}`, v]);
  const D = book.department;
  repeatable.push(
    ['department.sectionLead', D.sectionLead],
    ['department.tableNoIndicators', D.tableNoIndicators],
    ['department.lowExecution', D.lowExecution],
  );
  repeatable.push(['problems.cause', book.problems.cause], ['problems.enumerate', book.problems.enumerate]);
  repeatable.push(
    ['scores.item', book.scores.item],
    ['scores.itemGrade', book.scores.itemGrade],
    ['scores.sameItems', book.scores.sameItems],
  );
  repeatable.push(['project.breakdownGroup', book.project.breakdownGroup]);

  test.each(repeatable)('%s has a variant free of stock phrases', (_k, variants) => {
    expect(variants.some((v) => literalRuns(v).every((r) => Array.from(r).length < STOCK_PHRASE_MIN))).toBe(true);
  });

  test('templates use full-width punctuation', () => {
    const all: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') all.push(v);
      else if (v && typeof v === 'object') Object.values(v as object).forEach(walk);
    };
    walk({ ...book, indicator: { ...book.indicator, names: book.indicator.names.map((p) => p.template) } });
    expect(all.filter((t) => /[,;:()?!]/.test(t))).toEqual([]);
  });

  test('a custom phrasebook changes the wording (templates are data)', () => {
    const custom = JSON.parse(JSON.stringify(DEFAULT_PHRASEBOOK));
    custom.department.closingAllMet = ['全年绩效目标圆满完成'];
    custom.scores.selfLabel = '自评分数';
    const n = generateNarrative(allMetResult(), { phrases: custom });
    expect(toText(n)).toContain('全年绩效目标圆满完成。');
    expect(toText(n)).not.toContain('年度各项目标任务全部完成');
    expect(toText(n)).toContain('各项目自评分数：');
  });
});

describe('met indicators beyond metListLimit are counted, not listed', () => {
  test.each([
    ['department', allMetResult],
    ['project', () => single(allMetResult())],
  ] as const)('%s outline', (...[, make]) => {
    const r = make();
    const limit = 2;
    const full = generateNarrative(r);
    const capped = generateNarrative(r, { metListLimit: limit });
    expect(traceProblems(capped, r)).toEqual([]);
    // Per table and 一级 group, the rows after the first `limit` met ones are named nowhere but counted once.
    const text = toText(capped);
    const RULE = '计数：未逐项列出的已完成指标行';
    const countSentences = capped.sections
      .flatMap((s) => s.paragraphs.flatMap((p) => p.sentences))
      .filter((s) => s.figures.some((f) => f.rule === RULE));
    expect(countSentences.length).toBeGreaterThan(0);
    for (const s of countSentences) {
      const f = s.figures.find((x) => x.rule === RULE)!;
      // The count is the number of cells it traces to: the unlisted rows' names.
      expect(f.value).toBe(f.refs.length);
      expect(s.text).toMatch(new RegExp(`(其余|另有)${f.value}项指标`));
    }
    const counted = countSentences.reduce((n, s) => n + s.figures.find((x) => x.rule === RULE)!.value, 0);
    expect(counted).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(toText(full).length);
    // Without a limit nothing is counted away.
    expect(toText(full)).not.toMatch(/其余\d+项指标均|另有\d+项指标也已/);
  });
});
