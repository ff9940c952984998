// Value parser, part 4: numbers, their units and comparators inside normalised text.

import { ComparatorSpelling, UNIT_LEAD_APPROX, UNIT_STOP_CHARS } from '../data/phrases';
import type { Op } from '../types';
import { KNOWN_WITH_MULT, PERCENT_SORTED, PREFIX_SORTED, SUFFIX_SORTED, TAIL_SORTED, isDigit, isSpace } from './text';

// ---------------------------------------------------------------------------------------------
// Numbers and units inside text

interface UnitInfo {
  unit: string | null;
  /** Index just after the unit text (and anything glued to it up to a stop character). */
  end: number;
  op: Op | null;
  strict: boolean;
}

/** Characters that end a unit. */
function isUnitStop(ch: string): boolean {
  return isDigit(ch) || isSpace(ch) || UNIT_STOP_CHARS.indexOf(ch) >= 0;
}

export function startsWithAny(s: string, at: number, sortedList: string[]): string | null {
  for (const w of sortedList) if (w && s.startsWith(w, at)) return w;
  return null;
}

function suffixComparatorAt(s: string, at: number): ComparatorSpelling | null {
  let i = at;
  while (isSpace(s[i])) i++;
  for (const c of SUFFIX_SORTED) if (s.startsWith(c.word, i)) return c;
  return null;
}

function extractUnit(s: string, pos: number): UnitInfo {
  let i = pos;
  while (isSpace(s[i])) i++;
  const pct = startsWithAny(s, i, PERCENT_SORTED);
  if (pct !== null) {
    const end = i + pct.length;
    const c = suffixComparatorAt(s, end);
    return { unit: '%', end, op: c ? c.op : null, strict: !!(c && c.strict) };
  }
  let j = i;
  while (j < s.length) {
    const ch = s[j];
    if (!isUnitStop(ch)) {
      j++;
      continue;
    }
    // m2 / m3 (square / cubic metres) keep their digit.
    if ((ch === '2' || ch === '3') && j > i && (s[j - 1] === 'm' || s[j - 1] === 'M') && !isDigit(s[j + 1])) {
      j++;
      continue;
    }
    break;
  }
  let raw = s.slice(i, j);
  let lead = 0;
  for (const a of UNIT_LEAD_APPROX) {
    if (raw.indexOf(a) === 0) {
      lead = a.length;
      break;
    }
  }
  raw = raw.slice(lead);
  let cut = raw.length;
  for (let k = 0; k < raw.length; k++) {
    if (startsWithAny(raw, k, TAIL_SORTED) !== null) {
      cut = k;
      break;
    }
  }
  let unit = raw.slice(0, cut);
  while (unit.length > 0 && (unit[unit.length - 1] === '.' || unit[unit.length - 1] === '/')) unit = unit.slice(0, -1);
  if (unit.indexOf('/') < 0 && unit.length > 2) {
    const known = startsWithAny(unit, 0, KNOWN_WITH_MULT);
    if (known !== null && unit.length - known.length >= 2) unit = known;
  }
  const c = suffixComparatorAt(s, i + lead + cut);
  return { unit: unit === '' ? null : unit, end: j, op: c ? c.op : null, strict: !!(c && c.strict) };
}

export interface NumToken {
  /** Index of the sign or first digit. */
  start: number;
  /** Index of the first digit. */
  digits: number;
  end: number;
  value: number;
  negative: boolean;
  unit: UnitInfo;
}

export function findNumbers(s: string): NumToken[] {
  const re = /\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?/g;
  const out: NumToken[] = [];
  let consumedTo = -1;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    const digits = m.index;
    if (digits < consumedTo) continue; // inside the previous number's unit ("m2")
    let start = digits;
    let negative = false;
    if (s[digits - 1] === '-') {
      const before = digits >= 2 ? s[digits - 2] : undefined;
      if (before === undefined || /[\s<>=:(~,]/.test(before)) {
        negative = true;
        start = digits - 1;
      }
    }
    const end = digits + m[0].length;
    const magnitude = parseFloat(m[0].replace(/,/g, ''));
    const unit = extractUnit(s, end);
    out.push({ start, digits, end, value: negative ? -magnitude : magnitude, negative, unit });
    consumedTo = unit.end;
    if (re.lastIndex < unit.end) re.lastIndex = unit.end;
  }
  return out;
}

export function findPrefixComparator(pre: string): ComparatorSpelling | null {
  const t = pre.replace(/ /g, '');
  for (const c of PREFIX_SORTED) if (t.indexOf(c.word) >= 0) return c;
  return null;
}

export function containsAny(s: string, words: string[]): boolean {
  const t = s.replace(/ /g, '');
  for (const w of words) if (w && t.indexOf(w) >= 0) return true;
  return false;
}

export function sameUnit(a: string | null, b: string | null): boolean {
  return a === b;
}
