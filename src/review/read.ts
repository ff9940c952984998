// The batch's one way into a workbook on disk: the package reader, as `jixiao evaluate` uses it. The
// package info comes along for --out-dir (the marked copy is the input patched).

import { readWorkbookFile, LoadedFile } from '../hosts/file/node';

export async function readForReview(file: string): Promise<LoadedFile> {
  return readWorkbookFile(file);
}
