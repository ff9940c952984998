// The JSON contract of `jixiao evaluate --json` (issue #2 §4). Other tools depend on these names:
// this projection keeps exactly them and drops the engine-only detail.

import { EvaluationResult, ParsedValue } from './types';

export interface JsonResult {
  file: string;
  profile: string;
  sheets: {
    sheet: string;
    tables: {
      title: string | null;
      project: string | null;
      year: string | null;
      headerRow: number;
      indicators: {
        row: number;
        level1: string | null;
        level2: string | null;
        name: string;
        target: { text: string; op: '>=' | '<=' | '=' | null; value: number | null; unit: string | null } | null;
        actual: { text: string; value: number | null; unit: string | null } | null;
        kind: 'quantitative' | 'qualitative';
        status: 'met' | 'unmet' | 'unknown';
        weight: number | null;
        selfScore: number | null;
        score: number | null;
        reason: string | null;
      }[];
      budget: {
        row: number;
        planned: number | null;
        executed: number | null;
        rate: number | null;
        weight: number | null;
        selfScore: number | null;
        score: number | null;
      } | null;
      total: { weight: number; selfScore: number | null; score: number | null; grade: '优' | '良' | '中' | '差' | null };
      findings: JsonFinding[];
    }[];
    /** Findings about the sheet rather than a table: a table head with no indicator rows (empty-table). */
    notes: JsonFinding[];
  }[];
}

type JsonFinding = { row: number | null; cell: string | null; code: string; severity: 'error' | 'warning' | 'info'; message: string };

function finding(f: JsonFinding): JsonFinding {
  return { row: f.row, cell: f.cell, code: f.code, severity: f.severity, message: f.message };
}

function target(v: ParsedValue | null) {
  return v ? { text: v.text, op: v.op, value: v.value, unit: v.unit } : null;
}

function actual(v: ParsedValue | null) {
  return v ? { text: v.text, value: v.kind === 'number' ? v.value : null, unit: v.kind === 'number' ? v.unit : null } : null;
}

export function toJson(r: EvaluationResult): JsonResult {
  return {
    file: r.file,
    profile: r.profile,
    sheets: r.sheets.map((s) => ({
      sheet: s.sheet,
      tables: s.tables.map((t) => ({
        title: t.title,
        project: t.project,
        year: t.year,
        headerRow: t.headerRow,
        indicators: t.indicators.map((i) => ({
          row: i.row,
          level1: i.level1,
          level2: i.level2,
          name: i.name,
          target: target(i.target),
          actual: actual(i.actual),
          kind: i.kind,
          status: i.status,
          weight: i.weight,
          selfScore: i.selfScore,
          score: i.score,
          reason: i.reason,
        })),
        budget: t.budget
          ? {
              row: t.budget.row,
              planned: t.budget.planned,
              executed: t.budget.executed,
              rate: t.budget.rate,
              weight: t.budget.weight,
              selfScore: t.budget.selfScore,
              score: t.budget.score,
            }
          : null,
        total: { weight: t.total.weight, selfScore: t.total.selfScore, score: t.total.score, grade: t.total.grade },
        findings: t.findings.map(finding),
      })),
      notes: (s.notes ?? []).map(finding),
    })),
  };
}
