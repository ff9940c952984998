// One indicator row: read its cells, settle the target (its own, or the standard's), judge the actual
// against it, score it by the profile, and check what the form says about it. Each step is a function
// of its own; evaluateRow runs them in order.

import { Grid, normLabel } from './grid';
import { TableLayout, RowLayout } from './layout';
import { parseCell, parseText, unitFactor, compareDates } from './parse';
import { address, Cell } from './snapshot';
import { ScoringProfile } from './data/profiles';
import { Standard, LOWER_IS_BETTER_KEYWORDS, LOWER_IS_BETTER_LEVEL2 } from './data/standards';
import { isEmptyReason } from './data/headers';
import { quantitativeScore, qualitativeScore, roundScore, round2, band, EPS } from './score';
import { Achievement, Direction, IndicatorResult, ParsedValue } from './types';
import { fmtNum } from './text';
import { Findings, reportUnreadable } from './findings';

export interface RowContext {
  grid: Grid;
  table: TableLayout;
  profile: ScoringProfile;
  standards: Standard[];
  findings: Findings;
  sheetYear: number | null;
}

const ACH_WORD: Record<Achievement, string> = { achieved: '达成', partial: '部分达成', none: '未达成' };

/** A number in a cell: numbers as they are, text like "10" / "９.５分" read, anything else null. */
export function numberIn(c: Cell | null): number | null {
  if (!c || c.v === null || c.v === '') return null;
  if (typeof c.v === 'number') return Number.isFinite(c.v) && !c.uncalculated ? c.v : null;
  if (typeof c.v === 'boolean') return null;
  const p = parseCell(c, 'actual');
  if (p.kind === 'number' && p.value !== null && (p.unit === null || p.unit === '分')) return p.value;
  return null;
}

export function isRateName(name: string): boolean {
  return /率|满意度|占比|比例|比重/.test(name);
}

/** A 其中 row under a weighted indicator: a breakdown of it, judged but never weighted on its own. */
export function isBreakdownRow(name: string): boolean {
  return /^其中/.test(name.trim());
}

function findStandard(name: string, standards: Standard[]): Standard | null {
  const n = normLabel(name);
  for (const s of standards) if (n.indexOf(s.keyword) >= 0 && !(s.except ?? []).some((x) => n.indexOf(x) >= 0)) return s;
  return null;
}

function standardAsTarget(s: Standard): ParsedValue {
  const sym = s.op === '>=' ? '≥' : s.op === '<=' ? '≤' : '=';
  return { text: `${sym}${fmtNum(s.value)}${s.unit}`, kind: 'number', op: s.op, value: s.value, unit: s.unit };
}

// ---- Reading the row ------------------------------------------------------------------------------

/** 指标性质 words that name the kind of indicator rather than a comparator. */
const NATURE_KIND_WORDS = ['定量', '定性'];

/**
 * The row's target: the 年度指标值 cell, or 指标性质 | 指标值 | 度量单位 read as one value; a filled
 * 调整指标值 wins over the 年初 one.
 */
function readTarget(g: Grid, t: TableLayout, row: number): { value: ParsedValue | null; col: number | null; cell: Cell | null } {
  const c = t.cols;
  if (c.adjustedTarget !== undefined) {
    const adj = g.cell(row, c.adjustedTarget);
    const p = parseCell(adj, 'target');
    if (p.kind !== 'empty') return { value: p, col: c.adjustedTarget, cell: adj };
  }
  const valCol = c.targetValue ?? c.target;
  if (valCol === undefined) return { value: null, col: null, cell: null };
  const cell = g.cell(row, valCol);
  const base = parseCell(cell, 'target');
  if (base.kind === 'empty') return { value: null, col: valCol, cell };
  let nature = c.nature !== undefined ? g.ownText(row, c.nature) : '';
  if (NATURE_KIND_WORDS.some((w) => nature.indexOf(w) >= 0)) nature = '';
  const unit = c.unit !== undefined ? g.ownText(row, c.unit) : '';
  if ((!nature && !unit) || base.kind === 'unknown') return { value: base, col: valCol, cell };
  const valueText = cell ? cell.t || String(cell.v ?? '') : '';
  const text = `${nature}${valueText}${base.unit && unit ? '' : unit}`.trim();
  // A percent-formatted number keeps its parsed value; the unit column only adds a unit it lacks.
  const p =
    base.kind === 'number' && typeof cell?.v === 'number'
      ? { ...parseText(text, 'target'), value: base.value, unit: base.unit ?? (unit || null) }
      : parseText(text, 'target');
  return { value: { ...p, text }, col: valCol, cell };
}

/** The row's actual; a bare number takes the 度量单位 column's unit, as its target does. */
function readActual(g: Grid, t: TableLayout, row: number): { value: ParsedValue | null; cell: Cell | null } {
  const c = t.cols;
  if (c.actual === undefined) return { value: null, cell: null };
  const cell = g.cell(row, c.actual);
  const p = parseCell(cell, 'actual');
  if (p.kind === 'empty') return { value: null, cell };
  if (p.kind === 'number' && p.unit === null && c.unit !== undefined) {
    const unit = g.ownText(row, c.unit);
    if (unit && unitFactor(unit, unit) !== null) return { value: { ...p, unit }, cell };
  }
  return { value: p, cell };
}

// ---- Judging ---------------------------------------------------------------------------------------

export function directionOf(target: ParsedValue, name: string, level2: string | null): Direction | null {
  if (target.kind === 'date') return 'deadline';
  if (target.kind === 'qualitative') return 'qualitative';
  if (target.kind !== 'number' || target.value === null) return null;
  const v = target.value;
  if (target.op === '<=') return v === 0 ? 'zero' : 'lower';
  if (target.op === '>=') return 'higher';
  if (target.op === '=') return v === 0 ? 'zero' : 'higher';
  if (v === 0) return 'zero';
  // Without a comparator the name decides: 成本, 投诉, 控制率 … are ceilings. A rate under 成本指标
  // (计划完成率) is still a floor; the 二级 label only turns amounts into ceilings.
  const lower =
    LOWER_IS_BETTER_KEYWORDS.some((k) => name.indexOf(k) >= 0) ||
    (level2 !== null && !isRateName(name) && LOWER_IS_BETTER_LEVEL2.some((k) => level2.indexOf(k) >= 0));
  return lower ? 'lower' : 'higher';
}

function withYear(d: { year: number | null; month: number | null; day: number | null }, year: number | null) {
  return d.year === null && year !== null ? { ...d, year } : d;
}

function judgeAgainst(actual: ParsedValue, target: ParsedValue): Achievement | null {
  const n = (x: string) => x.replace(/[\s\u3000。.，,]+/g, '');
  const a = n(actual.text);
  const t = n(target.text);
  // Restating the target ("较高" for "较高") says it was reached, whatever the words' own tone.
  if (a !== '' && a === t) return 'achieved';
  if (actual.achievement) return actual.achievement;
  // "取得新进展：与…合作" — the target phrase followed by the evidence. Negations were caught above.
  if (t.length >= 2 && a.startsWith(t)) return 'achieved';
  return null;
}

/**
 * Brings target and actual to one unit. Percent written without % on one side: a rate target "1" or an
 * actual 0.95 means a fraction of 100% (REFERENCE §3.1); a bare 95 next to "95%" is the same scale.
 */
export function normaliseUnits(target: ParsedValue, actual: ParsedValue, name: string): { a: number; b: number } | null {
  let a = target.value as number;
  let b = actual.value as number;
  const tu = target.unit;
  const au = actual.unit;
  if (tu === '%' && (au === null || au === '')) {
    if (b <= 1.5 && a > 1.5 && isRateName(name)) b *= 100;
    return { a, b };
  }
  if (au === '%' && (tu === null || tu === '')) {
    if (a <= 1 && b > 1.5 && isRateName(name)) a *= 100;
    return { a, b };
  }
  let f = unitFactor(tu, au);
  if (f === null && tu && au) {
    // "2.5元" against "元/生·天": one side leaves out the per-unit part the name already says.
    const [tn, td] = tu.split('/');
    const [an, ad] = au.split('/');
    if (!td !== !ad) f = unitFactor(tn, an);
  }
  if (f === null) return null;
  b *= f;
  return { a, b };
}

/**
 * "≥80%" typed as the actual of a "≥80%" (or "80%") target: the row claims the target was reached. It
 * counts as met at the target's value, and the officer is asked for the real figure.
 */
function actualCopiesTarget(actualText: string, target: ParsedValue, name: string): boolean {
  if (target.kind !== 'number' || target.value === null) return false;
  const asTarget = parseText(actualText, 'target');
  if (asTarget.kind !== 'number' || asTarget.value === null || asTarget.op === null) return false;
  if (target.op !== null && asTarget.op !== target.op) return false;
  const norm = normaliseUnits(target, asTarget, name);
  return norm !== null && Math.abs(norm.a - norm.b) <= EPS * Math.max(1, Math.abs(norm.a));
}

interface Judgement {
  raw: number | null;
  achievement: Achievement | null;
  /** The qualitative-band finding already says the self-score is off. */
  bandReported: boolean;
}

function judge(ctx: RowContext, res: IndicatorResult, target: ParsedValue, actual: ParsedValue | null, label: string): Judgement {
  const { profile: p, findings } = ctx;
  const r = res.row;
  const cells = res.cells;
  const weight = res.weight;
  const out: Judgement = { raw: null, achievement: null, bandReported: false };
  if (!actual) return out;
  const direction = res.direction as Direction;

  if (actual.kind === 'unknown') {
    if (direction !== 'qualitative' && direction !== 'deadline' && actualCopiesTarget(actual.text, target, res.name)) {
      findings.add(
        r,
        cells.actual,
        'actual-as-target',
        `${label}的实际完成值“${actual.text}”照抄了指标值的写法，已按达到指标值${target.text}计；请填写实际完成的数值。`,
      );
      res.status = 'met';
      res.ratio = 1;
      if (weight !== null) out.raw = weight;
      return out;
    }
    findings.add(
      r,
      cells.actual,
      'unparsed',
      `${label}的实际完成值“${actual.text}”无法识别（${actual.problem ?? '格式不明'}），标记为待核实；请填写实际数值。`,
    );
    return out;
  }

  if (direction === 'qualitative') {
    out.achievement = actual.kind === 'qualitative' ? judgeAgainst(actual, target) : null;
    if (!out.achievement) {
      findings.add(
        r,
        cells.actual,
        'unparsed',
        `${label}的实际完成值“${actual.text}”无法判断是否达成定性目标“${target.text}”，标记为待核实；请用“达成/部分达成/未达成”等明确表述。`,
      );
    }
  } else if (direction === 'deadline') {
    if (actual.kind === 'date' && actual.date && target.date) {
      const cmp = compareDates(actual.date, withYear(target.date, ctx.sheetYear));
      if (cmp === null)
        findings.add(r, cells.actual, 'unparsed', `${label}的完成时间“${actual.text}”无法与时限“${target.text}”比较，标记为待核实。`);
      else out.achievement = cmp <= 0 ? 'achieved' : p.deadlineMissedBand;
    } else if (actual.kind === 'qualitative' && actual.achievement) {
      out.achievement = actual.achievement;
    } else {
      findings.add(
        r,
        cells.actual,
        'unparsed',
        `${label}的实际完成值“${actual.text}”不是日期，无法与时限“${target.text}”比较，标记为待核实；请填写实际完成时间。`,
      );
    }
  } else if (actual.kind !== 'number' || actual.value === null) {
    findings.add(
      r,
      cells.actual,
      'unparsed',
      `${label}的指标值为数值“${target.text}”，实际完成值却是“${actual.text}”，标记为待核实；请填写实际数值。`,
    );
  } else {
    const norm = normaliseUnits(target, actual, res.name);
    if (!norm) {
      findings.add(
        r,
        cells.actual,
        'unit-mismatch',
        `${label}的实际完成值单位“${actual.unit}”与指标值单位“${target.unit}”不一致，无法比较，标记为待核实。`,
      );
      return out;
    }
    const { a, b } = norm;
    res.ratio = a > 0 ? b / a : null;
    const q = quantitativeScore(direction, a, b, weight ?? 1, p);
    res.status = q.met ? 'met' : 'unmet';
    if (weight !== null) out.raw = q.raw;
    if (direction === 'higher' && a > 0 && b >= p.overAchievedRatio * a) {
      const needs = p.overAchievedNeedsReason && isEmptyReason(res.reason);
      findings.add(
        r,
        cells.actual,
        'over-achieved',
        `${label}实际完成值${actual.text}达到指标值${target.text}的${fmtNum(round2((b / a) * 100))}%，超额较多，请核实指标值是否设置偏低${needs ? '，并填写超额原因' : ''}。`,
        needs ? 'error' : 'warning',
      );
    }
    return out;
  }

  const achievement = out.achievement;
  if (!achievement) return out;
  res.achievement = achievement;
  res.status = achievement === 'achieved' ? 'met' : 'unmet';
  if (weight === null) return out;
  if (direction === 'deadline' && achievement === 'achieved') {
    // A deadline kept is a target met in full, like a number reached: the full 分值.
    out.raw = weight;
    return out;
  }
  const q = qualitativeScore(achievement, res.selfScore, weight, p);
  out.raw = q.raw;
  if (!q.inBand && res.selfScore !== null) {
    const [lo, hi] = band(achievement, p);
    findings.add(
      r,
      cells.score,
      'qualitative-band',
      `${label}判定为“${ACH_WORD[achievement]}”，应得${fmtNum(round2(lo * weight))}–${fmtNum(round2(hi * weight))}分，自评${fmtNum(res.selfScore)}分不在该档内，核算按${fmtNum(round2(hi * weight))}分。`,
    );
    out.bandReported = true;
  }
  return out;
}

/** A target laxer than the standard (满意度 ≥85% where the standard is 95%). */
function checkStandard(ctx: RowContext, res: IndicatorResult, standard: Standard | null, label: string): void {
  const own = res.target;
  if (!standard || !own || own.kind !== 'number' || own.value === null || res.targetFromStandard) return;
  const rate = own.unit === null && isRateName(res.name);
  const f = unitFactor(standard.unit, rate ? '%' : own.unit);
  if (f === null) return;
  const val = rate && own.value <= 1 ? own.value * 100 : own.value * f;
  const lax = standard.op === '>=' ? val < standard.value - EPS : standard.op === '<=' ? val > standard.value + EPS : false;
  if (!lax) return;
  const act = res.actual && res.actual.kind === 'number' ? `，实际完成值${res.actual.text}` : '';
  ctx.findings.add(
    res.row,
    res.cells.target,
    'below-standard',
    `${label}的指标值${own.text}低于通行标准“${standard.label}”${act}；请核实目标是否设置偏低。`,
  );
}

/**
 * What the form says about the row's points. One finding per problem: a score above its weight is
 * only that; a row met in full but scored below its weight with no reason is one finding naming both
 * ways out; otherwise a self-score off the rule and a deduction without a reason are separate problems.
 */
function checkSelfScore(ctx: RowContext, res: IndicatorResult, bandReported: boolean, label: string): void {
  const { profile: p, findings } = ctx;
  const { weight, selfScore, score, cells, row } = res;
  if (weight === null) return;
  const noReason = (): boolean => isEmptyReason(res.reason);
  if (selfScore !== null && selfScore > weight + EPS) {
    findings.add(
      row,
      cells.score,
      'score-over-weight',
      `${label}自评得分${fmtNum(selfScore)}分超过分值${fmtNum(weight)}分；请改为不超过${fmtNum(weight)}分${score !== null ? `（按评分规则核算为${fmtNum(score)}分）` : ''}。`,
    );
    if (score !== null && score < weight - EPS && noReason()) {
      findings.add(
        row,
        cells.reason ?? cells.score,
        'missing-reason',
        `${label}按评分规则核算扣${fmtNum(round2(weight - score))}分，但未填写偏差原因；请说明原因和改进措施。`,
      );
    }
    return;
  }
  const lostBySelf = selfScore !== null && selfScore < weight - EPS;
  const lostByRule = score !== null && score < weight - EPS;
  if (lostBySelf && !lostByRule && score !== null && noReason()) {
    findings.add(
      row,
      cells.reason ?? cells.score,
      'missing-reason',
      `${label}已${res.direction === 'qualitative' ? '达成目标' : '完成指标值'}，按评分规则可得${fmtNum(score)}分，自评${fmtNum(selfScore as number)}分且未写扣分原因；如扣分有原因，请在偏差原因栏说明，否则请按规则改为${fmtNum(score)}分。`,
    );
    return;
  }
  if (selfScore !== null && score !== null && !bandReported && Math.abs(selfScore - score) >= p.scoreTolerance - EPS) {
    findings.add(
      row,
      cells.score,
      'score-mismatch',
      `${label}自评得分${fmtNum(selfScore)}分，按评分规则核算为${fmtNum(score)}分，相差${fmtNum(round2(Math.abs(selfScore - score)))}分；请核实。`,
    );
  }
  if ((lostBySelf || lostByRule) && noReason()) {
    const lost = lostBySelf
      ? `自评扣${fmtNum(round2(weight - (selfScore as number)))}分`
      : `核算扣${fmtNum(round2(weight - (score as number)))}分`;
    findings.add(
      row,
      cells.reason ?? cells.score,
      'missing-reason',
      `${label}${lost}，但未填写偏差原因；请在“偏差原因分析及改进措施”栏说明原因和改进措施。`,
    );
  }
}

export function evaluateRow(ctx: RowContext, rl: RowLayout): IndicatorResult {
  const { grid: g, table: t, findings } = ctx;
  const c = t.cols;
  const r = rl.row;
  const at = (col: number | undefined) => (col === undefined ? null : address(r, col));
  const label = `第${r}行“${rl.name}”`;
  const tgt = readTarget(g, t, r);
  const act = readActual(g, t, r);
  const weightCell = c.weight !== undefined ? g.cell(r, c.weight) : null;
  const scoreCell = c.score !== undefined ? g.cell(r, c.score) : null;
  const reasonText = c.reason !== undefined ? g.ownText(r, c.reason) : '';
  const res: IndicatorResult = {
    row: r,
    level1: rl.level1,
    level2: rl.level2,
    name: rl.name,
    target: tgt.value,
    actual: act.value,
    kind: 'quantitative',
    status: 'unknown',
    weight: numberIn(weightCell),
    selfScore: numberIn(scoreCell),
    score: null,
    reason: reasonText === '' ? null : reasonText,
    direction: null,
    effectiveTarget: tgt.value,
    targetFromStandard: false,
    ratio: null,
    cells: {
      name: address(r, c.name as number),
      target: tgt.col === null ? null : address(r, tgt.col),
      actual: at(c.actual),
      weight: at(c.weight),
      score: at(c.score),
      reason: at(c.reason),
    },
  };
  const cells = res.cells;
  const weightUnreadable = reportUnreadable(findings, r, cells.weight, weightCell, label, '分值');
  reportUnreadable(findings, r, cells.score, scoreCell, label, '自评得分');
  const targetUnreadable = reportUnreadable(findings, r, cells.target, tgt.cell, label, '年度指标值');
  const actualUnreadable = reportUnreadable(findings, r, cells.actual, act.cell, label, '实际完成值');
  const standard = findStandard(rl.name, ctx.standards);

  // Target: the row's own, else the standard's.
  let target = targetUnreadable ? null : tgt.value;
  if (targetUnreadable) {
    // said above
  } else if (!target) {
    if (standard) {
      target = standardAsTarget(standard);
      res.effectiveTarget = target;
      res.targetFromStandard = true;
      findings.add(
        r,
        cells.target ?? cells.name,
        'standard-applied',
        `${label}未填写年度指标值，已按通行标准“${standard.label}”评价；请补填指标值。`,
      );
    } else {
      findings.add(
        r,
        cells.target ?? cells.name,
        'missing-target',
        `${label}未填写年度指标值，且没有适用的通行标准，无法评价；请补填指标值。`,
      );
    }
  } else if (target.kind === 'unknown') {
    findings.add(
      r,
      cells.target,
      'unparsed',
      `${label}的年度指标值“${target.text}”无法识别（${target.problem ?? '格式不明'}），标记为待核实；请改写为如“≥95%”“≤90万元”的形式。`,
    );
    target = null;
  }
  if (!act.value && !actualUnreadable) findings.add(r, cells.actual, 'missing-actual', `${label}未填写实际完成值，无法评价；请补填。`);

  let judgement: Judgement = { raw: null, achievement: null, bandReported: false };
  if (target) {
    res.direction = directionOf(target, rl.name, rl.level2);
    res.kind = res.direction === 'qualitative' ? 'qualitative' : 'quantitative';
    if (res.direction && !actualUnreadable) judgement = judge(ctx, res, target, act.value, label);
  }
  if (judgement.raw !== null && res.weight !== null) res.score = roundScore(Math.min(judgement.raw, res.weight), ctx.profile);

  if (res.status === 'unmet') {
    const a = judgement.achievement;
    const what =
      res.direction === 'deadline' ? '未按时完成' : res.direction === 'qualitative' ? `仅${ACH_WORD[a ?? 'none']}` : '未达到指标值';
    findings.add(
      r,
      cells.actual,
      'unmet',
      `${label}${what}：指标值${target ? target.text : ''}，实际完成值${act.value ? act.value.text : ''}${res.score !== null && res.weight !== null ? `，核算得分${fmtNum(res.score)}/${fmtNum(res.weight)}分` : ''}。`,
    );
  }
  checkStandard(ctx, res, standard, label);
  if (res.weight === null) {
    // No 分值 column at all is said once for the table; a 其中 row is a breakdown of the row above it.
    if (c.weight !== undefined && !weightUnreadable && !isBreakdownRow(rl.name)) {
      findings.add(r, cells.weight, 'missing-weight', `${label}未填写分值，无法计分；请补填分值。`);
    }
  } else {
    checkSelfScore(ctx, res, judgement.bandReported, label);
  }
  return res;
}
