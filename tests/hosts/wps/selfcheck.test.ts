// 检查环境 on the fake WPS 表格: every capability passes, the workbook afterwards is the one before
// (sheets, cells, formats, rules, links, views, the active sheet, the hidden state sheet, PluginStorage,
// the application flags), no dialog is raised, and a failing member anywhere is a failed item with a
// Chinese detail while the workbook is still left as it was (or the report says what is left).

import { createWpsHost } from '../../../src/hosts/wps';
import { SETTINGS_KEY } from '../../../src/hosts/wps';
import { STATE_SHEET } from '../../../src/hosts/wps/state';
import { wpsVersion } from '../../../src/hosts/wps/selfcheck';
import { runEvaluation } from '../../../src/app/session';
import { SELF_CHECK_KEYS } from '../../../src/app/selfcheck';
import { SelfCheckReport } from '../../../src/hosts/host';
import { FakeApplication, newBook } from '../../fakes/wps';
import { loadBook } from './fixture';

/** Everything the workbook and the add-in's storage hold, and the application flags. */
function state(app: FakeApplication): string {
  return JSON.stringify({ book: app.book?.data ?? null, storage: [...app.PluginStorage.items], flags: app.currentFlags() });
}

async function evaluatedApp(): Promise<FakeApplication> {
  const app = new FakeApplication(await loadBook('shenze-2020'));
  const host = createWpsHost(app);
  await host.saveSettings({ profile: 'national', standards: null, department: '某县教育局', year: '2020', opening: '按要求组织自评。' });
  await runEvaluation(host);
  app.prompts.length = 0;
  return app;
}

function failed(r: SelfCheckReport): string[] {
  return r.items.filter((i) => !i.ok).map((i) => i.key);
}

function expectReadable(detail: string): void {
  expect(detail).toMatch(/[\u4e00-\u9fff]/);
  expect(detail).not.toMatch(/\n|\bat \S+ \(|\.ts:\d+/);
}

describe('检查环境 on the fake WPS 表格', () => {
  test('every capability passes; the workbook, storage and flags are as before; no dialog', async () => {
    const app = await evaluatedApp();
    // The user is on the second sheet (our summary), not the one the temporary sheet is added after.
    app.book!.data.active = 1;
    const before = state(app);
    expect(app.book!.data.sheets.some((s) => s.name === STATE_SHEET)).toBe(true);

    const report = await createWpsHost(app).selfCheck!();

    expect(report.items.map((i) => i.key)).toEqual(SELF_CHECK_KEYS);
    expect(failed(report)).toEqual([]);
    for (const i of report.items) expectReadable(i.detail);
    expect(report.note).toBeUndefined();
    expect(report.host).toBe('WPS 表格');
    expect(report.version).toBe('12.1.0.fake · Build 20000 · Fake OS');
    expect(state(app)).toBe(before);
    expect(app.prompts).toEqual([]);
    // The capabilities were really used: a sheet added and deleted, a rule added and deleted, a formula read.
    expect(app.stats['Sheets.Add']).toBeGreaterThan(0);
    expect(app.stats['Worksheet.Delete']).toBeGreaterThan(0);
    expect(app.stats['FormatConditions.Add']).toBe(1);
    expect(app.stats['FormatCondition.Delete']).toBe(1);
    expect(app.stats['Range.Formula.get']).toBe(1);
  });

  test('a workbook without saved settings: the state sheet the save made is gone again', async () => {
    const app = new FakeApplication(await loadBook('shenze-2020'));
    const before = state(app);
    const report = await createWpsHost(app).selfCheck!();
    expect(failed(report)).toEqual([]);
    expect(app.book!.data.sheets.some((s) => s.name === STATE_SHEET)).toBe(false);
    expect(state(app)).toBe(before);
  });

  test('state sheet cells written by an older version are put back exactly', async () => {
    const app = await evaluatedApp();
    const sheet = app.book!.data.sheets.find((s) => s.name === STATE_SHEET)!;
    // Settings without the fields this version adds: the save changes the cell, the clean-up puts it back.
    const row = Object.entries(sheet.cells).find(([, c]) => typeof c.v === 'string' && c.v.startsWith('j{"profile"'))!;
    row[1].v = 'j{"profile":"national","department":"老版本"}';
    const before = state(app);
    const report = await createWpsHost(app).selfCheck!();
    expect(failed(report)).toEqual([]);
    expect(state(app)).toBe(before);
  });

  test('FormatConditions.Add failing: 标记 ✗ with the error in Chinese, 清除标记 not checked, the rest pass, unchanged', async () => {
    const app = await evaluatedApp();
    const before = state(app);
    app.failOn = (op) => op === 'FormatConditions.Add';
    const report = await createWpsHost(app).selfCheck!();
    app.failOn = null;
    expect(failed(report)).toEqual(['marks', 'clear']);
    const marks = report.items.find((i) => i.key === 'marks')!;
    expect(marks.detail).toBe('WPS 表格报错：（模拟故障）FormatConditions.Add 失败');
    expect(report.items.find((i) => i.key === 'clear')!.detail).toMatch(/未能检查/);
    expect(state(app)).toBe(before);
    expect(app.prompts).toEqual([]);
  });

  test('a protected workbook structure: 写入 says why, settings go to PluginStorage and come back out', async () => {
    const app = new FakeApplication(await loadBook('shenze-2020'));
    app.book!.data.protectStructure = true;
    const before = state(app);
    const report = await createWpsHost(app).selfCheck!();
    expect(failed(report)).toEqual(['read', 'write', 'marks', 'links', 'clear']);
    expect(report.items.find((i) => i.key === 'write')!.detail).toMatch(/^WPS 表格报错：工作簿结构受保护/);
    expect(report.items.find((i) => i.key === 'settings')!.ok).toBe(true);
    expect(app.PluginStorage.items.has(SETTINGS_KEY)).toBe(false);
    expect(state(app)).toBe(before);
  });

  test('each member failing once, in turn: the report comes back, readable; the workbook is as before or the note says what is left', async () => {
    // Which members the check uses, from a clean run.
    const probe = await evaluatedApp();
    probe.stats = {};
    await createWpsHost(probe).selfCheck!();
    const ops = Object.keys(probe.stats).sort();
    expect(ops.length).toBeGreaterThan(15);

    const base = await evaluatedApp();
    const before = state(base);
    const left: string[] = [];
    for (const op of ops) {
      const app = await evaluatedApp();
      let fired = false;
      app.failOn = (o) => o === op && !fired && (fired = true);
      const report = await createWpsHost(app).selfCheck!();
      app.failOn = null;
      expect(report.items).toHaveLength(6);
      for (const i of report.items) expectReadable(i.detail);
      if (state(app) !== before) {
        expect(report.note).toBeTruthy();
        left.push(op);
      }
      // Alerts stay on only when turning them off failed: then WPS asks before deleting the sheet.
      if (op !== 'Application.DisplayAlerts') expect(app.prompts).toEqual([]);
    }
    // Only failing to delete the temporary sheet or to go back to the user's sheet can leave a trace,
    // and the report says so.
    expect(left.every((op) => op === 'Worksheet.Delete' || op === 'Worksheet.Activate')).toBe(true);
  });

  test('no workbook open: every item says so', async () => {
    const app = new FakeApplication(null);
    const report = await createWpsHost(app).selfCheck!();
    expect(failed(report)).toEqual([...SELF_CHECK_KEYS]);
    for (const i of report.items) expect(i.detail).toMatch(/^未能检查：没有打开的工作簿/);
  });

  test('a fresh one-sheet book works too', async () => {
    const app = new FakeApplication(newBook('新建.xlsx', ['Sheet1']));
    const before = state(app);
    const report = await createWpsHost(app).selfCheck!();
    expect(failed(report)).toEqual([]);
    expect(state(app)).toBe(before);
  });
});

describe('the version line', () => {
  test('Version, Build and OperatingSystem where the build has them', () => {
    const app = new FakeApplication(null);
    expect(wpsVersion(app)).toBe('12.1.0.fake · Build 20000 · Fake OS');
    app.Version = '12.1.0.20000';
    expect(wpsVersion(app)).toBe('12.1.0.20000 · Fake OS');
    delete app.Version;
    Object.defineProperty(app, 'Build', {
      get() {
        throw new Error('not on this build');
      },
    });
    expect(wpsVersion(app)).toBe('版本号未知 · Fake OS');
    delete app.OperatingSystem;
    expect(wpsVersion(app)).toBe('版本号未知');
  });
});
