// Node-only file access for the CLI: reads and writes .xlsx on disk through the browser-safe file host.

import { promises as fs } from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { JixiaoError } from '../../core/errors';
import { WorkbookSnapshot } from '../../core/snapshot';
import { loadXlsx, snapshotWorkbook, checkExtension } from './xlsx';

export interface LoadedFile {
  workbook: ExcelJS.Workbook;
  snapshot: WorkbookSnapshot;
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
  const workbook = await loadXlsx(ExcelJS, data, path.basename(file));
  return { workbook, snapshot: snapshotWorkbook(workbook, path.basename(file)) };
}

export async function writeWorkbookFile(wb: ExcelJS.Workbook, file: string): Promise<void> {
  try {
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    // Fast deflate: the summary sheet more than doubles the XML to compress, level 1 keeps writing
    // close to a plain copy at a few percent more bytes.
    await wb.xlsx.writeFile(file, { zip: { compression: 'DEFLATE', compressionOptions: { level: 1 } } });
  } catch (e) {
    throw new JixiaoError('write-failed', `无法写入“${file}”（${(e as NodeJS.ErrnoException).code ?? (e as Error).message}）：请确认目录存在、有写入权限，且该文件没有在 Excel/WPS 中打开。`);
  }
}
