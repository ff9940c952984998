// Entry for browser tests: bundled (esbuild, IIFE) and served in place of office.js, it offers
// window.jixiaoFakeExcel.install(workbookJson), which puts on window what office.js gives a task pane
// running in Excel: `Office` (onReady → { host: 'Excel', platform }, context.requirements.isSetSupported)
// and `Excel` (Excel.run over the fake workbook, see api.ts). workbook() hands the current state back
// as JSON for the test to check in Node (workbookFromJson). The pane uses nothing else of Office.js in
// Excel mode (copying goes through the browser's copy event, settings through Excel.SettingCollection).

import { installFakeExcel } from './install';
import { FakeWorkbookJson, workbookFromJson, workbookToJson } from './json';
import { FakeWorkbook, newStats } from './state';

export interface FakeExcelPage {
  /** Installs the globals over a copy of `json`; platform as Office.onReady reports it (default OfficeOnline). */
  install(json: FakeWorkbookJson, options?: { platform?: string }): void;
  /** The workbook as it is now. */
  workbook(): FakeWorkbookJson;
  /** Zeroes the sync / proxy / run counters. */
  resetStats(): void;
}

interface ReadyInfo {
  host: string;
  platform: string;
}

let current: FakeWorkbook | null = null;

function installed(): FakeWorkbook {
  if (!current) throw new Error('jixiaoFakeExcel: install() was not called');
  return current;
}

const page: FakeExcelPage = {
  install(json, options = {}) {
    const wb = workbookFromJson(json);
    const info: ReadyInfo = { host: 'Excel', platform: options.platform ?? 'OfficeOnline' };
    const w = window as unknown as Record<string, unknown>;
    // Like office.js: onReady calls back and resolves once Office has initialised (asynchronously).
    w.Office = {
      HostType: { Excel: 'Excel' },
      PlatformType: { PC: 'PC', OfficeOnline: 'OfficeOnline', Mac: 'Mac', iOS: 'iOS', Universal: 'Universal' },
      context: { host: info.host, platform: info.platform, displayLanguage: 'zh-CN', contentLanguage: 'zh-CN' },
      onReady(callback?: (i: ReadyInfo) => void): Promise<ReadyInfo> {
        return new Promise((resolve) =>
          setTimeout(() => {
            if (callback) callback(info);
            resolve(info);
          }, 0),
        );
      },
    };
    installFakeExcel(wb);
    current = wb;
  },
  workbook() {
    return workbookToJson(installed());
  },
  resetStats() {
    installed().stats = newStats();
  },
};

(window as unknown as { jixiaoFakeExcel: FakeExcelPage }).jixiaoFakeExcel = page;
