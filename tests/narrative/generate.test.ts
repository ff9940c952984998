import { IndicatorResult } from '../../src/core/types';
import { generateNarrative } from '../../src/narrative/generate';
import { Narrative, Sentence } from '../../src/narrative/model';
import { toText } from '../../src/narrative/render';
import { DEFAULT_PHRASEBOOK, STOCK_PHRASE_MIN, literalRuns } from '../../src/narrative/templates';
import { allMetResult, gapsResult, single } from './fixtures';
import { modelLines, partSentences, stockPhraseCounts, traceProblems } from './helpers';

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
    expect(n.title).toBe('深泽县教育局2020年度部门整体支出绩效自评报告');
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
    expect(text).toContain('扩大学前教育资源项目100分（优）');
    expect(text).toContain('城乡义务教育经费保障机制99.8分（优）');
    expect(text).toContain('年度各项目标任务全部完成');
    expect(text).toContain('各项绩效目标均已完成，未发现需要说明的问题。');
  });

  test('results grouped 产出 → 效益 → 满意度 without printing the labels', () => {
    const sec = n.sections.find((s) => s.heading === '（二）城乡义务教育经费保障机制')!;
    const text = sec.paragraphs.map((p) => p.sentences.map((s) => s.text).join('')).join('');
    const pos = (w: string) => text.indexOf(w);
    expect(pos('到位率')).toBeLessThan(pos('10336人'));
    expect(pos('10336人')).toBeLessThan(pos('综合满意度'));
    expect(text).not.toMatch(/产出指标|效益指标|满意度指标/);
  });

  test('the seed report figures, each in a sentence about its indicator', () => {
    const part2 = partSentences(n, '二、');
    const expectIn = (name: string, figure: string) => {
      const s = part2.find((x) => x.text.indexOf(name) >= 0 && x.text.indexOf(figure) >= 0);
      expect(`${name} ${figure}: ${s ? 'found' : 'missing'}`).toBe(`${name} ${figure}: found`);
    };
    expectIn('拨付学前公用经费', '112万元');
    expectIn('拨付学前家庭经济困难学生补助资金', '24.5万元');
    expectIn('维修学前校舍', '4150平方米');
    expectIn('生均公用经费拨款标准', '400元');
    expectIn('小学生均公用经费', '685元');
    expectIn('初中生均公用经费', '885元');
    expectIn('补助资金到位率', '100%');
    expectIn('农村小学学生', '10336人');
    expectIn('生均补助标准', '2.5元');
    expectIn('购置教学设备', '290套');
    expectIn('高中助学金', '79.7万元');
    expectIn('招生人数', '306人');
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
    expect(text).toContain('拨付学前家庭经济困难学生补助资金');
    expect(text).not.toMatch(/1\.生均/);
  });
});

describe('gaps', () => {
  const r = gapsResult();
  const n = generateNarrative(r);
  const text = toText(n);

  test('no full-completion judgement; the closing names the shortfalls', () => {
    expect(text).not.toContain('全部完成');
    expect(text).toContain('6项未达到');
    expect(text).toContain('2项完成情况待核实');
    expect(text).toMatch(/除.*未达到年度指标值.*完成情况待核实外/);
  });

  test('every unmet row appears in 二 and in 三 with target, actual and the reason or that it is missing', () => {
    const unmet = rowsOf(r).filter((x) => x.ind.status === 'unmet');
    expect(unmet.length).toBe(6);
    for (const part of ['二、', '三、']) {
      const sentences = partSentences(n, part);
      for (const { sheet, ind } of unmet) {
        const about = aboutRow(sentences, sheet, ind);
        const label = `${part} ${ind.name}`;
        expect([label, about.length > 0]).toEqual([label, true]);
        const s = about.map((x) => x.text).join('');
        // target and actual as figures or quoted words
        const targetShown = about.some((x) => x.figures.some((f) => f.refs.some((c) => c.cell === ind.cells.target)) || x.quotes.some((q) => q.refs.some((c) => c.cell === ind.cells.target)));
        const actualShown = about.some((x) => x.figures.some((f) => f.refs.some((c) => c.cell === ind.cells.actual)) || x.quotes.some((q) => q.refs.some((c) => c.cell === ind.cells.actual)));
        expect([label, targetShown, actualShown]).toEqual([label, true, true]);
        const reason = ind.reason && ind.reason !== '0' ? ind.reason.replace(/[,，。].*$/, '') : null;
        if (reason) expect([label, s.indexOf(reason) >= 0]).toEqual([label, true]);
        else expect([label, s]).toEqual([label, expect.stringMatching(/未填写偏差原因|未说明偏差原因|偏差原因栏未填写/)]);
      }
    }
  });

  test('shortfall sentences follow the report style', () => {
    expect(text).toContain('营养餐供应覆盖率年初目标值≥95%，实际完成值94.6%');
    expect(text).toContain('部分偏远教学点道路施工，配送车辆无法到达');
    expect(text).toContain('集中培训推迟至12月举办');
  });

  test('a reason of "0" counts as missing; no cause is invented', () => {
    const part3 = partSentences(n, '三、').map((s) => s.text).join('');
    const cost = part3.slice(part3.indexOf('人均培训成本'));
    expect(cost.slice(0, cost.search(/[；。]/))).toMatch(/未填写|未说明/);
  });

  test('unknown rows say 待核实 and print no invented figure', () => {
    for (const { sheet, ind } of rowsOf(r).filter((x) => x.ind.status === 'unknown')) {
      for (const s of aboutRow(partSentences(n, '二、'), sheet, ind)) {
        expect(s.text).toContain('待核实');
        expect(s.figures.filter((f) => f.refs.some((c) => c.cell === ind.cells.actual))).toEqual([]);
      }
    }
    expect(text).toContain('参训教师人数');
    expect(text).toContain('“见附表”');
  });

  test('三 lists low execution, over-achievement and data-quality findings (once each)', () => {
    const part3 = partSentences(n, '三、').map((s) => s.text).join('');
    expect(part3).toMatch(/80%/);
    expect(part3).toContain('受益学生人数');
    expect(part3).toContain('补助资金发放及时率');
    expect(part3.split('营养餐供应覆盖率自评').length).toBeLessThanOrEqual(2);
    expect(part3).not.toContain('模板占位行');
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
    expect(text).toContain('自评得分76.87分，自评等级为“中”');
    expect(text).toContain('预算执行率80%');
    // measures come only from the sheet's reasons
    const measures = n.sections[7].paragraphs.map((p) => p.sentences.map((s) => s.text).join('')).join('');
    expect(measures).toContain('下一步将协调交通部门');
  });

  test('no measures in the sheet: the section says so and is editable', () => {
    const r = single(gapsResult());
    for (const ind of r.sheets[0].tables[0].indicators) ind.reason = null;
    const n = generateNarrative(r);
    const s = n.sections.find((x) => x.heading.indexOf('下一步') >= 0)!;
    expect(s.editable).toBe(true);
    expect(s.paragraphs[0].sentences[0].text).toContain('表中未提出具体改进措施');
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
    expect(n.title).toBe('某某县教育局2021年度部门整体支出绩效自评报告');
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
        for (const s of p.sentences) if (s.figures.length || s.quotes.some((q) => q.source === 'cell')) expect([s.text, s.refs.length > 0]).toEqual([s.text, true]);
  });
});

describe('phrasebook data', () => {
  // Lists the generator may use many times in one report: each needs a variant without stock phrases.
  const book = DEFAULT_PHRASEBOOK;
  const repeatable: [string, string[]][] = [];
  for (const [type, p] of Object.entries(book.indicator)) {
    repeatable.push([`indicator.${type}.met`, p.met], [`indicator.${type}.unmet`, p.unmet]);
    if (p.metVerb) repeatable.push([`indicator.${type}.metVerb`, p.metVerb]);
  }
  const c = book.common;
  for (const k of ['metFallback', 'unmetFallback', 'unknownActualText', 'unknownNoActual', 'unknownTargetText', 'unknownOther', 'lost', 'reasonCause', 'reasonPlain', 'reasonMissing', 'shortfallLead', 'enumerate'] as const)
    repeatable.push([`common.${k}`, c[k]]);
  for (const [g, v] of Object.entries(c.groupLead)) repeatable.push([`common.groupLead.${g}`, v]);
  for (const [g, v] of Object.entries(book.project.groupLead)) repeatable.push([`project.groupLead.${g}`, v]);
  repeatable.push(['problem.unmet', c.problem.unmet], ['problem.lowExecution', c.problem.lowExecution], ['problem.overAchieved', c.problem.overAchieved]);
  for (const [code, v] of Object.entries(c.problem.finding)) repeatable.push([`problem.finding.${code}`, v]);
  const D = book.department;
  repeatable.push(['department.tableBudget', D.tableBudget], ['department.tableScoreAfterBudget', D.tableScoreAfterBudget], ['department.tableScoreOnly', D.tableScoreOnly], ['department.tableNoIndicators', D.tableNoIndicators], ['department.problemTableLead', D.problemTableLead], ['department.scoreItem', D.scoreItem]);
  repeatable.push(['project.measureFromReason', book.project.measureFromReason], ['project.breakdownGroup', book.project.breakdownGroup]);

  test.each(repeatable)('%s has a variant free of stock phrases', (_k, variants) => {
    expect(variants.some((v) => literalRuns(v).every((r) => Array.from(r).length < STOCK_PHRASE_MIN))).toBe(true);
  });

  test('templates use full-width punctuation', () => {
    const all: string[] = [];
    const walk = (v: unknown): void => {
      if (typeof v === 'string') all.push(v);
      else if (v && typeof v === 'object') Object.values(v as object).forEach(walk);
    };
    walk(book);
    expect(all.filter((t) => /[,;:()?!]/.test(t))).toEqual([]);
  });

  test('a custom phrasebook changes the wording (templates are data)', () => {
    const custom = JSON.parse(JSON.stringify(DEFAULT_PHRASEBOOK));
    custom.department.closingAllMet = ['全年绩效目标圆满完成'];
    const n = generateNarrative(allMetResult(), { phrases: custom });
    expect(toText(n)).toContain('全年绩效目标圆满完成。');
    expect(toText(n)).not.toContain('年度各项目标任务全部完成');
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
    const countSentences = capped.sections.flatMap((s) => s.paragraphs.flatMap((p) => p.sentences)).filter((s) => s.figures.some((f) => f.rule === RULE));
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
