// Value parser, part 2: dates and deadlines inside normalised text ("2020年12月底前", "2020.1.1-2020.12.31").

import {
  RANGE_SEPARATORS,
  YEAR_END_WORDS,
  YEAR_END_CHARS,
  DAY_WORDS,
  DAY_WITHOUT_WORD_FOLLOWERS,
  DOT_DATE_FOLLOWERS,
  CHINESE_MONTH_FOLLOWERS,
  CHINESE_MONTHS,
} from '../data/phrases';
import type { DatePoint } from '../types';
import { RANGE_SORTED, byLengthDesc, isDigit, normalizeText, sortedWords } from './text';

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

export function findDates(s: string): DateMatch[] {
  // Every date form below needs 年, 月 or a year followed by . - /: most values have none of these.
  if (s.indexOf('年') < 0 && s.indexOf('月') < 0 && !/(?:19|20)\d{2}[.\-/]/.test(s)) return [];
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
  scan(/((?:19|20)\d{2})([.\-/])(\d{1,2})(?:\2(\d{1,2}))?(?!\d)/g, (m) => {
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

export function isRangeSeparator(between: string): boolean {
  const t = between.replace(/ /g, '');
  return RANGE_SORTED.indexOf(t) >= 0;
}

/** One date from the matches: a single date, the end of a range, or null (several unrelated dates). */
export function resolveDates(s: string, matches: DateMatch[]): DatePoint | null {
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

export function removeSpans(s: string, matches: DateMatch[]): string {
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
