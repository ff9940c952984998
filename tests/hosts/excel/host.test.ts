/// <reference types="office-js" />
// The Excel host against the fake Excel API: 评价 and 清除标记 through src/app/session.ts on the example
// workbooks and a generated 5,000-row sheet; round trips, exact restore, idempotence, injection-safe
// writes, the foreign 评价结果 sheet, failures that leave the workbook as it was.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createExcelHost, ExcelHost, officeEnv } from '../../../src/hosts/excel';
import { UNSUPPORTED_MESSAGE } from '../../../src/hosts/excel/host';
import { runEvaluation, clearMarks } from '../../../src/app/session';
import { evaluateWorkbook } from '../../../src/core/evaluate';
import { planWrites, OWNER_MARK, SEVERITY_FILL } from '../../../src/core/plan';
import { NATIONAL } from '../../../src/core/data/profiles';
import { narrativeLines } from '../../../src/narrative';
import { snapshotWorkbook } from '../../../src/hosts/file/xlsx';
import { isJixiaoError } from '../../../src/core/errors';
import { DEFAULT_SETTINGS } from '../../../src/hosts/host';
import { makeWorkbook } from '../../../bench/run';
import {
  FakeSheet,
  FakeWorkbook,
  cellKey,
  dumpSheet,
  dumpWorkbook,
  ensureCell,
  enterValue,
  fakeWorkbookFromExcelJs,
  findSheet,
  getCell,
  newSheet,
} from '../../fakes/excel';
import { GAPS, SHENZE, expectSummaryMatchesPlan, install, loadFake, readExcelJs, resetStats, uninstall } from './helpers';

afterEach(() => uninstall());

function active(wb: FakeWorkbook): FakeSheet {
  return wb.sheets.find((s) => s.id === wb.activeSheetId)!;
}

/** The user's own formatting on some cells the engine flags, to check it survives 评价 + 清除标记. */
function decorate(sheet: FakeSheet, cells: { row: number; col: number }[]): void {
  for (const { row, col } of cells) {
    const c = ensureCell(sheet, row, col);
    c.fill = '#00B050';
    c.font = { ...c.font, bold: true, color: '#7030A0' };
    c.borders = { EdgeBottom: { style: 'double', color: '#FF0000' } };
  }
}

async function expectJixiao(p: Promise<unknown>, pattern: RegExp): Promise<void> {
  let err: unknown;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  expect(isJixiaoError(err)).toBe(true);
  expect((err as Error).message).toMatch(pattern);
}

describe('评价 on the example workbooks', () => {
  test.each([
    ['shenze-2020.xlsx', SHENZE],
    ['gaps-sample.xlsx', GAPS],
  ])('%s: same result as the file host, ≤ 4 round trips, highlights as our conditional formats', async (_n, file) => {
    const src = await readExcelJs(file);
    const wb = install(fakeWorkbookFromExcelJs(src, { name: path.basename(file) }));
    const sheet = active(wb);
    const before = dumpSheet(sheet);
    const host = await createExcelHost();
    const out = await runEvaluation(host);

    expect(wb.stats.syncs).toBeLessThanOrEqual(5);
    expect(wb.stats.runs).toBe(3);
    // The file host's reading of the same sheet gives the same evaluation.
    const fileSnap = snapshotWorkbook(src, path.basename(file));
    const expected = evaluateWorkbook(
      { name: fileSnap.name, sheets: fileSnap.sheets.filter((s) => s.name === sheet.name) },
      { profile: NATIONAL, file: path.basename(file) },
    );
    const brief = (r: typeof expected) =>
      r.sheets.map((s) => s.tables.map((t) => ({ total: t.total, findings: t.findings.map((f) => `${f.code}@${f.cell}`) })));
    expect(brief(out.result)).toEqual(brief(expected));

    // Source values untouched; only our conditional formats were added.
    const after = dumpSheet(sheet);
    expect(after.cells).toEqual(before.cells);
    const cfs = sheet.conditionalFormats;
    expect(cfs.every((cf) => cf.type === 'Custom' && /jixiao-mark:/.test(cf.custom!.formula!))).toBe(true);
    const covered = cfs.reduce((n, cf) => n + cf.areas.reduce((m, a) => m + (a.bottom - a.top + 1) * (a.right - a.left + 1), 0), 0);
    expect(covered).toBe(out.applied.highlighted);
    for (const h of planWrites(out.result).highlights) {
      const cf = cfs.find((x) => x.areas.some((a) => h.row >= a.top && h.row <= a.bottom && h.col >= a.left && h.col <= a.right))!;
      expect(cf.custom!.fill).toBe(`#${SEVERITY_FILL[h.severity]}`);
    }

    const summary = findSheet(wb, '评价结果')!;
    expect(out.applied.summarySheet).toBe('评价结果');
    expect(getCell(summary, 1, 1)!.value).toBe(`${OWNER_MARK}评价结果`);
    expect(summary.freeze.rows).toBe(2);
    expect(summary.columnWidths.size).toBe(11);
    expect(summary.conditionalFormats.filter((c) => c.type === 'DataBar').length).toBeGreaterThan(0);
    expect(wb.sheets.map((s) => s.name).filter((n) => n.startsWith('jixiao-tmp'))).toEqual([]);
    // The owner record, with the run's stamp an open task pane watches for (src/hosts/runs.ts).
    expect(JSON.parse(String(wb.settings.get('jixiao.owner')))).toEqual({
      summary: '评价结果',
      marked: out.applied.highlighted ? [sheet.name] : [],
      run: {
        id: expect.stringMatching(/^[0-9a-f]{16}$/),
        action: 'evaluate',
        sheets: [sheet.name],
        summarySheet: '评价结果',
        highlighted: out.applied.highlighted,
      },
    });
  });

  test('the summary holds exactly the plan: text literal, numbers as numbers, links as HYPERLINK', async () => {
    const wb = install(await loadFake(GAPS));
    const out = await runEvaluation(await createExcelHost());
    const plan = planWrites(out.result, { profile: NATIONAL, narrative: narrativeLines(out.narrative) });
    const summary = findSheet(wb, out.applied.summarySheet)!;
    expect(expectSummaryMatchesPlan(summary, plan.summary)).toBeGreaterThan(20);
    // Merges as planned; the report paragraphs wrap and have room.
    expect(summary.merges.length).toBe(plan.summary.merges.length);
    let para = 0;
    plan.summary.rows.forEach((r, i) => {
      if (r[0]?.style === 'paragraph' && (!para || String(r[0].v).length > String(plan.summary.rows[para - 1][0]!.v).length)) para = i + 1;
    });
    expect(String(plan.summary.rows[para - 1][0]!.v).length).toBeGreaterThan(100);
    expect(getCell(summary, para, 1)!.alignment?.wrapText).toBe(true);
    expect(summary.rowHeights.get(para)).toBeGreaterThan(20);
  });

  test('清除标记 restores every cell exactly (values, fills, fonts, borders, formats) and keeps the user’s own conditional formats', async () => {
    const wb = install(await loadFake(GAPS));
    const sheet = active(wb);
    // Flagged cells carry the user's own fill, font and border; the sheet has a conditional format of its own.
    const host = await createExcelHost();
    const plan = planWrites(evaluateWorkbook(await host.readSnapshot('active'), { profile: NATIONAL }));
    decorate(sheet, plan.highlights.slice(0, 6));
    sheet.conditionalFormats.push({
      id: 'user-1',
      type: 'DataBar',
      areas: [{ top: 13, left: 7, bottom: 30, right: 7 }],
      dataBar: { fillColor: '#123456' },
    });
    const before = dumpSheet(sheet);

    const out = await runEvaluation(host);
    expect(out.applied.highlighted).toBeGreaterThan(6);
    // While marked, the user's fill is still the cell's own (the highlight is a conditional format on top).
    expect(getCell(sheet, plan.highlights[0].row, plan.highlights[0].col)!.fill).toBe('#00B050');
    const r = await clearMarks(host);
    expect(r.cleared).toBe(out.applied.highlighted);
    expect(dumpSheet(sheet)).toEqual(before);
    expect(JSON.parse(String(wb.settings.get('jixiao.owner'))).marked).toEqual([]);
    // Nothing left to clear.
    expect((await clearMarks(host)).cleared).toBe(0);
  });

  test('running 评价 twice gives the same workbook as once', async () => {
    const wb = install(await loadFake(GAPS));
    await runEvaluation(await createExcelHost());
    const once = dumpWorkbook(wb);
    resetStats(wb);
    // A fresh host, as the ribbon command's own runtime would create.
    await runEvaluation(await createExcelHost());
    expect(wb.stats.syncs).toBeLessThanOrEqual(5);
    expect(dumpWorkbook(wb)).toEqual(once);
    await runEvaluation(await createExcelHost());
    expect(dumpWorkbook(wb)).toEqual(once);
  });

  test('workbook scope reads every sheet but our summary in 3 round trips (names, used ranges, one block of cells)', async () => {
    const wb = install(await loadFake(SHENZE));
    const host = await createExcelHost();
    await runEvaluation(host);
    resetStats(wb);
    const snap = await host.readSnapshot('workbook');
    expect(wb.stats.syncs).toBe(3);
    expect(snap.sheets.map((s) => s.name)).toEqual(wb.sheets.map((s) => s.name).filter((n) => n !== '评价结果'));
    expect(snap.sheets.every((s) => s.merges.length > 0)).toBe(true);
    expect(snap.name).toBe('shenze-2020.xlsx');
  });

  test('the active sheet being our own summary is refused with a clear message', async () => {
    const wb = install(await loadFake(SHENZE));
    const host = await createExcelHost();
    await runEvaluation(host);
    wb.activeSheetId = findSheet(wb, '评价结果')!.id;
    await expectJixiao(runEvaluation(host), /评价结果表.*请切换/);
  });
});

describe('injection-safe writes', () => {
  test('a reason written as =HYPERLINK(…), texts like 95% or 2020年12月, and a sheet name with a quote stay literal', async () => {
    const src = await readExcelJs(GAPS);
    const first = src.worksheets[0];
    first.name = 'O\'Brien "表"';
    const fileSnap = snapshotWorkbook(src, 'x.xlsx');
    const indicators = evaluateWorkbook({ sheets: [fileSnap.sheets[0]] }).sheets[0].tables[0].indicators;
    const withReason = indicators.filter((i) => i.cells.reason);
    const tricky = ['=HYPERLINK("http://x","y")', '+1 待核实', '-', '@SUM(A1)', '95%', '2020年12月', 'TRUE', '1,000'];
    tricky.forEach((t, k) => {
      first.getCell(withReason[k].cells.reason!).value = t;
    });
    const wb = install(fakeWorkbookFromExcelJs(src, { name: 'x.xlsx' }));
    const out = await runEvaluation(await createExcelHost());
    const summary = findSheet(wb, out.applied.summarySheet)!;
    const texts = new Map<string, { value: unknown; formula?: string }>();
    for (const c of summary.cells.values()) if (typeof c.value === 'string') texts.set(c.value, c);
    for (const t of tricky) {
      expect(texts.get(t)).toBeDefined();
      expect(texts.get(t)!.formula).toBeUndefined();
    }
    // Links to the quoted sheet name resolve to it.
    const link = [...summary.cells.values()].find((c) => c.hyperlink && typeof c.value === 'string' && c.value.includes('!'))!;
    expect(link.hyperlink).toMatch(/^#'O''Brien "表"'!\$?[A-Z]+\d+$/);
    expect(link.value).toMatch(/^O'Brien "表"!/);
    // The section title that names the sheet is literal too.
    expect([...texts.keys()].some((t) => t.startsWith(`一、O'Brien "表"`))).toBe(true);
  });
});

describe('the summary sheet and ownership', () => {
  test('a foreign 评价结果 is never touched: 评价结果(2) is written, and reused next time', async () => {
    const wb = install(await loadFake(GAPS));
    const foreign = newSheet(wb, '评价结果');
    enterValue(ensureCell(foreign, 1, 1), '我自己的评价结果');
    ensureCell(foreign, 2, 2).fill = '#FFFF00';
    const foreignBefore = dumpSheet(foreign);
    const out = await runEvaluation(await createExcelHost());
    expect(out.applied.summarySheet).toBe('评价结果(2)');
    expect(dumpSheet(findSheet(wb, '评价结果')!)).toEqual(foreignBefore);
    const names = wb.sheets.map((s) => s.name);
    const again = await runEvaluation(await createExcelHost());
    expect(again.applied.summarySheet).toBe('评价结果(2)');
    expect(wb.sheets.map((s) => s.name)).toEqual(names);
    expect(dumpSheet(findSheet(wb, '评价结果')!)).toEqual(foreignBefore);
  });
});

describe('failures give a Chinese message and leave the workbook as it was', () => {
  test('protected source sheet', async () => {
    const wb = install(await loadFake(GAPS));
    active(wb).protected = true;
    const before = dumpWorkbook(wb);
    await expectJixiao(runEvaluation(await createExcelHost()), /受保护.*撤消工作表保护/);
    expect(dumpWorkbook(wb)).toEqual(before);
  });

  test('protected workbook structure', async () => {
    const wb = install(await loadFake(GAPS));
    wb.protected = true;
    const before = dumpWorkbook(wb);
    await expectJixiao(runEvaluation(await createExcelHost()), /工作簿结构受保护/);
    expect(dumpWorkbook(wb)).toEqual(before);
  });

  test('cell edit mode: a clear message without ExcelApi 1.11; with it, the batch waits (delayForCellEdit)', async () => {
    const wb = install(await loadFake(GAPS, { excelApi: 10 }));
    wb.cellEditMode = true;
    const before = dumpWorkbook(wb);
    await expectJixiao(runEvaluation(await createExcelHost()), /正在编辑单元格.*Enter/);
    expect(dumpWorkbook(wb)).toEqual(before);

    const wb2 = install(await loadFake(GAPS, { excelApi: 17 }));
    wb2.cellEditMode = true;
    await runEvaluation(await createExcelHost());
    expect(wb2.stats.delayedForCellEdit).toBe(1);
    expect(findSheet(wb2, '评价结果')).toBeDefined();
  });

  test('ExcelApi below 1.9: createExcelHost refuses with the Chinese message', async () => {
    const wb = install(await loadFake(GAPS, { excelApi: 8 }));
    const before = dumpWorkbook(wb);
    await expect(createExcelHost()).rejects.toThrow(UNSUPPORTED_MESSAGE);
    expect(dumpWorkbook(wb)).toEqual(before);
  });

  test('without ExcelApi 1.13 (no merged areas) the result is the same', async () => {
    const full = install(await loadFake(SHENZE, { excelApi: 17 }));
    const a = await runEvaluation(await createExcelHost());
    const fullDump = dumpWorkbook(full);
    const old = install(await loadFake(SHENZE, { excelApi: 9 }));
    const b = await runEvaluation(await createExcelHost());
    expect(old.stats.syncs).toBeLessThanOrEqual(5);
    expect(b.result.sheets[0].tables.map((t) => t.total)).toEqual(a.result.sheets[0].tables.map((t) => t.total));
    expect(dumpWorkbook(old)).toEqual(fullDump);
  });

  test('over the payload limit (Excel on the web: 5 MB): a clear message, nothing written', async () => {
    const wb = install(await loadFake(GAPS));
    wb.payloadLimit = 5000;
    const before = dumpWorkbook(wb);
    await expectJixiao(runEvaluation(await createExcelHost()), /数据量超出了 Excel 单次读写的上限/);
    expect(dumpWorkbook(wb)).toEqual(before);
    // A read that fits but a write that does not: refused whole, the workbook as before.
    const probe = install(await loadFake(GAPS));
    await runEvaluation(await createExcelHost());
    expect(probe.stats.maxRequest).toBeGreaterThan(probe.stats.maxResponse + 1000);
    install(wb);
    wb.payloadLimit = probe.stats.maxResponse + 500;
    await expectJixiao(runEvaluation(await createExcelHost()), /数据量超出了 Excel 单次读写的上限/);
    expect(dumpWorkbook(wb)).toEqual(before);
  });

  test('more than 512 merged areas: read again without them', async () => {
    const wb = install(await loadFake(GAPS));
    const sheet = active(wb);
    for (let r = 0; r < 520; r++) sheet.merges.push({ top: 200 + r, left: 20, bottom: 200 + r, right: 21 });
    ensureCell(sheet, 719, 20).value = 'x';
    const out = await runEvaluation(await createExcelHost());
    expect(out.result.sheets[0].tables.length).toBe(1);
    expect(wb.stats.syncs).toBe(7);
  });

  test('a failure inside the write batch: early → exactly as before; late → whole summary, no partial marks', async () => {
    const wb = install(await loadFake(GAPS));
    await runEvaluation(await createExcelHost());
    const before = dumpWorkbook(wb);
    // Sync 1 settings, 2-3 read (used range, cells), 4 inspect, 5 write: fail at the 20th command of the write.
    wb.failAt = { sync: wb.stats.syncs + 5, op: 20 };
    await expectJixiao(runEvaluation(await createExcelHost()), /无法写入评价结果/);
    expect(dumpWorkbook(wb)).toEqual(before);

    // Fail just before the rename: the old sheet is gone, the new one complete under its temporary name.
    wb.failAt = { sync: wb.stats.syncs + 5, op: -3 };
    await expectJixiao(runEvaluation(await createExcelHost()), /无法写入评价结果/);
    expect(wb.sheets.map((s) => s.name)).toEqual((before.sheets as { name: string }[]).map((s) => s.name));
    const summaryNow = dumpSheet(findSheet(wb, '评价结果')!);
    const summaryBefore = (before.sheets as { name: string }[]).find((s) => s.name === '评价结果');
    expect(summaryNow).toEqual(summaryBefore);
    // Our formats had changed when the batch failed: all of ours are gone, none half-replaced.
    expect(active(wb).conditionalFormats).toEqual([]);
    expect(wb.sheets.some((s) => s.name.startsWith('jixiao-tmp'))).toBe(false);
  });

  test('the summary written in blocks: a failure at a later block on a first run leaves no sheet behind', async () => {
    const dry = install(await loadFake(GAPS));
    await runEvaluation(new ExcelHost({ ...officeEnv(), payloadBudget: 5_000 }));
    const total = dry.stats.syncs;
    uninstall();
    const wb = install(await loadFake(GAPS));
    const before = dumpWorkbook(wb);
    // The last block's round trip (the one before the final batch) fails: earlier blocks are in the temporary sheet.
    wb.failAt = { sync: total - 1, op: 0 };
    await expectJixiao(runEvaluation(new ExcelHost({ ...officeEnv(), payloadBudget: 5_000 })), /无法写入评价结果/);
    expect(dumpWorkbook(wb)).toEqual(before);
  });

  test('where a load cannot go through customOrNullObject, the inventory falls back (one more round trip)', async () => {
    const wb = install(await loadFake(GAPS));
    wb.strictNullNavigation = true;
    const sheet = active(wb);
    // A conditional format of the user's own that is not Custom: its customOrNullObject is a null object.
    sheet.conditionalFormats.push({
      id: 'user-bar',
      type: 'DataBar',
      areas: [{ top: 13, left: 7, bottom: 30, right: 7 }],
      dataBar: { fillColor: '#123456' },
    });
    const before = dumpSheet(sheet);
    const host = await createExcelHost();
    const out = await runEvaluation(host);
    expect(out.applied.highlighted).toBeGreaterThan(0);
    // settings, read (2), failed inspect, inspect (no Custom formats yet: no rules round trip), write
    expect(wb.stats.syncs).toBe(6);
    const once = dumpWorkbook(wb);
    resetStats(wb);
    await runEvaluation(host);
    // The host remembers the fallback: settings, read (2), inspect, rules of the Custom formats, write.
    expect(wb.stats.syncs).toBe(6);
    expect(dumpWorkbook(wb)).toEqual(once);
    expect((await clearMarks(await createExcelHost())).cleared).toBe(out.applied.highlighted);
    expect(dumpSheet(sheet)).toEqual(before);
  });
});

describe('pane services', () => {
  test('selectCell activates the sheet and selects the cell', async () => {
    const wb = install(await loadFake(SHENZE));
    const host = await createExcelHost();
    await host.selectCell(wb.sheets[3].name, 'D14');
    expect(wb.activeSheetId).toBe(wb.sheets[3].id);
    expect(wb.selection).toEqual({ sheet: wb.sheets[3].name, address: 'D14' });
    await expectJixiao(host.selectCell('不存在', 'A1'), /找不到工作表“不存在”/);
  });

  test('settings round-trip through the workbook, also to another runtime', async () => {
    const wb = install(await loadFake(SHENZE));
    const host = await createExcelHost();
    expect(await host.loadSettings()).toEqual(DEFAULT_SETTINGS);
    const s = { profile: 'guangxi', standards: null, department: '某县教育局', year: '2021' };
    await host.saveSettings(s);
    expect(await host.loadSettings()).toEqual(s);
    expect(await (await createExcelHost()).loadSettings()).toEqual(s);
    expect(typeof wb.settings.get('jixiao.settings')).toBe('string');
    wb.settings.set('jixiao.settings', '{broken');
    expect(await host.loadSettings()).toEqual(DEFAULT_SETTINGS);
  });

  test('documentName from the workbook, else 当前工作簿', async () => {
    install(await loadFake(SHENZE, { name: '深泽.xlsx' }));
    expect(await (await createExcelHost()).documentName()).toBe('深泽.xlsx');
    const wb = install(await loadFake(SHENZE));
    wb.name = '';
    expect(await (await createExcelHost()).documentName()).toBe('当前工作簿');
  });

  test('an empty sheet: the session says no table was found', async () => {
    const wb = install(await loadFake(SHENZE));
    const blank = newSheet(wb, '空白');
    wb.activeSheetId = blank.id;
    await expectJixiao(runEvaluation(await createExcelHost()), /没有找到绩效指标表/);
  });
});

describe('scale', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-excel-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('5,000 rows under a 1 MB payload limit: cells read and written in blocks, bounded proxies, exact restore', async () => {
    const file = path.join(dir, 'rows-5000.xlsx');
    await makeWorkbook(5000, file);
    const wb = install(await loadFake(file));
    const sheet = active(wb);
    const before = dumpSheet(sheet);
    // A limit the sheet is over (its summary alone is ~1 MB): blocks keep every request and response under it.
    wb.payloadLimit = 1_000_000;
    const host = new ExcelHost({ ...officeEnv(), payloadBudget: 400_000 });
    const out = await runEvaluation(host);
    expect(wb.stats.maxRequest).toBeLessThan(1_000_000);
    expect(wb.stats.maxResponse).toBeLessThan(1_000_000);
    expect(wb.stats.syncs).toBeGreaterThan(5);
    expect(wb.stats.syncs).toBeLessThan(20);
    expect(out.applied.highlighted).toBeGreaterThan(500);
    // Proxies do not grow with the sheet (one per style/chunk/merge, not per cell).
    expect(wb.stats.proxies).toBeLessThan(400);
    expect(sheet.conditionalFormats.length).toBeLessThanOrEqual(12);
    await clearMarks(host);
    expect(dumpSheet(sheet)).toEqual(before);
    expect(sheet.cells.get(cellKey(1, 1))!.value).toBe('项目支出绩效自评表');
  }, 120000);
});

test('ExcelHost is exported for the pane', () => {
  expect(typeof ExcelHost).toBe('function');
});
