// The file host for standalone mode (the task pane opened in an ordinary browser): an .xlsx the user
// opened, held in memory. exceljs is loaded with a dynamic import() so that it lands in a lazily
// loaded chunk: the pane pulls it in only when a file is opened.
//
// The user's file is never modified: every apply() starts again from a fresh load of the original
// bytes, so 评价 twice gives the same result workbook as once, and clearMarks() rebuilds the copy
// without highlights (the 评价结果 sheet stays, as the Host contract says).

import type ExcelJS from 'exceljs';
import { Host, Settings, ApplyResult, DEFAULT_SETTINGS, normaliseSettings } from '../host';
import { WorkbookSnapshot } from '../../core/snapshot';
import { WritePlan, isOwnerMark } from '../../core/plan';
import { JixiaoError } from '../../core/errors';
import { baseName } from '../../core/text';
import { loadXlsx, snapshotSheet, applyPlan } from './xlsx';

type ExcelJSModule = typeof ExcelJS;

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Where the file host keeps settings between visits (the file itself is never written). */
export const SETTINGS_KEY = 'jixiao.settings';

export interface FileHost extends Host {
  readonly kind: 'file';
  /** The evaluated copy (highlights and 评价结果), or a copy of the original before any 评价. */
  resultWorkbookBytes(): Promise<Uint8Array>;
  /** Suggested download name of the result copy: "<name>-评价结果.xlsx". */
  resultFileName(): string;
  /** Whether apply() has produced a result copy. */
  hasResult(): boolean;
}

export interface FileHostOptions {
  /** Where settings persist; default window.localStorage when usable, else memory only. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** The exceljs module; default a dynamic import (a lazy chunk in the browser build). */
  exceljs?: ExcelJSModule;
}

let exceljsPromise: Promise<ExcelJSModule> | null = null;

/** exceljs, loaded once. In the webpack build this is its own chunk (the browser bundle of exceljs). */
export function loadExcelJS(): Promise<ExcelJSModule> {
  if (!exceljsPromise) {
    exceljsPromise = import(/* webpackChunkName: "exceljs" */ 'exceljs')
      .then((m) => {
        const mod = m as unknown as { default?: ExcelJSModule; Workbook?: unknown };
        return (mod.Workbook ? mod : mod.default) as ExcelJSModule;
      })
      .catch((e) => {
        exceljsPromise = null;
        throw new JixiaoError('unreadable', `无法加载表格组件（${(e as Error).message ?? e}）：请刷新页面后重试。`);
      });
  }
  return exceljsPromise;
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

function isSummarySheet(ws: ExcelJS.Worksheet): boolean {
  return isOwnerMark(ws.getCell(1, 1).value);
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
  const Excel = options.exceljs ?? (await loadExcelJS());
  // Our own copy: whatever the caller does with its buffer afterwards, the original stays as opened.
  const original = copyBytes(bytes);
  const source = await loadXlsx(Excel, original, fileName);
  const storage = options.storage === undefined ? defaultStorage() : options.storage;
  let memorySettings: Settings = normaliseSettings(safeGet(storage)) ?? { ...DEFAULT_SETTINGS };

  let lastPlan: WritePlan | null = null;
  let result: ExcelJS.Workbook | null = null;

  function safeGet(s: Pick<Storage, 'getItem'> | null): string | null {
    try {
      return s ? s.getItem(SETTINGS_KEY) : null;
    } catch {
      return null;
    }
  }

  /** A fresh copy of the original with `plan` applied: all or nothing. */
  async function build(plan: WritePlan): Promise<{ wb: ExcelJS.Workbook; summarySheet: string }> {
    const wb = await loadXlsx(Excel, original, fileName);
    try {
      const summarySheet = applyPlan(wb, plan);
      return { wb, summarySheet };
    } catch (e) {
      throw new JixiaoError('write-failed', `生成结果工作簿失败（${(e as Error).message ?? e}）。原文件未被修改。`);
    }
  }

  const host: FileHost = {
    kind: 'file',
    async documentName() {
      return fileName;
    },
    async readSnapshot(scope): Promise<WorkbookSnapshot> {
      const sheets: ExcelJS.Worksheet[] = [];
      source.eachSheet((ws) => {
        if (!isSummarySheet(ws)) sheets.push(ws);
      });
      if (scope === 'active') {
        // The sheet that was active when the file was saved; the first one when unknown.
        const views = (source as unknown as { views?: { activeTab?: number }[] }).views;
        const tab = views && views[0] && typeof views[0].activeTab === 'number' ? views[0].activeTab : 0;
        const all: ExcelJS.Worksheet[] = [];
        source.eachSheet((ws) => all.push(ws));
        const active = all[tab] && !isSummarySheet(all[tab]) ? all[tab] : sheets[0];
        return { name: fileName, sheets: active ? [snapshotSheet(active)] : [] };
      }
      return { name: fileName, sheets: sheets.map(snapshotSheet) };
    },
    async apply(plan): Promise<ApplyResult> {
      const built = await build(plan);
      result = built.wb;
      lastPlan = plan;
      return { summarySheet: built.summarySheet, highlighted: plan.highlights.length };
    },
    async clearMarks() {
      if (!lastPlan) return { cleared: 0 };
      const cleared = lastPlan.highlights.length;
      const plan: WritePlan = { highlights: [], summary: lastPlan.summary, sheets: lastPlan.sheets };
      const built = await build(plan);
      result = built.wb;
      lastPlan = plan;
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
      if (!result) return copyBytes(original);
      const out = await result.xlsx.writeBuffer();
      return copyBytes(out as ArrayBuffer);
    },
    resultFileName() {
      return resultNameFor(fileName);
    },
    hasResult() {
      return result !== null;
    },
  };
  return host;
}
