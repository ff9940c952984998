// The fake Excel workbook saved as a file would be: values, formulas, number formats, fills, merges and
// the formula conditional formats (ours and the user's) into an exceljs workbook, for tests that open the
// same file in another host (tests/hosts/crosshost.test.ts). No Node imports.

import type ExcelJS from 'exceljs';
import { areaAddress } from '../../../src/core/snapshot';
import { FakeWorkbook, keyCol, keyRow } from './state';

const argb = (hex: string) => `FF${hex.replace(/^#/, '').toUpperCase()}`;

export function fakeWorkbookToExcelJs(wb: FakeWorkbook, out: ExcelJS.Workbook): ExcelJS.Workbook {
  for (const s of wb.sheets) {
    const state = s.visibility === 'VeryHidden' ? 'veryHidden' : s.visibility === 'Hidden' ? 'hidden' : 'visible';
    const ws = out.addWorksheet(s.name, { state });
    for (const [k, c] of s.cells) {
      const cell = ws.getCell(keyRow(k), keyCol(k));
      if (c.formula)
        cell.value = { formula: c.formula.replace(/^=/, ''), result: c.value === '' ? undefined : c.value } as ExcelJS.CellFormulaValue;
      else if (c.value !== '') cell.value = c.value;
      if (c.numberFormat && c.numberFormat !== 'General') cell.numFmt = c.numberFormat;
      if (c.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(c.fill) } };
    }
    for (const m of s.merges) ws.mergeCells(m.top, m.left, m.bottom, m.right);
    s.conditionalFormats.forEach((cf, i) => {
      if (cf.type !== 'Custom' || !cf.custom?.formula) return;
      ws.addConditionalFormatting({
        ref: cf.areas.map((a) => areaAddress(a)).join(' '),
        rules: [
          {
            type: 'expression',
            priority: i + 1,
            formulae: [cf.custom.formula.replace(/^=/, '')],
            style: cf.custom.fill ? { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(cf.custom.fill) } } } : {},
          },
        ],
      });
    });
  }
  for (const n of wb.names ?? []) out.definedNames.add(n.formula.replace(/^=/, ''), n.name);
  return out;
}
