// Writing an output file of a batch (summary, letters): written beside and renamed over, so an
// interrupted run never leaves half a file under the real name.

import { promises as fs } from 'fs';
import * as path from 'path';
import { JixiaoError } from '../core/errors';

export async function writeFileAtomic(file: string, data: Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2, 8)}.tmp`;
  try {
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await fs.writeFile(tmp, data);
    await fs.rename(tmp, file);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    throw new JixiaoError(
      'write-failed',
      `无法写入“${file}”（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）：请确认有写入权限，且该文件没有在 Excel/WPS/Word 中打开。`,
    );
  }
}
