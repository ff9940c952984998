// The list a table's checks write into. Codes and default severities come from data/findings.ts.

import { FindingCode, SEVERITY_ORDER, severityOf } from './data/findings';
import { Finding, Severity } from './types';
import { Cell, cellError } from './snapshot';

export class Findings {
  readonly list: Finding[] = [];

  add(row: number | null, cell: string | null, code: FindingCode, message: string, severity: Severity = severityOf(code)): void {
    this.list.push({ row, cell, code, severity, message });
  }

  /** By row (table-level findings last), most serious first. */
  sorted(): Finding[] {
    return this.list.sort((x, y) => (x.row ?? 1e9) - (y.row ?? 1e9) || SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity]);
  }
}

/**
 * A cell that cannot be read as it stands: an error value (#DIV/0! …) or a formula never calculated.
 * Reports it once (as error-value or formula-uncached) and returns true, so the caller treats the value as 待核实.
 */
export function reportUnreadable(
  findings: Findings,
  row: number,
  addr: string | null,
  cell: Cell | null,
  label: string,
  part: string,
): boolean {
  if (!cell) return false;
  const err = cellError(cell);
  if (err) {
    findings.add(row, addr, 'error-value', `${label}的${part}为错误值${err}（公式计算出错），标记为待核实；请修正公式或填写数值。`);
    return true;
  }
  if (cell.uncalculated) {
    findings.add(row, addr, 'formula-uncached', `${label}的${part}公式未计算：请在 Excel/WPS 中打开并保存后再评价。`);
    return true;
  }
  return false;
}
