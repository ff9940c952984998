// Read access to a sheet snapshot with merged areas resolved. Non-anchor cells of a merge are empty
// in every host's snapshot; labels merged over several rows are read through their anchor.

import { Cell, SheetSnapshot, MergeArea, cellAt, lastRow, lastCol } from './snapshot';

export class Grid {
  readonly sheet: SheetSnapshot;
  readonly firstRow: number;
  readonly lastRow: number;
  readonly firstCol: number;
  readonly lastCol: number;
  /** Merges by sheet row: a few per row at most, so a scan beats hashing every covered cell. */
  private readonly rowMerges: (MergeArea[] | undefined)[] = [];

  constructor(sheet: SheetSnapshot) {
    this.sheet = sheet;
    this.firstRow = sheet.top;
    this.lastRow = lastRow(sheet);
    this.firstCol = sheet.left;
    this.lastCol = lastCol(sheet);
    for (const m of sheet.merges) {
      for (let r = m.top; r <= m.bottom; r++) (this.rowMerges[r] ??= []).push(m);
    }
  }

  merge(row: number, col: number): MergeArea | undefined {
    const list = this.rowMerges[row];
    if (list === undefined) return undefined;
    for (let i = 0; i < list.length; i++) {
      const m = list[i];
      if (col >= m.left && col <= m.right) return m;
    }
    return undefined;
  }

  /** The cell itself (empty for non-anchor cells of a merge). */
  cell(row: number, col: number): Cell | null {
    return cellAt(this.sheet, row, col);
  }

  /** The cell, or the anchor of the merge that covers it. */
  value(row: number, col: number): Cell | null {
    const m = this.merge(row, col);
    if (m && (m.top !== row || m.left !== col)) return cellAt(this.sheet, m.top, m.left);
    return cellAt(this.sheet, row, col);
  }

  /** Anchor position of the merge covering (row, col), or the cell itself. */
  anchor(row: number, col: number): { row: number; col: number } {
    const m = this.merge(row, col);
    return m ? { row: m.top, col: m.left } : { row, col };
  }

  isAnchor(row: number, col: number): boolean {
    const m = this.merge(row, col);
    return !m || (m.top === row && m.left === col);
  }

  /** Display text of the cell or its merge anchor, trimmed. */
  text(row: number, col: number): string {
    const c = this.value(row, col);
    return c ? cellText(c) : '';
  }

  /** Text of the cell only if it is not covered by a merge anchored elsewhere. */
  ownText(row: number, col: number): string {
    return this.isAnchor(row, col) ? this.text(row, col) : '';
  }

  rowIsEmpty(row: number, fromCol = this.firstCol, toCol = this.lastCol): boolean {
    for (let c = fromCol; c <= toCol; c++) if (this.ownText(row, c) !== '') return false;
    return true;
  }
}

export function cellText(c: Cell): string {
  if (c.t !== undefined && c.t !== null && c.t !== '') return String(c.t).trim();
  if (c.v === null || c.v === undefined) return '';
  return String(c.v).trim();
}

/** Header/label normalisation: no spaces, half-width brackets, no "(A)" / "（万元）" suffixes, no colon. */
export function normLabel(s: string): string {
  if (!/[\s\u3000（）():：]/.test(s)) return s;
  return s
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/\([^)]*\)/g, '')
    .replace(/[:：]+$/, '')
    .replace(/^[:：]+/, '');
}

/** Money unit declared in a block label: "项目资金（元）" → 元; default 万元. */
export function moneyUnitOf(label: string): string | null {
  const m = /[(（]\s*(万元|元|亿元|千元)\s*[)）]/.exec(label);
  return m ? m[1] : null;
}
