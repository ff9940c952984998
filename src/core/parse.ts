// Pure value parser: a target or actual cell of a 绩效自评表 → ParsedValue (REFERENCE §3).
// No host, DOM or Node dependency; ES2019 (no lookbehind, no Intl). Every word list is in
// ./data/phrases.ts; this file holds only the logic.

import { Cell } from './snapshot';
import { ParsedValue, DatePoint, Achievement, Op } from './types';
import {
  CHAR_REPLACEMENTS,
  ComparatorSpelling,
  PREFIX_COMPARATORS,
  SUFFIX_COMPARATORS,
  ACTUAL_ALLOWED_COMPARATORS,
  UNSUPPORTED_COMPARATORS,
  UNIT_TAIL_WORDS,
  UNIT_LEAD_APPROX,
  PERCENT_UNITS,
  NUMBER_WORDS,
  KNOWN_UNITS,
  UNIT_MULTIPLIERS,
  UNIT_NO_SPLIT,
  MONEY_UNITS,
  UNIT_SYNONYMS,
  UNIT_SEPARATOR_CHARS,
  EMPTY_MARKERS,
  EMPTY_MARKERS_ACTUAL,
  EMPTY_CHARS,
  RANGE_SEPARATORS,
  YEAR_END_WORDS,
  YEAR_END_CHARS,
  DAY_WORDS,
  DAY_WITHOUT_WORD_FOLLOWERS,
  DOT_DATE_FOLLOWERS,
  CHINESE_MONTH_FOLLOWERS,
  UNIT_STOP_CHARS,
  CHINESE_MONTHS,
  QualitativeWords,
  QUALITATIVE_NONE,
  QUALITATIVE_PARTIAL,
  QUALITATIVE_ACHIEVED,
  NEGATION_EXCEPTIONS,
  QUALITATIVE_IGNORE,
  QUALITATIVE_TRIM_CHARS,
  PROBLEMS,
} from './data/phrases';

export type ValueRole = 'target' | 'actual';

// ---------------------------------------------------------------------------------------------
// Small helpers

const byLengthDesc = (a: string, b: string): number => b.length - a.length;

function sortedWords(words: string[]): string[] {
  return words.slice().sort(byLengthDesc);
}

function sortedSpellings(list: ComparatorSpelling[]): ComparatorSpelling[] {
  return list.slice().sort((a, b) => b.word.length - a.word.length);
}

const PREFIX_SORTED = sortedSpellings(PREFIX_COMPARATORS);
const SUFFIX_SORTED = sortedSpellings(SUFFIX_COMPARATORS);
const TAIL_SORTED = sortedWords(UNIT_TAIL_WORDS);
const PERCENT_SORTED = sortedWords(PERCENT_UNITS);
const RANGE_SORTED = sortedWords(RANGE_SEPARATORS);
const MULTIPLIERS_SORTED = sortedWords(Object.keys(UNIT_MULTIPLIERS));
const KNOWN_WITH_MULT: string[] = (() => {
  const out: string[] = [];
  for (const u of KNOWN_UNITS) {
    out.push(u);
    for (const m of MULTIPLIERS_SORTED) out.push(m + u);
  }
  return sortedWords(out);
})();

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/.test(ch);
}

/** Round away binary float noise: 15 significant digits, then at most 10 decimals. */
function roundValue(x: number): number {
  if (!isFinite(x)) return x;
  if (Number.isInteger(x)) return x === 0 ? 0 : x;
  let r = Number(x.toPrecision(15));
  if (Math.abs(r) < 1e11) r = Number(r.toFixed(10));
  return r === 0 ? 0 : r; // no -0
}

const SORTED_CACHE = new Map<string[], string[]>();

function removeAll(s: string, words: string[]): string {
  let sorted = SORTED_CACHE.get(words);
  if (!sorted) {
    sorted = sortedWords(words);
    SORTED_CACHE.set(words, sorted);
  }
  let out = s;
  for (const w of sorted) {
    if (!w || out.indexOf(w) < 0) continue;
    out = out.split(w).join('');
  }
  return out;
}

function trimChars(s: string, chars: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && chars.indexOf(s[a]) >= 0) a++;
  while (b > a && chars.indexOf(s[b - 1]) >= 0) b--;
  return s.slice(a, b);
}

function base(text: string, kind: ParsedValue['kind']): ParsedValue {
  return { text, kind, op: null, value: null, unit: null };
}

function unknown(text: string, problem: string): ParsedValue {
  const p = base(text, 'unknown');
  p.problem = problem;
  return p;
}

function qualitative(text: string): ParsedValue {
  const p = base(text, 'qualitative');
  const a = judgeQualitative(text);
  if (a) p.achievement = a;
  return p;
}

// ---------------------------------------------------------------------------------------------
// normalizeText

export function normalizeText(s: string): string {
  if (typeof s !== 'string' || s === '') return '';
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    const code = ch.charCodeAt(0);
    const rep = CHAR_REPLACEMENTS[ch];
    if (rep !== undefined) out += rep;
    else if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - 0xfee0);
    else out += ch;
  }
  return out.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// Qualitative phrases

function matchesWords(containsText: string, exactText: string, words: QualitativeWords): boolean {
  for (const w of words.exact) if (exactText === w) return true;
  for (const w of words.contains) if (w && containsText.indexOf(w) >= 0) return true;
  return false;
}

export function judgeQualitative(text: string): Achievement | null {
  if (typeof text !== 'string') return null;
  let t = normalizeText(text).replace(/ /g, '');
  t = trimChars(t, QUALITATIVE_TRIM_CHARS);
  if (!t) return null;
  const stripped = trimChars(removeAll(t, QUALITATIVE_IGNORE), QUALITATIVE_TRIM_CHARS);
  const exact = stripped || t;
  const forNegation = removeAll(stripped, NEGATION_EXCEPTIONS);
  if (matchesWords(forNegation, exact, QUALITATIVE_NONE)) return 'none';
  if (matchesWords(stripped, exact, QUALITATIVE_PARTIAL)) return 'partial';
  if (matchesWords(stripped, exact, QUALITATIVE_ACHIEVED)) return 'achieved';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Dates

interface DateMatch {
  start: number;
  end: number;
  point: DatePoint;
}

function validMonth(m: number | null): boolean {
  return m === null || (m >= 1 && m <= 12);
}

function validDay(d: number | null): boolean {
  return d === null || (d >= 1 && d <= 31);
}

function numOrNull(s: string | undefined): number | null {
  return s === undefined || s === '' ? null : parseInt(s, 10);
}

function escapeRe(w: string): string {
  return w.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

function alternation(words: string[]): string {
  return '(?:' + sortedWords(words).map(escapeRe).join('|') + ')';
}

const RANGE_CLASS = alternation(RANGE_SEPARATORS);
const DAY_WORD = alternation(DAY_WORDS);
/** A day written without 日 counts only before one of these ("2020年12月31" at the end, "6月30前"). */
const DAY_LOOKAHEAD = '(?=$|' + sortedWords(DAY_WITHOUT_WORD_FOLLOWERS).map(escapeRe).join('|') + ')';

/** Finds date expressions in normalised text; later patterns skip text an earlier one took. */
// Built once: findDates runs for every value that mentions 年 or 月.
const RE_MONTH_RANGE = new RegExp('((?:19|20)\\d{2}) ?年 ?(\\d{1,2}) ?' + RANGE_CLASS + ' ?(\\d{1,2}) ?月', 'g');
const RE_YEAR_RANGE = new RegExp('((?:19|20)\\d{2}) ?' + RANGE_CLASS + ' ?((?:19|20)\\d{2}) ?年', 'g');
const RE_CN_MONTH = new RegExp('(' + Object.keys(CHINESE_MONTHS).sort(byLengthDesc).join('|') + ')月', 'g');

function findDates(s: string): DateMatch[] {
  // Every date form below needs 年, 月 or a year followed by . - /: most values have none of these.
  if (s.indexOf('年') < 0 && s.indexOf('月') < 0 && !/(?:19|20)\d{2}[./-]/.test(s)) return [];
  const taken: boolean[] = new Array(s.length).fill(false);
  const out: DateMatch[] = [];
  const free = (a: number, b: number): boolean => {
    for (let i = a; i < b; i++) if (taken[i]) return false;
    return true;
  };
  const take = (a: number, b: number, point: DatePoint): void => {
    for (let i = a; i < b; i++) taken[i] = true;
    out.push({ start: a, end: b, point });
  };
  const scan = (re: RegExp, handle: (m: RegExpExecArray) => { end: number; point: DatePoint } | null): void => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      const start = m.index;
      if (!free(start, start + m[0].length)) continue;
      const r = handle(m);
      if (r && free(start, r.end)) take(start, r.end, r.point);
    }
  };
  const prevChar = (i: number): string | undefined => (i > 0 ? s[i - 1] : undefined);

  // 2020年1-12月 → end of the range.
  scan(RE_MONTH_RANGE, (m) => {
    if (isDigit(prevChar(m.index))) return null;
    const y = parseInt(m[1], 10);
    const m1 = parseInt(m[2], 10);
    const m2 = parseInt(m[3], 10);
    if (!validMonth(m1) || !validMonth(m2)) return null;
    return { end: m.index + m[0].length, point: { year: y, month: m2, day: null } };
  });
  // 2020-2021年 → end year.
  scan(RE_YEAR_RANGE, (m) => {
    if (isDigit(prevChar(m.index))) return null;
    return { end: m.index + m[0].length, point: { year: parseInt(m[2], 10), month: null, day: null } };
  });
  // 2020年12月31日 / 2020年12月 / 2020年(度) / 2020年底
  scan(
    new RegExp('((?:19|20)\\d{2}) ?年(?:度)?(?: ?(\\d{1,2}) ?月(?: ?(\\d{1,2}) ?(?:' + DAY_WORD + '|' + DAY_LOOKAHEAD + '))?)?', 'g'),
    (m) => {
      if (isDigit(prevChar(m.index))) return null;
      const y = parseInt(m[1], 10);
      let month = numOrNull(m[2]);
      const day = numOrNull(m[3]);
      if (!validMonth(month) || !validDay(day)) return null;
      let end = m.index + m[0].length;
      if (month === null && m[0].charAt(m[0].length - 1) === '年' && s[end] !== undefined && YEAR_END_CHARS.indexOf(s[end]) >= 0) {
        month = 12;
        end++;
      }
      return { end, point: { year: y, month, day } };
    },
  );
  // 2020-12-31, 2020/12/31, 2020.1.1, 2020/12, 2020-12, 2020.12 (dot needs a deadline word after it)
  scan(/((?:19|20)\d{2})([./-])(\d{1,2})(?:\2(\d{1,2}))?(?!\d)/g, (m) => {
    const p = prevChar(m.index);
    if (isDigit(p) || p === '.') return null;
    const month = parseInt(m[3], 10);
    const day = numOrNull(m[4]);
    if (!validMonth(month) || !validDay(day)) return null;
    let end = m.index + m[0].length;
    if (s[end] === '.' && isDigit(s[end + 1])) return null; // 2020.12.5.3 or a decimal
    if (m[2] === '.' && day === null) {
      const rest = s.slice(end).replace(/^ +/, '');
      if (rest !== '' && !DOT_DATE_FOLLOWERS.some((w) => rest.indexOf(w) === 0)) return null;
    }
    if (day !== null && s[end] !== undefined && DAY_WORDS.indexOf(s[end]) >= 0) end++;
    const time = /^ ?\d{1,2}:\d{2}(?::\d{2})?/.exec(s.slice(end));
    if (time) end += time[0].length;
    return { end, point: { year: parseInt(m[1], 10), month, day } };
  });
  // 12月31日 / 12月底 (no year)
  scan(new RegExp('(\\d{1,2}) ?月(?: ?(\\d{1,2}) ?(?:' + DAY_WORD + '|' + DAY_LOOKAHEAD + '))?', 'g'), (m) => {
    const p = prevChar(m.index);
    if (isDigit(p) || p === '.') return null;
    const month = parseInt(m[1], 10);
    const day = numOrNull(m[2]);
    if (month < 1 || month > 12 || !validDay(day)) return null;
    return { end: m.index + m[0].length, point: { year: null, month, day } };
  });
  // 十二月底前
  scan(RE_CN_MONTH, (m) => {
    const p = prevChar(m.index);
    if (p !== undefined && /[0-9一二三四五六七八九十百千万个每几数第上下本次两半〇零]/.test(p)) return null;
    // Only in a deadline: "十二月底前" yes, "统一月度考核" no.
    const end = m.index + m[0].length;
    const after = s.slice(end);
    if (after !== '' && !CHINESE_MONTH_FOLLOWERS.some((w) => after.indexOf(w) === 0)) return null;
    return { end, point: { year: null, month: CHINESE_MONTHS[m[1]], day: null } };
  });
  // 年底前完成 (no year) → December
  for (const w of YEAR_END_WORDS) {
    let from = 0;
    for (;;) {
      const i = s.indexOf(w, from);
      if (i < 0) break;
      from = i + 1;
      const p = prevChar(i);
      if (p !== undefined && /[0-9一二三四五六七八九十百千两半几多数〇零]/.test(p)) continue;
      if (free(i, i + w.length)) take(i, i + w.length, { year: null, month: 12, day: null });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function samePoint(a: DatePoint, b: DatePoint): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

function isRangeSeparator(between: string): boolean {
  const t = between.replace(/ /g, '');
  return RANGE_SORTED.indexOf(t) >= 0;
}

/** One date from the matches: a single date, the end of a range, or null (several unrelated dates). */
function resolveDates(s: string, matches: DateMatch[]): DatePoint | null {
  if (matches.length === 0) return null;
  if (matches.length === 2 && isRangeSeparator(s.slice(matches[0].end, matches[1].start))) {
    const a = matches[0].point;
    const b = matches[1].point;
    return { year: b.year !== null ? b.year : a.year, month: b.month, day: b.day };
  }
  const first = matches[0].point;
  for (const m of matches) if (!samePoint(m.point, first)) return null;
  return { year: first.year, month: first.month, day: first.day };
}

function removeSpans(s: string, matches: DateMatch[]): string {
  let out = '';
  let pos = 0;
  for (const m of matches) {
    out += s.slice(pos, m.start) + ' ';
    pos = m.end;
  }
  return out + s.slice(pos);
}

export function parseDateText(text: string): DatePoint | null {
  if (typeof text !== 'string') return null;
  const n = normalizeText(text);
  if (!n) return null;
  return resolveDates(n, findDates(n));
}

export function isDateFormat(numFmt: string | undefined): boolean {
  if (typeof numFmt !== 'string' || !numFmt) return false;
  let s = numFmt.split(';')[0];
  s = s
    .replace(/"[^"]*"/g, '')
    .replace(/\\./g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/AM\/PM|A\/P/gi, '')
    .replace(/上午\/下午/g, '')
    .replace(/general/gi, '');
  if (s.indexOf('%') >= 0) return false;
  if (/[yd]/i.test(s)) return true;
  if (/[年月日]/.test(s)) return true;
  if (/m/i.test(s) && !/[hs]/i.test(s)) return true;
  return false;
}

const MS_PER_DAY = 86400000;

export function serialToDate(serial: number): DatePoint {
  const none: DatePoint = { year: null, month: null, day: null };
  if (typeof serial !== 'number' || !isFinite(serial)) return none;
  const whole = Math.floor(serial);
  // Excel's 1900 system counts the non-existent 1900-02-29 as serial 60.
  if (whole === 60) return { year: 1900, month: 2, day: 29 };
  const offset = whole < 60 ? whole : whole - 1;
  if (Math.abs(offset) > 3e6) return none;
  const d = new Date(Date.UTC(1899, 11, 31) + offset * MS_PER_DAY);
  if (isNaN(d.getTime())) return none;
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function compareDates(actual: DatePoint, deadline: DatePoint): -1 | 0 | 1 | null {
  if (!actual || !deadline) return null;
  const ok = (v: unknown): v is number | null => v === null || (typeof v === 'number' && isFinite(v));
  if (!ok(actual.year) || !ok(actual.month) || !ok(actual.day)) return null;
  if (!ok(deadline.year) || !ok(deadline.month) || !ok(deadline.day)) return null;
  const empty = (p: DatePoint): boolean => p.year === null && p.month === null && p.day === null;
  if (empty(actual) || empty(deadline)) return null;
  const ay = actual.year !== null ? actual.year : deadline.year;
  const dy = deadline.year !== null ? deadline.year : actual.year;
  const sign = (a: number, b: number): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);
  if (ay !== null && dy !== null) {
    const c = sign(ay, dy);
    if (c !== 0) return c;
  }
  // A year-only side compares at year precision (and when neither has a year, at nothing): same.
  if (actual.month === null || deadline.month === null) {
    return ay === null && dy === null ? null : 0;
  }
  const cm = sign(actual.month, deadline.month);
  if (cm !== 0) return cm;
  // A month-only deadline is the end of that month: any day of it is on time (coarser precision).
  if (actual.day === null || deadline.day === null) return 0;
  return sign(actual.day, deadline.day);
}

// ---------------------------------------------------------------------------------------------
// Units

interface SplitUnit {
  mult: number;
  base: string;
}

function canonicalUnit(u: string): string {
  let t = normalizeText(u).replace(/ /g, '');
  for (const ch of UNIT_SEPARATOR_CHARS) t = t.split(ch).join('.');
  const parts = t.split('/');
  return parts.map((p) => (UNIT_SYNONYMS[p] !== undefined ? UNIT_SYNONYMS[p] : p)).join('/');
}

function splitUnit(u: string): SplitUnit {
  const t = canonicalUnit(u);
  if (MONEY_UNITS[t] !== undefined) return { mult: MONEY_UNITS[t], base: '元' };
  const slash = t.indexOf('/');
  const head = slash >= 0 ? t.slice(0, slash) : t;
  const rest = slash >= 0 ? t.slice(slash) : '';
  if (MONEY_UNITS[head] !== undefined) return { mult: MONEY_UNITS[head], base: '元' + rest };
  if (UNIT_NO_SPLIT.indexOf(head) < 0) {
    for (const m of MULTIPLIERS_SORTED) {
      if (head.indexOf(m) === 0) {
        const b = head.slice(m.length);
        const bb = UNIT_SYNONYMS[b] !== undefined ? UNIT_SYNONYMS[b] : b;
        return { mult: UNIT_MULTIPLIERS[m], base: bb + rest };
      }
    }
  }
  return { mult: 1, base: t };
}

export function unitFactor(unitA: string | null, unitB: string | null): number | null {
  const a = typeof unitA === 'string' ? unitA.trim() : '';
  const b = typeof unitB === 'string' ? unitB.trim() : '';
  if (!a || !b) return 1;
  if (a === b) return 1;
  const sa = splitUnit(a);
  const sb = splitUnit(b);
  if (sa.base !== sb.base) return null;
  return roundValue(sb.mult / sa.mult);
}

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

function startsWithAny(s: string, at: number, sortedList: string[]): string | null {
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

interface NumToken {
  /** Index of the sign or first digit. */
  start: number;
  /** Index of the first digit. */
  digits: number;
  end: number;
  value: number;
  negative: boolean;
  unit: UnitInfo;
}

function findNumbers(s: string): NumToken[] {
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

function findPrefixComparator(pre: string): ComparatorSpelling | null {
  const t = pre.replace(/ /g, '');
  for (const c of PREFIX_SORTED) if (t.indexOf(c.word) >= 0) return c;
  return null;
}

function containsAny(s: string, words: string[]): boolean {
  const t = s.replace(/ /g, '');
  for (const w of words) if (w && t.indexOf(w) >= 0) return true;
  return false;
}

function sameUnit(a: string | null, b: string | null): boolean {
  return a === b;
}

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
  const s = f.split(';')[0].replace(/"[^"]*"/g, '').replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
  return s.indexOf('%') >= 0;
}

export function parseCell(cell: Cell | null | undefined, role: ValueRole): ParsedValue {
  if (cell === null || cell === undefined || typeof cell !== 'object') return base('', 'empty');
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
