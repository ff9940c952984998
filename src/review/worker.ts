// Worker thread of a batch: takes file tasks one at a time and answers with their records. exceljs and
// the engine are loaded once per worker (module scope), not once per file.

import { parentPort } from 'worker_threads';
import { FileTask, runTask } from './task';

if (parentPort) {
  const port = parentPort;
  port.on('message', (task: FileTask) => {
    runTask(task).then(
      (record) => port.postMessage(record),
      (e) => port.postMessage({ index: task.index, path: task.path, display: task.display, status: 'unreadable', error: String((e as Error)?.message ?? e), tables: [], notes: [] }),
    );
  });
}
