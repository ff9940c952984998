// The one seam between the product and a spreadsheet program. Each host (Excel through Office.js,
// WPS 表格 through its ET object model, an .xlsx file through exceljs) implements it; everything that
// decides lives in src/core and src/app and never sees a host object.

import { WorkbookSnapshot } from '../core/snapshot';
import { WritePlan } from '../core/plan';
import { Standard } from '../core/data/standards';
import { OnRun } from './runs';

export type HostKind = 'excel' | 'wps' | 'file';

/** What the user can set; saved in the workbook (Excel.SettingCollection, WPS document variables…). */
export interface Settings {
  /** Scoring profile id (src/core/data/profiles.ts). */
  profile: string;
  /** Edited standards table, or null for the defaults. */
  standards: Standard[] | null;
  /** Overrides for the report; empty = from the sheet. */
  department: string;
  year: string;
  /** The score the report states: the form's own 自评得分 (default) or the 核算得分 by the rules. */
  reportScore?: 'self' | 'computed';
  /** The report's opening paragraph (how the self-evaluation was organised); omitted when empty. */
  opening?: string;
  /** Report headings edited by the user, by key ('department.overview' …, see narrative/templates HeadingKey). */
  headings?: Record<string, string>;
}

export const DEFAULT_SETTINGS: Settings = { profile: 'national', standards: null, department: '', year: '' };

/**
 * Settings as a document or storage keeps them (an object, or its JSON text) made whole: missing or
 * mistyped fields take their defaults. null when there is nothing readable.
 */
export function normaliseSettings(raw: unknown): Settings | null {
  let v: unknown = raw;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch {
      return null;
    }
  }
  if (!v || typeof v !== 'object') return null;
  const o = v as Partial<Settings>;
  const s: Settings = {
    profile: typeof o.profile === 'string' && o.profile ? o.profile : DEFAULT_SETTINGS.profile,
    standards: Array.isArray(o.standards) ? o.standards : null,
    department: typeof o.department === 'string' ? o.department : '',
    year: typeof o.year === 'string' ? o.year : '',
  };
  // The report fields are kept only when set, so settings saved before they existed read back unchanged.
  if (o.reportScore === 'computed' || o.reportScore === 'self') s.reportScore = o.reportScore;
  if (typeof o.opening === 'string' && o.opening.trim()) s.opening = o.opening;
  if (o.headings && typeof o.headings === 'object' && !Array.isArray(o.headings)) {
    const h: Record<string, string> = {};
    for (const [k, x] of Object.entries(o.headings)) if (typeof x === 'string' && x.trim()) h[k] = x;
    if (Object.keys(h).length) s.headings = h;
  }
  return s;
}

export interface ApplyResult {
  /** Name of the summary sheet written (评价结果, or 评价结果(2) when a foreign sheet has that name). */
  summarySheet: string;
  /** Number of cells highlighted. */
  highlighted: number;
}

/** One capability 检查环境 tried: read, write, marks, links, settings, clear (src/app/selfcheck.ts). */
export type SelfCheckKey = 'read' | 'write' | 'marks' | 'links' | 'settings' | 'clear';

export interface SelfCheckItem {
  key: SelfCheckKey;
  /** Chinese name of the capability. */
  label: string;
  ok: boolean;
  /** What was seen, or the error's text (Chinese, never a stack). */
  detail: string;
}

/** What 检查环境 found: the program and its version, and each capability in SELF_CHECK_KEYS order. */
export interface SelfCheckReport {
  /** "Excel", "WPS 表格". */
  host: string;
  /** Version, platform, API level: whatever the host tells. */
  version: string;
  items: SelfCheckItem[];
  /** Something the clean-up could not undo (the user should know). */
  note?: string;
}

export interface Host {
  readonly kind: HostKind;
  /** Display name of the document (file name or workbook name). */
  documentName(): Promise<string>;
  /**
   * Reads what 评价 evaluates: the active sheet ('active') or every sheet except our summary ('workbook').
   * One bulk read: values, display text, number formats and merged areas.
   */
  readSnapshot(scope: 'active' | 'workbook'): Promise<WorkbookSnapshot>;
  /**
   * Applies the plan. Highlights are reversible exactly (clearMarks restores the user's formatting);
   * applying twice gives the same workbook as once (previous marks are removed first); the summary
   * sheet replaces a previous one of ours and never a sheet we did not create; all text is written as
   * text; the source sheets' values are never changed. All or nothing: on failure nothing is left half-written.
   */
  apply(plan: WritePlan): Promise<ApplyResult>;
  /** Removes our highlights and restores what they covered. The summary sheet stays. */
  clearMarks(): Promise<{ cleared: number }>;
  /** Selects a cell (clicking a finding). */
  selectCell(sheet: string, cell: string): Promise<void>;
  loadSettings(): Promise<Settings>;
  saveSettings(s: Settings): Promise<void>;
  /**
   * Reports each 评价 / 清除标记 done on this document by another part of the add-in (a ribbon
   * command, another pane), never this host's own, and first the last run recorded before watching
   * began (initial); returns the function that stops watching. Hosts whose document nobody else can
   * touch (a file) leave it out.
   */
  watchRuns?(onRun: OnRun): () => void;
  /**
   * 检查环境: tries every capability above on a temporary sheet and reports which work. Leaves the
   * workbook as it was (sheet deleted, active sheet back, settings unchanged) even when a step fails;
   * never rejects. Hosts with no program to check (a file) leave it out.
   */
  selfCheck?(): Promise<SelfCheckReport>;
}
