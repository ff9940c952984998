import fc from 'fast-check';
import {
  ADDRESS_LIMIT,
  chunkAddresses,
  columnWidthPoints,
  hyperlinkFormula,
  literalText,
  parseAreasAddress,
  wrappedRowHeight,
} from '../../../src/hosts/excel/addresses';
import { compactAreas } from '../../../src/core/snapshot';
import { parseArea, splitAddressList } from '../../fakes/excel';

function cellsOf(addresses: string[]): Set<string> {
  const out = new Set<string>();
  for (const list of addresses) {
    for (const a of splitAddressList(list)) {
      const { area } = parseArea(a);
      for (let r = area.top; r <= area.bottom; r++) for (let c = area.left; c <= area.right; c++) out.add(`${r},${c}`);
    }
  }
  return out;
}

test('compactAreas joins vertical runs and equal runs in adjacent columns', () => {
  const cells = [];
  for (let r = 8; r <= 5007; r++) cells.push({ row: r, col: 5 }, { row: r, col: 6 });
  cells.push({ row: 3, col: 1 }, { row: 3, col: 1 });
  expect(compactAreas(cells)).toEqual([
    { top: 3, left: 1, bottom: 3, right: 1 },
    { top: 8, left: 5, bottom: 5007, right: 6 },
  ]);
});

test('chunks cover exactly the given cells and each stays under the address limit', () => {
  fc.assert(
    fc.property(
      fc.array(fc.record({ row: fc.integer({ min: 1, max: 20000 }), col: fc.integer({ min: 1, max: 60 }) }), { maxLength: 3000 }),
      (cells) => {
        const chunks = chunkAddresses(compactAreas(cells));
        for (const c of chunks) expect(c.length).toBeLessThan(ADDRESS_LIMIT);
        expect(cellsOf(chunks)).toEqual(new Set(cells.map((x) => `${x.row},${x.col}`)));
      },
    ),
    { numRuns: 40 },
  );
});

test('parseAreasAddress reads RangeAreas addresses with quoted sheet names', () => {
  expect(parseAreasAddress("Sheet1!A1:I1,'O''Brien, Ltd'!$A$5:$A$6,B7")).toEqual([
    { top: 1, left: 1, bottom: 1, right: 9 },
    { top: 5, left: 1, bottom: 6, right: 1 },
    { top: 7, left: 2, bottom: 7, right: 2 },
  ]);
  expect(parseAreasAddress('项目支出绩效自评表!A12:A30')).toEqual([{ top: 12, left: 1, bottom: 30, right: 1 }]);
});

test('HYPERLINK formulas escape quotes in sheet names and labels', () => {
  expect(hyperlinkFormula("O'Brien", 'B5', 'O\'Brien!B5 "x"')).toBe(`=HYPERLINK("#'O''Brien'!B5","O'Brien!B5 ""x""")`);
  expect(hyperlinkFormula('表', 'A3', 12)).toBe(`=HYPERLINK("#'表'!A3",12)`);
  expect(hyperlinkFormula('表', 'A3', 'x'.repeat(400)).length).toBeLessThan(300);
});

test('literal text, widths and wrapped heights', () => {
  expect(literalText('=1+1')).toBe("'=1+1");
  expect(literalText('')).toBe('');
  expect(columnWidthPoints(8)).toBe(45.75);
  expect(columnWidthPoints(40)).toBe(213.75);
  expect(wrappedRowHeight('短', 100)).toBe(20);
  expect(wrappedRowHeight('很'.repeat(200), 100)).toBeGreaterThan(60);
});
