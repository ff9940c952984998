// Reading a WPS 表格 worksheet into a SheetSnapshot with as few object-model calls as possible:
//   values        one UsedRange.Value2 (a scalar for a single cell)
//   formats       only where numbers are: the whole range's NumberFormat, else bisection of each column
//                 that holds numbers (NumberFormat is null when mixed), down to single cells only where
//                 formats actually change
//   display text  Range.Text only for numbers with a format (the engine needs "95%"-style text there)
//   merges        bisection on MergeCells (false: nothing merged inside; null: mixed), MergeArea only on
//                 single candidate cells
//   hidden rows   one SpecialCells(xlCellTypeVisible) address: the used rows it does not cover

import { Cell, MergeArea, SheetSnapshot, areaAddress, isGeneralFormat, uncoveredRows } from '../../core/snapshot';
import { formatNumber } from '../file/xlsx';
import { Area, parseArea, parseAreaList } from './address';
import { EtRange, EtWorksheet, Scalar, Value2, XL_CELL_TYPE_VISIBLE, XL_SHEET_VISIBLE } from './et';

/** Past this many formatted numbers, display text is computed from the format instead of read. */
export const TEXT_READ_LIMIT = 40;

/** COM error values (CVErr) as some builds return them through Value2. */
const CVERR: Record<number, string> = {
  [-2146826288]: '#NULL!',
  [-2146826281]: '#DIV/0!',
  [-2146826273]: '#VALUE!',
  [-2146826265]: '#REF!',
  [-2146826259]: '#NAME?',
  [-2146826252]: '#NUM!',
  [-2146826246]: '#N/A',
};

/** Value2 of a rows × cols range as a 2-D array, whatever shape the build returned. */
export function toMatrix(v: Value2, rows: number, cols: number): Scalar[][] {
  if (!Array.isArray(v)) return [[v]];
  if (v.length === 0) return [];
  if (!Array.isArray(v[0])) {
    // Some builds flatten one row or one column.
    const flat = v as unknown as Scalar[];
    if (rows === 1) return [flat];
    if (cols === 1) return flat.map((x) => [x]);
    const out: Scalar[][] = [];
    for (let r = 0; r < rows; r++) out.push(flat.slice(r * cols, r * cols + cols));
    return out;
  }
  return v as Scalar[][];
}

function rawValue(x: Scalar): string | number | boolean | undefined {
  if (x === null || x === undefined || x === '') return undefined;
  if (typeof x === 'number') {
    if (!isFinite(x)) return String(x);
    if (CVERR[x] !== undefined) return CVERR[x];
    return x;
  }
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if ((x as unknown) instanceof Date) return String(x);
  return String(x);
}

/** Counts of object-model calls, for tests and diagnostics. */
export interface ReadStats {
  formatReads: number;
  textReads: number;
  mergeReads: number;
}

function usedArea(ur: EtRange): Area {
  const top = ur.Row;
  const left = ur.Column;
  return { top, left, bottom: top + ur.Rows.Count - 1, right: left + ur.Columns.Count - 1 };
}

/**
 * Number formats of the cells in `wanted` (sheet coordinates), by bisection of each column: a run whose
 * NumberFormat is a string is uniform; null splits it in two.
 */
function readFormats(
  ws: EtWorksheet,
  area: Area,
  whole: string | null,
  wanted: Map<number, number[]>,
  stats: ReadStats,
): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof whole === 'string') {
    wanted.forEach((rows, col) => rows.forEach((r) => out.set(`${r},${col}`, whole)));
    return out;
  }
  wanted.forEach((rows, col) => {
    rows.sort((a, b) => a - b);
    const stack: [number, number, number, number][] = [[area.top, area.bottom, 0, rows.length - 1]];
    while (stack.length) {
      const [top, bottom, i0, i1] = stack.pop()!;
      if (i0 > i1) continue;
      // Narrow to the wanted rows inside this run.
      const t = Math.max(top, rows[i0]);
      const b = Math.min(bottom, rows[i1]);
      stats.formatReads++;
      const f = ws.Range(areaAddress({ top: t, left: col, bottom: b, right: col })).NumberFormat;
      if (typeof f === 'string' || t === b) {
        for (let i = i0; i <= i1; i++) out.set(`${rows[i]},${col}`, typeof f === 'string' ? f : '');
        continue;
      }
      const mid = Math.floor((t + b) / 2);
      let k = i0;
      while (k <= i1 && rows[k] <= mid) k++;
      stack.push([mid + 1, b, k, i1]);
      stack.push([t, mid, i0, k - 1]);
    }
  });
  return out;
}

/** Host calls merges may take per sheet; past it the merges found so far (top rows first) are kept. */
export const MERGE_CALL_BUDGET = 300;

/**
 * Merged areas inside `area`, by bisection on MergeCells: false means nothing inside is merged; true or
 * null (mixed) means look closer. Where a part is merged throughout, the MergeArea of its first
 * uncovered cell is read straight away (often that merge is the whole part); otherwise the part is split
 * in two. Parts already covered by merges found are skipped without a call, and edge columns or rows a
 * found merge covers whole are trimmed off first (a label merged down a tall table would otherwise make
 * every part beside it mixed). Top parts come first, and the calls are capped (MERGE_CALL_BUDGET): the
 * engine fills merged labels down by itself, so merges past the cap (far down a huge sheet) cost no more
 * than with a host that cannot read merges, while those that shape the header are found.
 */
export function readMerges(ws: EtWorksheet, area: Area, stats: ReadStats, budget = MERGE_CALL_BUDGET): MergeArea[] {
  const found: MergeArea[] = [];
  const seen = new Set<string>();
  const covered = (r: number, c: number) => found.some((m) => r >= m.top && r <= m.bottom && c >= m.left && c <= m.right);
  const coversWhole = (a: Area) => found.some((m) => m.top <= a.top && m.bottom >= a.bottom && m.left <= a.left && m.right >= a.right);
  const trim = (a0: Area): Area | null => {
    const a = { ...a0 };
    while (a.left <= a.right && coversWhole({ top: a.top, left: a.left, bottom: a.bottom, right: a.left })) a.left++;
    while (a.left <= a.right && coversWhole({ top: a.top, left: a.right, bottom: a.bottom, right: a.right })) a.right--;
    while (a.top <= a.bottom && a.left <= a.right && coversWhole({ top: a.top, left: a.left, bottom: a.top, right: a.right })) a.top++;
    while (a.top <= a.bottom && a.left <= a.right && coversWhole({ top: a.bottom, left: a.left, bottom: a.bottom, right: a.right }))
      a.bottom--;
    return a.left <= a.right && a.top <= a.bottom ? a : null;
  };
  const firstUncovered = (a: Area): [number, number] | null => {
    if ((a.bottom - a.top + 1) * (a.right - a.left + 1) > 4096) return covered(a.top, a.left) ? null : [a.top, a.left];
    for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) if (!covered(r, c)) return [r, c];
    return null;
  };
  const call = (n: number) => {
    stats.mergeReads += n;
    budget -= n;
  };
  const mergeAreaOf = (r: number, c: number): boolean => {
    call(2);
    const m = parseArea(ws.Range(areaAddress({ top: r, left: c, bottom: r, right: c })).MergeArea.Address(false, false));
    if (!m || (m.top === m.bottom && m.left === m.right)) return false;
    const key = areaAddress(m);
    if (!seen.has(key)) {
      seen.add(key);
      found.push(m);
    }
    return true;
  };
  const stack: Area[] = [area];
  while (stack.length && budget > 0) {
    const a = trim(stack.pop()!);
    if (!a) continue;
    const first = firstUncovered(a);
    if (!first) continue;
    if (a.top === a.bottom && a.left === a.right) {
      call(1);
      if (ws.Range(areaAddress(a)).MergeCells) mergeAreaOf(a.top, a.left);
      continue;
    }
    call(1);
    const mc = ws.Range(areaAddress(a)).MergeCells;
    if (mc === false) continue;
    // All merged: the first uncovered cell starts (or lies in) a merge; often it is the whole part.
    if (mc === true && mergeAreaOf(first[0], first[1]) && !firstUncovered(a)) continue;
    // Split the longer side (top half, left half first: they are popped first).
    if (a.bottom - a.top >= a.right - a.left) {
      const mid = Math.floor((a.top + a.bottom) / 2);
      stack.push({ top: mid + 1, left: a.left, bottom: a.bottom, right: a.right });
      stack.push({ top: a.top, left: a.left, bottom: mid, right: a.right });
    } else {
      const mid = Math.floor((a.left + a.right) / 2);
      stack.push({ top: a.top, left: mid + 1, bottom: a.bottom, right: a.right });
      stack.push({ top: a.top, left: a.left, bottom: a.bottom, right: mid });
    }
  }
  return found.sort((x, y) => x.top - y.top || x.left - y.left);
}

function fallbackText(v: number, f: string): string {
  return formatNumber(v, f);
}

export function readSheet(ws: EtWorksheet, stats: ReadStats = { formatReads: 0, textReads: 0, mergeReads: 0 }): SheetSnapshot {
  const ur = ws.UsedRange;
  const area = usedArea(ur);
  const nRows = area.bottom - area.top + 1;
  const nCols = area.right - area.left + 1;
  const values = toMatrix(ur.Value2, nRows, nCols);

  const rows: (Cell | null)[][] = [];
  const numeric = new Map<number, number[]>();
  let anyValue = false;
  for (let i = 0; i < nRows; i++) {
    const src = values[i] || [];
    const out: (Cell | null)[] = [];
    for (let j = 0; j < nCols; j++) {
      const v = rawValue(src[j]);
      if (v === undefined) continue;
      anyValue = true;
      if (typeof v === 'number') {
        const col = area.left + j;
        let list = numeric.get(col);
        if (!list) numeric.set(col, (list = []));
        list.push(area.top + i);
        out[j] = { v, t: String(v) };
      } else {
        out[j] = { v, t: typeof v === 'boolean' ? (v ? 'TRUE' : 'FALSE') : v };
      }
    }
    rows.push(out);
  }
  if (!anyValue) return { name: ws.Name, rows: [], top: area.top, left: area.left, merges: [] };

  if (numeric.size) {
    stats.formatReads++;
    const whole = ur.NumberFormat;
    const formats = readFormats(ws, area, typeof whole === 'string' ? whole : null, numeric, stats);
    let textBudget = TEXT_READ_LIMIT;
    numeric.forEach((list, col) => {
      for (const r of list) {
        const cell = rows[r - area.top][col - area.left]!;
        const f = formats.get(`${r},${col}`);
        if (isGeneralFormat(f)) {
          cell.t = formatNumber(cell.v as number, undefined);
          continue;
        }
        cell.f = f;
        let t: string | null = null;
        if (textBudget > 0) {
          textBudget--;
          stats.textReads++;
          const shown = ws.Range(areaAddress({ top: r, left: col, bottom: r, right: col })).Text;
          // "####": the column is too narrow to show the number; compute the text instead.
          if (typeof shown === 'string' && shown !== '' && !/^#+$/.test(shown)) t = shown;
        }
        cell.t = t ?? fallbackText(cell.v as number, f!);
      }
    });
  }

  stats.mergeReads++;
  const mc = ur.MergeCells;
  const merges = mc === false ? [] : readMerges(ws, area, stats);
  const snap: SheetSnapshot = { name: ws.Name, rows, top: area.top, left: area.left, merges, hidden: ws.Visible !== XL_SHEET_VISIBLE };
  const hidden = readHiddenRows(ur, area);
  if (hidden && hidden.length) snap.hiddenRows = hidden;
  return snap;
}

/** Hidden rows of the used range, from its visible cells' areas (one query); null when unknown. */
function readHiddenRows(ur: EtRange, area: Area): number[] | null {
  let visible: (Area | null)[];
  try {
    visible = parseAreaList(ur.SpecialCells(XL_CELL_TYPE_VISIBLE).Address(false, false));
  } catch {
    // No visible cell at all (every row hidden) throws too; a note about that is not worth a guess.
    return null;
  }
  if (visible.some((a) => !a)) return null; // an address we cannot read: say nothing rather than guess
  return uncoveredRows(area.top, area.bottom, visible as Area[]);
}
