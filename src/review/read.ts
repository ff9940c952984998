// The batch's one way into a workbook on disk. Everything the batch reads goes through
// readSnapshotFromFile (the reader can be swapped here); --out-dir needs exceljs' workbook to write the
// marked copy and uses readWorkbookForOutput.

import { readWorkbookFile, LoadedFile } from '../hosts/file/node';
import { WorkbookSnapshot } from '../core/snapshot';

export async function readSnapshotFromFile(file: string): Promise<WorkbookSnapshot> {
  return (await readWorkbookFile(file)).snapshot;
}

export async function readWorkbookForOutput(file: string): Promise<LoadedFile> {
  return readWorkbookFile(file);
}
