/**
 * @jest-environment jsdom
 */
/// <reference types="office-js" />
// The ribbon commands' function file against a small fake of the Office API it uses: both manifest
// FunctionNames get associated, each command shows its notice and always completes its event.

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
  jest.resetModules();
  jest.useRealTimers();
});

test('associates exactly the manifest FunctionNames', () => {
  const { associated } = installFakeOffice();
  jest.isolateModules(() => require('../../src/commands/commands'));
  expect([...associated.keys()].sort()).toEqual(['clearMarks', 'evaluate']);
});

test('评价 shows a notice dialog on the same page and completes when the user closes it', async () => {
  const { associated, dialogs } = installFakeOffice();
  jest.isolateModules(() => require('../../src/commands/commands'));
  const { event, completed } = fakeEvent();
  const done = associated.get('evaluate')!(event) as Promise<void>;
  expect(dialogs).toHaveLength(1);
  const url = new URL(dialogs[0].url);
  expect(url.origin + url.pathname).toBe(window.location.origin + window.location.pathname);
  expect(url.searchParams.get('jx-message')).toMatch(/评价/);
  expect(completed).not.toHaveBeenCalled();
  dialogs[0].dialog.handlers.get(Office.EventType.DialogMessageReceived)!({ message: 'close', origin: undefined });
  await done;
  expect(dialogs[0].dialog.closed).toBe(true);
  expect(completed).toHaveBeenCalledTimes(1);
});

test('清除标记 completes even when no dialog can be shown', async () => {
  const { associated } = installFakeOffice(true);
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  jest.isolateModules(() => require('../../src/commands/commands'));
  const { event, completed } = fakeEvent();
  await associated.get('clearMarks')!(event);
  expect(completed).toHaveBeenCalledTimes(1);
  expect(warn).toHaveBeenCalled();
  warn.mockRestore();
});

test('the notice closes itself after a while', async () => {
  jest.useFakeTimers();
  const { associated, dialogs } = installFakeOffice();
  jest.isolateModules(() => require('../../src/commands/commands'));
  const { event, completed } = fakeEvent();
  const done = associated.get('evaluate')!(event) as Promise<void>;
  jest.advanceTimersByTime(10000);
  await done;
  expect(dialogs[0].dialog.closed).toBe(true);
  expect(completed).toHaveBeenCalledTimes(1);
});

test('opened as the notice dialog, the page shows the message and does not register commands', () => {
  window.history.replaceState(null, '', '?jx-message=' + encodeURIComponent('测试消息'));
  document.body.innerHTML =
    '<div id="notice" hidden><p id="message"></p><button id="close" type="button">知道了</button></div>';
  const { associated } = installFakeOffice();
  jest.isolateModules(() => require('../../src/commands/commands'));
  expect(associated.size).toBe(0);
  expect(document.getElementById('message')!.textContent).toBe('测试消息');
  expect(document.getElementById('notice')!.hidden).toBe(false);
  document.getElementById('close')!.click();
  expect(Office.context.ui.messageParent).toHaveBeenCalledWith('close');
  window.history.replaceState(null, '', '/');
});
