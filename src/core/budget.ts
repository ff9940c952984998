// The 项目资金 block: 预算执行率 = 全年执行数 ÷ 全年预算数 (年初预算数 when there is no 全年), scored
// min(rate, 1) × 分值 on the 年度资金总额 row only; the 其中 rows are checked against it, never scored.

import { Grid } from './grid';
import { BudgetLayout } from './layout';
import { parseCell } from './parse';
import { address, Cell } from './snapshot';
import { ScoringProfile } from './data/profiles';
import { roundScore, round2, EPS } from './score';
import { BudgetResult } from './types';
import { fmtNum } from './text';
import { Findings, reportUnreadable } from './findings';
import { numberIn } from './indicator';

/** A rate cell as a fraction: "76%", 0.76 formatted as percent, "1" (= 100%) and "76" all read 0.76 / 1. */
function rateIn(c: Cell | null): number | null {
  const p = parseCell(c, 'actual');
  if (p.kind !== 'number' || p.value === null || p.value < 0) return null;
  if (p.unit === '%') return p.value / 100;
  if (p.unit !== null) return null;
  return p.value <= 1.5 ? p.value : p.value / 100;
}

const COLUMN_WORDS: ['initial' | 'planned' | 'executed', string][] = [
  ['initial', '年初预算数'],
  ['planned', '全年预算数'],
  ['executed', '全年执行数'],
];

export function readBudget(g: Grid, b: BudgetLayout, p: ScoringProfile, findings: Findings): BudgetResult {
  const cell = (row: number, col: number | undefined) => (col === undefined ? null : g.cell(row, col));
  const num = (row: number, col: number | undefined) => numberIn(cell(row, col));
  const at = (col: number | undefined) => (col === undefined ? null : address(b.row, col));
  const label = `第${b.row}行“年度资金总额”`;
  const cols = b.cols;

  let unreadable = false;
  for (const [col, what] of [
    [cols.initial, '年初预算数'],
    [cols.planned, '全年预算数'],
    [cols.executed, '全年执行数'],
    [cols.weight, '分值'],
    [cols.score, '得分'],
    [cols.rate, '执行率'],
  ] as const) {
    if (reportUnreadable(findings, b.row, at(col), cell(b.row, col), label, what)) unreadable = true;
  }
  const initial = num(b.row, cols.initial);
  const planned = num(b.row, cols.planned) ?? initial;
  const executed = num(b.row, cols.executed);
  const weight = num(b.row, cols.weight) ?? b.declaredWeight?.value ?? null;
  const selfScore = num(b.row, cols.score);
  const sheetRate = rateIn(cell(b.row, cols.rate));
  const fromAmounts = planned !== null && planned > 0 && executed !== null;
  // The amounts decide; where the form gives only the rate (amounts left blank), the rate is read.
  const rate = fromAmounts ? Math.round((executed / planned) * 10000) / 10000 : planned === null && executed === null ? sheetRate : null;
  const score = rate !== null && weight !== null ? roundScore(Math.min(rate, 1) * weight, p) : null;
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
      planned: at(cols.planned ?? cols.initial),
      executed: at(cols.executed),
      score: at(cols.score),
      rate: at(cols.rate),
    },
    parts: b.parts.map((pt) => ({
      row: pt.row,
      label: pt.label,
      initial: num(pt.row, cols.initial),
      planned: num(pt.row, cols.planned),
      executed: num(pt.row, cols.executed),
    })),
  };

  const partsHoldMoney = res.parts.some((pt) => (pt.planned ?? 0) !== 0 || (pt.executed ?? 0) !== 0 || (pt.initial ?? 0) !== 0);
  // 年度资金总额 left empty or 0 above 其中 rows that hold money: one problem, said once, on the total row.
  const totalBlank = (initial ?? 0) === 0 && (planned ?? 0) === 0 && (executed ?? 0) === 0;
  if (totalBlank && partsHoldMoney) {
    const sums = COLUMN_WORDS.filter(([key]) => cols[key] !== undefined).map(
      ([key, word]) => `${word}${fmtNum(round2(res.parts.reduce((s, pt) => s + (pt[key] ?? 0), 0)))}${b.unit}`,
    );
    findings.add(
      b.row,
      res.cells.planned ?? res.cells.executed,
      'fund-mismatch',
      `${label}${planned === null && executed === null ? '未填写' : '为0'}，而其中各项合计${sums.join('、')}；请填写年度资金总额，预算执行率暂按待核实处理。`,
    );
  } else if (!unreadable && rate === null) {
    // One finding for one missing or unusable total row: what is missing, on the cell to fill.
    if (planned === null && executed === null) {
      if (!partsHoldMoney) {
        findings.add(
          b.row,
          res.cells.planned ?? res.cells.executed ?? address(b.row, g.firstCol),
          'missing-actual',
          `${label}未填写预算数和执行数，无法计算预算执行率；请补填。`,
        );
      }
    } else if (planned === null || executed === null) {
      findings.add(
        b.row,
        planned === null ? res.cells.planned : res.cells.executed,
        'missing-actual',
        `${label}缺少${planned === null ? '全年预算数' : '全年执行数'}，无法计算预算执行率；请补填。`,
      );
    } else {
      findings.add(b.row, res.cells.planned, 'unparsed', `${label}全年预算数为${fmtNum(planned)}，无法计算预算执行率，标记为待核实。`);
    }
  }
  if (rate !== null && rate < p.lowExecutionRate) {
    const amounts = fromAmounts
      ? `（全年执行数${fmtNum(executed as number)}${b.unit}/全年预算数${fmtNum(planned as number)}${b.unit}）`
      : '';
    findings.add(
      b.row,
      res.cells.rate ?? res.cells.executed,
      'low-execution',
      `预算执行率${fmtNum(round2(rate * 100))}%${amounts}，低于${fmtNum(round2(p.lowExecutionRate * 100))}%；请说明原因。`,
    );
  }
  if (weight !== null && selfScore !== null && selfScore > weight + EPS) {
    findings.add(
      b.row,
      res.cells.score,
      'score-over-weight',
      `${label}预算执行率自评得分${fmtNum(selfScore)}分超过分值${fmtNum(weight)}分。`,
    );
  } else if (score !== null && selfScore !== null && Math.abs(score - selfScore) >= p.scoreTolerance - EPS) {
    findings.add(
      b.row,
      res.cells.score,
      'score-mismatch',
      `预算执行率${fmtNum(round2((rate as number) * 100))}%，按规则核算得分${fmtNum(score)}分，自评${fmtNum(selfScore)}分；请核实。`,
    );
  }

  // 年度资金总额 against the sum of its 其中 rows, each amount column; an empty or zero total above
  // 其中 rows that hold money is a mismatch too.
  if (res.parts.length > 0 && !totalBlank) {
    for (const [key, word] of COLUMN_WORDS) {
      const col = cols[key];
      if (col === undefined) continue;
      const vals = res.parts.map((pt) => pt[key]).filter((v): v is number => v !== null);
      if (vals.length === 0) continue;
      const sum = round2(vals.reduce((s, v) => s + v, 0));
      const total = num(b.row, col);
      if (total === null && sum === 0) continue;
      if (Math.abs(sum - (total ?? 0)) > 0.005) {
        findings.add(
          b.row,
          address(b.row, col),
          'fund-mismatch',
          `年度资金总额的${word}${total === null ? '未填写' : `${fmtNum(total)}${b.unit}`}，与其中各项之和${fmtNum(sum)}${b.unit}不一致；请核对。`,
        );
      }
    }
  }
  return res;
}
