// Shared set-up for the Excel host tests: example workbooks through exceljs into the fake, the fake
// installed as the Office.js globals, and checks of what the host wrote (summary sheet, highlights) that
// the end-to-end test (tests/e2e/excel.test.ts) shares.

import * as path from 'path';
import ExcelJS from 'exceljs';
import { SummaryPlan } from '../../../src/core/plan';
import { isMarkFormula } from '../../../src/hosts/excel/host';
import {
  FakeSheet,
  FakeWorkbook,
  InstalledExcel,
  colLetters,
  fakeWorkbookFromExcelJs,
  getCell,
  installFakeExcel,
  LoadOptions,
  newStats,
} from '../../fakes/excel';

export const ROOT = path.resolve(__dirname, '..', '..', '..');
export const SHENZE = path.join(ROOT, 'examples', 'shenze-2020.xlsx');
export const GAPS = path.join(ROOT, 'examples', 'gaps-sample.xlsx');

export async function readExcelJs(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

export async function loadFake(file: string, opts: LoadOptions = {}): Promise<FakeWorkbook> {
  return fakeWorkbookFromExcelJs(await readExcelJs(file), { name: path.basename(file), ...opts });
}

let installed: InstalledExcel | null = null;

export function install(wb: FakeWorkbook): FakeWorkbook {
  installed?.uninstall();
  installed = installFakeExcel(wb);
  return wb;
}

export function uninstall(): void {
  installed?.uninstall();
  installed = null;
}

export function resetStats(wb: FakeWorkbook): void {
  wb.stats = newStats();
}

/** Checks every planned cell of the summary sheet: text literal, numbers as numbers, links as HYPERLINK formulas. Returns the number of links. */
export function expectSummaryMatchesPlan(summary: FakeSheet, plan: SummaryPlan): number {
  let links = 0;
  plan.rows.forEach((cells, i) =>
    cells.forEach((sc, j) => {
      if (!sc) return;
      const cell = getCell(summary, i + 1, j + 1);
      if (sc.link) {
        links++;
        expect(cell!.formula).toMatch(/^=HYPERLINK\("#'/);
        expect(cell!.hyperlink).toBe(`#'${sc.link.sheet.replace(/'/g, "''")}'!${sc.link.cell}`);
        expect(cell!.value).toBe(sc.v);
      } else if (sc.v === null || sc.v === '') {
        expect(cell?.value ?? '').toBe('');
      } else {
        expect(cell!.formula).toBeUndefined();
        expect(cell!.value).toBe(sc.v);
      }
    }),
  );
  return links;
}

/**
 * Our highlights on a sheet as "A1 address → fill" ('#FFC7CE'…): the cells our marker conditional
 * formats cover, each with the fill of the top-priority one.
 */
export function markFills(sheet: FakeSheet): Record<string, string> {
  const out: Record<string, string> = {};
  for (const cf of sheet.conditionalFormats) {
    if (cf.type !== 'Custom' || !isMarkFormula(cf.custom?.formula)) continue;
    for (const a of cf.areas) {
      for (let r = a.top; r <= a.bottom; r++) {
        for (let c = a.left; c <= a.right; c++) {
          const addr = `${colLetters(c)}${r}`;
          // conditionalFormats[0] is the top priority: the first format seen wins.
          if (!(addr in out)) out[addr] = String(cf.custom!.fill);
        }
      }
    }
  }
  return out;
}
