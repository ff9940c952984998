// The 300-workbook case of `npm run bench` (also alone: node lib/bench/review.js). A generated folder of
// department workbooks (~30 rows each) through the CLI: `evaluate DIR --json` and `review DIR --summary`,
// medians of BENCH_RUNS runs, and the peak RSS of the process (workers included) at two folder sizes, to
// show memory does not grow with the number of files. Targets on a 2-core machine: --json ≤ 3 s,
// --summary ≤ 6 s.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { writeDepartmentFolder } from './departments';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'jixiao.js');
const FILES = Number(process.env.BENCH_REVIEW_FILES ?? 300);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Wall time, CPU time of all threads and peak RSS (KB) of one CLI run (CPU and RSS from GNU time when
 * installed; null otherwise). CPU time shows the work done when a shared machine makes wall time noisy.
 */
function run(args: string[]): { ms: number; cpuMs: number | null; rssKb: number | null; code: number | null } {
  const gnuTime = fs.existsSync('/usr/bin/time');
  const t0 = process.hrtime.bigint();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', 'JIXIAO_RSS_KB=%M JIXIAO_CPU_S=%U+%S', process.execPath, BIN, ...args], {
        stdio: ['ignore', 'ignore', 'pipe'],
        encoding: 'utf8',
      })
    : spawnSync(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /JIXIAO_RSS_KB=(\d+) JIXIAO_CPU_S=([\d.]+)\+([\d.]+)/.exec(r.stderr ?? '');
  return { ms, cpuMs: m ? Math.round((Number(m[2]) + Number(m[3])) * 1000) : null, rssKb: m ? Number(m[1]) : null, code: r.status };
}

export async function benchReview(files = FILES): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-review-bench-'));
  try {
    const big = path.join(dir, 'big');
    const small = path.join(dir, 'small');
    await writeDepartmentFolder(big, { count: files });
    await writeDepartmentFolder(small, { count: Math.max(1, Math.round(files / 5)) });
    const summary = path.join(dir, '汇总.xlsx');
    const json: number[] = [];
    const withSummary: number[] = [];
    const rss: number[] = [];
    const cpu = { json: [] as number[], summary: [] as number[] };
    for (let i = 0; i < RUNS; i++) {
      const a = run(['evaluate', big, '--json']);
      const b = run(['review', big, '--summary', summary]);
      if (a.code !== 0 || b.code !== 0) throw new Error(`jixiao exited ${a.code} / ${b.code}`);
      json.push(a.ms);
      withSummary.push(b.ms);
      if (b.rssKb !== null) rss.push(b.rssKb);
      if (a.cpuMs !== null && b.cpuMs !== null) {
        cpu.json.push(a.cpuMs);
        cpu.summary.push(b.cpuMs);
      }
    }
    const smallRss = run(['review', small, '--summary', summary]).rssKb;
    const jsonMs = Math.round(median(json));
    const summaryMs = Math.round(median(withSummary));
    return {
      review: true,
      files,
      cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length,
      jsonMs,
      summaryMs,
      jsonCpuMs: cpu.json.length ? median(cpu.json) : null,
      summaryCpuMs: cpu.summary.length ? median(cpu.summary) : null,
      // Other work on the machine during the run (wall times are only comparable at a low load).
      loadAverage: Math.round(os.loadavg()[0] * 10) / 10,
      jsonTargetMet: jsonMs <= 3000,
      summaryTargetMet: summaryMs <= 6000,
      peakRssMb: rss.length ? Math.round(median(rss) / 1024) : null,
      peakRssMbAtFifth: smallRss === null ? null : Math.round(smallRss / 1024),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchReview().then(
    (l) => process.stdout.write(JSON.stringify(l) + '\n'),
    (e) => {
      process.stderr.write(`${(e as Error)?.stack ?? e}\n`);
      process.exit(1);
    },
  );
}
