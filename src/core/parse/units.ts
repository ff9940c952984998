// Value parser, part 3: units and how they convert ("万元" against "元", "万人次" against "人次").

import { UNIT_MULTIPLIERS, UNIT_NO_SPLIT, MONEY_UNITS, UNIT_SYNONYMS, UNIT_SEPARATOR_CHARS } from '../data/phrases';
import { MULTIPLIERS_SORTED, normalizeText, roundValue } from './text';

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
  // A bare multiplier ("万", "亿") leaves out the noun the other side names: 112万 against 112万元.
  if (sa.base !== sb.base && sa.base !== '' && sb.base !== '') return null;
  return roundValue(sb.mult / sa.mult);
}
