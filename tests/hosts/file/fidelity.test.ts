// Fidelity of results written by patching the package, on a workbook with the parts real files carry
// (fidelity-fixture.ts), as exceljs writes it and as LibreOffice re-saves it: every part the result is
// not meant to change is byte-identical (stored bytes, not just content); every cell value and every
// name's scope survives; `clear` of a result gives back the input's parts.

import * as fs from 'fs';
import * as path from 'path';
import { evaluateWorkbook } from '../../../src/core/evaluate';
import { planWrites } from '../../../src/core/plan';
import { readPackage, isOurSummary, readBook, relsPath } from '../../../src/hosts/file/package/read';
import { patchPackage } from '../../../src/hosts/file/package/patch';
import { entryText, joinPieces, rawData, readZip, zipPieces } from '../../../src/hosts/file/package/zip';
import { FIXTURES, buildFidelityWorkbook, updateFixtures } from './fidelity-fixture';

const update = process.env.UPDATE_FIXTURES === '1';

async function fixture(name: string): Promise<Uint8Array> {
  if (name === 'exceljs') return new Uint8Array(await buildFidelityWorkbook());
  return new Uint8Array(fs.readFileSync(path.join(FIXTURES, `${name}.xlsx`)));
}

function evaluateAndPatch(input: Uint8Array) {
  const pkg = readPackage(input, 'in.xlsx');
  const snapshot = { sheets: pkg.sheets.filter((s) => !isOurSummary(s)).map((s) => s.snapshot) };
  const plan = planWrites(evaluateWorkbook(snapshot), { narrative: ['报告正文。'] });
  const r = patchPackage(pkg, { highlights: plan.highlights, summary: plan.summary });
  return { plan, result: joinPieces(zipPieces(r.entries)), summary: r.summarySheet as string };
}

const clear = (bytes: Uint8Array) =>
  joinPieces(zipPieces(patchPackage(readPackage(bytes, 'r.xlsx'), { highlights: [], summary: null, removeSummaries: true }).entries));

const snapshots = (bytes: Uint8Array) =>
  readPackage(bytes, 'x.xlsx')
    .sheets.filter((s) => !isOurSummary(s))
    .map((s) => s.snapshot);

beforeAll(async () => {
  if (update) await updateFixtures();
}, 300000);

describe.each(['exceljs', 'libreoffice'])('a workbook written by %s', (name) => {
  test('the fixture has the parts it is meant to test', async () => {
    const zip = readZip(await fixture(name));
    const names = zip.entries.map((e) => e.name);
    expect(names.some((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toBe(true);
    expect(names.some((n) => /^xl\/media\//.test(n))).toBe(true);
    expect(names.some((n) => /^xl\/drawings\/drawing\d+\.xml$/.test(n))).toBe(true);
    expect(names.some((n) => /comments/.test(n))).toBe(true);
    expect(names).toContain('docProps/custom.xml');
    const book = readBook(zip);
    expect(book.definedNames.filter((n) => n.name === '合计').map((n) => n.localSheetId)).toEqual([0, 1]);
    const sheet1 = entryText(zip, zip.byName.get('xl/worksheets/sheet1.xml')!);
    // LibreOffice drops ignoredErrors, the pivot-like and the unknown part on saving: only exceljs's file has them.
    const own = name === 'exceljs' ? ['<ignoredErrors'] : [];
    if (name === 'exceljs')
      for (const p of ['xl/pivotCache/pivotCacheDefinition1.xml', 'xl/extra/unknown1.dat']) expect(names).toContain(p);
    for (const part of ['<dataValidations', '<conditionalFormatting', '<rowBreaks', '<pageSetup', 'fitToPage', ...own])
      expect([part, sheet1.includes(part)]).toEqual([part, true]);
    const sheet2 = entryText(zip, zip.byName.get('xl/worksheets/sheet2.xml')!);
    expect(sheet2).toContain('<sheetProtection');
  });

  test('every part not meant to change is byte-identical; values and name scopes survive', async () => {
    const input = await fixture(name);
    const { result, plan, summary } = evaluateAndPatch(input);
    expect(plan.highlights.length).toBeGreaterThan(10);
    const a = readZip(input);
    const b = readZip(result);
    const book = readBook(a);
    const marked = new Set(plan.highlights.map((h) => book.sheets.find((s) => s.name === h.sheet)!.path));
    const stylesRel = entryText(a, a.byName.get(relsPath(book.workbookPath))!).match(/Target="([^"]*styles\.xml)"/)![1];
    const changing = new Set([
      book.workbookPath,
      relsPath(book.workbookPath),
      '[Content_Types].xml',
      `xl/${stylesRel.replace(/^\/?xl\//, '')}`,
      ...marked,
    ]);
    for (const e of a.entries) {
      const f = b.byName.get(e.name.toLowerCase());
      expect([e.name, Boolean(f)]).toEqual([e.name, true]);
      if (changing.has(e.name)) continue;
      expect([e.name, Buffer.from(rawData(b, f!)).equals(Buffer.from(rawData(a, e)))]).toEqual([e.name, true]);
      expect([e.name, f!.crc]).toEqual([e.name, e.crc]);
    }
    expect(b.entries.length).toBe(a.entries.length + 1);
    // Values, merges and formats of every sheet as they were.
    expect(snapshots(result)).toEqual(snapshots(input));
    const after = readBook(b);
    expect(after.definedNames).toEqual(book.definedNames);
    expect(after.sheets.map((s) => s.name)).toEqual([...book.sheets.map((s) => s.name), summary]);
    // A marked sheet differs from its input only by our conditional formats.
    for (const p of marked) {
      const before = entryText(a, a.byName.get(p as string)!);
      const now = entryText(b, b.byName.get(p as string)!);
      expect(
        now.replace(
          /<conditionalFormatting sqref="[^"]*"><cfRule type="expression" dxfId="\d+" priority="\d+"><formula>ISTEXT\(&quot;jixiao-mark:\w+&quot;\)<\/formula><\/cfRule><\/conditionalFormatting>/g,
          '',
        ),
      ).toBe(before);
    }
  });

  test('clear of a result gives back the input part for part; evaluating the result again changes nothing more', async () => {
    const input = await fixture(name);
    const { result } = evaluateAndPatch(input);
    const cleaned = readZip(clear(result));
    const a = readZip(input);
    expect(cleaned.entries.map((e) => e.name)).toEqual(a.entries.map((e) => e.name));
    for (const e of a.entries)
      expect([e.name, entryText(cleaned, cleaned.byName.get(e.name.toLowerCase())!)]).toEqual([e.name, entryText(a, e)]);
    // Re-evaluating the result gives the same result (our marks and sheet replaced, nothing added).
    const again = evaluateAndPatch(result).result;
    const r1 = readZip(result);
    const r2 = readZip(again);
    for (const e of r1.entries) expect([e.name, entryText(r2, r2.byName.get(e.name.toLowerCase())!)]).toEqual([e.name, entryText(r1, e)]);
  });
});
