// The one mark format every host writes and clears (Excel, WPS 表格, and the .xlsx file the CLI writes):
// a conditional-format rule per severity whose formula carries our marker, =ISTEXT("jixiao-mark:error"),
// TRUE for every cell it covers. A rule paints over a cell without changing its own fill, font or value,
// so clearing (deleting the rules found by their marker) restores the user's formatting exactly, in
// whichever host opens the workbook next; the user's own rules are never touched.
//
// Also the in-workbook link formula both spreadsheet hosts write into the 评价结果 sheet.

import { Severity } from '../core/types';
import { quoteSheetName } from '../core/snapshot';

export const MARK_PREFIX = 'jixiao-mark:';
export const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

export function markFormula(severity: Severity): string {
  return `=ISTEXT("${MARK_PREFIX}${severity}")`;
}

/** Whether a rule's formula is one of our markers (with or without '=', any case, as hosts echo it back). */
export function isMarkFormula(formula: unknown): boolean {
  return typeof formula === 'string' && formula.toLowerCase().includes(`"${MARK_PREFIX}`);
}

/** The severity a marker formula names; null for a rule that is not ours or names none we know. */
export function markSeverity(formula: unknown): Severity | null {
  if (!isMarkFormula(formula)) return null;
  const m = new RegExp(`"${MARK_PREFIX}(\\w+)"`, 'i').exec(String(formula));
  const s = m ? (m[1].toLowerCase() as Severity) : null;
  return s && SEVERITIES.indexOf(s) >= 0 ? s : null;
}

/** A string literal inside a formula. */
export function formulaString(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

/** Excel and WPS limit a string literal in a formula to 255 characters. */
const FORMULA_TEXT_LIMIT = 255;

/** =HYPERLINK("#'Sheet'!B5","label"): an in-workbook link that a click follows, in Excel and WPS alike. */
export function hyperlinkFormula(sheet: string, cell: string, label: string | number): string {
  const target = formulaString(`#${quoteSheetName(sheet)}!${cell}`);
  const text =
    typeof label === 'number'
      ? String(label)
      : formulaString(label.length > FORMULA_TEXT_LIMIT ? label.slice(0, FORMULA_TEXT_LIMIT - 1) + '…' : label);
  return `=HYPERLINK(${target},${text})`;
}
