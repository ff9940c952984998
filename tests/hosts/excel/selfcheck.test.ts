/// <reference types="office-js" />
// 检查环境 on the fake Excel API: every capability passes, the workbook afterwards is the one before
// (sheets, cells, formats, conditional formats, active sheet, selection, settings), a failing round
// trip anywhere is a failed item with a Chinese detail and still leaves the workbook as it was.

import { ExcelHost, officeEnv } from '../../../src/hosts/excel';
import type { ExcelEnv } from '../../../src/hosts/excel/host';
import { SETTINGS_KEY } from '../../../src/hosts/excel/host';
import { excelVersion } from '../../../src/hosts/excel/selfcheck';
import { runEvaluation } from '../../../src/app/session';
import { SELF_CHECK_KEYS } from '../../../src/app/selfcheck';
import { SelfCheckReport } from '../../../src/hosts/host';
import { FakeConditionalFormatCollection, FakeError, FakeWorkbook, dumpWorkbook } from '../../fakes/excel';
import { SHENZE, install, loadFake, uninstall } from './helpers';

afterEach(() => {
  jest.restoreAllMocks();
  uninstall();
});

/** Everything the workbook holds that a user or the add-in could notice. */
function state(wb: FakeWorkbook): unknown {
  return JSON.parse(JSON.stringify({ ...dumpWorkbook(wb), selection: wb.selection, ids: wb.sheets.map((s) => s.id) }));
}

/** The example after a 评价 (our marks, the summary sheet, the owner record) with settings saved. */
async function evaluatedBook(): Promise<FakeWorkbook> {
  const wb = install(await loadFake(SHENZE));
  const host = new ExcelHost(officeEnv());
  await host.saveSettings({ profile: 'national', standards: null, department: '某县教育局', year: '2020', opening: '按要求组织自评。' });
  await runEvaluation(host);
  return wb;
}

function failed(r: SelfCheckReport): string[] {
  return r.items.filter((i) => !i.ok).map((i) => i.key);
}

/** A detail the user can read: Chinese, one line, no stack trace. */
function expectReadable(detail: string): void {
  expect(detail).toMatch(/[\u4e00-\u9fff]/);
  expect(detail).not.toMatch(/\n|\bat \S+ \(|\.ts:\d+/);
}

describe('检查环境 on the fake Excel', () => {
  test('every capability passes, in 8 round trips of one Excel.run; the workbook is as before', async () => {
    const wb = await evaluatedBook();
    // The user is on another sheet than the first.
    wb.activeSheetId = wb.sheets[wb.sheets.length - 1].id;
    const before = state(wb);
    const syncs = wb.stats.syncs;
    const runs = wb.stats.runs;

    const report = await new ExcelHost(officeEnv()).selfCheck();

    expect(report.items.map((i) => i.key)).toEqual(SELF_CHECK_KEYS);
    expect(failed(report)).toEqual([]);
    for (const i of report.items) expectReadable(i.detail);
    expect(report.note).toBeUndefined();
    expect(report.host).toBe('Excel');
    expect(report.version).toBe('版本号未知 · ExcelApi 1.17');
    expect(wb.stats.syncs - syncs).toBe(8);
    expect(wb.stats.runs - runs).toBe(1);
    expect(state(wb)).toEqual(before);
  });

  test('a workbook without saved settings has none afterwards either', async () => {
    const wb = install(await loadFake(SHENZE));
    expect(wb.settings.has(SETTINGS_KEY)).toBe(false);
    const before = state(wb);
    const report = await new ExcelHost(officeEnv()).selfCheck();
    expect(failed(report)).toEqual([]);
    expect(report.items.find((i) => i.key === 'settings')!.detail).toMatch(/已删除/);
    expect(wb.settings.has(SETTINGS_KEY)).toBe(false);
    expect(state(wb)).toEqual(before);
  });

  test('settings saved by an older version (not normalised) are put back exactly', async () => {
    const wb = install(await loadFake(SHENZE));
    const old = JSON.stringify({ profile: 'national', department: '老版本', extra: 1 });
    wb.settings.set(SETTINGS_KEY, old);
    const report = await new ExcelHost(officeEnv()).selfCheck();
    expect(failed(report)).toEqual([]);
    expect(wb.settings.get(SETTINGS_KEY)).toBe(old);
  });

  test('FormatConditions.add failing: 标记 ✗ with a Chinese detail, 清除标记 not checked, the rest pass, workbook unchanged', async () => {
    const wb = await evaluatedBook();
    const before = state(wb);
    const add = FakeConditionalFormatCollection.prototype.add;
    jest.spyOn(FakeConditionalFormatCollection.prototype, 'add').mockImplementation(function (this: FakeConditionalFormatCollection, type) {
      // Fails at sync, as Office.js does: the command is queued, the batch rejects.
      this.context._queue(() => {
        throw new FakeError('GeneralException', 'There was an internal error while processing the request.');
      });
      return add.call(this, type);
    });

    const report = await new ExcelHost(officeEnv()).selfCheck();

    expect(failed(report)).toEqual(['marks', 'clear']);
    const marks = report.items.find((i) => i.key === 'marks')!;
    expect(marks.ok).toBe(false);
    expect(marks.detail).toMatch(/^无法添加问题标记：Excel 返回错误 GeneralException/);
    expectReadable(marks.detail);
    expect(report.items.find((i) => i.key === 'clear')!.detail).toMatch(/未能检查/);
    expect(state(wb)).toEqual(before);
  });

  test.each([
    ['evaluated, with settings', evaluatedBook],
    ['never evaluated, no settings', async () => install(await loadFake(SHENZE))],
  ])('%s: whichever round trip fails (first or last command), the report comes back and the workbook is as before', async (_n, book) => {
    const base = await book();
    const json = JSON.stringify(state(base));
    const outcomes: string[] = [];
    for (let k = 1; k <= 8; k++) {
      for (const op of [0, -1]) {
        const wb = await book();
        expect(JSON.stringify(state(wb))).toBe(json);
        wb.failAt = { sync: wb.stats.syncs + k, op };
        const report = await new ExcelHost(officeEnv()).selfCheck();
        expect(report.items).toHaveLength(6);
        for (const i of report.items) expectReadable(i.detail);
        expect(report.note).toBeUndefined();
        expect(JSON.stringify(state(wb))).toBe(json);
        outcomes.push(`${k}/${op}: ${failed(report).join(',')}`);
      }
    }
    // Round trip 1 only looks: all fail. Each step's own failure fails that step (and what needs it).
    expect(outcomes).toEqual([
      '1/0: read,write,marks,links,settings,clear',
      '1/-1: read,write,marks,links,settings,clear',
      '2/0: read,write,marks,links,clear',
      // The sheet was added and written before the read-back failed: the other steps still run.
      '2/-1: write',
      '3/0: read',
      '3/-1: read',
      '4/0: marks,clear',
      '4/-1: marks,clear',
      '5/0: links',
      '5/-1: links',
      '6/0: clear',
      '6/-1: clear',
      '7/0: settings',
      '7/-1: settings',
      // The clean-up itself failing: it looks again and finishes; every capability worked.
      '8/0: ',
      '8/-1: ',
    ]);
  });

  test('a context that fails from the clean-up on: the clean-up is done again in a fresh Excel.run', async () => {
    const wb = await evaluatedBook();
    const before = state(wb);
    const base = officeEnv();
    let runs = 0;
    /** Every sync of the first Excel.run from its 8th (the clean-up) on fails; `all` breaks later runs too. */
    const broken = (all: boolean): ExcelEnv => ({
      ...base,
      run: (options, batch) =>
        base.run(options, (context) => {
          const first = runs++ === 0;
          const sync = context.sync.bind(context);
          let n = 0;
          context.sync = () =>
            (first && ++n >= 8) || (all && !first) ? Promise.reject(new FakeError('GeneralException', '连接已断开')) : sync();
          return batch(context);
        }),
    });

    const report = await new ExcelHost(broken(false)).selfCheck();
    expect(failed(report)).toEqual([]);
    expect(report.note).toBeUndefined();
    expect(runs).toBe(2);
    expect(state(wb)).toEqual(before);

    runs = 0;
    const stuck = await new ExcelHost(broken(true)).selfCheck();
    expect(stuck.note).toMatch(/^检查后未能完全复原（连接已断开）：请查看工作簿中是否留下了“助手自检1”工作表/);
    expect(wb.sheets.some((s) => s.name === '助手自检1')).toBe(true);
  });

  test('a protected workbook structure: no temporary sheet, 写入 says why, settings still checked, nothing changed', async () => {
    const wb = await evaluatedBook();
    wb.protected = true;
    const before = state(wb);
    const report = await new ExcelHost(officeEnv()).selfCheck();
    expect(failed(report)).toEqual(['read', 'write', 'marks', 'links', 'clear']);
    expect(report.items.find((i) => i.key === 'write')!.detail).toMatch(/受保护/);
    expect(report.items.find((i) => i.key === 'read')!.detail).toMatch(/没有临时工作表/);
    expect(state(wb)).toEqual(before);
  });

  test('Excel unreachable: every item says so, nothing rejects', async () => {
    install(await loadFake(SHENZE));
    const env = { ...officeEnv(), run: () => Promise.reject(new FakeError('GeneralException', 'Excel is busy.')) };
    const report = await new ExcelHost(env).selfCheck();
    expect(failed(report)).toEqual([...SELF_CHECK_KEYS]);
    for (const i of report.items) expect(i.detail).toMatch(/^未能检查：.*GeneralException/);
  });
});

describe('the version line', () => {
  test('Office.context.diagnostics and the highest ExcelApi set supported', async () => {
    const wb = install(await loadFake(SHENZE));
    const office = (globalThis as unknown as { Office: { context: Record<string, unknown> } }).Office;
    office.context.diagnostics = { host: 'Excel', version: '16.0.17928.20114', platform: 'OfficeOnline' };
    expect(excelVersion(officeEnv())).toBe('16.0.17928.20114 · 网页版 · ExcelApi 1.17');
    wb.excelApi = 12;
    expect(excelVersion(officeEnv())).toBe('16.0.17928.20114 · 网页版 · ExcelApi 1.12');
    office.context.diagnostics = { version: '16.0.1', platform: 'Kiosk' };
    wb.excelApi = 8;
    expect(excelVersion(officeEnv())).toBe('16.0.1 · Kiosk · ExcelApi 低于 1.9');
    const throwing = {
      ...officeEnv(),
      diagnostics: () => {
        throw new Error('no');
      },
      supports: () => {
        throw new Error('no');
      },
    };
    expect(excelVersion(throwing)).toBe('版本号未知 · ExcelApi 低于 1.9');
  });
});
