// WPS host benchmark: 评价 and 清除标记 through the fake ET object model (tests/fakes/wps) on generated
// sheets. In real WPS every member access crosses from the page into the host (a COM-like call), so the
// figure to watch is host calls: it must not grow with the sheet.
//
//   benchWps([100, 1000, 10000]) → one object per size; `node lib/bench/wps.js` prints JSON lines.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { makeWorkbook } from './run';
import { createWpsHost } from '../src/hosts/wps';
import { runEvaluation, clearMarks } from '../src/app/session';
import { FakeApplication, bookFromExcelJs } from '../tests/fakes/wps';

export interface WpsBenchLine {
  rows: number;
  /** Host calls (member accesses) for a whole 评价: settings, read, write. */
  hostCalls: number;
  readCalls: number;
  applyCalls: number;
  clearCalls: number;
  highlighted: number;
  /** The calls made most often during 评价, for where the cost goes. */
  top: [string, number][];
}

function total(stats: Record<string, number>): number {
  let n = 0;
  for (const k of Object.keys(stats)) n += stats[k];
  return n;
}

export async function benchWps(sizes: number[] = [100, 1000, 10000]): Promise<WpsBenchLine[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-wps-'));
  const out: WpsBenchLine[] = [];
  try {
    for (const rows of sizes) {
      const file = path.join(dir, `bench-${rows}.xlsx`);
      await makeWorkbook(rows, file);
      const src = new ExcelJS.Workbook();
      await src.xlsx.readFile(file);
      const app = new FakeApplication(bookFromExcelJs(src, path.basename(file)));
      const host = createWpsHost(app);
      // Host calls made inside one Host method, summed over its calls.
      const spent = { read: 0, apply: 0 };
      const counted =
        <A extends unknown[], R>(f: (...a: A) => Promise<R>, key: keyof typeof spent) =>
        async (...a: A): Promise<R> => {
          const before = total(app.stats);
          try {
            return await f(...a);
          } finally {
            spent[key] += total(app.stats) - before;
          }
        };
      host.readSnapshot = counted(host.readSnapshot.bind(host), 'read');
      host.apply = counted(host.apply.bind(host), 'apply');
      app.stats = {};
      const result = await runEvaluation(host);
      const stats = { ...app.stats };
      app.stats = {};
      await clearMarks(host);
      out.push({
        rows,
        hostCalls: total(stats),
        readCalls: spent.read,
        applyCalls: spent.apply,
        clearCalls: total(app.stats),
        highlighted: result.applied.highlighted,
        top: Object.entries(stats)
          .sort((a, b) => b[1] - a[1])
          .slice(0, 5),
      });
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (require.main === module) {
  const sizes = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
  benchWps(sizes)
    .then((lines) => {
      for (const l of lines) process.stdout.write(JSON.stringify(l) + '\n');
    })
    .catch((e) => {
      process.stderr.write(`${e?.stack ?? e}\n`);
      process.exit(1);
    });
}
