// The engine's entry point: snapshot in, evaluation out. Reads each table found by layout.ts, parses
// values, applies the standards and the scoring profile, and records every gap as a finding.

import { Grid, normLabel } from './grid';
import { detectTables, TableLayout, RowLayout, BudgetLayout } from './layout';
import { parseCell, unitFactor, compareDates } from './parse';
import { address, Cell, WorkbookSnapshot } from './snapshot';
import { ScoringProfile, NATIONAL } from './data/profiles';
import { DEFAULT_STANDARDS, Standard, LOWER_IS_BETTER_KEYWORDS, LOWER_IS_BETTER_LEVEL2 } from './data/standards';
import { EMPTY_REASONS } from './data/headers';
import { quantitativeScore, qualitativeScore, roundScore, round2, grade, band } from './score';
import {
  Achievement,
  BudgetResult,
  Direction,
  EvaluationResult,
  Finding,
  IndicatorResult,
  ParsedValue,
  SheetResult,
  Severity,
  TableResult,
} from './types';
import { fmtValue, fmtNum, UNSCORABLE } from './text';

export interface EvaluateOptions {
  profile?: ScoringProfile;
  standards?: Standard[];
  /** Only this sheet (by name). */
  sheet?: string;
  /** Name shown as `file` in the result. */
  file?: string;
}

export function evaluateWorkbook(wb: WorkbookSnapshot, opts: EvaluateOptions = {}): EvaluationResult {
  const profile = opts.profile ?? NATIONAL;
  const sheets: SheetResult[] = [];
  for (const s of wb.sheets) {
    if (opts.sheet !== undefined && s.name !== opts.sheet) continue;
    const g = new Grid(s);
    const tables = detectTables(g).map((t) => evaluateTable(g, t, profile, opts.standards ?? DEFAULT_STANDARDS));
    if (tables.length) sheets.push({ sheet: s.name, tables });
  }
  return { file: opts.file ?? wb.name ?? '', profile: profile.id, sheets };
}

/** Number in a cell: numbers as they are, text like "10" / "９.５分" read, anything else null. */
export function numberIn(c: Cell | null): number | null {
  if (!c || c.v === null || c.v === '') return null;
  if (typeof c.v === 'number') return Number.isFinite(c.v) ? c.v : null;
  if (typeof c.v === 'boolean') return null;
  const p = parseCell(c, 'actual');
  if (p.kind === 'number' && p.value !== null && (p.unit === null || p.unit === '分')) return p.value;
  return null;
}

function isEmptyReason(s: string): boolean {
  const n = s.replace(/[\s\u3000]+/g, '');
  return EMPTY_REASONS.indexOf(n) >= 0;
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

function isRateName(name: string): boolean {
  return /率|满意度|占比|比例|比重/.test(name);
}

/** Target of a two-row header row: 指标性质 | 指标值 | 度量单位 read as one value. */
function composedTarget(g: Grid, t: TableLayout, row: number): { value: ParsedValue | null; col: number | null } {
  const c = t.cols;
  if (!t.twoRowHeader) {
    if (c.target === undefined) return { value: null, col: null };
    const p = parseCell(g.cell(row, c.target), 'target');
    return { value: p.kind === 'empty' ? null : p, col: c.target };
  }
  const valCol = c.targetValue ?? c.target;
  const nature = c.nature !== undefined ? g.ownText(row, c.nature) : '';
  const unit = c.unit !== undefined ? g.ownText(row, c.unit) : '';
  if (valCol === undefined) return { value: null, col: null };
  const cell = g.cell(row, valCol);
  const base = parseCell(cell, 'target');
  if (base.kind === 'empty') return { value: null, col: valCol };
  if (!nature && !unit) return { value: base, col: valCol };
  const valueText = cell ? (cell.t || String(cell.v ?? '')) : '';
  const text = `${nature}${valueText}${base.unit && unit ? '' : unit}`.trim();
  // A percent-formatted number keeps its parsed value; the unit column only adds a unit it lacks.
  const p = base.kind === 'number' && typeof cell?.v === 'number'
    ? { ...parseCell({ v: text, t: text }, 'target'), value: base.value, unit: base.unit ?? (unit || null) }
    : parseCell({ v: text, t: text }, 'target');
  return { value: { ...p, text }, col: valCol };
}

interface RowCtx {
  g: Grid;
  t: TableLayout;
  p: ScoringProfile;
  standards: Standard[];
  findings: Finding[];
  sheetYear: number | null;
}

function add(ctx: RowCtx, row: number | null, cell: string | null, code: string, severity: Severity, message: string): void {
  ctx.findings.push({ row, cell, code, severity, message });
}

function directionOf(target: ParsedValue, name: string, level2: string | null): Direction | null {
  if (target.kind === 'date') return 'deadline';
  if (target.kind === 'qualitative') return 'qualitative';
  if (target.kind !== 'number' || target.value === null) return null;
  const v = target.value;
  if (target.op === '<=') return v === 0 ? 'zero' : 'lower';
  if (target.op === '>=') return 'higher';
  if (target.op === '=') return v === 0 ? 'zero' : 'higher';
  const lower = LOWER_IS_BETTER_KEYWORDS.some((k) => name.indexOf(k) >= 0) ||
    (level2 !== null && LOWER_IS_BETTER_LEVEL2.some((k) => level2.indexOf(k) >= 0));
  if (v === 0) return 'zero';
  return lower ? 'lower' : 'higher';
}

const ACH_WORD: Record<Achievement, string> = { achieved: '达成', partial: '部分达成', none: '未达成' };

function evaluateRow(ctx: RowCtx, rl: RowLayout): IndicatorResult {
  const { g, t, p } = ctx;
  const c = t.cols;
  const r = rl.row;
  const at = (col: number | undefined) => (col === undefined ? null : address(r, col));
  const tgt = composedTarget(g, t, r);
  const actualCell = c.actual !== undefined ? g.cell(r, c.actual) : null;
  const actualParsed = parseCell(actualCell, 'actual');
  const actual = actualParsed.kind === 'empty' ? null : actualParsed;
  const weight = c.weight !== undefined ? numberIn(g.cell(r, c.weight)) : null;
  const selfScore = c.score !== undefined ? numberIn(g.cell(r, c.score)) : null;
  const reasonText = c.reason !== undefined ? g.ownText(r, c.reason) : '';
  const reason = reasonText === '' ? null : reasonText;
  const cells = {
    name: address(r, c.name as number),
    target: tgt.col === null ? null : address(r, tgt.col),
    actual: at(c.actual),
    weight: at(c.weight),
    score: at(c.score),
    reason: at(c.reason),
  };
  const res: IndicatorResult = {
    row: r,
    level1: rl.level1,
    level2: rl.level2,
    name: rl.name,
    target: tgt.value,
    actual,
    kind: 'quantitative',
    status: 'unknown',
    weight,
    selfScore,
    score: null,
    reason,
    direction: null,
    effectiveTarget: tgt.value,
    targetFromStandard: false,
    ratio: null,
    cells,
  };
  const label = `第${r}行“${rl.name}”`;
  const standard = findStandard(rl.name, ctx.standards);

  // Target: the row's own, else the standard's.
  let target = tgt.value;
  if (!target) {
    if (standard) {
      target = standardAsTarget(standard);
      res.effectiveTarget = target;
      res.targetFromStandard = true;
      add(ctx, r, cells.target ?? cells.name, 'standard-applied', 'info', `${label}未填写年度指标值，已按通行标准“${standard.label}”评价；请补填指标值。`);
    } else {
      add(ctx, r, cells.target ?? cells.name, 'missing-target', 'error', `${label}未填写年度指标值，且没有适用的通行标准，无法评价；请补填指标值。`);
    }
  } else if (target.kind === 'unknown') {
    add(ctx, r, cells.target, 'unparsed', 'warning', `${label}的年度指标值“${target.text}”无法识别（${target.problem ?? '格式不明'}），标记为待核实；请改写为如“≥95%”“≤90万元”的形式。`);
    target = null;
  }

  if (target) {
    res.direction = directionOf(target, rl.name, rl.level2);
    res.kind = res.direction === 'qualitative' ? 'qualitative' : 'quantitative';
  }

  let rawScore: number | null = null;
  let achievement: Achievement | null = null;

  if (target && res.direction) {
    if (!actual) {
      add(ctx, r, cells.actual, 'missing-actual', 'error', `${label}未填写实际完成值，无法评价；请补填。`);
    } else if (actual.kind === 'unknown') {
      add(ctx, r, cells.actual, 'unparsed', 'warning', `${label}的实际完成值“${actual.text}”无法识别（${actual.problem ?? '格式不明'}），标记为待核实；请填写实际数值。`);
    } else if (res.direction === 'qualitative') {
      achievement = actual.kind === 'qualitative' ? judgeAgainst(actual, target) : null;
      if (!achievement) add(ctx, r, cells.actual, 'unparsed', 'warning', `${label}的实际完成值“${actual.text}”无法判断是否达成定性目标“${target.text}”，标记为待核实；请用“达成/部分达成/未达成”等明确表述。`);
    } else if (res.direction === 'deadline') {
      if (actual.kind === 'date' && actual.date && target.date) {
        const cmp = compareDates(actual.date, withYear(target.date, ctx.sheetYear));
        if (cmp === null) add(ctx, r, cells.actual, 'unparsed', 'warning', `${label}的完成时间“${actual.text}”无法与时限“${target.text}”比较，标记为待核实。`);
        else achievement = cmp <= 0 ? 'achieved' : p.deadlineMissedBand;
      } else if (actual.kind === 'qualitative' && actual.achievement) {
        achievement = actual.achievement;
      } else {
        add(ctx, r, cells.actual, 'unparsed', 'warning', `${label}的实际完成值“${actual.text}”不是日期，无法与时限“${target.text}”比较，标记为待核实；请填写实际完成时间。`);
      }
    } else if (actual.kind !== 'number' || actual.value === null) {
      add(ctx, r, cells.actual, 'unparsed', 'warning', `${label}的指标值为数值“${target.text}”，实际完成值却是“${actual.text}”，标记为待核实；请填写实际数值。`);
    } else {
      const norm = normaliseUnits(target, actual, rl.name);
      if (!norm) {
        add(ctx, r, cells.actual, 'unit-mismatch', 'warning', `${label}的实际完成值单位“${actual.unit}”与指标值单位“${target.unit}”不一致，无法比较，标记为待核实。`);
      } else {
        const { a, b } = norm;
        res.ratio = a > 0 ? b / a : null;
        if (weight !== null) {
          const q = quantitativeScore(res.direction, a, b, weight, p);
          rawScore = q.raw;
          res.status = q.met ? 'met' : 'unmet';
        } else {
          res.status = quantitativeScore(res.direction, a, b, 1, p).met ? 'met' : 'unmet';
        }
        if (res.direction === 'higher' && a > 0 && b >= p.overAchievedRatio * a) {
          const needs = p.overAchievedNeedsReason && (!reason || isEmptyReason(reason));
          add(ctx, r, cells.actual, 'over-achieved', needs ? 'error' : 'warning',
            `${label}实际完成值${actual.text}达到指标值${target.text}的${fmtNum(round2((b / a) * 100))}%，超额较多，请核实指标值是否设置偏低${needs ? '，并填写超额原因' : ''}。`);
        }
      }
    }
    if (achievement) {
      res.achievement = achievement;
      res.status = achievement === 'achieved' ? 'met' : 'unmet';
      if (weight !== null) {
        const q = qualitativeScore(achievement, selfScore, weight, p);
        rawScore = q.raw;
        if (!q.inBand && selfScore !== null) {
          const [lo, hi] = band(achievement, p);
          add(ctx, r, cells.score, 'qualitative-band', 'warning',
            `${label}判定为“${ACH_WORD[achievement]}”，应得${fmtNum(round2(lo * weight))}–${fmtNum(round2(hi * weight))}分，自评${fmtNum(selfScore)}分不在该档内，核算按${fmtNum(round2(hi * weight))}分。`);
        }
      }
    }
  }

  if (rawScore !== null && weight !== null) res.score = roundScore(Math.min(rawScore, weight), p);

  if (res.status === 'unmet') {
    const what = res.direction === 'deadline' ? '未按时完成' : res.direction === 'qualitative' ? `仅${ACH_WORD[achievement ?? 'none']}` : '未达到指标值';
    add(ctx, r, cells.actual, 'unmet', 'warning', `${label}${what}：指标值${target ? target.text : ''}，实际完成值${actual ? actual.text : ''}${res.score !== null && weight !== null ? `，核算得分${fmtNum(res.score)}/${fmtNum(weight)}分` : ''}。`);
  }

  // Standard check: a target laxer than the standard.
  if (standard && tgt.value && tgt.value.kind === 'number' && tgt.value.value !== null && !res.targetFromStandard) {
    const tv = tgt.value;
    const f = unitFactor(standard.unit, tv.unit === null && isRateName(rl.name) ? '%' : tv.unit);
    const val = f !== null ? (tv.unit === null && tv.value !== null && tv.value <= 1 && isRateName(rl.name) ? tv.value * 100 : (tv.value as number) * f) : null;
    const lax = val !== null && (standard.op === '>=' ? val < standard.value - 1e-9 : standard.op === '<=' ? val > standard.value + 1e-9 : false);
    if (lax) {
      const act = actual && actual.kind === 'number' ? `，实际完成值${actual.text}` : '';
      add(ctx, r, cells.target, 'below-standard', 'warning', `${label}的指标值${tv.text}低于通行标准“${standard.label}”${act}；请核实目标是否设置偏低。`);
    }
  }

  // Self-score checks.
  if (weight === null) {
    add(ctx, r, cells.weight, 'missing-weight', 'warning', `${label}未填写分值，无法计分；请补填分值。`);
  } else {
    if (selfScore !== null && selfScore > weight + 1e-9) {
      add(ctx, r, cells.score, 'score-over-weight', 'error', `${label}自评得分${fmtNum(selfScore)}分超过分值${fmtNum(weight)}分。`);
    }
    if (selfScore !== null && res.score !== null && Math.abs(selfScore - res.score) >= p.scoreTolerance - 1e-9) {
      add(ctx, r, cells.score, 'score-mismatch', 'warning', `${label}自评得分${fmtNum(selfScore)}分，按评分规则核算为${fmtNum(res.score)}分，相差${fmtNum(round2(Math.abs(selfScore - res.score)))}分；请核实。`);
    }
    const lostBySelf = selfScore !== null && selfScore < weight - 1e-9;
    const lostByRule = res.score !== null && res.score < weight - 1e-9;
    if ((lostBySelf || lostByRule) && (!reason || isEmptyReason(reason))) {
      const lost = lostBySelf ? `自评扣${fmtNum(round2(weight - (selfScore as number)))}分` : `核算扣${fmtNum(round2(weight - (res.score as number)))}分`;
      add(ctx, r, cells.reason ?? cells.score, 'missing-reason', 'error', `${label}${lost}，但未填写偏差原因；请在“偏差原因分析及改进措施”栏说明原因和改进措施。`);
    }
  }
  return res;
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
function normaliseUnits(target: ParsedValue, actual: ParsedValue, name: string): { a: number; b: number } | null {
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

function readBudget(ctx: RowCtx, b: BudgetLayout): BudgetResult {
  const { g, p } = ctx;
  const num = (row: number, col: number | undefined) => (col === undefined ? null : numberIn(g.cell(row, col)));
  const cellAddr = (col: number | undefined) => (col === undefined ? null : address(b.row, col));
  const initial = num(b.row, b.cols.initial);
  const planned = num(b.row, b.cols.planned) ?? initial;
  const executed = num(b.row, b.cols.executed);
  const weight = num(b.row, b.cols.weight);
  const selfScore = num(b.row, b.cols.score);
  const rate = planned !== null && planned > 0 && executed !== null ? Math.round((executed / planned) * 10000) / 10000 : null;
  let score: number | null = null;
  if (rate !== null && weight !== null) score = roundScore(Math.min(rate, 1) * weight, p);
  const res: BudgetResult = {
    row: b.row,
    planned,
    executed,
    rate,
    weight,
    selfScore,
    score,
    unit: b.unit,
    initial,
    cells: {
      planned: cellAddr(b.cols.planned ?? b.cols.initial),
      executed: cellAddr(b.cols.executed),
      score: cellAddr(b.cols.score),
      rate: cellAddr(b.cols.rate),
    },
    parts: b.parts.map((pt) => ({
      row: pt.row,
      label: pt.label,
      initial: num(pt.row, b.cols.initial),
      planned: num(pt.row, b.cols.planned),
      executed: num(pt.row, b.cols.executed),
    })),
  };
  const label = `第${b.row}行“年度资金总额”`;
  if (planned === null || executed === null) {
    add(ctx, b.row, (planned === null ? res.cells.planned : res.cells.executed) ?? address(b.row, g.firstCol), 'missing-actual', 'error', `${label}缺少${planned === null ? '全年预算数' : '全年执行数'}，无法计算预算执行率；请补填。`);
  } else if (planned <= 0) {
    add(ctx, b.row, res.cells.planned, 'unparsed', 'warning', `${label}全年预算数为${fmtNum(planned)}，无法计算预算执行率，标记为待核实。`);
  }
  if (rate !== null && rate < p.lowExecutionRate) {
    add(ctx, b.row, res.cells.executed, 'low-execution', 'warning', `预算执行率${fmtNum(round2(rate * 100))}%（全年执行数${fmtNum(executed as number)}${b.unit}/全年预算数${fmtNum(planned as number)}${b.unit}），低于${fmtNum(round2(p.lowExecutionRate * 100))}%；请说明原因。`);
  }
  if (weight !== null && selfScore !== null && selfScore > weight + 1e-9) {
    add(ctx, b.row, res.cells.score, 'score-over-weight', 'error', `${label}预算执行率自评得分${fmtNum(selfScore)}分超过分值${fmtNum(weight)}分。`);
  }
  if (score !== null && selfScore !== null && Math.abs(score - selfScore) >= p.scoreTolerance - 1e-9) {
    add(ctx, b.row, res.cells.score, 'score-mismatch', 'warning', `预算执行率${fmtNum(round2((rate as number) * 100))}%，按规则核算得分${fmtNum(score)}分，自评${fmtNum(selfScore)}分；请核实。`);
  }
  // 其中 rows must add up to the total (never counted again).
  const cols: [keyof BudgetLayout['cols'], 'initial' | 'planned' | 'executed', string][] = [
    ['initial', 'initial', '年初预算数'],
    ['planned', 'planned', '全年预算数'],
    ['executed', 'executed', '全年执行数'],
  ];
  for (const [colKey, key, word] of cols) {
    const col = b.cols[colKey];
    if (col === undefined || res.parts.length === 0) continue;
    const vals = res.parts.map((pt) => pt[key]).filter((v): v is number => v !== null);
    if (vals.length === 0) continue;
    const sum = round2(vals.reduce((s, v) => s + v, 0));
    const total = num(b.row, col) ?? 0;
    if (Math.abs(sum - total) > 0.005) {
      add(ctx, b.row, address(b.row, col), 'fund-mismatch', 'error', `年度资金总额的${word}${fmtNum(total)}${b.unit}与其中各项之和${fmtNum(sum)}${b.unit}不一致；请核对。`);
    }
  }
  return res;
}

function evaluateTable(g: Grid, t: TableLayout, p: ScoringProfile, standards: Standard[]): TableResult {
  const findings: Finding[] = [];
  const yearNum = t.year ? Number(t.year) : null;
  const ctx: RowCtx = { g, t, p, standards, findings, sheetYear: yearNum };
  const indicators: IndicatorResult[] = [];
  for (const rl of t.rows) {
    if (rl.placeholder) {
      const what = rl.rawName ? `“${rl.rawName}”` : `二级指标“${rl.level2 ?? ''}”下没有三级指标`;
      add(ctx, rl.row, address(rl.row, (rl.rawName ? t.cols.name : t.cols.level2 ?? t.cols.name) as number), 'placeholder', 'info', `第${rl.row}行为模板占位行（${what}），未计入评价；请删除或补全。`);
      continue;
    }
    indicators.push(evaluateRow(ctx, rl));
  }
  const budget = t.budget ? readBudget(ctx, t.budget) : null;

  // Totals.
  let weightSum = 0;
  let score = 0;
  let self = 0;
  let anySelf = false;
  let pending = 0;
  for (const i of indicators) {
    if (i.weight !== null) weightSum += i.weight;
    if (i.selfScore !== null) {
      self += i.selfScore;
      anySelf = true;
    }
    if (i.score !== null) score += i.score;
    else if (i.weight !== null) {
      // 待核实 rows count with their own self-score (capped at 分值) so the total is not silently lowered.
      pending++;
      score += Math.min(i.selfScore ?? 0, i.weight);
    }
  }
  if (budget) {
    if (budget.weight !== null) weightSum += budget.weight;
    if (budget.selfScore !== null) {
      self += budget.selfScore;
      anySelf = true;
    }
    if (budget.score !== null) score += budget.score;
  }
  score = round2(score);
  weightSum = round2(weightSum);
  const selfSum = anySelf ? round2(self) : null;

  let sheetWeight: number | null = null;
  let sheetSelf: number | null = null;
  let totalWeightCell: string | null = null;
  let totalScoreCell: string | null = null;
  if (t.totalRow !== null) {
    const tr = t.totalRow;
    const c = t.cols;
    sheetWeight = c.weight !== undefined ? numberIn(g.cell(tr, c.weight)) : null;
    sheetSelf = c.score !== undefined ? numberIn(g.cell(tr, c.score)) : null;
    totalWeightCell = c.weight !== undefined ? address(tr, c.weight) : null;
    totalScoreCell = c.score !== undefined ? address(tr, c.score) : null;
    if (sheetWeight === null && sheetSelf === null) {
      // Total written left of the mapped columns: first two numbers in the row.
      const nums: { v: number; col: number }[] = [];
      for (let col = g.firstCol; col <= g.lastCol && nums.length < 2; col++) {
        if (!g.isAnchor(tr, col)) continue;
        const v = numberIn(g.cell(tr, col));
        if (v !== null) nums.push({ v, col });
      }
      if (nums.length === 2) {
        sheetWeight = nums[0].v;
        sheetSelf = nums[1].v;
        totalWeightCell = address(tr, nums[0].col);
        totalScoreCell = address(tr, nums[1].col);
      } else if (nums.length === 1) {
        sheetSelf = nums[0].v;
        totalScoreCell = address(tr, nums[0].col);
      }
    }
  }
  // Nothing to score by: no 分值 anywhere. Statuses and findings stand, the total is 无法核算, not 0.
  const scorable = indicators.some((i) => i.weight !== null) || (budget !== null && budget.weight !== null);
  if (indicators.length > 0 && !scorable) {
    add(ctx, t.headerRow, null, 'unscorable', 'warning', `本表没有可读取的分值，无法核算得分（${UNSCORABLE}）；各项指标的完成情况照常判定。`);
  }
  const expectedWeight = sheetWeight ?? 100;
  if (indicators.length > 0 && scorable && Math.abs(weightSum - expectedWeight) > p.weightTolerance) {
    add(ctx, t.totalRow, totalWeightCell ?? indicators[0].cells.weight, 'weights-sum', 'error',
      `各项分值合计${fmtNum(weightSum)}分${budget && budget.weight !== null ? `（含预算执行率${fmtNum(budget.weight)}分）` : ''}，与${sheetWeight !== null ? `总分栏的${fmtNum(sheetWeight)}分` : '100分'}不一致；请核对分值。`);
  }
  for (const [l1, declared] of Object.entries(t.level1Weights)) {
    const rows = indicators.filter((i) => i.level1 === l1);
    const sum = round2(rows.reduce((s, i) => s + (i.weight ?? 0), 0));
    if (rows.length && Math.abs(sum - declared) > p.weightTolerance) {
      add(ctx, rows[0].row, rows[0].cells.weight, 'weights-sum', 'error', `“${l1}”设定${fmtNum(declared)}分，其下三级指标分值合计${fmtNum(sum)}分，不一致；请核对分值。`);
    }
  }
  if (sheetSelf !== null && selfSum !== null && Math.abs(sheetSelf - selfSum) > 0.01) {
    add(ctx, t.totalRow, totalScoreCell, 'total-mismatch', 'error', `总分栏自评得分${fmtNum(sheetSelf)}分，与各行自评得分之和${fmtNum(selfSum)}分不一致；请核对。`);
  }
  if (t.totalRow !== null && selfSum !== null) {
    // The grade written in the total row (优/良/中/差) must follow from the scores it sums.
    const tr = t.totalRow;
    for (let col = g.firstCol; col <= g.lastCol; col++) {
      if (!g.isAnchor(tr, col)) continue;
      const written = g.ownText(tr, col).replace(/[\s“”"]/g, '');
      if (written !== '优' && written !== '良' && written !== '中' && written !== '差') continue;
      const due = grade(selfSum, p);
      if (written !== due) {
        add(ctx, tr, address(tr, col), 'grade-mismatch', 'error', `总分栏等级填写“${written}”，按各行自评得分之和${fmtNum(selfSum)}分应为“${due}”；请核对。`);
      }
      break;
    }
  }
  if (pending > 0) {
    add(ctx, t.totalRow, totalScoreCell, 'pending', 'info', `有${pending}项指标待核实，核算总分暂按其自评得分计入；核实后请重新评价。`);
  }

  findings.sort((x, y) => (x.row ?? 1e9) - (y.row ?? 1e9) || SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity]);
  return {
    title: t.title?.text ?? null,
    project: t.project?.text ?? null,
    department: t.department?.text ?? null,
    unit: t.unit?.text ?? null,
    year: t.year,
    headerRow: t.headerRow,
    endRow: t.endRow,
    indicators,
    budget,
    goal: t.goal ? { row: t.goal.row, expected: t.goal.expected?.text ?? null, actual: t.goal.actual?.text ?? null } : null,
    total: {
      weight: weightSum,
      selfScore: selfSum,
      score: scorable ? score : null,
      grade: scorable ? grade(score, p) : null,
      sheetRow: t.totalRow,
      sheetSelfScore: sheetSelf,
      pending,
    },
    findings,
    level1Weights: t.level1Weights,
  };
}

export const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

export { fmtValue };
