/// <reference types="office-js" />
// The fake Excel API enforces what the real one does: the host tests below are only as good as this.

import {
  FakeWorkbook,
  FakeWorkbookJson,
  dumpSheet,
  dumpWorkbook,
  ensureCell,
  enterValue,
  newSheet,
  newWorkbook,
  workbookFromJson,
  workbookToJson,
} from '../../fakes/excel';
import { GAPS, install, loadFake, uninstall } from './helpers';

function setup(excelApi = 17): FakeWorkbook {
  const wb = newWorkbook('t.xlsx', excelApi);
  const s = newSheet(wb, 'S');
  enterValue(ensureCell(s, 1, 1), 'a');
  enterValue(ensureCell(s, 2, 2), 5);
  return install(wb);
}

afterEach(() => uninstall());

test('reading a property before load + sync throws PropertyNotLoaded', async () => {
  setup();
  await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('S').getRange('A1:B2');
    expect(() => r.values).toThrow(/PropertyNotLoaded|not available/);
    r.load('values');
    expect(() => r.values).toThrow(/not available/);
    await ctx.sync();
    expect(r.values).toEqual([
      ['a', ''],
      ['', 5],
    ]);
    expect(() => r.text).toThrow(/not available/);
  });
});

test('writes apply only at sync; syncs, runs and proxies are counted', async () => {
  const wb = setup();
  await Excel.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('S').getRange('C3');
    r.values = [['x']];
    expect(wb.sheets[0].cells.size).toBe(2);
    await ctx.sync();
    expect(dumpSheet(wb.sheets[0]).cells).toHaveProperty('C3');
  });
  expect(wb.stats.syncs).toBe(1);
  expect(wb.stats.runs).toBe(1);
  expect(wb.stats.proxies).toBeGreaterThanOrEqual(4); // workbook, worksheets, worksheet, range
});

test('commands left unsynced at the end of Excel.run are an error', async () => {
  setup();
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A1').values = [['y']];
    }),
  ).rejects.toThrow(/never synced/);
});

test('array dimensions must match the range; addresses over 8,192 characters are refused', async () => {
  setup();
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A1:B1').values = [['only one']];
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'InvalidArgument' });
  const long = Array.from({ length: 1500 }, (_, i) => `A${i + 1000}`).join(',');
  expect(long.length).toBeGreaterThan(8192);
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRanges(long).format.fill.color = '#FF0000';
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'InvalidArgument' });
});

test('values are entered like typing: formulas, numbers, percent, dates; apostrophe and @ keep text', async () => {
  const wb = setup();
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('S');
    ws.getRange('A5:A6').numberFormat = [['General'], ['@']];
    ws.getRange('A1:A6').values = [['=HYPERLINK("http://x","y")'], ['95%'], ["'=1+1"], ['2020年12月'], ['+abc'], ['=1+1']];
    await ctx.sync();
  });
  const c = dumpSheet(wb.sheets[0]).cells as Record<string, { v: unknown; f?: string; nf: string; q?: boolean }>;
  expect(c.A1).toMatchObject({ v: 'y', f: '=HYPERLINK("http://x","y")' });
  expect(c.A2).toMatchObject({ v: 0.95, nf: '0%' });
  expect(c.A3).toMatchObject({ v: '=1+1', q: true });
  expect(c.A3.f).toBeUndefined();
  expect(typeof c.A4.v).toBe('number');
  expect(c.A5).toMatchObject({ v: '#NAME?', f: '=abc' });
  expect(c.A6).toMatchObject({ v: '=1+1', nf: '@' });
});

test('a protected sheet refuses writes; earlier commands in the batch stay applied', async () => {
  const wb = setup();
  const p = newSheet(wb, 'P');
  p.protected = true;
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('D1').values = [['before']];
      ctx.workbook.worksheets.getItem('P').getRange('A1').values = [['no']];
      ctx.workbook.worksheets.getItem('S').getRange('D2').values = [['after']];
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'AccessDenied' });
  const cells = dumpSheet(wb.sheets[0]).cells as Record<string, unknown>;
  expect(cells).toHaveProperty('D1');
  expect(cells).not.toHaveProperty('D2');
});

test('cell edit mode fails a batch unless delayForCellEdit is set and ExcelApi 1.11 is there', async () => {
  const wb = setup(10);
  wb.cellEditMode = true;
  const batch = async (ctx: Excel.RequestContext) => {
    ctx.workbook.worksheets.getItem('S').getRange('A1').values = [['x']];
    await ctx.sync();
  };
  await expect(Excel.run({ delayForCellEdit: true }, batch)).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
  wb.excelApi = 11;
  await expect(Excel.run(batch)).rejects.toMatchObject({ code: 'InvalidOperationInCellEditMode' });
  await Excel.run({ delayForCellEdit: true }, batch);
  expect(wb.stats.delayedForCellEdit).toBe(1);
});

test('API sets: members of newer sets fail at sync with ApiNotFound; isSetSupported answers', async () => {
  setup(12);
  expect(Office.context.requirements.isSetSupported('ExcelApi', '1.12')).toBe(true);
  expect(Office.context.requirements.isSetSupported('ExcelApi', '1.13')).toBe(false);
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('A1:B2').getMergedAreasOrNullObject().load('address');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ApiNotFound' });
});

test('conditional formats: add goes on top, items load through customOrNullObject, delete', async () => {
  const wb = setup();
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('S');
    const bar = ws.getRange('B2:B3').conditionalFormats.add('DataBar');
    bar.dataBar.lowerBoundRule = { type: 'LowestValue' };
    const cf = ws.getRanges('A1,C3:C4').conditionalFormats.add('Custom');
    cf.custom.rule.formula = '=TRUE';
    cf.custom.format.fill.color = '#FFC7CE';
    await ctx.sync();
    const all = ws.getRange().conditionalFormats;
    all.load('items/type,items/customOrNullObject/rule/formula');
    await ctx.sync();
    expect(all.items.map((x) => x.type)).toEqual(['Custom', 'DataBar']);
    expect(all.items[0].customOrNullObject.rule.formula).toBe('=TRUE');
    expect(all.items[1].customOrNullObject.isNullObject).toBe(true);
    all.items[0].delete();
    await ctx.sync();
  });
  expect(wb.sheets[0].conditionalFormats.map((c) => c.type)).toEqual(['DataBar']);
});

test('settings store JSON; getItemOrNullObject is a null object when missing', async () => {
  const wb = setup();
  await Excel.run(async (ctx) => {
    const missing = ctx.workbook.settings.getItemOrNullObject('k');
    missing.load('value');
    ctx.workbook.settings.add('k', { a: 1 });
    const found = ctx.workbook.settings.getItemOrNullObject('k');
    found.load('value');
    await ctx.sync();
    expect(missing.isNullObject).toBe(true);
    expect(found.isNullObject).toBe(false);
    expect(found.value).toEqual({ a: 1 });
  });
  expect(wb.settings.get('k')).toEqual({ a: 1 });
});

test('worksheets: add refuses a duplicate name, delete, getItemOrNullObject, rename', async () => {
  const wb = setup();
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.add('s');
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'ItemAlreadyExists' });
  await Excel.run(async (ctx) => {
    const t = ctx.workbook.worksheets.add('T');
    t.name = 'U';
    const none = ctx.workbook.worksheets.getItemOrNullObject('nope');
    await ctx.sync();
    expect(none.isNullObject).toBe(true);
    ctx.workbook.worksheets.getItem('U').delete();
    await ctx.sync();
  });
  expect(wb.sheets.map((s) => s.name)).toEqual(['S']);
});

test('merges: writing a value into a merged non-anchor cell is refused; freeze panes and widths', async () => {
  const wb = setup();
  await Excel.run(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem('S');
    ws.getRange('D1:F1').merge(false);
    ws.freezePanes.freezeRows(2);
    ws.getRange('D:D').format.columnWidth = 60;
    await ctx.sync();
  });
  expect(wb.sheets[0].merges).toEqual([{ top: 1, left: 4, bottom: 1, right: 6 }]);
  expect(wb.sheets[0].freeze).toEqual({ rows: 2, columns: 0 });
  expect(wb.sheets[0].columnWidths.get(4)).toBe(60);
  await expect(
    Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('S').getRange('E1').values = [['x']];
      await ctx.sync();
    }),
  ).rejects.toMatchObject({ code: 'InvalidArgument' });
});

test('the workbook as JSON and back (for a browser page): the same workbook, sharing nothing', async () => {
  const wb = await loadFake(GAPS);
  wb.settings.set('k', { a: [1, 'x'] });
  wb.selection = { sheet: wb.sheets[0].name, address: 'B3' };
  wb.sheets[0].conditionalFormats.push({
    id: 'cf',
    type: 'DataBar',
    areas: [{ top: 1, left: 1, bottom: 2, right: 2 }],
    dataBar: { fillColor: '#123456' },
  });
  const json = JSON.parse(JSON.stringify(workbookToJson(wb))) as FakeWorkbookJson;
  const back = workbookFromJson(json);
  expect(back).toEqual(wb);
  expect(dumpWorkbook(back)).toEqual(dumpWorkbook(wb));
  back.sheets[0].cells.clear();
  back.stats.syncs = 99;
  expect(wb.sheets[0].cells.size).toBeGreaterThan(0);
  expect(wb.stats.syncs).toBe(0);
  expect(workbookFromJson(json)).toEqual(wb);
});
