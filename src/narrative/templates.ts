// The phrasebook of the 自评报告, as data: a county's preferred wording is an edit of this file (or a
// Phrasebook passed to generateNarrative), not of the generator.
//
// A template is a string with {slot} placeholders. A variant is only used when every slot it names has a
// value. Within a list the generator picks variants deterministically: the least-used eligible variant,
// ties broken by a hash of the indicator/table, and never a variant that would make one of its fixed
// phrases (a literal run of ≥ 8 characters) appear a third time in the report.
//
// How a result is said (the seed report's way, REFERENCE §5.2):
//  - a result is stated as a thing done, verb first where the indicator name allows: the name patterns
//    (`names`) turn "维修学前校舍面积" + 4150平方米 into "维修学前校舍4150平方米";
//  - the target is mentioned only for shortfalls, reverse and deadline indicators and over-achievement
//    (`compare`), one wording per case so that every such indicator is compared the same way;
//  - no comparison symbols (≥ ≤) in prose, a unit said once, qualitative values in words without quotes.
//
// Slots (all values are traced to cells by the generator, see model.ts):
//   {name}        indicator name from the sheet (template prefix 指标1： removed)
//   {g1} {g2}     the groups of a name pattern's match (parts of the name)
//   {stem}        a time indicator's name without 时间/时限/日期 ("学前公用经费拨付")
//   {actual}      actual value as printed ("4150平方米", "95%", "2020年11月")
//   {actualDate}  the same, only when the value is a date; {actualWhen} a deadline written in words
//   {actualWords} {targetWords}  qualitative values without quotes
//   {targetPlain} target number without comparator ("95%"); {targetDeadline} "2020年12月底前"
//   {lost}        points lost by the score the report uses
//   {project} {department} {year} {grade} {planned} {executed} {rate} {tables} {indicators}
//   {met} {unmet} {unknown} {names} {count} {list} {score} {label} {weight} {cause} {measure} {n}

export type IndicatorType = 'quantity' | 'rate' | 'money' | 'satisfaction' | 'deadline' | 'qualitative' | 'reverse' | 'zero';

export const INDICATOR_TYPES: IndicatorType[] = ['quantity', 'rate', 'money', 'satisfaction', 'deadline', 'qualitative', 'reverse', 'zero'];

export type Group = 'output' | 'effect' | 'satisfaction' | 'other';

/**
 * A way to say a result from the indicator's name: `match` (a regular expression over the cleaned
 * name) gives the groups {g1} {g2}; `template` says the result. The first pattern that matches the
 * name, the type and (when given) the actual's words wins.
 */
export interface NamePattern {
  match: string;
  template: string;
  /** Indicator types it applies to (default: all but deadline). */
  types?: IndicatorType[];
  /** A regular expression the actual's words must match (qualitative values). */
  actual?: string;
  /** The clause opens with this verb: consecutive clauses with the same verb share it ("拨付A…、B…"). */
  verb?: string;
  /** Said before the other results of its group ("按生均400元标准安排学前公用经费"). */
  first?: boolean;
  /** A count of people said before its noun takes 名 for 人 ("10336名学生"). */
  measureWord?: boolean;
}

/** The comparison said after a result, one per case. */
export interface Comparisons {
  /** Met, actual ≥ 120% of the target (the engine's over-achieved finding). */
  overAchieved: string;
  /** Met reverse indicator (≤ target). */
  reverseMet: string;
  /** Met deadline, dates on both sides / the deadline in words. */
  deadlineMet: string;
  deadlineMetText: string;
  /** Unmet: below a target, above a ceiling, late, a qualitative target not reached. */
  unmetHigher: string;
  unmetReverse: string;
  unmetZero: string;
  unmetDeadline: string;
  unmetQualitative: string;
  /** The points lost, after an unmet comparison. */
  lost: string;
}

export type HeadingKey =
  | 'department.overview'
  | 'department.detail'
  | 'department.problems'
  | 'department.application'
  | 'project.conclusion'
  | 'project.score'
  | 'project.completion'
  | 'project.execution'
  | 'project.met'
  | 'project.unmet'
  | 'project.problems'
  | 'project.measures'
  | 'project.evidence'
  | 'project.application';

export interface Phrasebook {
  /** Section headings (editable in 设置, kept with the workbook). */
  headings: Record<HeadingKey, string>;
  indicator: {
    /** Name patterns, tried in order. */
    names: NamePattern[];
    /** A result by type when no name pattern matches. */
    result: Record<IndicatorType, string[]>;
    /** A met qualitative result whose actual says nothing by itself (是, 达到, 完成). */
    resultNoWords: string[];
    resultUnmet: string[];
    resultNameWithNumber: string[];
    /** A deadline met in words only ("按期完成防控物资配备"). */
    deadlineNoWords: string[];
    compare: Comparisons;
    /** Consecutive results with the same value: "A和B均为100%". */
    same: string[];
    /** Rows beyond the listing limit (NarrativeOptions.metListLimit). */
    rest: string[];
    /** Rows whose result cannot be judged (待核实). */
    unknown: string[];
    /** Values that say nothing by themselves as a result. */
    genericWords: string[];
    /** Words that make a name a verb phrase (for merging clauses with the same verb). */
    verbLeads: string[];
  };
  /** Connectives and stock openings the report must not repeat more than twice, nor open a paragraph with. */
  connectives: string[];
  scores: {
    /** How a score is called: the form's own 自评得分, or computed by the rules. */
    selfLabel: string;
    computedLabel: string;
    one: string[];
    allSame: string[];
    allSameGrade: string[];
    list: string[];
    item: string[];
    itemGrade: string[];
    sameItems: string[];
    unscorable: string;
  };
  department: {
    title: string[];
    /** First sentence of each project section. */
    sectionLead: string[];
    scope: string[];
    countsAllMet: string[];
    countsSome: string[];
    countsUnmet: string[];
    countsUnknown: string[];
    budgetAll: string[];
    budgetSome: string[];
    budgetOne: string[];
    closingAllMet: string[];
    tableNoIndicators: string[];
    lowExecution: string[];
    application: string[];
  };
  problems: {
    /** A cause the sheet states, with the indicators it explains. */
    cause: string[];
    /** Shortfalls whose reason the sheet does not give. */
    noCause: string[];
    lowExecution: string[];
    overAchieved: string[];
    enumerate: string[];
    measuresLead: string[];
    measuresGeneric: string[];
    measuresNone: string[];
    none: string[];
    noneButUnknown: string[];
  };
  project: {
    title: string[];
    score: string[];
    /** No score to state (no self-score, no readable 分值). */
    scoreNone: string[];
    breakdownLead: string[];
    breakdownBudget: string[];
    breakdownGroup: string[];
    execution: string[];
    noBudget: string[];
    groupLead: Record<Group, string[]>;
    metNone: string[];
    unmetNone: string[];
    evidence: string[];
    application: string[];
  };
}

const VERBS = [
  '拨付',
  '发放',
  '购置',
  '采购',
  '维修',
  '修缮',
  '改造',
  '新建',
  '改建',
  '扩建',
  '建设',
  '建成',
  '举办',
  '开展',
  '组织',
  '落实',
  '公开招聘',
  '招聘',
  '培训',
  '资助',
  '完成',
  '实施',
  '安排',
  '支付',
  '配备',
  '新增',
  '印发',
  '召开',
  '检查',
  '督导',
  '慰问',
  '聘用',
  '评选',
  '表彰',
  '免费发放',
  '下达',
  '投入',
  '救助',
  '筛查',
  '检测',
  '接种',
  '签约',
];

export const DEFAULT_PHRASEBOOK: Phrasebook = {
  headings: {
    'department.overview': '总体绩效目标实现情况',
    'department.detail': '分项绩效目标实现情况',
    'department.problems': '存在的问题及改进措施',
    'department.application': '自评结果应用',
    'project.conclusion': '自评结论',
    'project.score': '自评得分',
    'project.completion': '绩效目标完成情况',
    'project.execution': '执行率情况',
    'project.met': '完成的绩效目标',
    'project.unmet': '未完成的绩效目标',
    'project.problems': '存在的问题和原因分析',
    'project.measures': '下一步拟改进措施及有关建议',
    'project.evidence': '佐证材料',
    'project.application': '自评结果应用',
  },
  indicator: {
    names: [
      // 学前公用经费生均标准 400元 → 按生均400元标准安排学前公用经费
      { match: '^(.+?)生均(?:拨款)?标准$', template: '按生均{actual}标准安排{g1}', types: ['money', 'quantity'], first: true },
      // 拨付资金 112万元 → 共拨付资金112万元 (the name is only the verb and its object)
      { match: '^((?:拨付|下达|安排|投入|落实)(?:资金|经费))$', template: '共{g1}{actual}', types: ['money'] },
      { match: '^(发放)(?:金额|资金)$', template: '共{g1}{actual}', types: ['money'] },
      { match: '^(培训)(?:人次|人数)$', template: '{g1}{actual}' },
      // 学前公用经费拨付资金 112万元 → 拨付学前公用经费112万元
      { match: '^(.+?)拨付(?:资金|金额)$', template: '拨付{g1}{actual}', verb: '拨付' },
      // 高中助学金发放金额 79.7万元 → 发放高中助学金79.7万元
      { match: '^(.+?)发放(?:资金|金额)$', template: '发放{g1}{actual}', verb: '发放' },
      // 学前家庭经济困难学生补助资金 24.5万元 → 拨付学前家庭经济困难学生补助资金24.5万元
      { match: '^(.+?(?:补助|补贴|奖补|奖励|专项)资金)$', template: '拨付{g1}{actual}', types: ['money'], verb: '拨付' },
      // 教师培训经费 40万元 → 落实教师培训经费40万元
      { match: '^(.+?培训(?:经费|费))$', template: '落实{g1}{actual}', types: ['money'], verb: '落实' },
      // 教师培训人次 7005人次 → 培训教师7005人次
      { match: '^(.+?)培训(?:人次|人数)$', template: '培训{g1}{actual}', verb: '培训' },
      { match: '^(.+?)招生(?:人数|数)$', template: '{g1}招生{actual}' },
      { match: '^(.+?)评选(?:人数|数)$', template: '评选{g1}{actual}', verb: '评选' },
      // 享受营养改善计划补助学生人数 10336名 → 10336名学生享受营养改善计划补助
      {
        match: '^享受([^的]+?)(学生|幼儿|儿童|教师|人员|群众|家庭|农户|老人|患者|对象)(?:人数|数|数量)?$',
        template: '{actual}{g2}享受{g1}',
        measureWord: true,
      },
      // 享受营养改善计划补助的农村小学学生人数 → 10336名农村小学学生享受营养改善计划补助
      { match: '^享受(.+?)的(.+?)(?:人数|数|数量)?$', template: '{actual}{g2}享受{g1}', measureWord: true },
      // 完成双控机制建设学校数 93所 → 93所学校完成双控机制建设
      {
        match: '^完成(.+?)的?(学校食堂|学校|幼儿园|食堂|单位|医院|卫生院|企业|村|乡镇|社区|户)(?:数|数量|个数)$',
        template: '{actual}{g2}完成{g1}',
      },
      // 维修学前校舍面积 4150平方米 → 维修学前校舍4150平方米
      {
        match: '^((?:' + VERBS.join('|') + ').+?)(?:面积|数量|个数|人数|人次数|人次|次数|户数|场次|金额|总数|数)$',
        template: '{g1}{actual}',
      },
      // 家庭医生签约服务人数 4200人 → 家庭医生签约服务4200人 (the unit is said once)
      { match: '^(.+?)(?:人次数|人数|人次|户数|次数|个数|数量|面积)$', template: '{g1}{actual}', types: ['quantity'] },
      // 受益学生及家长满意度 满意 → 受益学生及家长满意
      { match: '^(.+?)满意度$', template: '{g1}{actualWords}', types: ['satisfaction'], actual: '^(非常|比较|基本|较为)?满意$' },
      // 医疗安全事故发生数 0起 → 未发生医疗安全事故
      { match: '^(.+?)(?:发生数|发生次数|发生起数|暴发次数|事件数)$', template: '未发生{g1}', types: ['zero'] },
      // 因病致贫返贫人数 0人 → 未出现因病致贫返贫情况
      { match: '^(.+?)(?:人数|户数|人次)$', template: '未出现{g1}情况', types: ['zero'] },
    ],
    result: {
      quantity: ['{name}{actual}'],
      rate: ['{name}{actual}'],
      money: ['{name}{actual}'],
      satisfaction: ['{name}达到{actual}', '{name}{actualWords}'],
      deadline: ['{actualDate}完成{stem}', '{actualWhen}完成{stem}', '{name}{actualDate}', '{name}{actualWords}'],
      qualitative: ['{name}{actualWords}'],
      reverse: ['{name}{actual}'],
      zero: ['未出现{name}'],
    },
    resultNoWords: ['{name}达到预期'],
    /** An unmet satisfaction or zero-target row: the value plainly, the comparison follows. */
    resultUnmet: ['{name}{actual}', '{name}{actualWords}'],
    /** A name that ends in a figure of its own ("一户年最高5300元"): the value after a comma. */
    resultNameWithNumber: ['{name}，实际为{actual}', '{name}，实际{actualWords}'],
    deadlineNoWords: ['按期完成{stem}', '{name}按期完成'],
    compare: {
      overAchieved: '，超过{targetPlain}的年度目标',
      reverseMet: '，控制在{targetPlain}以内',
      deadlineMet: '，符合{targetDeadline}完成的时限要求',
      deadlineMetText: '，符合时限要求',
      unmetHigher: '，未达到{targetPlain}的年度目标',
      unmetReverse: '，超过{targetPlain}的控制目标',
      unmetZero: '，未实现零发生',
      unmetDeadline: '，未达到{targetDeadline}完成的时限要求',
      unmetQualitative: '，未达到{targetWords}的年度目标',
      lost: '，扣{lost}分',
    },
    same: ['{names}均为{actual}', '{names}均达到{actual}'],
    rest: ['其余{count}项指标均达到年度指标值'],
    unknown: ['{names}的完成情况尚待核实', '{names}完成情况待核实', '{names}的完成值待核实'],
    genericWords: [
      '是',
      '有',
      '好',
      '高',
      '达到',
      '达成',
      '完成',
      '已完成',
      '实现',
      '已实现',
      '符合',
      '满足',
      '合格',
      '无',
      '按时完成',
      '按期完成',
    ],
    verbLeads: VERBS,
  },
  connectives: ['同时，', '此外，', '另外，', '通过项目实施', '但', '不过', '并且', '而且', '因此，', '从而', '其中，'],
  scores: {
    selfLabel: '自评得分',
    computedLabel: '按评分规则核算得分',
    one: ['{project}{label}{score}分，等级为{grade}', '{project}{label}无法核算'],
    allSame: ['{tables}个项目{label}均为{score}分'],
    allSameGrade: ['等级均为{grade}'],
    list: ['各项目{label}：{list}'],
    item: ['{project}{score}分'],
    itemGrade: ['{project}{score}分（{grade}）'],
    sameItems: ['{names}均为{score}分'],
    unscorable: '无法核算',
  },
  department: {
    title: [
      '{department}{year}年度部门绩效自评工作报告',
      '{department}部门绩效自评工作报告',
      '{year}年度部门绩效自评工作报告',
      '部门绩效自评工作报告',
    ],
    sectionLead: ['{year}年，', ''],
    scope: [
      '{year}年度，{department}对{tables}个项目开展了绩效自评，共评价绩效指标{indicators}项',
      '{department}对{tables}个项目开展了绩效自评，共评价绩效指标{indicators}项',
    ],
    countsAllMet: ['各项指标均达到年度指标值'],
    countsSome: ['其中{met}项达到年度指标值'],
    countsUnmet: ['{unmet}项未达到'],
    countsUnknown: ['{unknown}项完成情况待核实'],
    budgetAll: ['{tables}个项目全年预算数合计{planned}，全年执行数合计{executed}，预算执行率{rate}'],
    budgetSome: ['填列预算执行情况的{tables}个项目全年预算数合计{planned}，全年执行数合计{executed}，预算执行率{rate}'],
    budgetOne: ['全年预算数{planned}，全年执行数{executed}，预算执行率{rate}'],
    closingAllMet: ['年度各项目标任务全部完成'],
    tableNoIndicators: ['表中未列示绩效指标', '未列示绩效指标', '无三级指标'],
    lowExecution: ['项目全年预算{planned}，执行{executed}，预算执行率{rate}'],
    application: [
      '本次自评结果将作为完善项目管理、改进预算编制和安排以后年度预算的重要依据，并按规定予以公开。对自评中发现的问题，将督促相关单位限期整改。',
    ],
  },
  problems: {
    cause: ['{cause}，{names}未达到年度目标'],
    noCause: ['{names}未达到年度目标，偏差原因有待进一步分析'],
    lowExecution: ['{names}支出进度偏慢，预算执行率偏低'],
    overAchieved: ['{names}的实际完成值大幅超过年度指标值，年初指标值设定偏低'],
    enumerate: ['{n}是'],
    measuresLead: ['下一步，'],
    measuresGeneric: ['下一步，将逐项分析偏差原因，制定整改措施，确保绩效目标按期实现'],
    measuresNone: ['暂无需要提出的改进措施和建议'],
    none: ['各项绩效目标均已完成，未发现需要说明的问题'],
    /** No problem to state, but rows whose result is still to be verified (二 names them). */
    noneButUnknown: ['除完成情况待核实的指标外，未发现需要说明的问题'],
  },
  project: {
    title: ['{project}{year}年度绩效自评报告', '{project}绩效自评报告'],
    score: ['{project}{year}年度绩效{label}{score}分，等级为{grade}', '{project}绩效{label}{score}分，等级为{grade}'],
    scoreNone: ['{project}{year}年度绩效得分无法核算', '{project}绩效得分无法核算'],
    breakdownLead: ['其中，'],
    breakdownBudget: ['预算执行率得分{score}分'],
    breakdownGroup: ['{label}得分{score}分（分值{weight}分）', '{label}得分{score}分'],
    execution: ['项目全年预算数{planned}，全年执行数{executed}，预算执行率{rate}'],
    noBudget: ['表中未填列预算执行情况'],
    groupLead: {
      output: ['产出方面，'],
      effect: ['效益方面，'],
      satisfaction: ['满意度方面，'],
      other: ['其他方面，'],
    },
    metNone: ['本项目无已完成的绩效目标'],
    unmetNone: ['无未完成的绩效目标'],
    evidence: ['（请列示佐证材料，如资金拨付文件、项目验收资料、满意度调查结果等。）'],
    application: ['本次自评结果将作为完善项目管理、改进预算编制和安排以后年度预算的重要依据，并按规定予以公开。'],
  },
};

/** Literal runs of a template (the text between placeholders). */
export function literalRuns(template: string): string[] {
  return template.split(/\{[A-Za-z][A-Za-z0-9]*\}/).filter((s) => s.length > 0);
}

/** The slots a template names. */
export function slotsOf(template: string): string[] {
  const out: string[] = [];
  const re = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(template))) out.push(m[1]);
  return out;
}

/** Fixed phrases counted by the repetition rule: literal runs of at least `min` characters. */
export const STOCK_PHRASE_MIN = 8;

/** Every template string of a phrasebook (for the repetition rule and for tests); patterns' regexes excluded. */
export function allTemplates(book: Phrasebook): string[] {
  const out: string[] = [];
  const walk = (v: unknown, key: string): void => {
    if (key === 'match' || key === 'actual' || key === 'verb' || key === 'verbLeads' || key === 'genericWords' || key === 'connectives')
      return;
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach((x) => walk(x, ''));
    else if (v && typeof v === 'object') Object.keys(v as object).forEach((k) => walk((v as Record<string, unknown>)[k], k));
  };
  walk(book, '');
  return out;
}

export function stockPhrases(book: Phrasebook, min = STOCK_PHRASE_MIN): string[] {
  const set = new Set<string>();
  for (const t of allTemplates(book)) for (const r of literalRuns(t)) if (Array.from(r).length >= min) set.add(r);
  return Array.from(set);
}
