/// <reference types="office-js" />
// Installs the fake as the globals `Excel` and `Office` (Office.context.requirements.isSetSupported), the
// way office.js would. An existing `Office` object (e.g. a test's dialog fake) is kept and extended.

import { FakeRequestContext } from './api';
import { FakeError, FakeWorkbook } from './state';

export interface InstalledExcel {
  wb: FakeWorkbook;
  uninstall(): void;
}

type Batch<T> = (context: FakeRequestContext) => Promise<T>;

/** Excel.run(batch) / Excel.run(options, batch), as in office.js. */
export function fakeRun(wb: FakeWorkbook) {
  return async function run<T>(a: Excel.RunOptions | Batch<T>, b?: Batch<T>): Promise<T> {
    const [options, batch] = typeof a === 'function' ? [{} as Excel.RunOptions, a] : [a, b];
    if (typeof batch !== 'function') throw new Error('fake Excel.run: no batch function');
    if (options.previousObjects || options.session) throw new Error('fake Excel.run: previousObjects/session are not supported');
    wb.stats.runs++;
    const ctx = new FakeRequestContext(wb, options.delayForCellEdit === true);
    const result = await batch(ctx);
    // The real Excel.run does not send commands left in the queue: the batch must sync them.
    if (ctx._ops.length) throw new Error(`fake Excel.run: ${ctx._ops.length} queued command(s) were never synced`);
    return result;
  };
}

export function isSetSupported(wb: FakeWorkbook, name: string, version?: string): boolean {
  if (name !== 'ExcelApi') return false;
  if (!version) return true;
  const m = /^1\.(\d+)$/.exec(version);
  if (!m) return false;
  return Number(m[1]) <= wb.excelApi;
}

export const FAKE_ENUMS = {
  ConditionalFormatType: {
    custom: 'Custom',
    dataBar: 'DataBar',
    colorScale: 'ColorScale',
    iconSet: 'IconSet',
    topBottom: 'TopBottom',
    presetCriteria: 'PresetCriteria',
    containsText: 'ContainsText',
    cellValue: 'CellValue',
  },
  ConditionalFormatRuleType: { number: 'Number', lowestValue: 'LowestValue', highestValue: 'HighestValue', automatic: 'Automatic' },
  ErrorCodes: {
    accessDenied: 'AccessDenied',
    apiNotFound: 'ApiNotFound',
    generalException: 'GeneralException',
    invalidArgument: 'InvalidArgument',
    invalidOperation: 'InvalidOperation',
    invalidOperationInCellEditMode: 'InvalidOperationInCellEditMode',
    itemAlreadyExists: 'ItemAlreadyExists',
    itemNotFound: 'ItemNotFound',
  },
};

export function installFakeExcel(wb: FakeWorkbook): InstalledExcel {
  const g = globalThis as unknown as { Excel?: unknown; Office?: Record<string, unknown> };
  const prevExcel = g.Excel;
  const hadOffice = g.Office !== undefined;
  const office = (g.Office ??= {});
  const prevContext = office.context;
  const requirements = { isSetSupported: (name: string, version?: string) => isSetSupported(wb, name, version) };
  office.context = { ...((prevContext as object | undefined) ?? {}), requirements };
  if (typeof office.onReady !== 'function')
    office.onReady = (cb?: () => void) => (cb?.(), Promise.resolve({ host: 'Excel', platform: 'PC' }));
  g.Excel = { run: fakeRun(wb), RequestContext: FakeRequestContext, Error: FakeError, ...FAKE_ENUMS };
  return {
    wb,
    uninstall() {
      if (prevExcel === undefined) delete g.Excel;
      else g.Excel = prevExcel;
      if (!hadOffice) delete g.Office;
      else office.context = prevContext;
    },
  };
}
