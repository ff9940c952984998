// Small formatting helpers for messages (Chinese text, numbers without float noise).

import { ParsedValue } from './types';

/** 95 → "95", 92.5 → "92.5", 0.1+0.2 → "0.3"; at most 4 decimals, no trailing zeros. */
export function fmtNum(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const s = (Math.round(x * 10000) / 10000).toFixed(4);
  return s.replace(/\.?0+$/, '') || '0';
}

/** A file name without its extension, for naming what is made from it: "shenze-2020.xlsx" → "shenze-2020". */
export function baseName(fileName: string): string {
  return fileName.replace(/\.[A-Za-z0-9]+$/, '') || '工作簿';
}

export function fmtValue(v: ParsedValue | null): string {
  return v ? v.text : '';
}

/** What is shown where a score cannot be computed (a table without readable 分值): never a 0 or a guess. */
export const UNSCORABLE = '无法核算';

/** A total as people read it: "88.69 分（良）", or 无法核算. */
export function fmtTotal(t: { score: number | null; grade: string | null }): string {
  return t.score === null || t.grade === null ? UNSCORABLE : `${fmtNum(t.score)} 分（${t.grade}）`;
}
