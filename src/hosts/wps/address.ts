// A1 addresses for the ET object model: areas, multi-area lists within ET's 255-character limit, sheet
// references for hyperlinks.

import { MergeArea, chunkAddresses as chunkA1, parseAddress } from '../../core/snapshot';

export type Area = MergeArea;

/** "A1", "$A$1:$C$3", "B2:B2" → area; null when not a single-area A1 reference. */
export function parseArea(address: string): Area | null {
  const s = address.replace(/^.*!/, '').trim();
  if (s.indexOf(',') >= 0) return null;
  const parts = s.split(':');
  if (parts.length > 2) return null;
  const a = parseAddress(parts[0]);
  const b = parts.length === 2 ? parseAddress(parts[1]) : a;
  if (!a || !b) return null;
  return { top: Math.min(a.row, b.row), left: Math.min(a.col, b.col), bottom: Math.max(a.row, b.row), right: Math.max(a.col, b.col) };
}

/** "A1:B2,C5" (an Address(false, false) of several areas) → its areas; null for a part that is not one. */
export function parseAreaList(address: string): (Area | null)[] {
  return address.split(',').map((part) => parseArea(part));
}

/** ET (like Excel) refuses Range("…") addresses longer than 255 characters. */
export const MAX_ADDRESS = 255;

/** Joins areas into comma-separated multi-area addresses, each within MAX_ADDRESS characters. */
export function chunkAddresses(areas: Area[]): string[] {
  return chunkA1(areas, MAX_ADDRESS);
}

export function inArea(a: Area, row: number, col: number): boolean {
  return row >= a.top && row <= a.bottom && col >= a.left && col <= a.right;
}

export function containsArea(outer: Area, inner: Area): boolean {
  return inner.top >= outer.top && inner.bottom <= outer.bottom && inner.left >= outer.left && inner.right <= outer.right;
}
