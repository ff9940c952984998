// 检查环境 for WPS 表格: each ET capability the add-in uses, tried on a temporary sheet through the
// synchronous object model. Each step catches its own failure; everything they write lands on the
// temporary sheet, deleted in `finally` after the user's sheet is activated again. The settings step
// saves through the host's own code (state sheet, or PluginStorage when the document cannot be
// written): the state sheet's cells and the PluginStorage entry are kept before and put back after.
// The caller runs it inside withQuietApp (no alerts when the sheet is deleted, no flicker).

import { areaAddress, cellAt, freeSheetName } from '../../core/snapshot';
import { JixiaoError, isJixiaoError } from '../../core/errors';
import { SelfCheckKey, SelfCheckReport, Settings } from '../host';
import { hyperlinkFormula } from '../marks';
import {
  SELF_CHECK_LABELS,
  SELF_CHECK_LINK_LABEL,
  SELF_CHECK_SHEET,
  SELF_CHECK_VALUES,
  SelfCheckResults,
  errorMessage,
  sameFormula,
  shown,
} from '../../app/selfcheck';
import { EtWorkbook, EtWorksheet, Scalar, WpsApplication, worksheetsOf } from './et';
import { FoundMark, applyHighlights, deleteMarks, findMarks } from './write';
import { readSheet, toMatrix } from './read';
import { findStateSheet } from './state';

/** The host's own settings functions (index.ts), so the check goes the way 设置 goes. */
export interface SettingsAccess {
  load(): Settings;
  save(s: Settings): void;
}

function attempt<T>(f: () => T): T | undefined {
  try {
    return f();
  } catch {
    return undefined;
  }
}

/** "12.1.0.16120 · Build 16120 · Windows (64-bit) NT 10.00": what the build tells, each part optional. */
export function wpsVersion(app: WpsApplication): string {
  const version = attempt(() => app.Version);
  const build = attempt(() => app.Build);
  const os = attempt(() => app.OperatingSystem);
  const parts: string[] = [typeof version === 'string' && version ? version : '版本号未知'];
  if ((typeof build === 'number' || typeof build === 'string') && String(build) && !String(version ?? '').includes(String(build))) {
    parts.push(`Build ${build}`);
  }
  if (typeof os === 'string' && os) parts.push(os);
  return parts.join(' · ');
}

function failText(e: unknown): string {
  return isJixiaoError(e) ? e.message : `WPS 表格报错：${errorMessage(e)}`;
}

function sheetNames(wb: EtWorkbook): string[] {
  return worksheetsOf(wb).map((ws) => ws.Name);
}

/** The state sheet's cells as they are, to put back exactly; null when there is no state sheet. */
interface StateCells {
  address: string;
  values: Scalar[][];
}

function stateCells(wb: EtWorkbook): StateCells | null {
  const ws = findStateSheet(wb);
  if (!ws) return null;
  const ur = ws.UsedRange;
  const area = { top: 1, left: 1, bottom: ur.Row + ur.Rows.Count - 1, right: ur.Column + ur.Columns.Count - 1 };
  const address = areaAddress(area);
  return { address, values: toMatrix(ws.Range(address).Value2, area.bottom, area.right) };
}

function storageItem(app: WpsApplication, key: string): string | null {
  const v = attempt(() => app.PluginStorage?.getItem(key));
  return typeof v === 'string' ? v : null;
}

/** Runs 检查环境. Never throws: a failure is a failed item, or all of them when nothing could start. */
export function wpsSelfCheck(app: WpsApplication, settings: SettingsAccess, settingsKey: string): SelfCheckReport {
  const results = new SelfCheckResults();
  const notes: string[] = [];
  let missing = '未能检查';
  try {
    checkAll(app, settings, settingsKey, results, notes);
  } catch (e) {
    missing = `未能检查：${failText(e)}`;
  }
  return results.report('WPS 表格', wpsVersion(app), missing, notes.join(' ') || undefined);
}

function checkAll(app: WpsApplication, settings: SettingsAccess, key: string, results: SelfCheckResults, notes: string[]): void {
  const wb = app.ActiveWorkbook;
  if (!wb) throw new JixiaoError('not-found', '没有打开的工作簿：请先在 WPS 表格中打开一个工作簿，再检查环境。');
  const active = app.ActiveSheet;
  const name = freeSheetName(sheetNames(wb), SELF_CHECK_SHEET);
  const savedCells = stateCells(wb);
  const savedItem = storageItem(app, key);
  const step = (k: SelfCheckKey, f: () => { ok: boolean; detail: string }) => {
    try {
      const r = f();
      results.set(k, r.ok, r.detail);
    } catch (e) {
      results.set(k, false, failText(e));
    }
  };
  const [text, zeros, num] = SELF_CHECK_VALUES;
  let ws: EtWorksheet | null = null;
  let settingsTouched = false;

  try {
    step('write', () => {
      const sheets = wb.Worksheets;
      ws = sheets.Add(undefined, sheets.Item(sheets.Count));
      ws.Name = name;
      // As the summary is written: text cells formatted as text first, so "=1+1" and "007" stay text.
      ws.Range('A1:B1').NumberFormat = '@';
      ws.Range('A1:B1').Value2 = [[text, zeros]];
      ws.Range('C1').Value2 = num;
      const got = toMatrix(ws.Range('A1:C1').Value2, 1, 3)[0];
      if (got[0] === text && got[1] === zeros && got[2] === num) {
        return { ok: true, detail: `文本${shown(text)}${shown(zeros)}和数字 ${num} 写入后读回不变` };
      }
      return { ok: false, detail: `读回的是 ${got.map(shown).join('、')}，应为 ${SELF_CHECK_VALUES.map(shown).join('、')}` };
    });

    const tmp = ws as EtWorksheet | null;
    if (!tmp) {
      const noSheet = `未能检查：没有临时工作表（见“${SELF_CHECK_LABELS.write}”）`;
      for (const k of ['read', 'marks', 'links', 'clear'] as const) results.set(k, false, noSheet);
    } else {
      step('read', () => {
        // The reading 评价 does (values, display text, number formats, merged areas).
        const snap = readSheet(tmp);
        const size = `${snap.rows.length} 行 ${snap.rows.reduce((n, r) => Math.max(n, r.length), 0)} 列`;
        if (!results.ok('write')) return { ok: true, detail: `读取了 ${size}（写入未成功，内容无法核对）` };
        const cells = [1, 2, 3].map((c) => cellAt(snap, 1, c));
        const expected = [text, zeros, String(num)];
        if (cells.every((c, i) => c !== null && c.v === SELF_CHECK_VALUES[i] && c.t === expected[i])) {
          return { ok: true, detail: `读取了 ${size}，值、显示文本和数字格式正确` };
        }
        return {
          ok: false,
          detail: `读取到 ${cells.map((c) => shown(c?.v)).join('、')}，显示为 ${cells.map((c) => shown(c?.t)).join('、')}`,
        };
      });

      // The marking and clearing code 评价 and 清除标记 use (write.ts), on the temporary sheet.
      let found: FoundMark[] = [];
      step('marks', () => {
        applyHighlights(
          app,
          wb,
          [1, 2, 3].map((col) => ({
            sheet: tmp.Name,
            cell: areaAddress({ top: 1, left: col, bottom: 1, right: col }),
            row: 1,
            col,
            severity: 'info' as const,
          })),
          [],
        );
        found = findMarks(tmp).filter((m) => m.severity === 'info');
        return found.length
          ? { ok: true, detail: '已添加条件格式规则，并按标记找回' }
          : { ok: false, detail: '已添加条件格式规则，但没有按标记找到它' };
      });

      step('links', () => {
        const formula = hyperlinkFormula(tmp.Name, 'A1', SELF_CHECK_LINK_LABEL);
        const d1 = tmp.Range('D1');
        d1.NumberFormat = 'General';
        d1.Value2 = formula;
        const back = d1.Formula;
        return sameFormula(back, formula)
          ? { ok: true, detail: `链接公式写入后读回不变（单元格显示 ${shown(d1.Text)}）` }
          : { ok: false, detail: `读回的公式是 ${shown(back)}，应为 ${shown(formula)}` };
      });

      step('clear', () => {
        if (!found.length) return { ok: false, detail: `未能检查：没有可清除的标记（见“${SELF_CHECK_LABELS.marks}”）` };
        deleteMarks(app, found, [], []);
        const still = findMarks(tmp).length;
        return still === 0
          ? { ok: true, detail: '已删除带标记的规则，工作表上不再有标记' }
          : { ok: false, detail: `删除后仍找到 ${still} 条带标记的规则` };
      });
    }

    step('settings', () => {
      const s = settings.load();
      settingsTouched = true;
      settings.save(s);
      const again = settings.load();
      return JSON.stringify(again) === JSON.stringify(s)
        ? { ok: true, detail: savedCells ? '已保存的设置原样保存后读回一致' : '设置保存后读回一致（检查后已复原）' }
        : { ok: false, detail: '保存后读回的设置与保存的不同' };
    });
  } finally {
    if (settingsTouched) putSettingsBack(app, wb, key, savedCells, savedItem, notes);
    if (active) {
      try {
        active.Activate();
      } catch (e) {
        notes.push(`未能切换回原来的工作表“${attempt(() => active.Name) ?? ''}”（${errorMessage(e)}）。`);
      }
    }
    const tmp = ws as EtWorksheet | null;
    if (tmp) deleteSheet(wb, tmp, name, notes);
  }
}

function deleteSheet(wb: EtWorkbook, ws: EtWorksheet, name: string, notes: string[]): void {
  const shown = attempt(() => ws.Name) ?? name;
  try {
    ws.Delete();
  } catch (e) {
    notes.push(`临时工作表“${shown}”未能删除（${errorMessage(e)}），请手动删除。`);
    return;
  }
  // With alerts on (a build that refused to turn them off) the user may have said no.
  if (attempt(() => sheetNames(wb).indexOf(shown) >= 0)) notes.push(`临时工作表“${shown}”仍在工作簿中，请手动删除。`);
}

/** The state sheet and the PluginStorage entry as they were before the settings step. */
function putSettingsBack(
  app: WpsApplication,
  wb: EtWorkbook,
  key: string,
  before: StateCells | null,
  item: string | null,
  notes: string[],
): void {
  try {
    const now = stateCells(wb);
    if (!before) {
      if (now) findStateSheet(wb)?.Delete();
    } else if (!now || JSON.stringify(now) !== JSON.stringify(before)) {
      const ws = findStateSheet(wb);
      if (!ws) throw new Error('内部数据工作表不见了');
      ws.UsedRange.ClearContents();
      const r = ws.Range(before.address);
      r.NumberFormat = '@';
      r.Value2 = before.values;
    }
  } catch (e) {
    notes.push(`检查后未能复原工作簿中保存的设置（${errorMessage(e)}）：请在“设置”中核对后保存。`);
  }
  try {
    if (storageItem(app, key) !== item) {
      const ps = app.PluginStorage;
      if (item === null) ps?.removeItem(key);
      else ps?.setItem(key, item);
    }
  } catch (e) {
    notes.push(`检查后未能复原本机保存的设置（${errorMessage(e)}）。`);
  }
}
