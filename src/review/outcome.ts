// One read workbook → its batch record (pure: the CLI's workers and the standalone page share it).

import { evaluateWorkbook } from '../core/evaluate';
import { toJson } from '../core/json';
import { ScoringProfile } from '../core/data/profiles';
import { isOwnerMark } from '../core/plan';
import { EvaluationResult } from '../core/types';
import { WorkbookSnapshot, cellAt } from '../core/snapshot';
import { FileRecord, tableRecords } from './record';

/**
 * A workbook written by this tool that the reader did not already recognise (a 汇总 workbook; a --out copy
 * is known by its 评价结果 sheet, which the reader leaves out): the first cell of some sheet carries our mark.
 */
export function isResultWorkbook(wb: WorkbookSnapshot): boolean {
  return wb.sheets.some((s) => isOwnerMark(cellAt(s, 1, 1)?.v));
}

/**
 * The record of one read workbook (pure: the CLI's workers and the standalone page share it). `result`
 * is null when the workbook was skipped or holds no table.
 */
export function recordOf(
  snapshot: WorkbookSnapshot,
  base: FileRecord,
  o: { profile: ScoringProfile; sheet?: string; json: boolean; isResult?: boolean },
): { record: FileRecord; result: EvaluationResult | null } {
  if (o.isResult || isResultWorkbook(snapshot)) {
    return { record: { ...base, status: 'skipped', error: '这是绩效评价助手生成的结果文件，已跳过。' }, result: null };
  }
  const result = evaluateWorkbook(snapshot, { profile: o.profile, sheet: o.sheet, file: base.display });
  if (!result.sheets.some((s) => s.tables.length > 0)) {
    return { record: { ...base, status: 'no-table', error: `未找到绩效指标表${o.sheet ? `（工作表“${o.sheet}”）` : ''}。` }, result: null };
  }
  const { tables, notes } = tableRecords(result);
  const record: FileRecord = { ...base, tables, notes };
  if (o.json) record.json = JSON.stringify(toJson(result));
  return { record, result };
}
