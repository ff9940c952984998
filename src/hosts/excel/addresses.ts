// Pure helpers for the Excel host: address lists chunked under Excel's address limit,
// RangeAreas addresses back to areas, literal text and HYPERLINK formulas, column widths in points.
// Nothing here touches Office.js, so it is unit-tested directly.

import { MergeArea, chunkAddresses as chunkA1, columnLetters, columnNumber } from '../../core/snapshot';

/** Excel refuses addresses longer than this (getRange / getRanges: InvalidArgument). */
export const ADDRESS_LIMIT = 8192;
/** What we put in one getRanges call: a margin under the limit. */
export const CHUNK_LIMIT = 8000;

/** Comma-joined address lists for getRanges, each under CHUNK_LIMIT characters. */
export function chunkAddresses(areas: readonly MergeArea[]): string[] {
  return chunkA1(areas, CHUNK_LIMIT);
}

/**
 * A RangeAreas address ("Sheet1!A1:I1,'O''Brien, Ltd'!A5:A6", or without sheet names) → areas.
 * Quoted sheet names may hold commas and doubled quotes.
 */
export function parseAreasAddress(address: string): MergeArea[] {
  const out: MergeArea[] = [];
  const re = /(?:(?:'(?:[^']|'')*'|[^',!;]+)!)?\$?([A-Za-z]{1,3})\$?(\d+)(?::\$?([A-Za-z]{1,3})\$?(\d+))?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(address))) {
    const top = Number(m[2]);
    const left = columnNumber(m[1]);
    const bottom = m[3] ? Number(m[4]) : top;
    const right = m[3] ? columnNumber(m[3]) : left;
    out.push({ top: Math.min(top, bottom), left: Math.min(left, right), bottom: Math.max(top, bottom), right: Math.max(left, right) });
  }
  return out;
}

export { formulaString, hyperlinkFormula } from '../marks';

/**
 * A string written through Range.values/formulas as literal text. Excel parses what it is given like
 * typed input (=…, +…, -…, @… become formulas; "95%", "2020年12月", "1,000", "TRUE" are converted);
 * a leading apostrophe makes it store the rest as text, exactly, with no apostrophe in the value.
 */
export function literalText(s: string): string {
  return s === '' ? '' : `'${s}`;
}

/**
 * Column width: the plan gives widths in Excel's character units (the width of "0" in the default font,
 * the unit exceljs and the file host use; a CJK character takes about two). Excel's own conversion to
 * pixels is trunc(chars × 7 + 5) at the default 11-point font; points are 3/4 of a pixel.
 */
export function columnWidthPoints(chars: number): number {
  return Math.round(((Math.trunc(chars * 7 + 5) * 3) / 4) * 100) / 100;
}

/** Display width of text in character units: CJK and full-width characters count two. */
export function textUnits(s: string): number {
  let n = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    n += c >= 0x2e80 || (c >= 0xff00 && c <= 0xffef) ? 2 : 1;
  }
  return n;
}

/** Row height (points) that shows `text` wrapped in a merged area `width` character units wide. */
export function wrappedRowHeight(text: string, width: number, lineHeight = 16): number {
  const usable = Math.max(1, width * 0.92);
  const lines = text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(textUnits(part) / usable)), 0);
  return Math.min(409, lines * lineHeight + 4);
}

export function columnRangeA1(col: number): string {
  const l = columnLetters(col);
  return `${l}:${l}`;
}
