// Value parser, part 1: text normalisation, shared helpers and qualitative phrases.

import {
  CHAR_REPLACEMENTS,
  ComparatorSpelling,
  PREFIX_COMPARATORS,
  SUFFIX_COMPARATORS,
  UNIT_TAIL_WORDS,
  PERCENT_UNITS,
  KNOWN_UNITS,
  UNIT_MULTIPLIERS,
  RANGE_SEPARATORS,
  QualitativeWords,
  QUALITATIVE_NONE,
  QUALITATIVE_PARTIAL,
  QUALITATIVE_ACHIEVED,
  NEGATION_EXCEPTIONS,
  QUALITATIVE_IGNORE,
  QUALITATIVE_TRIM_CHARS,
} from '../data/phrases';
import type { ParsedValue, Achievement } from '../types';

// ---------------------------------------------------------------------------------------------
// Small helpers

export const byLengthDesc = (a: string, b: string): number => b.length - a.length;

export function sortedWords(words: string[]): string[] {
  return words.slice().sort(byLengthDesc);
}

function sortedSpellings(list: ComparatorSpelling[]): ComparatorSpelling[] {
  return list.slice().sort((a, b) => b.word.length - a.word.length);
}

export const PREFIX_SORTED = sortedSpellings(PREFIX_COMPARATORS);
export const SUFFIX_SORTED = sortedSpellings(SUFFIX_COMPARATORS);
export const TAIL_SORTED = sortedWords(UNIT_TAIL_WORDS);
export const PERCENT_SORTED = sortedWords(PERCENT_UNITS);
export const RANGE_SORTED = sortedWords(RANGE_SEPARATORS);
export const MULTIPLIERS_SORTED = sortedWords(Object.keys(UNIT_MULTIPLIERS));
export const KNOWN_WITH_MULT: string[] = (() => {
  const out: string[] = [];
  for (const u of KNOWN_UNITS) {
    out.push(u);
    for (const m of MULTIPLIERS_SORTED) out.push(m + u);
  }
  return sortedWords(out);
})();

export function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

export function isSpace(ch: string | undefined): boolean {
  return ch !== undefined && /\s/.test(ch);
}

/** Round away binary float noise: 15 significant digits, then at most 10 decimals. */
export function roundValue(x: number): number {
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

export function base(text: string, kind: ParsedValue['kind']): ParsedValue {
  return { text, kind, op: null, value: null, unit: null };
}

export function unknown(text: string, problem: string): ParsedValue {
  const p = base(text, 'unknown');
  p.problem = problem;
  return p;
}

export function qualitative(text: string): ParsedValue {
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
