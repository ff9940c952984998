// End to end: 批量复核 on the standalone page in headless Chromium (production build, offline: every
// request not to 127.0.0.1 is blocked and recorded). Choose several department workbooks (plus a lock
// file and a broken one) → progress → 汇总.xlsx and the letters' .zip downloaded, both opened and checked.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { OfflineBrowser, describeWithBrowser, launchOffline, productionBuild, serveDir, shot, SHOTS } from './support';
import { writeDepartmentFolder, Folder } from '../../bench/departments';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-e2e-review-'));
let origin: string;
let stopServer: () => Promise<void>;
let folder: Folder;

beforeAll(async () => {
  folder = await writeDepartmentFolder(path.join(tmp, '收文'), { count: 8, extras: true });
  const dist = await productionBuild();
  const s = await serveDir(dist);
  origin = s.origin;
  stopServer = s.stop;
}, 330000);

afterAll(async () => {
  if (stopServer) await stopServer();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describeWithBrowser('批量复核 in headless Chromium', () => {
  let browser: OfflineBrowser;

  beforeAll(async () => {
    browser = await launchOffline((route) => route.abort('blockedbyclient'), { acceptDownloads: true, label: 'review' });
  }, 60000);

  afterAll(async () => {
    if (browser) await browser.close();
  });

  test('files chosen → 汇总.xlsx and 复核意见.zip, computed in the page, nothing sent out', async () => {
    browser.outside.length = 0;
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 800, height: 900 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${origin}/taskpane.html`, { waitUntil: 'domcontentloaded' });
    const choose = page.getByRole('button', { name: '选择文件…' });
    await choose.waitFor({ timeout: 20000 });
    const inbox = path.join(tmp, '收文');
    const files = fs.readdirSync(inbox).map((n) => path.join(inbox, n));
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), choose.click()]);
    expect(chooser.isMultiple()).toBe(true);
    await chooser.setFiles(files);
    const summaryButton = page.getByRole('button', { name: '下载汇总.xlsx' });
    await summaryButton.waitFor({ timeout: 60000 });
    await expect(page.getByTestId('review-status').textContent()).resolves.toContain(
      `共 ${folder.tables.length + 2} 个文件：已评价 ${folder.tables.length}，无法读取 1，跳过 1`,
    );
    fs.mkdirSync(SHOTS, { recursive: true });
    await shot(page, '07-review-done', 800);

    const [dl] = await Promise.all([page.waitForEvent('download'), summaryButton.click()]);
    expect(dl.suggestedFilename()).toBe('汇总.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync((await dl.path()) as string) as never);
    const ws = wb.getWorksheet('汇总') as ExcelJS.Worksheet;
    for (let i = 0; i < folder.tables.length; i++) {
      expect(ws.getCell(i + 2, 2).value).toBe(folder.tables[i].department);
      expect(ws.getCell(i + 2, 3).value).toBe(folder.tables[i].project);
    }
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '问题清单', '统计']);

    const [zipDl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^下载复核意见/ }).click()]);
    expect(zipDl.suggestedFilename()).toBe('复核意见.zip');
    const zip = await JSZip.loadAsync(fs.readFileSync((await zipDl.path()) as string));
    expect(Object.keys(zip.files).sort()).toEqual([...new Set(folder.tables.map((t) => `复核意见-${t.department}.docx`))].sort());
    expect(errors).toEqual([]);
    expect(browser.outside.filter((u) => !u.includes('appsforoffice'))).toEqual([]);
  }, 120000);
});
