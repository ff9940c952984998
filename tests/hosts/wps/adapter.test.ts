// WPS-specific behaviour of the adapter over the fake ET object model: reading (quirks, call counts,
// same result as the file host), the all-or-nothing write with flags restored in `finally`, the hidden
// state sheet, settings fallback and the summary sheet's content.

import * as path from 'path';
import ExcelJS from 'exceljs';
import { createWpsHost, withQuietApp } from '../../../src/hosts/wps';
import { STATE_SHEET, STATE_MARK } from '../../../src/hosts/wps/state';
import { evaluateWorkbook } from '../../../src/core/evaluate';
import { snapshotWorkbook } from '../../../src/hosts/file/xlsx';
import { runEvaluation, clearMarks } from '../../../src/app/session';
import { OWNER_MARK, SUMMARY_LOOK, planHighlights, planWrites } from '../../../src/core/plan';
import { narrativeLines } from '../../../src/narrative';
import { bgr } from '../../../src/hosts/wps/et';
import { isJixiaoError } from '../../../src/core/errors';
import { FakeApplication, FakeBook, emptyCell, key, newBook, newSheet } from '../../fakes/wps';
import { buildWpsFixture, loadBook, sheetData } from './fixture';

const INITIAL_FLAGS = { ScreenUpdating: true, EnableEvents: true, DisplayAlerts: true, Calculation: -4105 };

function clone<T>(x: T): T {
  return JSON.parse(JSON.stringify(x)) as T;
}

async function rejection(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (e) {
    return e as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

function bookWith(cells: [string, Partial<ReturnType<typeof emptyCell>>][], setup?: (b: FakeBook) => void): FakeApplication {
  const b = newBook('测试.xlsx', ['表1']);
  for (const [addr, c] of cells) {
    const m = /^([A-Z]+)(\d+)$/.exec(addr)!;
    let col = 0;
    for (const ch of m[1]) col = col * 26 + ch.charCodeAt(0) - 64;
    b.sheets[0].cells[key(Number(m[2]), col)] = { ...emptyCell(), ...c };
  }
  if (setup) setup(b);
  return new FakeApplication(b);
}

describe('reading', () => {
  test.each(['shenze-2020', 'gaps-sample'])('%s reads to the same evaluation as the file host', async (sample) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(__dirname, '../../../examples', `${sample}.xlsx`));
    const fromFile = evaluateWorkbook(snapshotWorkbook(wb, sample), { file: sample });
    const app = new FakeApplication(await loadBook(sample as 'gaps-sample'));
    const snap = await createWpsHost(app).readSnapshot('workbook');
    const fromWps = evaluateWorkbook(snap, { file: sample });
    expect(fromWps).toEqual(fromFile);
    // Merges found are the file's merges.
    for (const s of snap.sheets) {
      const ws = wb.getWorksheet(s.name)!;
      const merges = Object.values(
        (ws as unknown as { _merges: Record<string, { top: number; left: number; bottom: number; right: number }> })._merges,
      ).map((m) => ({ top: m.top, left: m.left, bottom: m.bottom, right: m.right }));
      const order = (a: { top: number; left: number }, b: { top: number; left: number }) => a.top - b.top || a.left - b.left;
      expect(s.merges.slice().sort(order)).toEqual(merges.sort(order));
    }
  });

  test('reads sparingly: merges by bisection, formats and display text only where numbers are', async () => {
    const app = new FakeApplication(await loadBook('gaps-sample'));
    app.book!.data.active = 0;
    const snap = await createWpsHost(app).readSnapshot('active');
    const s = snap.sheets[0];
    const usedCells = s.rows.length * s.rows.reduce((n, r) => Math.max(n, r.length), 0);
    const formatted = s.rows.reduce((n, r) => n + r.filter((c) => c && c.f).length, 0);
    // One bulk read, plus A1 to tell whether the sheet is one of ours.
    expect(app.count('Range.Value2.get')).toBe(2);
    expect(app.count('Range.MergeArea')).toBe(s.merges.length);
    expect(app.count('Range.MergeCells')).toBeLessThan(usedCells / 2);
    expect(app.count('Range.Text')).toBe(formatted);
    expect(app.count('Range.NumberFormat.get')).toBeLessThan(formatted + 20);
  });

  test('one cell: Value2 is a scalar', async () => {
    const app = bookWith([['C4', { v: '只有一格' }]]);
    const snap = await createWpsHost(app).readSnapshot('active');
    expect(snap.sheets[0]).toMatchObject({ top: 4, left: 3, rows: [[{ v: '只有一格', t: '只有一格' }]], merges: [] });
  });

  test('an empty sheet reads as no rows', async () => {
    const snap = await createWpsHost(bookWith([])).readSnapshot('active');
    expect(snap.sheets[0].rows).toEqual([]);
  });

  test('mixed formats in a column, percent and date formats, "###" display falls back to the format', async () => {
    const app = bookWith(
      [
        ['B2', { v: 0.95, fmt: '0.00%' }],
        ['B3', { v: 12345.678, fmt: '#,##0.00' }],
        ['B4', { v: 44377, fmt: 'yyyy"年"m"月"d"日"' }],
        ['B5', { v: 7 }],
        ['B6', { v: 8, fmt: '@' }],
        ['C2', { v: true }],
        ['C3', { v: -2146826281 }],
      ],
      (b) => (b.sheets[0].colWidths['2'] = 6),
    );
    const snap = await createWpsHost(app).readSnapshot('active');
    const rows = snap.sheets[0].rows;
    expect(rows[0][0]).toEqual({ v: 0.95, t: '95.00%', f: '0.00%' });
    // The column is too narrow: WPS shows "######"; the text is computed from the format instead.
    expect(rows[1][0]).toEqual({ v: 12345.678, t: '12,345.68', f: '#,##0.00' });
    expect(rows[2][0]).toMatchObject({ v: 44377, f: 'yyyy"年"m"月"d"日"' });
    expect(rows[3][0]).toEqual({ v: 7, t: '7' });
    expect(rows[4][0]).toMatchObject({ v: 8, f: '@' });
    expect(rows[0][1]).toEqual({ v: true, t: 'TRUE' });
    expect(rows[1][1]).toEqual({ v: '#DIV/0!', t: '#DIV/0!' });
  });

  test('merged cells: only the anchor holds the value', async () => {
    const app = bookWith(
      [
        ['A1', { v: '标题' }],
        ['A3', { v: 1 }],
      ],
      (b) => b.sheets[0].merges.push({ top: 1, left: 1, bottom: 2, right: 3 }),
    );
    const snap = await createWpsHost(app).readSnapshot('active');
    expect(snap.sheets[0].merges).toEqual([{ top: 1, left: 1, bottom: 2, right: 3 }]);
    expect(snap.sheets[0].rows[0][1]).toBeUndefined();
  });

  test('the workbook scope skips our sheets; the active scope refuses our summary', async () => {
    const f = await buildWpsFixture('gaps-sample');
    f.activate(f.sheetNames()[0]);
    await runEvaluation(f.host, { scope: 'active' });
    const snap = await f.host.readSnapshot('workbook');
    expect(snap.sheets.map((s) => s.name)).not.toContain('评价结果');
    expect(snap.sheets.map((s) => s.name)).not.toContain(STATE_SHEET);
    f.activate('评价结果');
    const e = await rejection(f.host.readSnapshot('active'));
    expect(e.message).toMatch(/评价结果/);
  });

  test('no workbook open, not a worksheet, no Application: clear Chinese errors', async () => {
    const host = createWpsHost(new FakeApplication(null));
    for (const p of [
      host.readSnapshot('active'),
      host.apply({ highlights: [], summary: { name: '评价结果', rows: [], merges: [], widths: [], freezeRows: 0, bars: [] }, sheets: [] }),
      host.clearMarks(),
      host.documentName(),
    ]) {
      const e = await rejection(p);
      expect(isJixiaoError(e)).toBe(true);
      expect(e.message).toMatch(/没有打开的工作簿/);
    }
    const chart = { ActiveWorkbook: new FakeApplication(newBook()).ActiveWorkbook, ActiveSheet: { Name: '图表1' } };
    expect((await rejection(createWpsHost(chart).readSnapshot('active'))).message).toMatch(/不是工作表/);
    expect(() => createWpsHost(undefined)).toThrow(/WPS/);
  });
});

describe('writing', () => {
  test('flags are switched off while writing and restored afterwards; no dialog ever pops up', async () => {
    const f = await buildWpsFixture('gaps-sample');
    f.activate(f.sheetNames()[0]);
    await runEvaluation(f.host, { scope: 'active' });
    await runEvaluation(f.host, { scope: 'active' });
    await clearMarks(f.host);
    expect(f.app.currentFlags()).toEqual(INITIAL_FLAGS);
    expect(f.app.flagLog).toContainEqual({ flag: 'ScreenUpdating', value: false });
    expect(f.app.flagLog).toContainEqual({ flag: 'EnableEvents', value: false });
    expect(f.app.flagLog).toContainEqual({ flag: 'Calculation', value: -4135 });
    expect(f.app.prompts).toEqual([]);
  });

  test('withQuietApp restores the flags even when the work throws, and when a flag cannot be set', () => {
    const app = new FakeApplication(newBook());
    app.ScreenUpdating = true;
    expect(() =>
      withQuietApp(app, () => {
        expect(app.ScreenUpdating).toBe(false);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(app.currentFlags()).toEqual(INITIAL_FLAGS);
    const empty = new FakeApplication(null); // Calculation throws without a workbook
    expect(withQuietApp(empty, () => 42)).toBe(42);
    expect(empty.currentFlags()).toEqual(INITIAL_FLAGS);
  });

  test.each([
    ['adding a mark rule', 'FormatConditions.Add'],
    ['a mark rule colour', 'FormatCondition.Interior.Color.set'],
    ['removing the previous marks', 'FormatCondition.Delete'],
    ['a merge', 'Range.Merge'],
    ['a fill (summary styles, restoring old marks, new marks)', 'Range.Interior'],
    ['a value write (summary, hidden state)', 'Range.Value2.set'],
    ['a rename', 'Worksheet.Name.set'],
    ['adding a sheet', 'Sheets.Add'],
    ['deleting the old summary', 'Worksheet.Delete'],
  ])('a failure at %s — first, middle or last call — undoes everything and restores the flags', async (_what, op) => {
    for (const rerun of [false, true]) {
      // Dry run: how many calls of that kind does this evaluation make?
      const dry = await buildWpsFixture('gaps-sample');
      dry.activate(dry.sheetNames()[0]);
      if (rerun) await runEvaluation(dry.host, { scope: 'active' });
      dry.app.stats = {};
      await runEvaluation(dry.host, { scope: 'active' });
      const total = dry.app.stats[op] ?? 0;
      if (!total) continue; // e.g. nothing to delete on a first run
      for (const nth of Array.from(new Set([1, Math.ceil(total / 2), total]))) {
        const f = await buildWpsFixture('gaps-sample');
        f.activate(f.sheetNames()[0]);
        if (rerun) await runEvaluation(f.host, { scope: 'active' });
        const before = clone(f.app.book!.data);
        let calls = 0;
        f.app.failOn = (name) => name === op && ++calls === nth;
        const e = await rejection(runEvaluation(f.host, { scope: 'active' }));
        expect(isJixiaoError(e)).toBe(true);
        expect(e.code).toBe('write-failed');
        expect(e.message).toMatch(/已撤销/);
        expect(f.app.currentFlags()).toEqual(INITIAL_FLAGS);
        f.app.failOn = null;
        expect(f.app.book!.data).toEqual(before);
      }
    }
  });

  test('a failure while clearing marks undoes the clearing and restores the flags', async () => {
    const f = await buildWpsFixture('gaps-sample');
    f.activate(f.sheetNames()[0]);
    const out = await runEvaluation(f.host, { scope: 'active' });
    expect(out.applied.highlighted).toBeGreaterThan(4);
    const before = clone(f.app.book!.data);
    const rules = sheetData(f.app, f.sheetNames()[0]).rules.length;
    expect(rules).toBeGreaterThan(1);
    for (const [op, nth] of [
      ['FormatCondition.Delete', 1],
      ['FormatCondition.Delete', rules],
    ] as const) {
      let calls = 0;
      f.app.failOn = (name) => name === op && ++calls === nth;
      const e = await rejection(clearMarks(f.host));
      expect(e.message).toMatch(/已撤销/);
      f.app.failOn = null;
      expect(f.app.currentFlags()).toEqual(INITIAL_FLAGS);
      expect(f.app.book!.data).toEqual(before);
    }
  });

  test('an error WPS raises before the first write comes back in Chinese, nothing written', async () => {
    const f = await buildWpsFixture('gaps-sample');
    f.activate(f.sheetNames()[0]);
    const plan = await (async () => {
      const { planWrites } = await import('../../../src/core/plan');
      const snap = await f.host.readSnapshot('active');
      return planWrites(evaluateWorkbook(snap, { file: 'x' }));
    })();
    const before = clone(f.app.book!.data);
    f.app.failOn = (op) => op === 'Worksheet.ProtectContents';
    const e = await rejection(f.host.apply(plan));
    expect(e).toMatchObject({ code: 'write-failed' });
    expect(e.message).toMatch(/工作簿未作修改/);
    f.app.failOn = null;
    expect(f.app.book!.data).toEqual(before);
    expect(f.app.currentFlags()).toEqual(INITIAL_FLAGS);
  });

  test('a protected workbook structure: refused before anything is written', async () => {
    const f = await buildWpsFixture('shenze-2020');
    f.app.book!.data.protectStructure = true;
    const before = clone(f.app.book!.data);
    const e = await rejection(runEvaluation(f.host, { scope: 'active' }));
    expect(e.message).toMatch(/工作簿结构受保护/);
    expect(f.app.book!.data).toEqual(before);
    expect(f.app.stats['Range.Value2.set'] ?? 0).toBe(0);
  });

  test('a protected sheet that allows formatting still gets its marks', async () => {
    const f = await buildWpsFixture('gaps-sample');
    const sheet = f.sheetNames()[0];
    sheetData(f.app, sheet).protect = { allowFormattingCells: true };
    f.activate(sheet);
    const out = await runEvaluation(f.host, { scope: 'active' });
    expect(out.applied.highlighted).toBeGreaterThan(0);
    expect((await clearMarks(f.host)).cleared).toBe(out.applied.highlighted);
  });

  test('a cell the user re-coloured while marked shows their colour after 清除标记 (marks never touch fills)', async () => {
    const f = await buildWpsFixture('gaps-sample');
    const sheet = f.sheetNames()[0];
    f.activate(sheet);
    const out = await runEvaluation(f.host, { scope: 'active' });
    const [h] = planHighlights(out.result);
    f.setFill(sheet, h.cell, '00FF00');
    expect(f.cell(sheet, h.cell).fill).not.toBe('00FF00'); // the mark paints over it
    const r = await clearMarks(f.host);
    expect(r.cleared).toBe(out.applied.highlighted);
    expect(f.cell(sheet, h.cell).fill).toBe('00FF00');
  });

  test('marks are conditional-format rules carrying the marker, one per severity; no state sheet unless settings are saved', async () => {
    const f = await buildWpsFixture('gaps-sample');
    const sheet = f.sheetNames()[0];
    f.activate(sheet);
    const before = clone(sheetData(f.app, sheet));
    const out = await runEvaluation(f.host, { scope: 'active' });
    const data = sheetData(f.app, sheet);
    // The cells themselves are untouched: same values, same fills.
    expect(data.cells).toEqual(before.cells);
    const severities = new Set(planHighlights(out.result).map((h) => h.severity));
    expect(data.rules.map((r) => r.formula).sort()).toEqual([...severities].map((s) => `=ISTEXT("jixiao-mark:${s}")`).sort());
    expect(f.app.book!.data.sheets.map((s) => s.name)).not.toContain(STATE_SHEET);
    expect(f.activeSheet()).toBe(sheet);
    await clearMarks(f.host);
    expect(sheetData(f.app, sheet)).toEqual(before);
    // Settings live in a very hidden state sheet: text formatted as text, under the owner mark.
    await f.host.saveSettings({ profile: 'national', standards: null, department: '卫健局', year: '2021' });
    const state = sheetData(f.app, STATE_SHEET);
    expect(state.visible).toBe(2);
    expect(state.cells[key(1, 1)].v).toBe(STATE_MARK);
    expect(String(state.cells[key(1, 1)].v).startsWith(OWNER_MARK)).toBe(true);
    for (const c of Object.values(state.cells)) expect(c.fmt).toBe('@');
    await runEvaluation(f.host, { scope: 'active' });
    await clearMarks(f.host);
    expect(f.app.book!.data.sheets.map((s) => s.name)).toContain(STATE_SHEET);
    expect((await f.host.loadSettings()).department).toBe('卫健局');
  });

  test('清除标记 works with the workbook structure protected', async () => {
    const f = await buildWpsFixture('gaps-sample');
    f.activate(f.sheetNames()[0]);
    const before = clone(f.app.book!.data.sheets[0]);
    const out = await runEvaluation(f.host, { scope: 'active' });
    f.app.book!.data.protectStructure = true;
    expect((await clearMarks(f.host)).cleared).toBe(out.applied.highlighted);
    expect(f.app.book!.data.sheets[0]).toEqual(before);
  });

  test('legacy marks (fills saved in the state sheet by earlier versions) are still put back', async () => {
    const f = await buildWpsFixture('gaps-sample');
    const sheet = f.sheetNames()[0];
    const before = clone(sheetData(f.app, sheet));
    // What an earlier version left: B3 filled red, its previous (no) fill kept in the state sheet.
    const c = sheetData(f.app, sheet).cells[key(3, 2)] ?? emptyCell();
    sheetData(f.app, sheet).cells[key(3, 2)] = { ...c, pattern: 1, color: bgr('FFC7CE') };
    const { writeState } = await import('../../../src/hosts/wps/state');
    writeState(f.app.ActiveWorkbook!, {
      marks: [{ sheet, cell: 'B3', prev: { pattern: -4142, color: 0xffffff }, applied: bgr('FFC7CE') }],
      settings: null,
    });
    expect((await clearMarks(f.host)).cleared).toBe(1);
    expect(sheetData(f.app, sheet)).toEqual(before);
    expect(f.app.book!.data.sheets.map((s) => s.name)).not.toContain(STATE_SHEET);
  });

  test('marks travel with a sheet renamed since, and clear under its new name', async () => {
    const f = await buildWpsFixture('gaps-sample');
    const [a] = f.sheetNames();
    f.activate(a);
    const before = clone(sheetData(f.app, a));
    const out = await runEvaluation(f.host, { scope: 'active' });
    sheetData(f.app, a).name = '改了名';
    expect((await clearMarks(f.host)).cleared).toBe(out.applied.highlighted);
    expect(sheetData(f.app, '改了名')).toEqual({ ...before, name: '改了名' });
  });

  test('a build that refuses "very hidden" gets a hidden state sheet instead', async () => {
    const f = await buildWpsFixture('gaps-sample');
    let n = 0;
    f.app.failOn = (op) => op === 'Worksheet.Visible.set' && ++n === 1;
    await f.host.saveSettings({ profile: 'national', standards: null, department: '', year: '2021' });
    expect(sheetData(f.app, STATE_SHEET).visible).toBe(0);
    expect(f.sheetNames()).not.toContain(STATE_SHEET);
  });

  test('settings fall back to PluginStorage when the document cannot hold them', async () => {
    const app = new FakeApplication(newBook());
    app.book!.data.protectStructure = true;
    const host = createWpsHost(app);
    const s = { profile: 'national', standards: null, department: '财政局', year: '2022' };
    await host.saveSettings(s);
    expect(JSON.parse(app.PluginStorage.getItem('jixiao.settings'))).toEqual(s);
    expect(await host.loadSettings()).toEqual(s);
    expect(app.book!.data.sheets).toHaveLength(1);
    // Defaults when nothing is stored anywhere.
    expect(await createWpsHost(new FakeApplication(newBook())).loadSettings()).toEqual({
      profile: 'national',
      standards: null,
      department: '',
      year: '',
    });
  });

  test('the summary: numbers as numbers, links to the source cells, frozen title rows, widths, merges, bars', async () => {
    const f = await buildWpsFixture('gaps-sample');
    const sheet = f.sheetNames()[0];
    f.activate(sheet);
    const out = await runEvaluation(f.host, { scope: 'active' });
    const s = sheetData(f.app, '评价结果');
    expect(s.view).toMatchObject({ freeze: true, splitRow: 2, splitColumn: 0 });
    expect(s.colWidths['4']).toBe(26);
    expect(s.merges.length).toBeGreaterThan(3);
    expect(s.dataBars.length).toBeGreaterThan(0);
    expect(s.dataBars[0]).toMatchObject({ min: [0, 0], max: [0, 1], color: 0xd59b5b });
    // Links are =HYPERLINK formulas written with the values (General cells, so they stay formulas).
    const links = Object.values(s.cells).filter((c) => c.hyperlink);
    expect(links.length).toBeGreaterThan(10);
    for (const c of links) {
      expect(c.hyperlink).toMatch(/^#'.+'!\$?[A-Z]+\$?\d+$/);
      expect(c.fmt).toBe('General');
    }
    expect(s.links).toEqual([]);
    const numbers = Object.values(s.cells).filter((c) => typeof c.v === 'number');
    expect(numbers.length).toBeGreaterThan(10);
    for (const c of numbers) expect(c.fmt === 'General' || c.fmt === '0%').toBe(true);
    for (const c of Object.values(s.cells)) if (typeof c.v === 'string' && !c.hyperlink) expect(c.fmt).toBe('@');
    // Header cells: bold on a grey fill (BGR of EDEDED is EDEDED).
    const header = Object.values(s.cells).find((c) => c.v === '三级指标')!;
    expect(header).toMatchObject({ bold: true, pattern: 1, color: 0xededed });
    // Every styled cell of the plan has its look's weight, size and fill (styles go on in merged areas).
    let styled = 0;
    planWrites(out.result, { narrative: narrativeLines(out.narrative) }).summary.rows.forEach((cells, i) =>
      cells.forEach((sc, j) => {
        if (!sc?.style) return;
        const look = SUMMARY_LOOK[sc.style];
        const c = s.cells[key(i + 1, j + 1)] ?? emptyCell();
        expect([i + 1, j + 1, sc.style, Boolean(c.bold), c.size ?? null, look.fill ? c.color : null]).toEqual([
          i + 1,
          j + 1,
          sc.style,
          Boolean(look.bold),
          look.size ?? null,
          look.fill ? bgr(look.fill) : null,
        ]);
        styled++;
      }),
    );
    expect(styled).toBeGreaterThan(100);
    // The user stays on their sheet.
    expect(f.activeSheet()).toBe(sheet);
  });

  test('evaluating a second sheet replaces the summary and keeps the first sheet marked', async () => {
    const f = await buildWpsFixture('gaps-sample');
    const [a, b] = f.sheetNames();
    f.activate(a);
    const first = await runEvaluation(f.host, { scope: 'active' });
    f.activate(b);
    const second = await runEvaluation(f.host, { scope: 'active' });
    // Marks of sheet a were restored before sheet b's were applied: one evaluation's marks at a time.
    for (const h of planHighlights(first.result)) expect(f.cell(a, h.cell).fill).toBeNull();
    for (const h of planHighlights(second.result)) expect(f.cell(b, h.cell).fill).not.toBeNull();
    expect(f.sheetNames().filter((n) => n.startsWith('评价结果'))).toEqual(['评价结果']);
  });

  test('sheet names with spaces and apostrophes link and select correctly', async () => {
    const app = new FakeApplication(await loadBook('shenze-2020'));
    const data = app.book!.data;
    data.sheets[0].name = "学前 教育's表";
    const host = createWpsHost(app);
    await runEvaluation(host, { scope: 'active' });
    const links = Object.values(sheetData(app, '评价结果').cells).filter((c) => c.hyperlink);
    expect(links[0].hyperlink!.startsWith("#'学前 教育''s表'!")).toBe(true);
    await host.selectCell("学前 教育's表", 'D14');
    expect(data.sheets[data.active].view.selection).toBe('D14');
  });

  test('a hidden target sheet cannot be selected: a clear message', async () => {
    const app = new FakeApplication(newBook('a.xlsx', ['表1', '表2']));
    app.book!.data.sheets[1].visible = 0;
    const e = await rejection(createWpsHost(app).selectCell('表2', 'A1'));
    expect(e.message).toMatch(/已隐藏/);
  });

  test('documentName is the workbook name', async () => {
    const app = new FakeApplication({ ...newBook('绩效自评表.et'), sheets: [newSheet('表1')] });
    expect(await createWpsHost(app).documentName()).toBe('绩效自评表.et');
  });
});
