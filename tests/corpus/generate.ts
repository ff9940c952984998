// Builds the corpus workbooks (tables.ts) as .xlsx files with exceljs.
// Used by corpus.test.ts (into a temp dir) and by scripts/resave-corpus.sh, which compiles this file and runs
//   node generate.js OUTDIR

import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { CORPUS, CorpusSheet, CorpusTable } from './tables';
import { columnNumber } from '../../src/core/snapshot';

const THIN: Partial<ExcelJS.Border> = { style: 'thin' };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function addSheet(wb: ExcelJS.Workbook, s: CorpusSheet): void {
  const ws = wb.addWorksheet(s.name);
  for (const row of s.rows) {
    const first = columnNumber(row.at ?? 'A');
    row.c.forEach((v, i) => {
      if (v === null) return;
      const cell = ws.getCell(row.r, first + i);
      if (typeof v === 'object') {
        cell.value = v.v;
        cell.numFmt = v.f;
      } else {
        cell.value = v;
      }
    });
  }
  for (const m of s.merges) ws.mergeCells(m);
  for (const range of s.borders) {
    const [from, to] = range.split(':').map((a) => ws.getCell(a));
    for (let r = Number(from.row); r <= Number(to.row); r++) {
      for (let c = Number(from.col); c <= Number(to.col); c++) ws.getCell(r, c).border = BOX;
    }
  }
  // Written cells and the covered parts of merges; cells that only carry a border stay unaligned, as in the source build.
  ws.eachRow((r) =>
    r.eachCell((c) => {
      c.alignment = { wrapText: true, vertical: 'middle' };
    }),
  );
  for (const [col, w] of Object.entries(s.widths ?? {})) ws.getColumn(col).width = w;
  for (const [r, h] of Object.entries(s.heights ?? {})) ws.getRow(Number(r)).height = h;
}

export function buildWorkbook(t: CorpusTable): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  for (const s of t.sheets) addSheet(wb, s);
  return wb;
}

/** Writes every corpus workbook into dir; returns their paths in corpus order. */
export async function writeCorpus(dir: string): Promise<string[]> {
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (const t of CORPUS) {
    const file = path.join(dir, t.file);
    await buildWorkbook(t).xlsx.writeFile(file);
    files.push(file);
  }
  return files;
}

if (require.main === module) {
  const dir = process.argv[2];
  if (!dir) {
    process.stderr.write('用法：node generate.js 输出目录\n');
    process.exit(2);
  }
  writeCorpus(dir).then(
    (files) => process.stdout.write(`已生成 ${files.length} 个工作簿：${dir}\n`),
    (e) => {
      process.stderr.write(`生成失败：${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
