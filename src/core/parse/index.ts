// Pure value parser: a target or actual cell of a 绩效自评表 → ParsedValue (REFERENCE §3).
// No host, DOM or Node dependency; ES2019 (no lookbehind, no Intl). Every word list is in
// ../data/phrases.ts; these files hold only the logic: text.ts (normalising, qualitative phrases),
// dates.ts, units.ts, numbers.ts, and here the entry points parseText / parseCell.

import {
  ACTUAL_ALLOWED_COMPARATORS,
  UNSUPPORTED_COMPARATORS,
  PERCENT_UNITS,
  NUMBER_WORDS,
  EMPTY_MARKERS,
  EMPTY_MARKERS_ACTUAL,
  EMPTY_CHARS,
  PROBLEMS,
} from '../data/phrases';
import type { ParsedValue, Op } from '../types';
import { Cell, cellError } from '../snapshot';
import { PERCENT_SORTED, base, normalizeText, qualitative, roundValue, unknown } from './text';
import { findDates, isDateFormat, isRangeSeparator, removeSpans, resolveDates, serialToDate } from './dates';
import { NumToken, containsAny, findNumbers, findPrefixComparator, sameUnit, startsWithAny } from './numbers';

export type ValueRole = 'target' | 'actual';

// ---------------------------------------------------------------------------------------------
// parseText / parseCell

function isEmptyText(compact: string, role: ValueRole): boolean {
  if (EMPTY_MARKERS.indexOf(compact) >= 0) return true;
  if (role === 'actual' && EMPTY_MARKERS_ACTUAL.indexOf(compact) >= 0) return true;
  for (const ch of compact) if (EMPTY_CHARS.indexOf(ch) < 0) return false;
  return true;
}

// Sheets repeat the same texts ("100%", "≥95%", "有效") many times: parse each once. Results are
// shared, so callers treat ParsedValue as read-only (they copy with spread when they change one).
// One map per role: keyed by the text itself, no concatenated key to build and hash per lookup.
const TEXT_CACHE: Record<ValueRole, Map<string, ParsedValue>> = { target: new Map(), actual: new Map() };
const TEXT_CACHE_MAX = 25000;

export function parseText(text: string, role: ValueRole): ParsedValue {
  if (typeof text !== 'string') return parseTextUncached(text, role);
  const cache = TEXT_CACHE[role];
  const hit = cache.get(text);
  if (hit) return hit;
  const p = parseTextUncached(text, role);
  if (cache.size >= TEXT_CACHE_MAX) cache.clear();
  cache.set(text, p);
  return p;
}

function parseTextUncached(text: string, role: ValueRole): ParsedValue {
  const raw = typeof text === 'string' ? text.trim() : '';
  let n = normalizeText(raw);
  const compact = n.replace(/ /g, '');
  if (isEmptyText(compact, role)) return base(raw, 'empty');

  if (containsAny(n, UNSUPPORTED_COMPARATORS)) return unknown(raw, PROBLEMS.unsupportedComparator);

  for (const w of Object.keys(NUMBER_WORDS)) if (n.indexOf(w) >= 0) n = n.split(w).join(NUMBER_WORDS[w]);

  // Dates and deadlines.
  const dates = findDates(n);
  const point = resolveDates(n, dates);
  if (point) {
    const rest = removeSpans(n, dates);
    if (!/\d/.test(rest)) {
      if (role === 'actual') {
        const c = findPrefixComparator(rest);
        if (c && ACTUAL_ALLOWED_COMPARATORS.indexOf(c.word) < 0) return unknown(raw, PROBLEMS.actualComparator);
      }
      const p = base(raw, 'date');
      p.op = role === 'target' ? '<=' : null;
      p.date = point;
      return p;
    }
  }

  // Numbers.
  const tokens = findNumbers(n);
  if (tokens.length === 0) return qualitative(raw);

  let tok: NumToken | null = null;
  let range: { low: number; unit: string | null } | null = null;
  if (tokens.length === 1) {
    tok = tokens[0];
  } else if (tokens.every((t) => t.value === tokens[0].value && sameUnit(t.unit.unit, tokens[0].unit.unit))) {
    tok = tokens[0];
  } else if (tokens.length === 2) {
    const [a, b] = tokens;
    let between = n.slice(a.end, b.digits).replace(/ /g, '');
    if (a.unit.unit !== null) {
      const u = a.unit.unit === '%' ? startsWithAny(between, 0, PERCENT_SORTED) : between.indexOf(a.unit.unit) === 0 ? a.unit.unit : null;
      if (u) between = between.slice(u.length);
    }
    const unitsAgree = a.unit.unit === null || sameUnit(a.unit.unit, b.unit.unit);
    if (isRangeSeparator(between) && unitsAgree && !a.negative) {
      const hi = Math.abs(b.value);
      range = { low: Math.min(a.value, hi), unit: b.unit.unit !== null ? b.unit.unit : a.unit.unit };
    }
  }

  if (range) {
    if (role === 'actual') return unknown(raw, PROBLEMS.actualRange);
    if (!isFinite(range.low)) return unknown(raw, PROBLEMS.invalidNumber);
    const p = base(raw, 'number');
    p.op = '>=';
    p.value = roundValue(range.low);
    p.unit = range.unit;
    return p;
  }
  if (!tok) return unknown(raw, PROBLEMS.multipleNumbers);
  if (!isFinite(tok.value)) return unknown(raw, PROBLEMS.invalidNumber);

  const pre = n.slice(0, tok.start);
  const prefix = findPrefixComparator(pre);
  let op: Op | null = null;
  let strict = false;
  let comparatorWord: string | null = null;
  if (prefix && !(prefix.weak && tok.unit.op)) {
    op = prefix.op;
    strict = !!prefix.strict;
    comparatorWord = prefix.word;
  } else if (tok.unit.op) {
    op = tok.unit.op;
    strict = tok.unit.strict;
    comparatorWord = '';
  }
  if (role === 'actual' && comparatorWord !== null) {
    if (ACTUAL_ALLOWED_COMPARATORS.indexOf(comparatorWord) < 0) return unknown(raw, PROBLEMS.actualComparator);
    op = null;
    strict = false;
  }
  const p = base(raw, 'number');
  p.op = op;
  if (strict && op) p.strict = true;
  p.value = roundValue(tok.value);
  p.unit = tok.unit.unit;
  return p;
}

/** Literal text in a number format after the number ('0.00"万元"' → 万元), first section only. */
function formatLiteralUnit(f: string): string | null {
  const section = f.split(';')[0];
  const stripped = section.replace(/\[[^\]]*\]/g, '');
  let lastPlaceholder = -1;
  let inQuote = false;
  for (let i = 0; i < stripped.length; i++) {
    const ch = stripped[i];
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && ch === '\\') i++;
    else if (!inQuote && (ch === '0' || ch === '#' || ch === '?')) lastPlaceholder = i;
  }
  if (lastPlaceholder < 0) return null;
  const tail = stripped.slice(lastPlaceholder + 1);
  let lit = '';
  const re = /"([^"]*)"|\\(.)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tail)) !== null) lit += m[1] !== undefined ? m[1] : m[2];
  lit = lit.trim();
  if (!lit || /\d/.test(lit)) return null;
  return lit;
}

function unquotedPercent(f: string): boolean {
  const s = f
    .split(';')[0]
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '');
  return s.indexOf('%') >= 0;
}

export function parseCell(cell: Cell | null | undefined, role: ValueRole): ParsedValue {
  if (cell === null || cell === undefined || typeof cell !== 'object') return base('', 'empty');
  // An error value (#DIV/0!, also WPS's numeric error code behind the text) or a formula never
  // calculated is no value at all: 待核实, never the 0 its characters might spell.
  const err = cellError(cell);
  if (err) return unknown(err, `${PROBLEMS.errorValue}${err}`);
  if (cell.uncalculated) return unknown('', PROBLEMS.uncalculated);
  const display = typeof cell.t === 'string' ? cell.t.trim() : '';
  const f = typeof cell.f === 'string' ? cell.f : undefined;
  const v = cell.v;

  if (typeof v === 'number') {
    const text = display || String(v);
    if (!isFinite(v)) return unknown(text, PROBLEMS.invalidNumber);
    if (f && unquotedPercent(f)) {
      // A value near the largest double overflows when shown as a percent: unreadable, not infinite.
      if (!isFinite(v * 100)) return unknown(text, PROBLEMS.invalidNumber);
      const p = base(text, 'number');
      p.value = roundValue(v * 100);
      p.unit = '%';
      return p;
    }
    if (isDateFormat(f)) {
      const d = serialToDate(v);
      if (d.year === null) return unknown(text, PROBLEMS.invalidDate);
      const p = base(text, 'date');
      p.op = role === 'target' ? '<=' : null;
      p.date = d;
      return p;
    }
    // No (usable) format but the display text shows a date or a percent.
    if (display && display !== String(v)) {
      const shown = parseText(display, role);
      if (shown.kind === 'date' && shown.date && shown.date.year !== null && serialToDate(v).year === shown.date.year) {
        const p = base(text, 'date');
        p.op = role === 'target' ? '<=' : null;
        p.date = serialToDate(v);
        return p;
      }
      if (shown.kind === 'number' && shown.unit === '%' && shown.op === null && shown.value !== null) {
        const p = base(text, 'number');
        const scaled = Math.abs(shown.value - v * 100) < Math.abs(shown.value - v);
        p.value = roundValue(scaled ? v * 100 : v);
        p.unit = '%';
        return p;
      }
    }
    const p = base(text, 'number');
    p.value = roundValue(v);
    const lit = f ? formatLiteralUnit(f) : null;
    if (lit) p.unit = PERCENT_UNITS.indexOf(lit) >= 0 ? '%' : lit;
    return p;
  }
  if (typeof v === 'string') {
    const p = parseText(v, role);
    if (display) p.text = display;
    return p;
  }
  if (typeof v === 'boolean') {
    const p = base(display || (v ? 'TRUE' : 'FALSE'), 'qualitative');
    p.achievement = v ? 'achieved' : 'none';
    return p;
  }
  // v null or something unexpected: fall back on the display text.
  if (display) return parseText(display, role);
  return base('', 'empty');
}

export { normalizeText, judgeQualitative } from './text';
export { parseDateText, isDateFormat, serialToDate, compareDates } from './dates';
export { unitFactor } from './units';
