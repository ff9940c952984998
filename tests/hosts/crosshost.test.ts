// One mark format for both hosts: a workbook evaluated in Excel, saved and opened in WPS has its marks
// cleared there, and the reverse. The "saved file" is a real .xlsx round trip through exceljs: each fake
// is written out (tests/fakes/*/save) and read into the other host's fake (its loader keeps the formula
// conditional formats a file carries).

import ExcelJS from 'exceljs';
import { createExcelHost } from '../../src/hosts/excel';
import { createWpsHost } from '../../src/hosts/wps';
import { runEvaluation, clearMarks } from '../../src/app/session';
import { SEVERITY_FILL, planHighlights } from '../../src/core/plan';
import { isMarkFormula } from '../../src/hosts/marks';
import { FakeWorkbook, fakeWorkbookFromExcelJs, fakeWorkbookToExcelJs } from '../fakes/excel';
import { FakeApplication, FakeBook, bookFromExcelJs, bookToExcelJs } from '../fakes/wps';
import { GAPS, install, loadFake, uninstall } from './excel/helpers';
import { loadBook } from './wps/fixture';
import { cellState } from './wps/fixture';

async function roundTrip(write: (wb: ExcelJS.Workbook) => void): Promise<ExcelJS.Workbook> {
  const out = new ExcelJS.Workbook();
  write(out);
  const buf = await out.xlsx.writeBuffer();
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(buf as ArrayBuffer);
  return back;
}

const excelToWps = async (wb: FakeWorkbook): Promise<FakeBook> =>
  bookFromExcelJs(await roundTrip((o) => fakeWorkbookToExcelJs(wb, o)), 'gaps-sample.xlsx');
const wpsToExcel = async (book: FakeBook): Promise<FakeWorkbook> =>
  fakeWorkbookFromExcelJs(await roundTrip((o) => bookToExcelJs(book, o)), { name: 'gaps-sample.xlsx' });

/** Source sheets as the other host sees them: every cell's value, formula, format and own fill. */
function wpsSources(book: FakeBook, names: string[]) {
  return book.sheets.filter((s) => names.includes(s.name)).map((s) => ({ name: s.name, cells: s.cells, merges: s.merges }));
}
function excelSources(wb: FakeWorkbook, names: string[]) {
  return wb.sheets
    .filter((s) => names.includes(s.name))
    .map((s) => ({ name: s.name, cells: [...s.cells.entries()].sort((a, b) => a[0] - b[0]), merges: s.merges }));
}

afterEach(() => uninstall());

test('evaluated in Excel, saved, opened in WPS: the marks show there and 清除标记 in WPS clears them', async () => {
  const baseline = await excelToWps(await loadFake(GAPS));
  const wb = install(await loadFake(GAPS));
  const out = await runEvaluation(await createExcelHost());
  const sources = out.result.sheets.map((s) => s.sheet);
  const book = await excelToWps(wb);
  // WPS sees Excel's marks: our colour on every planned cell.
  for (const h of planHighlights(out.result)) {
    const s = book.sheets.find((x) => x.name === h.sheet)!;
    expect(cellState(book, s, h.row, h.col).fill).toBe(SEVERITY_FILL[h.severity]);
  }
  const app = new FakeApplication(book);
  const cleared = await clearMarks(createWpsHost(app));
  expect(cleared.cleared).toBe(out.applied.highlighted);
  for (const s of book.sheets) expect(s.rules.filter((r) => isMarkFormula(r.formula))).toEqual([]);
  // The cells are as they were before 评价 (the own fills were never touched).
  expect(wpsSources(book, sources)).toEqual(wpsSources(baseline, sources));
});

test('evaluated in WPS, saved, opened in Excel: 清除标记 in Excel clears them', async () => {
  const baseline = await wpsToExcel(await loadBook('gaps-sample'));
  const app = new FakeApplication(await loadBook('gaps-sample'));
  const out = await runEvaluation(createWpsHost(app));
  const sources = out.result.sheets.map((s) => s.sheet);
  const wb = install(await wpsToExcel(app.book!.data));
  const marked = wb.sheets.flatMap((s) => s.conditionalFormats).filter((cf) => isMarkFormula(cf.custom?.formula));
  expect(marked.length).toBeGreaterThan(0);
  const cleared = await clearMarks(await createExcelHost());
  expect(cleared.cleared).toBe(out.applied.highlighted);
  for (const s of wb.sheets) expect(s.conditionalFormats.filter((cf) => isMarkFormula(cf.custom?.formula))).toEqual([]);
  expect(excelSources(wb, sources)).toEqual(excelSources(baseline, sources));
});

test("Excel → WPS 评价 again → Excel: each host replaces the other's marks (never two sets), and clears the last", async () => {
  const baseline = await loadFake(GAPS);
  const wb = install(await loadFake(GAPS));
  await runEvaluation(await createExcelHost());
  uninstall();
  const app = new FakeApplication(await excelToWps(wb));
  const again = await runEvaluation(createWpsHost(app));
  const severities = new Set(planHighlights(again.result).map((h) => `${h.sheet}|${h.severity}`));
  const rules = app.book!.data.sheets.flatMap((s) =>
    s.rules.filter((r) => isMarkFormula(r.formula)).map((r) => `${s.name}|${/mark:(\w+)/.exec(r.formula)![1]}`),
  );
  // One rule per sheet and severity (no Union limit reached on this workbook): Excel's rules were replaced.
  expect(rules.sort()).toEqual([...severities].sort());
  const back = install(await wpsToExcel(app.book!.data));
  const cleared = await clearMarks(await createExcelHost());
  expect(cleared.cleared).toBe(again.applied.highlighted);
  const sources = again.result.sheets.map((s) => s.sheet);
  expect(excelSources(back, sources)).toEqual(excelSources(await wpsToExcel(await excelToWps(baseline)), sources));
});
