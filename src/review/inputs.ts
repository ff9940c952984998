// The files a batch evaluates: files as given, folders walked for .xlsx (sorted, so runs are
// repeatable). Office lock files (~$name.xlsx) and the output folder are never read; result files of
// ours are recognised by content when read (task.ts).

import { promises as fs } from 'fs';
import * as path from 'path';
import { JixiaoError } from '../core/errors';

export interface InputFile {
  path: string;
  /** Relative to the folder given, or the path as given. */
  display: string;
  /** Path for naming outputs: relative to the folder walked, or the bare name of a file given. */
  rel: string;
}

export function isLockFile(name: string): boolean {
  return name.startsWith('~$');
}

function within(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });

async function walk(dir: string, root: string, skip: string[], out: InputFile[]): Promise<void> {
  let entries: import('fs').Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw new JixiaoError('unreadable', `无法读取文件夹“${dir}”（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）。`);
  }
  entries.sort((a, b) => collator.compare(a.name, b.name));
  for (const e of entries) {
    const p = path.join(dir, e.name);
    // Only a folder inside the one walked is left out (an output folder given as the input's parent
    // or as the input itself skips nothing here: checkOutDir refuses the latter).
    if (skip.some((s) => s !== root && within(s, root) && within(p, s))) continue;
    if (e.isDirectory()) await walk(p, root, skip, out);
    else if ((e.isFile() || e.isSymbolicLink()) && /\.xlsx$/i.test(e.name) && !isLockFile(e.name)) {
      out.push({ path: p, display: path.relative(root, p), rel: path.relative(root, p) });
    }
  }
}

/**
 * Inputs in the order given (folders expanded in place), each file once. `skip`: folders never walked
 * (the output folder). A missing input is an argument error: nothing is read before all inputs exist.
 */
export async function collectInputs(inputs: string[], skip: string[] = []): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const absSkip = skip.map((s) => path.resolve(s));
  for (const input of inputs) {
    let st: import('fs').Stats;
    try {
      st = await fs.stat(input);
    } catch {
      throw new JixiaoError('not-found', `找不到“${input}”：请检查路径和文件名。`);
    }
    if (st.isDirectory()) await walk(path.resolve(input), path.resolve(input), absSkip, out);
    else if (!isLockFile(path.basename(input))) out.push({ path: path.resolve(input), display: input, rel: path.basename(input) });
  }
  const seen = new Set<string>();
  return out.filter((f) => (seen.has(f.path) ? false : (seen.add(f.path), true)));
}

/**
 * Where the marked copy of each input goes under --out-dir: its path relative to the folder it came
 * from (so 教育局/a.xlsx and 卫健局/a.xlsx do not collide), named <name>-评价结果.xlsx.
 */
export function outputPaths(files: InputFile[], outDir: string): string[] {
  const used = new Set<string>();
  return files.map((f) => {
    const stem = f.rel.replace(/\.xlsx$/i, '');
    let p = path.join(path.resolve(outDir), `${stem}-评价结果.xlsx`);
    for (let k = 2; used.has(p.toLowerCase()); k++) p = path.join(path.resolve(outDir), `${stem}-评价结果(${k}).xlsx`);
    used.add(p.toLowerCase());
    return p;
  });
}

/** --out-dir must not be where the inputs are: results never land next to or over a source file. */
export function checkOutDir(outDir: string, files: InputFile[]): void {
  const o = path.resolve(outDir);
  for (const f of files) {
    if (path.dirname(f.path) === o) {
      throw new JixiaoError(
        'bad-argument',
        `--out-dir 不能是输入文件所在的文件夹（${outDir}）：结果文件不与原文件放在一起，请另选一个文件夹。`,
      );
    }
  }
}
