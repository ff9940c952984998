// Indicator classification for the wording: the type (how a result is said), the result group (产出 →
// 效益 → 满意度) and the name pattern of the phrasebook that turns a name into a verb-first result.

import { IndicatorResult, ParsedValue } from '../core/types';
import { Group, IndicatorType, NamePattern } from './templates';
import { stripNamePrefix } from './format';

export function usable(p: ParsedValue | null): ParsedValue | null {
  return p && p.kind !== 'empty' && p.text.trim() !== '' ? p : null;
}

/** Indicator type for the wording (REFERENCE §2/§5). */
export function indicatorType(ind: IndicatorResult): IndicatorType {
  const t = usable(ind.targetFromStandard ? null : ind.target) ?? usable(ind.effectiveTarget);
  const a = usable(ind.actual);
  if (ind.direction === 'zero') return 'zero';
  if (ind.direction === 'lower') return 'reverse';
  if (ind.direction === 'deadline' || t?.kind === 'date') return 'deadline';
  const timeName = /(时间|时限|日期|期限)$/.test(stripNamePrefix(ind.name.trim()));
  if (timeName && t?.kind !== 'number' && a?.kind !== 'number') return 'deadline';
  const label = ind.name + (ind.level2 ?? '');
  if (/满意/.test(label)) return 'satisfaction';
  if (ind.direction === 'qualitative' || ind.kind === 'qualitative') return 'qualitative';
  const unit = (a && a.kind === 'number' ? a.unit : null) ?? (t && t.kind === 'number' ? t.unit : null);
  if (unit === '%') return 'rate';
  if (unit && /^(元|万元|亿元|千元)$/.test(unit)) return 'money';
  return 'quantity';
}

/** Result group by the 一级 label: 产出 (and 成本) → 效益 → 满意度 → other. */
export function indicatorGroup(ind: IndicatorResult): Group {
  const l1 = ind.level1 ?? '';
  if (/产出|成本/.test(l1)) return 'output';
  if (/效益|效果/.test(l1)) return 'effect';
  if (/满意/.test(l1)) return 'satisfaction';
  if (!l1 && /满意/.test(ind.name + (ind.level2 ?? ''))) return 'satisfaction';
  return 'other';
}

export const GROUP_ORDER: Group[] = ['output', 'effect', 'satisfaction', 'other'];

const COMPILED = new Map<string, RegExp>();

function re(source: string): RegExp {
  let r = COMPILED.get(source);
  if (!r) COMPILED.set(source, (r = new RegExp(source)));
  return r;
}

/** The first pattern for this name, type and actual words, with the groups of its match. */
export function matchName(
  patterns: NamePattern[],
  name: string,
  type: IndicatorType,
  actualWords: string | null,
): { pattern: NamePattern; groups: string[] } | null {
  for (const p of patterns) {
    if (p.types ? p.types.indexOf(type) < 0 : type === 'deadline') continue;
    if (p.actual && (actualWords === null || !re(p.actual).test(actualWords))) continue;
    // "拨付学前家庭经济困难学生补助资金" already opens with the verb the pattern would add.
    if (p.verb && p.template.indexOf(p.verb) === 0 && name.indexOf(p.verb) === 0) continue;
    const m = re(p.match).exec(name);
    if (!m) continue;
    const groups = m.slice(1).map((g) => g ?? '');
    if (groups.some((g) => !g)) continue;
    return { pattern: p, groups };
  }
  return null;
}

/**
 * A time indicator's name without its 时间/时限 ending and a leading 完成 (the result says 完成):
 * "学前公用经费拨付时间" → "学前公用经费拨付"; "完成时限" → "" (nothing left to name).
 */
export function deadlineStem(name: string): string {
  return name
    .replace(/(?:完成)?(?:时间|时限|日期|期限|进度|时效)$/, '')
    .replace(/^完成/, '')
    .replace(/的$/, '');
}
