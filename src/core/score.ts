// Scoring rules (REFERENCE §2). Pure functions over numbers; every profile choice comes in as data.

import { ScoringProfile } from './data/profiles';
import { Achievement, Direction, Grade } from './types';

/** Tolerance for comparing computed scores and amounts (float noise, never a policy margin). */
export const EPS = 1e-9;

export function roundScore(x: number, p: ScoringProfile): number {
  const f = Math.pow(10, p.rounding.decimals);
  // Epsilon keeps 0.285 × 100 = 28.499999… from rounding the wrong way.
  const v = p.rounding.mode === 'truncate' ? Math.floor(x * f + EPS) / f : Math.round(x * f + EPS * Math.sign(x)) / f;
  return Object.is(v, -0) ? 0 : v;
}

/** Round to 2 decimals (money, sums) independent of the profile. */
export function round2(x: number): number {
  const v = Math.round(x * 100 + EPS * Math.sign(x)) / 100;
  return Object.is(v, -0) ? 0 : v;
}

/**
 * Quantitative score. a = target, b = actual (same unit), w = 分值.
 * higher: full when b ≥ a, else b/a × w.  lower: full when b ≤ a, else A/B × w (or the linear variant).
 * zero: full when b ≤ 0, else 0.
 */
export function quantitativeScore(direction: Direction, a: number, b: number, w: number, p: ScoringProfile): { met: boolean; raw: number } {
  switch (direction) {
    case 'higher': {
      if (b >= a) return { met: true, raw: w };
      if (a <= 0) return { met: true, raw: w };
      return { met: false, raw: Math.max(0, b / a) * w };
    }
    case 'lower': {
      if (b <= a) return { met: true, raw: w };
      if (p.reverseFormula === 'linear') {
        if (a <= 0 || b >= 2 * a) return { met: false, raw: 0 };
        return { met: false, raw: Math.max(0, 1 - (b - a) / a) * w };
      }
      return { met: false, raw: b > 0 && a > 0 ? (a / b) * w : 0 };
    }
    case 'zero':
      return b <= 0 ? { met: true, raw: w } : { met: false, raw: 0 };
    default:
      throw new Error(`not a quantitative direction: ${direction}`);
  }
}

/** Score band [low, high] (fractions of 分值) of a qualitative achievement. */
export function band(a: Achievement, p: ScoringProfile): [number, number] {
  const { high, low } = p.qualitativeBands;
  if (a === 'achieved') return [high, 1];
  if (a === 'partial') return [low, high];
  return [0, low];
}

/**
 * Qualitative score: the self-score is kept when it lies inside the band of the judged achievement,
 * otherwise the band's top is used (and the caller reports qualitative-band).
 */
export function qualitativeScore(a: Achievement, self: number | null, w: number, p: ScoringProfile): { raw: number; inBand: boolean } {
  const [lo, hi] = band(a, p);
  if (self !== null && w > 0) {
    const f = self / w;
    if (f >= lo - EPS && f <= hi + EPS) return { raw: self, inBand: true };
    return { raw: hi * w, inBand: false };
  }
  return { raw: hi * w, inBand: self === null };
}

export function grade(score: number, p: ScoringProfile): Grade {
  const g = p.grades;
  const excellent = g.strictExcellent ? score > g.excellent : score >= g.excellent;
  if (excellent) return '优';
  if (score >= g.good) return '良';
  if (score >= g.pass) return '中';
  return '差';
}
