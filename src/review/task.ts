// One file of a batch: read, evaluate, keep the record (and the JSON, and the marked copy when asked).
// Runs in a worker thread or, for small batches and under tests, in the calling thread.

import { isJixiaoError } from '../core/errors';
import { findProfile } from '../core/data/profiles';
import { planWrites } from '../core/plan';
import { FileRecord } from './record';
import { recordOf } from './outcome';
import { readForReview } from './read';

export interface FileTask {
  index: number;
  path: string;
  display: string;
  profile: string;
  sheet?: string;
  /** Keep the single-file JSON contract in the record. */
  json: boolean;
  /** Write the marked copy with its 评价结果 sheet here (--out-dir). */
  outFile?: string;
}

export async function runTask(task: FileTask): Promise<FileRecord> {
  const base: FileRecord = { index: task.index, path: task.path, display: task.display, status: 'evaluated', tables: [], notes: [] };
  try {
    const profile = findProfile(task.profile);
    if (!profile) throw new Error(`unknown profile ${task.profile}`);
    const { snapshot, pkg, isResult } = await readForReview(task.path);
    const { record: rec, result } = recordOf(snapshot, base, { profile, sheet: task.sheet, json: task.json, isResult });
    if (task.outFile && pkg && result) {
      // Loaded only here: a batch without --out-dir never pays for the narrative and the writer.
      const { generateNarrative, narrativeLines } = await import('../narrative');
      const { patchPackage } = await import('../hosts/file/package/patch');
      const { zipPieces } = await import('../hosts/file/package/zip');
      const { writeAtomic } = await import('../cli/output');
      const narrative = generateNarrative(result, {});
      const plan = planWrites(result, { profile, narrative: narrativeLines(narrative) });
      try {
        // The input patched, as `jixiao evaluate --out` writes it: marks as our conditional formats.
        await writeAtomic(task.outFile, zipPieces(patchPackage(pkg, { highlights: plan.highlights, summary: plan.summary }).entries));
        rec.out = task.outFile;
      } catch (e) {
        rec.outError = isJixiaoError(e) ? e.message : String((e as Error).message ?? e);
      }
    }
    return rec;
  } catch (e) {
    const message = isJixiaoError(e) ? e.message : `评价时发生内部错误：${(e as Error).message ?? e}`;
    return { ...base, status: 'unreadable', error: message };
  }
}
