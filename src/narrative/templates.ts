// Phrase templates of the 自评报告, as data: a county's preferred wording is an edit of this file (or a
// Phrasebook passed to generateNarrative), not of the generator.
//
// A template is a string with {slot} placeholders. A variant is only used when every slot it names has a
// value (so a variant with {target} is skipped for a row without a target). Within a list the generator
// picks variants deterministically: the least-used eligible variant, ties broken by a hash of the
// indicator/table, and never a variant that would make one of its fixed phrases (a literal run of ≥ 8
// characters) appear a third time in the report. Every list the generator may call repeatedly therefore
// holds at least one variant whose literal runs are all shorter than 8 characters.
//
// Slots (all values are traced to cells by the generator, see model.ts):
//   {name}        indicator name from the sheet (template prefix 指标1： removed)
//   {actual}      actual value as printed ("4150平方米", "95%", "2020年11月", “有效” in quotes)
//   {target}      target with its comparator ("≥95%", "2020年12月底前", “显著提高”)
//   {targetDate} {actualDate}  the same, only when the value is a date
//   {targetPlain} target number without comparator ("95%")
//   {targetBound} target as a bound: "95%以上" (≥), "90万元以内" (≤), "100%" (=)
//   {exceeded}    target number, only when the actual is strictly above it
//   {under}       target number, only when the actual is strictly below it (reverse indicators)
//   {actualWords} {targetWords}  qualitative values without quotes (actualWords is absent when the
//                 actual says nothing by itself: 是, 达到, 完成 …)
//   {actualText} {targetText}    a value that could not be read, as written
//   {lost} {score} {weight} {self}   points lost, rule score, 分值, self-score
//   {reason}      the sheet's 偏差原因 (cause and measures); {measure} the measure part of it
//   {project} {department} {year} {grade} {planned} {executed} {rate} {tables} {indicators}
//   {met} {unmet} {unknown} {names} {count} {list} {avg} {label} {items} {n}

export type IndicatorType =
  | 'quantity'
  | 'rate'
  | 'money'
  | 'satisfaction'
  | 'deadline'
  | 'qualitative'
  | 'reverse'
  | 'zero';

export const INDICATOR_TYPES: IndicatorType[] = ['quantity', 'rate', 'money', 'satisfaction', 'deadline', 'qualitative', 'reverse', 'zero'];

export interface IndicatorPhrases {
  /** A met row, stated as a result (a clause: the generator adds the punctuation). */
  met: string[];
  /** A met row whose name starts with a verb (拨付…, 维修…, see common.verbLeads): "维修学前校舍4150平方米". */
  metVerb?: string[];
  /** A met row whose actual says nothing by itself (是, 达到, 完成): stated through the target words. */
  metNoWords?: string[];
  /** An unmet row: target and actual (the lost points and the reason follow from `common`). */
  unmet: string[];
}

export type Group = 'output' | 'effect' | 'satisfaction' | 'other';

export interface Phrasebook {
  indicator: Record<IndicatorType, IndicatorPhrases>;
  common: {
    /** When no `met` variant of the type fits the row's data. */
    metFallback: string[];
    unmetFallback: string[];
    /** Status unknown: the actual is written but cannot be read / is missing / the target cannot be read. */
    unknownActualText: string[];
    unknownNoActual: string[];
    unknownTargetText: string[];
    /** Both values are numbers but in units that cannot be compared (2.5元/生·天 against 2.5元). */
    unknownUnits: string[];
    unknownOther: string[];
    lost: string[];
    /** Reason text that states a cause itself (由于…, 受…影响). */
    reasonCause: string[];
    reasonPlain: string[];
    reasonMissing: string[];
    /** Lead-in of the first clause of each result group in 二 (department outline). */
    groupLead: Record<Group, string[]>;
    /** Lead-in of the first shortfall of a table in 二. */
    shortfallLead: string[];
    /** Leading verbs that make a name a verb phrase ("维修学前校舍"), for IndicatorPhrases.metVerb. */
    verbLeads: string[];
    /** "A、B和C等5项指标". */
    namesMany: string[];
    /** After the first N met indicators of a group (NarrativeOptions.metListLimit): how many more were met. */
    metRest: string[];
    /** Enumeration in 三: "一是…；二是…". {n} is a Chinese numeral. */
    enumerate: string[];
    problem: {
      unmet: string[];
      lowExecution: string[];
      overAchieved: string[];
      /** Data-quality findings by engine code; codes not listed are left to the result sheet. */
      finding: Record<string, string[]>;
    };
    noProblems: string[];
    noProblemsButFindings: string[];
  };
  department: {
    title: string[];
    headings: { overview: string; detail: string; problems: string; application: string };
    scope: string[];
    countsAllMet: string[];
    countsMet: string[];
    countsUnmet: string[];
    countsUnknown: string[];
    budgetAll: string[];
    budgetSome: string[];
    budgetOne: string[];
    scoresMany: string[];
    scoreItem: string[];
    scoreOne: string[];
    closingAllMet: string[];
    closingAllMetLowExecution: string[];
    closingUnmet: string[];
    closingUnmetUnknown: string[];
    closingUnknown: string[];
    tableBudget: string[];
    tableScoreAfterBudget: string[];
    tableScoreOnly: string[];
    tableNoIndicators: string[];
    problemTableLead: string[];
    /** Lead of a table's data-quality findings in 三. */
    qualityLead: string[];
    application: string[];
  };
  project: {
    title: string[];
    headings: {
      conclusion: string;
      score: string;
      completion: string;
      execution: string;
      met: string;
      unmet: string;
      problems: string;
      measures: string;
      evidence: string;
      application: string;
    };
    score: string[];
    breakdownLead: string[];
    breakdownBudget: string[];
    breakdownGroup: string[];
    execution: string[];
    noBudget: string[];
    groupLead: Record<Group, string[]>;
    metNone: string[];
    unmetNone: string[];
    measureFromReason: string[];
    /** Lead of the data-quality findings in （三）. */
    qualityLead: string[];
    measuresMissing: string[];
    measuresNone: string[];
    evidence: string[];
    application: string[];
  };
}

export const DEFAULT_PHRASEBOOK: Phrasebook = {
  indicator: {
    quantity: {
      met: [
        '{name}{actual}',
        '{name}达到{actual}',
        '{name}为{actual}',
        '{name}实际完成{actual}',
        '{name}{actual}，超过年度指标值{exceeded}',
        '{name}{actual}，达到{targetBound}的年度目标',
      ],
      metVerb: ['{name}{actual}', '共{name}{actual}', '{name}{actual}，超过年度指标值{exceeded}', '{name}{actual}，达到{targetBound}的年度目标'],
      unmet: [
        '{name}年初目标值{target}，实际完成值{actual}',
        '{name}未达到年度指标值，目标值{target}，实际完成{actual}',
        '{name}年度指标值{target}，实际完成{actual}，未完成年度目标',
        '{name}计划{target}，实际{actual}',
      ],
    },
    rate: {
      met: ['{name}{actual}', '{name}达到{actual}', '{name}为{actual}', '{name}{actual}，达到{targetBound}的目标要求'],
      unmet: [
        '{name}年初目标值{target}，实际完成值{actual}',
        '{name}为{actual}，低于年度指标值{targetPlain}',
        '{name}年度指标值{target}，实际仅为{actual}',
      ],
    },
    money: {
      met: ['{name}{actual}', '{name}为{actual}', '{name}达到{actual}', '{name}{actual}，达到年度指标值{targetPlain}'],
      metVerb: ['{name}{actual}', '共{name}{actual}', '{name}{actual}，达到年度指标值{targetPlain}'],
      unmet: [
        '{name}年初目标值{target}，实际完成值{actual}',
        '{name}年度指标值{target}，实际完成{actual}，未完成年度目标',
        '{name}计划{target}，实际{actual}',
      ],
    },
    satisfaction: {
      met: ['{name}达到{actual}', '{name}为{actual}', '{name}{actual}，达到{targetBound}的年度目标', '{name}{actual}'],
      unmet: [
        '{name}年初目标值{target}，实际完成值{actual}',
        '{name}为{actual}，未达到{targetBound}的年度目标',
        '{name}年度指标值{target}，实际为{actual}',
      ],
    },
    deadline: {
      met: [
        '{name}为{actualDate}，符合{targetDate}的时限要求',
        '{name}{actualDate}，在{targetDate}的时限内',
        '{name}为{actual}',
      ],
      unmet: [
        '{name}要求{targetDate}完成，实际完成时间为{actualDate}',
        '{name}年度指标值为{target}，实际为{actual}，未按期完成',
        '{name}未在{targetDate}完成，实际为{actual}',
      ],
    },
    qualitative: {
      met: ['{name}{actualWords}', '{name}{actualWords}，达到年度目标', '{name}{actualWords}，实现预期目标'],
      metNoWords: ['{name}达到“{targetWords}”的年度目标', '{name}实现“{targetWords}”的预期', '{name}达到预期'],
      unmet: [
        '{name}年度指标值为“{targetWords}”，实际完成情况为“{actualWords}”',
        '{name}未达成年度指标，年初目标为“{targetWords}”，实际为“{actualWords}”',
        '{name}目标“{targetWords}”，实际“{actualWords}”',
      ],
    },
    reverse: {
      met: [
        '{name}{actual}，控制在{targetBound}',
        '{name}为{actual}，未超过{targetPlain}',
        '{name}{actual}，低于{under}的控制目标',
        '{name}为{actual}',
      ],
      unmet: [
        '{name}控制目标{target}，实际{actual}，超出控制目标',
        '{name}年初目标值{target}，实际完成值{actual}，超过控制标准',
        '{name}计划{target}，实际{actual}',
      ],
    },
    zero: {
      met: ['{name}为{actual}', '{name}{actual}，达到年度控制目标', '{name}{actual}'],
      unmet: ['{name}目标为{target}，实际发生{actual}', '{name}年初目标值{target}，实际{actual}', '{name}控制目标{target}，实际{actual}'],
    },
  },
  common: {
    metFallback: ['{name}达到年度指标值', '{name}按计划完成', '{name}已完成'],
    unmetFallback: ['{name}未达到年度指标值', '{name}未完成年度指标', '{name}未完成'],
    unknownActualText: [
      '{name}实际完成值填写为“{actualText}”，无法判断是否达标，待核实',
      '{name}的完成值“{actualText}”无法与年度指标值比较，待核实',
      '{name}完成情况待核实（表中填写为“{actualText}”）',
      '{name}填写为“{actualText}”，待核实',
    ],
    unknownNoActual: ['{name}未填写实际完成值，完成情况待核实', '{name}实际完成值空缺，待核实', '{name}完成值待核实'],
    unknownTargetText: [
      '{name}年度指标值填写为“{targetText}”，无法据此判断完成情况，待核实',
      '{name}的年度指标值“{targetText}”无法读取，完成情况待核实',
      '{name}指标值“{targetText}”待核实',
    ],
    unknownUnits: [
      '{name}年度指标值{target}，实际完成值{actual}，计量单位不一致，待核实',
      '{name}实际完成值{actual}与指标值{target}的单位不同，待核实',
      '{name}目标{target}，实际{actual}，单位不一，待核实',
    ],
    unknownOther: ['{name}完成情况待核实', '{name}的完成情况无法判断，待核实', '{name}待核实'],
    lost: ['扣{lost}分', '扣减{lost}分', '得{score}分（分值{weight}分）'],
    reasonCause: ['{reason}'],
    reasonPlain: ['主要原因是{reason}', '原因是{reason}', '偏差原因为{reason}', '表中说明：{reason}'],
    reasonMissing: ['表中未填写偏差原因', '自评表未说明偏差原因', '偏差原因栏未填写', '未填写偏差原因'],
    groupLead: {
      output: [''],
      effect: ['项目实施后，', '从实施效果看，', '通过项目实施，', '从效益看，', '同时，'],
      satisfaction: ['', '此外，', '另外，'],
      other: ['', '此外，'],
    },
    shortfallLead: ['但', '不过', ''],
    verbLeads: ['拨付', '发放', '购置', '采购', '维修', '修缮', '改造', '新建', '改建', '扩建', '建设', '建成', '举办', '开展', '组织', '落实', '公开招聘', '招聘', '培训', '资助', '补助', '完成', '实施', '安排', '支付', '配备', '新增', '印发', '召开', '检查', '督导', '慰问', '聘用', '评选', '表彰', '免费发放', '下达', '投入'],
    namesMany: ['{names}等{count}项指标'],
    metRest: ['此外，其余{count}项指标均达到年度指标值', '另有{count}项指标也已达到年度目标', '其余{count}项指标均已完成'],
    enumerate: ['{n}是'],
    problem: {
      unmet: [
        '{name}未完成年度目标（年初目标值{target}，实际完成值{actual}）',
        '{name}年度目标{target}未能实现，实际为{actual}',
        '{name}的年度目标未实现：目标值{target}，实际值{actual}',
        '{name}目标{target}，实际{actual}',
      ],
      lowExecution: [
        '预算执行率为{rate}，资金支出进度偏慢',
        '全年执行数{executed}，仅占全年预算数{planned}的{rate}，资金支出进度偏慢',
        '预算执行率{rate}，执行偏慢',
      ],
      overAchieved: [
        '{name}实际完成值{actual}，大幅超过年度指标值{targetPlain}，年初目标设定可能偏低',
        '{name}年度指标值{targetPlain}，实际完成{actual}，指标值设定偏保守',
        '{name}实际{actual}，远超目标{targetPlain}',
      ],
      finding: {
        'score-mismatch': ['{name}自评{self}分，按评分规则核算为{score}分', '{name}自评得分与评分规则核算结果不一致', '{name}得分需核实'],
        'score-over-weight': ['{name}自评得分超过该项分值', '{name}得分超过分值'],
        'missing-reason': ['{name}有扣分但未填写偏差原因', '{name}扣分原因未填写'],
        'qualitative-band': ['{name}的定性评分与完成档次不符', '{name}评分档次需核实'],
        'below-standard': ['{name}的年度指标值低于同类指标通行标准', '{name}指标值偏低'],
        'missing-target': ['{name}未填写年度指标值', '{name}无指标值'],
        'total-mismatch': ['表中填报的总分与各项得分合计不一致', '总分需核实'],
        'grade-mismatch': ['表中填报的评价等级与得分不符', '评价等级需核实'],
        'weights-sum': ['各项指标分值合计与设定分值不一致', '分值合计需核实'],
        'fund-mismatch': ['年度资金总额与其中各项资金合计不一致', '资金合计需核实'],
      },
    },
    noProblems: ['各项绩效目标均已完成，未发现需要说明的问题'],
    noProblemsButFindings: ['各项绩效目标均已完成，但自评表存在以下需核实更正的事项'],
  },
  department: {
    title: [
      '{department}{year}年度部门整体支出绩效自评报告',
      '{department}部门整体支出绩效自评报告',
      '{year}年度部门整体支出绩效自评报告',
      '部门整体支出绩效自评报告',
    ],
    headings: {
      overview: '总体绩效目标实现情况',
      detail: '分项绩效目标实现情况',
      problems: '存在的问题及改进措施',
      application: '自评结果应用',
    },
    scope: [
      '{year}年度，{department}对{tables}个项目开展了绩效自评，共评价绩效指标{indicators}项',
      '{department}对{tables}个项目开展了绩效自评，共评价绩效指标{indicators}项',
    ],
    countsAllMet: ['各项指标均达到年度指标值'],
    countsMet: ['其中{met}项达到年度指标值'],
    countsUnmet: ['{unmet}项未达到'],
    countsUnknown: ['{unknown}项完成情况待核实'],
    budgetAll: ['{tables}个项目全年预算数合计{planned}，全年执行数合计{executed}，预算执行率{rate}'],
    budgetSome: ['{tables}个项目填列了预算执行情况，全年预算数合计{planned}，全年执行数合计{executed}，预算执行率{rate}'],
    budgetOne: ['全年预算数{planned}，全年执行数{executed}，预算执行率{rate}'],
    scoresMany: ['各项目自评得分分别为：{list}，平均得分{avg}分'],
    scoreItem: ['{project}{score}分（{grade}）'],
    scoreOne: ['自评得分{score}分，自评等级为“{grade}”'],
    closingAllMet: ['年度各项目标任务全部完成'],
    closingAllMetLowExecution: ['各项绩效指标均达到年度指标值，但{names}预算执行率偏低'],
    closingUnmet: ['除{names}未达到年度指标值外，其余绩效目标均已实现'],
    closingUnmetUnknown: ['除{names}未达到年度指标值、{unknownNames}完成情况待核实外，其余绩效目标均已实现'],
    closingUnknown: ['除{unknownNames}完成情况待核实外，其余绩效目标均已实现'],
    tableBudget: [
      '{project}全年预算数{planned}，全年执行数{executed}，预算执行率{rate}',
      '该项目全年预算{planned}，实际执行{executed}，执行率{rate}',
      '{project}年度预算资金{planned}，已支出{executed}，预算执行率{rate}',
      '{project}全年预算{planned}，执行{executed}，执行率为{rate}',
    ],
    tableScoreAfterBudget: ['自评得分{score}分，等级为“{grade}”', '综合评价得分{score}分，评价等级为“{grade}”', '自评得分{score}分（{grade}）'],
    tableScoreOnly: ['{project}自评得分{score}分，等级为“{grade}”', '{project}综合评价得分{score}分，评价等级为“{grade}”', '{project}得分{score}分（{grade}）'],
    tableNoIndicators: ['表中未列示绩效指标', '未列示绩效指标', '无三级指标'],
    problemTableLead: ['{project}：', '{project}方面，'],
    qualityLead: ['{project}自评表填报方面，', '{project}自评表中，'],
    application: [
      '本次自评结果将作为完善项目管理、改进预算编制和安排以后年度预算的重要依据，并按规定予以公开。对自评中发现的问题，将督促相关单位限期整改。',
    ],
  },
  project: {
    title: ['{project}{year}年度绩效自评报告', '{project}绩效自评报告'],
    headings: {
      conclusion: '自评结论',
      score: '自评得分',
      completion: '绩效目标完成情况',
      execution: '执行率情况',
      met: '完成的绩效目标',
      unmet: '未完成的绩效目标',
      problems: '存在的问题和原因分析',
      measures: '下一步拟改进措施及有关建议',
      evidence: '佐证材料',
      application: '自评结果应用',
    },
    score: ['{project}{year}年度绩效自评得分{score}分，自评等级为“{grade}”', '{project}绩效自评得分{score}分，自评等级为“{grade}”'],
    breakdownLead: ['其中，'],
    breakdownBudget: ['预算执行率得分{score}分'],
    breakdownGroup: ['{label}得分{score}分（分值{weight}分）', '{label}得分{score}分'],
    execution: ['项目全年预算数{planned}，全年执行数{executed}，预算执行率{rate}'],
    noBudget: ['表中未填列预算执行情况'],
    groupLead: {
      output: ['产出方面，', '从产出指标看，'],
      effect: ['效益方面，', '从效益指标看，'],
      satisfaction: ['满意度方面，', '从满意度指标看，'],
      other: ['此外，', '其他方面，'],
    },
    metNone: ['本项目无已完成的绩效目标'],
    unmetNone: ['无未完成的绩效目标'],
    measureFromReason: ['针对{name}，{measure}', '{name}：{measure}'],
    qualityLead: ['自评表填报方面，', '此外，自评表中'],
    measuresMissing: ['表中未提出具体改进措施，请结合偏差原因补充'],
    measuresNone: ['暂无需要提出的改进措施和建议'],
    evidence: ['（请列示佐证材料，如资金拨付文件、项目验收资料、满意度调查结果等。）'],
    application: [
      '本次自评结果将作为完善项目管理、改进预算编制和安排以后年度预算的重要依据，并按规定予以公开。',
    ],
  },
};

/** Literal runs of a template (the text between placeholders). */
export function literalRuns(template: string): string[] {
  return template.split(/\{[A-Za-z]+\}/).filter((s) => s.length > 0);
}

/** The slots a template names. */
export function slotsOf(template: string): string[] {
  const out: string[] = [];
  const re = /\{([A-Za-z]+)\}/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(template))) out.push(m[1]);
  return out;
}

/** Fixed phrases counted by the repetition rule: literal runs of at least `min` characters. */
export const STOCK_PHRASE_MIN = 8;

/** Every template string of a phrasebook (for the repetition rule and for tests). */
export function allTemplates(book: Phrasebook): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.keys(v as object).forEach((k) => walk((v as Record<string, unknown>)[k]));
  };
  walk(book);
  return out;
}

export function stockPhrases(book: Phrasebook, min = STOCK_PHRASE_MIN): string[] {
  const set = new Set<string>();
  for (const t of allTemplates(book)) for (const r of literalRuns(t)) if (Array.from(r).length >= min) set.add(r);
  return Array.from(set);
}
