// The WPS 表格 host: the Host interface over the synchronous ET object model on `window.Application`
// (WPS 加载项). Every call below is synchronous; results are wrapped in promises.
//
// Guarantees (same as the Excel host):
//   - highlights are reversible exactly: they are our marker rules (../marks.ts, write.ts), which paint
//     over the cells without touching their own fills, and 清除标记 (here or in Excel) deletes them (and a
//     large sheet's mask); fills that versions before kept in the state sheet are still put back;
//   - 评价 twice gives the same workbook as 评价 once;
//   - a 评价结果 sheet we did not write is never touched (chooseSummaryName + OWNER_MARK in A1);
//   - source values are never written; all text lands as text;
//   - all or nothing: protection is checked before anything is written, and any failure on the way
//     undoes what was done (the new summary is built under a temporary name and swapped in last);
//   - ScreenUpdating, EnableEvents, DisplayAlerts and Calculation are restored in `finally`.

import { ApplyResult, DEFAULT_SETTINGS, Host, Settings, normaliseSettings } from '../host';
import { OnRun, RunStamp, Watch, clearRunId, evaluateRunId, parseRunStamp, watchStamps } from '../runs';
import { WorkbookSnapshot, freeSheetName } from '../../core/snapshot';
import { WritePlan, chooseSummaryName, isOwnerMark } from '../../core/plan';
import { JixiaoError, isJixiaoError } from '../../core/errors';
import { EtWorkbook, EtWorksheet, WpsApplication, XL_CALCULATION_MANUAL, XL_SHEET_VISIBLE, sheetByName, worksheetsOf } from './et';
import { readSheet } from './read';
import { STATE_SHEET, findStateSheet, isOurSheet, readState, writeState } from './state';
import { isMaskName } from '../marks';
import {
  FoundMark,
  Undo,
  applyHighlights,
  deleteMarks,
  dropMasks,
  findMarks,
  maskSheets,
  restoreMarks,
  undoAll,
  writeSummarySheet,
} from './write';
import { wpsSelfCheck } from './selfcheck';

/** PluginStorage key of the settings fallback (when the document cannot be written). */
export const SETTINGS_KEY = 'jixiao.settings';
/** PluginStorage key of the last 评价 / 清除标记 (../runs.ts): how the ribbon page tells an open pane. */
export const RUN_KEY = 'jixiao.lastRun';
/** PluginStorage is local and synchronous: an open pane can look often. */
const WATCH_POLL_MS = 1500;

type Flag = 'ScreenUpdating' | 'EnableEvents' | 'DisplayAlerts' | 'Calculation';

/** Runs `f` with screen updating, events, alerts and automatic calculation off; restores them after. */
export function withQuietApp<T>(app: WpsApplication, f: () => T): T {
  const saved: [Flag, unknown][] = [];
  const set = (k: Flag, v: boolean | number) => {
    try {
      const before = app[k];
      (app as unknown as Record<Flag, unknown>)[k] = v;
      saved.push([k, before]);
    } catch {
      // Calculation throws when no workbook is open; nothing to restore then.
    }
  };
  set('ScreenUpdating', false);
  set('EnableEvents', false);
  set('DisplayAlerts', false);
  set('Calculation', XL_CALCULATION_MANUAL);
  try {
    return f();
  } finally {
    for (let i = saved.length - 1; i >= 0; i--) {
      try {
        (app as unknown as Record<Flag, unknown>)[saved[i][0]] = saved[i][1];
      } catch {
        // keep restoring the others
      }
    }
  }
}

function message(e: unknown): string {
  if (e instanceof Error) return e.message;
  if (e && typeof e === 'object' && 'message' in e) return String((e as { message: unknown }).message);
  return String(e);
}

function asPromise<T>(f: () => T): Promise<T> {
  try {
    return Promise.resolve(f());
  } catch (e) {
    return Promise.reject(e);
  }
}

function requireWorkbook(app: WpsApplication): EtWorkbook {
  const wb = app.ActiveWorkbook;
  if (!wb) throw new JixiaoError('not-found', '没有打开的工作簿：请先在 WPS 表格中打开绩效自评表，再点击“评价”。');
  return wb;
}

function isWorksheet(ws: unknown): ws is EtWorksheet {
  if (!ws || typeof ws !== 'object') return false;
  try {
    return (ws as EtWorksheet).UsedRange !== undefined && typeof (ws as EtWorksheet).Name === 'string';
  } catch {
    return false;
  }
}

function checkFormattable(ws: EtWorksheet, what: string): void {
  if (ws.ProtectContents && !ws.Protection.AllowFormattingCells) {
    throw new JixiaoError(
      'write-failed',
      `工作表“${ws.Name}”受保护，无法${what}。请先在“审阅”选项卡中点击“撤销工作表保护”，再重新操作。工作簿未作任何修改。`,
    );
  }
}

function checkStructure(wb: EtWorkbook, what: string): void {
  if (wb.ProtectStructure) {
    throw new JixiaoError(
      'write-failed',
      `工作簿结构受保护，无法${what}。请先在“审阅”选项卡中点击“撤销工作簿保护”，再重新操作。工作簿未作任何修改。`,
    );
  }
}

/** Our marker rules on every sheet but the state sheet. */
function markInventory(sheets: EtWorksheet[]): FoundMark[] {
  const out: FoundMark[] = [];
  for (const ws of sheets) if (ws.Name !== STATE_SHEET && !isMaskName(ws.Name)) out.push(...findMarks(ws));
  return out;
}

/** A sheet name no sheet has yet (for building the new summary before swapping it in). */
function freeName(wb: EtWorkbook, base: string): string {
  return freeSheetName(
    worksheetsOf(wb).map((s) => s.Name),
    base,
  );
}

export function createWpsHost(appArg: unknown): Host {
  const app = appArg as WpsApplication;
  if (!app || typeof app !== 'object') {
    throw new JixiaoError('unsupported', '未检测到 WPS 表格：请在 WPS 表格中通过“绩效评价”选项卡打开助手。');
  }

  function readSnapshotSync(scope: 'active' | 'workbook'): WorkbookSnapshot {
    const wb = requireWorkbook(app);
    let targets: EtWorksheet[];
    if (scope === 'active') {
      const ws = app.ActiveSheet;
      if (!isWorksheet(ws))
        throw new JixiaoError('not-found', '当前选中的不是工作表（可能是图表）：请切换到绩效自评表所在的工作表，再点击“评价”。');
      if (isOurSheet(ws))
        throw new JixiaoError('bad-argument', `当前工作表“${ws.Name}”是助手生成的评价结果：请切换到绩效自评表所在的工作表，再点击“评价”。`);
      targets = [ws];
    } else {
      targets = worksheetsOf(wb).filter((ws) => ws.Visible !== 2 && !isOurSheet(ws));
    }
    try {
      return { name: wb.Name, sheets: targets.map((ws) => readSheet(ws)) };
    } catch (e) {
      if (isJixiaoError(e)) throw e;
      throw new JixiaoError(
        'unreadable',
        `读取工作表时 WPS 表格报错（${message(e)}）。请确认工作表没有处于编辑状态（按 Esc 退出单元格编辑），再重试。`,
      );
    }
  }

  function applySync(plan: WritePlan): ApplyResult {
    const wb = requireWorkbook(app);
    const active = app.ActiveSheet;
    const state = readState(wb);

    // Preflight: everything that could refuse a write is checked before the first write.
    checkStructure(wb, '写入“评价结果”工作表');
    const sheets0 = worksheetsOf(wb);
    const found = markInventory(sheets0);
    const touched = new Set<string>();
    for (const h of plan.highlights) touched.add(h.sheet);
    for (const m of state.marks) touched.add(m.sheet);
    for (const m of found) touched.add(m.sheet.Name);
    touched.forEach((name) => {
      const ws = sheetByName(wb, name);
      if (ws) checkFormattable(ws, '标记有问题的单元格');
    });
    const existing = sheets0.map((ws) => ({ name: ws.Name, ours: ws.Name !== STATE_SHEET && isOwnerMark(ws.Range('A1').Value2), ws }));
    const name = chooseSummaryName(existing, plan.summary.name);
    const old = existing.find((s) => s.name === name) ?? null;

    const undo: Undo[] = [];
    return withQuietApp(app, () => {
      try {
        // 1. The new summary, under a temporary name, right after the old one (or at the end).
        const sheets = wb.Worksheets;
        const after = old ? old.ws : sheets.Item(sheets.Count);
        const fresh = sheets.Add(undefined, after);
        undo.push(() => fresh.Delete());
        fresh.Name = freeName(wb, '评价结果~');
        writeSummarySheet(app, fresh, plan.summary);

        // 2. Marks: the previous ones off (ours in any host's format, and legacy fills), the new ones on.
        const oldMasks = maskSheets(wb);
        deleteMarks(app, found, oldMasks, undo);
        const { missing } = restoreMarks(wb, state.marks, undo);
        const marked = applyHighlights(app, wb, plan.highlights, undo);
        if (state.marks.length) undo.push(writeState(wb, { marks: missing, settings: state.settings }));

        // 3. Swap the summary in: renames first (undoable), the old sheet's deletion last.
        const tmpName = fresh.Name;
        if (old) {
          const oldName = old.ws.Name;
          old.ws.Name = freeName(wb, '评价结果~old');
          undo.push(() => {
            old.ws.Name = oldName;
          });
        }
        fresh.Name = name;
        undo.push(() => {
          fresh.Name = tmpName;
        });
        if (old) old.ws.Delete();
        undo.length = 0;
        dropMasks(wb, oldMasks);
        if (active) {
          try {
            active.Activate();
          } catch {
            // the user's sheet may be hidden; staying on the summary is fine
          }
        }
        stamp(wb, { id: evaluateRunId(plan, name), action: 'evaluate', sheets: plan.sheets, summarySheet: name, highlighted: marked });
        return { summarySheet: name, highlighted: marked };
      } catch (e) {
        undoAll(undo);
        if (active) {
          try {
            active.Activate();
          } catch {
            // ignore
          }
        }
        if (isJixiaoError(e)) throw e;
        throw new JixiaoError(
          'write-failed',
          `写入时 WPS 表格报错（${message(e)}），本次修改已撤销。请确认没有单元格处于编辑状态（按 Esc 退出），再重新评价。`,
        );
      }
    });
  }

  function clearSync(): { cleared: number } {
    const wb = requireWorkbook(app);
    const state = readState(wb);
    const found = markInventory(worksheetsOf(wb));
    const masks = maskSheets(wb);
    if (!state.marks.length && !found.length) {
      if (masks.length) withQuietApp(app, () => dropMasks(wb, masks));
      return { cleared: 0 };
    }
    const touched = new Set(state.marks.map((m) => m.sheet));
    for (const m of found) touched.add(m.sheet.Name);
    touched.forEach((name) => {
      const ws = sheetByName(wb, name);
      if (ws) checkFormattable(ws, '清除标记');
    });
    const undo: Undo[] = [];
    return withQuietApp(app, () => {
      try {
        const cells = deleteMarks(app, found, masks, undo);
        let legacy = 0;
        if (state.marks.length) {
          const r = restoreMarks(wb, state.marks, undo);
          legacy = r.restored;
          // With the workbook structure protected the (empty) state sheet stays: it cannot be deleted.
          writeState(wb, { marks: r.missing, settings: state.settings }, { keepSheet: wb.ProtectStructure });
        }
        dropMasks(wb, masks);
        const cleared = cells + legacy;
        const last = lastStamp(wb);
        stamp(wb, {
          id: clearRunId(last?.id, cleared),
          action: 'clear',
          sheets: last?.sheets ?? [],
          summarySheet: last?.summarySheet ?? '',
          highlighted: 0,
          cleared,
        });
        return { cleared };
      } catch (e) {
        undoAll(undo);
        if (isJixiaoError(e)) throw e;
        throw new JixiaoError(
          'write-failed',
          `清除标记时 WPS 表格报错（${message(e)}），已撤销。请确认没有单元格处于编辑状态（按 Esc 退出），再重试。`,
        );
      }
    });
  }

  function selectSync(sheet: string, cell: string): void {
    const wb = requireWorkbook(app);
    const ws = sheetByName(wb, sheet);
    if (!ws) throw new JixiaoError('not-found', `找不到工作表“${sheet}”：它可能已被重命名或删除。请重新评价。`);
    if (ws.Visible !== XL_SHEET_VISIBLE) throw new JixiaoError('not-found', `工作表“${sheet}”已隐藏：请先取消隐藏，再点击定位。`);
    try {
      ws.Activate();
      ws.Range(cell).Select();
    } catch (e) {
      throw new JixiaoError('bad-argument', `无法定位到“${sheet}!${cell}”（${message(e)}）。请先按 Esc 退出单元格编辑，再试。`);
    }
  }

  function storage() {
    try {
      return app.PluginStorage ?? null;
    } catch {
      return null;
    }
  }

  /** Open watches (watchRuns): told of the stamps this host writes, which are not news to them. */
  const watches = new Set<Watch>();

  function documentKey(wb: EtWorkbook): string {
    try {
      return wb.FullName || wb.Name;
    } catch {
      return wb.Name;
    }
  }

  /** The last stamp left in PluginStorage, for any document. */
  function readStamp(): RunStamp | null {
    try {
      return parseRunStamp(storage()?.getItem(RUN_KEY) ?? null);
    } catch {
      return null;
    }
  }

  function isFor(s: RunStamp, wb: EtWorkbook): boolean {
    return !s.document || s.document === documentKey(wb);
  }

  /** The last stamp, if it is about this document. */
  function lastStamp(wb: EtWorkbook): RunStamp | null {
    const s = readStamp();
    return s && isFor(s, wb) ? s : null;
  }

  /** Leaves the run's stamp for an open pane; only a notice, so a failure is ignored. */
  function stamp(wb: EtWorkbook, run: Omit<RunStamp, 'document'>): void {
    const ps = storage();
    if (!ps) return;
    const s: RunStamp = { ...run, document: documentKey(wb) };
    try {
      ps.setItem(RUN_KEY, JSON.stringify(s));
      watches.forEach((w) => w.saw(s.id));
    } catch {
      // no notice then
    }
  }

  function watchRuns(onRun: OnRun): () => void {
    const watch = watchStamps({ read: async () => readStamp(), pollMs: WATCH_POLL_MS }, (s, initial) => {
      // PluginStorage is shared by every open document: only this one's runs matter here.
      const wb = app.ActiveWorkbook;
      if (wb && isFor(s, wb)) onRun(s, initial);
    });
    watches.add(watch);
    return () => {
      watches.delete(watch);
      watch.stop();
    };
  }

  function loadSettingsSync(): Settings {
    const wb = app.ActiveWorkbook;
    if (wb) {
      try {
        const s = normaliseSettings(readState(wb).settings);
        if (s) return s;
      } catch {
        // unreadable state: fall back below
      }
    }
    const ps = storage();
    if (ps) {
      try {
        const s = normaliseSettings(ps.getItem(SETTINGS_KEY));
        if (s) return s;
      } catch {
        // ignore a corrupt fallback
      }
    }
    return { ...DEFAULT_SETTINGS };
  }

  function saveSettingsSync(s: Settings): void {
    const value = normaliseSettings(s) ?? { ...DEFAULT_SETTINGS };
    const wb = app.ActiveWorkbook;
    let docError: unknown = null;
    if (wb) {
      try {
        if (!findStateSheet(wb)) checkStructure(wb, '保存设置');
        const state = readState(wb);
        withQuietApp(app, () => writeState(wb, { marks: state.marks, settings: value }));
        return;
      } catch (e) {
        docError = e;
      }
    }
    const ps = storage();
    if (ps) {
      ps.setItem(SETTINGS_KEY, JSON.stringify(value));
      return;
    }
    throw new JixiaoError(
      'write-failed',
      `无法保存设置${docError ? `（${message(docError)}）` : '：没有打开的工作簿'}。本次评价仍会使用这些设置。`,
    );
  }

  /** Any error that is not already ours (e.g. raised by WPS before the first write) in Chinese. */
  function guarded<T>(kind: 'read' | 'write', f: () => T): Promise<T> {
    return asPromise(() => {
      try {
        return f();
      } catch (e) {
        if (isJixiaoError(e)) throw e;
        if (kind === 'read')
          throw new JixiaoError('unreadable', `读取工作簿时 WPS 表格报错（${message(e)}）。请按 Esc 退出单元格编辑，再重试。`);
        throw new JixiaoError('write-failed', `WPS 表格报错（${message(e)}），工作簿未作修改。请按 Esc 退出单元格编辑，再重试。`);
      }
    });
  }

  return {
    kind: 'wps',
    documentName: () => guarded('read', () => requireWorkbook(app).Name),
    readSnapshot: (scope) => guarded('read', () => readSnapshotSync(scope)),
    apply: (plan) => guarded('write', () => applySync(plan)),
    clearMarks: () => guarded('write', () => clearSync()),
    selectCell: (sheet, cell) => guarded('read', () => selectSync(sheet, cell)),
    loadSettings: () => guarded('read', () => loadSettingsSync()),
    saveSettings: (s) => guarded('write', () => saveSettingsSync(s)),
    watchRuns,
    // Quiet: no prompt when the temporary sheet is deleted, no flicker while it exists.
    selfCheck: () =>
      asPromise(() => withQuietApp(app, () => wpsSelfCheck(app, { load: loadSettingsSync, save: saveSettingsSync }, SETTINGS_KEY))),
  };
}
