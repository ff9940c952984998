// Grid: merged areas resolved through their anchor, whatever their shape or how many share a row.

import { Grid } from '../../src/core/grid';
import { SheetSnapshot } from '../../src/core/snapshot';

function sheet(rows: (string | null)[][], merges: SheetSnapshot['merges']): SheetSnapshot {
  return { name: 'S', top: 1, left: 1, merges, rows: rows.map((r) => r.map((v) => (v === null ? null : { v, t: v }))) };
}

describe('Grid', () => {
  // A1:A3 down, B1:C1 across, B2:D3 a block, E1 alone.
  const s = sheet(
    [
      ['一级', '标题', null, 'x', '单独'],
      [null, '块', null, null, 'y'],
      [null, null, null, null, null],
    ],
    [
      { top: 1, left: 1, bottom: 3, right: 1 },
      { top: 1, left: 2, bottom: 1, right: 3 },
      { top: 2, left: 2, bottom: 3, right: 4 },
    ],
  );
  const g = new Grid(s);

  test.each([
    [1, 1, '一级', true],
    [3, 1, '一级', false],
    [1, 3, '标题', false],
    [3, 4, '块', false],
    [2, 2, '块', true],
    [1, 4, 'x', true],
    [1, 5, '单独', true],
    [2, 5, 'y', true],
  ])('(%i,%i) reads “%s”, anchor %s', (row, col, text, anchor) => {
    expect(g.text(row, col)).toBe(text);
    expect(g.isAnchor(row, col)).toBe(anchor);
    expect(g.ownText(row, col)).toBe(anchor ? text : '');
  });

  test('merge and anchor report the covering area, none outside merges', () => {
    expect(g.merge(3, 3)).toEqual({ top: 2, left: 2, bottom: 3, right: 4 });
    expect(g.anchor(3, 3)).toEqual({ row: 2, col: 2 });
    expect(g.merge(1, 4)).toBeUndefined();
    expect(g.merge(4, 1)).toBeUndefined();
    expect(g.anchor(2, 5)).toEqual({ row: 2, col: 5 });
  });

  test('a merge over a whole column stays cheap and readable', () => {
    const tall = new Grid(sheet([['全列']], [{ top: 1, left: 1, bottom: 1048576, right: 1 }]));
    expect(tall.text(1048576, 1)).toBe('全列');
    expect(tall.isAnchor(500000, 1)).toBe(false);
    expect(tall.merge(500000, 2)).toBeUndefined();
  });
});
