// End to end (b), Excel mode: the production build served on 127.0.0.1, driven in real headless
// Chromium (tests/support/browser.ts: CHROMIUM_PATH, Chrome, Edge or a system Chromium, through playwright-core), with office.js routed to a stub that
// provides the fake Excel: tests/fakes/excel/browser.ts bundled by esbuild, followed by the install of a
// workbook built in Node from examples/gaps-sample.xlsx (fakeWorkbookFromExcelJs) and sent as JSON.
// The page's workbook is read back as JSON and checked in Node with the fake's own helpers:
//
//   评价       the source sheet's cells unchanged; the findings' cells marked (our conditional formats,
//              one fill per severity); 评价结果 with OWNER_MARK in A1 holding exactly the plan (tables,
//              findings as HYPERLINK links); ≤ 4 syncs; the whole workbook as the same session gives
//              in Node on the same fake; score cards and findings in the pane = the engine's result on
//              the file (the file host, as the CLI reads it).
//   a finding  clicking it selects its cell in the fake workbook.
//   评价 again the workbook is exactly as after the first 评价.
//   清除标记   the source sheet is back exactly as before (values, formats, fills, fonts, borders,
//              conditional formats, merges, widths).
//   foreign    a 评价结果 sheet not written by us stays untouched; the summary goes to 评价结果(2).
//
// No page errors; nothing requested outside 127.0.0.1 but office.js. Screenshots go to
// tests/e2e/__output__/screenshots/excel-*.png. The production build is shared with standalone.test.ts (support.ts).
// Skipped, with a message, only when Chromium is not installed.

import * as fs from 'fs';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { OWNER_MARK, SEVERITY_FILL, SUMMARY_SHEET, planHighlights, planWrites } from '../../src/core/plan';
import { evaluateWorkbook } from '../../src/core/evaluate';
import { NATIONAL } from '../../src/core/data/profiles';
import { DEFAULT_STANDARDS } from '../../src/core/data/standards';
import { fmtNum } from '../../src/core/text';
import { EvaluationResult, Severity } from '../../src/core/types';
import { createExcelHost } from '../../src/hosts/excel';
import { OWNER_KEY } from '../../src/hosts/excel/host';
import { readWorkbookFile } from '../../src/hosts/file/node';
import { runEvaluation, Outcome } from '../../src/app/session';
import { narrativeLines } from '../../src/narrative';
import {
  FakeSheet,
  FakeWorkbook,
  FakeWorkbookJson,
  dumpSheet,
  dumpWorkbook,
  ensureCell,
  enterValue,
  findSheet,
  getCell,
  newSheet,
  workbookFromJson,
  workbookToJson,
} from '../fakes/excel';
import type { FakeExcelPage } from '../fakes/excel/browser';
import { GAPS, expectSummaryMatchesPlan, install, loadFake, markFills, uninstall } from '../hosts/excel/helpers';
import {
  OFFICE_JS,
  describeWithBrowser,
  SHOTS,
  OfflineBrowser,
  browserBundle,
  launchOffline,
  productionBuild,
  serveDir,
  shot,
} from './support';

const FILE = path.basename(GAPS);
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

const describeBrowser = describeWithBrowser;

type FakeWindow = { jixiaoFakeExcel: FakeExcelPage };

function activeSheet(wb: FakeWorkbook): FakeSheet {
  return wb.sheets.find((s) => s.id === wb.activeSheetId)!;
}

/** What the same session does in Node on the same fake workbook: the reference for the pane's run. */
async function evaluateInNode(json: FakeWorkbookJson): Promise<{ wb: FakeWorkbook; out: Outcome }> {
  const wb = install(workbookFromJson(json));
  try {
    const out = await runEvaluation(await createExcelHost());
    return { wb, out };
  } finally {
    uninstall();
  }
}

/** Findings with a cell, as the pane lists them: by severity, then sheet / table / finding order. */
function findingPlaces(r: EvaluationResult): string[] {
  const out: string[] = [];
  for (const sev of SEVERITIES) {
    for (const s of r.sheets)
      for (const t of s.tables) for (const f of t.findings) if (f.severity === sev && f.cell) out.push(`${s.sheet}!${f.cell}`);
  }
  return out;
}

describeBrowser('Excel mode in headless Chromium: office.js is a stub over the fake Excel', () => {
  let dist: string;
  let origin: string;
  let stopServer: () => Promise<void>;
  let browser: OfflineBrowser;
  let context: BrowserContext;
  let fakeBundle: string;
  /** The ribbon commands' work, bundled for the page (ribbon-sim.ts); served with office.js when set. */
  let ribbonBundle: string;
  let withRibbon = false;
  /** The gaps sample as the fake workbook, and what the pane shows for it: the engine's result on the file. */
  let baseJson: FakeWorkbookJson;
  let fromFile: EvaluationResult;
  /** The workbook the next office.js request installs. */
  let officeWorkbook: FakeWorkbookJson;
  /** Requests to anywhere but 127.0.0.1 (office.js answered, the rest blocked). */
  let outside: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    fakeBundle = browserBundle('tests/fakes/excel/browser.ts');
    ribbonBundle = browserBundle('tests/e2e/ribbon-sim.ts');
    baseJson = workbookToJson(await loadFake(GAPS, { name: FILE }));
    // The engine on the file, as the CLI reads it: the active (first) sheet, which the pane evaluates.
    const file = await readWorkbookFile(GAPS);
    const sheet = activeSheet(workbookFromJson(baseJson)).name;
    fromFile = evaluateWorkbook(
      { name: file.snapshot.name, sheets: file.snapshot.sheets.filter((s) => s.name === sheet) },
      { profile: NATIONAL, standards: DEFAULT_STANDARDS, file: FILE },
    );

    dist = await productionBuild();
    const s = await serveDir(dist);
    origin = s.origin;
    stopServer = s.stop;

    browser = await launchOffline(
      (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/javascript; charset=utf-8',
          body: `${fakeBundle}\n;window.jixiaoFakeExcel.install(${JSON.stringify(officeWorkbook)});\n${withRibbon ? ribbonBundle : ''}`,
        }),
      { label: 'excel' },
    );
    context = browser.context;
    outside = browser.outside;
  }, 400000);

  afterAll(async () => {
    if (browser) await browser.close();
    if (stopServer) await stopServer();
  });

  /** Opens the pane over `json`; resolves once it is connected to Excel and has read its settings. */
  async function openPane(json: FakeWorkbookJson, width = 800): Promise<Page> {
    officeWorkbook = json;
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    (page as unknown as { jxErrors: string[] }).jxErrors = errors;
    await page.goto(`${origin}/taskpane.html`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('mode').filter({ hasText: '已连接 Excel' }).waitFor({ timeout: 15000 });
    // The pane reads its settings from the workbook once connected (one run, one sync).
    await page.waitForFunction(() => (window as unknown as FakeWindow).jixiaoFakeExcel.workbook().stats.syncs >= 1, undefined, {
      timeout: 10000,
    });
    return page;
  }

  const errorsOf = (page: Page) => (page as unknown as { jxErrors: string[] }).jxErrors;

  async function readWorkbook(page: Page): Promise<FakeWorkbook> {
    return workbookFromJson(await page.evaluate(() => (window as unknown as FakeWindow).jixiaoFakeExcel.workbook()));
  }

  /** Clicks 评价 (sync counters zeroed first) and waits for the new results; fails on an error notice. */
  async function evaluate(page: Page): Promise<void> {
    await page.evaluate(() => {
      (window as unknown as FakeWindow).jixiaoFakeExcel.resetStats();
      document.querySelector('[data-testid=results]')?.setAttribute('data-previous', '');
    });
    await page.getByRole('button', { name: '评价', exact: true }).click();
    const done = page.locator('[data-testid=results]:not([data-previous]), [data-testid=error], [data-testid=no-table]');
    await done.first().waitFor({ timeout: 30000 });
    const error = await page.locator('[data-testid=error], [data-testid=no-table]').allTextContents();
    expect(error).toEqual([]);
  }

  test('评价 marks the findings and writes 评价结果; a finding selects its cell; 评价 again changes nothing; 清除标记 restores the sheet', async () => {
    outside.length = 0;
    const reference = await evaluateInNode(baseJson);
    // The fake's reading of the sheet gives the engine's result on the file.
    const brief = (r: EvaluationResult) =>
      r.sheets.map((s) => s.tables.map((t) => ({ total: t.total, findings: t.findings.map((f) => `${f.code}@${f.cell}`) })));
    expect(brief(reference.out.result)).toEqual(brief(fromFile));

    const page = await openPane(baseJson, 800);
    const before = await readWorkbook(page);
    const source = activeSheet(before).name;
    const sourceBefore = dumpSheet(activeSheet(before));
    expect(sourceBefore.conditionalFormats).toEqual([]);

    await evaluate(page);
    const once = await readWorkbook(page);
    console.log(`[e2e excel] 评价: ${once.stats.runs} runs, ${once.stats.syncs} syncs, ${once.stats.proxies} proxies`);
    expect(once.stats.syncs).toBeLessThanOrEqual(5);

    // The source sheet: every cell as it was; our marks on exactly the findings' cells, by severity.
    const src = findSheet(once, source)!;
    expect(dumpSheet(src).cells).toEqual(sourceBefore.cells);
    expect(src.merges).toEqual(activeSheet(before).merges);
    const highlights = planHighlights(fromFile);
    expect(highlights.length).toBeGreaterThan(5);
    const expectedMarks: Record<string, string> = {};
    for (const h of highlights) expectedMarks[h.cell] = `#${SEVERITY_FILL[h.severity]}`;
    expect(markFills(src)).toEqual(expectedMarks);
    expect(src.conditionalFormats.length).toBe(new Set(highlights.map((h) => h.severity)).size);

    // 评价结果: ours (OWNER_MARK), exactly the plan, with a link to every finding's cell.
    expect(once.sheets.map((s) => s.name)).toEqual([...before.sheets.map((s) => s.name), SUMMARY_SHEET]);
    const summary = findSheet(once, SUMMARY_SHEET)!;
    expect(getCell(summary, 1, 1)!.value).toBe(`${OWNER_MARK}${SUMMARY_SHEET}`);
    const plan = planWrites(reference.out.result, { profile: NATIONAL, narrative: narrativeLines(reference.out.narrative) });
    expect(expectSummaryMatchesPlan(summary, plan.summary)).toBeGreaterThan(0);
    // Every finding's cell is linked (the indicator rows link to their rows too).
    const links = new Set([...summary.cells.values()].filter((c) => c.formula?.startsWith('=HYPERLINK(')).map((c) => c.hyperlink));
    const unlinked = findingPlaces(fromFile).filter((w) => !links.has(`#'${w.replace('!', "'!")}`));
    expect(unlinked).toEqual([]);
    // The whole workbook is what the same session gives in Node on the same fake.
    expect(dumpWorkbook(once)).toEqual(dumpWorkbook(reference.wb));
    expect(JSON.parse(String(once.settings.get(OWNER_KEY)))).toMatchObject({
      summary: SUMMARY_SHEET,
      marked: [source],
      run: { action: 'evaluate', sheets: [source] },
    });

    // The pane: one score card per table with the engine's scores and grade; the findings, by severity.
    const tables = fromFile.sheets.flatMap((s) => s.tables);
    const cards = page.getByTestId('score-card');
    await expect(cards.count()).resolves.toBe(tables.length);
    await expect(page.getByTestId('grade').allTextContents()).resolves.toEqual(tables.map((t) => t.total.grade));
    const cardTexts = await cards.allTextContents();
    tables.forEach((t, i) => {
      expect(cardTexts[i]).toContain(`核算得分${fmtNum(t.total.score as number)} / ${fmtNum(t.total.weight)} 分`);
      expect(cardTexts[i]).toContain(`自评得分${t.total.selfScore === null ? '—' : fmtNum(t.total.selfScore)}`);
    });
    const findingButtons = page.getByTestId('findings').getByRole('button');
    const places = (await findingButtons.evaluateAll((els) => els.map((e) => e.getAttribute('title') ?? ''))).map((t) =>
      t.replace(/^定位到 /, ''),
    );
    expect(places).toEqual(findingPlaces(fromFile));
    await expect(page.getByTestId('results').textContent()).resolves.toContain(
      `已写入“${SUMMARY_SHEET}”工作表，标记 ${highlights.length} 个单元格。`,
    );

    // A finding click selects its cell in the workbook (first and last finding).
    for (const i of [0, places.length - 1]) {
      const [sheet, cell] = places[i].split('!');
      await findingButtons.nth(i).click();
      await page.waitForFunction(
        ([s, c]) => {
          const sel = (window as unknown as FakeWindow).jixiaoFakeExcel.workbook().selection;
          return sel !== null && sel.sheet === s && sel.address === c;
        },
        [sheet, cell] as const,
        { timeout: 10000 },
      );
    }
    await expect(page.getByTestId('select-status').textContent()).resolves.toBe('');
    await shot(page, 'excel-01-results', 320);
    await shot(page, 'excel-01-results', 800);

    // 评价 again: the same workbook.
    await evaluate(page);
    const twice = await readWorkbook(page);
    expect(twice.stats.syncs).toBeLessThanOrEqual(5);
    expect(dumpWorkbook(twice)).toEqual(dumpWorkbook(once));

    // 清除标记: the source sheet exactly as before; the summary stays.
    await page.getByRole('button', { name: '清除标记' }).click();
    await page
      .getByTestId('status')
      .filter({ hasText: `已清除 ${highlights.length} 处标记，单元格已恢复原样。` })
      .waitFor({ timeout: 15000 });
    const cleared = await readWorkbook(page);
    expect(dumpSheet(findSheet(cleared, source)!)).toEqual(sourceBefore);
    for (const s of before.sheets) expect(dumpSheet(findSheet(cleared, s.name)!)).toEqual(dumpSheet(s));
    expect(dumpSheet(findSheet(cleared, SUMMARY_SHEET)!)).toEqual(dumpSheet(summary));
    expect(JSON.parse(String(cleared.settings.get(OWNER_KEY)))).toMatchObject({
      summary: SUMMARY_SHEET,
      marked: [],
      run: { action: 'clear', highlighted: 0 },
    });
    await shot(page, 'excel-02-cleared', 320);

    // Nothing left to clear.
    await page.getByRole('button', { name: '清除标记' }).click();
    await page.getByTestId('status').filter({ hasText: '没有需要清除的标记。' }).waitFor({ timeout: 15000 });

    expect(errorsOf(page)).toEqual([]);
    expect([...new Set(outside)]).toEqual([OFFICE_JS]);
    await page.close();
  }, 120000);

  test('the ribbon’s 评价 and 清除标记 show in an open pane when it gets focus; a pane opened later shows the last 评价', async () => {
    outside.length = 0;
    withRibbon = true;
    try {
      const page = await openPane(baseJson, 320);
      type SimWindow = { jixiaoRibbonSim: { evaluate(): Promise<number>; clear(): Promise<number> } };
      const focus = () => page.evaluate(() => window.dispatchEvent(new Event('focus')));
      const status = page.getByTestId('status');

      const marked = await page.evaluate(() => (window as unknown as SimWindow).jixiaoRibbonSim.evaluate());
      expect(marked).toBeGreaterThan(0);
      const before = await readWorkbook(page);
      await focus();
      await status.filter({ hasText: '已显示通过功能区“评价”得到的结果' }).waitFor({ timeout: 15000 });
      await expect(page.getByTestId('results').textContent()).resolves.toContain(`标记 ${marked} 个单元格`);
      await expect(page.getByTestId('grade').allTextContents()).resolves.toEqual(
        fromFile.sheets.flatMap((s) => s.tables.map((t) => t.total.grade)),
      );
      // Showing it wrote nothing.
      const shown = await readWorkbook(page);
      expect(dumpWorkbook(shown)).toEqual(dumpWorkbook(before));
      await shot(page, 'excel-04-ribbon-run', 320);

      const cleared = await page.evaluate(() => (window as unknown as SimWindow).jixiaoRibbonSim.clear());
      expect(cleared).toBe(marked);
      await focus();
      await status.filter({ hasText: '已通过功能区清除标记' }).waitFor({ timeout: 15000 });
      await expect(page.getByTestId('results').textContent()).resolves.not.toMatch(/标记 \d+ 个单元格/);

      // The ribbon evaluates again; the pane is closed and opened on the saved workbook.
      await page.evaluate(() => (window as unknown as SimWindow).jixiaoRibbonSim.evaluate());
      const saved = await page.evaluate(() => (window as unknown as FakeWindow).jixiaoFakeExcel.workbook());
      expect(errorsOf(page)).toEqual([]);
      await page.close();
      const reopened = await openPane(saved, 320);
      await reopened.getByTestId('status').filter({ hasText: '已显示本工作簿上次评价的结果' }).waitFor({ timeout: 15000 });
      await reopened.getByTestId('results').waitFor();
      expect(errorsOf(reopened)).toEqual([]);
      expect([...new Set(outside)]).toEqual([OFFICE_JS]);
      await reopened.close();
    } finally {
      withRibbon = false;
    }
  }, 120000);

  test('a 评价结果 sheet the user wrote is never touched: the summary goes to 评价结果(2)', async () => {
    outside.length = 0;
    const wb = workbookFromJson(baseJson);
    const foreign = newSheet(wb, SUMMARY_SHEET);
    enterValue(ensureCell(foreign, 1, 1), '我自己的评价结果');
    enterValue(ensureCell(foreign, 2, 1), '得分');
    enterValue(ensureCell(foreign, 2, 2), '95');
    ensureCell(foreign, 2, 2).fill = '#FFFF00';
    const foreignBefore = dumpSheet(foreign);
    const json = workbookToJson(wb);

    const page = await openPane(json, 320);
    await evaluate(page);
    await expect(page.getByTestId('results').textContent()).resolves.toContain('已写入“评价结果(2)”工作表');
    const after = await readWorkbook(page);
    expect(after.stats.syncs).toBeLessThanOrEqual(5);
    expect(after.sheets.map((s) => s.name)).toEqual([...wb.sheets.map((s) => s.name), '评价结果(2)']);
    expect(dumpSheet(findSheet(after, SUMMARY_SHEET)!)).toEqual(foreignBefore);
    expect(getCell(findSheet(after, '评价结果(2)')!, 1, 1)!.value).toBe(`${OWNER_MARK}${SUMMARY_SHEET}`);
    expect(dumpSheet(activeSheet(after)).cells).toEqual(dumpSheet(activeSheet(wb)).cells);
    await shot(page, 'excel-03-foreign-summary', 320);

    // Again: 评价结果(2) is ours now and is replaced; the user's sheet is still untouched.
    await evaluate(page);
    const again = await readWorkbook(page);
    expect(again.sheets.map((s) => s.name)).toEqual(after.sheets.map((s) => s.name));
    expect(dumpWorkbook(again)).toEqual(dumpWorkbook(after));

    expect(errorsOf(page)).toEqual([]);
    expect([...new Set(outside)]).toEqual([OFFICE_JS]);
    await page.close();
  }, 120000);
});
