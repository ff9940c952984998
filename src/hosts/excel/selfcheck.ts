/// <reference types="office-js" />
// 检查环境 for Excel: each Office.js capability the add-in uses, tried on a temporary sheet in one
// Excel.run. Each step has its own round trip, so one that fails (its batch is dropped) leaves the
// others to run; everything they write lands on the temporary sheet, which goes in the last round
// trip with the active sheet re-activated and the settings put back as they were. When that round
// trip fails, or a step left something unknown, the clean-up looks first and then undoes what it finds.
//
// Round trips: 1 look (sheet names, active sheet, saved settings), 1 per step (write, read, marks,
// links, clear, settings), 1 clean-up: 8 in all. Only after a failure: 1 to see whether the sheet was
// added, 2 for the careful clean-up, and 2 more in a fresh Excel.run if that failed too.

import { SEVERITY_FILL } from '../../core/plan';
import { freeSheetName } from '../../core/snapshot';
import { DEFAULT_SETTINGS, SelfCheckKey, SelfCheckReport, normaliseSettings } from '../host';
import { hyperlinkFormula, isMarkFormula, markFormula, markSeverity } from '../marks';
import {
  SELF_CHECK_LINK_LABEL,
  SELF_CHECK_SHEET,
  SELF_CHECK_VALUES,
  SELF_CHECK_LABELS,
  SelfCheckResults,
  errorMessage,
  sameFormula,
  shown,
} from '../../app/selfcheck';
import { literalText } from './addresses';
import { toJixiaoError } from './errors';
import type { ExcelEnv } from './host';

const PLATFORMS: Record<string, string> = {
  PC: 'Windows 桌面版',
  Mac: 'Mac 版',
  OfficeOnline: '网页版',
  iOS: 'iPad 版',
  Android: 'Android 版',
  Universal: 'Windows 通用版',
};

/** Highest ExcelApi requirement set the add-in knows of (MIN_API … this). */
const TOP_API = 17;
const MIN_MINOR = 9;

function diagnostics(env: ExcelEnv): { host?: unknown; version?: unknown; platform?: unknown } {
  try {
    return env.diagnostics?.() ?? {};
  } catch {
    return {};
  }
}

/** "Excel" (or what Office calls its host). */
export function excelHostName(env: ExcelEnv): string {
  const h = diagnostics(env).host;
  return typeof h === 'string' && h ? h : 'Excel';
}

/** "16.0.17928.20114 · Windows 桌面版 · ExcelApi 1.17": build, platform, highest API set supported. */
export function excelVersion(env: ExcelEnv): string {
  const d = diagnostics(env);
  const parts = [typeof d.version === 'string' && d.version ? d.version : '版本号未知'];
  if (typeof d.platform === 'string' && d.platform) parts.push(PLATFORMS[d.platform] ?? d.platform);
  let api = `ExcelApi 低于 1.${MIN_MINOR}`;
  for (let m = TOP_API; m >= MIN_MINOR; m--) {
    let ok = false;
    try {
      ok = env.supports(`1.${m}`);
    } catch {
      ok = false;
    }
    if (ok) {
      api = `ExcelApi 1.${m}`;
      break;
    }
  }
  parts.push(api);
  return parts.join(' · ');
}

/** What the clean-up must undo; 'unknown' when the round trip that would tell failed. */
interface Leftovers {
  sheet: string;
  tmp: 'absent' | 'present' | 'unknown';
  active: string;
  key: string;
  /** The saved settings as found (null: none). */
  raw: unknown;
  /** What the settings step wrote, whether it landed. */
  setting: { json: string; landed: boolean | 'unknown' } | null;
}

type Step = () => Promise<{ ok: boolean; detail: string }>;

/** delayForCellEdit (ExcelApi 1.11): wait for the user to finish typing, as the host does. */
const RUN: Excel.RunOptions = { delayForCellEdit: true };

/**
 * Runs 检查环境 through `env`; `settingsKey` is where the host keeps its settings. Never rejects: a
 * failure is a failed item (or all of them, when Excel cannot be reached at all).
 */
export async function excelSelfCheck(env: ExcelEnv, settingsKey: string): Promise<SelfCheckReport> {
  const results = new SelfCheckResults();
  const notes: string[] = [];
  const unfinished: { left: Leftovers | null } = { left: null };
  let missing = '未能检查';
  try {
    await env.run(RUN, (context) => checkAll(context, env, settingsKey, results, unfinished));
  } catch (e) {
    missing = `未能检查：${toJixiaoError(e, '检查环境', 'unreadable').message}`;
  }
  if (unfinished.left) {
    // The clean-up failed inside the check's own batch (a context may not recover from a failed
    // round trip): once more in a fresh Excel.run.
    const left = unfinished.left;
    try {
      await env.run(RUN, (context) => lookAndUndo(context, left));
    } catch (e) {
      notes.push(
        `检查后未能完全复原（${errorMessage(e)}）：请查看工作簿中是否留下了“${left.sheet}”工作表，如有请删除；设置请在“设置”中核对后保存。`,
      );
    }
  }
  return results.report(excelHostName(env), excelVersion(env), missing, notes.join(' ') || undefined);
}

async function checkAll(
  context: Excel.RequestContext,
  env: ExcelEnv,
  key: string,
  results: SelfCheckResults,
  unfinished: { left: Leftovers | null },
): Promise<void> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/name');
  const active = sheets.getActiveWorksheet();
  active.load('name');
  const saved = context.workbook.settings.getItemOrNullObject(key);
  saved.load('value');
  await context.sync();

  const left: Leftovers = {
    sheet: freeSheetName(
      sheets.items.map((s) => s.name),
      SELF_CHECK_SHEET,
    ),
    tmp: 'absent',
    active: active.name,
    key,
    raw: saved.isNullObject ? null : saved.value,
    setting: null,
  };
  const step = async (k: SelfCheckKey, f: Step) => {
    try {
      const r = await f();
      results.set(k, r.ok, r.detail);
    } catch (e) {
      results.set(k, false, toJixiaoError(e, SELF_CHECK_LABELS[k], 'write-failed').message);
    }
  };
  const noSheet = `未能检查：没有临时工作表（见“${SELF_CHECK_LABELS.write}”）`;
  const [text, zeros, num] = SELF_CHECK_VALUES;

  try {
    await step('write', async () => {
      left.tmp = 'unknown';
      const ws = sheets.add(left.sheet);
      const r = ws.getRange('A1:C1');
      r.formulas = [[literalText(text), literalText(zeros), num]];
      r.load('values');
      await context.sync();
      left.tmp = 'present';
      const got = r.values[0] ?? [];
      if (got[0] === text && got[1] === zeros && got[2] === num) {
        return { ok: true, detail: `文本${shown(text)}${shown(zeros)}和数字 ${num} 写入后读回不变` };
      }
      return { ok: false, detail: `读回的是 ${got.map(shown).join('、')}，应为 ${SELF_CHECK_VALUES.map(shown).join('、')}` };
    });
    if (left.tmp === 'unknown') {
      // The add may have landed before the write failed: look.
      try {
        const probe = sheets.getItemOrNullObject(left.sheet);
        probe.load('name');
        await context.sync();
        left.tmp = probe.isNullObject ? 'absent' : 'present';
      } catch {
        // still unknown: the clean-up looks again
      }
    }

    if (left.tmp !== 'present') {
      for (const k of ['read', 'marks', 'links', 'clear'] as const) results.set(k, false, noSheet);
    } else {
      await step('read', async () => {
        const used = sheets.getItem(left.sheet).getUsedRange(true);
        used.load('rowCount,columnCount,values,text,numberFormat');
        // Merged areas as 评价 reads them where the host has them (ExcelApi 1.13).
        const merged = env.supports('1.13') ? used.getMergedAreasOrNullObject() : null;
        merged?.load('address');
        await context.sync();
        const size = `${used.rowCount} 行 ${used.columnCount} 列`;
        if (!results.ok('write')) return { ok: true, detail: `读取了 ${size}（写入未成功，内容无法核对）` };
        const v = used.values[0] ?? [];
        const t = used.text[0] ?? [];
        const expected = [text, zeros, String(num)];
        if (
          used.rowCount === 1 &&
          used.columnCount === 3 &&
          v[0] === text &&
          v[1] === zeros &&
          v[2] === num &&
          t.every((x, i) => x === expected[i])
        ) {
          return { ok: true, detail: `读取了 ${size}，值、显示文本和数字格式正确` };
        }
        return { ok: false, detail: `读取到 ${size}：值 ${v.map(shown).join('、')}，显示为 ${t.map(shown).join('、')}` };
      });

      let found: Excel.ConditionalFormat[] = [];
      await step('marks', async () => {
        const ws = sheets.getItem(left.sheet);
        const cf = ws.getRanges('A1:C1').conditionalFormats.add('Custom');
        cf.custom.rule.formula = markFormula('info');
        cf.custom.format.fill.color = `#${SEVERITY_FILL.info}`;
        // eslint-disable-next-line office-addins/load-object-before-read -- a navigation property (a proxy collection), not a value to load
        const all = ws.getRange().conditionalFormats;
        all.load('items/type,items/customOrNullObject/rule/formula');
        await context.sync();
        found = all.items.filter((f) => f.type === 'Custom' && markSeverity(f.customOrNullObject.rule.formula) === 'info');
        return found.length
          ? { ok: true, detail: '已添加条件格式规则，并按标记找回' }
          : { ok: false, detail: `已添加条件格式规则，但在 ${all.items.length} 条规则中没有找到带标记的那一条` };
      });

      await step('links', async () => {
        const formula = hyperlinkFormula(left.sheet, 'A1', SELF_CHECK_LINK_LABEL);
        const d1 = sheets.getItem(left.sheet).getRange('D1');
        d1.formulas = [[formula]];
        d1.load('formulas,values');
        await context.sync();
        const back = d1.formulas[0]?.[0];
        return sameFormula(back, formula)
          ? { ok: true, detail: `链接公式写入后读回不变（单元格显示 ${shown(d1.values[0]?.[0])}）` }
          : { ok: false, detail: `读回的公式是 ${shown(back)}，应为 ${shown(formula)}` };
      });

      await step('clear', async () => {
        if (!found.length) return { ok: false, detail: `未能检查：没有可清除的标记（见“${SELF_CHECK_LABELS.marks}”）` };
        for (const f of found) f.delete();
        const all = sheets.getItem(left.sheet).getRange().conditionalFormats;
        all.load('items/type,items/customOrNullObject/rule/formula');
        await context.sync();
        const still = all.items.filter((f) => f.type === 'Custom' && isMarkFormula(f.customOrNullObject.rule.formula)).length;
        return still === 0
          ? { ok: true, detail: '已删除带标记的规则，工作表上不再有标记' }
          : { ok: false, detail: `删除后仍找到 ${still} 条带标记的规则` };
      });
    }

    await step('settings', async () => {
      // What 设置 does: load, save back (the host saves normalised JSON), load again.
      const s = normaliseSettings(left.raw) ?? { ...DEFAULT_SETTINGS };
      const json = JSON.stringify(s);
      left.setting = { json, landed: 'unknown' };
      context.workbook.settings.add(key, json);
      const back = context.workbook.settings.getItemOrNullObject(key);
      back.load('value');
      await context.sync();
      left.setting.landed = true;
      const again = back.isNullObject ? null : normaliseSettings(back.value);
      return again && JSON.stringify(again) === json
        ? {
            ok: true,
            detail: left.raw === null ? '工作簿中尚无设置：默认设置保存后读回一致（检查后已删除）' : '已保存的设置原样保存后读回一致',
          }
        : { ok: false, detail: '保存后读回的设置与保存的不同' };
    });
  } finally {
    try {
      await cleanUp(context, left);
    } catch {
      unfinished.left = left;
    }
  }
}

/** Puts the workbook back: active sheet, no temporary sheet, settings as found. Throws when it could not. */
async function cleanUp(context: Excel.RequestContext, left: Leftovers): Promise<void> {
  const sheets = context.workbook.worksheets;
  const settings = context.workbook.settings;
  const changedSetting = left.setting !== null && JSON.stringify(left.raw) !== JSON.stringify(left.setting.json);
  if (left.tmp !== 'unknown' && left.setting?.landed !== 'unknown') {
    // Everything known: one round trip.
    try {
      sheets.getItem(left.active).activate();
      if (left.tmp === 'present') sheets.getItem(left.sheet).delete();
      if (changedSetting) {
        if (left.raw === null) settings.getItem(left.key).delete();
        else settings.add(left.key, left.raw);
      }
      await context.sync();
      return;
    } catch {
      // Part of it may have happened: look, then undo what is left.
    }
  }
  await lookAndUndo(context, left);
}

/** The careful clean-up: looks at what is there (one round trip), then undoes it (one more). */
async function lookAndUndo(context: Excel.RequestContext, left: Leftovers): Promise<void> {
  const sheets = context.workbook.worksheets;
  const settings = context.workbook.settings;
  const tmp = sheets.getItemOrNullObject(left.sheet);
  tmp.load('name');
  const active = sheets.getItemOrNullObject(left.active);
  active.load('name');
  const item = settings.getItemOrNullObject(left.key);
  item.load('value');
  await context.sync();
  if (!active.isNullObject) active.activate();
  if (!tmp.isNullObject) tmp.delete();
  if (left.setting !== null) {
    if (left.raw === null) {
      if (!item.isNullObject) item.delete();
    } else if (item.isNullObject || JSON.stringify(item.value) !== JSON.stringify(left.raw)) {
      settings.add(left.key, left.raw);
    }
  }
  await context.sync();
}
