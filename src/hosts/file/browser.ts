// The file host for standalone mode (the task pane opened in an ordinary browser): an .xlsx the user
// opened, held in memory. It is read with the package reader (package/read.ts) and the result is a patch
// of the original package (package/patch.ts): parts the result does not change are copied as they are.
//
// The user's file is never modified: the result is the original bytes patched with the last plan (built
// when first downloaded, so the score shows without waiting for it), so 评价 twice gives the same result
// workbook as once, and clearMarks() gives the copy without marks (the 评价结果 sheet
// stays, as the Host contract says). clearResult() gives the original workbook's parts back from a
// result file that was opened (our marks and 评价结果 sheet removed).

import { Host, Settings, ApplyResult, DEFAULT_SETTINGS, normaliseSettings } from '../host';
import { WorkbookSnapshot } from '../../core/snapshot';
import { WritePlan } from '../../core/plan';
import { JixiaoError, isJixiaoError } from '../../core/errors';
import { baseName } from '../../core/text';
import { ReadPackage, isOurSummary, readPackage } from './package/read';
import { patchPackage, summaryNameIn } from './package/patch';
import { joinPieces, zipPieces } from './package/zip';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Where the file host keeps settings between visits (the file itself is never written). */
export const SETTINGS_KEY = 'jixiao.settings';

export interface FileHost extends Host {
  readonly kind: 'file';
  /** The evaluated copy (marks and 评价结果), or a copy of the original before any 评价. */
  resultWorkbookBytes(): Promise<Uint8Array>;
  /** Suggested download name of the result copy: "<name>-评价结果.xlsx". */
  resultFileName(): string;
  /** Whether apply() has produced a result copy. */
  hasResult(): boolean;
  /** Whether the opened file is a result of ours (it holds our marks or our 评价结果 sheet). */
  isResult?(): boolean;
  /** The opened file with our marks and 评价结果 sheets removed (a result of an earlier 评价 made clean). */
  cleanWorkbookBytes?(): Promise<{ bytes: Uint8Array; cleared: number; removed: string[] }>;
  /** Suggested download name of the clean copy: "<name>-已清除.xlsx". */
  cleanFileName?(): string;
}

export interface FileHostOptions {
  /** Where settings persist; default window.localStorage when usable, else memory only. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

function defaultStorage(): Pick<Storage, 'getItem' | 'setItem'> | null {
  try {
    const s = (globalThis as { localStorage?: Storage }).localStorage;
    return s ?? null;
  } catch {
    // Storage can throw on access (disabled cookies, sandboxed frames).
    return null;
  }
}

/** A copy as a plain Uint8Array (never a view of the caller's memory, never a Node Buffer). */
function copyBytes(buf: ArrayBuffer | ArrayBufferView): Uint8Array {
  const view = ArrayBuffer.isView(buf) ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : new Uint8Array(buf);
  return new Uint8Array(view);
}

export function resultNameFor(fileName: string): string {
  return `${baseName(fileName)}-评价结果.xlsx`;
}

export async function createFileHost(bytes: ArrayBuffer | Uint8Array, fileName: string, options: FileHostOptions = {}): Promise<FileHost> {
  // Our own copy: whatever the caller does with its buffer afterwards, the original stays as opened.
  const original = copyBytes(bytes);
  const source: ReadPackage = readPackage(original, fileName);
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  let memorySettings: Settings = normaliseSettings(safeGet(storage)) ?? { ...DEFAULT_SETTINGS };

  let lastPlan: WritePlan | null = null;
  /** The result copy, built when first asked for (the score is shown without waiting for it). */
  let result: Uint8Array | null = null;

  function safeGet(s: Pick<Storage, 'getItem'> | null): string | null {
    try {
      return s ? s.getItem(SETTINGS_KEY) : null;
    } catch {
      return null;
    }
  }

  /** The original patched with `plan`: all or nothing. */
  function build(plan: WritePlan): Uint8Array {
    try {
      return joinPieces(zipPieces(patchPackage(source, { highlights: plan.highlights, summary: plan.summary }).entries));
    } catch (e) {
      if (isJixiaoError(e)) throw e;
      throw new JixiaoError('write-failed', `生成结果工作簿失败（${(e as Error).message ?? e}）。原文件未被修改。`);
    }
  }

  const evaluated = () => source.sheets.filter((s) => !isOurSummary(s));

  const host: FileHost = {
    kind: 'file',
    async documentName() {
      return fileName;
    },
    async readSnapshot(scope): Promise<WorkbookSnapshot> {
      const sheets = evaluated();
      if (scope === 'active') {
        // The sheet that was active when the file was saved; the first one when unknown.
        const entry = source.book.sheets[source.book.activeTab];
        const active = sheets.find((s) => s.entry === entry) ?? sheets[0];
        return { name: fileName, sheets: active ? [active.snapshot] : [] };
      }
      return { name: fileName, sheets: sheets.map((s) => s.snapshot) };
    },
    async apply(plan): Promise<ApplyResult> {
      lastPlan = plan;
      result = null;
      return { summarySheet: summaryNameIn(source, plan.summary.name), highlighted: plan.highlights.length };
    },
    async clearMarks() {
      if (!lastPlan) return { cleared: 0 };
      const cleared = lastPlan.highlights.length;
      lastPlan = { highlights: [], summary: lastPlan.summary, sheets: lastPlan.sheets };
      result = null;
      return { cleared };
    },
    async selectCell() {
      // A file has no selection; the pane tells the user where the cell is instead.
    },
    async loadSettings() {
      return { ...memorySettings, standards: memorySettings.standards ? memorySettings.standards.map((s) => ({ ...s })) : null };
    },
    async saveSettings(s: Settings) {
      memorySettings = { ...s, standards: s.standards ? s.standards.map((x) => ({ ...x })) : null };
      try {
        if (storage) storage.setItem(SETTINGS_KEY, JSON.stringify(memorySettings));
      } catch {
        // Quota or privacy mode: the settings still hold for this session.
      }
    },
    async resultWorkbookBytes() {
      if (!lastPlan) return copyBytes(original);
      result ??= build(lastPlan);
      return copyBytes(result);
    },
    resultFileName() {
      return resultNameFor(fileName);
    },
    hasResult() {
      return lastPlan !== null;
    },
    isResult() {
      return source.sheets.some((s) => s.marked || isOurSummary(s));
    },
    cleanFileName() {
      return `${baseName(fileName)}-已清除.xlsx`;
    },
    async cleanWorkbookBytes() {
      const r = patchPackage(source, { highlights: [], summary: null, removeSummaries: true });
      return { bytes: joinPieces(zipPieces(r.entries)), cleared: r.cleared, removed: r.removed };
    },
  };
  return host;
}
