// The standalone file host (src/hosts/file/browser.ts) over the package reader and writer: evaluates a
// copy, never the original; re-running is idempotent; 清除标记 gives the copy without marks; settings
// persist in the given storage. Results are read back with exceljs, an independent reader.

import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { createFileHost, resultNameFor, SETTINGS_KEY } from '../../src/hosts/file/browser';
import { runEvaluation } from '../../src/app/session';
import { OWNER_MARK, SEVERITY_FILL, SUMMARY_SHEET } from '../../src/core/plan';
import { isJixiaoError } from '../../src/core/errors';
import { DEFAULT_SETTINGS } from '../../src/hosts/host';
import { entryText, readZip } from '../../src/hosts/file/package/zip';

const ROOT = path.resolve(__dirname, '../..');
const GAPS = fs.readFileSync(path.join(ROOT, 'examples', 'gaps-sample.xlsx'));

function memoryStorage() {
  const data = new Map<string, string>();
  return { data, getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v) };
}

function arrayBufferOf(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as never);
  return wb;
}

/** Every cell's value and fill colour, sheet by sheet: what the user sees. */
function picture(wb: ExcelJS.Workbook): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  wb.eachSheet((ws) => {
    const cells: Record<string, string> = {};
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (c) => {
        const fill = c.fill && c.fill.type === 'pattern' ? ((c.fill as ExcelJS.FillPattern).fgColor?.argb ?? '') : '';
        cells[c.address] = `${JSON.stringify(c.value)}|${fill}`;
      }),
    );
    out[ws.name] = cells;
  });
  return out;
}

/** Cells under our mark rules (conditional formats with the jixiao-mark formula) and the rules' fills. */
function ourMarks(wb: ExcelJS.Workbook, sheet: string): { cells: string[]; fills: string[] } {
  type Cf = { ref: string; rules: { formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } }[] };
  const cfs = (wb.getWorksheet(sheet) as unknown as { conditionalFormattings: Cf[] }).conditionalFormattings;
  const cells: string[] = [];
  const fills: string[] = [];
  for (const cf of cfs) {
    const rule = cf.rules.find((r) => /jixiao-mark:/.test(r.formulae?.[0] ?? ''));
    if (!rule) continue;
    fills.push(rule.style?.fill?.bgColor?.argb ?? '');
    for (const area of cf.ref.split(' ')) {
      const [a, b = a] = area.split(':');
      const ws = wb.getWorksheet(sheet)!;
      const tl = ws.getCell(a);
      const br = ws.getCell(b);
      for (let r = Number(tl.row); r <= Number(br.row); r++)
        for (let c = Number(tl.col); c <= Number(br.col); c++) cells.push(ws.getCell(r, c).address);
    }
  }
  return { cells, fills };
}

describe('createFileHost', () => {
  test('evaluates the whole workbook; the result copy has highlights and 评价结果; the original is untouched', async () => {
    const input = new Uint8Array(GAPS);
    const host = await createFileHost(input.buffer.slice(0) as ArrayBuffer, 'gaps-sample.xlsx', { storage: memoryStorage() });
    expect(host.kind).toBe('file');
    await expect(host.documentName()).resolves.toBe('gaps-sample.xlsx');
    expect(host.hasResult()).toBe(false);
    const before = await host.resultWorkbookBytes();
    expect(Buffer.from(before).equals(GAPS)).toBe(true);

    const out = await runEvaluation(host, { scope: 'workbook', settings: DEFAULT_SETTINGS });
    expect(out.result.sheets.map((s) => s.sheet)).toEqual(['基本公共卫生服务', '重大传染病防控', '计生与健康扶贫']);
    expect(out.applied.summarySheet).toBe(SUMMARY_SHEET);
    expect(out.applied.highlighted).toBeGreaterThan(10);
    expect(host.hasResult()).toBe(true);

    const wb = await load(await host.resultWorkbookBytes());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['基本公共卫生服务', '重大传染病防控', '填表说明', '计生与健康扶贫', SUMMARY_SHEET]);
    expect(String(wb.getWorksheet(SUMMARY_SHEET)?.getCell('A1').value)).toBe(`${OWNER_MARK}评价结果`);
    const pic = picture(wb);
    const finding = out.result.sheets[0].tables[0].findings.find((f) => f.severity === 'error' && f.cell) as { cell: string };
    const marks = ourMarks(wb, '基本公共卫生服务');
    expect(marks.cells).toContain(finding.cell);
    expect(marks.fills).toContain(`FF${SEVERITY_FILL.error}`);
    // Source values unchanged.
    const orig = picture(await load(GAPS));
    for (const sheet of Object.keys(orig)) {
      for (const [addr, v] of Object.entries(orig[sheet])) expect(pic[sheet][addr].split('|')[0]).toBe(v.split('|')[0]);
    }
    // The caller's buffer and the file on disk are as they were.
    expect(Buffer.from(input).equals(GAPS)).toBe(true);
    expect(resultNameFor('gaps-sample.xlsx')).toBe('gaps-sample-评价结果.xlsx');
    expect(host.resultFileName()).toBe('gaps-sample-评价结果.xlsx');
  });

  test('评价 twice gives the same result workbook as once', async () => {
    const host = await createFileHost(arrayBufferOf(GAPS), 'gaps-sample.xlsx', { storage: null });
    await runEvaluation(host, { scope: 'workbook', settings: DEFAULT_SETTINGS });
    const once = picture(await load(await host.resultWorkbookBytes()));
    await runEvaluation(host, { scope: 'workbook', settings: DEFAULT_SETTINGS });
    const twice = picture(await load(await host.resultWorkbookBytes()));
    expect(twice).toEqual(once);
    expect(Object.keys(twice)).not.toContain(`${SUMMARY_SHEET}(2)`);
  });

  test('清除标记 removes the highlights, keeps 评价结果, and restores the user fills exactly', async () => {
    const host = await createFileHost(arrayBufferOf(GAPS), 'gaps-sample.xlsx', { storage: null });
    await expect(host.clearMarks()).resolves.toEqual({ cleared: 0 });
    const out = await runEvaluation(host, { scope: 'workbook', settings: DEFAULT_SETTINGS });
    await expect(host.clearMarks()).resolves.toEqual({ cleared: out.applied.highlighted });
    const cleared = await load(await host.resultWorkbookBytes());
    const pic = picture(cleared);
    const orig = picture(await load(GAPS));
    for (const sheet of Object.keys(orig)) expect(pic[sheet]).toEqual(orig[sheet]);
    for (const sheet of Object.keys(orig)) expect(ourMarks(cleared, sheet).cells).toEqual([]);
    expect(Object.keys(pic)).toContain(SUMMARY_SHEET);
  });

  test('a file that already holds our 评价结果 sheet: it is not evaluated and is replaced', async () => {
    const first = await createFileHost(arrayBufferOf(GAPS), 'gaps-sample.xlsx', { storage: null });
    await runEvaluation(first, { scope: 'workbook', settings: DEFAULT_SETTINGS });
    const evaluated = await first.resultWorkbookBytes();
    const again = await createFileHost(evaluated, 'gaps-sample-评价结果.xlsx', { storage: null });
    const snap = await again.readSnapshot('workbook');
    expect(snap.sheets.map((s) => s.name)).not.toContain(SUMMARY_SHEET);
    const out = await runEvaluation(again, { scope: 'workbook', settings: DEFAULT_SETTINGS });
    expect(out.applied.summarySheet).toBe(SUMMARY_SHEET);
    const wb = await load(await again.resultWorkbookBytes());
    expect(wb.worksheets.filter((w) => w.name.startsWith(SUMMARY_SHEET))).toHaveLength(1);
  });

  test('a result opened again: the clean copy gives back the original workbook part for part', async () => {
    const first = await createFileHost(arrayBufferOf(GAPS), 'gaps-sample.xlsx', { storage: null });
    expect(first.isResult!()).toBe(false);
    await runEvaluation(first, { scope: 'workbook', settings: DEFAULT_SETTINGS });
    const result = await first.resultWorkbookBytes();
    const opened = await createFileHost(result, 'gaps-sample-评价结果.xlsx', { storage: null });
    expect(opened.isResult!()).toBe(true);
    const clean = await opened.cleanWorkbookBytes!();
    expect(clean.removed).toEqual([SUMMARY_SHEET]);
    expect(clean.cleared).toBeGreaterThan(0);
    expect(opened.cleanFileName!()).toBe('gaps-sample-评价结果-已清除.xlsx');
    const a = readZip(new Uint8Array(GAPS));
    const b = readZip(clean.bytes);
    expect(b.entries.map((e) => e.name)).toEqual(a.entries.map((e) => e.name));
    for (const e of a.entries) expect([e.name, entryText(b, b.byName.get(e.name.toLowerCase())!)]).toEqual([e.name, entryText(a, e)]);
  });

  test("readSnapshot('active') reads one sheet (the workbook's active tab, else the first)", async () => {
    const host = await createFileHost(arrayBufferOf(GAPS), 'gaps-sample.xlsx', { storage: null });
    const snap = await host.readSnapshot('active');
    expect(snap.sheets.map((s) => s.name)).toEqual(['基本公共卫生服务']);
  });

  test('settings persist in the given storage across hosts; selectCell is a no-op', async () => {
    const storage = memoryStorage();
    const a = await createFileHost(arrayBufferOf(GAPS), 'a.xlsx', { storage });
    await expect(a.loadSettings()).resolves.toEqual(DEFAULT_SETTINGS);
    const s = {
      profile: 'guangxi',
      standards: [{ keyword: '满意度', op: '>=' as const, value: 90, unit: '%', label: '满意度不低于90%' }],
      department: '某县卫健局',
      year: '2021',
    };
    await a.saveSettings(s);
    expect(JSON.parse(storage.data.get(SETTINGS_KEY) as string)).toEqual(s);
    const b = await createFileHost(arrayBufferOf(GAPS), 'b.xlsx', { storage });
    await expect(b.loadSettings()).resolves.toEqual(s);
    await expect(b.selectCell('基本公共卫生服务', 'A1')).resolves.toBeUndefined();
    // Broken storage content or a throwing storage: defaults, no crash.
    storage.data.set(SETTINGS_KEY, '{not json');
    const c = await createFileHost(arrayBufferOf(GAPS), 'c.xlsx', {
      storage: {
        getItem: () => storage.data.get(SETTINGS_KEY) ?? null,
        setItem: () => {
          throw new Error('QuotaExceededError');
        },
      },
    });
    await expect(c.loadSettings()).resolves.toEqual(DEFAULT_SETTINGS);
    await expect(c.saveSettings(s)).resolves.toBeUndefined();
    await expect(c.loadSettings()).resolves.toEqual(s);
  });

  test('unreadable and unsupported files give Chinese errors', async () => {
    const bad = createFileHost(new TextEncoder().encode('not a workbook'), '表.xlsx', { storage: null });
    await expect(bad).rejects.toMatchObject({ code: 'unreadable' });
    await expect(bad).rejects.toThrow(/不是 \.xlsx 工作簿/);
    const xls = await createFileHost(arrayBufferOf(GAPS), '旧表.xls', { storage: null }).catch((e) => e);
    expect(isJixiaoError(xls) && xls.code).toBe('unsupported');
  });
});
