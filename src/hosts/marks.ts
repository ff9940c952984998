// The one mark format every host writes and clears (Excel, WPS 表格, and the .xlsx file the CLI writes):
// a conditional-format rule per severity whose formula carries our marker, =ISTEXT("jixiao-mark:error"),
// TRUE for every cell it covers. A rule paints over a cell without changing its own fill, font or value,
// so clearing (deleting the rules found by their marker) restores the user's formatting exactly, in
// whichever host opens the workbook next; the user's own rules are never touched.
//
// A sheet with very many marked areas may instead be marked through a mask (WPS does, where each range
// address is a call into the host): a very hidden sheet jixiao_mask_N (A1 our owner mark, B1 the marked
// sheet's name, C1 the number of marked cells) holding a severity code for cell (r, c) at (r + 1, c), a
// hidden workbook name of the same name for its cells from row 2, and one rule per severity over the
// marks' bounding box: =AND(ISTEXT("jixiao-mark:warning"),INDEX(jixiao_mask_N,ROW(),COLUMN())=2). The
// rules still carry the marker, so every host finds and deletes them as above; it then deletes the mask
// sheets and names too. A mask marks by position: after inserting rows, 评价 again.
//
// Also the in-workbook link formula both spreadsheet hosts write into the 评价结果 sheet.

import { Severity } from '../core/types';
import { columnLetters, quoteSheetName } from '../core/snapshot';

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

export const MASK_PREFIX = 'jixiao_mask_';
export const MASK_CODE: Record<Severity, number> = { error: 1, warning: 2, info: 3 };

/** A sheet or name of a mask (by name; a sheet is ours only with the owner mark in A1 as well). */
export function isMaskName(name: unknown): name is string {
  return typeof name === 'string' && name.toLowerCase().startsWith(MASK_PREFIX);
}

/** The marker rule of one severity marking through mask `mask`. */
export function maskRuleFormula(severity: Severity, mask: string): string {
  return `=AND(ISTEXT("${MARK_PREFIX}${severity}"),INDEX(${mask},ROW(),COLUMN())=${MASK_CODE[severity]})`;
}

/** The mask a marker rule reads, or null for a rule that marks its cells directly. */
export function maskOf(formula: unknown): string | null {
  if (!isMarkFormula(formula)) return null;
  const m = new RegExp(`INDEX\\((${MASK_PREFIX}\\d+),`, 'i').exec(String(formula));
  return m ? m[1] : null;
}

/** What the mask's name refers to: its code cells, from A2, for marked rows up to `bottom` and columns up to `right`. */
export function maskRefersTo(mask: string, bottom: number, right: number): string {
  return `=${quoteSheetName(mask)}!$A$2:$${columnLetters(right)}$${bottom + 1}`;
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
