// The corpus checks: one `jixiao evaluate --json` result against one entry of expected.json (README.md there
// explains the fields). A miss is a sentence naming the workbook, the sheet and what differs; the wording is kept
// stable because known-misses.ts lists misses verbatim.

import type { JsonResult } from '../../src/core/json';

export type Status = 'met' | 'unmet' | 'unknown';

export interface ExpectedFinding {
  code: string;
  row?: number;
}

export type ExpectedFindingEntry = ExpectedFinding | { anyOf: ExpectedFindingEntry[] };

export interface Expectation {
  file: string;
  source: string;
  note: string;
  sheet: string;
  indicators: { row: number; status: Status; score: number | null }[];
  notIndicators: number[];
  budget: { rate: number; rateAlt?: number; score: number | null } | null;
  total: { score: number; grade: string } | null;
  findings: ExpectedFindingEntry[];
  forbidden: ExpectedFinding[];
}

export interface CheckResult {
  checks: number;
  misses: string[];
}

type JsonTable = JsonResult['sheets'][number]['tables'][number];
type JsonFinding = JsonTable['findings'][number];

const SCORE_TOLERANCE = 0.011;
const RATE_TOLERANCE = 0.001;

function near(a: number | null | undefined, b: number, tolerance: number): boolean {
  return typeof a === 'number' && Math.abs(a - b) <= tolerance;
}

const shown = (v: unknown): string => (v === undefined ? 'absent' : String(v));

function findingLabel(e: ExpectedFindingEntry): string {
  if ('anyOf' in e) return e.anyOf.map(findingLabel).join(' or ');
  return e.row === undefined ? e.code : `${e.code} at row ${e.row}`;
}

function matches(f: JsonFinding, e: ExpectedFinding): boolean {
  return f.code === e.code && (e.row === undefined || f.row === e.row);
}

function raised(findings: JsonFinding[], e: ExpectedFindingEntry): boolean {
  if ('anyOf' in e) return e.anyOf.some((x) => raised(findings, x));
  return findings.some((f) => matches(f, e));
}

/** out null: the CLI gave no JSON (it found no indicator table anywhere); why says how it ended. */
export function checkResult(exp: Expectation, out: JsonResult | null, why = 'no output'): CheckResult {
  const misses: string[] = [];
  let checks = 0;
  const ok = (pass: boolean, miss: string): void => {
    checks++;
    if (!pass) misses.push(miss);
  };
  if (out === null) {
    ok(false, `${exp.file}: no JSON output (${why})`);
    return { checks, misses };
  }
  const where = `${exp.file}/${exp.sheet}`;
  const tables = out.sheets.find((s) => s.sheet === exp.sheet)?.tables ?? [];
  if (tables.length === 0) {
    // Nothing else can be checked on this sheet: one miss stands for all of them.
    ok(false, `${where}: no table found`);
    return { checks, misses };
  }
  const indicators = tables.flatMap((t) => t.indicators);
  const findings = tables.flatMap((t) => t.findings);

  for (const e of exp.indicators) {
    const got = indicators.find((i) => i.row === e.row);
    ok(got !== undefined && got.status === e.status, `${where} row ${e.row}: status ${shown(got?.status)} ≠ ${e.status}`);
    // score null: the sheet has no 分值, or the rule score is not pinned down; the status alone is checked
    if (e.score !== null) ok(near(got?.score, e.score, SCORE_TOLERANCE), `${where} row ${e.row}: score ${shown(got?.score)} ≠ ${e.score}`);
  }
  for (const row of exp.notIndicators) ok(!indicators.some((i) => i.row === row), `${where} row ${row}: counted as an indicator`);

  if (exp.budget) {
    const budget = tables.map((t) => t.budget).find((b) => b !== null) ?? undefined;
    const rates = exp.budget.rateAlt === undefined ? [exp.budget.rate] : [exp.budget.rate, exp.budget.rateAlt];
    ok(
      rates.some((r) => near(budget?.rate, r, RATE_TOLERANCE)),
      `${where}: budget rate ${shown(budget?.rate)} ≠ ${rates.join(' or ')}`,
    );
    const score = exp.budget.score;
    if (score !== null) ok(near(budget?.score, score, SCORE_TOLERANCE), `${where}: budget score ${shown(budget?.score)} ≠ ${score}`);
  }

  if (exp.total) {
    // The total of the table that holds the indicators (a sheet may carry a second, indicator-less table).
    const total = (tables.find((t) => t.indicators.length > 0) ?? tables[0]).total;
    ok(near(total?.score, exp.total.score, SCORE_TOLERANCE), `${where}: total ${shown(total?.score)} ≠ ${exp.total.score}`);
    ok(total?.grade === exp.total.grade, `${where}: grade ${shown(total?.grade)} ≠ ${exp.total.grade}`);
  }

  for (const e of exp.findings) ok(raised(findings, e), `${where}: missing finding ${findingLabel(e)}`);
  for (const e of exp.forbidden) ok(!findings.some((f) => matches(f, e)), `${where}: wrong finding ${findingLabel(e)}`);
  return { checks, misses };
}

type JsonObject = { [k: string]: unknown };

const isObject = (x: unknown): x is JsonObject => x !== null && typeof x === 'object' && !Array.isArray(x);

/** How array items are told apart: by sheet name, by row (and finding code), else by position. */
function itemKeys(items: unknown[]): string[] {
  const keyOf = (x: unknown, i: number): string => {
    if (!isObject(x)) return String(i);
    if (typeof x.sheet === 'string') return x.sheet;
    if (typeof x.code === 'string') return `row ${x.row} ${x.code}`;
    if (typeof x.row === 'number') return `row ${x.row}`;
    return String(i);
  };
  const keys = items.map(keyOf);
  return new Set(keys).size === keys.length ? keys : items.map((_, i) => String(i));
}

/**
 * Every place where two JSON results differ, as `path: original ≠ resaved` (or `absent`). Arrays of sheets,
 * indicators and findings are matched by sheet name and row, so one missing row reads as one difference.
 */
export function jsonDifferences(a: unknown, b: unknown, at = ''): string[] {
  const text = (v: unknown) => (v === undefined ? 'absent' : JSON.stringify(v));
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    const ka = itemKeys(a);
    const kb = itemKeys(b);
    const keys = [...ka, ...kb.filter((k) => !ka.includes(k))];
    return keys.flatMap((k) => jsonDifferences(a[ka.indexOf(k)], b[kb.indexOf(k)], `${at}[${k}]`));
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    return keys.flatMap((k) => jsonDifferences(a[k], b[k], at ? `${at}.${k}` : k));
  }
  return [`${at || '(whole result)'}: ${text(a)} ≠ ${text(b)}`];
}
