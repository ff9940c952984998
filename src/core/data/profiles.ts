// Scoring profiles: every disputed choice of REFERENCE §2.2 is a setting here, so a province's
// practice is a data change. `national` is the default (财预〔2020〕10号 and the 自评表 填报说明).

export interface ScoringProfile {
  id: string;
  name: string;
  description: string;
  /** Lower-is-better shortfall: 'ratio' = A/B × 分值; 'linear' = (1 − (B−A)/A) × 分值, 0 when B ≥ 2A. */
  reverseFormula: 'ratio' | 'linear';
  /** Qualitative bands as fractions of 分值: achieved [high, 1], partial [low, high), none [0, low). */
  qualitativeBands: { high: number; low: number };
  /** Grade thresholds on the total score; strictExcellent: 优 needs > 优 instead of ≥. */
  grades: { excellent: number; good: number; pass: number; strictExcellent: boolean };
  /** Default 分值 of 预算执行率 (used only in messages; the sheet's own 分值 wins). */
  budgetWeight: number;
  /** Over-completion flag when actual ≥ ratio × target (higher-is-better rows). */
  overAchievedRatio: number;
  /** Over-completion needs a reason (Guangxi); the finding becomes an error when the reason is empty. */
  overAchievedNeedsReason: boolean;
  /** Rounding of scores: decimals, and round or truncate. */
  rounding: { decimals: number; mode: 'round' | 'truncate' };
  /** |self − rule score| at or above this raises score-mismatch. */
  scoreTolerance: number;
  /** Execution rate below this raises low-execution. */
  lowExecutionRate: number;
  /** A deadline missed is scored like a qualitative row of this band. */
  deadlineMissedBand: 'partial' | 'none';
  /** Weight sums are compared with this tolerance (points). */
  weightTolerance: number;
}

export const NATIONAL: ScoringProfile = {
  id: 'national',
  name: '全国通用（财预〔2020〕10号）',
  description: '正向指标 B/A×分值，反向指标 A/B×分值；定性指标 100–80%/80–60%/60–0%；优≥90 良≥80 中≥60；保留两位小数。',
  reverseFormula: 'ratio',
  qualitativeBands: { high: 0.8, low: 0.6 },
  grades: { excellent: 90, good: 80, pass: 60, strictExcellent: false },
  budgetWeight: 10,
  overAchievedRatio: 1.2,
  overAchievedNeedsReason: false,
  rounding: { decimals: 2, mode: 'round' },
  scoreTolerance: 0.5,
  lowExecutionRate: 0.9,
  deadlineMissedBand: 'partial',
  weightTolerance: 0.01,
};

export const PROFILES: ScoringProfile[] = [
  NATIONAL,
  {
    ...NATIONAL,
    id: 'hubei',
    name: '湖北式（预算执行率20分，定性80/50）',
    description: '预算执行率分值20；定性指标档次 100–80%/80–50%/50–0%。其余同全国通用。',
    qualitativeBands: { high: 0.8, low: 0.5 },
    budgetWeight: 20,
  },
  {
    ...NATIONAL,
    id: 'guangxi',
    name: '广西式（超额30%须说明原因）',
    description: '实际值达到目标值130%及以上视为超额完成，必须填写原因。其余同全国通用。',
    overAchievedRatio: 1.3,
    overAchievedNeedsReason: true,
  },
  {
    ...NATIONAL,
    id: 'yitihua',
    name: '一体化系统式（反向指标线性扣分，整数分）',
    description: '反向指标按 (1−(B−A)/A)×分值 计分、B≥2A 得0分；得分取整（截尾）；优须高于90分。',
    reverseFormula: 'linear',
    rounding: { decimals: 0, mode: 'truncate' },
    grades: { excellent: 90, good: 80, pass: 60, strictExcellent: true },
  },
];

export function findProfile(id: string | undefined): ScoringProfile | null {
  if (!id) return NATIONAL;
  return PROFILES.find((p) => p.id === id) ?? null;
}
