import { quantitativeScore, qualitativeScore, roundScore, grade, band } from '../../src/core/score';
import { NATIONAL, PROFILES, findProfile } from '../../src/core/data/profiles';

const yitihua = findProfile('yitihua')!;
const hubei = findProfile('hubei')!;

describe('quantitative scoring (national profile)', () => {
  test.each([
    // direction, A, B, 分值, met, expected score — arithmetic in the comment
    ['higher', 95, 98, 10, true, 10], // B ≥ A → full
    ['higher', 95, 95, 10, true, 10],
    ['higher', 95, 94.6, 10, false, 9.96], // 94.6/95 × 10 = 9.9579 → 9.96
    ['higher', 14726, 12000, 20, false, 16.3], // 12000/14726 × 20 = 16.2977 → 16.3
    ['higher', 100, 0, 5, false, 0],
    ['lower', 90, 85, 10, true, 10], // B ≤ A → full
    ['lower', 90, 96, 10, false, 9.38], // A/B × 分值 = 90/96 × 10 = 9.375 → 9.38
    ['lower', 5, 10, 4, false, 2], // 5/10 × 4 = 2
    ['zero', 0, 0, 5, true, 5], // B ≤ 0 → full
    ['zero', 0, 1, 5, false, 0], // any incident → 0
  ] as const)('%s A=%p B=%p 分值=%p', (dir, a, b, w, met, expected) => {
    const q = quantitativeScore(dir, a, b, w, NATIONAL);
    expect(q.met).toBe(met);
    expect(roundScore(q.raw, NATIONAL)).toBe(expected);
  });

  test('linear reverse variant: (1 − (B−A)/A) × 分值, 0 when B ≥ 2A', () => {
    // (1 − (96−90)/90) × 10 = (1 − 0.0667) × 10 = 9.333 → truncated to whole points = 9
    expect(roundScore(quantitativeScore('lower', 90, 96, 10, yitihua).raw, yitihua)).toBe(9);
    expect(quantitativeScore('lower', 90, 180, 10, yitihua).raw).toBe(0);
    expect(quantitativeScore('lower', 90, 200, 10, yitihua).raw).toBe(0);
  });
});

describe('qualitative bands', () => {
  test('national bands 100–80 / 80–60 / 60–0 %', () => {
    expect(band('achieved', NATIONAL)).toEqual([0.8, 1]);
    expect(band('partial', NATIONAL)).toEqual([0.6, 0.8]);
    expect(band('none', NATIONAL)).toEqual([0, 0.6]);
    expect(band('partial', hubei)).toEqual([0.5, 0.8]);
  });
  test('self-score kept inside its band', () => {
    // partial, 分值 10: band 6–8; self 7 is inside
    expect(qualitativeScore('partial', 7, 10, NATIONAL)).toEqual({ raw: 7, inBand: true });
  });
  test('outside the band → band top', () => {
    // partial, self 10 > 8 → 8
    expect(qualitativeScore('partial', 10, 10, NATIONAL)).toEqual({ raw: 8, inBand: false });
    // achieved, self 5 < 8 → 10
    expect(qualitativeScore('achieved', 5, 10, NATIONAL)).toEqual({ raw: 10, inBand: false });
  });
  test('no self-score → band top', () => {
    expect(qualitativeScore('none', null, 10, NATIONAL).raw).toBe(6);
  });
});

describe('grades and rounding', () => {
  test.each([
    [100, '优'],
    [90, '优'],
    [89.99, '良'],
    [80, '良'],
    [79.5, '中'],
    [60, '中'],
    [59.99, '差'],
  ] as const)('%p → %s', (s, g) => expect(grade(s, NATIONAL)).toBe(g));
  test('strict 优 (> 90) in the yitihua profile', () => {
    expect(grade(90, yitihua)).toBe('良');
    expect(grade(90.5, yitihua)).toBe('优');
  });
  test('round half up at 2 decimals, truncation at 0 decimals', () => {
    expect(roundScore(9.375, NATIONAL)).toBe(9.38);
    expect(roundScore(0.285 * 100, NATIONAL)).toBe(28.5);
    expect(roundScore(9.8, yitihua)).toBe(9);
  });
  test('profiles have unique ids and national is first', () => {
    expect(PROFILES[0].id).toBe('national');
    expect(new Set(PROFILES.map((p) => p.id)).size).toBe(PROFILES.length);
  });
});
