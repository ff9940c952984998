// Runs file tasks on worker threads (up to the machine's cores) and hands the records back in input
// order. One task per worker at a time and a bounded window of finished-but-unsent records keep memory
// flat in the number of files. Without the compiled worker (ts-jest runs the sources) or for a single
// file, the tasks run in this thread.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FileTask, runTask } from './task';
import { FileRecord } from './record';
import type { WorkerJob } from './worker';
import { LetterJob, runLetterJob } from './letter-job';

export interface PoolOptions {
  /** Worker threads; default the machine's available parallelism. 0 = this thread. */
  workers?: number;
  /** Each record, in input order. */
  onRecord: (r: FileRecord) => void | Promise<void>;
  /** After each finished file (in finishing order). */
  onProgress?: (done: number, total: number, current: string) => void;
}

export function workerScript(): string | null {
  const js = path.join(__dirname, 'worker.js');
  return fs.existsSync(js) ? js : null;
}

export function defaultWorkers(): number {
  const envN = Number(process.env.JIXIAO_WORKERS);
  if (Number.isInteger(envN) && envN >= 0) return envN;
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** One worker thread answering one job at a time; replaced by a new one if it dies. */
class WorkerLane {
  private worker: import('worker_threads').Worker | null = null;
  constructor(
    private Worker: typeof import('worker_threads').Worker,
    private script: string,
  ) {}

  /** The job's answer, or `onDeath(error)` when the worker dies on it (out of memory on a huge file …). */
  ask<R>(job: WorkerJob, onDeath: (e: Error) => R): Promise<R> {
    const w = (this.worker ??= new this.Worker(this.script));
    return new Promise((resolve) => {
      const done = (r: R): void => {
        w.off('message', done);
        w.off('error', failed);
        resolve(r);
      };
      const failed = (e: Error): void => {
        w.off('message', done);
        this.worker = null;
        resolve(onDeath(e));
      };
      w.on('message', done);
      w.once('error', failed);
      w.postMessage(job);
    });
  }

  run(task: FileTask): Promise<FileRecord> {
    // A worker that dies costs its file, not the batch.
    return this.ask<FileRecord>({ kind: 'file', task }, (e) => ({
      index: task.index,
      path: task.path,
      display: task.display,
      status: 'unreadable',
      error: `读取时出错：${e.message}`,
      tables: [],
      notes: [],
    }));
  }

  async close(): Promise<void> {
    if (this.worker) await this.worker.terminate();
  }
}

export async function runPool(tasks: FileTask[], o: PoolOptions): Promise<void> {
  const script = workerScript();
  // This thread evaluates too (it has the reader loaded anyway), so n cores means n − 1 workers.
  const wanted = o.workers ?? defaultWorkers();
  const nWorkers = script && tasks.length > 1 ? Math.max(0, Math.min(wanted, tasks.length) - 1) : 0;
  let done = 0;
  const finished = new Map<number, FileRecord>();
  let next = 0; // next index to hand to onRecord
  let handed = 0;
  // A slow file must not let finished records pile up behind it without bound.
  const window = Math.max(8, (nWorkers + 1) * 4);
  let moved: (() => void)[] = [];
  let flushing = Promise.resolve();
  const flush = (): Promise<void> => {
    flushing = flushing.then(async () => {
      while (finished.has(next)) {
        const r = finished.get(next) as FileRecord;
        finished.delete(next);
        next++;
        await o.onRecord(r);
      }
      const wake = moved;
      moved = [];
      for (const f of wake) f();
    });
    return flushing;
  };
  const lane = async (exec: (t: FileTask) => Promise<FileRecord>): Promise<void> => {
    while (handed < tasks.length) {
      if (handed - next >= window) {
        await new Promise<void>((resolve) => moved.push(resolve));
        continue;
      }
      const i = handed++;
      const r = await exec(tasks[i]);
      done++;
      o.onProgress?.(done, tasks.length, r.display);
      finished.set(i, r);
      await flush();
    }
  };
  const lanes: Promise<void>[] = [];
  const workers: WorkerLane[] = [];
  if (nWorkers > 0) {
    const { Worker } = await import('worker_threads');
    for (let k = 0; k < nWorkers; k++) {
      const w = new WorkerLane(Worker, script as string);
      workers.push(w);
      lanes.push(lane((t) => w.run(t)));
    }
  }
  lanes.push(lane(runTask));
  try {
    await Promise.all(lanes);
    await flush();
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
}

/**
 * Builds and writes the letters on cores − 1 workers and this thread; `beside` runs in this thread
 * first (the summary workbook), so it overlaps with the workers' letters. Returns the failures.
 */
export async function runLetters(jobs: LetterJob[], o: { workers?: number; beside?: () => Promise<void> }): Promise<string[]> {
  const script = workerScript();
  const wanted = o.workers ?? defaultWorkers();
  const nWorkers = script && jobs.length > 1 ? Math.max(0, Math.min(wanted, jobs.length) - 1) : 0;
  const errors: string[] = [];
  let handed = 0;
  const lane = async (exec: (j: LetterJob) => Promise<string | null>): Promise<void> => {
    while (handed < jobs.length) {
      const error = await exec(jobs[handed++]);
      if (error) errors.push(error);
    }
  };
  const workers: WorkerLane[] = [];
  const lanes: Promise<void>[] = [];
  if (nWorkers > 0) {
    const { Worker } = await import('worker_threads');
    for (let k = 0; k < nWorkers; k++) {
      const w = new WorkerLane(Worker, script as string);
      workers.push(w);
      lanes.push(lane((j) => w.ask<string | null>({ kind: 'letter', job: j }, (e) => `写复核意见时出错：${e.message}`)));
    }
  }
  lanes.push(
    (async () => {
      if (o.beside) await o.beside();
      await lane(runLetterJob);
    })(),
  );
  try {
    await Promise.all(lanes);
  } finally {
    await Promise.all(workers.map((w) => w.close()));
  }
  return errors;
}
