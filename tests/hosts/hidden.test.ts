// Hidden rows and hidden sheets reach the snapshot in every host alike (the engine notes them:
// hidden-rows, hidden-sheet): the file host reads them from the package, Excel from the visible cells'
// areas and the sheet's visibility, WPS from SpecialCells(xlCellTypeVisible) and Worksheet.Visible.

import ExcelJS from 'exceljs';
import { evaluateWorkbook } from '../../src/core/evaluate';
import { WorkbookSnapshot } from '../../src/core/snapshot';
import { createExcelHost } from '../../src/hosts/excel';
import { createWpsHost } from '../../src/hosts/wps';
import { readPackage } from '../../src/hosts/file/package/read';
import { FakeApplication, bookFromExcelJs } from '../fakes/wps';
import { fakeWorkbookFromExcelJs } from '../fakes/excel';
import { install, uninstall } from './excel/helpers';

afterEach(() => uninstall());

const HEAD = ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'];
const rows = [
  ['项目支出绩效自评表'],
  HEAD,
  ['产出指标', '数量指标', '服务人数', '≥100人', '100人', 30, 30],
  ['产出指标', '数量指标', '培训人次', '≥10人次', '10人次', 30, 30],
  ['产出指标', '质量指标', '合格率', '100%', '100%', 20, 20],
  ['满意度指标', '服务对象满意度指标', '满意度', '≥95%', '96%', 20, 20],
];

async function bytes(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  for (const [name, state, hidden] of [
    ['表一', 'visible', [4, 5]],
    ['表二', 'hidden', []],
    ['表三', 'visible', []],
  ] as const) {
    const ws = wb.addWorksheet(name, { state });
    rows.forEach((r, i) => r.forEach((v, j) => (ws.getCell(i + 1, j + 1).value = v)));
    for (const r of hidden) ws.getRow(r).hidden = true;
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function load(): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await bytes()).buffer as ArrayBuffer);
  return wb;
}

const shape = (s: WorkbookSnapshot) => s.sheets.map((x) => ({ name: x.name, hidden: !!x.hidden, hiddenRows: x.hiddenRows ?? [] }));
const notes = (s: WorkbookSnapshot) =>
  evaluateWorkbook(s, {}).sheets.map((x) => ({ sheet: x.sheet, codes: x.tables.flatMap((t) => t.findings.map((f) => f.code)).sort() }));

test('Excel, WPS and the file host report the same hidden rows and sheets, and the engine notes them alike', async () => {
  const pkg = readPackage(await bytes(), 'hidden.xlsx');
  const file: WorkbookSnapshot = { name: 'hidden.xlsx', sheets: pkg.sheets.map((s) => s.snapshot) };
  expect(shape(file)).toEqual([
    { name: '表一', hidden: false, hiddenRows: [4, 5] },
    { name: '表二', hidden: true, hiddenRows: [] },
    { name: '表三', hidden: false, hiddenRows: [] },
  ]);

  const wps = await createWpsHost(new FakeApplication(bookFromExcelJs(await load(), 'hidden.xlsx'))).readSnapshot('workbook');
  install(fakeWorkbookFromExcelJs(await load(), { name: 'hidden.xlsx' }));
  const excel = await (await createExcelHost()).readSnapshot('workbook');

  expect(shape(wps)).toEqual(shape(file));
  expect(shape(excel)).toEqual(shape(file));
  const expected = notes(file);
  expect(expected.find((x) => x.sheet === '表一')!.codes).toContain('hidden-rows');
  expect(expected.find((x) => x.sheet === '表二')!.codes).toContain('hidden-sheet');
  expect(notes(wps)).toEqual(expected);
  expect(notes(excel)).toEqual(expected);
});
