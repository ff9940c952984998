// A sheet's merged areas read through exceljs' public model (worksheet.model.merges: "A1:B3" ranges),
// not its private _merges map, so the tests do not break when exceljs reorganises its internals.
import type * as ExcelJS from 'exceljs';
import { MergeArea, parseAddress } from '../../src/core/snapshot';

/** The merged ranges of `ws` as exceljs writes them ("A1:B3"), sorted. */
export function mergeRanges(ws: ExcelJS.Worksheet): string[] {
  return [...(ws.model.merges ?? [])].sort();
}

/** The merged areas of `ws`, top-left to bottom-right, 1-based. */
export function mergeAreas(ws: ExcelJS.Worksheet): MergeArea[] {
  return mergeRanges(ws).map((range) => {
    const [from, to = from] = range.split(':');
    const a = parseAddress(from);
    const b = parseAddress(to);
    if (!a || !b) throw new Error(`exceljs merge range "${range}" is not an A1 range`);
    return { top: a.row, left: a.col, bottom: b.row, right: b.col };
  });
}
