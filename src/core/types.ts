// The engine's data model. The JSON contract (toJson in core/json.ts) is a projection of it.

import type { FindingCode } from './data/findings';

export type { FindingCode };
export type Op = '>=' | '<=' | '=';
export type Severity = 'error' | 'warning' | 'info';
export type Status = 'met' | 'unmet' | 'unknown';
export type Grade = '优' | '良' | '中' | '差';

/** A calendar point; month/day may be missing ("2020年12月底前"). year null when the text gives none. */
export interface DatePoint {
  year: number | null;
  month: number | null;
  day: number | null;
}

/** Judgement of a qualitative phrase. */
export type Achievement = 'achieved' | 'partial' | 'none';

/**
 * One parsed value (target or actual).
 * kind:
 *  - number: a number with optional comparator and unit (percent → value 95, unit "%")
 *  - date: a date or deadline (op "<=" for 前/之前/底前 …)
 *  - qualitative: words (有效, 显著提高 …), judged in `achievement` when recognisable
 *  - empty: blank, "—", "/"
 *  - unknown: could not be read (several numbers, junk); never guessed
 */
export interface ParsedValue {
  text: string;
  kind: 'number' | 'date' | 'qualitative' | 'empty' | 'unknown';
  op: Op | null;
  /** true for strict comparators (大于, >, 低于, <): only recorded, scoring treats them like ≥/≤. */
  strict?: boolean;
  value: number | null;
  unit: string | null;
  /** For kind date. For a range "2020.1.1-2020.12.31" this is the end. */
  date?: DatePoint;
  /** For kind qualitative when the phrase is recognised. */
  achievement?: Achievement;
  /** Why kind is unknown (Chinese, for the finding message). */
  problem?: string;
}

export interface Finding {
  row: number | null;
  cell: string | null;
  code: FindingCode;
  severity: Severity;
  message: string;
}

export type Direction = 'higher' | 'lower' | 'zero' | 'deadline' | 'qualitative';

export interface IndicatorResult {
  row: number;
  level1: string | null;
  level2: string | null;
  name: string;
  target: ParsedValue | null;
  actual: ParsedValue | null;
  kind: 'quantitative' | 'qualitative';
  status: Status;
  weight: number | null;
  selfScore: number | null;
  score: number | null;
  reason: string | null;
  // Engine-only detail (not in the JSON contract).
  direction: Direction | null;
  /** Target actually used: the row's own, or the standard's when the row has none. */
  effectiveTarget: ParsedValue | null;
  targetFromStandard: boolean;
  /** For a qualitative/deadline row: the judged achievement. */
  achievement?: Achievement;
  /** Actual / target after unit normalisation, when both are numbers. */
  ratio: number | null;
  /** Cell addresses of the row's parts, for links and highlights. */
  cells: {
    name: string;
    target: string | null;
    actual: string | null;
    weight: string | null;
    score: string | null;
    reason: string | null;
  };
}

export interface BudgetResult {
  row: number;
  planned: number | null;
  executed: number | null;
  rate: number | null;
  weight: number | null;
  selfScore: number | null;
  score: number | null;
  /** Money unit of the block: 万元 or 元. */
  unit: string;
  initial: number | null;
  cells: { planned: string | null; executed: string | null; score: string | null; rate: string | null };
  /** The 其中 rows: label and amounts. */
  parts: { row: number; label: string; initial: number | null; planned: number | null; executed: number | null }[];
}

export interface TotalResult {
  weight: number;
  selfScore: number | null;
  /** 核算得分; null when the table cannot be scored (无法核算: no readable 分值). Never a guess. */
  score: number | null;
  /** null exactly when score is null. */
  grade: Grade | null;
  /** Total row as written on the sheet, if any. */
  sheetRow: number | null;
  sheetSelfScore: number | null;
  /** The cell holding sheetSelfScore (the 总分 row's 得分, or the value beside a 自评得分 label above the grid). */
  sheetSelfCell: string | null;
  /** Number of indicators that count with their self-score because they could not be judged. */
  pending: number;
}

export interface GoalBlock {
  row: number;
  expected: string | null;
  actual: string | null;
}

export interface TableResult {
  title: string | null;
  project: string | null;
  department: string | null;
  unit: string | null;
  year: string | null;
  headerRow: number;
  /** Last sheet row that belongs to the table (total row or last indicator). */
  endRow: number;
  indicators: IndicatorResult[];
  budget: BudgetResult | null;
  goal: GoalBlock | null;
  total: TotalResult;
  findings: Finding[];
  /** Declared 一级 weights ("产出指标(50分)"), by 一级 label. */
  level1Weights: Record<string, number>;
}

export interface SheetResult {
  sheet: string;
  tables: TableResult[];
  /** Findings about the sheet rather than a table (a blank table head, a hidden sheet …). */
  notes?: Finding[];
}

export interface EvaluationResult {
  file: string;
  profile: string;
  sheets: SheetResult[];
}
