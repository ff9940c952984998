// The review in a browser (standalone page): chosen files or a folder → the same 汇总.xlsx and the letters
// as one .zip, computed on this machine (nothing is uploaded). Files are read one at a time with a yield
// to the page between them, so the progress shows and memory holds one workbook at a time.

import { JixiaoError, isJixiaoError } from '../core/errors';
import { findProfile } from '../core/data/profiles';
import { FileRecord } from './record';
import { recordOf } from './outcome';

type ExcelJSModule = typeof import('exceljs');

/** exceljs, for writing the 汇总 workbook: loaded once, in its own lazy chunk (the pane never needs it). */
async function loadExcelJS(): Promise<ExcelJSModule> {
  try {
    const m = (await import(/* webpackChunkName: "exceljs" */ 'exceljs')) as unknown as { default?: ExcelJSModule; Workbook?: unknown };
    return (m.Workbook ? m : m.default) as ExcelJSModule;
  } catch (e) {
    throw new JixiaoError('unreadable', `无法加载表格组件（${(e as Error).message ?? e}）：请刷新页面后重试。`);
  }
}

export interface PickedFile {
  name: string;
  /** Path inside the chosen folder (File.webkitRelativePath), or the name. */
  path: string;
  read(): Promise<ArrayBuffer | Uint8Array>;
}

export interface BrowserReview {
  summary: Uint8Array;
  /** The letters as one .zip (null when not asked for or no table was evaluated). */
  letters: Uint8Array | null;
  letterCount: number;
  counts: { files: number; evaluated: number; unreadable: number; noTable: number; skipped: number; tables: number };
}

export interface BrowserReviewOptions {
  profile?: string;
  letters: boolean;
  issuer?: string;
  onProgress?: (done: number, total: number, current: string) => void;
}

/** What a folder pick holds that the review reads: .xlsx files other than Office lock files, in path order. */
export function reviewable(files: PickedFile[]): PickedFile[] {
  const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
  return files.filter((f) => /\.xlsx$/i.test(f.name) && !f.name.startsWith('~$')).sort((a, b) => collator.compare(a.path, b.path));
}

const yieldToPage = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

export async function reviewInBrowser(picked: PickedFile[], o: BrowserReviewOptions): Promise<BrowserReview> {
  const files = reviewable(picked);
  if (!files.length) throw new JixiaoError('not-found', '所选文件中没有 .xlsx 工作簿。');
  const profile = findProfile(o.profile);
  if (!profile) throw new JixiaoError('bad-argument', `没有名为“${o.profile}”的评分规则。`);
  // exceljs writes the new 汇总 workbook only (no user file goes through it): its own lazy chunk.
  const ExcelJS = await loadExcelJS();
  const { readPackage, workbookSnapshot, isOurSummary } = await import('../hosts/file/package/read');
  const records: FileRecord[] = [];
  for (let i = 0; i < files.length; i++) {
    const f = files[i];
    const base: FileRecord = { index: i, path: f.path, display: f.path, status: 'evaluated', tables: [], notes: [] };
    try {
      const bytes = await f.read();
      const read = readPackage(bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes), f.name);
      records.push(
        recordOf(workbookSnapshot(read, f.name), base, { profile, json: false, isResult: read.sheets.some(isOurSummary) }).record,
      );
    } catch (e) {
      records.push({
        ...base,
        status: 'unreadable',
        error: isJixiaoError(e) ? e.message : `无法读取“${f.name}”（${(e as Error).message ?? e}）。`,
      });
    }
    o.onProgress?.(i + 1, files.length, f.path);
    await yieldToPage();
  }
  const { buildSummaryWorkbook } = await import('./summary');
  // Links are relative to where 汇总.xlsx is saved: beside the chosen folder (or the chosen files).
  const summaryWb = buildSummaryWorkbook(ExcelJS, records, { linkFor: (r) => r.path });
  const summary = new Uint8Array(await summaryWb.xlsx.writeBuffer());
  let letters: Uint8Array | null = null;
  let letterCount = 0;
  if (o.letters) {
    const { buildLetters, letterDocx } = await import('./letters');
    const list = buildLetters(records, { profileName: profile.name, issuer: o.issuer });
    letterCount = list.length;
    if (list.length) {
      const JSZip = (await import(/* webpackChunkName: "jszip" */ 'jszip')).default;
      const zip = new JSZip();
      for (const l of list) {
        zip.file(l.fileName, await letterDocx(l));
        await yieldToPage();
      }
      letters = await zip.generateAsync({ type: 'uint8array', compression: 'STORE' });
    }
  }
  const count = (s: FileRecord['status']) => records.filter((r) => r.status === s).length;
  return {
    summary,
    letters,
    letterCount,
    counts: {
      files: records.length,
      evaluated: count('evaluated'),
      unreadable: count('unreadable'),
      noTable: count('no-table'),
      skipped: count('skipped'),
      tables: records.reduce((n, r) => n + r.tables.length, 0),
    },
  };
}
