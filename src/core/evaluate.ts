// The engine's entry point: snapshot in, evaluation out. Finds the tables (layout.ts), evaluates each
// indicator row (indicator.ts) and the budget block (budget.ts), then the table's totals and the checks
// that concern the whole table.

import { Grid } from './grid';
import { detectTables, TableLayout } from './layout';
import { address, cellAt, isOwnerMark, WorkbookSnapshot, SheetSnapshot } from './snapshot';
import { ScoringProfile, NATIONAL } from './data/profiles';
import { DEFAULT_STANDARDS, Standard } from './data/standards';
import { INDICATOR_HEADERS } from './data/headers';
import { severityOf } from './data/findings';
import { round2, grade } from './score';
import { EvaluationResult, Finding, IndicatorResult, SheetResult, TableResult, BudgetResult } from './types';
import { fmtNum, UNSCORABLE } from './text';
import { Findings, reportUnreadable } from './findings';
import { evaluateRow, isBreakdownRow, numberIn, RowContext } from './indicator';
import { readBudget } from './budget';

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
  const standards = opts.standards ?? DEFAULT_STANDARDS;
  const sheets: SheetResult[] = [];
  for (const s of wb.sheets) {
    if (opts.sheet !== undefined && s.name !== opts.sheet) continue;
    // Our own 评价结果 sheet (any host, any name) is output, never input: re-evaluating a result file
    // must not count its tables twice.
    if (isOwnerMark(cellAt(s, 1, 1)?.v)) continue;
    const sheet = evaluateSheet(s, profile, standards);
    if (sheet.tables.length || sheet.notes?.length) sheets.push(sheet);
  }
  return { file: opts.file ?? wb.name ?? '', profile: profile.id, sheets };
}

function evaluateSheet(s: SheetSnapshot, profile: ScoringProfile, standards: Standard[]): SheetResult {
  const g = new Grid(s);
  const tables: TableResult[] = [];
  const notes: Finding[] = [];
  for (const layout of detectTables(g)) {
    const t = evaluateTable(g, layout, profile, standards);
    if (t.indicators.length === 0 && !budgetHasFigures(t.budget)) {
      // A table head with nothing under it (a blank template page) is no project: no score, no report.
      notes.push({
        row: layout.headerRow,
        cell: address(layout.headerRow, layout.cols.name as number),
        code: 'empty-table',
        severity: severityOf('empty-table'),
        message: `第${layout.headerRow}行的绩效指标表没有填写任何指标，不计入评价（不作为一个项目统计）。`,
      });
      continue;
    }
    if (s.hidden) {
      t.findings.unshift({
        row: null,
        cell: null,
        code: 'hidden-sheet',
        severity: severityOf('hidden-sheet'),
        message: `工作表“${s.name}”是隐藏的工作表，已一并评价；如不属于本次自评，请删除。`,
      });
    }
    tables.push(t);
  }
  return { sheet: s.name, tables, notes };
}

function budgetHasFigures(b: BudgetResult | null): boolean {
  return b !== null && (b.planned !== null || b.executed !== null || b.rate !== null || b.initial !== null);
}

function evaluateTable(g: Grid, t: TableLayout, p: ScoringProfile, standards: Standard[]): TableResult {
  const findings = new Findings();
  const ctx: RowContext = { grid: g, table: t, profile: p, standards, findings, sheetYear: t.year ? Number(t.year) : null };
  const indicators: IndicatorResult[] = [];
  for (const rl of t.rows) {
    if (rl.placeholder) {
      const what = rl.rawName ? `“${rl.rawName}”` : `二级指标“${rl.level2 ?? ''}”下没有三级指标`;
      findings.add(
        rl.row,
        address(rl.row, (rl.rawName ? t.cols.name : (t.cols.level2 ?? t.cols.name)) as number),
        'placeholder',
        `第${rl.row}行为模板占位行（${what}），未计入评价；请删除或补全。`,
      );
      continue;
    }
    indicators.push(evaluateRow(ctx, rl));
  }
  const budget = t.budget ? readBudget(g, t.budget, p, findings) : null;
  noteLayout(g, t, findings);
  const total = totals(g, t, p, indicators, budget, findings);
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
    total,
    findings: findings.sorted(),
    level1Weights: t.level1Weights,
  };
}

const ROLE_WORD: Partial<Record<string, string>> = Object.fromEntries(INDICATOR_HEADERS.map((e) => [e.role, e.words[0]]));

/** Hidden rows inside the table and header words used twice: evaluated as they are, and said. */
function noteLayout(g: Grid, t: TableLayout, findings: Findings): void {
  const hidden = (g.sheet.hiddenRows ?? []).filter((r) => r >= t.headerRow && r <= t.endRow);
  if (hidden.length) {
    const shown = hidden.slice(0, 10).join('、') + (hidden.length > 10 ? `等${hidden.length}行` : '');
    findings.add(
      hidden[0],
      address(hidden[0], t.cols.name as number),
      'hidden-rows',
      `表中第${shown}是隐藏行，已一并评价；如这些行不属于本表，请删除。`,
    );
  }
  for (const d of t.duplicates) {
    const word = ROLE_WORD[d.role] ?? d.role;
    findings.add(
      t.headerRow,
      address(t.headerRow, d.ignored),
      'duplicate-column',
      `表头中“${word}”出现在两列（${address(t.headerRow, d.used).replace(/\d+$/, '')}列和${address(t.headerRow, d.ignored).replace(/\d+$/, '')}列），按第一列评价；如应以另一列为准，请删除或改名多余的列。`,
    );
  }
}

/** Where the form states its own total: the 总分 row, or a 自评得分 label above the grid. */
function statedTotals(
  g: Grid,
  t: TableLayout,
  findings: Findings,
): { weight: number | null; self: number | null; weightCell: string | null; selfCell: string | null } {
  const out = {
    weight: null as number | null,
    self: null as number | null,
    weightCell: null as string | null,
    selfCell: null as string | null,
  };
  if (t.totalRow !== null) {
    const tr = t.totalRow;
    const c = t.cols;
    const read = (col: number | undefined, what: string): number | null => {
      if (col === undefined) return null;
      const cell = g.cell(tr, col);
      if (reportUnreadable(findings, tr, address(tr, col), cell, '总分栏', what)) return null;
      return numberIn(cell);
    };
    out.weight = read(c.weight, '分值');
    out.self = read(c.score, '自评得分');
    out.weightCell = c.weight !== undefined ? address(tr, c.weight) : null;
    out.selfCell = c.score !== undefined ? address(tr, c.score) : null;
    if (out.weight === null && out.self === null) {
      // Total written left of the mapped columns: the first two numbers in the row.
      const nums: { v: number; col: number }[] = [];
      for (let col = g.firstCol; col <= g.lastCol && nums.length < 2; col++) {
        if (!g.isAnchor(tr, col)) continue;
        const v = numberIn(g.cell(tr, col));
        if (v !== null) nums.push({ v, col });
      }
      if (nums.length === 2) {
        out.weight = nums[0].v;
        out.self = nums[1].v;
        out.weightCell = address(tr, nums[0].col);
        out.selfCell = address(tr, nums[1].col);
      } else if (nums.length === 1) {
        out.self = nums[0].v;
        out.selfCell = address(tr, nums[0].col);
      }
    }
  }
  if (out.self === null && t.statedTotal) {
    const st = t.statedTotal;
    const v = numberIn({ v: st.value, t: st.value });
    if (v !== null) {
      out.self = v;
      out.selfCell = address(st.row, st.col);
    }
  }
  return out;
}

function totals(
  g: Grid,
  t: TableLayout,
  p: ScoringProfile,
  indicators: IndicatorResult[],
  budget: BudgetResult | null,
  findings: Findings,
): TableResult['total'] {
  let weightSum = 0;
  let score = 0;
  let self = 0;
  let anySelf = false;
  let pending = 0;
  let unweighted = 0;
  for (const i of indicators) {
    if (i.weight === null) {
      if (!isBreakdownRow(i.name)) unweighted++;
      continue;
    }
    weightSum += i.weight;
    if (i.score !== null) score += i.score;
    else {
      // 待核实 rows count with their own self-score (capped at 分值) so the total is not silently lowered.
      pending++;
      score += Math.min(i.selfScore ?? 0, i.weight);
    }
  }
  for (const i of indicators) {
    if (i.selfScore !== null) {
      self += i.selfScore;
      anySelf = true;
    }
  }
  if (budget) {
    if (budget.weight !== null) {
      weightSum += budget.weight;
      if (budget.score !== null) score += budget.score;
      else {
        pending++;
        score += Math.min(budget.selfScore ?? 0, budget.weight);
      }
    }
    if (budget.selfScore !== null) {
      self += budget.selfScore;
      anySelf = true;
    }
  }
  score = round2(score);
  weightSum = round2(weightSum);
  const selfSum = anySelf ? round2(self) : null;
  const stated = statedTotals(g, t, findings);

  // A total needs every counted row's 分值: without a 分值 column, or with rows whose 分值 is missing,
  // the sum would be a wrong number. It is 无法核算 instead.
  const weighted = indicators.filter((i) => i.weight !== null).length;
  const scorable = weighted > 0 && unweighted === 0;
  if (indicators.length === 0) {
    findings.add(t.headerRow, null, 'unscorable', `本表没有指标行，只能核算预算执行率，总分${UNSCORABLE}。`);
  } else if (weighted === 0) {
    const why = t.cols.weight === undefined ? '本表没有“分值”列' : '本表各指标均未填写分值';
    findings.add(
      t.headerRow,
      t.cols.weight !== undefined ? address(t.headerRow, t.cols.weight) : null,
      'unscorable',
      `${why}，无法核算得分（${UNSCORABLE}）；各项指标的完成情况照常判定。`,
    );
  }

  if (scorable) {
    const expected = stated.weight ?? 100;
    if (Math.abs(weightSum - expected) > p.weightTolerance) {
      findings.add(
        t.totalRow,
        stated.weight !== null ? stated.weightCell : null,
        'weights-sum',
        `各项分值合计${fmtNum(weightSum)}分${budget && budget.weight !== null ? `（含预算执行率${fmtNum(budget.weight)}分）` : ''}，与${stated.weight !== null ? `总分栏的${fmtNum(stated.weight)}分` : '100分'}不一致；请核对分值。`,
      );
    }
  }
  for (const [l1, declared] of Object.entries(t.level1Weights)) {
    const rows = indicators.filter((i) => i.level1 === l1);
    if (!rows.length || rows.some((i) => i.weight === null && !isBreakdownRow(i.name))) continue;
    const sum = round2(rows.reduce((s, i) => s + (i.weight ?? 0), 0));
    if (Math.abs(sum - declared) > p.weightTolerance) {
      const at = t.level1Cells[l1];
      findings.add(
        at ? at.row : rows[0].row,
        at ? address(at.row, at.col) : rows[0].cells.weight,
        'weights-sum',
        `“${l1}”设定${fmtNum(declared)}分，其下三级指标分值合计${fmtNum(sum)}分，不一致；请核对分值。`,
      );
    }
  }
  if (stated.self !== null && selfSum !== null && Math.abs(stated.self - selfSum) > 0.01) {
    findings.add(
      t.totalRow,
      stated.selfCell,
      'total-mismatch',
      `总分栏自评得分${fmtNum(stated.self)}分，与各行自评得分之和${fmtNum(selfSum)}分不一致；请核对。`,
    );
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
        findings.add(
          tr,
          address(tr, col),
          'grade-mismatch',
          `总分栏等级填写“${written}”，按各行自评得分之和${fmtNum(selfSum)}分应为“${due}”；请核对。`,
        );
      }
      break;
    }
  }
  if (scorable && pending > 0) {
    findings.add(t.totalRow, stated.selfCell, 'pending', `有${pending}项待核实，核算总分暂按其自评得分计入；核实后请重新评价。`);
  }
  return {
    weight: weightSum,
    selfScore: selfSum,
    score: scorable ? score : null,
    grade: scorable ? grade(score, p) : null,
    sheetRow: t.totalRow,
    sheetSelfScore: stated.self,
    sheetSelfCell: stated.self !== null ? stated.selfCell : null,
    pending,
  };
}
