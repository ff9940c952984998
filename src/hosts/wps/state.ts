// What the add-in keeps in the document itself, so it survives saving, closing and reopening (in WPS
// or on another machine): the fills our highlights covered (for 清除标记) and the settings.
//
// Where: a very hidden worksheet (Visible = xlSheetVeryHidden: not listed by 取消隐藏) named
// STATE_SHEET. A1 holds the owner mark, A2 the format version; from row 3 each row is one entry:
// column A the key, columns B… the JSON value in chunks (each prefixed with "j", and the cells
// formatted as text, so no chunk can ever be taken for a formula or a number).
//
// Why not CustomDocumentProperties or defined names: their string values stop at 255 characters, and
// marks for a large workbook run to tens of kilobytes. PluginStorage is not persisted at all (it lives
// as long as the WPS process), so it is only the fallback for settings when the document cannot be
// written (workbook structure protected, no workbook open).

import { OWNER_MARK, isOwnerMark } from '../../core/plan';
import { areaAddress } from '../../core/snapshot';
import { Area } from './address';
import { EtWorkbook, EtWorksheet, XL_SHEET_HIDDEN, XL_SHEET_VERY_HIDDEN, sheetByName } from './et';
import { toMatrix } from './read';

export const STATE_SHEET = 'jixiao_state';
export const STATE_MARK = `${OWNER_MARK}内部数据（请勿修改或删除）`;
const VERSION = 'jixiao-state-1';
const CHUNK = 8000;

/** Interior state of one cell before we highlighted it. */
export interface SavedInterior {
  /** Interior.Pattern (xlNone -4142 = no fill). */
  pattern: number;
  /** Interior.Color (BGR). */
  color: number;
  /** Interior.PatternColor, kept for patterned fills. */
  patternColor?: number;
}

export interface Mark {
  sheet: string;
  cell: string;
  /** What the cell had before. */
  prev: SavedInterior;
  /** The colour we applied (BGR): restore only while the cell still shows it. */
  applied: number;
}

export interface StoredState {
  marks: Mark[];
  settings: unknown;
}

export function findStateSheet(wb: EtWorkbook): EtWorksheet | null {
  return sheetByName(wb, STATE_SHEET);
}

/** A worksheet we created: our summary (owner mark in A1) or the state sheet. */
export function isOurSheet(ws: EtWorksheet): boolean {
  if (ws.Name === STATE_SHEET) return true;
  return isOwnerMark(ws.Range('A1').Value2);
}

export function readState(wb: EtWorkbook): StoredState {
  const empty: StoredState = { marks: [], settings: null };
  const ws = findStateSheet(wb);
  if (!ws) return empty;
  const ur = ws.UsedRange;
  const nRows = ur.Row + ur.Rows.Count - 1;
  const nCols = ur.Column + ur.Columns.Count - 1;
  if (nRows < 3) return empty;
  const m = toMatrix(
    ws.Range(areaAddress({ top: 1, left: 1, bottom: nRows, right: Math.max(2, nCols) })).Value2,
    nRows,
    Math.max(2, nCols),
  );
  if (!isOwnerMark(m[0] && m[0][0]) || (m[1] && m[1][0]) !== VERSION) return empty;
  const out: StoredState = { marks: [], settings: null };
  for (let i = 2; i < m.length; i++) {
    const row = m[i] || [];
    const key = row[0];
    if (typeof key !== 'string' || !key) continue;
    let json = '';
    for (let j = 1; j < row.length; j++) {
      const part = row[j];
      if (typeof part !== 'string' || part[0] !== 'j') break;
      json += part.slice(1);
    }
    let value: unknown;
    try {
      value = JSON.parse(json);
    } catch {
      continue;
    }
    if (key === 'marks' && Array.isArray(value)) out.marks = value.filter(isMark);
    else if (key === 'settings') out.settings = value;
  }
  return out;
}

function isMark(x: unknown): x is Mark {
  const m = x as Mark;
  return (
    !!m &&
    typeof m.sheet === 'string' &&
    typeof m.cell === 'string' &&
    typeof m.applied === 'number' &&
    !!m.prev &&
    typeof m.prev.pattern === 'number' &&
    typeof m.prev.color === 'number'
  );
}

function chunks(json: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < json.length; i += CHUNK) out.push('j' + json.slice(i, i + CHUNK));
  return out.length ? out : ['j'];
}

/**
 * Writes the state; creates the hidden sheet when needed and deletes it when nothing is left to keep.
 * Returns an undo that puts the previous state back (used when a later step of apply fails).
 */
export function writeState(wb: EtWorkbook, state: StoredState, opts: { keepSheet?: boolean } = {}): () => void {
  const entries: [string, unknown][] = [];
  if (state.marks.length) entries.push(['marks', state.marks]);
  if (state.settings !== null && state.settings !== undefined) entries.push(['settings', state.settings]);
  const before = readState(wb);
  let ws = findStateSheet(wb);
  const existed = !!ws;
  let created: EtWorksheet | null = null;
  const undo = () => {
    if (!existed) {
      const made = findStateSheet(wb);
      if (made) made.Delete();
      return;
    }
    writeState(wb, before);
  };
  try {
    if (!entries.length && !(opts.keepSheet && ws)) {
      if (ws) ws.Delete();
      return undo;
    }
    if (!ws) {
      const sheets = wb.Worksheets;
      const active = wb.ActiveSheet;
      ws = sheets.Add(undefined, sheets.Item(sheets.Count));
      created = ws;
      ws.Name = STATE_SHEET;
      try {
        ws.Visible = XL_SHEET_VERY_HIDDEN;
      } catch {
        ws.Visible = XL_SHEET_HIDDEN; // builds without "very hidden": hidden will do
      }
      // Adding a sheet activates it; give the user back the sheet they were on.
      if (active) active.Activate();
    } else {
      ws.UsedRange.ClearContents();
    }
    const rows: string[][] = [[STATE_MARK], [VERSION]];
    for (const [key, value] of entries) rows.push([key].concat(chunks(JSON.stringify(value))));
    const width = Math.max(...rows.map((r) => r.length));
    const matrix = rows.map((r) => {
      const out = r.slice();
      while (out.length < width) out.push('');
      return out;
    });
    const block: Area = { top: 1, left: 1, bottom: matrix.length, right: width };
    const range = ws.Range(areaAddress(block));
    range.NumberFormat = '@';
    range.Value2 = matrix;
  } catch (e) {
    // Leave the document as it was: a half-made state sheet goes, a half-written one is rewritten.
    try {
      if (created) created.Delete();
      else if (existed) writeState(wb, before);
    } catch {
      // the caller's own undo reports the original error
    }
    throw e;
  }
  return undo;
}
