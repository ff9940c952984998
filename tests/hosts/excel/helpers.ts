// Shared set-up for the Excel host tests: example workbooks through exceljs into the fake, the fake
// installed as the Office.js globals, and the file host's evaluation of the same sheet for comparison.

import * as path from 'path';
import ExcelJS from 'exceljs';
import { FakeWorkbook, InstalledExcel, fakeWorkbookFromExcelJs, installFakeExcel, LoadOptions, newStats } from '../../fakes/excel';

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
