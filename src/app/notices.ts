// What a ribbon command tells the user after 评价 or 清除标记, the same words in Excel and WPS.

import type { Outcome } from './session';
import { isJixiaoError } from '../core/errors';
import { fmtTotal } from '../core/text';

/** The notice after 评价 from the ribbon: score(s), number of problems, where the results are. `base` is SUMMARY_SHEET. */
export function evaluationNotice(out: Pick<Outcome, 'result' | 'applied'>, base: string): string {
  const tables = out.result.sheets.flatMap((s) => s.tables);
  const scores = tables.map((t) => fmtTotal(t.total));
  const findings = tables.reduce((n, t) => n + t.findings.length, 0);
  const score = tables.length === 1 ? `核算得分 ${scores[0]}` : `${tables.length} 张表核算得分分别为 ${scores.join('、')}`;
  const problems =
    findings === 0
      ? '未发现问题'
      : `发现 ${findings} 处问题${out.applied.highlighted ? `，已在表上标出 ${out.applied.highlighted} 个单元格` : ''}`;
  const where = `结果见“${out.applied.summarySheet}”工作表`;
  const renamed =
    out.applied.summarySheet !== base
      ? `（工作簿中已有一个不是本助手创建的“${base}”工作表，它保持不变，结果写入了“${out.applied.summarySheet}”）`
      : '';
  return `评价完成：${score}，${problems}，${where}${renamed}。点击“打开助手”可查看问题清单和自评报告文字。`;
}

/** The notice after 清除标记: marks are our conditional formats, so the cells look as they did before. */
export function clearNotice(cleared: number, base: string): string {
  return cleared > 0
    ? `已清除 ${cleared} 个单元格的评价标记，工作表恢复原样（“${base}”工作表保留）。`
    : '当前工作簿中没有绩效评价助手留下的标记。';
}

/** A ribbon command that failed: our own errors as they are, anything else with what to do next. */
export function failureNotice(e: unknown, what: string): string {
  if (isJixiaoError(e)) return e.message;
  const detail = e instanceof Error ? e.message : String(e);
  return `${what}失败：${detail}。请稍后重试；如果问题持续，请点击“打开助手”在任务窗格中操作。`;
}

/** A second ribbon command while the first still runs. */
export const BUSY = '绩效评价助手正在处理上一个操作，请稍候。';
