// The task pane's state and how each event changes it: a pure reducer (no React, no host calls), so
// every transition can be tested on its own. usePane.ts runs the effects and dispatches these actions.

import { DEFAULT_SETTINGS, Settings } from '../hosts/host';
import type { FileHost } from '../hosts/file/browser';
import type { Outcome, Step } from '../app/session';
import { isJixiaoError } from '../core/errors';
import * as msg from '../app/pane-messages';
import type { CopyOutcome } from './clipboard';
import type { Engine } from './lazy';

export type Phase =
  | { kind: 'empty' }
  | { kind: 'running'; step: Step }
  | { kind: 'results'; outcome: Outcome }
  | { kind: 'no-table'; message: string }
  | { kind: 'error'; message: string };

export type Tab = 'results' | 'settings';

/** What the pane is busy with besides 评价 (one thing at a time). */
export type Task = 'open' | 'clear' | 'docx' | 'download' | 'clean' | 'save';

export type Note = { tone: 'ok' | 'bad' | 'info'; text: string } | null;

export interface PaneState {
  phase: Phase;
  tab: Tab;
  /** The settings on screen (used by 评价 even unsaved). */
  settings: Settings;
  /** The settings as last loaded or saved. */
  saved: Settings;
  /** Bumped when settings come from the host: the settings panel starts over from them. */
  settingsVersion: number;
  settingsStatus: string | null;
  busy: Task | null;
  /** Under the toolbar. */
  note: Note;
  /** Next to 复制 / 导出 Word. */
  copyNote: Note;
  /** Next to the findings. */
  selectNote: Note;
  /** Standalone: the opened file. */
  fileHost: FileHost | null;
  fileName: string | null;
  /** A file is dragged over the pane. */
  dropping: boolean;
  /** The lazily loaded engine chunk, once loaded. */
  engine: Engine | null;
}

export const initialPaneState: PaneState = {
  phase: { kind: 'empty' },
  tab: 'results',
  settings: DEFAULT_SETTINGS,
  saved: DEFAULT_SETTINGS,
  settingsVersion: 0,
  settingsStatus: null,
  busy: null,
  note: null,
  copyNote: null,
  selectNote: null,
  fileHost: null,
  fileName: null,
  dropping: false,
  engine: null,
};

export type PaneAction =
  | { type: 'tab'; tab: Tab }
  | { type: 'dropping'; dropping: boolean }
  | { type: 'engine-loaded'; engine: Engine }
  | { type: 'settings-loaded'; settings: Settings }
  | { type: 'settings-load-failed'; error: unknown }
  | { type: 'settings-changed'; settings: Settings }
  | { type: 'settings-saved'; settings: Settings }
  | { type: 'settings-save-failed'; error: unknown }
  | { type: 'evaluate-started' }
  | { type: 'step'; step: Step }
  | { type: 'evaluated'; outcome: Outcome }
  | { type: 'evaluate-failed'; error: unknown }
  | { type: 'task-started'; task: Task }
  | { type: 'marks-cleared'; cleared: number; fileMode: boolean }
  | { type: 'clear-failed'; error: unknown }
  | { type: 'ribbon-cleared'; cleared?: number }
  | { type: 'ribbon-evaluated'; outcome: Outcome; engine: Engine; initial: boolean }
  | { type: 'ribbon-failed'; error: unknown }
  | { type: 'select-started' }
  | { type: 'select-unavailable'; sheet: string; cell: string }
  | { type: 'select-failed'; sheet: string; cell: string; error: unknown }
  | { type: 'copy-started' }
  /** `noDownload`: 导出 Word copied the text instead, downloads do not reach the user here. */
  | { type: 'copied'; result: CopyOutcome; noDownload: boolean }
  | { type: 'docx-exported' }
  | { type: 'docx-failed'; error: unknown }
  | { type: 'result-downloaded'; fileName: string }
  | { type: 'result-download-failed'; error: unknown }
  | { type: 'clean-downloaded'; fileName: string; cleared: number; removed: string[] }
  | { type: 'clean-download-failed'; error: unknown }
  | { type: 'file-opened'; fileHost: FileHost; fileName: string }
  | { type: 'open-failed'; error: unknown };

/** Results on show after 清除标记: they stay, but their "N cells marked" is no longer true. */
export function withoutMarks(ph: Phase): Phase {
  return ph.kind === 'results' ? { kind: 'results', outcome: { ...ph.outcome, applied: { ...ph.outcome.applied, highlighted: 0 } } } : ph;
}

export function settingsDirty(s: PaneState): boolean {
  return JSON.stringify(s.settings) !== JSON.stringify(s.saved);
}

const ok = (text: string): Note => ({ tone: 'ok', text });
const bad = (text: string): Note => ({ tone: 'bad', text });
const info = (text: string): Note => ({ tone: 'info', text });

/** A task started: clear the notes its outcome will replace. */
function started(s: PaneState, task: Task): PaneState {
  const next = { ...s, busy: task };
  switch (task) {
    case 'open':
      return { ...next, note: null, copyNote: null, phase: { kind: 'empty' } };
    case 'clear':
      return { ...next, note: null };
    case 'docx':
      return { ...next, copyNote: null };
    case 'save':
      return { ...next, settingsStatus: null };
    default:
      return next;
  }
}

/** Compile-time check that every action is handled. */
function unhandled(_a: never, s: PaneState): PaneState {
  return s;
}

export function paneReducer(s: PaneState, a: PaneAction): PaneState {
  switch (a.type) {
    case 'tab':
      return { ...s, tab: a.tab };
    case 'dropping':
      return { ...s, dropping: a.dropping };
    case 'engine-loaded':
      return { ...s, engine: a.engine };

    case 'settings-loaded':
      return { ...s, settings: a.settings, saved: a.settings, settingsVersion: s.settingsVersion + 1 };
    case 'settings-load-failed':
      return { ...s, note: bad(msg.settingsLoadFailed(a.error)) };
    case 'settings-changed':
      return { ...s, settings: a.settings, settingsStatus: null };
    case 'settings-saved':
      return { ...s, busy: null, saved: a.settings, settingsStatus: msg.SETTINGS_SAVED };
    case 'settings-save-failed':
      return { ...s, busy: null, settingsStatus: msg.settingsSaveFailed(a.error) };

    case 'evaluate-started':
      return { ...s, note: null, copyNote: null, selectNote: null, phase: { kind: 'running', step: 'read' } };
    case 'step':
      return s.phase.kind === 'running' ? { ...s, phase: { kind: 'running', step: a.step } } : s;
    case 'evaluated':
      return { ...s, phase: { kind: 'results', outcome: a.outcome } };
    case 'evaluate-failed':
      return {
        ...s,
        phase:
          isJixiaoError(a.error) && a.error.code === 'no-table'
            ? { kind: 'no-table', message: a.error.message }
            : { kind: 'error', message: msg.errorText(a.error) },
      };

    case 'task-started':
      return started(s, a.task);

    case 'marks-cleared':
      return { ...s, busy: null, phase: withoutMarks(s.phase), note: ok(msg.marksCleared(a.cleared, a.fileMode)) };
    case 'clear-failed':
      return { ...s, busy: null, note: bad(msg.clearFailed(a.error)) };

    case 'ribbon-cleared':
      return { ...s, phase: withoutMarks(s.phase), note: info(msg.ribbonCleared(a.cleared)) };
    case 'ribbon-evaluated':
      return { ...s, engine: a.engine, phase: { kind: 'results', outcome: a.outcome }, note: info(msg.ribbonEvaluated(a.initial)) };
    case 'ribbon-failed':
      return { ...s, note: bad(msg.ribbonRunUnreadable(a.error)) };

    case 'select-started':
      return { ...s, selectNote: null };
    case 'select-unavailable':
      return { ...s, selectNote: info(msg.selectUnavailable(a.sheet, a.cell)) };
    case 'select-failed':
      return { ...s, selectNote: bad(msg.selectFailed(a.sheet, a.cell, a.error)) };

    case 'copy-started':
      return { ...s, copyNote: null };
    case 'copied': {
      const done = a.result === 'copied';
      const text = a.noDownload ? (done ? msg.COPIED_NO_DOWNLOAD : msg.COPY_FAILED_NO_DOWNLOAD) : done ? msg.COPIED : msg.COPY_FAILED;
      return { ...s, copyNote: done ? ok(text) : bad(text) };
    }
    case 'docx-exported':
      return { ...s, busy: null, copyNote: ok(msg.DOCX_EXPORTED) };
    case 'docx-failed':
      return { ...s, busy: null, copyNote: bad(msg.docxExportFailed(a.error)) };

    case 'result-downloaded':
      return { ...s, busy: null, note: ok(msg.resultDownloaded(a.fileName)) };
    case 'result-download-failed':
      return { ...s, busy: null, note: bad(msg.resultDownloadFailed(a.error)) };
    case 'clean-downloaded':
      return { ...s, busy: null, note: ok(msg.cleanDownloaded(a.fileName, a.cleared, a.removed)) };
    case 'clean-download-failed':
      return { ...s, busy: null, note: bad(msg.cleanDownloadFailed(a.error)) };

    case 'file-opened':
      return { ...s, busy: null, fileHost: a.fileHost, fileName: a.fileName, tab: 'results' };
    case 'open-failed':
      return { ...s, busy: null, fileHost: null, fileName: null, phase: { kind: 'error', message: msg.errorText(a.error) } };

    default:
      return unhandled(a, s);
  }
}
