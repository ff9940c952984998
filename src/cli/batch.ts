// Many workbooks in one process: `jixiao evaluate A.xlsx B.xlsx 目录/ …` and `jixiao review 目录/ --summary
// 汇总.xlsx [--letters 复核意见/]`. Files are evaluated on worker threads (src/review/pool.ts); one file
// that cannot be read is reported and the batch goes on. Exit codes: 0 every file evaluated; 1 some
// file holds no indicator table; 2 some file could not be read, or bad arguments.

import { statSync } from 'fs';
import * as path from 'path';
import { walkArgs } from './args';
import { JixiaoError, isJixiaoError } from '../core/errors';
import { PROFILES, findProfile } from '../core/data/profiles';
import { fmtNum, fmtTotal } from '../core/text';
import type { FileRecord } from '../review/record';
import type { FileTask } from '../review/task';
import { collectInputs, outputPaths, checkOutDir } from '../review/inputs';

export interface BatchIo {
  out: (s: string) => void;
  err: (s: string) => void;
  /** stderr is a terminal: draw a progress bar instead of plain lines. */
  tty?: boolean;
  /** Terminal width for the bar. */
  columns?: number;
}

export const BATCH_USAGE = `用法：
  jixiao evaluate 文件.xlsx 文件.xlsx 目录/ … [--json] [--out-dir 结果目录] [--profile 名称] [--sheet 名称]
  jixiao review 目录/ … --summary 汇总.xlsx [--letters 复核意见目录] [--issuer 复核单位] [--out-dir 结果目录] [--json]

  文件夹会逐层查找 .xlsx 文件；Office 临时锁文件（~$开头）和本工具生成的结果文件自动跳过。
  --json               输出一个 JSON 文档 {"files":[…]}：每个文件为单文件 --json 的结构，读不了的为 {"file","error"}
  --out-dir 目录        每个文件另存一份带标记和“评价结果”工作表的副本到该目录（不能是输入文件所在目录）
  --summary 汇总.xlsx   （review）写出汇总工作簿：汇总、问题清单、统计三张表
  --letters 目录        （review）每个单位写一份复核意见 .docx（公文格式）
  --issuer 名称         （review）复核意见落款的单位名称（不写则留空待填）
  --profile 名称        评分规则：${PROFILES.map((p) => p.id).join(' / ')}（默认 national）
  --workers 个数        并行线程数（默认为本机处理器核数）

退出码：0 全部已评价；1 有文件中未找到绩效指标表；2 有文件无法读取，或参数有误。
`;

interface BatchArgs {
  command: 'evaluate' | 'review';
  inputs: string[];
  json: boolean;
  outDir: string | null;
  summary: string | null;
  letters: string | null;
  issuer: string | null;
  profile: string | null;
  sheet: string | null;
  workers: number | null;
  help: boolean;
}

const VALUE_FLAGS = new Set(['--out-dir', '--summary', '--letters', '--issuer', '--profile', '--sheet', '--workers']);
/** Single-file options (main.ts) that take a value: skipped when telling a batch from a single file. */
const SINGLE_VALUE_FLAGS = new Set(['--out', '--narrative', '--outline', '--department', '--year', '--sheet', '--profile']);

/** Whether `jixiao …` is a batch: review, or evaluate with several inputs, a folder or --out-dir. */
export function wantsBatch(argv: string[]): boolean {
  if (argv[0] === 'review') return true;
  if (argv[0] !== 'evaluate') return false;
  const positional: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const x = argv[i];
    const flag = x.replace(/=.*$/, '');
    if (flag === '--out-dir') return true;
    if (x.startsWith('-')) {
      if (!x.includes('=') && (VALUE_FLAGS.has(flag) || SINGLE_VALUE_FLAGS.has(flag))) i++;
      continue;
    }
    positional.push(x);
  }
  if (positional.length > 1) return true;
  try {
    return positional.length === 1 && statSync(positional[0]).isDirectory();
  } catch {
    return false;
  }
}

function parseBatchArgs(argv: string[]): BatchArgs {
  const a: BatchArgs = {
    command: argv[0] === 'review' ? 'review' : 'evaluate',
    inputs: [],
    json: false,
    outDir: null,
    summary: null,
    letters: null,
    issuer: null,
    profile: null,
    sheet: null,
    workers: null,
    help: false,
  };
  walkArgs(argv, 1, ({ flag, raw: x, take }) => {
    switch (flag) {
      case '--json':
        a.json = true;
        break;
      case '--out-dir':
        a.outDir = take();
        break;
      case '--summary':
        a.summary = take();
        break;
      case '--letters':
        a.letters = take();
        break;
      case '--issuer':
        a.issuer = take();
        break;
      case '--profile':
        a.profile = take();
        break;
      case '--sheet':
        a.sheet = take();
        break;
      case '--workers': {
        const v = take();
        if (!/^\d+$/.test(v)) throw new JixiaoError('bad-argument', `--workers 须是非负整数：${v}`);
        a.workers = Number(v);
        break;
      }
      case '--help':
      case '-h':
        a.help = true;
        break;
      case '--out':
      case '--narrative':
      case '--print-narrative':
      case '--outline':
      case '--department':
      case '--year':
        throw new JixiaoError('bad-argument', `一次评价多个文件时不能用 ${flag}：请用 --out-dir 指定结果目录（报告正文请逐个文件生成）。`);
      default:
        if (x.startsWith('-')) throw new JixiaoError('bad-argument', `未知选项 ${x}。`);
        a.inputs.push(x);
    }
  });
  if (a.command === 'evaluate' && (a.summary || a.letters || a.issuer)) {
    throw new JixiaoError('bad-argument', '--summary、--letters 和 --issuer 属于 review 命令：jixiao review 目录/ --summary 汇总.xlsx');
  }
  return a;
}

// ---------------------------------------------------------------------------------------------
// Progress
// ---------------------------------------------------------------------------------------------

function seconds(ms: number): string {
  return ms < 10000 ? `${(ms / 1000).toFixed(1)} 秒` : `${Math.round(ms / 1000)} 秒`;
}

/** Terminal columns a text takes: East Asian wide characters count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return w;
}

/** A bar on a terminal (redrawn at most every 80 ms), plain lines otherwise. */
export class Progress {
  private last = -Infinity;
  private drawn = false;
  constructor(
    private io: BatchIo,
    private t0: number,
    private now: () => number = Date.now,
  ) {}

  update(done: number, total: number, current: string): void {
    const elapsed = this.now() - this.t0;
    if (!this.io.tty) {
      this.io.err(`[${done}/${total}] ${current}\n`);
      return;
    }
    if (done < total && this.now() - this.last < 80) return;
    this.last = this.now();
    const remaining = done > 0 ? (elapsed / done) * (total - done) : 0;
    const width = 24;
    const filled = Math.round((done / total) * width);
    const head = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}  已用 ${seconds(elapsed)}  剩余约 ${seconds(remaining)}  `;
    // The line must not wrap (\r only returns to the start of the last screen line): the file name is
    // cut from the left to what the terminal has left, CJK characters counting two columns.
    const room = Math.max(12, (this.io.columns || 100) - displayWidth(head) - 1);
    let name = current;
    if (displayWidth(name) > room) {
      const chars = [...name];
      while (chars.length && displayWidth(chars.join('')) > room - 1) chars.shift();
      name = `…${chars.join('')}`;
    }
    this.io.err(`\r\x1b[K${head}${name}`);
    this.drawn = true;
  }

  end(): void {
    if (this.drawn) this.io.err('\r\x1b[K');
  }
}

// ---------------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------------

function humanLines(r: FileRecord): string {
  if (r.status === 'skipped') return `－ ${r.display}：${r.error}\n`;
  if (r.status !== 'evaluated') return `✗ ${r.display}：${r.error}\n`;
  const lines: string[] = [];
  for (const t of r.tables) {
    const c = { error: 0, warning: 0 };
    for (const f of t.findings) if (f.severity !== 'info') c[f.severity]++;
    lines.push(
      `✓ ${r.display}【${t.sheet}】${t.project ?? t.title ?? ''}：核算 ${fmtTotal(t)}，自评 ${t.selfScore === null ? '—' : `${fmtNum(t.selfScore)} 分`}，` +
        `指标完成 ${t.met}/${t.indicators}，错误 ${c.error}，警告 ${c.warning}`,
    );
  }
  if (r.out) lines.push(`  已写出：${r.out}`);
  if (r.outError) lines.push(`  ${r.outError}`);
  return lines.join('\n') + '\n';
}

function relLink(from: string, to: string): string {
  return path
    .relative(path.dirname(path.resolve(from)), to)
    .split(path.sep)
    .join('/');
}

export async function batchMain(argv: string[], io: BatchIo): Promise<number> {
  const t0 = Date.now();
  const a = parseBatchArgs(argv);
  if (a.help) {
    io.out(BATCH_USAGE);
    return 0;
  }
  const profile = findProfile(a.profile ?? undefined);
  if (!profile)
    throw new JixiaoError(
      'bad-argument',
      `没有名为“${a.profile}”的评分规则；可选：${PROFILES.map((p) => `${p.id}（${p.name}）`).join('、')}。`,
    );
  if (!a.inputs.length)
    throw new JixiaoError(
      'bad-argument',
      a.command === 'review' ? '请指定要复核的文件夹或 .xlsx 文件。' : '请指定要评价的 .xlsx 文件或文件夹。',
    );
  if (a.command === 'review' && !a.summary && !a.letters) {
    throw new JixiaoError('bad-argument', '请用 --summary 指定汇总工作簿（.xlsx），或用 --letters 指定复核意见的输出文件夹。');
  }
  if (a.summary && !/\.xlsx$/i.test(a.summary)) throw new JixiaoError('bad-argument', `--summary 的文件名须以 .xlsx 结尾：${a.summary}`);

  const skip = [a.outDir, a.letters].filter((x): x is string => !!x);
  const files = await collectInputs(a.inputs, skip);
  if (!files.length) throw new JixiaoError('not-found', `在 ${a.inputs.join('、')} 中没有找到 .xlsx 文件。`);
  if (a.outDir) checkOutDir(a.outDir, files);
  if (a.summary && files.some((f) => f.path === path.resolve(a.summary as string))) {
    throw new JixiaoError('bad-argument', '汇总工作簿不能与输入文件相同：原文件不会被改写，请指定另一个文件名。');
  }
  const outs = a.outDir ? outputPaths(files, a.outDir) : null;
  const tasks: FileTask[] = files.map((f, i) => ({
    index: i,
    path: f.path,
    display: f.display,
    profile: profile.id,
    sheet: a.sheet ?? undefined,
    json: a.json,
    outFile: outs ? outs[i] : undefined,
  }));

  const keep = !!(a.summary || a.letters);
  const kept: FileRecord[] = [];
  const counts = { evaluated: 0, unreadable: 0, noTable: 0, skipped: 0, tables: 0, error: 0, warning: 0 };
  let firstJson = true;
  if (a.json) io.out('{"files":[');
  const progress = new Progress(io, t0);
  // The pool brings the reader (exceljs) with it: loaded only once a batch is sure to run.
  const { runPool, runLetters, defaultWorkers } = await import('../review/pool');
  const { writeFileAtomic } = await import('../review/write');
  await runPool(tasks, {
    workers: a.workers ?? defaultWorkers(),
    onProgress: (done, total, current) => progress.update(done, total, current),
    onRecord: (r) => {
      if (r.status === 'evaluated') counts.evaluated++;
      else if (r.status === 'unreadable') counts.unreadable++;
      else if (r.status === 'no-table') counts.noTable++;
      else counts.skipped++;
      counts.tables += r.tables.length;
      for (const t of r.tables) for (const f of t.findings) if (f.severity !== 'info') counts[f.severity]++;
      if (a.json && r.status !== 'skipped') {
        const entry = r.json ?? JSON.stringify({ file: r.display, error: r.error ?? '' });
        io.out(`${firstJson ? '\n' : ',\n'}${entry}`);
        firstJson = false;
      } else if (!a.json) {
        progress.end();
        io.out(humanLines(r));
      }
      delete r.json;
      if (keep) kept.push(r);
    },
  });
  progress.end();
  if (a.json) io.out('\n]}\n');

  const phases: Record<string, number> = { evaluateMs: Date.now() - t0 };
  const written: string[] = [];
  const writeSummary = async (): Promise<void> => {
    if (!a.summary) return;
    const t1 = Date.now();
    const ExcelJS = (await import('exceljs')).default;
    const { buildSummaryWorkbook } = await import('../review/summary');
    const summaryFile = a.summary;
    const wb = buildSummaryWorkbook(ExcelJS, kept, { linkFor: (f) => relLink(summaryFile, f.path) });
    await writeFileAtomic(summaryFile, Buffer.from(await wb.xlsx.writeBuffer()));
    written.push(`汇总工作簿：${summaryFile}`);
    phases.summaryMs = Date.now() - t1;
  };
  if (a.letters) {
    const t1 = Date.now();
    const { groupByDepartment, letterFileName } = await import('../review/letters');
    const lettersDir = a.letters;
    const options = { issuer: a.issuer ?? undefined, profileName: profile.name };
    const jobs = [...groupByDepartment(kept)].map(([department, items]) => ({
      department,
      items,
      options,
      outFile: path.join(lettersDir, letterFileName(department)),
    }));
    // The letters go to the workers while this thread writes the summary.
    const failed = await runLetters(jobs, { workers: a.workers ?? defaultWorkers(), beside: writeSummary });
    if (failed.length) throw new JixiaoError('write-failed', failed[0]);
    written.push(`复核意见 ${jobs.length} 份：${a.letters}`);
    phases.summaryAndLettersMs = Date.now() - t1;
  } else await writeSummary();
  // JIXIAO_TIMING=1: where the time went (the bench and tuning; not part of the output contract).
  if (process.env.JIXIAO_TIMING)
    io.err(`${JSON.stringify({ ...phases, totalMs: Date.now() - t0, cpuMs: Math.round(process.cpuUsage().user / 1000) })}\n`);

  const parts = [`已评价 ${counts.evaluated}`];
  if (counts.unreadable) parts.push(`无法读取 ${counts.unreadable}`);
  if (counts.noTable) parts.push(`未找到绩效指标表 ${counts.noTable}`);
  if (counts.skipped) parts.push(`跳过 ${counts.skipped}`);
  const line =
    `共 ${files.length} 个文件：${parts.join('，')}；项目表 ${counts.tables} 张，错误 ${counts.error}，警告 ${counts.warning}；用时 ${seconds(Date.now() - t0)}。\n` +
    written.map((w) => `已写出${w}\n`).join('');
  (a.json ? io.err : io.out)(line);
  return counts.unreadable ? 2 : counts.noTable ? 1 : 0;
}

/** For main.ts: runs a batch with its own error handling (Chinese message, no stack trace). */
export async function runBatch(argv: string[], io: BatchIo): Promise<number> {
  try {
    return await batchMain(argv, { tty: io.tty ?? false, ...io });
  } catch (e) {
    if (isJixiaoError(e)) {
      io.err(`${e.message}\n`);
      if (e.code === 'bad-argument') io.err(`\n${BATCH_USAGE}`);
      return 2;
    }
    io.err(`批量评价时发生内部错误：${(e as Error).message ?? e}\n请将这段信息反馈给开发者。\n`);
    return 3;
  }
}
