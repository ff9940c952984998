// One 复核意见 to build and write: run by a worker thread or this one (pool.ts runLetters).

import { FileRecord, TableRecord } from './record';
import { LetterOptions } from './letters';

export interface LetterJob {
  department: string;
  items: { file: FileRecord; table: TableRecord }[];
  options: LetterOptions;
  outFile: string;
}

/** Null when written, else the Chinese reason. */
export async function runLetterJob(job: LetterJob): Promise<string | null> {
  try {
    const { buildLetter, letterDocx } = await import('./letters');
    const { writeFileAtomic } = await import('./write');
    await writeFileAtomic(job.outFile, await letterDocx(buildLetter(job.department, job.items, job.options)));
    return null;
  } catch (e) {
    return (e as Error).message ?? String(e);
  }
}
