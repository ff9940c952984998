// The 绩效自评报告 text from an evaluation result. Pure and deterministic: the same result gives the same
// narrative. Every number printed is a Figure traced to cells (model.ts); all wording comes from the
// phrasebook (templates.ts).

import {
  BudgetResult,
  EvaluationResult,
  Finding,
  IndicatorResult,
  ParsedValue,
  TableResult,
} from '../core/types';
import { CellRef, Figure, Narrative, Paragraph, Quote, Section, Sentence } from './model';
import {
  DEFAULT_PHRASEBOOK,
  Group,
  IndicatorType,
  Phrasebook,
  stockPhrases,
} from './templates';
import {
  Printed,
  chineseNumeral,
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

export interface NarrativeOptions {
  /** Department name (主管部门/单位); default: the tables' 主管部门, else 实施单位. */
  department?: string;
  /** Report year ("2020"); default: the tables' 年度. */
  year?: string;
  /** 'auto' (default): the 项目 outline for exactly one table, else the 部门 outline. */
  outline?: 'auto' | 'department' | 'project';
  /** Add the editable boilerplate sections (自评结果应用 …). Off by default. */
  extraSections?: boolean;
  /** Wording; default DEFAULT_PHRASEBOOK. */
  phrases?: Phrasebook;
  /**
   * Met indicators described one by one per 一级 group; the rest are counted in one sentence (a
   * report does not read 500 achievements; the 评价结果 sheet lists every row). Default 30.
   */
  metListLimit?: number;
}

export const MET_LIST_LIMIT = 30;

// ---------------------------------------------------------------------------------------------
// Fragments: text with its provenance, concatenated into sentences.

interface Frag {
  text: string;
  figures: Figure[];
  quotes: Quote[];
  refs: CellRef[];
}

type Slots = Record<string, Frag | undefined>;

// Fragments and their lists are never changed once made (catList builds new lists), so a literal
// shares these frozen empty lists and a figure or quote fragment shares its refs: a large sheet makes
// hundreds of thousands of fragments.
const NO_FIGURES: Figure[] = Object.freeze([]) as unknown as Figure[];
const NO_QUOTES: Quote[] = Object.freeze([]) as unknown as Quote[];
const NO_REFS: CellRef[] = Object.freeze([]) as unknown as CellRef[];

const EMPTY: Frag = { text: '', figures: NO_FIGURES, quotes: NO_QUOTES, refs: NO_REFS };

function lit(text: string): Frag {
  return { text, figures: NO_FIGURES, quotes: NO_QUOTES, refs: NO_REFS };
}

function append<T>(into: T[], from: T[]): void {
  // A loop, not push(...from): spreading tens of thousands of refs overflows the call stack.
  for (let i = 0; i < from.length; i++) into.push(from[i]);
}

/**
 * The parts' texts concatenated, with their provenance. A list that only one part contributes to is
 * shared with it, not copied (fragments are never changed): most clauses have one figure or quote.
 */
function catList(parts: (Frag | undefined | null)[], sep?: string): Frag {
  let text = '';
  let figures = NO_FIGURES;
  let quotes = NO_QUOTES;
  let refs = NO_REFS;
  let ownFigures = false;
  let ownQuotes = false;
  let ownRefs = false;
  let first = true;
  for (const p of parts) {
    if (!p) continue;
    if (sep !== undefined && !first) text += sep;
    first = false;
    text += p.text;
    if (p.figures.length) {
      if (figures.length === 0) figures = p.figures;
      else {
        if (!ownFigures) {
          figures = figures.slice();
          ownFigures = true;
        }
        append(figures, p.figures);
      }
    }
    if (p.quotes.length) {
      if (quotes.length === 0) quotes = p.quotes;
      else {
        if (!ownQuotes) {
          quotes = quotes.slice();
          ownQuotes = true;
        }
        append(quotes, p.quotes);
      }
    }
    if (p.refs.length) {
      if (refs.length === 0) refs = p.refs;
      else {
        if (!ownRefs) {
          refs = refs.slice();
          ownRefs = true;
        }
        append(refs, p.refs);
      }
    }
  }
  return { text, figures, quotes, refs };
}

function cat(...parts: (Frag | undefined | null)[]): Frag {
  return catList(parts);
}

/** Join clauses with a separator ("，" or "；"). */
function joinFrags(parts: Frag[], sep: string): Frag {
  return catList(parts, sep);
}

function figFrag(f: Figure | undefined): Frag | undefined {
  return f ? { text: f.text, figures: [f], quotes: NO_QUOTES, refs: f.refs } : undefined;
}

function quoteFrag(q: Quote | undefined): Frag | undefined {
  return q ? { text: q.text, figures: NO_FIGURES, quotes: [q], refs: q.refs } : undefined;
}

/** Lists known to hold no repeats (dedupe's results): totals pass the same thousands of refs again. */
const UNIQUE = new WeakSet<CellRef[]>();

function dedupe(refs: CellRef[]): CellRef[] {
  if (refs.length <= 16) {
    // Most figures trace to one to three cells, a clause to a dozen: a linear check beats building
    // sets, and a list without repeats is returned as it is (ref lists are never changed).
    let dup = false;
    for (let i = 1; i < refs.length && !dup; i++) for (let j = 0; j < i; j++) if (refs[j].cell === refs[i].cell && refs[j].sheet === refs[i].sheet) dup = true;
    if (!dup) return refs;
    const out: CellRef[] = [];
    for (const r of refs) if (!out.some((o) => o.cell === r.cell && o.sheet === r.sheet)) out.push(r);
    return out;
  }
  if (UNIQUE.has(refs)) return refs;
  // By cell within the first ref's sheet (nearly always the only one), by sheet and cell otherwise: no
  // string is built per ref.
  const sheet = refs[0].sheet;
  const cells = new Set<string>();
  let others: Map<string, Set<string>> | null = null;
  const out: CellRef[] = [];
  for (const r of refs) {
    let seen = cells;
    if (r.sheet !== sheet) {
      others ??= new Map();
      seen = others.get(r.sheet) ?? new Set<string>();
      if (!others.has(r.sheet)) others.set(r.sheet, seen);
    }
    if (!seen.has(r.cell)) {
      seen.add(r.cell);
      out.push(r);
    }
  }
  UNIQUE.add(out);
  return out;
}

function toSentence(f: Frag, end: string, extraRefs: CellRef[] = []): Sentence {
  // A total's sentence often adds the very list its figure traces to: nothing to merge then.
  const refs = extraRefs.length && extraRefs !== f.refs ? f.refs.concat(extraRefs) : f.refs;
  return { text: f.text + end, refs: dedupe(refs), figures: f.figures, quotes: f.quotes };
}

function cellRef(sheet: string, cell: string): CellRef {
  return { sheet, cell };
}

function refsOf(sheet: string, ...cells: (string | null | undefined)[]): CellRef[] {
  const out: CellRef[] = [];
  for (const c of cells) if (c) out.push(cellRef(sheet, c));
  return out;
}

function figure(p: Printed, source: Figure['source'], refs: CellRef[], rule?: string): Figure | undefined {
  if (source !== 'meta' && refs.length === 0) return undefined;
  if (!Number.isFinite(p.value)) return undefined;
  const f: Figure = { text: p.text, value: p.value, source, refs: dedupe(refs) };
  if (p.raw !== undefined) f.raw = p.raw;
  if (rule) f.rule = rule;
  return f;
}

function countFigure(n: number, refs: CellRef[], rule: string): Figure | undefined {
  return figure({ text: String(n), value: n }, 'count', refs, rule);
}

function scoreFigure(x: number, refs: CellRef[], rule: string, source: Figure['source'] = 'score'): Figure | undefined {
  return figure({ text: formatNumber(x), value: roundTo(x), raw: roundTo(x) === x ? undefined : x }, source, refs, rule);
}

// ---------------------------------------------------------------------------------------------
// The writer: picks template variants and keeps the repetition rule.

/** FNV-1a over the parts as if joined by "|", without building the joined string. */
function hash(...parts: string[]): number {
  let h = 0x811c9dc5;
  parts.forEach((s, k) => {
    if (k > 0) {
      h ^= 0x7c; // '|'
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  });
  return h >>> 0;
}

const MAX_REPEAT = 2;

/** A template split once: literal runs around slot names (lits.length = names.length + 1). */
interface Parsed {
  lits: string[];
  /** The literal runs as fragments, made once (fragments are never changed). */
  litFrags: Frag[];
  names: string[];
}

const PARSED = new Map<string, Parsed>();

function parseTemplate(template: string): Parsed {
  let p = PARSED.get(template);
  if (p) return p;
  const lits: string[] = [];
  const names: string[] = [];
  const re = /\{([A-Za-z]+)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(template))) {
    lits.push(template.slice(last, m.index));
    names.push(m[1]);
    last = m.index + m[0].length;
  }
  lits.push(template.slice(last));
  p = { lits, litFrags: lits.map(lit), names };
  PARSED.set(template, p);
  return p;
}

class Writer {
  private readonly stock: string[];
  private readonly phraseUse = new Map<string, number>();
  /** Per template list (pick key): how often each variant was used. */
  private readonly variantUse = new Map<string, number[]>();
  private readonly lastVariant = new Map<string, number>();

  /** Stock phrases by their first two characters (as one number): a text is only searched for phrases it can contain. */
  private readonly byStart = new Map<number, string[]>();

  // phrasesIn's answer, reused between calls (it runs for every candidate of every pick).
  private found: string[] = [];
  private foundCount: number[] = [];
  private foundEnd: number[] = [];

  constructor(readonly book: Phrasebook) {
    this.stock = stockPhrases(book);
    for (const p of this.stock) {
      const k = p.charCodeAt(0) * 65536 + p.charCodeAt(1);
      const list = this.byStart.get(k);
      if (list) list.push(p);
      else this.byStart.set(k, [p]);
    }
  }

  /**
   * The stock phrases occurring in text and their counts (non-overlapping, leftmost first), into
   * found/foundCount; returns how many. One pass over the text, no allocation.
   */
  private phrasesIn(text: string): number {
    const found = this.found;
    const count = this.foundCount;
    const end = this.foundEnd;
    let n = 0;
    for (let i = 0; i + 1 < text.length; i++) {
      const list = this.byStart.get(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1));
      if (!list) continue;
      for (const p of list) {
        if (!text.startsWith(p, i)) continue;
        let j = 0;
        while (j < n && found[j] !== p) j++;
        if (j === n) {
          found[n] = p;
          count[n] = 1;
          end[n] = i + p.length;
          n++;
        } else if (i >= end[j]) {
          count[j]++;
          end[j] = i + p.length;
        }
      }
    }
    return n;
  }

  /** The text a template would give, without building fragments; null when a slot has no value. */
  private fillText(template: string, slots: Slots): string | null {
    const { lits, names } = parseTemplate(template);
    let out = lits[0];
    for (let i = 0; i < names.length; i++) {
      const v = slots[names[i]];
      if (!v) return null;
      out += v.text + lits[i + 1];
    }
    return out;
  }

  /** Fill a template; null when a slot it names has no value. */
  fill(template: string, slots: Slots): Frag | null {
    const { litFrags, names } = parseTemplate(template);
    const parts: Frag[] = [litFrags[0]];
    for (let i = 0; i < names.length; i++) {
      const v = slots[names[i]];
      if (!v) return null;
      parts.push(v, litFrags[i + 1]);
    }
    return catList(parts);
  }

  /** How far a text would push the most used stock phrase past the limit (0 = fine). */
  private overflow(text: string): number {
    let worst = 0;
    const n = this.phrasesIn(text);
    for (let j = 0; j < n; j++) {
      const over = (this.phraseUse.get(this.found[j]) ?? 0) + this.foundCount[j] - MAX_REPEAT;
      if (over > worst) worst = over;
    }
    return worst;
  }

  /** Count the stock phrases of text that is now part of the report. */
  record(text: string): void {
    const n = this.phrasesIn(text);
    for (let j = 0; j < n; j++) {
      const p = this.found[j];
      this.phraseUse.set(p, (this.phraseUse.get(p) ?? 0) + this.foundCount[j]);
    }
  }

  /**
   * A varied choice: the eligible variant (all slots filled) used least so far that keeps every stock
   * phrase within the limit; ties broken by rotating the list by hash(seed).
   */
  pick(key: string, variants: string[], slots: Slots, seed: string): Frag | null {
    const n = variants.length;
    if (n === 0) return null;
    const start = hash(key, seed) % n;
    let use = this.variantUse.get(key);
    if (!use) this.variantUse.set(key, (use = []));
    const last = this.lastVariant.get(key);
    // Candidates are compared on their text; only the chosen one is built with its provenance.
    let bestCost = Infinity;
    let bestIdx = -1;
    for (let k = 0; k < n; k++) {
      const idx = (start + k) % n;
      const text = this.fillText(variants[idx], slots);
      if (text === null) continue;
      const over = this.overflow(text);
      // least used first; never the variant this list gave last time when another one fits
      const cost = over * 1e6 + (last === idx ? 1e3 : 0) + (use[idx] ?? 0);
      if (cost < bestCost) {
        bestCost = cost;
        bestIdx = idx;
      }
    }
    if (bestIdx < 0) return null;
    const frag = this.fill(variants[bestIdx], slots) as Frag;
    use[bestIdx] = (use[bestIdx] ?? 0) + 1;
    this.lastVariant.set(key, bestIdx);
    this.record(frag.text);
    return frag;
  }

  /** A fixed choice: the first variant whose slots are all filled (titles, headings, totals). */
  first(variants: string[], slots: Slots): Frag | null {
    for (const v of variants) {
      const f = this.fill(v, slots);
      if (f) {
        this.record(f.text);
        return f;
      }
    }
    return null;
  }

  literal(text: string): Frag {
    this.record(text);
    return lit(text);
  }
}

// ---------------------------------------------------------------------------------------------
// Reading the result.

const EMPTY_REASONS = ['', '0', '无', '无。', '—', '——', '-', '--', '/', '／', '\\', '无偏差', '不适用', '未偏差', '没有', 'null'];
const GENERIC_WORDS = ['是', '有', '好', '高', '达到', '达成', '完成', '已完成', '实现', '已实现', '符合', '满足', '合格', '无'];
const CAUSE_START = /^(由于|因为|因|受|主要原因|原因|系|是由于|究其原因)/;
const MEASURE_MARK = /(下一步|改进措施|整改措施|今后)/;

interface ReasonInfo {
  /** Whole reason as printed (cleaned, no final punctuation). */
  all: Quote;
  cause: Quote | null;
  measure: Quote | null;
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
  let cause: Quote | null = q(s);
  let measure: Quote | null = null;
  if (m) {
    const before = stripEnd(s.slice(0, m.index));
    let after = s.slice(m.index);
    after = stripEnd(after.replace(/^(改进措施|整改措施)[：:]\s*/, ''));
    measure = after ? q(after) : null;
    cause = before ? q(before) : null;
  }
  return { all: q(s), cause, measure };
}

function usable(p: ParsedValue | null): ParsedValue | null {
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

const GROUP_ORDER: Group[] = ['output', 'effect', 'satisfaction', 'other'];

interface Row {
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
}

interface Table {
  sheet: string;
  index: number;
  t: TableResult;
  name: Frag;
  nameText: string;
  rows: Row[];
  budget: BudgetFigures | null;
  scoreRefs: CellRef[];
}

interface BudgetFigures {
  planned: Figure;
  executed: Figure;
  rate: Figure | undefined;
  plannedRaw: number;
  executedRaw: number;
  unit: string;
  refs: CellRef[];
}

function opSymbol(p: ParsedValue): string {
  if (p.op === '>=') return p.strict ? '＞' : '≥';
  if (p.op === '<=') return p.strict ? '＜' : '≤';
  return '';
}

function consistentUnits(ind: IndicatorResult, t: ParsedValue, a: ParsedValue): boolean {
  if (ind.ratio === null || t.value === null || a.value === null || t.value === 0) return false;
  return Math.abs(a.value / t.value - ind.ratio) < 1e-6 * Math.max(1, Math.abs(ind.ratio));
}

const BOUND_WORDS = /(及以上|以上|以下|以内|之内|左右|（含）)$/;

/**
 * The unit as written after the number when it extends the parsed one ("≤10个工作日": 个 → 个工作日), so
 * the printed value keeps the sheet's wording.
 */
function displayUnit(p: ParsedValue): string | null {
  if (p.kind !== 'number' || !p.unit || p.unit === '%') return p.unit;
  const m = /\d(?:[\d.]*\d)?\s*(.*)$/.exec(cleanText(p.text));
  if (!m) return p.unit;
  const tail = m[1].replace(BOUND_WORDS, '').trim();
  if (tail.length > p.unit.length && tail.length <= 12 && tail.indexOf(p.unit) === 0 && !/[\d\s，。；：]/.test(tail)) return tail;
  return p.unit;
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
  const s = stripEnd(cleanText(text));
  return s && refs.length ? { text: s, source: 'cell', refs } : undefined;
}

function quoted(q: Quote | undefined): Frag | undefined {
  return q ? cat(lit('“'), quoteFrag(q), lit('”')) : undefined;
}

function rowSlots(sheet: string, ind: IndicatorResult, type: IndicatorType, name: Frag, reason: ReasonInfo | null): Slots {
  const tRefs = refsOf(sheet, ind.cells.target);
  const aRefs = refsOf(sheet, ind.cells.actual);
  const target = ind.targetFromStandard ? null : usable(ind.target);
  const actual = usable(ind.actual);
  const slots: Slots = { name };

  // Units: a bare number borrows the other value's unit when the engine compared them as they are.
  let tUnit = target?.unit ?? null;
  let aUnit = actual?.unit ?? null;
  let tShow = target ? displayUnit(target) : null;
  let aShow = actual ? displayUnit(actual) : null;
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
    if (target.kind === 'number' && tf) {
      slots.target = cat(lit(opSymbol(target)), figFrag(tf));
      slots.targetPlain = figFrag(tf);
      const bound = target.op === '>=' ? '以上' : target.op === '<=' ? '以内' : '';
      slots.targetBound = cat(figFrag(tf), lit(bound));
    } else if (target.kind === 'date' && tf) {
      const suffix = target.op === '<=' ? (target.date?.day === null && /底/.test(target.text) ? '底前' : '前') : '';
      slots.target = cat(figFrag(tf), lit(suffix));
      slots.targetDate = slots.target;
      slots.targetPlain = figFrag(tf);
    } else {
      const q = textQuote(target.text, tRefs);
      slots.target = quoted(q);
      if (target.kind === 'qualitative') slots.targetWords = quoteFrag(q);
      slots.targetText = quoteFrag(q);
    }
  }
  if (actual) {
    const af = valueFigure(actual, aShow, aRefs);
    if (af) {
      slots.actual = figFrag(af);
      if (actual.kind === 'date') slots.actualDate = slots.actual;
    } else {
      const q = textQuote(actual.text, aRefs);
      slots.actual = quoted(q);
      slots.actualText = quoteFrag(q);
      if (actual.kind === 'qualitative' && q && GENERIC_WORDS.indexOf(q.text) < 0) slots.actualWords = quoteFrag(q);
      if (actual.kind === 'qualitative' && ind.status !== 'met') slots.actualWords = quoteFrag(q);
    }
    if (actual.kind === 'number' && target && target.kind === 'number' && actual.value !== null && target.value !== null && slots.targetPlain) {
      const comparable = aUnit === tUnit;
      if (comparable && actual.value > target.value && (type !== 'reverse' && type !== 'zero')) slots.exceeded = slots.targetPlain;
      if (comparable && actual.value < target.value && type === 'reverse') slots.under = slots.targetPlain;
    }
  }
  if (target && !slots.targetText) {
    const q = textQuote(target.text, tRefs);
    slots.targetText = quoteFrag(q);
  }
  if (actual && !slots.actualText) slots.actualText = quoteFrag(textQuote(actual.text, aRefs));

  const wRefs = refsOf(sheet, ind.cells.weight);
  const scoreInputs = refsOf(sheet, ind.cells.weight, ind.cells.target, ind.cells.actual);
  if (ind.weight !== null) slots.weight = figFrag(figure({ text: formatNumber(ind.weight), value: roundTo(ind.weight) }, 'cell', wRefs));
  if (ind.score !== null) slots.score = figFrag(scoreFigure(ind.score, scoreInputs, '按评分规则由指标值、实际完成值和分值核算的得分'));
  if (ind.selfScore !== null) slots.self = figFrag(figure({ text: formatNumber(ind.selfScore), value: roundTo(ind.selfScore) }, 'cell', refsOf(sheet, ind.cells.score)));
  if (ind.weight !== null && ind.score !== null && ind.weight - ind.score > 0.005) {
    slots.lost = figFrag(scoreFigure(ind.weight - ind.score, scoreInputs, '扣分 = 分值 − 按评分规则核算的得分'));
  }
  if (reason) {
    slots.reason = quoteFrag(reason.all);
    if (reason.measure) slots.measure = quoteFrag(reason.measure);
  }
  return slots;
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
  const rate = b.planned > 0 ? figure(formatRate(b.executed / b.planned), 'rate', pRefs.concat(eRefs), '预算执行率 = 全年执行数 ÷ 全年预算数') : undefined;
  return { planned, executed, rate, plannedRaw: b.planned, executedRaw: b.executed, unit: b.unit, refs: pRefs.concat(eRefs) };
}

function yearOf(s: string | null | undefined): number | null {
  if (!s) return null;
  const m = /(\d{4})/.exec(s);
  return m ? Number(m[1]) : null;
}

function metaQuote(text: string): Frag {
  return quoteFrag({ text, source: 'meta', refs: [] }) as Frag;
}

// ---------------------------------------------------------------------------------------------

interface Ctx {
  w: Writer;
  book: Phrasebook;
  tables: Table[];
  department: Frag | undefined;
  departmentText: string | null;
  year: Frag | undefined;
  yearText: string | null;
  extra: boolean;
  metListLimit: number;
}

export function generateNarrative(result: EvaluationResult, options: NarrativeOptions = {}): Narrative {
  const book = options.phrases ?? DEFAULT_PHRASEBOOK;
  const w = new Writer(book);
  const tables: Table[] = [];
  for (const s of result.sheets) {
    s.tables.forEach((t, i) => tables.push(readTable(s.sheet, t, tables.length, s.tables.length > 1 ? i : -1)));
  }

  const deptText = firstText(options.department, ...tables.map((t) => t.t.department), ...tables.map((t) => t.t.unit));
  const yearNum = yearOf(options.year) ?? tables.map((t) => yearOf(t.t.year)).find((y) => y !== null) ?? null;
  const ctx: Ctx = {
    w,
    book,
    tables,
    department: deptText ? metaQuote(deptText) : undefined,
    departmentText: deptText,
    year: yearNum !== null ? figFrag(figure({ text: String(yearNum), value: yearNum }, 'meta', [], options.year ? '用户填写的年度' : '表头的年度')) : undefined,
    yearText: yearNum !== null ? String(yearNum) : null,
    extra: !!options.extraSections,
    metListLimit: Math.max(1, Math.floor(options.metListLimit ?? MET_LIST_LIMIT)),
  };

  const outline = options.outline && options.outline !== 'auto' ? options.outline : tables.length === 1 ? 'project' : 'department';
  return outline === 'project' && tables.length >= 1 ? projectNarrative(ctx, tables[0]) : departmentNarrative(ctx);
}

function firstText(...xs: (string | null | undefined)[]): string | null {
  for (const x of xs) if (x && cleanText(x)) return cleanText(x);
  return null;
}

function readTable(sheet: string, t: TableResult, index: number, onSheet: number): Table {
  const nameText = firstText(t.project, onSheet >= 0 ? null : sheet, t.title, sheet) ?? sheet;
  const table: Table = {
    sheet,
    index,
    t,
    name: metaQuote(nameText),
    nameText,
    rows: [],
    budget: budgetFigures(sheet, t.budget),
    scoreRefs: [],
  };
  for (const ind of t.indicators) {
    const type = indicatorType(ind);
    let nameText = stripNamePrefix(cleanText(ind.name)).replace(/[：:]$/, '');
    if (!nameText) nameText = stripNamePrefix(cleanText(ind.level2 ?? '')) || '该项指标';
    const name = quoteFrag({ text: nameText, source: 'cell', refs: refsOf(sheet, ind.cells.name) }) as Frag;
    const reason = reasonInfo(sheet, ind);
    // Built on first use: rows the report only counts never need them.
    let slots: Slots | null = null;
    table.rows.push({
      sheet,
      table,
      ind,
      type,
      group: indicatorGroup(ind),
      name,
      nameText,
      get slots() {
        return (slots ??= rowSlots(sheet, ind, type, name, reason));
      },
      reason,
      refs: rowRefs(sheet, ind),
      seed: `${index}|${ind.row}|${nameText}`,
    });
  }
  const sr: CellRef[] = [];
  for (const r of table.rows) sr.push(...refsOf(sheet, r.ind.cells.weight, r.ind.cells.target, r.ind.cells.actual));
  if (table.budget) sr.push(...table.budget.refs);
  table.scoreRefs = dedupe(sr);
  return table;
}

function totalScoreFigure(t: Table): Figure | undefined {
  return scoreFigure(t.t.total.score, t.scoreRefs, '总分 = Σ 各指标按评分规则核算的得分 + 预算执行率得分');
}

function gradeFrag(t: Table): Frag {
  return lit(t.t.total.grade);
}

// --- indicator sentences ------------------------------------------------------------------------

function metClause(ctx: Ctx, r: Row): Frag {
  const { w, book } = ctx;
  const phrases = book.indicator[r.type];
  const verb = phrases.metVerb && book.common.verbLeads.some((v) => r.nameText.indexOf(v) === 0);
  const noWords = phrases.metNoWords && !r.slots.actualWords;
  return (
    (verb ? w.pick('metVerb.' + r.type, phrases.metVerb as string[], r.slots, r.seed) : null) ??
    (noWords ? w.pick('metNoWords.' + r.type, phrases.metNoWords as string[], r.slots, r.seed) : null) ??
    w.pick('met.' + r.type, phrases.met, r.slots, r.seed) ??
    w.pick('metFallback', book.common.metFallback, r.slots, r.seed) ??
    r.name
  );
}

function reasonClause(ctx: Ctx, r: Row, which: 'all' | 'cause' = 'all'): Frag {
  const { w, book } = ctx;
  const q = r.reason ? (which === 'cause' ? r.reason.cause ?? r.reason.all : r.reason.all) : null;
  if (!q) return w.pick('reasonMissing', book.common.reasonMissing, {}, r.seed) ?? lit('');
  const slots: Slots = { reason: quoteFrag(q) };
  if (CAUSE_START.test(q.text)) return w.pick('reasonCause', book.common.reasonCause, slots, r.seed) ?? (quoteFrag(q) as Frag);
  return w.pick('reasonPlain', book.common.reasonPlain, slots, r.seed) ?? (quoteFrag(q) as Frag);
}

/** "X年初目标值≥95%，实际完成值94.6%，扣1分，主要原因是…" */
function unmetClause(ctx: Ctx, r: Row, withLost: boolean): Frag {
  const { w, book } = ctx;
  const lead =
    w.pick('unmet.' + r.type, book.indicator[r.type].unmet, r.slots, r.seed) ??
    w.pick('unmetFallback', book.common.unmetFallback, r.slots, r.seed) ??
    r.name;
  const lost = withLost ? w.pick('lost', book.common.lost, r.slots, r.seed) : null;
  return joinFrags([lead, ...(lost ? [lost] : []), reasonClause(ctx, r)], '，');
}

function unknownClause(ctx: Ctx, r: Row): Frag {
  const { w, book } = ctx;
  const a = usable(r.ind.actual);
  const t = r.ind.targetFromStandard ? null : usable(r.ind.target);
  const c = book.common;
  let f: Frag | null = null;
  if (!a) f = w.pick('unknownNoActual', c.unknownNoActual, r.slots, r.seed);
  else if (a.kind === 'number' && t && t.kind === 'number') f = w.pick('unknownUnits', c.unknownUnits, r.slots, r.seed);
  else if (a.kind === 'unknown' || a.kind === 'qualitative' || (t && t.kind === 'number' && a.kind !== 'number')) f = w.pick('unknownActualText', c.unknownActualText, r.slots, r.seed);
  else if (t && t.kind === 'unknown') f = w.pick('unknownTargetText', c.unknownTargetText, r.slots, r.seed);
  return f ?? w.pick('unknownOther', c.unknownOther, r.slots, r.seed) ?? r.name;
}

/**
 * Met rows as clause chains: "A，B，C。D，E。" (≤ 3 clauses a sentence), lead-in on the first; beyond
 * ctx.metListLimit rows (in sheet order) one sentence counts the rest.
 */
function metChain(ctx: Ctx, rows: Row[], lead: Frag | null): Sentence[] {
  const out: Sentence[] = [];
  const listed = rows.length > ctx.metListLimit ? rows.slice(0, ctx.metListLimit) : rows;
  listed.forEach((r, i) => {
    const clause = metClause(ctx, r);
    const isLast = i === listed.length - 1 || i % 3 === 2;
    const f = i === 0 && lead ? cat(lead, clause) : clause;
    out.push(toSentence(f, isLast ? '。' : '，', r.refs));
  });
  const rest = rows.slice(listed.length);
  if (rest.length) {
    const refs = nameRefs(rest);
    const f = ctx.w.pick('metRest', ctx.book.common.metRest, { count: figFrag(countFigure(rest.length, refs, '计数：未逐项列出的已完成指标行')) }, rest[0].seed);
    if (f) out.push(toSentence(f, '。', refs));
  }
  return out;
}

function groupLead(ctx: Ctx, variants: string[], key: string, seed: string): Frag | null {
  const f = ctx.w.pick(key, variants, {}, seed);
  return f && f.text ? f : null;
}

function byGroup(rows: Row[]): { group: Group; rows: Row[] }[] {
  return GROUP_ORDER.map((g) => ({ group: g, rows: rows.filter((r) => r.group === g) })).filter((x) => x.rows.length > 0);
}

function namesFrag(ctx: Ctx, rows: Row[], refsForCount: CellRef[]): Frag {
  const names = rows.slice(0, rows.length > 3 ? 3 : rows.length).map((r) => r.name);
  const list = joinList(names);
  if (rows.length <= 3) return list;
  const count = figFrag(countFigure(rows.length, refsForCount, '计数：所列指标行'));
  return ctx.w.first(ctx.book.common.namesMany, { names: joinFrags(names, '、'), count }) ?? list;
}

function joinList(items: Frag[], last = '和'): Frag {
  if (items.length <= 1) return cat(...items);
  return cat(joinFrags(items.slice(0, -1), '、'), lit(last), items[items.length - 1]);
}

// --- problems (三 / （三）) --------------------------------------------------------------------

interface ProblemItem {
  frag: Frag;
  refs: CellRef[];
  performance: boolean;
}

/** Findings about the whole table: said once however many rows they point at. */
const TABLE_LEVEL_CODES = new Set(['total-mismatch', 'grade-mismatch', 'weights-sum', 'fund-mismatch']);

const FINDING_SKIP = new Set(['unmet', 'missing-actual', 'unparsed', 'low-execution', 'over-achieved', 'placeholder', 'unit-mismatch']);

function problemItems(ctx: Ctx, t: Table, causeOnly: boolean): ProblemItem[] {
  const { w, book } = ctx;
  const items: ProblemItem[] = [];
  const byRow = new Map<number, Row>();
  for (const r of t.rows) if (!byRow.has(r.ind.row)) byRow.set(r.ind.row, r);
  const rowAt = (row: number | null): Row | undefined => (row === null ? undefined : byRow.get(row));

  for (const r of t.rows) {
    if (r.ind.status === 'unmet') {
      const lead =
        w.pick('problem.unmet', book.common.problem.unmet, r.slots, r.seed) ??
        w.pick('unmetFallback', book.common.unmetFallback, r.slots, r.seed) ??
        r.name;
      items.push({ frag: joinFrags([lead, reasonClause(ctx, r, causeOnly ? 'cause' : 'all')], '，'), refs: r.refs, performance: true });
    } else if (r.ind.status === 'unknown') {
      items.push({ frag: unknownClause(ctx, r), refs: r.refs, performance: true });
    }
  }
  for (const f of t.t.findings) {
    if (f.code === 'low-execution' && t.budget) {
      const b = t.budget;
      const frag = w.pick('problem.lowExecution', book.common.problem.lowExecution, { rate: figFrag(b.rate), planned: figFrag(b.planned), executed: figFrag(b.executed) }, String(t.index));
      if (frag) items.push({ frag, refs: b.refs, performance: true });
    } else if (f.code === 'over-achieved') {
      const r = rowAt(f.row);
      if (!r) continue;
      const frag = w.pick('problem.overAchieved', book.common.problem.overAchieved, r.slots, r.seed);
      if (frag) items.push({ frag, refs: r.refs, performance: true });
    }
  }
  const seen = new Set<string>();
  for (const f of t.t.findings) {
    if (FINDING_SKIP.has(f.code) || f.severity === 'info') continue;
    const variants = book.common.problem.finding[f.code];
    if (!variants) continue;
    const r = rowAt(f.row);
    if (f.code === 'missing-reason' && r && r.ind.status !== 'met') continue; // said with the unmet row
    const key = TABLE_LEVEL_CODES.has(f.code) ? f.code : f.code + '|' + (f.row ?? '');
    if (seen.has(key)) continue;
    seen.add(key);
    const slots: Slots = r ? r.slots : {};
    const frag = w.pick('finding.' + f.code, variants, slots, (r?.seed ?? String(t.index)) + f.code);
    if (frag) items.push({ frag, refs: dedupe((r ? r.refs : []).concat(findingRefs(t.sheet, f))), performance: false });
  }
  return items;
}

function findingRefs(sheet: string, f: Finding): CellRef[] {
  return f.cell ? [cellRef(sheet, f.cell)] : [];
}

/** "学前教育项目：一是…；二是…。" */
function problemParagraph(ctx: Ctx, t: Table, items: ProblemItem[], withLead: boolean): Paragraph {
  const { w, book } = ctx;
  const sentences: Sentence[] = [];
  const lead = withLead ? w.pick('problemTableLead', book.department.problemTableLead, { project: t.name }, String(t.index)) : null;
  items.forEach((it, i) => {
    const isLast = i === items.length - 1;
    let prefix: Frag | null = null;
    if (items.length > 1) prefix = w.first(book.common.enumerate, { n: lit(chineseNumeral(i + 1)) });
    const f = cat(i === 0 ? lead : null, prefix, it.frag);
    sentences.push(toSentence(f, isLast ? '。' : '；', it.refs));
  });
  return { sentences };
}

/** "学前教育项目自评表填报方面，A；B。" — data-quality findings, not numbered. */
function qualityParagraph(ctx: Ctx, t: Table, items: ProblemItem[], variants: string[]): Paragraph {
  const lead = ctx.w.pick('qualityLead', variants, { project: t.name }, String(t.index));
  return {
    sentences: items.map((it, i) => toSentence(cat(i === 0 ? lead : null, it.frag), i === items.length - 1 ? '。' : '；', it.refs)),
  };
}

/** 三 / （三）: numbered performance problems, then the data-quality findings, per table. */
function problemParagraphs(ctx: Ctx, tables: { t: Table; items: ProblemItem[] }[], withLead: boolean, qualityLead: string[]): Paragraph[] {
  const out: Paragraph[] = [];
  const anyPerformance = tables.some((x) => x.items.some((it) => it.performance));
  const anyItems = tables.some((x) => x.items.length > 0);
  if (!anyItems) return [neutralParagraph(ctx, ctx.book.common.noProblems)];
  if (!anyPerformance) out.push(neutralParagraph(ctx, ctx.book.common.noProblemsButFindings));
  for (const { t, items } of tables) {
    const perf = items.filter((it) => it.performance);
    const quality = items.filter((it) => !it.performance);
    if (perf.length) out.push(problemParagraph(ctx, t, perf, withLead));
    if (quality.length) out.push(qualityParagraph(ctx, t, quality, qualityLead));
  }
  return out;
}

function neutralParagraph(ctx: Ctx, variants: string[]): Paragraph {
  const f = ctx.w.first(variants, {}) ?? EMPTY;
  return { sentences: [toSentence(f, '。')] };
}

// --- sections -------------------------------------------------------------------------------

function section(ctx: Ctx, level: 1 | 2 | 3, ordinal: string, title: Frag, paragraphs: Paragraph[], editable = false): Section {
  ctx.w.record(title.text);
  const s: Section = {
    heading: ordinal + title.text,
    ordinal,
    title: title.text,
    titleTrace: toSentence(title, ''),
    level,
    paragraphs,
  };
  if (editable) s.editable = true;
  return s;
}

function boilerplate(ctx: Ctx, variants: string[]): Paragraph[] {
  const f = ctx.w.first(variants, {});
  return f ? [{ sentences: [toSentence(f, '')] }] : [];
}

function allRows(ctx: Ctx): Row[] {
  const out: Row[] = [];
  for (const t of ctx.tables) append(out, t.rows);
  return out;
}

function nameRefs(rows: Row[]): CellRef[] {
  return dedupe(rows.map((r) => cellRef(r.sheet, r.ind.cells.name)));
}

function departmentNarrative(ctx: Ctx): Narrative {
  const { w, book, tables } = ctx;
  const D = book.department;
  const deptSlot = ctx.department;
  const title = w.first(D.title, { department: deptSlot, year: ctx.year }) ?? lit('');
  const sections: Section[] = [];

  // 一、总体绩效目标实现情况
  const rows = allRows(ctx);
  const met = rows.filter((r) => r.ind.status === 'met');
  const unmet = rows.filter((r) => r.ind.status === 'unmet');
  const unknown = rows.filter((r) => r.ind.status === 'unknown');
  const tableRefs: CellRef[] = [];
  for (const t of tables) {
    if (t.rows.length) tableRefs.push(cellRef(t.sheet, t.rows[0].ind.cells.name));
    else if (t.budget) tableRefs.push(...t.budget.refs.slice(0, 1));
  }
  const overview: Sentence[] = [];
  const scope = w.first(D.scope, {
    year: ctx.year,
    department: deptSlot ?? lit('本部门'),
    tables: figFrag(countFigure(tables.length, tableRefs, '计数：工作簿中识别出的绩效自评表')),
    indicators: figFrag(countFigure(rows.length, nameRefs(rows), '计数：各表三级指标行（不含模板占位行）')),
  });
  if (scope) {
    const counts: Frag[] = [];
    if (unmet.length === 0 && unknown.length === 0) {
      const f = w.first(D.countsAllMet, {});
      if (f) counts.push(f);
    } else {
      const f1 = w.first(D.countsMet, { met: figFrag(countFigure(met.length, nameRefs(met.length ? met : rows), '计数：达到年度指标值的指标')) });
      if (f1) counts.push(f1);
      if (unmet.length) {
        const f2 = w.first(D.countsUnmet, { unmet: figFrag(countFigure(unmet.length, nameRefs(unmet), '计数：未达到年度指标值的指标')) });
        if (f2) counts.push(f2);
      }
      if (unknown.length) {
        const f3 = w.first(D.countsUnknown, { unknown: figFrag(countFigure(unknown.length, nameRefs(unknown), '计数：完成值无法判断的指标')) });
        if (f3) counts.push(f3);
      }
    }
    overview.push(toSentence(joinFrags([scope, ...counts], '，'), '。'));
  }

  // budget over the tables
  const withBudget = tables.filter((t) => t.budget);
  if (withBudget.length === 1 && tables.length === 1) {
    const b = withBudget[0].budget as BudgetFigures;
    const f = w.first(D.budgetOne, { planned: figFrag(b.planned), executed: figFrag(b.executed), rate: figFrag(b.rate) });
    if (f) overview.push(toSentence(f, '。'));
  } else if (withBudget.length >= 1) {
    // Σ in the common unit; 元 and 万元 mixed are summed in 元 (万元 × 10000 is exact), printed in 万元 when exact.
    const units = new Set(withBudget.map((t) => (t.budget as BudgetFigures).unit));
    const mixed = units.size === 2 && units.has('元') && units.has('万元');
    if (units.size === 1 || mixed) {
      const unit = mixed ? '元' : (withBudget[0].budget as BudgetFigures).unit;
      const inUnit = (x: number, u: string) => (mixed && u === '万元' ? x * 10000 : x);
      const sumP = roundTo(withBudget.reduce((s, t) => s + inUnit((t.budget as BudgetFigures).plannedRaw, (t.budget as BudgetFigures).unit), 0), 6);
      const sumE = roundTo(withBudget.reduce((s, t) => s + inUnit((t.budget as BudgetFigures).executedRaw, (t.budget as BudgetFigures).unit), 0), 6);
      const pRefs = withBudget.map((t) => (t.budget as BudgetFigures).planned.refs[0]);
      const eRefs = withBudget.map((t) => (t.budget as BudgetFigures).executed.refs[0]);
      const slots: Slots = {
        tables: figFrag(countFigure(withBudget.length, pRefs, '计数：填列了全年预算数和全年执行数的表')),
        planned: figFrag(figure(formatMoney(sumP, unit, true), 'sum', pRefs, mixed ? 'Σ 各表全年预算数（万元 × 10000 折算为元）' : 'Σ 各表全年预算数')),
        executed: figFrag(figure(formatMoney(sumE, unit, true), 'sum', eRefs, mixed ? 'Σ 各表全年执行数（万元 × 10000 折算为元）' : 'Σ 各表全年执行数')),
        rate: sumP > 0 ? figFrag(figure(formatRate(sumE / sumP), 'rate', pRefs.concat(eRefs), '预算执行率 = Σ 全年执行数 ÷ Σ 全年预算数')) : undefined,
      };
      const f = w.first(withBudget.length === tables.length ? D.budgetAll : D.budgetSome, slots);
      if (f) overview.push(toSentence(f, '。'));
    }
  }

  // scores
  if (tables.length === 1) {
    const t = tables[0];
    const f = w.first(D.scoreOne, { score: figFrag(totalScoreFigure(t)), grade: gradeFrag(t) });
    if (f) overview.push(toSentence(f, '。', t.scoreRefs));
  } else if (tables.length > 1) {
    const items: Frag[] = [];
    for (const t of tables) {
      const f = w.first(D.scoreItem, { project: t.name, score: figFrag(totalScoreFigure(t)), grade: gradeFrag(t) });
      if (f) items.push(f);
    }
    const allRefs = dedupe(([] as CellRef[]).concat(...tables.map((t) => t.scoreRefs)));
    const avg = tables.reduce((s, t) => s + t.t.total.score, 0) / tables.length;
    const f = w.first(D.scoresMany, {
      list: joinFrags(items, '、'),
      avg: figFrag(scoreFigure(avg, allRefs, '平均得分 = Σ 各表总分 ÷ 表数，保留两位小数')),
    });
    if (f) overview.push(toSentence(f, '。'));
  }

  // closing judgement
  const lowExec = tables.filter((t) => t.budget && t.t.findings.some((f) => f.code === 'low-execution'));
  let closing: Frag | null = null;
  if (unmet.length === 0 && unknown.length === 0) {
    closing = lowExec.length
      ? w.first(D.closingAllMetLowExecution, { names: joinList(lowExec.map((t) => t.name)) })
      : w.first(D.closingAllMet, {});
  } else if (unknown.length === 0) {
    closing = w.first(D.closingUnmet, { names: namesFrag(ctx, unmet, nameRefs(unmet)) });
  } else if (unmet.length === 0) {
    closing = w.first(D.closingUnknown, { unknownNames: namesFrag(ctx, unknown, nameRefs(unknown)) });
  } else {
    closing = w.first(D.closingUnmetUnknown, {
      names: namesFrag(ctx, unmet, nameRefs(unmet)),
      unknownNames: namesFrag(ctx, unknown, nameRefs(unknown)),
    });
  }
  if (closing) overview.push(toSentence(closing, '。'));
  sections.push(section(ctx, 1, '一、', lit(D.headings.overview), [{ sentences: overview }]));

  // 二、分项绩效目标实现情况
  sections.push(section(ctx, 1, '二、', lit(D.headings.detail), []));
  tables.forEach((t, i) => {
    sections.push(section(ctx, 2, '（' + chineseNumeral(i + 1) + '）', t.name, tableParagraphs(ctx, t)));
  });

  // 三、存在的问题及改进措施
  const perTable = tables.map((t) => ({ t, items: problemItems(ctx, t, false) }));
  const problemParas = problemParagraphs(ctx, perTable, true, D.qualityLead);
  sections.push(section(ctx, 1, '三、', lit(D.headings.problems), problemParas));

  if (ctx.extra) {
    sections.push(section(ctx, 1, '四、', lit(D.headings.application), boilerplate(ctx, D.application), true));
  }

  return {
    title: title.text,
    titleTrace: toSentence(title, ''),
    outline: 'department',
    department: ctx.departmentText,
    year: ctx.yearText,
    sections,
  };
}

/** 二 (department outline): one table's results. */
function tableParagraphs(ctx: Ctx, t: Table): Paragraph[] {
  const { w, book } = ctx;
  const D = book.department;
  const first: Sentence[] = [];
  const seed = String(t.index) + t.nameText;
  const score = figFrag(totalScoreFigure(t));
  if (t.budget) {
    const b = t.budget;
    const bf = w.pick('tableBudget', D.tableBudget, { project: t.name, planned: figFrag(b.planned), executed: figFrag(b.executed), rate: figFrag(b.rate) }, seed);
    const sf = bf ? w.pick('tableScoreAfterBudget', D.tableScoreAfterBudget, { score, grade: gradeFrag(t) }, seed) : null;
    if (bf) first.push(toSentence(sf ? joinFrags([bf, sf], '，') : bf, '。', sf ? t.scoreRefs : b.refs));
  }
  if (!first.length) {
    const sf = w.pick('tableScoreOnly', D.tableScoreOnly, { project: t.name, score, grade: gradeFrag(t) }, seed);
    if (sf) first.push(toSentence(sf, '。', t.scoreRefs));
  }
  if (t.rows.length === 0) {
    const f = w.pick('tableNoIndicators', D.tableNoIndicators, {}, seed);
    if (f) first.push(toSentence(f, '。'));
  }
  const met = t.rows.filter((r) => r.ind.status === 'met');
  for (const g of byGroup(met)) {
    const lead = groupLead(ctx, book.common.groupLead[g.group], 'lead.' + g.group, seed);
    first.push(...metChain(ctx, g.rows, lead));
  }
  const paragraphs: Paragraph[] = [{ sentences: first }];
  const short: Sentence[] = [];
  const bad = t.rows.filter((r) => r.ind.status !== 'met');
  bad.forEach((r, i) => {
    const lead = i === 0 ? groupLead(ctx, book.common.shortfallLead, 'shortfallLead', r.seed) : null;
    const body = r.ind.status === 'unmet' ? unmetClause(ctx, r, true) : unknownClause(ctx, r);
    short.push(toSentence(cat(lead, body), '。', r.refs));
  });
  if (short.length) paragraphs.push({ sentences: short });
  return paragraphs;
}

// --- project outline --------------------------------------------------------------------------

function groupLabel(rows: Row[]): Frag {
  const l1 = rows[0].ind.level1 ?? '';
  const clean = cleanText(l1).replace(/[（(]\s*\d+(\.\d+)?\s*分?\s*[)）]/g, '').replace(/\d+(\.\d+)?分$/, '');
  if (/产出/.test(clean)) return lit('产出指标');
  if (/成本/.test(clean)) return lit('成本指标');
  if (/效益/.test(clean)) return lit('效益指标');
  if (/满意/.test(clean)) return lit('满意度指标');
  return /\d/.test(clean) || !clean ? lit('其他指标') : quoteFrag({ text: clean, source: 'cell', refs: nameRefs(rows) }) as Frag;
}

function projectNarrative(ctx: Ctx, t: Table): Narrative {
  const { w, book } = ctx;
  const P = book.project;
  const yearSlot = ctx.yearText && t.nameText.indexOf(ctx.yearText) >= 0 ? undefined : ctx.year;
  const title = w.first(P.title, { project: t.name, year: yearSlot }) ?? lit('');
  const sections: Section[] = [];
  const seed = String(t.index) + t.nameText;

  sections.push(section(ctx, 1, '一、', lit(P.headings.conclusion), []));

  // （一）自评得分
  const scoreSentences: Sentence[] = [];
  const sf = w.first(P.score, { project: t.name, year: yearSlot, score: figFrag(totalScoreFigure(t)), grade: gradeFrag(t) });
  if (sf) scoreSentences.push(toSentence(sf, '。', t.scoreRefs));
  const parts: Frag[] = [];
  const b = t.t.budget;
  if (b && b.score !== null && t.budget) {
    const f = w.first(P.breakdownBudget, { score: figFrag(scoreFigure(b.score, t.budget.refs, '预算执行率得分 = min(执行率, 100%) × 分值')) });
    if (f) parts.push(f);
  }
  // level-1 groups in sheet order of first appearance
  const labels: string[] = [];
  const groups = new Map<string, Row[]>();
  for (const r of t.rows) {
    const k = r.ind.level1 ?? '';
    if (!groups.has(k)) {
      groups.set(k, []);
      labels.push(k);
    }
    (groups.get(k) as Row[]).push(r);
  }
  for (const k of labels) {
    const rows = groups.get(k) as Row[];
    const scored = rows.filter((r) => r.ind.score !== null);
    if (!scored.length) continue;
    const sRefs = dedupe(([] as CellRef[]).concat(...scored.map((r) => refsOf(r.sheet, r.ind.cells.weight, r.ind.cells.target, r.ind.cells.actual))));
    const sum = scored.reduce((s, r) => s + (r.ind.score as number), 0);
    const weighted = rows.every((r) => r.ind.weight !== null && r.ind.cells.weight);
    const wsum = weighted ? rows.reduce((s, r) => s + (r.ind.weight as number), 0) : null;
    const f = w.first(P.breakdownGroup, {
      label: groupLabel(rows),
      score: figFrag(scoreFigure(sum, sRefs, 'Σ 该类指标按评分规则核算的得分', 'sum')),
      weight: wsum !== null ? figFrag(figure({ text: formatNumber(wsum), value: roundTo(wsum) }, 'sum', rows.map((r) => cellRef(r.sheet, r.ind.cells.weight as string)), 'Σ 该类指标分值')) : undefined,
    });
    if (f) parts.push(f);
  }
  if (parts.length) {
    const lead = w.first(P.breakdownLead, {});
    scoreSentences.push(toSentence(cat(lead, joinFrags(parts, '，')), '。'));
  }
  sections.push(section(ctx, 2, '（一）', lit(P.headings.score), [{ sentences: scoreSentences }]));

  // （二）绩效目标完成情况
  sections.push(section(ctx, 2, '（二）', lit(P.headings.completion), []));
  const exec: Sentence[] = [];
  if (t.budget) {
    const f = w.first(P.execution, { planned: figFrag(t.budget.planned), executed: figFrag(t.budget.executed), rate: figFrag(t.budget.rate) });
    if (f) exec.push(toSentence(f, '。'));
  }
  if (!exec.length) {
    const f = w.first(P.noBudget, {});
    if (f) exec.push(toSentence(f, '。'));
  }
  sections.push(section(ctx, 3, '1.', lit(P.headings.execution), [{ sentences: exec }]));

  const met = t.rows.filter((r) => r.ind.status === 'met');
  const metParas: Paragraph[] = [];
  for (const g of byGroup(met)) {
    const lead = groupLead(ctx, P.groupLead[g.group], 'plead.' + g.group, seed);
    metParas.push({ sentences: metChain(ctx, g.rows, lead) });
  }
  if (!metParas.length) metParas.push(neutralParagraph(ctx, P.metNone));
  sections.push(section(ctx, 3, '2.', lit(P.headings.met), metParas));

  const bad = t.rows.filter((r) => r.ind.status !== 'met');
  const unmetParas: Paragraph[] = [];
  if (bad.length) {
    unmetParas.push({
      sentences: bad.map((r) => toSentence(r.ind.status === 'unmet' ? unmetClause(ctx, r, true) : unknownClause(ctx, r), '。', r.refs)),
    });
  } else unmetParas.push(neutralParagraph(ctx, P.unmetNone));
  sections.push(section(ctx, 3, '3.', lit(P.headings.unmet), unmetParas));

  // （三）存在的问题和原因分析
  const items = problemItems(ctx, t, true);
  const problemParas = problemParagraphs(ctx, [{ t, items }], false, P.qualityLead);
  sections.push(section(ctx, 2, '（三）', lit(P.headings.problems), problemParas));

  // （四）下一步拟改进措施及有关建议 — only the measures the sheet states
  const measureParas: Paragraph[] = [];
  const withMeasure = bad.filter((r) => r.reason && r.reason.measure);
  let measuresEditable = false;
  if (withMeasure.length) {
    measureParas.push({
      sentences: withMeasure.map((r, i) =>
        toSentence(w.pick('measureFromReason', P.measureFromReason, r.slots, r.seed) ?? EMPTY, i === withMeasure.length - 1 ? '。' : '；', r.refs),
      ),
    });
  } else if (items.some((it) => it.performance)) {
    measureParas.push(neutralParagraph(ctx, P.measuresMissing));
    measuresEditable = true;
  } else {
    measureParas.push(neutralParagraph(ctx, P.measuresNone));
  }
  sections.push(section(ctx, 2, '（四）', lit(P.headings.measures), measureParas, measuresEditable));

  if (ctx.extra) {
    sections.push(section(ctx, 1, '二、', lit(P.headings.evidence), boilerplate(ctx, P.evidence), true));
    sections.push(section(ctx, 1, '三、', lit(P.headings.application), boilerplate(ctx, P.application), true));
  }

  return {
    title: title.text,
    titleTrace: toSentence(title, ''),
    outline: 'project',
    department: ctx.departmentText,
    year: ctx.yearText,
    sections,
  };
}

