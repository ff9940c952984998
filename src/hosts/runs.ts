// How one part of the add-in tells another that the document was evaluated or cleared. The ribbon
// commands (Excel's function file, WPS's hidden ribbon page) and the task pane run in separate pages
// with nothing in memory in common; each 评价 / 清除标记 therefore leaves a stamp where every page can
// read it (Excel: a workbook setting written in the same batch as the marks; WPS: PluginStorage), and
// an open pane watches for stamps it did not write itself and shows what the other part did.

import { hostGlobals } from './detect';
import type { WritePlan } from '../core/plan';

export interface RunStamp {
  /** From what the run did (runId): a different run, a different id; the same run again, the same. */
  id: string;
  action: 'evaluate' | 'clear';
  /** The sheets that were evaluated (for clear: those of the last 评价, if known). */
  sheets: string[];
  /** The 评价结果 sheet written (or kept). */
  summarySheet: string;
  /** Cells marked after the run (0 after 清除标记). */
  highlighted: number;
  /** Cells whose marks were removed (清除标记). */
  cleared?: number;
  /** The document it happened in (WPS keeps one PluginStorage for every open document). */
  document?: string;
}

/**
 * A run's id from what it did: the same 评价 on the same content gets the same id, so running it
 * twice leaves the document exactly as once (and a pane already showing it has nothing new to show).
 * Two 32-bit FNV-1a hashes with different seeds.
 */
export function runId(content: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ content.length;
  for (let i = 0; i < content.length; i++) {
    const c = content.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}

/** The id of a 评价 that writes `plan` (its sheets, marks and summary) to `summarySheet`. */
export function evaluateRunId(plan: WritePlan, summarySheet: string): string {
  return runId(JSON.stringify(['evaluate', summarySheet, plan.sheets, plan.highlights, plan.summary.rows]));
}

/** The id of a 清除标记 after the run `previous` (if known). */
export function clearRunId(previous: string | null | undefined, cleared: number | null): string {
  return runId(JSON.stringify(['clear', previous ?? '', cleared]));
}

export function parseRunStamp(raw: unknown): RunStamp | null {
  let v: unknown = raw;
  if (typeof raw === 'string') {
    try {
      v = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!v || typeof v !== 'object') return null;
  const s = v as Partial<RunStamp>;
  if (typeof s.id !== 'string' || (s.action !== 'evaluate' && s.action !== 'clear')) return null;
  const out: RunStamp = {
    id: s.id,
    action: s.action,
    sheets: Array.isArray(s.sheets) ? s.sheets.filter((x): x is string => typeof x === 'string') : [],
    summarySheet: typeof s.summarySheet === 'string' ? s.summarySheet : '',
    highlighted: typeof s.highlighted === 'number' && Number.isFinite(s.highlighted) ? s.highlighted : 0,
  };
  if (typeof s.cleared === 'number' && Number.isFinite(s.cleared)) out.cleared = s.cleared;
  if (typeof s.document === 'string') out.document = s.document;
  return out;
}

export interface WatchOptions {
  /** Read the current stamp (null: none). */
  read(): Promise<RunStamp | null>;
  /** Check every pollMs while the page is visible (0: only on focus and poke). */
  pollMs: number;
}

/** A stamp found: `initial` when it was already there when watching began (the last run before). */
export type OnRun = (s: RunStamp, initial: boolean) => void;

export interface Watch {
  stop(): void;
  /** Check now (an event said something changed). */
  poke(): void;
  /**
   * This page wrote stamp `id` itself: not news. (A stamp is news when it differs from the last one
   * seen, so the ribbon repeating the pane's own 评价 after a 清除标记 is still reported.)
   */
  saw(id: string): void;
}

/**
 * Calls onRun for each new stamp written by another page, and once for the stamp already there when
 * watching begins (initial = true). Checks on focus, when the page becomes visible, on poke() and
 * every pollMs while visible; a failing read is skipped (the next check tries again).
 */
export function watchStamps(opts: WatchOptions, onRun: OnRun): Watch {
  let last: string | null | undefined; // undefined: baseline not read yet
  let epoch = 0; // bumped by saw(): a read that started before is stale
  let stopped = false;
  let checking = false;
  let again = false;
  const g = hostGlobals();
  const visible = () => !g.document || g.document.visibilityState !== 'hidden';

  const check = async (): Promise<void> => {
    if (stopped) return;
    if (checking) {
      again = true;
      return;
    }
    checking = true;
    const started = epoch;
    try {
      const s = await opts.read();
      if (stopped || started !== epoch) return;
      const id = s?.id ?? null;
      const initial = last === undefined;
      if (id !== last) {
        last = id;
        if (s) onRun(s, initial);
      }
    } catch {
      // the document is busy (cell edit, closing…): try at the next check
    } finally {
      checking = false;
      if (again && !stopped) {
        again = false;
        void check();
      }
    }
  };
  const onEvent = () => void check();
  void check();
  g.addEventListener?.('focus', onEvent);
  g.document?.addEventListener?.('visibilitychange', onEvent);
  const timer = opts.pollMs > 0 ? setInterval(() => visible() && void check(), opts.pollMs) : null;
  return {
    stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      g.removeEventListener?.('focus', onEvent);
      g.document?.removeEventListener?.('visibilitychange', onEvent);
    },
    poke: onEvent,
    saw(id) {
      epoch++;
      last = id;
    },
  };
}
