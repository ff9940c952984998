// Standard thresholds by indicator-name keyword (REFERENCE §2.3). Used when a row has no target, and to
// flag a target or an actual laxer than the standard. Editable data: the task pane saves an edited copy
// in the workbook, a province's variant is a change here.

export interface Standard {
  /** Matched against the indicator name (normalised, contains). First match wins. */
  keyword: string;
  /** Names containing any of these words are not covered (普惠性幼儿园覆盖率 is a policy ratio, not a 100% rate). */
  except?: string[];
  op: '>=' | '<=' | '=';
  value: number;
  unit: string;
  /** Short Chinese label used in messages. */
  label: string;
}

export const DEFAULT_STANDARDS: Standard[] = [
  { keyword: '满意度', op: '>=', value: 95, unit: '%', label: '满意度不低于95%' },
  { keyword: '满意率', op: '>=', value: 95, unit: '%', label: '满意率不低于95%' },
  { keyword: '到位率', op: '>=', value: 100, unit: '%', label: '资金到位率100%' },
  { keyword: '到位及时率', op: '>=', value: 100, unit: '%', label: '到位及时率100%' },
  { keyword: '发放及时率', op: '>=', value: 100, unit: '%', label: '发放及时率100%' },
  { keyword: '合格率', op: '>=', value: 100, unit: '%', label: '合格率100%' },
  { keyword: '覆盖率', except: ['普惠', '占比', '参保', '人口'], op: '>=', value: 100, unit: '%', label: '覆盖率100%' },
  { keyword: '完成率', op: '>=', value: 100, unit: '%', label: '完成率100%' },
  { keyword: '完工率', op: '>=', value: 100, unit: '%', label: '完工率100%' },
  { keyword: '达标率', op: '>=', value: 100, unit: '%', label: '达标率100%' },
  { keyword: '发放率', op: '>=', value: 100, unit: '%', label: '发放率100%' },
  { keyword: '执行率', op: '>=', value: 100, unit: '%', label: '执行率100%' },
];

/**
 * Indicator-name keywords that make a row lower-is-better when its target has no comparator
 * (a target "71.86元/平方米" under 成本指标 is a ceiling, not a floor).
 */
export const LOWER_IS_BETTER_KEYWORDS = [
  '成本',
  '单价',
  '费用',
  '投诉',
  '事故',
  '差错',
  '发生率',
  '违规',
  '违纪',
  '超支',
  '死亡',
  '病例',
  '损失',
  '空置率',
  '流失率',
  '辍学率',
  '返工',
  // 部门整体 rates where less is better: spending kept within its ceiling, budgets changed or left unspent.
  '控制率',
  '调整率',
  '结余率',
  '结转率',
];
/** 二级 labels whose rows are lower-is-better when the target has no comparator. */
export const LOWER_IS_BETTER_LEVEL2 = ['成本指标'];
