// What a batch keeps of one evaluated workbook: a few numbers per project table and its findings, with
// where they sit. Small plain data (it crosses the worker boundary and stays in memory for the summary
// and the letters while snapshots and results are dropped file by file).

import { EvaluationResult, Finding, Grade, Severity } from '../core/types';
import { completedCount } from '../core/plan';
import { SEVERITY_ORDER } from '../core/data/findings';

export interface FindingRecord {
  sheet: string;
  row: number | null;
  cell: string | null;
  code: string;
  severity: Severity;
  message: string;
}

export interface TableRecord {
  sheet: string;
  headerRow: number;
  /** 主管部门 as written in the table; null when the table gives none. */
  department: string | null;
  /** 实施单位. */
  unit: string | null;
  project: string | null;
  title: string | null;
  year: string | null;
  weight: number;
  selfScore: number | null;
  /** 核算得分; null = 无法核算. */
  score: number | null;
  grade: Grade | null;
  met: number;
  indicators: number;
  /** 预算执行率 as a fraction; null when there is no budget block or no rate. */
  rate: number | null;
  pending: number;
  /** The cell of the total row's self-score, for the letter (null when the sheet has no total row). */
  totalRow: number | null;
  findings: FindingRecord[];
}

export type FileStatus = 'evaluated' | 'no-table' | 'unreadable' | 'skipped';

export interface FileRecord {
  /** Index in the batch's input order. */
  index: number;
  /** Absolute path. */
  path: string;
  /** As shown to the user: relative to the folder given, or as given. */
  display: string;
  status: FileStatus;
  /** Chinese message for no-table / unreadable / skipped. */
  error?: string;
  tables: TableRecord[];
  /** Findings about sheets rather than tables. */
  notes: FindingRecord[];
  /** The single-file JSON contract, serialised (only when asked for). */
  json?: string;
  /** Where the per-file result workbook was written (--out-dir). */
  out?: string;
  /** Why the result workbook could not be written (the evaluation itself stands). */
  outError?: string;
}

function findingRecord(sheet: string, f: Finding): FindingRecord {
  return { sheet, row: f.row, cell: f.cell, code: f.code, severity: f.severity, message: f.message };
}

export function tableRecords(r: EvaluationResult): { tables: TableRecord[]; notes: FindingRecord[] } {
  const tables: TableRecord[] = [];
  const notes: FindingRecord[] = [];
  for (const s of r.sheets) {
    for (const n of s.notes ?? []) notes.push(findingRecord(s.sheet, n));
    for (const t of s.tables) {
      const done = completedCount(t);
      tables.push({
        sheet: s.sheet,
        headerRow: t.headerRow,
        department: t.department,
        unit: t.unit,
        project: t.project,
        title: t.title,
        year: t.year,
        weight: t.total.weight,
        selfScore: t.total.selfScore,
        score: t.total.score,
        grade: t.total.grade,
        met: done.met,
        indicators: done.total,
        rate: t.budget ? t.budget.rate : null,
        pending: t.total.pending,
        totalRow: t.total.sheetRow,
        findings: t.findings.map((f) => findingRecord(s.sheet, f)),
      });
    }
  }
  return { tables, notes };
}

/** Most serious first, then in sheet order (the engine's own order within a severity). */
export function bySeriousness(a: FindingRecord, b: FindingRecord): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.row ?? 1e9) - (b.row ?? 1e9);
}

/** Who a table belongs to for grouping and letters: 主管部门, else 实施单位, else the file's name. */
export function ownerOf(t: TableRecord, f: FileRecord): string {
  return t.department?.trim() || t.unit?.trim() || f.display.replace(/\.xlsx$/i, '');
}

/** Self-score minus 核算得分, only when both are known (an unscorable table has no difference). */
export function difference(t: TableRecord): number | null {
  return t.selfScore === null || t.score === null ? null : Math.round((t.selfScore - t.score) * 100) / 100;
}
