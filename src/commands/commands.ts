/// <reference types="office-js" />
// Ribbon commands 评价 and 清除标记 (manifest: ExecuteFunction, FunctionFile commands.html).
//
// They run in the function file's own runtime, not the task pane's: a shared runtime needs <Runtimes>,
// which the VersionOverrides V1.0 schema does not allow. Whatever the pane must see after a ribbon
// command therefore has to live in the workbook (settings, marks, the results sheet), never in memory.
//
// 评价 runs the shared session (src/app/session.ts) on the active sheet through the Excel host and
// reports the score; 清除标记 removes our highlights. The outcome, or the Chinese error message, is
// shown as a notice: Excel has no notification API for add-in commands, so the notice is this same
// page opened as a small Office dialog with ?jx-message=… in its URL. The engine and the Excel host are
// loaded on first use, so the notice dialog (the same page) stays light.

// Only light modules statically (core/plan would bring the whole engine into this page).
import { evaluationNotice, clearNotice, failureNotice } from '../app/notices';

/** Function names, exactly as in manifest.xml <FunctionName>. */
export type CommandName = 'evaluate' | 'clearMarks';

export const COMMAND_NAMES: readonly CommandName[] = ['evaluate', 'clearMarks'];

/** 评价 on the active sheet; resolves to the notice text (errors included, never rejects). */
export async function evaluateNotice(): Promise<string> {
  try {
    const [{ createExcelHost }, { runEvaluation }, { SUMMARY_SHEET }] = await Promise.all([
      import('../hosts/excel'),
      import('../app/session'),
      import('../core/plan'),
    ]);
    return evaluationNotice(await runEvaluation(await createExcelHost()), SUMMARY_SHEET);
  } catch (e) {
    return failureNotice(e, '评价');
  }
}

/** 清除标记; resolves to the notice text (errors included, never rejects). */
export async function clearMarksNotice(): Promise<string> {
  try {
    const [{ createExcelHost }, session, { SUMMARY_SHEET }] = await Promise.all([
      import('../hosts/excel'),
      import('../app/session'),
      import('../core/plan'),
    ]);
    const { cleared } = await session.clearMarks(await createExcelHost());
    return clearNotice(cleared, SUMMARY_SHEET);
  } catch (e) {
    return failureNotice(e, '清除标记');
  }
}

const ACTIONS: Record<CommandName, () => Promise<string>> = {
  evaluate: evaluateNotice,
  clearMarks: clearMarksNotice,
};

/** URL parameter that turns this page into the notice dialog. */
export const NOTICE_PARAM = 'jx-message';
/** The dialog closes itself after this long if the user does not close it first. */
const NOTICE_TIMEOUT_MS = 8000;
const CLOSE_MESSAGE = 'close';

/** Shows `message` in a small dialog; resolves once the dialog is gone (or could not be shown). */
export function notify(message: string): Promise<void> {
  return new Promise<void>((resolve) => {
    const url = new URL(window.location.href);
    url.search = '';
    url.hash = '';
    url.searchParams.set(NOTICE_PARAM, message);
    Office.context.ui.displayDialogAsync(
      url.href,
      { height: 25, width: 30, displayInIframe: true },
      (result: Office.AsyncResult<Office.Dialog>) => {
        if (result.status !== Office.AsyncResultStatus.Succeeded) {
          // e.g. 12007: another dialog is already open. Nothing else to show the message with.
          console.warn('绩效评价助手: dialog failed', result.error.code, result.error.message);
          resolve();
          return;
        }
        const dialog = result.value;
        let finished = false;
        const finish = (close: boolean): void => {
          if (finished) return;
          finished = true;
          window.clearTimeout(timer);
          if (close) dialog.close();
          resolve();
        };
        const timer = window.setTimeout(() => finish(true), NOTICE_TIMEOUT_MS);
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, () => finish(true));
        // Closed by the user (or navigated away): nothing left to close.
        dialog.addEventHandler(Office.EventType.DialogEventReceived, () => finish(false));
      },
    );
  });
}

async function run(name: CommandName, event: Office.AddinCommands.Event): Promise<void> {
  try {
    await notify(await ACTIONS[name]());
  } finally {
    // Must always be called, or Office shows the command as still running.
    event.completed();
  }
}

export function evaluate(event: Office.AddinCommands.Event): Promise<void> {
  return run('evaluate', event);
}

export function clearMarks(event: Office.AddinCommands.Event): Promise<void> {
  return run('clearMarks', event);
}

/** Notice-dialog mode: show the message from the URL, close via messageParent. */
function showNotice(message: string): void {
  const notice = document.getElementById('notice');
  const text = document.getElementById('message');
  const button = document.getElementById('close');
  if (!notice || !text || !button) return;
  text.textContent = message;
  notice.hidden = false;
  button.addEventListener('click', () => Office.context.ui.messageParent(CLOSE_MESSAGE));
  button.focus();
}

if (typeof Office !== 'undefined') {
  const notice = new URLSearchParams(window.location.search).get(NOTICE_PARAM);
  if (notice !== null) {
    Office.onReady(() => showNotice(notice));
  } else {
    Office.onReady(() => undefined);
    Office.actions.associate('evaluate', evaluate);
    Office.actions.associate('clearMarks', clearMarks);
  }
}
