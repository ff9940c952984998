// The 评价结果 sheet of an .xlsx result is written from the plan as a whole SpreadsheetML part (src/hosts/
// file/summary-xml.ts) into the patched package. Checked here on real files: read back by exceljs,
// every plan cell has its value and look; links, merges, widths, frozen rows and data bars are there.

import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { evaluateWorkbook } from '../../../src/core/evaluate';
import { SUMMARY_LOOK, SummaryPlan, WritePlan, OWNER_MARK, planWrites, BAR_COLOR } from '../../../src/core/plan';
import { address, areaAddress, parseAddress, quoteSheetName } from '../../../src/core/snapshot';
import { loadXlsx, snapshotWorkbook } from '../../../src/hosts/file/xlsx';
import { writeSummarySheet, xmlAttr } from '../../../src/hosts/file/summary-xml';
import { readPackage } from '../../../src/hosts/file/package/read';
import { patchPackage } from '../../../src/hosts/file/package/patch';
import { joinPieces, zipPieces } from '../../../src/hosts/file/package/zip';
import { mergeRanges } from '../../support/merges';

const GAPS = fs.readFileSync(path.resolve(__dirname, '../../../examples/gaps-sample.xlsx'));

async function loadGaps(): Promise<ExcelJS.Workbook> {
  return loadXlsx(ExcelJS, GAPS, 'gaps-sample.xlsx');
}

async function planFor(wb: ExcelJS.Workbook, narrative?: string[]): Promise<WritePlan> {
  return planWrites(evaluateWorkbook(snapshotWorkbook(wb, 'gaps-sample.xlsx')), { narrative });
}

/** The result of a plan on a file: the package patched. */
function patched(input: Uint8Array, plan: WritePlan): { name: string; bytes: Buffer } {
  const r = patchPackage(readPackage(input, 'gaps-sample.xlsx'), { highlights: plan.highlights, summary: plan.summary });
  return { name: r.summarySheet as string, bytes: Buffer.from(joinPieces(zipPieces(r.entries))) };
}

async function reread(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  return wb;
}

/** The worksheet part of a sheet, found through workbook.xml and its relationships. */
async function sheetXml(bytes: Buffer, sheet: string): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const book = await zip.file('xl/workbook.xml')!.async('string');
  const rels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  const rid = new RegExp(`<sheet [^>]*name="${sheet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*r:id="([^"]+)"`).exec(book)![1];
  const target =
    new RegExp(`<Relationship [^>]*Id="${rid}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${rid}"`).exec(rels)![1];
  return zip.file(`xl/${target.replace(/^\/?xl\//, '')}`)!.async('string');
}

function links(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(/<hyperlink ref="([A-Z]+\d+)" location="([^"]*)"\/>/g))
    out[m[1]] = m[2].replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  return out;
}

function argb(hex: string | undefined): string | undefined {
  return hex ? `FF${hex}` : undefined;
}

describe('the 评价结果 sheet written from the plan', () => {
  test('read back, every plan cell has its value, look and link; merges, widths, frozen rows and bars are kept', async () => {
    const wb = await loadGaps();
    const plan = await planFor(wb, ['第一段：=SUM(A1) 不是公式。', '第二段 & <标记> "引号"']);
    const { name, bytes } = patched(GAPS, plan);
    const back = await reread(bytes);
    const ws = back.getWorksheet(name)!;
    const s = plan.summary;
    const expectedLinks: Record<string, string> = {};
    let checked = 0;
    s.rows.forEach((cells, i) =>
      cells.forEach((sc, j) => {
        if (!sc) return;
        const cell = ws.getCell(i + 1, j + 1);
        // Merged non-anchor cells come back as the anchor's value in exceljs; the plan leaves them empty.
        if (!cell.isMerged || cell.master === cell)
          expect([cell.address, cell.value]).toEqual([cell.address, sc.link ? String(sc.v) : sc.v === '' ? null : sc.v]);
        if (sc.style) {
          const look = SUMMARY_LOOK[sc.style];
          expect(Boolean(cell.font?.bold)).toBe(Boolean(look.bold));
          if (look.size) expect(cell.font?.size).toBe(look.size);
          expect(cell.font?.color?.argb).toBe(argb(look.color));
          expect(Boolean(cell.font?.underline)).toBe(Boolean(look.underline));
          expect((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb).toBe(argb(look.fill));
          expect(Boolean(cell.alignment?.wrapText)).toBe(Boolean(look.wrap));
          expect(cell.alignment?.horizontal).toBe(look.h);
          expect(cell.alignment?.vertical).toBe(look.v === 'center' ? 'middle' : look.v);
          if (sc.style === 'percent') expect(cell.numFmt).toBe('0%');
        }
        if (sc.link) expectedLinks[address(i + 1, j + 1)] = `${quoteSheetName(sc.link.sheet)}!${sc.link.cell}`;
        checked++;
      }),
    );
    expect(checked).toBeGreaterThan(100);
    // Text stays text, whatever it looks like.
    expect(String(ws.getCell(1, 1).value)).toContain(OWNER_MARK);
    let paragraphs = 0;
    ws.eachRow((row) =>
      row.eachCell((c) => {
        expect(c.formula).toBeUndefined();
        if (c.master === c && (c.value === '第一段：=SUM(A1) 不是公式。' || c.value === '第二段 & <标记> "引号"')) paragraphs++;
      }),
    );
    expect(paragraphs).toBe(2);
    // Links go to cells inside the workbook, every one the plan asks for.
    const xml = await sheetXml(bytes, name);
    expect(Object.keys(expectedLinks).length).toBeGreaterThan(10);
    expect(links(xml)).toEqual(expectedLinks);
    for (const target of Object.values(expectedLinks)) {
      const [, sheet, cell] = /^'?(.*?)'?!([A-Z]+\d+)$/.exec(target)!;
      // The target is a cell inside a sheet of the workbook (getCell would make up any cell asked for).
      const into = back.getWorksheet(sheet.replace(/''/g, "'"));
      const at = parseAddress(cell)!;
      expect(into).toBeDefined();
      expect([at.row <= into!.rowCount, at.col <= into!.columnCount]).toEqual([true, true]);
    }
    expect(mergeRanges(ws)).toEqual(s.merges.map((m) => areaAddress(m)).sort());
    s.widths.forEach((w, i) => expect(ws.getColumn(i + 1).width).toBe(w));
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: s.freezeRows });
    const cfs = (ws as unknown as { conditionalFormattings: ExcelJS.ConditionalFormattingOptions[] }).conditionalFormattings;
    const bars = cfs.map((cf) => [cf.ref, (cf.rules[0] as unknown as { color?: { argb?: string } }).color?.argb]);
    expect(bars).toEqual(s.bars.map((b) => [address(b.row, b.col), `FF${BAR_COLOR}`]));
    expect(xml).toMatch(new RegExp(`<dimension ref="A1:[A-Z]+${s.rows.length}"/>`));
  });

  test('the sheet part keeps the schema order and holds no relationship per link', async () => {
    const wb = await loadGaps();
    const { name, bytes } = patched(GAPS, await planFor(wb));
    const xml = await sheetXml(bytes, name);
    const order = [
      '<dimension',
      '<sheetViews',
      '<cols',
      '<sheetData',
      '</sheetData>',
      '<mergeCells',
      '<conditionalFormatting',
      '<hyperlinks',
      '<pageMargins',
    ];
    const at = order.map((t) => xml.indexOf(t));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(xml).not.toMatch(/<hyperlink [^>]*r:id=/);
    expect(xml.match(/<sheetData/g)).toHaveLength(1);
  });

  test('writing twice gives the same sheet; a second plan replaces ours in memory and on file', async () => {
    const wb = await loadGaps();
    const plan = await planFor(wb);
    const a = patched(GAPS, plan).bytes;
    const b = patched(a, plan).bytes;
    expect(await sheetXml(b, '评价结果')).toBe(await sheetXml(a, '评价结果'));
    for (const part of ['xl/styles.xml', 'xl/workbook.xml', '[Content_Types].xml']) {
      expect([part, await (await JSZip.loadAsync(b)).file(part)!.async('string')]).toEqual([
        part,
        await (await JSZip.loadAsync(a)).file(part)!.async('string'),
      ]);
    }
    // Our sheet is known as ours: a second plan replaces it in place, no 评价结果(2).
    const again: SummaryPlan = { ...plan.summary, rows: [[{ v: `${OWNER_MARK}评价结果`, style: 'title' }], [{ v: '第二次' }]] };
    const c = patched(a, { ...plan, highlights: [], summary: again });
    expect(c.name).toBe('评价结果');
    const back = await reread(c.bytes);
    expect(back.worksheets.filter((w) => w.name.startsWith('评价结果')).map((w) => w.name)).toEqual(['评价结果']);
    expect(back.getWorksheet('评价结果')!.getCell('A2').value).toBe('第二次');
    expect(back.getWorksheet('评价结果')!.getCell('A3').value).toBe(null);
  });

  test('a sheet name with quotes, ampersands and brackets makes a valid link', () => {
    const plan: SummaryPlan = {
      name: '评价结果',
      merges: [],
      widths: [],
      freezeRows: 0,
      bars: [],
      rows: [
        [{ v: 12, style: 'link', link: { sheet: "A&B's <表>", cell: 'D5' } }, null, { v: 3.5 }, { v: null }, { v: null, style: 'header' }],
      ],
    };
    let xml = '';
    writeSummarySheet({ write: (t) => (xml += t) }, plan, (st) => (st === 'link' ? 7 : 2));
    expect(xml).toContain(
      '<sheetData><row r="1"><c r="A1" s="7" t="inlineStr"><is><t xml:space="preserve">12</t></is></c><c r="C1"><v>3.5</v></c><c r="E1" s="2"/></row></sheetData>',
    );
    expect(xml).toContain(`<hyperlinks><hyperlink ref="A1" location="'A&amp;B''s &lt;表&gt;'!D5"/></hyperlinks>`);
    expect(xml).toContain('<dimension ref="A1:E1"/>');
    expect(xml).not.toContain('<mergeCells');
    expect(xmlAttr('a\u0001"b"')).toBe('a&quot;b&quot;');
  });
});
