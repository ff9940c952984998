// What 评价 and 清除标记 do, for any host: read → evaluate → narrative → plan → apply. The task pane,
// the Excel ribbon commands and the WPS ribbon callbacks all call these two functions.

import { evaluateWorkbook } from '../core/evaluate';
import { planWrites } from '../core/plan';
import { findProfile, NATIONAL } from '../core/data/profiles';
import { DEFAULT_STANDARDS } from '../core/data/standards';
import { JixiaoError } from '../core/errors';
import { EvaluationResult } from '../core/types';
import { headerWordsForMessage } from '../core/layout';
import { generateNarrative, narrativeLines, Narrative } from '../narrative';
import { Host, Settings, ApplyResult } from '../hosts/host';
import { RunStamp } from '../hosts/runs';
import { WorkbookSnapshot } from '../core/snapshot';

export type Step = 'read' | 'evaluate' | 'write' | 'done';

export interface Outcome {
  result: EvaluationResult;
  narrative: Narrative;
  applied: ApplyResult;
}

export interface RunOptions {
  scope?: 'active' | 'workbook';
  settings?: Settings;
  onStep?: (s: Step) => void;
}

export async function runEvaluation(host: Host, opts: RunOptions = {}): Promise<Outcome> {
  const settings = opts.settings ?? (await host.loadSettings());
  const step = opts.onStep ?? (() => undefined);
  step('read');
  const snapshot = await host.readSnapshot(opts.scope ?? 'active');
  step('evaluate');
  const { result, narrative, profile } = await evaluate(host, snapshot, settings);
  step('write');
  const plan = planWrites(result, { profile, narrative: narrativeLines(narrative) });
  const applied = await host.apply(plan);
  step('done');
  return { result, narrative, applied };
}

/**
 * What a run elsewhere (a ribbon command, see ../hosts/runs.ts) found, for an open task pane: the
 * sheets it evaluated, evaluated again from the workbook as it is now, and nothing written (the
 * marks and the 评价结果 sheet are already there).
 */
export async function viewRun(host: Host, run: RunStamp, opts: { settings?: Settings } = {}): Promise<Outcome> {
  const settings = opts.settings ?? (await host.loadSettings());
  const all = await host.readSnapshot('workbook');
  const sheets = all.sheets.filter((s) => run.sheets.includes(s.name));
  const snapshot: WorkbookSnapshot = sheets.length ? { ...all, sheets } : await host.readSnapshot('active');
  const { result, narrative } = await evaluate(host, snapshot, settings);
  return { result, narrative, applied: { summarySheet: run.summarySheet, highlighted: run.highlighted } };
}

async function evaluate(host: Host, snapshot: WorkbookSnapshot, settings: Settings) {
  const profile = findProfile(settings.profile) ?? NATIONAL;
  const result = evaluateWorkbook(snapshot, {
    profile,
    standards: settings.standards ?? DEFAULT_STANDARDS,
    file: await host.documentName(),
  });
  if (result.sheets.length === 0) {
    const where = snapshot.sheets.length === 1 ? `工作表“${snapshot.sheets[0].name}”` : '工作簿';
    throw new JixiaoError(
      'no-table',
      `${where}中没有找到绩效指标表。请确认表头含有指标名称列和指标值/完成值列（如：${headerWordsForMessage()}）。`,
    );
  }
  const narrative = generateNarrative(result, {
    department: settings.department || undefined,
    year: settings.year || undefined,
    score: settings.reportScore,
    opening: settings.opening,
    headings: settings.headings,
  });
  return { result, narrative, profile };
}

export async function clearMarks(host: Host): Promise<{ cleared: number }> {
  return host.clearMarks();
}
