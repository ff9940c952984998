// `jixiao` command line. Exit codes: 0 evaluated (findings or not), or --help / --version; 1 no indicator
// table found; 2 unreadable/unsupported file or bad arguments; 3 internal error (a bug: please report).
// Messages are Chinese; no stack trace for bad input. The workbook reader and writer are loaded only when
// a workbook is read, so --help and --version answer at once.

import { readFileSync } from 'fs';
import * as path from 'path';
import { evaluateWorkbook } from '../core/evaluate';
import { toJson } from '../core/json';
import { isJixiaoError, JixiaoError } from '../core/errors';
import { PROFILES, ScoringProfile, findProfile } from '../core/data/profiles';
import { planWrites, SEVERITY_LABEL, completedCount, WritePlan } from '../core/plan';
import { headerWordsForMessage } from '../core/layout';
import { Grid } from '../core/grid';
import { EvaluationResult, Severity } from '../core/types';
import { WorkbookSnapshot } from '../core/snapshot';
import { fmtNum, UNSCORABLE } from '../core/text';
import type * as FileNode from '../hosts/file/node';
import type { PackageInfo } from '../hosts/file/package/read';
import type * as Patch from '../hosts/file/package/patch';
import type * as Zip from '../hosts/file/package/zip';
import type * as Output from './output';
import { generateNarrative, narrativeLines, toText, toMarkdown, toHtml, Narrative } from '../narrative';
import { promises as fs } from 'fs';
import { wantsBatch, runBatch } from './batch';
import { walkArgs } from './args';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
};

const USAGE = `用法：
  jixiao evaluate 文件.xlsx [选项]
  jixiao evaluate 文件.xlsx 文件.xlsx 目录/ … [--json] [--out-dir 结果目录]   （批量，见 jixiao review --help）
  jixiao review 目录/ --summary 汇总.xlsx [--letters 复核意见目录]            （复核：汇总表和复核意见）
  jixiao clear 结果.xlsx [--out 清除后.xlsx]   去掉本工具加的标记和“评价结果”工作表（不加 --out 时改写该结果文件）

选项：
  --json               以 JSON 输出评价结果（标准输出）
  --out 结果.xlsx       另存一份带标记和“评价结果”工作表的工作簿（原文件不会被修改）
  --narrative 报告.txt  生成绩效自评报告正文（.txt / .md / .html / .docx）
  --print-narrative    在屏幕上打印报告正文（纯文本）
  --outline 类型        报告提纲：auto（默认）/ department（部门整体）/ project（单个项目）
  --department 名称     报告中的单位名称（默认取表中的主管部门）
  --year 年度           报告年度（默认取表中的年度）
  --score 得分          报告中的得分：self（默认，自评表的自评得分）/ computed（按评分规则核算的得分）
  --sheet 名称          只评价指定工作表
  --profile 名称        评分规则：${PROFILES.map((p) => p.id).join(' / ')}（默认 national）
  --help               显示本说明
  --version            显示版本号

退出码：0 已评价；1 未找到绩效指标表；2 文件无法读取、格式不支持或参数有误；3 内部错误（请反馈给开发者）。
`;

interface Args {
  command: string | null;
  file: string | null;
  json: boolean;
  out: string | null;
  sheet: string | null;
  profile: string | null;
  narrative: string | null;
  printNarrative: boolean;
  outline: string | null;
  department: string | null;
  year: string | null;
  score: string | null;
  help: boolean;
  version: boolean;
}

/** The package reader and writer, loaded on first use: --help and --version need none of them. */
const fileNode = (): Promise<typeof FileNode> => import('../hosts/file/node');
const packageWriter = async (): Promise<typeof Patch & typeof Zip & typeof Output> => ({
  ...(await import('../hosts/file/package/patch')),
  ...(await import('../hosts/file/package/zip')),
  ...(await import('./output')),
});

/** The version in package.json (found above this file, from src/cli or from lib/src/cli). */
function packageVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'jixiao' && pkg.version) return pkg.version;
    } catch {
      // no package.json here: look one folder up
    }
    if (path.dirname(dir) === dir) return '未知';
  }
}

function parseArgs(argv: string[]): Args {
  const a: Args = {
    command: null,
    file: null,
    json: false,
    out: null,
    sheet: null,
    profile: null,
    narrative: null,
    printNarrative: false,
    outline: null,
    department: null,
    year: null,
    score: null,
    help: false,
    version: false,
  };
  walkArgs(argv, 0, ({ flag, raw: x, take }) => {
    switch (flag) {
      case '--json':
        a.json = true;
        break;
      case '--out':
        a.out = take();
        break;
      case '--sheet':
        a.sheet = take();
        break;
      case '--profile':
        a.profile = take();
        break;
      case '--narrative':
        a.narrative = take();
        break;
      case '--print-narrative':
        a.printNarrative = true;
        break;
      case '--outline':
        a.outline = take();
        break;
      case '--department':
        a.department = take();
        break;
      case '--year':
        a.year = take();
        break;
      case '--score':
        a.score = take();
        break;
      case '--help':
      case '-h':
        a.help = true;
        break;
      case '--version':
        a.version = true;
        break;
      default:
        if (x.startsWith('-')) throw new JixiaoError('bad-argument', `未知选项 ${x}。`);
        if (a.command === null) a.command = x;
        else if (a.file === null) a.file = x;
        else throw new JixiaoError('bad-argument', `多余的参数“${x}”：一次只评价一个文件。`);
    }
  });
  return a;
}

function firstRowsPreview(wb: WorkbookSnapshot): string {
  const lines: string[] = [];
  for (const s of wb.sheets.slice(0, 5)) {
    const g = new Grid(s);
    const shown: string[] = [];
    for (let r = g.firstRow; r <= g.lastRow && shown.length < 4; r++) {
      const texts: string[] = [];
      for (let c = g.firstCol; c <= g.lastCol && texts.length < 6; c++) {
        const t = g.ownText(r, c);
        if (t) texts.push(t.length > 14 ? `${t.slice(0, 14)}…` : t);
      }
      if (texts.length) shown.push(`    第${r}行：${texts.join(' | ')}`);
    }
    lines.push(`  工作表“${s.name}”${shown.length ? '：' : '：（空）'}`);
    lines.push(...shown);
  }
  if (wb.sheets.length > 5) lines.push(`  ……另有${wb.sheets.length - 5}个工作表`);
  return lines.join('\n');
}

function humanReport(r: EvaluationResult, profileName: string): string {
  const out: string[] = [];
  out.push(`绩效评价助手：${r.file}（评分规则：${profileName}）`);
  let tables = 0;
  let indicators = 0;
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const s of r.sheets) {
    for (const t of s.tables) {
      tables++;
      indicators += t.indicators.length;
      const done = completedCount(t);
      out.push('');
      out.push(`【${s.sheet}】${t.project ?? t.title ?? ''}（表头第${t.headerRow}行）`);
      const rate = t.budget && t.budget.rate !== null ? `  预算执行率 ${fmtNum(Math.round(t.budget.rate * 10000) / 100)}%` : '';
      out.push(
        `  核算得分 ${t.total.score === null ? UNSCORABLE : `${fmtNum(t.total.score)} / ${fmtNum(t.total.weight)} 分，等级“${t.total.grade}”`}  自评得分 ${t.total.selfScore === null ? '—' : fmtNum(t.total.selfScore)} 分  指标完成 ${done.met}/${done.total}${rate}`,
      );
      if (t.findings.length === 0) {
        out.push('  未发现问题。');
        continue;
      }
      const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
      for (const f of t.findings) c[f.severity]++;
      out.push(`  发现 ${t.findings.length} 处问题（错误 ${c.error}，警告 ${c.warning}，提示 ${c.info}）：`);
      for (const f of t.findings) {
        counts[f.severity]++;
        out.push(`    [${SEVERITY_LABEL[f.severity]}] ${f.cell ?? '—'}  ${f.message}`);
      }
    }
  }
  out.push('');
  out.push(`共评价 ${tables} 张表、${indicators} 项指标；错误 ${counts.error}，警告 ${counts.warning}，提示 ${counts.info}。`);
  return out.join('\n') + '\n';
}

async function writeNarrative(n: Narrative, file: string, format: string): Promise<void> {
  let data: string | Uint8Array;
  // docx is loaded only when asked for: it adds to every start-up otherwise.
  if (format === 'docx') data = await (await import('../narrative/docx')).toDocx(n);
  else if (format === 'html') data = toHtml(n);
  else if (format === 'md') data = toMarkdown(n);
  else data = toText(n);
  try {
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await fs.writeFile(file, data);
  } catch (e) {
    throw new JixiaoError(
      'write-failed',
      `无法写入“${file}”（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）：请确认目录存在、有写入权限，且该文件没有被其他程序打开。`,
    );
  }
}

interface Prepared {
  /** The input package (without its cells) and the plan to write into it (when --out is given). */
  pkg: PackageInfo;
  plan: WritePlan | null;
  report: string;
  printed: string | null;
  /** What the user should know about the report before using it (the score stated differs …). */
  notices: string[];
}

/** Reads and evaluates the file; the snapshot stays inside (garbage before the narrative is built). */
async function readAndEvaluate(a: Args, profile: ScoringProfile, io: Io): Promise<{ pkg: PackageInfo; result: EvaluationResult } | null> {
  const { pkg, snapshot } = await (await fileNode()).readWorkbookFile(a.file as string);
  if (a.sheet !== null && !snapshot.sheets.some((s) => s.name === a.sheet)) {
    throw new JixiaoError('bad-argument', `工作簿中没有名为“${a.sheet}”的工作表；现有：${snapshot.sheets.map((s) => s.name).join('、')}。`);
  }
  const result = evaluateWorkbook(snapshot, { profile, sheet: a.sheet ?? undefined, file: path.basename(a.file as string) });
  if (!result.sheets.some((s) => s.tables.length > 0)) {
    const blanks = result.sheets.flatMap((s) => (s.notes ?? []).map((n) => `  工作表“${s.sheet}”：${n.message}\n`)).join('');
    if (blanks) {
      io.err(`“${path.basename(a.file as string)}”中的绩效指标表都没有填写指标，没有可评价的内容：\n${blanks}`);
      return null;
    }
    io.err(
      `未在“${path.basename(a.file as string)}”${a.sheet ? `的工作表“${a.sheet}”` : ''}中找到绩效指标表。\n` +
        `查找的表头词（同一行中需出现指标名称列和指标值/完成值列）：${headerWordsForMessage()}。\n` +
        `工作簿前几行内容：\n${firstRowsPreview(snapshot)}\n`,
    );
    return null;
  }
  return { pkg, result };
}

/**
 * Reads and evaluates the file, writes the narrative file and plans the result workbook; null (after
 * explaining on stderr) when the file holds no indicator table. Only the package, the plan and the texts
 * to print leave this function, so the snapshot, the evaluation and the narrative model are garbage
 * before the result is written.
 */
async function prepare(a: Args, profile: ScoringProfile, narrativeFormat: string | null, io: Io): Promise<Prepared | null> {
  const read = await readAndEvaluate(a, profile, io);
  if (!read) return null;
  const { pkg, result } = read;
  const wantNarrative = a.narrative !== null || a.printNarrative || a.out !== null;
  const narrative = wantNarrative
    ? generateNarrative(result, {
        outline: (a.outline ?? 'auto') as 'auto' | 'department' | 'project',
        department: a.department ?? undefined,
        year: a.year ?? undefined,
        score: (a.score ?? 'self') as 'self' | 'computed',
      })
    : null;
  if (a.narrative && narrative) await writeNarrative(narrative, a.narrative, narrativeFormat as string);
  return {
    pkg,
    plan: a.out ? planWrites(result, { profile, narrative: narrative ? narrativeLines(narrative) : undefined }) : null,
    report: a.json ? JSON.stringify(toJson(result), null, 2) + '\n' : humanReport(result, profile.name),
    printed: a.printNarrative && narrative ? toText(narrative) : null,
    notices: (a.narrative || a.printNarrative) && narrative ? narrative.notices : [],
  };
}

/** The result keeps the input's kind (.xlsx, or .xlsm with its macros): Excel refuses a mismatch. */
function checkOutExtension(input: string, out: string): void {
  const ext = (f: string) => (/\.([A-Za-z0-9]+)$/.exec(f)?.[1] ?? '').toLowerCase();
  const want = ext(input) === 'xlsm' ? 'xlsm' : 'xlsx';
  if (ext(out) !== want) throw new JixiaoError('bad-argument', `--out 的文件名须以 .${want} 结尾（与输入文件同一格式）：${out}`);
}

/** jixiao clear: our marks and our 评价结果 sheets out, everything else as it is. */
async function clear(a: Args, io: Io): Promise<number> {
  if (!a.file) throw new JixiaoError('bad-argument', '请指定要清除标记的 .xlsx 文件（本工具生成的结果工作簿）。');
  const out = a.out ?? a.file;
  const { patchPackage, zipPieces, writeAtomic, refuseInput } = await packageWriter();
  if (a.out) {
    checkOutExtension(a.file, a.out);
    await refuseInput(a.file, a.out);
  }
  const { pkg } = await (await fileNode()).readWorkbookFile(a.file);
  const r = patchPackage(pkg, { highlights: [], summary: null, removeSummaries: true });
  if (!r.cleared && !r.removed.length) {
    io.out(`“${path.basename(a.file)}”中没有本工具的标记或“评价结果”工作表，未做改动。\n`);
    if (a.out) await writeAtomic(out, zipPieces(r.entries));
    return 0;
  }
  await writeAtomic(out, zipPieces(r.entries));
  io.out(`已清除 ${r.cleared} 条标记规则${r.removed.length ? `和工作表“${r.removed.join('”“')}”` : ''}：${out}\n`);
  return 0;
}

export async function main(argv: string[], io: Io = defaultIo): Promise<number> {
  if (wantsBatch(argv)) {
    return runBatch(argv, { ...io, tty: io === defaultIo && !!process.stderr.isTTY, columns: process.stderr.columns });
  }
  try {
    const a = parseArgs(argv);
    if (a.version) {
      io.out(`jixiao ${packageVersion()}\n`);
      return 0;
    }
    if (a.help || a.command === null) {
      (a.help ? io.out : io.err)(USAGE);
      return a.help ? 0 : 2;
    }
    if (a.command !== 'evaluate' && a.command !== 'clear' && a.file === null && /\.(xlsx|xlsm|xls|et|csv)$/i.test(a.command)) {
      throw new JixiaoError('bad-argument', `“${a.command}”是文件而不是命令。要评价它，请运行：jixiao evaluate ${a.command}`);
    }
    if (a.command === 'clear') return await clear(a, io);
    if (a.command !== 'evaluate') throw new JixiaoError('bad-argument', `未知命令“${a.command}”。`);
    if (!a.file) throw new JixiaoError('bad-argument', '请指定要评价的 .xlsx 文件。');
    const profile = findProfile(a.profile ?? undefined);
    if (!profile)
      throw new JixiaoError(
        'bad-argument',
        `没有名为“${a.profile}”的评分规则；可选：${PROFILES.map((p) => `${p.id}（${p.name}）`).join('、')}。`,
      );
    const narrativeFormat = a.narrative ? (/\.(txt|md|html|docx)$/i.exec(a.narrative)?.[1].toLowerCase() ?? null) : null;
    if (a.narrative && !narrativeFormat)
      throw new JixiaoError('bad-argument', `--narrative 的文件名须以 .txt、.md、.html 或 .docx 结尾：${a.narrative}`);
    if (a.year !== null && !/^\d{4}$/.test(a.year)) throw new JixiaoError('bad-argument', `--year 须是四位数字的年度，如 2024：${a.year}`);
    if (a.outline && !['auto', 'department', 'project'].includes(a.outline))
      throw new JixiaoError('bad-argument', `--outline 只能是 auto、department 或 project。`);
    if (a.score && !['self', 'computed'].includes(a.score))
      throw new JixiaoError('bad-argument', `--score 只能是 self（自评得分）或 computed（核算得分）。`);
    if (a.out) checkOutExtension(a.file, a.out);
    const writer = a.out || a.narrative ? await packageWriter() : null;
    for (const o of [a.out, a.narrative]) if (o && writer) await writer.refuseInput(a.file, o);

    const prepared = await prepare(a, profile, narrativeFormat, io);
    if (!prepared) return 1;
    const { report, printed } = prepared;
    if (a.out && prepared.plan && writer) {
      const plan = prepared.plan;
      prepared.plan = null;
      await writer.writeAtomic(
        a.out,
        writer.zipPieces(writer.patchPackage(prepared.pkg, { highlights: plan.highlights, summary: plan.summary }).entries),
      );
    }
    io.out(report);
    if (!a.json) {
      if (a.out) io.out(`已写出：${a.out}（原文件未修改）\n`);
      if (a.narrative) io.out(`已写出报告正文：${a.narrative}\n`);
      for (const n of prepared.notices) io.out(`报告提示：${n}\n`);
      if (printed) io.out(`\n———— 报告正文 ————\n\n${printed}\n`);
    }
    return 0;
  } catch (e) {
    if (isJixiaoError(e)) {
      io.err(`${e.message}\n`);
      if (e.code === 'bad-argument') io.err(`\n${USAGE}`);
      return 2;
    }
    io.err(`评价时发生内部错误：${(e as Error).message ?? e}\n请将输入文件和这段信息反馈给开发者。\n`);
    return 3;
  }
}
