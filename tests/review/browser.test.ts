// The standalone page's review (src/review/browser.ts): picked files → the same 汇总.xlsx as the CLI and
// the letters as a .zip, lock files and non-workbooks left out, an unreadable file reported.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { reviewInBrowser, PickedFile } from '../../src/review/browser';
import { main } from '../../src/cli/main';
import { writeDepartmentFolder, Folder } from '../../bench/departments';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-review-browser-'));
const inbox = path.join(tmp, '收文');
let folder: Folder;

function pick(file: string): PickedFile {
  return { name: path.basename(file), path: `收文/${path.relative(inbox, file)}`, read: async () => new Uint8Array(fs.readFileSync(file)) };
}

function values(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    const v: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (c, col) => {
      const x = c.value as { text?: string; hyperlink?: string } | null;
      // Links differ by design (relative to where each summary is saved): compare their text.
      v[col - 1] = x && typeof x === 'object' && 'hyperlink' in x ? x.text : x;
    });
    out[r - 1] = v;
  });
  return out;
}

beforeAll(async () => {
  folder = await writeDepartmentFolder(inbox, { count: 6, extras: true });
  fs.writeFileSync(path.join(inbox, '说明.txt'), '不是工作簿');
}, 60000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('same 汇总 as the CLI, letters zipped, progress per file, nothing but .xlsx read', async () => {
  const files = fs.readdirSync(inbox).map((n) => pick(path.join(inbox, n)));
  const progress: string[] = [];
  const r = await reviewInBrowser(files, { letters: true, onProgress: (d, t, c) => progress.push(`${d}/${t} ${c}`) });
  // 6 workbooks, the unreadable one and our result file; not the lock file nor 说明.txt.
  expect(progress).toHaveLength(8);
  expect(progress.join('\n')).not.toContain('~$');
  expect(r.counts).toEqual({ files: 8, evaluated: 6, unreadable: 1, noTable: 0, skipped: 1, tables: 6 });

  const cliSummary = path.join(tmp, '汇总.xlsx');
  expect(await main(['review', inbox, '--summary', cliSummary], { out: () => undefined, err: () => undefined })).toBe(2);
  const a = new ExcelJS.Workbook();
  await a.xlsx.load(Buffer.from(r.summary) as never);
  const b = new ExcelJS.Workbook();
  await b.xlsx.readFile(cliSummary);
  for (const name of ['汇总', '问题清单', '统计']) {
    const va = values(a.getWorksheet(name) as ExcelJS.Worksheet);
    const vb = values(b.getWorksheet(name) as ExcelJS.Worksheet);
    // The page shows paths inside the chosen folder (收文/…), the CLI relative to the folder given.
    expect(va.map((row) => row.map((x) => (typeof x === 'string' ? x.replace(/^收文\//, '') : x)))).toEqual(vb);
  }
  const link = (a.getWorksheet('汇总') as ExcelJS.Worksheet).getCell(2, 14).value as { hyperlink: string };
  expect(link.hyperlink).toBe(`收文/${path.basename(folder.tables[0].file)}`);

  const zip = await JSZip.loadAsync(r.letters as Uint8Array);
  const names = Object.keys(zip.files).sort();
  expect(names).toEqual([...new Set(folder.tables.map((t) => `复核意见-${t.department}.docx`))].sort());
  expect(r.letterCount).toBe(names.length);
  const doc = await (zip.file(names[0]) as JSZip.JSZipObject).async('string');
  expect(doc.length).toBeGreaterThan(0);
});

test('no workbook among the picked files: a Chinese message', async () => {
  await expect(reviewInBrowser([pick(path.join(inbox, '说明.txt'))], { letters: false })).rejects.toThrow('所选文件中没有 .xlsx 工作簿');
});
