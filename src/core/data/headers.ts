// Header words seen in published 绩效自评表 (REFERENCE §1.2). Matching is done on normalised text
// (no spaces, half-width brackets, "(A)" style suffixes removed), exact first, then "contains".
// Order matters: the first role whose word matches wins, so longer / more specific words come first.

export type ColumnRole =
  'level1' | 'level2' | 'name' | 'target' | 'actual' | 'weight' | 'score' | 'reason' | 'adjustedTarget' | 'nature' | 'unit' | 'targetValue';

export const INDICATOR_HEADERS: { role: ColumnRole; words: string[] }[] = [
  {
    role: 'reason',
    words: [
      '偏差原因分析及改进措施',
      '未完成原因和改进措施',
      '未完成原因分析及改进措施',
      '未完成原因分析',
      '偏差原因及改进措施',
      '偏差原因分析',
      '偏差原因',
      '未完成原因',
      '原因分析',
    ],
  },
  { role: 'actual', words: ['实际完成值', '全年实际完成值', '全年实际值', '全年完成值', '完成值', '实际值', '实际完成情况'] },
  { role: 'level1', words: ['一级指标'] },
  { role: 'level2', words: ['二级指标'] },
  { role: 'name', words: ['三级指标', '指标名称', '指标内容'] },
  // 调整指标值 beside 年初指标值 (Chongqing, Sichuan): the adjusted target wins on a row where it is filled.
  { role: 'adjustedTarget', words: ['调整指标值', '调整后指标值', '全年调整指标值', '调整目标值'] },
  { role: 'target', words: ['年度指标值', '年初目标值', '年初指标值', '目标值', '指标值'] },
  { role: 'weight', words: ['指标权重', '参考分值', '分值', '权重'] },
  { role: 'score', words: ['自评得分', '指标得分', '得分'] },
];

/** Header words of columns that look like a role but are something else (得分系数 is a percentage, not a score). */
export const IGNORED_HEADERS = ['得分系数', '是否核心指标', '核心指标', '权重系数', '备注'];

/** Sub-columns under 年度指标值 in the two-row (Yunnan-style) header. */
export const TARGET_SUBHEADERS: { role: ColumnRole; words: string[] }[] = [
  { role: 'nature', words: ['指标性质', '计算符号', '符号'] },
  { role: 'unit', words: ['度量单位', '计量单位', '单位'] },
  { role: 'targetValue', words: ['指标值', '年度指标值', '目标值'] },
];

export type BudgetRole = 'initial' | 'planned' | 'executed' | 'weight' | 'rate' | 'score';

// Budget block headers. A role's words are tried in order of preference: where a sheet has both
// 全年预算数 and 预算数 columns, the first word found wins the role (the adjusted budget is the A of B/A).
export const BUDGET_HEADERS: { role: BudgetRole; words: string[] }[] = [
  { role: 'weight', words: ['执行率权重', '执行率分值', '分值', '权重'] },
  { role: 'score', words: ['执行率得分', '得分'] },
  { role: 'rate', words: ['预算执行率', '执行率'] },
  { role: 'executed', words: ['全年执行数', '预算执行数', '实际执行数', '执行数', '实际支出数', '支出数'] },
  { role: 'initial', words: ['年初预算数', '年初预算', '年初数'] },
  { role: 'planned', words: ['全年预算数', '调整后预算数', '全年调整预算数', '调整预算数', '调整后预算', '全年预算', '预算数'] },
];

/** Label of the scored fund row ("年度财政资金总额" and "总额" alone are spellings of it). */
export const FUND_TOTAL_LABELS = [
  '年度资金总额',
  '资金总额',
  '年度资金合计',
  '年度财政资金总额',
  '财政资金总额',
  '资金合计',
  '总额',
  '合计',
];
/** Labels of the 其中 rows under it (checked for consistency, never scored). */
export const FUND_PART_LABELS = [
  '其中',
  '当年财政拨款',
  '财政拨款',
  '本年财政拨款',
  '上年结转资金',
  '上年结转',
  '结转资金',
  '其他资金',
  '中央资金',
  '省级资金',
  '市级资金',
  '县级资金',
  '区级资金',
  '自筹资金',
  '中央财政资金',
  '省级财政资金',
  '市级财政资金',
  '县级财政资金',
  '地方财政资金',
  '财政资金',
  '财政专户管理资金',
  '财政专户',
  '单位资金',
  '单位自有资金',
  '专项资金',
  '政府性基金',
  '社会资金',
];
export const FUND_BLOCK_LABELS = [
  '项目资金',
  '部门预算资金',
  '年度预算资金',
  '资金情况',
  '预算执行情况',
  '部门预算执行情况',
  '资金投入情况',
];
/** A points value written into a label: "预算执行情况（20分）", "得分（20分*执行率）". */
export const POINTS_IN_LABEL = /[（(]\s*(\d+(?:\.\d+)?)\s*分/;

export const TOTAL_ROW_LABELS = ['总分', '合计', '总计', '综合得分', '自评总分', '得分合计'];
/** A label above the grid that carries the form's own total ("自评得分 | 98", "自评总分（分） | 97.6"). */
export const SELF_TOTAL_LABELS = ['自评得分', '自评总分', '自评总得分', '综合自评得分'];
export const GOAL_LABELS = ['年度总体目标', '总体目标', '年度主要任务', '年度绩效目标'];
export const GOAL_EXPECTED = ['预期目标', '年初设定目标', '年度目标', '设定目标'];
export const GOAL_ACTUAL = ['实际完成情况', '全年实际完成情况', '完成情况'];
export const END_ROW_LABELS = ['其他需要说明事项', '其他需要说明的事项', '填表人', '审核人', '备注'];

export const META_LABELS: { key: 'project' | 'department' | 'unit' | 'year'; words: string[] }[] = [
  { key: 'project', words: ['项目名称', '专项名称', '转移支付名称'] },
  { key: 'department', words: ['主管部门', '部门名称', '单位名称', '预算单位', '主管单位'] },
  { key: 'unit', words: ['实施单位', '项目实施单位'] },
  { key: 'year', words: ['年度', '评价年度', '自评年度'] },
];

/** Rows whose label marks them as template leftovers. */
export const PLACEHOLDER_PATTERNS: RegExp[] = [/^指标\s*\d+\s*[:：]?\s*$/, /^[…．.。·]+$/, /^……+$/];
/** Template prefixes stripped from indicator names ("指标1：学生人数" → "学生人数"). */
export const NAME_PREFIX = /^(?:指标\s*\d+\s*[:：]|\d+\s*[.、．]\s*|[（(]\s*\d+\s*[)）]\s*)/;
/**
 * Reason texts that say nothing ("0", "无", "—", "不适用"): a row that lost points with one of these has
 * no reason, for the findings and for the report alike. Compared after removing white space.
 */
export const EMPTY_REASONS = [
  '',
  '0',
  '无',
  '无。',
  '—',
  '——',
  '-',
  '--',
  '/',
  '／',
  '\\',
  '无偏差',
  '不适用',
  '未偏差',
  '没有',
  'null',
  'NULL',
];

export function isEmptyReason(s: string | null | undefined): boolean {
  if (s === null || s === undefined) return true;
  return EMPTY_REASONS.indexOf(s.replace(/[\s\u3000]+/g, '')) >= 0;
}
