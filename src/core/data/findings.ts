// Every check the engine makes, as data: its code, its severity and what it means in one line. The
// README's finding table and the hosts' colours follow from this table; messages are built by the
// evaluator with the row's own figures.

import type { Severity } from '../types';

export const FINDINGS = {
  unmet: { severity: 'warning', title: '未达到年度指标值' },
  'missing-actual': { severity: 'error', title: '未填实际完成值' },
  'missing-target': { severity: 'error', title: '未填年度指标值，且没有适用的通行标准' },
  'standard-applied': { severity: 'info', title: '未填年度指标值，已按通行标准评价' },
  unparsed: { severity: 'warning', title: '值无法识别，标为待核实' },
  'actual-as-target': { severity: 'warning', title: '实际完成值照抄指标值，按达到指标值计，请填写实际数值' },
  'error-value': { severity: 'warning', title: '单元格为错误值（如 #DIV/0!），标为待核实' },
  'formula-uncached': { severity: 'warning', title: '公式未计算，标为待核实' },
  'unit-mismatch': { severity: 'warning', title: '指标值与实际值单位不可比，待核实' },
  'missing-reason': { severity: 'error', title: '扣了分但偏差原因为空' },
  'score-over-weight': { severity: 'error', title: '自评得分超过分值' },
  'score-mismatch': { severity: 'warning', title: '自评得分与核算得分不符' },
  'qualitative-band': { severity: 'warning', title: '定性指标自评得分不在其完成档次内' },
  'over-achieved': { severity: 'warning', title: '实际值远超指标值' },
  'below-standard': { severity: 'warning', title: '指标值低于通行标准' },
  'weights-sum': { severity: 'error', title: '分值合计不符' },
  'total-mismatch': { severity: 'error', title: '总分栏自评得分与各行之和不符' },
  'grade-mismatch': { severity: 'error', title: '总分栏等级与得分不符' },
  'low-execution': { severity: 'warning', title: '预算执行率低于90%' },
  'fund-mismatch': { severity: 'error', title: '年度资金总额与其中各项之和不符' },
  'missing-weight': { severity: 'warning', title: '指标行未填分值，无法计分' },
  unscorable: { severity: 'warning', title: '无法核算得分（没有可读取的分值）' },
  placeholder: { severity: 'info', title: '模板占位行，不计入评价' },
  pending: { severity: 'info', title: '有待核实的指标，核算总分暂按其自评得分计入' },
  'empty-table': { severity: 'info', title: '只有表头、没有指标行的空表，不计入评价' },
  'hidden-rows': { severity: 'info', title: '表中有隐藏行，已一并评价' },
  'hidden-sheet': { severity: 'info', title: '隐藏的工作表，已一并评价' },
  'duplicate-column': { severity: 'info', title: '表头有重复的列，采用第一列' },
} as const satisfies Record<string, { severity: Severity; title: string }>;

export type FindingCode = keyof typeof FINDINGS;

export function severityOf(code: FindingCode): Severity {
  return FINDINGS[code].severity;
}

/** Most serious first: sorting findings, choosing a cell's mark colour. */
export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export const SEVERITY_LABEL: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
