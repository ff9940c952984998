// The package reader gives the same snapshot as the exceljs reader did, on the samples and on workbooks
// with the value kinds a 自评表 holds; parts it has no reason to read (drawings, charts, unknown
// extensions) cannot make a file unreadable.

import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { loadXlsx, snapshotWorkbook } from '../../../src/hosts/file/xlsx';
import { readPackage } from '../../../src/hosts/file/package/read';
import { WorkbookSnapshot } from '../../../src/core/snapshot';

const ROOT = path.resolve(__dirname, '../../..');

async function viaExceljs(bytes: Uint8Array, name: string): Promise<WorkbookSnapshot> {
  return snapshotWorkbook(await loadXlsx(ExcelJS, bytes, name), name);
}

function viaPackage(bytes: Uint8Array, name: string): WorkbookSnapshot {
  return { name, sheets: readPackage(bytes, name).sheets.map((s) => s.snapshot) };
}

/** Sparse rows and trailing holes compare as equal: what matters is every cell and merge. */
function cells(s: WorkbookSnapshot): unknown {
  return s.sheets.map((sh) => ({
    name: sh.name,
    merges: [...sh.merges].sort((a, b) => a.top - b.top || a.left - b.left),
    cells: sh.rows.flatMap((r, i) => (r ?? []).map((c, j) => (c ? [i + 1, j + 1, c] : null)).filter(Boolean)),
  }));
}

describe('package reader', () => {
  test.each(['shenze-2020.xlsx', 'gaps-sample.xlsx'])('%s reads as exceljs read it', async (name) => {
    const bytes = fs.readFileSync(path.join(ROOT, 'examples', name));
    const a = await viaExceljs(bytes, name);
    const b = viaPackage(bytes, name);
    expect(cells(b)).toEqual(cells(a));
    expect(b.sheets.map((s) => s.rows.length)).toEqual(a.sheets.map((s) => s.rows.length));
  });

  test('value kinds: numbers under formats, dates, booleans, rich text, formulas, errors, merges', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('值');
    ws.getCell('A1').value = 0.955;
    ws.getCell('A1').numFmt = '0.0%';
    ws.getCell('A2').value = 1234567.891;
    ws.getCell('A2').numFmt = '#,##0.00';
    ws.getCell('A3').value = new Date(Date.UTC(2020, 11, 31));
    ws.getCell('A4').value = new Date(Date.UTC(2020, 5, 1));
    ws.getCell('A4').numFmt = 'yyyy"年"m"月"';
    ws.getCell('A5').value = true;
    ws.getCell('A6').value = { richText: [{ text: '完成' }, { text: '率', font: { bold: true } }] };
    ws.getCell('A7').value = { formula: 'A1*2', result: 1.91 };
    ws.getCell('A8').value = { formula: 'B1', result: '文字结果' };
    ws.getCell('A9').value = { error: '#N/A' };
    ws.getCell('A10').value = '  前后空格  ';
    ws.getCell('A11').value = 0.1 + 0.2;
    ws.getCell('B1').value = '合并';
    ws.mergeCells('B1:C3');
    ws.mergeCells('D5:D9');
    const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    expect(cells(viaPackage(bytes, 'v.xlsx'))).toEqual(cells(await viaExceljs(bytes, 'v.xlsx')));
  });

  test('a chart, a drawing and an unknown extension part do not stop the reading', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(ROOT, 'examples', 'gaps-sample.xlsx')));
    // A drawing part that exceljs could not make sense of, referenced from the first sheet.
    zip.file(
      'xl/drawings/drawing1.xml',
      '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"><xdr:twoCellAnchor><broken/></xdr:twoCellAnchor></xdr:wsDr>',
    );
    zip.file(
      'xl/worksheets/_rels/sheet1.xml.rels',
      '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdX" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing" Target="../drawings/drawing1.xml"/></Relationships>',
    );
    zip.file('xl/unknown/thing.bin', new Uint8Array([1, 2, 3]));
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    const b = viaPackage(bytes, 'x.xlsx');
    expect(b.sheets.length).toBeGreaterThan(1);
  });
});
