// Worker thread of a batch: takes jobs one at a time (a file to evaluate, or a letter to write) and
// answers each. What a job needs is loaded on its first use and kept: exceljs and the engine once per
// worker, not once per file; a worker that only writes letters never loads exceljs.

import { parentPort } from 'worker_threads';
import type { FileTask } from './task';
import type { LetterJob } from './letter-job';

export type WorkerJob = { kind: 'file'; task: FileTask } | { kind: 'letter'; job: LetterJob };

if (parentPort) {
  const port = parentPort;
  port.on('message', (m: WorkerJob) => {
    if (m.kind === 'letter') {
      import('./letter-job')
        .then((x) => x.runLetterJob(m.job))
        .then(
          (error) => port.postMessage(error),
          (e) => port.postMessage(String((e as Error)?.message ?? e)),
        );
      return;
    }
    const task = m.task;
    import('./task')
      .then((x) => x.runTask(task))
      .then(
        (record) => port.postMessage(record),
        (e) =>
          port.postMessage({
            index: task.index,
            path: task.path,
            display: task.display,
            status: 'unreadable',
            error: String((e as Error)?.message ?? e),
            tables: [],
            notes: [],
          }),
      );
  });
}
