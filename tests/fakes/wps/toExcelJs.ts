// The fake WPS workbook saved as a file would be: values, formulas, number formats, fills, merges, sheet
// visibility and the formula conditional formats into an exceljs workbook, for tests that open the same
// file in another host (tests/hosts/crosshost.test.ts). No Node imports.

import type ExcelJS from 'exceljs';
import { areaAddress } from '../../../src/core/snapshot';
import { rgbHex } from '../../../src/hosts/wps/et';
import { FakeBook, XL_NONE, XL_SOLID } from './model';

export function bookToExcelJs(book: FakeBook, out: ExcelJS.Workbook): ExcelJS.Workbook {
  for (const s of book.sheets) {
    const ws = out.addWorksheet(s.name, { state: s.visible === 2 ? 'veryHidden' : s.visible === 0 ? 'hidden' : 'visible' });
    for (const [k, c] of Object.entries(s.cells)) {
      const [r, col] = k.split(',').map(Number);
      const cell = ws.getCell(r, col);
      if (c.formula) cell.value = { formula: c.formula.replace(/^=/, ''), result: c.v ?? undefined } as ExcelJS.CellFormulaValue;
      else if (c.v !== null) cell.value = c.v;
      if (c.fmt && c.fmt !== 'General') cell.numFmt = c.fmt;
      if (c.pattern === XL_SOLID) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${rgbHex(c.color)}` } };
      else if (c.pattern !== XL_NONE) throw new Error('fake: patterned fills are not saved by this helper');
    }
    for (const m of s.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
    s.rules.forEach((rule, i) => {
      ws.addConditionalFormatting({
        ref: rule.areas.map((a) => areaAddress(a)).join(' '),
        rules: [
          {
            type: 'expression',
            priority: i + 1,
            formulae: [rule.formula.replace(/^=/, '')],
            style: rule.color !== null ? { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: `FF${rgbHex(rule.color)}` } } } : {},
          },
        ],
      });
    });
  }
  for (const n of book.names ?? []) out.definedNames.add(n.refersTo.replace(/^=/, ''), n.name);
  return out;
}
