// A workbook with the parts real department files carry, for the fidelity tests: the gaps sample (a
// 自评表 with findings, so results have marks) plus an image, a chart in the same drawing, notes,
// data validation, the user's own conditional formats and fills, two sheet-scoped names 合计, manual page
// breaks, print setup with fit-to-page, sheet protection, ignoredErrors, custom document properties, a
// pivot-cache-like part and an unknown extension part. exceljs writes what it can; the rest is added to
// the package directly. tests/fixtures/fidelity/libreoffice.xlsx is this file re-saved by LibreOffice
// (UPDATE_FIXTURES=1 with soffice installed rewrites it; CI has no LibreOffice).

import * as fs from 'fs';
import * as path from 'path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

const ROOT = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'fidelity');

// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const CHART = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/><c:ser><c:idx val="0"/><c:order val="0"/><c:val><c:numRef><c:f>'基本公共卫生服务'!$G$13:$G$18</c:f></c:numRef></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea><c:plotVisOnly val="1"/></c:chart></c:chartSpace>`;

const CHART_ANCHOR = `<xdr:twoCellAnchor><xdr:from><xdr:col>10</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>16</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>16</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to><xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="9" name="图表 1"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr><xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rIdChart1"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`;

const CUSTOM = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="填报单位"><vt:lpwstr>某县卫健局</vt:lpwstr></property></Properties>`;

function insertBefore(xml: string, needles: string[], text: string): string {
  const at = Math.min(...needles.map((n) => xml.indexOf(n)).filter((i) => i >= 0));
  return xml.slice(0, at) + text + xml.slice(at);
}

export async function buildFidelityWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path.join(ROOT, 'examples', 'gaps-sample.xlsx'));
  wb.creator = '测试';
  const ws = wb.worksheets[0];
  const img = wb.addImage({ buffer: PNG as never, extension: 'png' });
  ws.addImage(img, { tl: { col: 10, row: 20 }, ext: { width: 40, height: 40 } });
  ws.getCell('D13').note = { texts: [{ text: '请核对实际完成值' }] } as never;
  ws.getCell('E14').dataValidation = { type: 'list', allowBlank: true, formulae: ['"是,否"'] };
  ws.getCell('B2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF92D050' } };
  ws.addConditionalFormatting({
    ref: 'G13:G28',
    rules: [{ type: 'cellIs', operator: 'greaterThan', formulae: ['5'], priority: 1, style: { font: { bold: true } } } as never],
  });
  ws.getRow(20).addPageBreak();
  ws.pageSetup = { ...ws.pageSetup, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, paperSize: 9 };
  await wb.worksheets[1].protect('', { selectLockedCells: true, formatCells: false });
  const bytes = await wb.xlsx.writeBuffer();

  const zip = await JSZip.loadAsync(bytes);
  const text = async (p: string) => zip.file(p)!.async('string');
  // The chart joins the picture in the first sheet's drawing.
  const drawingPath = Object.keys(zip.files).find((f) => /^xl\/drawings\/drawing\d+\.xml$/.test(f))!;
  const drawingRels = drawingPath.replace('drawings/', 'drawings/_rels/') + '.rels';
  zip.file(drawingPath, (await text(drawingPath)).replace(/<\/xdr:wsDr>$/, `${CHART_ANCHOR}</xdr:wsDr>`));
  zip.file(
    drawingRels,
    (await text(drawingRels)).replace(
      '</Relationships>',
      '<Relationship Id="rIdChart1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart" Target="../charts/chart1.xml"/></Relationships>',
    ),
  );
  zip.file('xl/charts/chart1.xml', CHART);
  zip.file('docProps/custom.xml', CUSTOM);
  zip.file(
    'xl/pivotCache/pivotCacheDefinition1.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" recordCount="0"><cacheSource type="worksheet"><worksheetSource ref="A12:I28" sheet="基本公共卫生服务"/></cacheSource><cacheFields count="0"/></pivotCacheDefinition>',
  );
  zip.file('xl/extra/unknown1.dat', new Uint8Array([0, 1, 2, 3, 254, 255]));
  let types = await text('[Content_Types].xml');
  types = types.replace(
    '</Types>',
    '<Default Extension="dat" ContentType="application/octet-stream"/>' +
      '<Override PartName="/xl/charts/chart1.xml" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"/>' +
      '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>' +
      '<Override PartName="/xl/pivotCache/pivotCacheDefinition1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"/></Types>',
  );
  zip.file('[Content_Types].xml', types);
  zip.file(
    '_rels/.rels',
    (await text('_rels/.rels')).replace(
      '</Relationships>',
      '<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
    ),
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    (await text('xl/_rels/workbook.xml.rels')).replace(
      '</Relationships>',
      '<Relationship Id="rIdPivot1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/pivotCacheDefinition" Target="pivotCache/pivotCacheDefinition1.xml"/><Relationship Id="rIdExtra" Type="urn:jixiao-test:unknown" Target="extra/unknown1.dat"/></Relationships>',
    ),
  );
  // Two names 合计, each scoped to its sheet.
  let book = await text('xl/workbook.xml');
  const names = `<definedName name="合计" localSheetId="0">'基本公共卫生服务'!$H$29</definedName><definedName name="合计" localSheetId="1">'重大传染病防控'!$H$20</definedName><definedName name="单位">"某县卫健局"</definedName>`;
  book = book.includes('<definedNames>')
    ? book.replace('<definedNames>', `<definedNames>${names}`)
    : book.replace(/<definedNames\/>|(<\/sheets>)/, `$1<definedNames>${names}</definedNames>`);
  zip.file('xl/workbook.xml', book);
  // ignoredErrors on the first sheet, in its place before the drawing.
  const sheet1 = await text('xl/worksheets/sheet1.xml');
  zip.file(
    'xl/worksheets/sheet1.xml',
    insertBefore(
      sheet1,
      ['<drawing', '<legacyDrawing', '</worksheet>'],
      '<ignoredErrors><ignoredError sqref="A1:I40" numberStoredAsText="1"/></ignoredErrors>',
    ),
  );
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Regenerates the committed fixtures (UPDATE_FIXTURES=1 and LibreOffice installed). */
export async function updateFixtures(): Promise<void> {
  const { execFileSync } = await import('child_process');
  const os = await import('os');
  fs.mkdirSync(FIXTURES, { recursive: true });
  const built = await buildFidelityWorkbook();
  fs.writeFileSync(path.join(FIXTURES, 'exceljs.xlsx'), built);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-lo-'));
  fs.writeFileSync(path.join(dir, 'libreoffice.xlsx'), built);
  const out = path.join(dir, 'out');
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${dir}/profile`,
      '--headless',
      '--convert-to',
      'xlsx:Calc MS Excel 2007 XML',
      '--outdir',
      out,
      path.join(dir, 'libreoffice.xlsx'),
    ],
    { stdio: 'ignore', timeout: 180000 },
  );
  fs.copyFileSync(path.join(out, 'libreoffice.xlsx'), path.join(FIXTURES, 'libreoffice.xlsx'));
  fs.rmSync(dir, { recursive: true, force: true });
}
