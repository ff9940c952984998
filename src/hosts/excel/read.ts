/// <reference types="office-js" />
// Reading for the Excel host: used-range arrays into snapshot rows, fetched in blocks of rows sized to
// stay under Excel on the web's payload limit.

import { Cell, MergeArea, SheetSnapshot, isGeneralFormat } from '../../core/snapshot';

/** Used range arrays → snapshot rows. Empty cells are null; formats only when not General. */
export function toSheetSnapshot(
  name: string,
  top: number,
  left: number,
  values: unknown[][],
  text: string[][],
  formats: unknown[][],
  merges: MergeArea[],
): SheetSnapshot {
  const rows: (Cell | null)[][] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const vr = values[i];
    const out: (Cell | null)[] = new Array(vr.length);
    for (let j = 0; j < vr.length; j++) {
      const v = vr[j];
      if (v === '' || v === null || v === undefined) {
        out[j] = null;
        continue;
      }
      const val = typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
      const t = text[i]?.[j] ?? String(v);
      const f = formats[i]?.[j];
      out[j] = isGeneralFormat(f) ? { v: val, t } : { v: val, t, f: String(f) };
    }
    rows[i] = out;
  }
  return { name, rows, top, left, merges };
}

// ---------------------------------------------------------------------------------------------------
// Request and response size: Excel on the web refuses either over 5 MB, so cells go in blocks of rows
// sized to stay under PAYLOAD_BUDGET (UTF-8 bytes of their JSON), whatever the sheet size.

/** Target size of one block of cells sent or received: well under 4 MB with what rides along. */
export const PAYLOAD_BUDGET = 2_500_000;
/** Cells in the first block read, before the sheet's own density is known. */
const FIRST_READ_CELLS = 12_000;

/** UTF-8 bytes of a value's JSON (what the request or response carries). */
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? '';
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x800) n += c >= 0xd800 && c <= 0xdfff ? 1 : 2;
    else if (c >= 0x80) n += 1;
  }
  return n;
}

export interface BlockSource {
  ws: Excel.Worksheet;
  /** 0-based, as Office.js gives them. */
  top: number;
  left: number;
  rows: number;
  cols: number;
}

export interface SheetCells {
  values: unknown[][];
  text: string[][];
  formats: unknown[][];
}

/**
 * Values, display text and number formats of each used range, in blocks of rows: one round trip per
 * block (a small sheet is one block), each block sized from the bytes per row the previous one took.
 */
export async function readBlocks(ctx: Excel.RequestContext, sources: BlockSource[], budgetBytes: number): Promise<SheetCells[]> {
  const out: SheetCells[] = sources.map(() => ({ values: [], text: [], formats: [] }));
  const pending = sources.map((src, k) => ({ k, src, next: 0 }));
  let bytesPerCell = 0;
  while (pending.some((p) => p.next < p.src.rows)) {
    // Fill one round trip with rows of as many sheets as fit.
    let budget = bytesPerCell ? Math.max(1, Math.floor(budgetBytes / bytesPerCell)) : FIRST_READ_CELLS;
    const batch: { k: number; range: Excel.Range; cells: number }[] = [];
    for (const p of pending) {
      if (budget <= 0) break;
      if (p.next >= p.src.rows) continue;
      const cols = Math.max(1, p.src.cols);
      const rows = Math.min(p.src.rows - p.next, Math.max(1, Math.floor(budget / cols)));
      const range = p.src.ws.getRangeByIndexes(p.src.top + p.next, p.src.left, rows, cols);
      range.load('values,text,numberFormat');
      batch.push({ k: p.k, range, cells: rows * cols });
      p.next += rows;
      budget -= rows * cols;
    }
    await ctx.sync();
    let bytes = 0;
    let cells = 0;
    for (const b of batch) {
      const o = out[b.k];
      for (const r of b.range.values) o.values.push(r);
      for (const r of b.range.text) o.text.push(r);
      for (const r of b.range.numberFormat) o.formats.push(r);
      bytes += jsonBytes(b.range.values) + jsonBytes(b.range.text) + jsonBytes(b.range.numberFormat);
      cells += b.cells;
    }
    // The densest block so far decides the next one's size.
    if (cells) bytesPerCell = Math.max(bytesPerCell, bytes / cells, 1);
  }
  return out;
}
