// Safe output files for the CLI: never the input (judged by identity, not spelling), written to a
// temporary file beside the target and renamed over it only when complete.

import { promises as fs } from 'fs';
import * as path from 'path';
import { JixiaoError } from '../core/errors';

/** Whether `out` is the same file as `input`: same device and inode once links are followed. */
export async function isSameFile(input: string, out: string): Promise<boolean> {
  if (path.resolve(input) === path.resolve(out)) return true;
  let a;
  try {
    a = await fs.stat(input);
  } catch {
    return false;
  }
  try {
    const b = await fs.stat(out);
    // Hard links, symbolic links and another letter case on a case-insensitive disk all land here.
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

export async function refuseInput(input: string, out: string): Promise<void> {
  if (await isSameFile(input, out)) {
    throw new JixiaoError(
      'bad-argument',
      `输出文件“${out}”就是输入文件（同一文件的另一个路径或链接）：原文件不会被改写，请指定另一个文件名。`,
    );
  }
}

function writeFailed(file: string, e: unknown): JixiaoError {
  const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
  const hint = code === 'ENOSPC' ? '磁盘空间不足' : '请确认目录存在、有写入权限，且该文件没有在 Excel/WPS 中打开';
  return new JixiaoError('write-failed', `无法写入“${file}”（${code}）：${hint}。已有的同名文件保持原样。`);
}

/**
 * Writes the pieces to `file` atomically: a temporary file in the same folder, flushed to disk, then
 * renamed over the target. A failure part-way (full disk) leaves any previous file as it was.
 */
export async function writeAtomic(file: string, pieces: Iterable<Uint8Array>): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let handle: fs.FileHandle | null = null;
  try {
    await fs.mkdir(dir, { recursive: true });
    handle = await fs.open(tmp, 'wx');
    let batch: Uint8Array[] = [];
    let size = 0;
    for (const p of pieces) {
      batch.push(p);
      size += p.length;
      if (size >= 1 << 22) {
        await handle.writev(batch);
        batch = [];
        size = 0;
      }
    }
    if (batch.length) await handle.writev(batch);
    await handle.sync();
    await handle.close();
    handle = null;
    await fs.rename(tmp, file);
  } catch (e) {
    if (handle) await handle.close().catch(() => undefined);
    await fs.unlink(tmp).catch(() => undefined);
    throw writeFailed(file, e);
  }
}
