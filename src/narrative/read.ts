// Reading the evaluation result into what the report says: tables and rows with their values as traced
// fragments (slots), the sheet's reasons split into cause and measure, budget figures, and the score the
// report states for a table (the form's own 自评得分, or the 核算得分 by the scoring rules).

import { BudgetResult, EvaluationResult, IndicatorResult, ParsedValue, TableResult } from '../core/types';
import { EMPTY_REASONS } from '../core/data/headers';
import { NATIONAL, findProfile } from '../core/data/profiles';
import { grade as gradeOf } from '../core/score';
import { UNSCORABLE } from '../core/text';
import { CellRef, Figure, Quote } from './model';
import { Group, IndicatorType, Phrasebook } from './templates';
import { deadlineStem, indicatorGroup, indicatorType, usable } from './classify';
import { Frag, Slots, cat, cellRef, dedupe, figFrag, figure, lit, metaQuote, quoteFrag, refsOf, scoreFigure } from './trace';
import {
  cleanText,
  dateValue,
  formatDate,
  formatMoney,
  formatNumber,
  formatQuantity,
  formatRate,
  roundTo,
  stripEnd,
  stripNamePrefix,
} from './format';

/** Which score the report states: the form's own 自评得分 (default) or the 核算得分 by the rules. */
export type ScoreChoice = 'self' | 'computed';

const CAUSE_START = /^(主要原因是|主要原因|原因是|原因|究其原因|是由于|由于|因为)[，：:]?/;
const MEASURE_MARK = /(下一步|改进措施|整改措施|今后)/;

export interface ReasonInfo {
  /** Whole reason as printed (cleaned, no final punctuation). */
  all: Quote;
  /** The cause without its 由于/原因是 opening; null when the reason only states measures. */
  cause: Quote | null;
  /** The measure part, without 下一步/改进措施. */
  measure: Quote | null;
}

export interface Row {
  sheet: string;
  table: Table;
  ind: IndicatorResult;
  type: IndicatorType;
  group: Group;
  name: Frag;
  nameText: string;
  readonly slots: Slots;
  reason: ReasonInfo | null;
  refs: CellRef[];
  seed: string;
  /** The engine found the actual ≥ 120% of the target (over-achieved). */
  overAchieved: boolean;
}

export interface TableScore {
  /** The score as printed, or undefined when there is none (无法核算). */
  figure: Figure | undefined;
  value: number | null;
  grade: string;
  /** self: the form's own 自评得分; computed: by the scoring rules (核算得分). */
  kind: ScoreChoice;
}

export interface Table {
  sheet: string;
  index: number;
  t: TableResult;
  name: Frag;
  nameText: string;
  rows: Row[];
  budget: BudgetFigures | null;
  scoreRefs: CellRef[];
  score: TableScore;
  /** The other score, when both exist (for the pane's notice). */
  otherScore: TableScore | null;
}

export interface BudgetFigures {
  planned: Figure;
  executed: Figure;
  rate: Figure | undefined;
  plannedRaw: number;
  executedRaw: number;
  unit: string;
  refs: CellRef[];
}

function reasonInfo(sheet: string, ind: IndicatorResult): ReasonInfo | null {
  if (ind.reason === null) return null;
  let s = cleanText(ind.reason);
  if (EMPTY_REASONS.indexOf(s.replace(/\s+/g, '')) >= 0) return null;
  s = s.replace(/^(偏差原因分析及改进措施|偏差原因分析|偏差原因|原因分析|未完成原因)[：:]\s*/, '');
  s = stripEnd(s);
  if (!s) return null;
  const refs = refsOf(sheet, ind.cells.reason);
  const q = (text: string): Quote => ({ text, source: 'cell', refs });
  const m = MEASURE_MARK.exec(s);
  let cause: string = s;
  let measure: string | null = null;
  if (m) {
    cause = stripEnd(s.slice(0, m.index));
    measure = stripEnd(s.slice(m.index).replace(/^(下一步|改进措施|整改措施|今后)[，：:]?\s*/, '')) || null;
  }
  cause = stripEnd(cause.replace(CAUSE_START, ''));
  return { all: q(s), cause: cause ? q(cause) : null, measure: measure ? q(measure) : null };
}

function consistentUnits(ind: IndicatorResult, t: ParsedValue, a: ParsedValue): boolean {
  if (ind.ratio === null || t.value === null || a.value === null || t.value === 0) return false;
  return Math.abs(a.value / t.value - ind.ratio) < 1e-6 * Math.max(1, Math.abs(ind.ratio));
}

const BOUND_WORDS = /(及以上|以上|以下|以内|之内|左右|（含）)$/;

/**
 * The unit as written after the number when it extends the parsed one ("≤10个工作日": 个 → 个工作日), so
 * the printed value keeps the sheet's wording; a half-width point between Chinese characters (元/人.年)
 * is printed as a middle dot.
 */
function displayUnit(p: ParsedValue): string | null {
  if (p.kind !== 'number' || !p.unit || p.unit === '%') return p.unit;
  const m = /\d(?:[\d.]*\d)?\s*(.*)$/.exec(cleanText(p.text));
  let unit = p.unit;
  if (m) {
    const tail = m[1].replace(BOUND_WORDS, '').trim();
    if (tail.length > p.unit.length && tail.length <= 12 && tail.indexOf(p.unit) === 0 && !/[\d\s，。；：]/.test(tail)) unit = tail;
  }
  return unit.replace(/([\u4e00-\u9fff])[.．*＊]([\u4e00-\u9fff])/g, '$1·$2');
}

function valueFigure(p: ParsedValue, unit: string | null, refs: CellRef[]): Figure | undefined {
  if (p.kind === 'number' && p.value !== null) return figure(formatQuantity(p.value, unit), 'cell', refs);
  if (p.kind === 'date' && p.date) {
    const text = formatDate(p.date);
    if (!text) return undefined;
    const f = figure({ text, value: dateValue(p.date) }, 'cell', refs);
    if (f) f.date = { year: p.date.year, month: p.date.month, day: p.date.day };
    return f;
  }
  return undefined;
}

/** Cell text as printed; none without a cell address (it could not be traced). */
function textQuote(text: string, refs: CellRef[]): Quote | undefined {
  const s = stripEnd(cleanText(text)).replace(/^[“"]|[”"]$/g, '');
  return s && refs.length ? { text: s, source: 'cell', refs } : undefined;
}

function rowSlots(
  book: Phrasebook,
  sheet: string,
  ind: IndicatorResult,
  row: { type: IndicatorType; name: Frag; nameText: string },
  choice: ScoreChoice,
): Slots {
  const { type, name } = row;
  const tRefs = refsOf(sheet, ind.cells.target);
  const aRefs = refsOf(sheet, ind.cells.actual);
  const nRefs = refsOf(sheet, ind.cells.name);
  const target = ind.targetFromStandard ? null : usable(ind.target);
  const actual = usable(ind.actual);
  const slots: Slots = { name };
  const generic = book.indicator.genericWords;

  let tUnit = target?.unit ?? null;
  let aUnit = actual?.unit ?? null;
  let tShow = target ? displayUnit(target) : null;
  let aShow = actual ? displayUnit(actual) : null;
  // A bare number borrows the other value's unit when the engine compared them as they are.
  if (target && actual && target.kind === 'number' && actual.kind === 'number' && consistentUnits(ind, target, actual)) {
    if (tUnit === null) {
      tUnit = aUnit;
      tShow = aShow;
    }
    if (aUnit === null) {
      aUnit = tUnit;
      aShow = tShow;
    }
  }

  if (target) {
    const tf = valueFigure(target, tShow, tRefs);
    if (target.kind === 'number' && tf) slots.targetPlain = figFrag(tf);
    else if (target.kind === 'date' && tf) {
      const suffix = target.op === '<=' ? (target.date?.day === null && /底/.test(target.text) ? '底前' : '前') : '';
      slots.targetDeadline = cat(figFrag(tf), lit(suffix));
    } else if (target.kind === 'qualitative') {
      const q = textQuote(target.text, tRefs);
      if (q && generic.indexOf(q.text) < 0) slots.targetWords = quoteFrag(q);
    }
  }
  if (actual) {
    const af = valueFigure(actual, aShow, aRefs);
    if (af) {
      slots.actual = figFrag(af);
      if (actual.kind === 'date') slots.actualDate = slots.actual;
    } else if (actual.kind === 'qualitative') {
      const q = textQuote(actual.text, aRefs);
      if (q && (generic.indexOf(q.text) < 0 || ind.status !== 'met')) slots.actualWords = quoteFrag(q);
      if (q && type === 'deadline') {
        const when = q.text.replace(/(之前|以前)/, '前').replace(/(已)?完成$/, '');
        if (when && generic.indexOf(q.text) < 0 && generic.indexOf(when) < 0) {
          slots.actualWhen = quoteFrag({ text: when, source: 'cell', refs: aRefs });
        }
      }
    }
  }
  if (type === 'deadline') {
    const stem = deadlineStem(row.nameText);
    if (stem) slots.stem = quoteFrag({ text: stem, source: 'cell', refs: nRefs });
  }
  slots.lost = lostFrag(sheet, ind, choice);
  return slots;
}

/** Points lost by the score the report uses: 分值 − 自评得分, else 分值 − 核算得分. */
function lostFrag(sheet: string, ind: IndicatorResult, choice: ScoreChoice): Frag | undefined {
  if (ind.weight === null) return undefined;
  const useSelf = choice === 'self' && ind.selfScore !== null && ind.cells.score;
  const score = useSelf ? ind.selfScore : ind.score;
  if (score === null || ind.weight - score <= 0.005) return undefined;
  const refs = useSelf
    ? refsOf(sheet, ind.cells.weight, ind.cells.score)
    : refsOf(sheet, ind.cells.weight, ind.cells.target, ind.cells.actual);
  return figFrag(scoreFigure(ind.weight - score, refs, useSelf ? '扣分 = 分值 − 自评得分' : '扣分 = 分值 − 按评分规则核算的得分'));
}

function rowRefs(sheet: string, ind: IndicatorResult): CellRef[] {
  const c = ind.cells;
  return refsOf(sheet, c.name, c.target, c.actual, c.weight, c.score, c.reason);
}

function budgetFigures(sheet: string, b: BudgetResult | null): BudgetFigures | null {
  if (!b || b.planned === null || b.executed === null || !b.cells.planned || !b.cells.executed) return null;
  if (b.planned <= 0) return null; // an empty 年度资金总额 row
  const pRefs = refsOf(sheet, b.cells.planned);
  const eRefs = refsOf(sheet, b.cells.executed);
  const planned = figure(formatMoney(b.planned, b.unit, true), 'cell', pRefs);
  const executed = figure(formatMoney(b.executed, b.unit, true), 'cell', eRefs);
  if (!planned || !executed) return null;
  const rate = figure(formatRate(b.executed / b.planned), 'rate', pRefs.concat(eRefs), '预算执行率 = 全年执行数 ÷ 全年预算数');
  return { planned, executed, rate, plannedRaw: b.planned, executedRaw: b.executed, unit: b.unit, refs: pRefs.concat(eRefs) };
}

/**
 * A name as the prose says it: without the template's marks (★), its target hints in brackets
 * ("（≥**人）") or after a comparison symbol, or a leading 其中：.
 */
export function proseName(name: string): string {
  const s = name
    .replace(/[★☆＊*]/g, '')
    .replace(/[（(][^（）()]*(?:[≥≤≧≦＞＜<>=＝]|\*\*)[^（）()]*[)）]/g, '')
    .replace(/[≥≤≧≦＞＜<>=＝].*$/, '')
    .replace(/^其中[：:]\s*/, '')
    .trim();
  return s || name;
}

export function firstText(...xs: (string | null | undefined)[]): string | null {
  for (const x of xs) if (x && cleanText(x)) return cleanText(x);
  return null;
}

function columnOf(cell: string | null): string | null {
  const m = cell ? /^([A-Z]+)\d+$/.exec(cell) : null;
  return m ? m[1] : null;
}

/** The form's own total 自评得分 as a figure: the cell the form states it in, or Σ of the rows' self-scores. */
function selfTotalFigure(sheet: string, t: TableResult): Figure | undefined {
  const tot = t.total;
  const rowCells = t.indicators.map((i) => i.cells.score).filter((c): c is string => !!c);
  if (t.budget?.cells.score && t.budget.selfScore !== null) rowCells.push(t.budget.cells.score);
  if (tot.sheetSelfScore !== null) {
    const v = tot.sheetSelfScore;
    const printed = { text: formatNumber(v), value: roundTo(v) };
    if (tot.sheetSelfCell) return figure(printed, 'cell', refsOf(sheet, tot.sheetSelfCell));
    if (tot.selfScore !== null && Math.abs(tot.selfScore - v) < 0.005 && rowCells.length) {
      return figure(printed, 'sum', refsOf(sheet, ...rowCells), 'Σ 各行自评得分（与总分栏一致）');
    }
    const col = columnOf(t.indicators.find((i) => i.cells.score)?.cells.score ?? null);
    if (col && tot.sheetRow !== null) return figure(printed, 'cell', refsOf(sheet, col + tot.sheetRow));
    return undefined;
  }
  if (tot.selfScore !== null && rowCells.length) {
    return figure(
      { text: formatNumber(tot.selfScore), value: roundTo(tot.selfScore) },
      'sum',
      refsOf(sheet, ...rowCells),
      'Σ 各行自评得分',
    );
  }
  return undefined;
}

function tableScores(
  sheet: string,
  t: TableResult,
  scoreRefs: CellRef[],
  profileId: string,
  choice: ScoreChoice,
): { score: TableScore; other: TableScore | null } {
  const profile = findProfile(profileId) ?? NATIONAL;
  const computed: TableScore = {
    figure:
      t.total.score === null ? undefined : scoreFigure(t.total.score, scoreRefs, '总分 = Σ 各指标按评分规则核算的得分 + 预算执行率得分'),
    value: t.total.score,
    grade: t.total.grade ?? UNSCORABLE,
    kind: 'computed',
  };
  const sf = selfTotalFigure(sheet, t);
  const self: TableScore | null = sf ? { figure: sf, value: sf.value, grade: gradeOf(sf.value, profile), kind: 'self' } : null;
  if (choice === 'self' && self) return { score: self, other: computed };
  return { score: computed, other: self };
}

export function readTable(
  book: Phrasebook,
  result: EvaluationResult,
  sheet: string,
  t: TableResult,
  index: number,
  onSheet: number,
  choice: ScoreChoice,
): Table {
  const nameText = firstText(t.project, onSheet >= 0 ? null : sheet, t.title, sheet) ?? sheet;
  const over = new Set(t.findings.filter((f) => f.code === 'over-achieved' && f.row !== null).map((f) => f.row as number));
  const table: Table = {
    sheet,
    index,
    t,
    name: metaQuote(nameText),
    nameText,
    rows: [],
    budget: budgetFigures(sheet, t.budget),
    scoreRefs: [],
    score: { figure: undefined, value: null, grade: UNSCORABLE, kind: 'computed' },
    otherScore: null,
  };
  for (const ind of t.indicators) {
    const type = indicatorType(ind);
    let text = proseName(stripNamePrefix(cleanText(ind.name)).replace(/[：:]$/, ''));
    if (!text) text = stripNamePrefix(cleanText(ind.level2 ?? '')) || '该项指标';
    const name = quoteFrag({ text, source: 'cell', refs: refsOf(sheet, ind.cells.name) }) as Frag;
    const reason = reasonInfo(sheet, ind);
    // Built on first use: rows the report only counts never need them.
    let slots: Slots | null = null;
    const meta = { type, name, nameText: text };
    table.rows.push({
      sheet,
      table,
      ind,
      type,
      group: indicatorGroup(ind),
      name,
      nameText: text,
      get slots() {
        return (slots ??= rowSlots(book, sheet, ind, meta, choice));
      },
      reason,
      refs: rowRefs(sheet, ind),
      seed: `${index}|${ind.row}|${text}`,
      overAchieved: over.has(ind.row),
    });
  }
  const sr: CellRef[] = [];
  for (const r of table.rows) sr.push(...refsOf(sheet, r.ind.cells.weight, r.ind.cells.target, r.ind.cells.actual));
  if (table.budget) sr.push(...table.budget.refs);
  table.scoreRefs = dedupe(sr);
  const { score, other } = tableScores(sheet, t, table.scoreRefs, result.profile, choice);
  table.score = score;
  table.otherScore = other;
  return table;
}

export function nameRefs(rows: Row[]): CellRef[] {
  return dedupe(rows.map((r) => cellRef(r.sheet, r.ind.cells.name)));
}

export function yearOf(s: string | null | undefined): number | null {
  if (!s) return null;
  const m = /(\d{4})/.exec(s);
  return m ? Number(m[1]) : null;
}
