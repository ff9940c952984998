// Runs file tasks on worker threads (up to the machine's cores) and hands the records back in input
// order. One task per worker at a time and a bounded window of finished-but-unsent records keep memory
// flat in the number of files. Without the compiled worker (ts-jest runs the sources) or for a single
// file, the tasks run in this thread.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FileTask, runTask } from './task';
import { FileRecord } from './record';

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

export async function runPool(tasks: FileTask[], o: PoolOptions): Promise<void> {
  const script = workerScript();
  const n = Math.min(o.workers ?? defaultWorkers(), tasks.length, script ? Infinity : 0);
  let done = 0;
  const finished = new Map<number, FileRecord>();
  let next = 0; // next index to hand to onRecord
  let flushing = Promise.resolve();
  const flush = (): Promise<void> => {
    flushing = flushing.then(async () => {
      while (finished.has(next)) {
        const r = finished.get(next) as FileRecord;
        finished.delete(next);
        next++;
        await o.onRecord(r);
      }
    });
    return flushing;
  };
  const settle = (r: FileRecord, position: number): Promise<void> => {
    done++;
    o.onProgress?.(done, tasks.length, r.display);
    finished.set(position, r);
    return flush();
  };

  if (n <= 1 && (n === 0 || !script)) {
    for (let i = 0; i < tasks.length; i++) await settle(await runTask(tasks[i]), i);
    return flushing;
  }

  const { Worker } = await import('worker_threads');
  // A slow file must not let finished records pile up behind it without bound.
  const window = Math.max(8, n * 4);
  let handed = 0;
  await new Promise<void>((resolve, reject) => {
    type W = import('worker_threads').Worker & { position?: number; busy?: boolean };
    let active = 0;
    const waiting: (() => void)[] = [];
    const release = (): void => {
      while (waiting.length && handed - next < window) (waiting.shift() as () => void)();
    };
    const feed = (w: W): void => {
      w.busy = false;
      if (handed >= tasks.length) {
        void w.terminate();
        if (--active === 0) flush().then(resolve, reject);
        return;
      }
      if (handed - next >= window) {
        waiting.push(() => feed(w));
        return;
      }
      const i = handed++;
      w.position = i;
      w.busy = true;
      w.postMessage(tasks[i]);
    };
    const start = (): void => {
      const w: W = new Worker(script as string);
      active++;
      w.on('message', (r: FileRecord) => {
        settle(r, w.position as number).then(release, reject);
        feed(w);
      });
      // A worker that dies (out of memory on a huge file …) costs its file, not the batch.
      w.on('error', (e) => {
        active--;
        if (w.busy) {
          const t = tasks[w.position as number];
          settle({ index: t.index, path: t.path, display: t.display, status: 'unreadable', error: `读取时出错：${e.message}`, tables: [], notes: [] }, w.position as number).then(release, reject);
        }
        if (handed < tasks.length) start();
        else if (active === 0) flush().then(resolve, reject);
      });
      feed(w);
    };
    for (let k = 0; k < n; k++) start();
  });
}
