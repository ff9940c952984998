/**
 * @jest-environment jsdom
 */
/// <reference types="office-js" />
// The ribbon commands' function file against a small fake of the Office dialog API plus the fake Excel
// API (tests/fakes/excel): both manifest FunctionNames get associated; 评价 evaluates the active sheet and
// shows the score, 清除标记 removes the marks, failures show the Chinese message; every command always
// completes its event.

import * as path from 'path';
import ExcelJS from 'exceljs';
import { FakeWorkbook, dumpSheet, fakeWorkbookFromExcelJs, findSheet, installFakeExcel } from '../fakes/excel';

const GAPS = path.resolve(__dirname, '..', '..', 'examples', 'gaps-sample.xlsx');
let gaps: ExcelJS.Workbook;

beforeAll(async () => {
  gaps = new ExcelJS.Workbook();
  await gaps.xlsx.readFile(GAPS);
});

/** The fake Excel workbook (gaps-sample.xlsx) installed next to the dialog fake. */
function installExcel(): FakeWorkbook {
  const wb = fakeWorkbookFromExcelJs(gaps, { name: 'gaps-sample.xlsx' });
  installFakeExcel(wb);
  return wb;
}

/** Lets the command's promise chain run (works under fake timers too: everything is microtasks). */
async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 200000 && !cond(); i++) await Promise.resolve();
  if (!cond()) throw new Error('condition not reached');
}

type Handler = (args: unknown) => void;

interface FakeDialog {
  handlers: Map<Office.EventType, Handler>;
  closed: boolean;
}

function installFakeOffice(dialogFails = false) {
  const associated = new Map<string, (event: Office.AddinCommands.Event) => unknown>();
  const dialogs: { url: string; options: Office.DialogOptions; dialog: FakeDialog }[] = [];
  const fake = {
    onReady: (callback?: () => void) => {
      callback?.();
      return Promise.resolve({ host: 'Excel', platform: 'PC' });
    },
    actions: { associate: (id: string, fn: (event: Office.AddinCommands.Event) => unknown) => associated.set(id, fn) },
    AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
    EventType: { DialogMessageReceived: 'dialogMessageReceived', DialogEventReceived: 'dialogEventReceived' },
    context: {
      ui: {
        displayDialogAsync(url: string, options: Office.DialogOptions, callback: (r: unknown) => void) {
          if (dialogFails) {
            callback({ status: 'failed', error: { code: 12007, message: 'A dialog box is already opened' } });
            return;
          }
          const dialog: FakeDialog = { handlers: new Map(), closed: false };
          dialogs.push({ url, options, dialog });
          callback({
            status: 'succeeded',
            value: {
              addEventHandler: (type: Office.EventType, handler: Handler) => dialog.handlers.set(type, handler),
              close: () => {
                dialog.closed = true;
              },
            },
          });
        },
        messageParent: jest.fn(),
      },
    },
  };
  (globalThis as unknown as { Office: unknown }).Office = fake;
  return { associated, dialogs };
}

function fakeEvent() {
  const completed = jest.fn();
  return { event: { completed, source: { id: 'JX.Evaluate' } } as unknown as Office.AddinCommands.Event, completed };
}

afterEach(() => {
  delete (globalThis as unknown as { Office?: unknown }).Office;
  delete (globalThis as unknown as { Excel?: unknown }).Excel;
  jest.resetModules();
  jest.useRealTimers();
});

test('associates exactly the manifest FunctionNames', () => {
  const { associated } = installFakeOffice();
  jest.isolateModules(() => require('../../src/commands/commands'));
  expect([...associated.keys()].sort()).toEqual(['clearMarks', 'evaluate']);
});

test('评价 evaluates the active sheet, shows the score in a notice on the same page, completes when closed', async () => {
  const { associated, dialogs } = installFakeOffice();
  const wb = installExcel();
  jest.isolateModules(() => require('../../src/commands/commands'));
  const { event, completed } = fakeEvent();
  const done = associated.get('evaluate')!(event) as Promise<void>;
  await until(() => dialogs.length === 1);
  const url = new URL(dialogs[0].url);
  expect(url.origin + url.pathname).toBe(window.location.origin + window.location.pathname);
  expect(url.searchParams.get('jx-message')).toMatch(
    /^评价完成：核算得分 88\.69 分（良），发现 24 处问题，已在表上标出 23 个单元格，结果见“评价结果”工作表。/,
  );
  expect(findSheet(wb, '评价结果')).toBeDefined();
  expect(wb.stats.syncs).toBeLessThanOrEqual(5);
  expect(completed).not.toHaveBeenCalled();
  dialogs[0].dialog.handlers.get(Office.EventType.DialogMessageReceived)!({ message: 'close', origin: undefined });
  await done;
  expect(dialogs[0].dialog.closed).toBe(true);
  expect(completed).toHaveBeenCalledTimes(1);
});

test('清除标记 restores the sheet and completes even when no dialog can be shown', async () => {
  const { associated } = installFakeOffice(true);
  const wb = installExcel();
  const sheet = wb.sheets[0];
  const before = dumpSheet(sheet);
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  jest.isolateModules(() => require('../../src/commands/commands'));
  const first = fakeEvent();
  await associated.get('evaluate')!(first.event);
  expect(sheet.conditionalFormats.length).toBeGreaterThan(0);
  const { event, completed } = fakeEvent();
  await associated.get('clearMarks')!(event);
  expect(completed).toHaveBeenCalledTimes(1);
  expect(dumpSheet(sheet)).toEqual(before);
  expect(warn).toHaveBeenCalled();
  warn.mockRestore();
});

test('清除标记 reports how many cells it restored', async () => {
  const { associated, dialogs } = installFakeOffice();
  installExcel();
  const commands = jest.requireActual('../../src/commands/commands') as typeof import('../../src/commands/commands');
  expect(await commands.evaluateNotice()).toMatch(/^评价完成/);
  const { event, completed } = fakeEvent();
  const done = associated.get('clearMarks')!(event) as Promise<void>;
  await until(() => dialogs.length === 1);
  expect(new URL(dialogs[0].url).searchParams.get('jx-message')).toBe(
    '已清除 23 个单元格的评价标记，工作表恢复原样（“评价结果”工作表保留）。',
  );
  dialogs[0].dialog.handlers.get(Office.EventType.DialogEventReceived)!({ error: 12006 });
  await done;
  expect(completed).toHaveBeenCalledTimes(1);
  expect(await commands.clearMarksNotice()).toBe('当前工作簿中没有绩效评价助手留下的标记。');
});

test('a failure shows the Chinese message and leaves the workbook as it was', async () => {
  const { associated, dialogs } = installFakeOffice();
  const wb = installExcel();
  wb.sheets[0].protected = true;
  const before = JSON.stringify(wb.sheets.map(dumpSheet));
  jest.isolateModules(() => require('../../src/commands/commands'));
  const { event, completed } = fakeEvent();
  const done = associated.get('evaluate')!(event) as Promise<void>;
  await until(() => dialogs.length === 1);
  expect(new URL(dialogs[0].url).searchParams.get('jx-message')).toMatch(/受保护.*撤消工作表保护/);
  dialogs[0].dialog.handlers.get(Office.EventType.DialogMessageReceived)!({ message: 'close', origin: undefined });
  await done;
  expect(completed).toHaveBeenCalledTimes(1);
  expect(JSON.stringify(wb.sheets.map(dumpSheet))).toBe(before);
});

test('without the Excel API the notice says so, and the command still completes', async () => {
  const { associated, dialogs } = installFakeOffice();
  jest.isolateModules(() => require('../../src/commands/commands'));
  const { event, completed } = fakeEvent();
  const done = associated.get('evaluate')!(event) as Promise<void>;
  await until(() => dialogs.length === 1);
  expect(new URL(dialogs[0].url).searchParams.get('jx-message')).toMatch(/没有检测到 Excel/);
  dialogs[0].dialog.handlers.get(Office.EventType.DialogMessageReceived)!({ message: 'close', origin: undefined });
  await done;
  expect(completed).toHaveBeenCalledTimes(1);
});

test('the notice closes itself after a while', async () => {
  jest.useFakeTimers();
  const { associated, dialogs } = installFakeOffice();
  jest.isolateModules(() => require('../../src/commands/commands'));
  const { event, completed } = fakeEvent();
  const done = associated.get('evaluate')!(event) as Promise<void>;
  await until(() => dialogs.length === 1);
  jest.advanceTimersByTime(10000);
  await done;
  expect(dialogs[0].dialog.closed).toBe(true);
  expect(completed).toHaveBeenCalledTimes(1);
});

test('opened as the notice dialog, the page shows the message and does not register commands', () => {
  window.history.replaceState(null, '', '?jx-message=' + encodeURIComponent('测试消息'));
  document.body.innerHTML = '<div id="notice" hidden><p id="message"></p><button id="close" type="button">知道了</button></div>';
  const { associated } = installFakeOffice();
  jest.isolateModules(() => require('../../src/commands/commands'));
  expect(associated.size).toBe(0);
  expect(document.getElementById('message')!.textContent).toBe('测试消息');
  expect(document.getElementById('notice')!.hidden).toBe(false);
  document.getElementById('close')!.click();
  expect(Office.context.ui.messageParent).toHaveBeenCalledWith('close');
  window.history.replaceState(null, '', '/');
});
