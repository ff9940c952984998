// End to end (a), standalone mode: the production build served on 127.0.0.1, driven in real headless
// Chromium (tests/support/browser.ts: CHROMIUM_PATH, Chrome, Edge or a system Chromium, through playwright-core). Every request that is not to
// 127.0.0.1 is blocked and recorded: only office.js may be attempted, and the pane must work without it.
// Screenshots (320 px and 800 px wide) go to tests/e2e/__output__/screenshots/ for people to look at.
// The build's core-js polyfills are checked against the [excel] section of .browserslistrc, and the pane
// is run once with the built-ins the oldest supported WKWebView lacks removed.
//
// Skipped, with a message, only when Chromium is not installed (CI installs it: .ci/run).

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { bundleSizes, INITIAL_BUDGET_GZIP } from '../../bench/bundle';
import { makeWorkbook } from '../../bench/run';
import { OWNER_MARK, SUMMARY_SHEET } from '../../src/core/plan';
import { UNSUPPORTED_WEBVIEW } from '../../src/app/messages';
import {
  OFFICE_JS,
  copyAndArrowThroughTabs,
  describeWithBrowser,
  ROOT,
  SHOTS,
  OfflineBrowser,
  launchOffline,
  productionBuild,
  serveDir,
  shot,
} from './support';
import { expectPolyfillsFor } from '../support/polyfills';

const SHENZE = path.join(ROOT, 'examples', 'shenze-2020.xlsx');
const GAPS = path.join(ROOT, 'examples', 'gaps-sample.xlsx');

const describeBrowser = describeWithBrowser;

let dist: string;
let origin: string;
let stopServer: () => Promise<void>;

beforeAll(async () => {
  // Shared with tests/e2e/excel.test.ts (built once, see support.ts).
  dist = await productionBuild();
  const s = await serveDir(dist);
  origin = s.origin;
  stopServer = s.stop;
}, 330000);

afterAll(async () => {
  if (stopServer) await stopServer();
});

describe('bundle size (production build)', () => {
  test('initial JS of taskpane.html within 150 KB gzip; docx and the engine (with the .xlsx package reader) are lazy chunks; exceljs only for the 批量复核 summary', () => {
    const b = bundleSizes(dist);
    const initial = b.files.filter((f) => f.kind === 'initial');
    expect(initial.length).toBeGreaterThan(0);
    expect(b.initialJsGzip).toBeLessThanOrEqual(INITIAL_BUDGET_GZIP);
    expect(b.withinBudget).toBe(true);
    const lazy = b.files.filter((f) => f.kind === 'lazy').map((f) => f.file);
    for (const name of ['docx', 'engine', 'settings']) expect(lazy.some((f) => f.startsWith(`${name}.`))).toBe(true);
    // The standalone page reads and writes the user's .xlsx with its own package reader. exceljs is only a
    // lazy chunk for writing the new 汇总 workbook of 批量复核; the single-file flow never requests it (below).
    expect(b.files.filter((f) => f.file.startsWith('exceljs.') && f.kind !== 'lazy')).toEqual([]);
    // exceljs' model (its '_worksheets') is in its own chunk only, in nothing the single-file flow loads.
    const all = b.files
      .filter((f) => f.file.endsWith('.js') && !f.file.startsWith('exceljs.'))
      .map((f) => fs.readFileSync(path.join(dist, f.file), 'utf8'))
      .join('\n');
    expect(all.includes('_worksheets')).toBe(false);
    // The initial chunk holds neither the package reader nor docx nor the engine (markers each of them contains).
    const code = initial.map((f) => fs.readFileSync(path.join(dist, f.file), 'utf8')).join('\n');
    const markers = { reader: 'jixiao-mark:', docx: '"w:val"', engine: 'score-mismatch' };
    const found = Object.entries(markers)
      .filter(([, m]) => code.includes(m))
      .map(([name]) => name);
    expect(found).toEqual([]);
    for (const [name, m] of Object.entries(markers)) {
      const chunk = b.files.find((f) => f.kind === 'lazy' && fs.readFileSync(path.join(dist, f.file), 'utf8').includes(m));
      expect({ name, lazy: Boolean(chunk) }).toEqual({ name, lazy: true });
    }
    console.log(`[bundle] initial ${(b.initialJsGzip / 1024).toFixed(1)} KB gzip, lazy ${(b.lazyJsGzip / 1024).toFixed(1)} KB gzip`);
  });
});

describe('polyfills (production build)', () => {
  test('core-js polyfills what the sources call exactly where the [excel] webviews lack it; WeakRef is shimmed', () => {
    expectPolyfillsFor(dist, 'excel');
  });
});

describeBrowser('standalone mode in headless Chromium', () => {
  let browser: OfflineBrowser;
  let context: BrowserContext;
  /** Requests to anywhere but 127.0.0.1 (all blocked). */
  let outside: string[] = [];
  /** How office.js requests are answered in the current test. */
  let officeJs: 'abort' | 'empty' | 'stub' | 'hang' = 'abort';
  const hanging: Route[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    browser = await launchOffline(
      async (route) => {
        if (officeJs === 'empty')
          return route.fulfill({ status: 200, contentType: 'text/javascript', body: '/* office.js unavailable */' });
        if (officeJs === 'stub') {
          // An office.js that loads but is not in an Office host: onReady reports no host.
          return route.fulfill({
            status: 200,
            contentType: 'text/javascript',
            body: 'window.Office = { onReady: function (cb) { var info = { host: null, platform: null }; if (cb) cb(info); return Promise.resolve(info); } };',
          });
        }
        if (officeJs === 'hang') {
          hanging.push(route);
          return undefined;
        }
        return route.abort('blockedbyclient');
      },
      { acceptDownloads: true, label: 'standalone' },
    );
    context = browser.context;
    outside = browser.outside;
  }, 60000);

  afterAll(async () => {
    for (const r of hanging) await r.abort().catch(() => undefined);
    if (browser) await browser.close();
  });

  async function openPane(width = 800): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize({ width, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    (page as unknown as { jxErrors: string[] }).jxErrors = errors;
    await page.goto(`${origin}/taskpane.html`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('mode').filter({ hasText: '独立模式' }).waitFor({ timeout: 15000 });
    return page;
  }

  /** Accessible name of the focused element. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el
        ? `${el.getAttribute('role') ?? el.tagName.toLowerCase()}:${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim()}`
        : '';
    });

  async function download(page: Page, button: string): Promise<Buffer> {
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    const file = await dl.path();
    expect(file).toBeTruthy();
    return fs.readFileSync(file as string);
  }

  test('seed sample: 打开 .xlsx → 评价 → score cards, findings, narrative; copy; result workbook and .docx download', async () => {
    officeJs = 'abort';
    outside.length = 0;
    const page = await openPane(800);
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await expect(page.getByRole('button', { name: '评价', exact: true }).isDisabled()).resolves.toBe(true);
    await shot(page, '01-empty', 320);
    await shot(page, '01-empty', 800);
    // Keyboard: the first Tab stops are the 评价 tab, then 打开 .xlsx (评价 is disabled until a file is open).
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('tab:评价');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button:打开 .xlsx');

    await page.locator('input[type=file]').setInputFiles(SHENZE);
    await page.getByTestId('file-name').filter({ hasText: 'shenze-2020.xlsx' }).waitFor();
    await page.getByRole('button', { name: '评价', exact: true }).click();
    await page.getByTestId('results').waitFor({ timeout: 30000 });

    // Score cards: 7 tables, all 优.
    const cards = page.getByTestId('score-card');
    await expect(cards.count()).resolves.toBe(7);
    const grades = await page.getByTestId('grade').allTextContents();
    expect(grades).toEqual(Array(7).fill('优'));
    await expect(cards.first().textContent()).resolves.toMatch(
      /核算得分[\s\S]*自评得分[\s\S]*指标完成[\s\S]*9\/9[\s\S]*预算执行率[\s\S]*100%/,
    );
    // Findings area (the seed sample is clean) and the narrative.
    await expect(page.getByTestId('findings').textContent()).resolves.toContain('未发现问题');
    const narrative = (await page.getByTestId('narrative').textContent()) ?? '';
    expect(narrative).toContain('4150平方米');
    expect(narrative).toContain('10336');

    await shot(page, '02-results-shenze', 320);
    await shot(page, '02-results-shenze', 800);

    // 复制: text/plain and text/html through the synchronous copy event.
    await page.evaluate(() => {
      window.addEventListener('copy', (e) => {
        const w = window as unknown as { jxCopied: { text: string; html: string } };
        w.jxCopied = { text: e.clipboardData?.getData('text/plain') ?? '', html: e.clipboardData?.getData('text/html') ?? '' };
      });
    });
    await page.getByRole('button', { name: '复制' }).click();
    await page.getByTestId('copy-status').filter({ hasText: '已复制' }).waitFor();
    const copied = await page.evaluate(() => (window as unknown as { jxCopied: { text: string; html: string } }).jxCopied);
    expect(copied.text).toContain('4150平方米');
    expect(copied.html).toMatch(/^<div class="jixiao-narrative"/);
    expect(copied.html).toContain('4150平方米');

    // 下载结果工作簿: the evaluated copy re-opens in exceljs with its 评价结果 sheet.
    const xlsx = await download(page, '下载结果工作簿');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as never);
    const summary = wb.getWorksheet(SUMMARY_SHEET);
    expect(summary).toBeDefined();
    expect(String(summary?.getCell(1, 1).value)).toContain(OWNER_MARK);
    const original = new ExcelJS.Workbook();
    await original.xlsx.readFile(SHENZE);
    expect(wb.worksheets.length).toBe(original.worksheets.length + 1);

    // 导出 Word: a non-empty .docx (a zip with word/document.xml).
    const docx = await download(page, '导出 Word');
    expect(docx.length).toBeGreaterThan(5000);
    expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(docx.includes(Buffer.from('word/document.xml'))).toBe(true);

    expect((page as unknown as { jxErrors: string[] }).jxErrors).toEqual([]);
    // Open, evaluate, download, export: the user's file never goes through exceljs.
    expect(requested.filter((u) => /\/exceljs\.[^/]*\.js$/.test(u))).toEqual([]);
    expect(requested.some((u) => /\/engine\.[^/]*\.js$/.test(u))).toBe(true);
    // Nothing but office.js was requested from outside 127.0.0.1.
    expect([...new Set(outside)]).toEqual([OFFICE_JS]);
    await page.close();
  });

  test('10,000 rows: choose file → score shown (time logged; the target is ≤ 1 s on an idle machine), result downloads', async () => {
    officeJs = 'abort';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-e2e-10k-'));
    const file = path.join(dir, 'bench-10000.xlsx');
    await makeWorkbook(10000, file);
    const page = await openPane(800);
    const t0 = Date.now();
    await page.locator('input[type=file]').setInputFiles(file);
    await page.getByTestId('file-name').filter({ hasText: 'bench-10000.xlsx' }).waitFor({ timeout: 60000 });
    const opened = Date.now();
    await page.getByRole('button', { name: '评价', exact: true }).click();
    await page.getByTestId('score-card').first().waitFor({ timeout: 60000 });
    const shown = Date.now();
    console.log(`[standalone 10,000 rows] open ${opened - t0} ms, 评价 → score ${shown - opened} ms, total ${shown - t0} ms`);
    const xlsx = await download(page, '下载结果工作簿');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as never);
    expect(String(wb.getWorksheet(SUMMARY_SHEET)?.getCell(1, 1).value)).toContain(OWNER_MARK);
    expect((wb.worksheets[0] as unknown as { conditionalFormattings: unknown[] }).conditionalFormattings.length).toBeGreaterThan(0);
    expect((page as unknown as { jxErrors: string[] }).jxErrors).toEqual([]);
    await page.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 180000);

  test('findings grouped by severity (gaps sample); a finding click explains where the cell is; 清除标记', async () => {
    officeJs = 'abort';
    outside.length = 0;
    const page = await openPane(800);
    await page.locator('input[type=file]').setInputFiles(GAPS);
    await page.getByRole('button', { name: '评价', exact: true }).click();
    await page.getByTestId('results').waitFor({ timeout: 30000 });
    const findings = page.getByTestId('findings');
    await expect(findings.locator('h3').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringMatching(/^错误/), expect.stringMatching(/^警告/)]),
    );
    const first = findings.getByRole('button').first();
    await first.click();
    await page.getByTestId('select-status').filter({ hasText: '独立模式下无法直接定位单元格' }).waitFor();
    await shot(page, '03-results-gaps', 320);
    await shot(page, '03-results-gaps', 800);

    await page.getByRole('button', { name: '清除标记' }).click();
    await page.getByTestId('status').filter({ hasText: '处标色' }).waitFor();
    const cleared = await download(page, '下载结果工作簿');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(cleared as never);
    expect(wb.getWorksheet(SUMMARY_SHEET)).toBeDefined();

    // Settings tab at 320 px.
    await page.getByRole('tab', { name: '设置' }).click();
    await page.getByRole('button', { name: '保存设置' }).waitFor();
    await shot(page, '04-settings', 320);
    await shot(page, '04-settings', 800);
    expect((page as unknown as { jxErrors: string[] }).jxErrors).toEqual([]);
    expect([...new Set(outside)]).toEqual([OFFICE_JS]);
    await page.close();
  });

  test('with the built-ins the oldest supported WKWebView (Safari 13) lacks removed, the pane opens, evaluates, copies and switches tabs', async () => {
    officeJs = 'abort';
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // Before any page script: away with what Safari 13 does not have (or, for matchAll, core-js counts
    // as missing). Object.fromEntries, globalThis, queueMicrotask and Promise.allSettled it has.
    await page.addInitScript({
      content: `(function () {
        var gone = ['WeakRef', 'FinalizationRegistry', 'structuredClone'];
        gone.forEach(function (k) { try { delete window[k]; } catch (e) {} });
        delete Object.hasOwn;
        delete Array.prototype.at; delete String.prototype.at;
        delete Array.prototype.findLast; delete Array.prototype.findLastIndex;
        delete String.prototype.replaceAll; delete String.prototype.matchAll;
        delete Promise.any;
        window.__missing = gone.filter(function (k) { return k in window; }).length === 0 && !''.matchAll && !Promise.any;
      })();`,
    });
    await page.goto(`${origin}/taskpane.html`, { waitUntil: 'domcontentloaded' });
    expect(await page.evaluate(() => (window as unknown as { __missing: boolean }).__missing)).toBe(true);
    await page.getByTestId('mode').filter({ hasText: '独立模式' }).waitFor({ timeout: 15000 });
    await page.locator('input[type=file]').setInputFiles(GAPS);
    await page.getByTestId('file-name').filter({ hasText: 'gaps-sample.xlsx' }).waitFor();
    await page.getByRole('button', { name: '评价', exact: true }).click();
    await page.getByTestId('results').waitFor({ timeout: 30000 });
    // Put back: WeakRef (src/polyfills/, a strong reference) and, from core-js, matchAll (the .xlsx reader's).
    const kinds = await page.evaluate(() => [
      typeof (window as unknown as Record<string, unknown>).WeakRef,
      typeof (String.prototype as unknown as Record<string, unknown>).matchAll,
    ]);
    expect(kinds).toEqual(['function', 'function']);
    await copyAndArrowThroughTabs(page);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('in a webview the pane cannot run in (EdgeHTML, Internet Explorer 11) the page says so in Chinese, and the pane does not start', async () => {
    officeJs = 'abort';
    for (const ua of [
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19045',
      'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; ms-office; MSOffice 16)',
    ]) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.addInitScript({
        content: `Object.defineProperty(navigator, 'userAgent', { get: function () { return ${JSON.stringify(ua)}; } });`,
      });
      await page.goto(`${origin}/taskpane.html`, { waitUntil: 'load' });
      await expect(page.getByTestId('unsupported-webview').textContent()).resolves.toBe(UNSUPPORTED_WEBVIEW);
      // The bundle loaded and left the message alone: no pane, no error.
      await page.waitForTimeout(300);
      expect(await page.getByTestId('mode').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    }
    // A current webview (WebView2 says "Edg/") gets the pane, not the message.
    const page = await context.newPage();
    await page.addInitScript({
      content: `Object.defineProperty(navigator, 'userAgent', { get: function () { return 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0'; } });`,
    });
    await page.goto(`${origin}/taskpane.html`, { waitUntil: 'domcontentloaded' });
    await page.getByTestId('mode').waitFor({ timeout: 15000 });
    expect(await page.getByTestId('unsupported-webview').count()).toBe(0);
    await page.close();
  });

  test('a file that is not a 绩效自评表, and one that is not .xlsx: clear Chinese messages', async () => {
    officeJs = 'abort';
    const page = await openPane(320);
    const notXlsx = path.join(os.tmpdir(), `jixiao-e2e-${process.pid}.xlsx`);
    fs.writeFileSync(notXlsx, 'not a workbook');
    try {
      await page.locator('input[type=file]').setInputFiles(notXlsx);
      await page.getByTestId('error').filter({ hasText: '不是 .xlsx 工作簿' }).waitFor();
      await shot(page, '05-error', 320);
    } finally {
      fs.rmSync(notXlsx, { force: true });
    }
    // A workbook without an indicator table.
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1').addRow(['会议纪要', '2020年']);
    const emptyFile = path.join(os.tmpdir(), `jixiao-e2e-empty-${process.pid}.xlsx`);
    await empty.xlsx.writeFile(emptyFile);
    try {
      await page.locator('input[type=file]').setInputFiles(emptyFile);
      await page.getByTestId('file-name').waitFor();
      await page.getByRole('button', { name: '评价', exact: true }).click();
      await page.getByTestId('no-table').filter({ hasText: '未找到绩效指标表' }).waitFor();
      await shot(page, '06-no-table', 320);
    } finally {
      fs.rmSync(emptyFile, { force: true });
    }
    await page.close();
  });

  test.each([
    ['empty', 'office.js loads but defines nothing'],
    ['stub', 'office.js loads outside Office (onReady: no host)'],
    ['hang', 'office.js never answers (the bootstrap must not hang)'],
  ] as const)('bootstrap falls back to standalone mode when %s: %s', async (mode, _what) => {
    officeJs = mode;
    outside.length = 0;
    // openPane waits (15 s at most) for 独立模式: a bootstrap that hung would fail there. No wall-clock
    // bound here: the boot timeouts themselves are tested under fake timers (tests/taskpane/boot.test.tsx).
    const page = await openPane(800);
    await expect(page.getByRole('button', { name: '打开 .xlsx' }).isVisible()).resolves.toBe(true);
    expect([...new Set(outside)]).toEqual([OFFICE_JS]);
    await page.close();
  });
});
