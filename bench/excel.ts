// Excel host benchmark: 评价 through the fake Excel API (tests/fakes/excel) on generated sheets. Round
// trips (context.sync) and proxy objects are what cost time in real Excel, above all in Excel on the
// web, so those are the figures to watch: they must not grow with the sheet. Payload sizes are rough
// (UTF-8 bytes of the JSON of the cell arrays and addresses sent and received); Excel on the web refuses
// a request or response over 5 MB, and the fake does too here.
//
//   benchExcel([100, 1000, 10000]) → one object per size; `node lib/bench/excel.js` prints JSON lines.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { makeWorkbook } from './run';
import { createExcelHost } from '../src/hosts/excel';
import { runEvaluation, clearMarks } from '../src/app/session';
import { Host } from '../src/hosts/host';
import { fakeWorkbookFromExcelJs, installFakeExcel, newStats } from '../tests/fakes/excel';

export interface ExcelBenchLine {
  rows: number;
  /** context.sync round trips for a whole 评价 (settings, read, inspect, write). */
  syncs: number;
  /** Proxy objects created during 评价. */
  proxies: number;
  /** Wall time of Host.apply against the fake, less the fake's own execution of the batch. */
  applyMs: number;
  /** Time the fake spent executing the commands of the whole 评价 (the fake's cost, for reference). */
  fakeExecMs: number;
  /** Wall time of the whole 评价 against the fake (read, engine, narrative, apply). */
  evaluateMs: number;
  highlighted: number;
  /** Largest single request / response, KB (UTF-8 bytes of JSON). */
  maxRequestKB: number;
  maxResponseKB: number;
  clearSyncs: number;
  clearProxies: number;
}

function timed(host: Host, times: number[]): Host {
  const apply = host.apply.bind(host);
  host.apply = async (plan) => {
    const t0 = performance.now();
    try {
      return await apply(plan);
    } finally {
      times.push(performance.now() - t0);
    }
  };
  return host;
}

export async function benchExcel(sizes: number[] = [100, 1000, 10000]): Promise<ExcelBenchLine[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-bench-excel-'));
  const out: ExcelBenchLine[] = [];
  try {
    for (const rows of sizes) {
      const file = path.join(dir, `bench-${rows}.xlsx`);
      await makeWorkbook(rows, file);
      const src = new ExcelJS.Workbook();
      await src.xlsx.readFile(file);
      const wb = fakeWorkbookFromExcelJs(src, { name: path.basename(file) });
      // Excel on the web's limit: a request or response over it fails the batch.
      wb.payloadLimit = 5 * 1024 * 1024;
      const installed = installFakeExcel(wb);
      try {
        const applyTimes: number[] = [];
        const host = timed(await createExcelHost(), applyTimes);
        wb.stats = newStats();
        const execBefore: number[] = [];
        const apply = host.apply.bind(host);
        host.apply = (plan) => {
          execBefore.push(wb.stats.execMs);
          return apply(plan).finally(() => execBefore.push(wb.stats.execMs));
        };
        const t0 = performance.now();
        const result = await runEvaluation(host);
        const evaluateMs = performance.now() - t0;
        const s = { ...wb.stats };
        wb.stats = newStats();
        await clearMarks(host);
        out.push({
          rows,
          syncs: s.syncs,
          proxies: s.proxies,
          applyMs: Math.round((applyTimes[0] - (execBefore[1] - execBefore[0])) * 10) / 10,
          fakeExecMs: s.execMs,
          evaluateMs: Math.round(evaluateMs),
          highlighted: result.applied.highlighted,
          maxRequestKB: Math.round(s.maxRequest / 1024),
          maxResponseKB: Math.round(s.maxResponse / 1024),
          clearSyncs: wb.stats.syncs,
          clearProxies: wb.stats.proxies,
        });
      } finally {
        installed.uninstall();
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (require.main === module) {
  const sizes = (process.env.BENCH_SIZES ?? '100,1000,10000').split(',').map(Number);
  benchExcel(sizes)
    .then((lines) => {
      for (const l of lines) process.stdout.write(JSON.stringify(l) + '\n');
    })
    .catch((e) => {
      process.stderr.write(`${e?.stack ?? e}\n`);
      process.exit(1);
    });
}
