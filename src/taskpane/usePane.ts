// The task pane's state hook: the reducer of state.ts plus everything that talks to the host, the
// engine chunk, the clipboard and downloads. Pane.tsx renders what this returns.

import { useCallback, useEffect, useReducer, useRef, DragEvent, RefObject } from 'react';
import type { Host, Settings } from '../hosts/host';
import type { FileHost } from '../hosts/file/browser';
import type { Outcome } from '../app/session';
import type { Narrative } from '../narrative';
import { baseName } from '../core/text';
import { connectedStatus, hostLabel, reportFileName, settingsStorageNote, standaloneStatus, UNNAMED_WORKBOOK } from '../app/pane-messages';
import { copyRich } from './clipboard';
import { canDownload, downloadBytes, readFileBytes, DOCX_MIME, XLSX_MIME } from './download';
import { loadEngine, exportDocx as lazyExportDocx } from './lazy';
import { initialPaneState, paneReducer, settingsDirty, Tab } from './state';

export interface PaneProps {
  /** The host the pane is connected to (Excel, WPS), or null (standalone before a file is opened). */
  host: Host | null;
  /** Standalone mode: offer 打开 .xlsx and evaluate the file in the browser. */
  standalone?: boolean;
  /** Still waiting for Office at startup. */
  connecting?: boolean;
  /** Where the pane runs, shown under the title (已连接 Excel / 独立模式). */
  status?: string;
  /** A startup notice (e.g. Excel could not be reached). */
  notice?: string | null;
  /** Opens a file as a host (default: the package file host, loaded lazily with the engine). */
  openFile?: (bytes: ArrayBuffer, fileName: string) => Promise<FileHost>;
  /** Renders the narrative as .docx (default: the docx renderer, loaded lazily on first use). */
  exportDocx?: (n: Narrative) => Promise<Uint8Array>;
  /** Whether a blob download reaches the user (download.ts canDownload; tests pass their own). */
  canDownload?: () => boolean;
}

function defaultOpenFile(bytes: ArrayBuffer, fileName: string): Promise<FileHost> {
  return loadEngine().then((e) => e.createFileHost(bytes, fileName));
}

/** `fileInput`: standalone mode's input[type=file], emptied after each file so the same file can be chosen again. */
export function usePane(props: PaneProps, fileInput?: RefObject<HTMLInputElement | null>) {
  const { host: connected, standalone = false, connecting = false } = props;
  const [state, dispatch] = useReducer(paneReducer, initialPaneState);
  const { phase, busy, engine, fileHost, fileName, settings } = state;
  const host: Host | null = connected ?? fileHost;
  const running = phase.kind === 'running';

  // Settings come from the host (the workbook, or the browser for a file).
  useEffect(() => {
    if (!host) return;
    let live = true;
    host.loadSettings().then(
      (s) => live && dispatch({ type: 'settings-loaded', settings: s }),
      (e) => live && dispatch({ type: 'settings-load-failed', error: e }),
    );
    return () => {
      live = false;
    };
  }, [host]);

  // A ribbon command (评价 / 清除标记) runs in its own page: when it leaves its stamp in the document,
  // show what it did here too (the pane's own runs are not reported back).
  const idle = useRef(true);
  useEffect(() => {
    idle.current = !running && !busy;
  });
  useEffect(() => {
    if (!host?.watchRuns) return;
    let live = true;
    const stop = host.watchRuns((run, initial) => {
      if (!live || !idle.current) return;
      // Opening the pane shows the document's last evaluation; a last 清除标记 leaves it empty.
      if (initial && run.action !== 'evaluate') return;
      if (run.action === 'clear') {
        dispatch({ type: 'ribbon-cleared', cleared: run.cleared });
        return;
      }
      void (async () => {
        try {
          const eng = await loadEngine();
          // The settings the ribbon used: those saved in the document.
          const outcome = await eng.viewRun(host, run);
          if (!live || !idle.current) return;
          dispatch({ type: 'ribbon-evaluated', outcome, engine: eng, initial });
        } catch (e) {
          // On opening, a last evaluation that no longer reads (sheet renamed, table gone) just leaves the pane empty.
          if (live && !initial) dispatch({ type: 'ribbon-failed', error: e });
        }
      })();
    });
    return () => {
      live = false;
      stop();
    };
  }, [host]);

  const engineNow = async () => {
    if (engine) return engine;
    const eng = await loadEngine();
    dispatch({ type: 'engine-loaded', engine: eng });
    return eng;
  };

  const evaluate = useCallback(async () => {
    if (!host || running) return;
    dispatch({ type: 'evaluate-started' });
    try {
      const eng = engine ?? (await loadEngine());
      if (!engine) dispatch({ type: 'engine-loaded', engine: eng });
      const outcome = await eng.runEvaluation(host, {
        // A workbook file is evaluated whole; in Excel/WPS the sheet the user is on.
        scope: host.kind === 'file' ? 'workbook' : 'active',
        settings,
        onStep: (step) => dispatch({ type: 'step', step }),
      });
      dispatch({ type: 'evaluated', outcome });
    } catch (e) {
      dispatch({ type: 'evaluate-failed', error: e });
    }
  }, [host, running, settings, engine]);

  const clear = async () => {
    if (!host || busy) return;
    dispatch({ type: 'task-started', task: 'clear' });
    try {
      const r = await (await engineNow()).clearMarks(host);
      dispatch({ type: 'marks-cleared', cleared: r.cleared, fileMode: host.kind === 'file' });
    } catch (e) {
      dispatch({ type: 'clear-failed', error: e });
    }
  };

  const select = (sheet: string, cell: string) => {
    if (!host) return;
    if (host.kind === 'file') {
      dispatch({ type: 'select-unavailable', sheet, cell });
      return;
    }
    dispatch({ type: 'select-started' });
    host.selectCell(sheet, cell).catch((e) => dispatch({ type: 'select-failed', sheet, cell, error: e }));
  };

  /** Synchronous up to copyRich: the clipboard needs the click's user activation (Excel on the web). */
  const copyNarrative = (n: Narrative, noDownload: boolean): Promise<void> | undefined => {
    if (!engine) return;
    const text = engine.toText(n);
    const html = engine.toHtml(n, { standalone: false });
    dispatch({ type: 'copy-started' });
    return copyRich(text, html).then((result) => dispatch({ type: 'copied', result, noDownload }));
  };

  const copy = (n: Narrative) => {
    void copyNarrative(n, false);
  };

  const outcomeFile = (o: Outcome) => baseName(o.result.file || fileName || UNNAMED_WORKBOOK);

  const exportWord = async (o: Outcome) => {
    if (busy) return;
    if (!(props.canDownload ?? canDownload)()) {
      // No downloads here (Excel for Mac / iPad): never claim a file was made; copy the text instead.
      await copyNarrative(o.narrative, true);
      return;
    }
    dispatch({ type: 'task-started', task: 'docx' });
    try {
      const bytes = await (props.exportDocx ?? lazyExportDocx)(o.narrative);
      downloadBytes(bytes, reportFileName(outcomeFile(o)), DOCX_MIME);
      dispatch({ type: 'docx-exported' });
    } catch (e) {
      dispatch({ type: 'docx-failed', error: e });
    }
  };

  const downloadResult = async () => {
    if (!fileHost || busy) return;
    dispatch({ type: 'task-started', task: 'download' });
    try {
      const bytes = await fileHost.resultWorkbookBytes();
      downloadBytes(bytes, fileHost.resultFileName(), XLSX_MIME);
      dispatch({ type: 'result-downloaded', fileName: fileHost.resultFileName() });
    } catch (e) {
      dispatch({ type: 'result-download-failed', error: e });
    }
  };

  /** An opened result of ours, downloaded without our marks and 评价结果 sheet (the CLI's jixiao clear). */
  const downloadClean = async () => {
    if (!fileHost?.cleanWorkbookBytes || busy) return;
    dispatch({ type: 'task-started', task: 'clean' });
    try {
      const { bytes, cleared, removed } = await fileHost.cleanWorkbookBytes();
      const name = fileHost.cleanFileName?.() ?? 'clean.xlsx';
      downloadBytes(bytes, name, XLSX_MIME);
      dispatch({ type: 'clean-downloaded', fileName: name, cleared, removed });
    } catch (e) {
      dispatch({ type: 'clean-download-failed', error: e });
    }
  };

  const open = async (file: File) => {
    if (busy || running) return;
    dispatch({ type: 'task-started', task: 'open' });
    try {
      const bytes = await readFileBytes(file);
      const fh = await (props.openFile ?? defaultOpenFile)(bytes, file.name);
      dispatch({ type: 'file-opened', fileHost: fh, fileName: file.name });
    } catch (e) {
      dispatch({ type: 'open-failed', error: e });
    } finally {
      if (fileInput?.current) fileInput.current.value = '';
    }
  };

  const saveSettings = async () => {
    if (!host || busy) return;
    dispatch({ type: 'task-started', task: 'save' });
    try {
      await host.saveSettings(settings);
      dispatch({ type: 'settings-saved', settings });
    } catch (e) {
      dispatch({ type: 'settings-save-failed', error: e });
    }
  };

  const dropProps = standalone
    ? {
        onDragOver: (e: DragEvent) => {
          if (Array.from(e.dataTransfer.types).includes('Files')) {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            dispatch({ type: 'dropping', dropping: true });
          }
        },
        onDragLeave: (e: DragEvent) => {
          if (e.currentTarget === e.target) dispatch({ type: 'dropping', dropping: false });
        },
        onDrop: (e: DragEvent) => {
          e.preventDefault();
          dispatch({ type: 'dropping', dropping: false });
          const f = e.dataTransfer.files && e.dataTransfer.files[0];
          if (f) void open(f);
        },
      }
    : {};

  const modeText = props.status ?? (standalone ? standaloneStatus() : connected ? connectedStatus(hostLabel(connected.kind)) : '');

  return {
    state,
    host,
    running,
    outcome: phase.kind === 'results' ? phase.outcome : null,
    canEvaluate: Boolean(host) && !running && !busy && !connecting,
    dirty: settingsDirty(state),
    modeText,
    storageNote: settingsStorageNote(host ? host.kind : null),
    dropProps,
    evaluate,
    clear,
    select,
    copy,
    exportWord,
    downloadResult,
    downloadClean,
    open,
    saveSettings,
    changeSettings: (s: Settings) => dispatch({ type: 'settings-changed', settings: s }),
    selectTab: (tab: Tab) => dispatch({ type: 'tab', tab }),
  };
}
