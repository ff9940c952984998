/// <reference types="office-js" />
// The Excel host: the only code that touches `Excel.*`. Reads the sheet in blocks of rows (one round trip
// for a small sheet), applies a WritePlan in an inspect and a write batch (values in blocks under the
// payload limit); formats go through RangeAreas and conditional
// formats, never one proxy object per cell.
//
// Reversible highlights: each severity is ONE custom conditional format per sheet (per 8,000-character
// address chunk) whose rule is a marker formula, =ISTEXT("jixiao-mark:error"). Conditional formats paint
// over the cell without changing its own fill, border, font or value, so 清除标记 restores the user's
// formatting exactly by deleting our formats, found again by their marker; the user's own conditional
// formats are never touched. 评价 deletes our previous formats before adding new ones (idempotent).
//
// The 评价结果 sheet is ours when its A1 starts with OWNER_MARK (the contract every host shares); a
// sheet of that name we did not write is never touched (chooseSummaryName → 评价结果(2)). The workbook
// settings keep a record ('jixiao.owner': which sheet we wrote, which sheets carry marks) for the pane
// and the ribbon commands, which run in separate runtimes and share state only through the workbook.

import { WorkbookSnapshot, SheetSnapshot, parseAddress, freeSheetName, uncoveredRows } from '../../core/snapshot';
import { JixiaoError, isJixiaoError, ErrorCode } from '../../core/errors';
import { OWNER_MARK, WritePlan, chooseSummaryName, isSummaryName, isOwnerMark } from '../../core/plan';
import { MARK_PREFIX, isMarkFormula, isMaskName, markFormula } from '../marks';
import { ApplyResult, DEFAULT_SETTINGS, Host, SelfCheckReport, Settings, normaliseSettings } from '../host';
import { OnRun, RunStamp, Watch, clearRunId, evaluateRunId, parseRunStamp, watchStamps } from '../runs';
import { parseAreasAddress } from './addresses';
import { UNSUPPORTED_MESSAGE, errorCode, toJixiaoError } from './errors';
import { dropMasks, marksOf, masksOf, queueMarkInventory, queueMasks } from './marks';
import { PAYLOAD_BUDGET, jsonBytes, readBlocks, toSheetSnapshot } from './read';
import { queueHighlights, queueSummary, queueSummaryCells, summaryGrid } from './write';
import { excelSelfCheck } from './selfcheck';

// The parts, split like the WPS adapter's: errors.ts (failures → Chinese), read.ts (used ranges in
// blocks), write.ts (the write batch), marks.ts (the inventory of our marks and masks), selfcheck.ts
// (检查环境); this file holds the batches: what goes into each round trip, and recovery.
export { UNSUPPORTED_MESSAGE, toJixiaoError, PAYLOAD_BUDGET, jsonBytes, toSheetSnapshot, summaryGrid };

export const SETTINGS_KEY = 'jixiao.settings';
export const OWNER_KEY = 'jixiao.owner';
export const DEFAULT_DOCUMENT_NAME = '当前工作簿';

export { MARK_PREFIX, markFormula, isMarkFormula };

export const MIN_API = '1.9';

/** What the host needs from the environment; tests pass the fake. */
export interface ExcelEnv {
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Office.context.requirements.isSetSupported('ExcelApi', version). */
  supports(version: string): boolean;
  /** Size of one block of cells sent or received (PAYLOAD_BUDGET unless a test sets a smaller one). */
  payloadBudget?: number;
  /** Office.context.diagnostics (host, version, platform) for 检查环境; absent or partial on some hosts. */
  diagnostics?(): { host?: unknown; version?: unknown; platform?: unknown } | null | undefined;
}

interface OwnerRecord {
  summary: string;
  marked: string[];
  /** The last 评价 / 清除标记 (read by an open task pane: see ../runs.ts). */
  run?: RunStamp;
}

class StaleNames extends Error {}
/** The inspect round trip failed in a way the fallback inventory avoids: try once more with it. */
class RetryInspect extends Error {}

/** Errors a load through customOrNullObject might give where the host does not support it. */
const STRUCTURAL = new Set(['GeneralException', 'InvalidArgument', 'InvalidOperation', 'PropertyNotFound', 'InvalidObjectPath']);

/** What recover() needs to know about a write batch that failed part-way. */
interface Recovery {
  tmp: string;
  final: string;
  oldIds: Set<string>;
  touched: string[];
  /** The last batch (summary complete, old sheet deleted in it) was sent: earlier blocks never are. */
  complete: boolean;
}

// ---------------------------------------------------------------------------------------------------

function parseSettings(raw: unknown): Settings {
  return normaliseSettings(raw) ?? { ...DEFAULT_SETTINGS };
}

function sameNames(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

export class ExcelHost implements Host {
  readonly kind = 'excel' as const;
  /** Sheet names as of the latest batch: lets apply reach each sheet in its first round trip. */
  private names: string[] | null = null;
  private docName: string | null = null;
  /** Whether the merged-areas read works here (ExcelApi 1.13, and it did not fail on > 512 areas). */
  private canReadMerges: boolean;
  /** Whether the visible-cells read (hidden rows) works here; off after a read that failed with it. */
  private canReadHidden = true;
  /** Open watches (watchRuns): told of the stamps this host writes, which are not news to them. */
  private readonly watches = new Set<Watch>();

  constructor(private readonly env: ExcelEnv) {
    this.canReadMerges = env.supports('1.13');
  }

  private get payloadBudget(): number {
    return this.env.payloadBudget ?? PAYLOAD_BUDGET;
  }

  private async run<T>(action: string, kind: ErrorCode, batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    try {
      return await this.rawRun(batch);
    } catch (e) {
      if (e instanceof StaleNames || e instanceof RetryInspect) throw e;
      throw toJixiaoError(e, action, kind);
    }
  }

  private rawRun<T>(batch: (ctx: Excel.RequestContext) => Promise<T>): Promise<T> {
    // delayForCellEdit (ExcelApi 1.11): wait for the user to finish typing instead of failing.
    return this.env.run({ delayForCellEdit: true }, batch);
  }

  /** Loads the workbook name along with a batch (refreshed each time: Save As renames it). */
  private queueDocName(ctx: Excel.RequestContext): (() => void) | null {
    if (!this.env.supports('1.7')) return null;
    const wb = ctx.workbook;
    wb.load('name');
    return () => {
      this.docName = wb.name || DEFAULT_DOCUMENT_NAME;
    };
  }

  async documentName(): Promise<string> {
    if (this.docName !== null) return this.docName;
    if (!this.env.supports('1.7')) return DEFAULT_DOCUMENT_NAME;
    try {
      await this.rawRun(async (ctx) => {
        const after = this.queueDocName(ctx);
        await ctx.sync();
        after?.();
      });
    } catch {
      // The name is only for display.
    }
    return this.docName ?? DEFAULT_DOCUMENT_NAME;
  }

  async loadSettings(): Promise<Settings> {
    return this.run('读取设置', 'unreadable', async (ctx) => {
      const item = ctx.workbook.settings.getItemOrNullObject(SETTINGS_KEY);
      item.load('value');
      // Free riders on the same round trip: sheet names and the workbook name for what follows.
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      const afterName = this.queueDocName(ctx);
      await ctx.sync();
      this.names = sheets.items.map((s) => s.name);
      afterName?.();
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- read after `await ctx.sync()` above; the rule only knows a context named `context`
      return parseSettings(item.isNullObject ? null : item.value);
    });
  }

  async saveSettings(s: Settings): Promise<void> {
    const json = JSON.stringify(parseSettings(s));
    await this.run('保存设置', 'write-failed', async (ctx) => {
      ctx.workbook.settings.add(SETTINGS_KEY, json);
      await ctx.sync();
    });
  }

  // -------------------------------------------------------------------------------------------------
  // Reading

  async readSnapshot(scope: 'active' | 'workbook'): Promise<WorkbookSnapshot> {
    const action = '读取工作表';
    if (this.canReadMerges || this.canReadHidden) {
      try {
        return await this.read(scope, this.canReadMerges, this.canReadHidden);
      } catch (e) {
        // getMergedAreasOrNullObject fails on more than 512 merged areas (and a host may refuse the
        // visible-cells query): read again without both (the engine fills merged labels down by itself;
        // hidden rows then go unreported). Edit mode, our own sheet and the like are final.
        const code = errorCode(e);
        if (
          isJixiaoError(e) ||
          code === 'InvalidOperationInCellEditMode' ||
          code === 'ApiNotFound' ||
          code === 'AccessDenied' ||
          code === 'ResponsePayloadSizeLimitExceeded' ||
          code === 'RequestPayloadSizeLimitExceeded'
        ) {
          throw toJixiaoError(e, action, 'unreadable');
        }
        this.canReadMerges = false;
        this.canReadHidden = false;
      }
    }
    try {
      return await this.read(scope, false, false);
    } catch (e) {
      throw toJixiaoError(e, action, 'unreadable');
    }
  }

  private read(scope: 'active' | 'workbook', withMerges: boolean, withHidden: boolean): Promise<WorkbookSnapshot> {
    return this.rawRun(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      const afterName = this.queueDocName(ctx);
      // Round trip 1: where each sheet's values are (and its merges, hidden rows); the cells follow in blocks.
      const queueSheet = (ws: Excel.Worksheet) => {
        ws.load('name,visibility');
        // Values only: formatting-only rows and columns (whole formatted columns are common) stay out.
        const used = ws.getUsedRange(true);
        used.load('rowIndex,columnIndex,rowCount,columnCount');
        const merged = withMerges ? used.getMergedAreasOrNullObject() : null;
        merged?.load('address');
        // The visible cells' areas: a used row in none of them is hidden (a null object: all are).
        const visible = withHidden ? used.getSpecialCellsOrNullObject('Visible') : null;
        visible?.load('address');
        return { ws, used, merged, visible };
      };
      let queued: ReturnType<typeof queueSheet>[];
      if (scope === 'active') {
        queued = [queueSheet(sheets.getActiveWorksheet())];
        await ctx.sync();
      } else {
        await ctx.sync();
        // Mask sheets (very hidden, ours) hold no table: not worth reading.
        queued = sheets.items.filter((ws) => !isMaskName(ws.name)).map(queueSheet);
        await ctx.sync();
      }
      this.names = sheets.items.map((s) => s.name);
      afterName?.();
      const cells = await readBlocks(
        ctx,
        queued.map((q) => ({ ws: q.ws, top: q.used.rowIndex, left: q.used.columnIndex, rows: q.used.rowCount, cols: q.used.columnCount })),
        this.payloadBudget,
      );
      const out: SheetSnapshot[] = [];
      queued.forEach((q, k) => {
        const top = q.used.rowIndex + 1;
        const left = q.used.columnIndex + 1;
        const { values, text, formats } = cells[k];
        if (top === 1 && left === 1 && isOwnerMark(values[0]?.[0])) {
          if (scope === 'active') {
            throw new JixiaoError(
              'no-table',
              `当前工作表“${q.ws.name}”是绩效评价助手生成的评价结果表。请切换到要评价的绩效自评表，再点击“评价”。`,
            );
          }
          return;
        }
        const merges = q.merged && !q.merged.isNullObject ? parseAreasAddress(q.merged.address) : [];
        const snap = toSheetSnapshot(q.ws.name, top, left, values, text, formats, merges);
        snap.hidden = q.ws.visibility !== 'Visible';
        if (q.visible) {
          const hidden = uncoveredRows(top, top + q.used.rowCount - 1, q.visible.isNullObject ? [] : parseAreasAddress(q.visible.address));
          if (hidden.length) snap.hiddenRows = hidden;
        }
        out.push(snap);
      });
      return { name: this.docName ?? DEFAULT_DOCUMENT_NAME, sheets: out };
    });
  }

  private async fetchNames(): Promise<string[]> {
    return this.run('读取工作表', 'unreadable', async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      await ctx.sync();
      this.names = sheets.items.map((s) => s.name);
      return this.names;
    });
  }

  /**
   * Whether one collection load can reach each format's rule through customOrNullObject (a null object
   * for data bars and the like). Assumed until a round trip fails; then the fallback loads ids and
   * types first and the rules of the Custom formats in one more round trip.
   */
  private nullNavigationOk = true;

  /** Syncs a batch that holds an inventory; a structural failure switches to the fallback and retries. */
  private async inventorySync(ctx: Excel.RequestContext): Promise<void> {
    try {
      await ctx.sync();
    } catch (e) {
      if (this.nullNavigationOk && STRUCTURAL.has(errorCode(e) ?? '')) {
        this.nullNavigationOk = false;
        throw new RetryInspect();
      }
      throw e;
    }
  }

  /** Runs f; if its inventory needed the fallback, runs it once more with the fallback. */
  private async withInventoryRetry<T>(f: () => Promise<T>): Promise<T> {
    try {
      return await f();
    } catch (e) {
      if (e instanceof RetryInspect) return f();
      throw e;
    }
  }

  // -------------------------------------------------------------------------------------------------
  // Writing

  async apply(plan: WritePlan): Promise<ApplyResult> {
    let names = this.names ?? (await this.fetchNames());
    try {
      return await this.withInventoryRetry(() => this.applyOnce(plan, names));
    } catch (e) {
      // The sheets changed since we last looked (renamed, added, deleted): look again, once.
      if (!(e instanceof StaleNames) && !(isJixiaoError(e) && e.code === 'not-found')) throw e;
    }
    names = await this.fetchNames();
    try {
      return await this.withInventoryRetry(() => this.applyOnce(plan, names));
    } catch (e) {
      if (e instanceof StaleNames)
        throw new JixiaoError('write-failed', '工作表在评价过程中发生了变化，请重新点击“评价”。（工作簿未作任何修改。）');
      throw e;
    }
  }

  private async applyOnce(plan: WritePlan, names: string[]): Promise<ApplyResult> {
    const highlightSheets = [...new Set(plan.highlights.map((h) => h.sheet))];
    const pending: { failure: Recovery | null } = { failure: null };
    try {
      return await this.run('写入评价结果', 'write-failed', async (ctx) => {
        const wb = ctx.workbook;
        const sheets = wb.worksheets;
        sheets.load('items/name');
        const wbProtection = wb.protection;
        wbProtection.load('protected');
        // Round trip 1: who owns the candidate summary sheets, our old marks, protection.
        const owners = names
          .filter((n) => isSummaryName(n, plan.summary.name))
          .map((n) => {
            const a1 = sheets.getItem(n).getRange('A1');
            a1.load('values');
            return { name: n, a1 };
          });
        const inventory = queueMarkInventory(ctx, names, this.nullNavigationOk);
        const maskQuery = queueMasks(ctx, names);
        await this.inventorySync(ctx);

        const fresh = sheets.items.map((s) => s.name);
        if (!sameNames(fresh, names)) {
          this.names = fresh;
          throw new StaleNames();
        }
        const missing = highlightSheets.filter((s) => !fresh.includes(s));
        if (missing.length) throw new JixiaoError('not-found', `工作表“${missing[0]}”已不存在（可能刚被删除或重命名）。请重新点击“评价”。`);
        const ours = new Set(owners.filter((o) => isOwnerMark(o.a1.values[0]?.[0])).map((o) => o.name));
        const summaryName = chooseSummaryName(
          fresh.map((n) => ({ name: n, ours: ours.has(n) })),
          plan.summary.name,
        );
        const replacing = fresh.includes(summaryName);
        const marks = await marksOf(ctx, inventory);
        const touched = marks.filter((m) => m.formats.length > 0 || highlightSheets.includes(m.sheet));
        for (const m of touched) {
          if (m.protection.protected) {
            throw new JixiaoError(
              'write-failed',
              `工作表“${m.sheet}”受保护，无法标记问题单元格。请在“审阅”选项卡中点击“撤消工作表保护”，再重新评价。（工作簿未作任何修改。）`,
            );
          }
        }
        if (wbProtection.protected) {
          throw new JixiaoError(
            'write-failed',
            `工作簿结构受保护，无法添加“${summaryName}”工作表。请在“审阅”选项卡中取消“保护工作簿”，再重新评价。（工作簿未作任何修改。）`,
          );
        }

        // Round trip 2: everything, in an order that keeps a failure recoverable (see recover()).
        const tmp = freeSheetName(fresh, 'jixiao-tmp-');
        pending.failure = {
          tmp,
          final: summaryName,
          oldIds: new Set(marks.flatMap((m) => m.formats.map((f) => f.id))),
          touched: touched.map((m) => m.sheet),
          complete: false,
        };
        const out = sheets.add(tmp);
        const grid = summaryGrid(plan.summary);
        await queueSummaryCells(ctx, out, grid, this.payloadBudget);
        queueSummary(out, plan.summary, grid);
        // From here on the new sheet is whole: if the batch fails after the old one was deleted, the
        // new one is renamed into place (recover()).
        pending.failure.complete = true;
        for (const m of marks) for (const f of m.formats) f.delete();
        dropMasks(ctx, masksOf(maskQuery));
        queueHighlights(ctx, plan);
        if (replacing) sheets.getItem(summaryName).delete();
        out.name = summaryName;
        const run: RunStamp = {
          id: evaluateRunId(plan, summaryName),
          action: 'evaluate',
          sheets: plan.sheets,
          summarySheet: summaryName,
          highlighted: plan.highlights.length,
        };
        const record: OwnerRecord = { summary: summaryName, marked: highlightSheets, run };
        wb.settings.add(OWNER_KEY, JSON.stringify(record));
        await ctx.sync();
        for (const w of this.watches) w.saw(run.id);
        pending.failure = null;
        this.names = replacing ? fresh : [...fresh, summaryName];
        return { summarySheet: summaryName, highlighted: plan.highlights.length };
      });
    } catch (e) {
      if (pending.failure) await this.recover(pending.failure);
      throw e;
    }
  }

  /**
   * The write batch failed part-way (Excel keeps the commands before the failing one). Put the
   * workbook back into a whole state: no half-written summary (the temporary sheet is deleted, or
   * renamed into place when the old sheet was already gone, which happens only after the new one is
   * complete) and no partial set of highlights (if our formats changed at all, all of ours go).
   */
  private async recover(f: Recovery): Promise<void> {
    try {
      await this.withInventoryRetry(() => this.recoverOnce(f));
    } catch {
      // Nothing more we can do; the original error is what the user needs to see.
    }
  }

  private recoverOnce(f: Recovery): Promise<void> {
    return this.rawRun(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      await ctx.sync();
      const names = sheets.items.map((s) => s.name);
      this.names = names;
      const inventory = queueMarkInventory(
        ctx,
        f.touched.filter((n) => names.includes(n)),
        this.nullNavigationOk,
      );
      await this.inventorySync(ctx);
      const marks = await marksOf(ctx, inventory);
      const now = marks.flatMap((m) => m.formats.map((x) => x.id));
      const untouched = now.length === f.oldIds.size && now.every((id) => f.oldIds.has(id));
      if (!untouched) for (const m of marks) for (const x of m.formats) x.delete();
      if (names.includes(f.tmp)) {
        if (names.includes(f.final) || !f.complete) sheets.getItem(f.tmp).delete();
        else sheets.getItem(f.tmp).name = f.final;
      }
      await ctx.sync();
      this.names = null;
    });
  }

  async clearMarks(): Promise<{ cleared: number }> {
    return this.withInventoryRetry(() => this.clearOnce());
  }

  private clearOnce(): Promise<{ cleared: number }> {
    return this.run('清除标记', 'write-failed', async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      await ctx.sync();
      const names = sheets.items.map((s) => s.name);
      this.names = names;
      const inventory = queueMarkInventory(ctx, names, this.nullNavigationOk);
      const maskQuery = queueMasks(ctx, names);
      const record = ctx.workbook.settings.getItemOrNullObject(OWNER_KEY);
      record.load('value');
      await this.inventorySync(ctx);
      const marks = (await marksOf(ctx, inventory)).filter((m) => m.formats.length > 0);
      const masks = masksOf(maskQuery);
      if (marks.length === 0) {
        // Leftover masks without rules mark nothing: tidy them away, nothing to count.
        if (masks.sheets.length || masks.names.length) {
          dropMasks(ctx, masks);
          await ctx.sync();
        }
        return { cleared: 0 };
      }
      const locked = marks.find((m) => m.protection.protected);
      if (locked) {
        throw new JixiaoError(
          'write-failed',
          `工作表“${locked.sheet}”受保护，无法清除标记。请在“审阅”选项卡中点击“撤消工作表保护”后再试。（工作簿未作任何修改。）`,
        );
      }
      const counts: Excel.RangeAreas[] = [];
      for (const m of marks) {
        for (const f of m.formats) {
          if (!m.masked.has(f)) {
            const r = f.getRanges();
            r.load('cellCount');
            counts.push(r);
          }
          f.delete();
        }
      }
      dropMasks(ctx, masks);
      // The stamp goes in the same round trip, before the count is known (it stays optional).
      // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/call-sync-after-load -- read after `await ctx.sync()` above; the rule only knows a context named `context`
      const prev = record.isNullObject ? null : parseOwner(record.value);
      const run: RunStamp = {
        id: clearRunId(prev?.run?.id, null),
        action: 'clear',
        sheets: prev?.run?.sheets ?? [],
        summarySheet: prev?.summary ?? '',
        highlighted: 0,
      };
      ctx.workbook.settings.add(OWNER_KEY, JSON.stringify({ summary: prev?.summary ?? '', marked: [], run } satisfies OwnerRecord));
      await ctx.sync();
      for (const w of this.watches) w.saw(run.id);
      return {
        cleared: counts.reduce(
          (n, r) => n + r.cellCount,
          masks.sheets.reduce((n, m) => n + m.count, 0),
        ),
      };
    });
  }

  /**
   * Watches the owner record for a run written elsewhere (the ribbon's function file runs in its own
   * page): on onSettingsChanged where Excel raises it, and whenever the pane gets focus or becomes
   * visible (the user comes back to it after the ribbon). Each check is one small read; there is no
   * polling, so an idle pane costs no round trips (each is a network request in Excel on the web).
   */
  watchRuns(onRun: OnRun): () => void {
    const watch = watchStamps(
      {
        read: () =>
          this.rawRun(async (ctx) => {
            const item = ctx.workbook.settings.getItemOrNullObject(OWNER_KEY);
            item.load('value');
            await ctx.sync();
            // eslint-disable-next-line office-addins/call-sync-before-read -- read after `await ctx.sync()` above; the rule only knows a context named `context`
            return item.isNullObject ? null : parseRunStamp(parseOwner(item.value)?.run);
          }),
        pollMs: 0,
      },
      onRun,
    );
    this.rawRun(async (ctx) => {
      ctx.workbook.settings.onSettingsChanged.add(async () => watch.poke());
      await ctx.sync();
    }).catch(() => undefined); // no event here: focus still works
    this.watches.add(watch);
    return () => {
      this.watches.delete(watch);
      watch.stop();
    };
  }

  async selectCell(sheet: string, cell: string): Promise<void> {
    if (!parseAddress(cell)) throw new JixiaoError('bad-argument', `“${cell}”不是有效的单元格地址。`);
    try {
      await this.run('定位单元格', 'not-found', async (ctx) => {
        const ws = ctx.workbook.worksheets.getItem(sheet);
        ws.activate();
        ws.getRange(cell).select();
        await ctx.sync();
      });
    } catch (e) {
      if (isJixiaoError(e) && e.code === 'not-found') {
        throw new JixiaoError('not-found', `找不到工作表“${sheet}”（可能已被删除或重命名）。请重新评价后再点击问题。`);
      }
      throw e;
    }
  }

  /** 检查环境 (selfcheck.ts). */
  async selfCheck(): Promise<SelfCheckReport> {
    const report = await excelSelfCheck(this.env, SETTINGS_KEY);
    // A clean-up that failed may have left a sheet: look the names up again before the next 评价.
    if (report.note) this.names = null;
    return report;
  }
}

function parseOwner(raw: unknown): OwnerRecord | null {
  try {
    const v = typeof raw === 'string' ? JSON.parse(raw) : raw;
    if (v && typeof v === 'object' && typeof (v as OwnerRecord).summary === 'string') return v as OwnerRecord;
  } catch {
    // ignore
  }
  return null;
}

export { OWNER_MARK };
