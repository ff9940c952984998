/// <reference types="office-js" />
// The Excel host: the only code that touches `Excel.*`. Reads the sheet in one batch, applies a WritePlan
// in two (inspect, then write), whatever the sheet size; formats go through RangeAreas and conditional
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

import { Cell, MergeArea, SheetSnapshot, WorkbookSnapshot, parseAddress, freeSheetName, compactAreas, isGeneralFormat } from '../../core/snapshot';
import { JixiaoError, isJixiaoError, ErrorCode } from '../../core/errors';
import {
  BAR_COLOR,
  OWNER_MARK,
  SEVERITY_FILL,
  SUMMARY_LOOK,
  SummaryLook,
  SummaryPlan,
  SummaryStyle,
  WritePlan,
  chooseSummaryName,
  isSummaryName,
  isOwnerMark,
} from '../../core/plan';
import { Severity } from '../../core/types';
import { MARK_PREFIX, SEVERITIES, isMarkFormula, markFormula } from '../marks';
import { UNSUPPORTED_EXCEL } from '../../app/messages';
import { ApplyResult, DEFAULT_SETTINGS, Host, Settings, normaliseSettings } from '../host';
import { OnRun, RunStamp, Watch, clearRunId, evaluateRunId, parseRunStamp, watchStamps } from '../runs';
import {
  chunkAddresses,
  columnRangeA1,
  columnWidthPoints,
  hyperlinkFormula,
  literalText,
  parseAreasAddress,
  wrappedRowHeight,
} from './addresses';

export const SETTINGS_KEY = 'jixiao.settings';
export const OWNER_KEY = 'jixiao.owner';
export const DEFAULT_DOCUMENT_NAME = '当前工作簿';

export { MARK_PREFIX, markFormula, isMarkFormula };

export const MIN_API = '1.9';

/** Below MIN_API: the supported-versions message (src/app/messages.ts). */
export const UNSUPPORTED_MESSAGE = UNSUPPORTED_EXCEL;

/** What the host needs from the environment; tests pass the fake. */
export interface ExcelEnv {
  run<T>(options: Excel.RunOptions, batch: (context: Excel.RequestContext) => Promise<T>): Promise<T>;
  /** Office.context.requirements.isSetSupported('ExcelApi', version). */
  supports(version: string): boolean;
  /** Size of one block of cells sent or received (PAYLOAD_BUDGET unless a test sets a smaller one). */
  payloadBudget?: number;
}

interface OwnerRecord {
  summary: string;
  marked: string[];
  /** The last 评价 / 清除标记 (read by an open task pane: see ../runs.ts). */
  run?: RunStamp;
}

/** Our highlight formats found on a sheet. */
interface FoundMarks {
  sheet: string;
  formats: Excel.ConditionalFormat[];
  protection: Excel.WorksheetProtection;
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
// Styles of the summary sheet (SUMMARY_LOOK, shared with the WPS and file hosts).

/** SUMMARY_LOOK in Office.js terms. */
interface XStyle {
  bold?: boolean;
  size?: number;
  color?: string;
  underline?: boolean;
  fill?: string;
  horizontal?: 'Left' | 'Center' | 'Right';
  vertical?: 'Top' | 'Center';
  wrap?: boolean;
}

const ALIGN = { left: 'Left', center: 'Center', right: 'Right', top: 'Top' } as const;

function xstyle(l: SummaryLook): XStyle {
  const x: XStyle = {};
  if (l.bold) x.bold = true;
  if (l.size) x.size = l.size;
  if (l.color) x.color = `#${l.color}`;
  if (l.underline) x.underline = true;
  if (l.fill) x.fill = `#${l.fill}`;
  if (l.h) x.horizontal = ALIGN[l.h];
  if (l.v) x.vertical = ALIGN[l.v];
  if (l.wrap) x.wrap = true;
  return x;
}

const STYLE = Object.fromEntries(Object.entries(SUMMARY_LOOK).map(([k, l]) => [k, xstyle(l)])) as Record<SummaryStyle, XStyle>;

const BAR_FILL = `#${BAR_COLOR}`;
const SEV_FILL = (s: Severity): string => `#${SEVERITY_FILL[s]}`;

// ---------------------------------------------------------------------------------------------------
// Errors

function errorCode(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e) return String((e as { code: unknown }).code);
  return undefined;
}

/** Any failure → a Chinese message that says what to do. */
export function toJixiaoError(e: unknown, action: string, kind: ErrorCode): JixiaoError {
  if (isJixiaoError(e)) return e;
  const code = errorCode(e);
  const detail = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'InvalidOperationInCellEditMode':
      return new JixiaoError(kind, `Excel 正在编辑单元格，暂时无法${action}：请先按 Enter 或 Esc 结束编辑，再重试。`);
    case 'AccessDenied':
      return new JixiaoError(kind, `无法${action}：工作簿或工作表受保护。请在“审阅”选项卡中撤消工作表保护（或工作簿保护）后再试。`);
    case 'ApiNotFound':
    case 'ApiNotAvailable':
      return new JixiaoError('unsupported', UNSUPPORTED_MESSAGE);
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
      return new JixiaoError(kind, `无法${action}：表格数据量超出了 Excel 单次读写的上限（网页版约 5 MB）。请删去与绩效指标无关的行列后重试，或在桌面版 Excel 中使用。`);
    case 'ItemNotFound':
      return new JixiaoError('not-found', `无法${action}：要操作的工作表或单元格已不存在（可能刚被删除或重命名）。请重新点击“评价”。`);
    default:
      return new JixiaoError(kind, `无法${action}：Excel 返回错误${code ? ` ${code}` : ''}（${detail}）。请稍后重试；如果问题持续，请保存工作簿后重新打开。`);
  }
}

// ---------------------------------------------------------------------------------------------------

function parseSettings(raw: unknown): Settings {
  return normaliseSettings(raw) ?? { ...DEFAULT_SETTINGS };
}

/** Used range arrays → snapshot rows. Empty cells are null; formats only when not General. */
export function toSheetSnapshot(
  name: string,
  top: number,
  left: number,
  values: unknown[][],
  text: string[][],
  formats: unknown[][],
  merges: MergeArea[],
): SheetSnapshot {
  const rows: (Cell | null)[][] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const vr = values[i];
    const out: (Cell | null)[] = new Array(vr.length);
    for (let j = 0; j < vr.length; j++) {
      const v = vr[j];
      if (v === '' || v === null || v === undefined) {
        out[j] = null;
        continue;
      }
      const val = typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
      const t = text[i]?.[j] ?? String(v);
      const f = formats[i]?.[j];
      out[j] = isGeneralFormat(f) ? { v: val, t } : { v: val, t, f: String(f) };
    }
    rows[i] = out;
  }
  return { name, rows, top, left, merges };
}

function sameNames(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  const s = new Set(a);
  return b.every((x) => s.has(x));
}

// ---------------------------------------------------------------------------------------------------
// Request and response size: Excel on the web refuses either over 5 MB, so cells go in blocks of rows
// sized to stay under PAYLOAD_BUDGET (UTF-8 bytes of their JSON), whatever the sheet size.

/** Target size of one block of cells sent or received: well under 4 MB with what rides along. */
export const PAYLOAD_BUDGET = 2_500_000;
/** Cells in the first block read, before the sheet's own density is known. */
const FIRST_READ_CELLS = 12_000;

/** UTF-8 bytes of a value's JSON (what the request or response carries). */
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v) ?? '';
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x800) n += c >= 0xd800 && c <= 0xdfff ? 1 : 2;
    else if (c >= 0x80) n += 1;
  }
  return n;
}

interface BlockSource {
  ws: Excel.Worksheet;
  /** 0-based, as Office.js gives them. */
  top: number;
  left: number;
  rows: number;
  cols: number;
}

interface SheetCells {
  values: unknown[][];
  text: string[][];
  formats: unknown[][];
}

/**
 * Values, display text and number formats of each used range, in blocks of rows: one round trip per
 * block (a small sheet is one block), each block sized from the bytes per row the previous one took.
 */
async function readBlocks(ctx: Excel.RequestContext, sources: BlockSource[], budgetBytes: number): Promise<SheetCells[]> {
  const out: SheetCells[] = sources.map(() => ({ values: [], text: [], formats: [] }));
  const pending = sources.map((src, k) => ({ k, src, next: 0 }));
  let bytesPerCell = 0;
  while (pending.some((p) => p.next < p.src.rows)) {
    // Fill one round trip with rows of as many sheets as fit.
    let budget = bytesPerCell ? Math.max(1, Math.floor(budgetBytes / bytesPerCell)) : FIRST_READ_CELLS;
    const batch: { k: number; range: Excel.Range; cells: number }[] = [];
    for (const p of pending) {
      if (budget <= 0) break;
      if (p.next >= p.src.rows) continue;
      const cols = Math.max(1, p.src.cols);
      const rows = Math.min(p.src.rows - p.next, Math.max(1, Math.floor(budget / cols)));
      const range = p.src.ws.getRangeByIndexes(p.src.top + p.next, p.src.left, rows, cols);
      range.load('values,text,numberFormat');
      batch.push({ k: p.k, range, cells: rows * cols });
      p.next += rows;
      budget -= rows * cols;
    }
    await ctx.sync();
    let bytes = 0;
    let cells = 0;
    for (const b of batch) {
      const o = out[b.k];
      for (const r of b.range.values) o.values.push(r);
      for (const r of b.range.text) o.text.push(r);
      for (const r of b.range.numberFormat) o.formats.push(r);
      bytes += jsonBytes(b.range.values) + jsonBytes(b.range.text) + jsonBytes(b.range.numberFormat);
      cells += b.cells;
    }
    // The densest block so far decides the next one's size.
    if (cells) bytesPerCell = Math.max(bytesPerCell, bytes / cells, 1);
  }
  return out;
}

export class ExcelHost implements Host {
  readonly kind = 'excel' as const;
  /** Sheet names as of the latest batch: lets apply reach each sheet in its first round trip. */
  private names: string[] | null = null;
  private docName: string | null = null;
  /** Whether the merged-areas read works here (ExcelApi 1.13, and it did not fail on > 512 areas). */
  private canReadMerges: boolean;
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
    if (this.canReadMerges) {
      try {
        return await this.read(scope, true);
      } catch (e) {
        // getMergedAreasOrNullObject fails on more than 512 merged areas: read again without them (the
        // engine fills merged labels down by itself). Edit mode, our own sheet and the like are final.
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
      }
    }
    try {
      return await this.read(scope, false);
    } catch (e) {
      throw toJixiaoError(e, action, 'unreadable');
    }
  }

  private read(scope: 'active' | 'workbook', withMerges: boolean): Promise<WorkbookSnapshot> {
    return this.rawRun(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.load('items/name');
      const afterName = this.queueDocName(ctx);
      // Round trip 1: where each sheet's values are (and its merges); the cells follow in blocks.
      const queueSheet = (ws: Excel.Worksheet) => {
        // Values only: formatting-only rows and columns (whole formatted columns are common) stay out.
        const used = ws.getUsedRange(true);
        used.load('rowIndex,columnIndex,rowCount,columnCount');
        const merged = withMerges ? used.getMergedAreasOrNullObject() : null;
        merged?.load('address');
        return { ws, used, merged };
      };
      let queued: ReturnType<typeof queueSheet>[];
      if (scope === 'active') {
        const ws = sheets.getActiveWorksheet();
        ws.load('name');
        queued = [queueSheet(ws)];
        await ctx.sync();
      } else {
        await ctx.sync();
        queued = sheets.items.map((ws) => {
          ws.load('name');
          return queueSheet(ws);
        });
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
            throw new JixiaoError('no-table', `当前工作表“${q.ws.name}”是绩效评价助手生成的评价结果表。请切换到要评价的绩效自评表，再点击“评价”。`);
          }
          return;
        }
        const merges = q.merged && !q.merged.isNullObject ? parseAreasAddress(q.merged.address) : [];
        out.push(toSheetSnapshot(q.ws.name, top, left, values, text, formats, merges));
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

  /** Queues loading every conditional format's type (and rule) and the protection of each sheet. */
  private queueMarkInventory(ctx: Excel.RequestContext, names: string[]) {
    const full = this.nullNavigationOk;
    return names.map((name) => {
      const ws = ctx.workbook.worksheets.getItem(name);
      const formats = ws.getRange().conditionalFormats;
      formats.load(full ? 'items/id,items/type,items/customOrNullObject/rule/formula' : 'items/id,items/type');
      const protection = ws.protection;
      protection.load('protected');
      return { name, formats, protection, full };
    });
  }

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

  /** Our highlight formats per sheet, after the inventory's sync (one more round trip in the fallback). */
  private static async marksOf(ctx: Excel.RequestContext, inv: ReturnType<ExcelHost['queueMarkInventory']>): Promise<FoundMarks[]> {
    const custom = inv.flatMap((x) => x.formats.items.filter((cf) => cf.type === 'Custom'));
    let ours: Set<Excel.ConditionalFormat>;
    if (inv.every((x) => x.full)) {
      ours = new Set(custom.filter((cf) => isMarkFormula(cf.customOrNullObject.rule.formula)));
    } else {
      const rules = custom.map((cf) => {
        const rule = cf.custom.rule;
        rule.load('formula');
        return { cf, rule };
      });
      if (rules.length) await ctx.sync();
      ours = new Set(rules.filter((x) => isMarkFormula(x.rule.formula)).map((x) => x.cf));
    }
    return inv.map((x) => ({ sheet: x.name, protection: x.protection, formats: x.formats.items.filter((cf) => ours.has(cf)) }));
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
      if (e instanceof StaleNames) throw new JixiaoError('write-failed', '工作表在评价过程中发生了变化，请重新点击“评价”。（工作簿未作任何修改。）');
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
        const inventory = this.queueMarkInventory(ctx, names);
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
        const marks = await ExcelHost.marksOf(ctx, inventory);
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
          throw new JixiaoError('write-failed', `工作簿结构受保护，无法添加“${summaryName}”工作表。请在“审阅”选项卡中取消“保护工作簿”，再重新评价。（工作簿未作任何修改。）`);
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
        queueHighlights(ctx, plan);
        if (replacing) sheets.getItem(summaryName).delete();
        out.name = summaryName;
        const run: RunStamp = { id: evaluateRunId(plan, summaryName), action: 'evaluate', sheets: plan.sheets, summarySheet: summaryName, highlighted: plan.highlights.length };
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
      const inventory = this.queueMarkInventory(
        ctx,
        f.touched.filter((n) => names.includes(n)),
      );
      await this.inventorySync(ctx);
      const marks = await ExcelHost.marksOf(ctx, inventory);
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
      const inventory = this.queueMarkInventory(ctx, names);
      const record = ctx.workbook.settings.getItemOrNullObject(OWNER_KEY);
      record.load('value');
      await this.inventorySync(ctx);
      const marks = (await ExcelHost.marksOf(ctx, inventory)).filter((m) => m.formats.length > 0);
      if (marks.length === 0) return { cleared: 0 };
      const locked = marks.find((m) => m.protection.protected);
      if (locked) {
        throw new JixiaoError('write-failed', `工作表“${locked.sheet}”受保护，无法清除标记。请在“审阅”选项卡中点击“撤消工作表保护”后再试。（工作簿未作任何修改。）`);
      }
      const counts: Excel.RangeAreas[] = [];
      for (const m of marks) {
        for (const f of m.formats) {
          const r = f.getRanges();
          r.load('cellCount');
          counts.push(r);
          f.delete();
        }
      }
      // The stamp goes in the same round trip, before the count is known (it stays optional).
      const prev = record.isNullObject ? null : parseOwner(record.value);
      const run: RunStamp = { id: clearRunId(prev?.run?.id, null), action: 'clear', sheets: prev?.run?.sheets ?? [], summarySheet: prev?.summary ?? '', highlighted: 0 };
      ctx.workbook.settings.add(OWNER_KEY, JSON.stringify({ summary: prev?.summary ?? '', marked: [], run } satisfies OwnerRecord));
      await ctx.sync();
      for (const w of this.watches) w.saw(run.id);
      return { cleared: counts.reduce((n, r) => n + r.cellCount, 0) };
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

// ---------------------------------------------------------------------------------------------------
// The write batch

function applyStyle(format: Excel.RangeFormat, st: XStyle): void {
  if (st.fill) format.fill.color = st.fill;
  if (st.bold !== undefined || st.size !== undefined || st.color !== undefined || st.underline !== undefined) {
    const font = format.font;
    if (st.bold !== undefined) font.bold = st.bold;
    if (st.size !== undefined) font.size = st.size;
    if (st.color !== undefined) font.color = st.color;
    if (st.underline) font.underline = 'Single';
  }
  if (st.wrap !== undefined) format.wrapText = st.wrap;
  if (st.horizontal) format.horizontalAlignment = st.horizontal;
  if (st.vertical) format.verticalAlignment = st.vertical;
}

/**
 * The summary grid as one formulas array (text with its apostrophe, numbers, HYPERLINK formulas), the
 * cells per style, and the number cells per number format (the new sheet is General everywhere else).
 */
export function summaryGrid(plan: SummaryPlan): {
  formulas: (string | number)[][];
  styles: Map<SummaryStyle, { row: number; col: number }[]>;
  numberFormats: Map<string, { row: number; col: number }[]>;
  columns: number;
} {
  let columns = Math.max(plan.widths.length, 1);
  for (const r of plan.rows) if (r.length > columns) columns = r.length;
  const formulas: (string | number)[][] = [];
  const styles = new Map<SummaryStyle, { row: number; col: number }[]>();
  const numberFormats = new Map<string, { row: number; col: number }[]>();
  plan.rows.forEach((cells, i) => {
    const fr: (string | number)[] = new Array(columns).fill('');
    cells.forEach((sc, j) => {
      if (!sc) return;
      if (sc.link) {
        fr[j] = hyperlinkFormula(sc.link.sheet, sc.link.cell, sc.v === null ? '' : sc.v);
      } else if (typeof sc.v === 'number') {
        fr[j] = sc.v;
        const fmt = sc.style && SUMMARY_LOOK[sc.style].numFmt;
        if (fmt) {
          let list = numberFormats.get(fmt);
          if (!list) numberFormats.set(fmt, (list = []));
          list.push({ row: i + 1, col: j + 1 });
        }
      } else if (typeof sc.v === 'string') {
        fr[j] = literalText(sc.v);
      }
      if (sc.style) {
        let list = styles.get(sc.style);
        if (!list) styles.set(sc.style, (list = []));
        list.push({ row: i + 1, col: j + 1 });
      }
    });
    formulas.push(fr);
  });
  if (formulas.length === 0) formulas.push(new Array(columns).fill(''));
  return { formulas, styles, numberFormats, columns };
}

/**
 * The summary's number formats and cells, in blocks of rows under PAYLOAD_BUDGET: every block but the
 * last is sent on its own round trip (into the temporary sheet, so a failure leaves nothing half-written
 * in place); the last rides with the rest of the write batch.
 */
async function queueSummaryCells(ctx: Excel.RequestContext, ws: Excel.Worksheet, grid: ReturnType<typeof summaryGrid>, budgetBytes: number): Promise<number> {
  const { formulas, numberFormats, columns } = grid;
  // Number formats first (a handful of rectangles), then the grid.
  for (const [fmt, cells] of numberFormats) {
    for (const a of compactAreas(cells)) {
      const rows = a.bottom - a.top + 1;
      const cols = a.right - a.left + 1;
      ws.getRangeByIndexes(a.top - 1, a.left - 1, rows, cols).numberFormat = Array.from({ length: rows }, () => new Array(cols).fill(fmt));
    }
  }
  let start = 0;
  let bytes = 0;
  let syncs = 0;
  for (let i = 0; i < formulas.length; i++) {
    const b = jsonBytes(formulas[i]);
    if (i > start && bytes + b > budgetBytes) {
      ws.getRangeByIndexes(start, 0, i - start, columns).formulas = formulas.slice(start, i);
      await ctx.sync();
      syncs++;
      start = i;
      bytes = 0;
    }
    bytes += b;
  }
  ws.getRangeByIndexes(start, 0, formulas.length - start, columns).formulas = start === 0 ? formulas : formulas.slice(start);
  return syncs;
}

function queueSummary(ws: Excel.Worksheet, plan: SummaryPlan, grid: ReturnType<typeof summaryGrid>): void {
  const { styles } = grid;
  for (const [style, cells] of styles) {
    for (const chunk of chunkAddresses(compactAreas(cells))) applyStyle(ws.getRanges(chunk).format, STYLE[style]);
  }
  for (const m of plan.merges) {
    if (m.top === m.bottom && m.left === m.right) continue;
    ws.getRangeByIndexes(m.top - 1, m.left - 1, m.bottom - m.top + 1, m.right - m.left + 1).merge(false);
  }
  // A merged cell never grows to fit wrapped text: give the wrapped merged rows their height.
  const heights = new Map<number, { row: number; col: number }[]>();
  for (const m of plan.merges) {
    if (m.top !== m.bottom) continue;
    const sc = plan.rows[m.top - 1]?.[m.left - 1];
    if (!sc || typeof sc.v !== 'string' || !sc.style || !STYLE[sc.style].wrap) continue;
    let width = 0;
    for (let c = m.left; c <= m.right; c++) width += plan.widths[c - 1] ?? 8.43;
    const h = wrappedRowHeight(sc.v, width);
    if (h <= 20) continue;
    let list = heights.get(h);
    if (!list) heights.set(h, (list = []));
    list.push({ row: m.top, col: 1 });
  }
  for (const [h, cells] of heights) {
    for (const chunk of chunkAddresses(compactAreas(cells))) ws.getRanges(chunk).format.rowHeight = h;
  }
  plan.widths.forEach((w, i) => {
    ws.getRange(columnRangeA1(i + 1)).format.columnWidth = columnWidthPoints(w);
  });
  if (plan.freezeRows > 0) ws.freezePanes.freezeRows(plan.freezeRows);
  if (plan.bars.length) {
    for (const chunk of chunkAddresses(compactAreas(plan.bars))) {
      const bar = ws.getRanges(chunk).conditionalFormats.add('DataBar').dataBar;
      bar.lowerBoundRule = { type: 'Number', formula: '0' };
      bar.upperBoundRule = { type: 'Number', formula: '1' };
      bar.positiveFormat.fillColor = BAR_FILL;
    }
  }
}

function queueHighlights(ctx: Excel.RequestContext, plan: WritePlan): void {
  const bySheet = new Map<string, Map<Severity, { row: number; col: number }[]>>();
  for (const h of plan.highlights) {
    let m = bySheet.get(h.sheet);
    if (!m) bySheet.set(h.sheet, (m = new Map()));
    let list = m.get(h.severity);
    if (!list) m.set(h.severity, (list = []));
    list.push({ row: h.row, col: h.col });
  }
  for (const [sheet, bySeverity] of bySheet) {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    // Least severe first: each new format goes on top, so errors end up with the top priority.
    for (const sev of [...SEVERITIES].reverse()) {
      const cells = bySeverity.get(sev);
      if (!cells) continue;
      for (const chunk of chunkAddresses(compactAreas(cells))) {
        const cf = ws.getRanges(chunk).conditionalFormats.add('Custom');
        cf.custom.rule.formula = markFormula(sev);
        cf.custom.format.fill.color = SEV_FILL(sev);
      }
    }
  }
}

export { OWNER_MARK };
