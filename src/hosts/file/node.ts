// Node-only file access for the CLI: reads an .xlsx package from disk; results are written by patching
// that package (package/patch.ts) through the CLI's safe writer.

import { promises as fs } from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import { JixiaoError } from '../../core/errors';
import { WorkbookSnapshot } from '../../core/snapshot';
import { PackageInfo, checkExtension, isOurSummary, packageInfo, readPackage, workbookSnapshot } from './package/read';
import { useNativeCodecs } from './package/zip';

// zlib is several times fflate and the table CRC: pieces end in a sync flush (no final block) until the last.
const zcrc = (zlib as unknown as { crc32?: (d: Uint8Array, c: number) => number }).crc32;
useNativeCodecs({
  deflate: (data, final, level) =>
    zlib.deflateRawSync(data, { level, finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH }),
  inflate: (raw) => zlib.inflateRawSync(raw),
  crc32: zcrc ? (data, crc) => zcrc(data, crc) : undefined,
});

export interface LoadedFile {
  /** The package without the cells (what writing a result needs). */
  pkg: PackageInfo;
  /** Every worksheet except our 评价结果 sheets. */
  snapshot: WorkbookSnapshot;
  /** The file holds a 评价结果 sheet of ours: it is a result written by this tool. */
  isResult: boolean;
}

export async function readWorkbookFile(file: string): Promise<LoadedFile> {
  checkExtension(file);
  let data: Buffer;
  try {
    data = await fs.readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new JixiaoError('not-found', `找不到文件“${file}”：请检查路径和文件名。`);
    if (code === 'EISDIR') throw new JixiaoError('unreadable', `“${file}”是文件夹，不是 .xlsx 工作簿。`);
    throw new JixiaoError('unreadable', `无法打开“${file}”（${code ?? (e as Error).message}）：请确认文件没有被其他程序独占且有读取权限。`);
  }
  const name = path.basename(file);
  const read = readPackage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), name);
  return { pkg: packageInfo(read), snapshot: workbookSnapshot(read, name), isResult: read.sheets.some(isOurSummary) };
}
