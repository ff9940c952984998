// Marks of a sheet with very many marked areas: WPS marks them through a mask (src/hosts/marks.ts) so
// that 评价 costs a few hundred host calls at any size. The mask must paint exactly the planned cells,
// be replaced (not doubled) by a second 评价, and go with 清除标记 in WPS, in Excel and in the CLI.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import ExcelJS from 'exceljs';
import { makeWorkbook } from '../../bench/run';
import { createWpsHost } from '../../src/hosts/wps';
import { createExcelHost } from '../../src/hosts/excel';
import { runEvaluation, clearMarks } from '../../src/app/session';
import { SEVERITY_FILL, SUMMARY_LOOK, isOwnerMark, planHighlights, planWrites } from '../../src/core/plan';
import { evaluateWorkbook } from '../../src/core/evaluate';
import { isMarkFormula, isMaskName } from '../../src/hosts/marks';
import { bgr } from '../../src/hosts/wps/et';
import { readPackage } from '../../src/hosts/file/package/read';
import { patchPackage } from '../../src/hosts/file/package/patch';
import { joinPieces, zipPieces } from '../../src/hosts/file/package/zip';
import { FakeApplication, FakeBook, bookFromExcelJs, bookToExcelJs, key } from '../fakes/wps';
import { fakeWorkbookFromExcelJs } from '../fakes/excel';
import { install, uninstall } from './excel/helpers';
import { markColour } from './wps/fixture';

const ROWS = 4000;
const SHEET = '项目支出绩效自评表';
let file: string;
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-masks-'));
  file = path.join(dir, 'large.xlsx');
  await makeWorkbook(ROWS, file);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => uninstall());

async function loadApp(): Promise<FakeApplication> {
  const src = new ExcelJS.Workbook();
  await src.xlsx.readFile(file);
  return new FakeApplication(bookFromExcelJs(src, 'large.xlsx'));
}

async function saved(book: FakeBook): Promise<Uint8Array> {
  const out = new ExcelJS.Workbook();
  bookToExcelJs(book, out);
  return new Uint8Array((await out.xlsx.writeBuffer()) as ArrayBuffer);
}

const total = (stats: Record<string, number>) => Object.values(stats).reduce((a, b) => a + b, 0);
const masks = (book: FakeBook) => book.sheets.filter((s) => isMaskName(s.name));
const markRules = (book: FakeBook) => book.sheets.flatMap((s) => s.rules.filter((r) => isMarkFormula(r.formula)));
const sourceCells = (book: FakeBook) => JSON.stringify(book.sheets.find((s) => s.name === SHEET)!.cells);

/** Every cell of the marked box painted with its severity's colour when planned, and nothing else painted. */
function expectPaintedExactly(book: FakeBook, planned: ReturnType<typeof planHighlights>): void {
  const s = book.sheets.find((x) => x.name === SHEET)!;
  const want = new Map(planned.map((h) => [key(h.row, h.col), bgr(SEVERITY_FILL[h.severity])]));
  const bottom = Math.max(...planned.map((h) => h.row)) + 1;
  let wrong = 0;
  for (let r = 1; r <= bottom; r++) for (let c = 1; c <= 10; c++) if (markColour(book, s, r, c) !== (want.get(key(r, c)) ?? null)) wrong++;
  expect(wrong).toBe(0);
}

test('WPS marks a large sheet through one very hidden mask: the planned cells exactly, in a few hundred calls', async () => {
  const app = await loadApp();
  const book = app.book!.data;
  const before = sourceCells(book);
  app.stats = {};
  const out = await runEvaluation(createWpsHost(app));
  expect(total(app.stats)).toBeLessThan(400);
  const planned = planHighlights(out.result);
  expect(out.applied.highlighted).toBe(planned.length);

  const [mask, ...more] = masks(book);
  expect(more).toEqual([]);
  expect(mask.visible).toBe(2);
  expect(isOwnerMark(mask.cells[key(1, 1)].v)).toBe(true);
  expect(mask.cells[key(1, 2)].v).toBe(SHEET);
  expect(mask.cells[key(1, 3)].v).toBe(planned.length);
  expect(book.names).toEqual([expect.objectContaining({ name: mask.name, visible: false })]);
  // One rule per severity, each carrying the marker.
  expect(markRules(book).length).toBe(new Set(planned.map((h) => h.severity)).size);
  expectPaintedExactly(book, planned);
  expect(sourceCells(book)).toBe(before);

  // 评价 again: the old mask and name are replaced, not doubled.
  const again = await runEvaluation(createWpsHost(app));
  expect(masks(book).length).toBe(1);
  expect(book.names!.length).toBe(1);
  expect(markRules(book).length).toBe(new Set(planned.map((h) => h.severity)).size);
  expectPaintedExactly(book, planHighlights(again.result));

  // 清除标记: rules, mask sheet and name gone; the count is the marked cells, not the rules' boxes.
  const cleared = await clearMarks(createWpsHost(app));
  expect(cleared.cleared).toBe(planned.length);
  expect(markRules(book)).toEqual([]);
  expect(masks(book)).toEqual([]);
  expect(book.names).toEqual([]);
  expect(sourceCells(book)).toBe(before);
});

test('a failure while writing the mask leaves the workbook as it was', async () => {
  const app = await loadApp();
  const book = app.book!.data;
  const before = JSON.stringify({ sheets: book.sheets.map((s) => [s.name, s.rules, s.cells]), names: book.names ?? [] });
  app.failOn = (op) => op === 'Names.Add';
  await expect(runEvaluation(createWpsHost(app))).rejects.toMatchObject({ code: 'write-failed' });
  app.failOn = null;
  expect(JSON.stringify({ sheets: book.sheets.map((s) => [s.name, s.rules, s.cells]), names: book.names ?? [] })).toBe(before);
});

test('marked through a mask in WPS, saved, opened in Excel: 清除标记 there removes rules, mask and name', async () => {
  const app = await loadApp();
  const out = await runEvaluation(createWpsHost(app));
  const back = new ExcelJS.Workbook();
  await back.xlsx.load((await saved(app.book!.data)).buffer as ArrayBuffer);
  const wb = install(fakeWorkbookFromExcelJs(back, { name: 'large.xlsx' }));
  expect(wb.sheets.filter((s) => isMaskName(s.name)).map((s) => s.visibility)).toEqual(['VeryHidden']);
  expect(wb.names!.map((n) => n.name)).toEqual([expect.stringMatching(/^jixiao_mask_/)]);
  const cleared = await clearMarks(await createExcelHost());
  expect(cleared.cleared).toBe(out.applied.highlighted);
  expect(wb.sheets.flatMap((s) => s.conditionalFormats).filter((cf) => isMarkFormula(cf.custom?.formula))).toEqual([]);
  expect(wb.sheets.filter((s) => isMaskName(s.name))).toEqual([]);
  expect(wb.names).toEqual([]);
});

test('marked through a mask in WPS, saved: jixiao clear (the file package) removes rules, mask sheet and name', async () => {
  const app = await loadApp();
  await runEvaluation(createWpsHost(app));
  const pkg = readPackage(await saved(app.book!.data), 'large.xlsx');
  // The mask is no table: the file host does not read it as one.
  expect(pkg.sheets.some((s) => isMaskName(s.entry.name))).toBe(true);
  const r = patchPackage(pkg, { highlights: [], summary: null, removeSummaries: true });
  expect(r.removed.some(isMaskName)).toBe(false);
  const out = new ExcelJS.Workbook();
  await out.xlsx.load(joinPieces(zipPieces(r.entries)).buffer as ArrayBuffer);
  expect(out.worksheets.map((w) => w.name).filter(isMaskName)).toEqual([]);
  expect((out.definedNames.model as { name: string }[]).map((n) => n.name).filter(isMaskName)).toEqual([]);
  const rules = out.worksheets.flatMap(
    (w) => (w as unknown as { conditionalFormattings?: { rules: { formulae?: string[] }[] }[] }).conditionalFormattings ?? [],
  );
  expect(rules.flatMap((cf) => cf.rules).filter((x) => isMarkFormula(x.formulae?.[0]))).toEqual([]);
});

test('a long summary gets its alternating looks (达成/未达成, 级别) by value rules: each cell looks as planned', async () => {
  const app = await loadApp();
  const host = createWpsHost(app);
  const snapshot = await host.readSnapshot('active');
  const plan = planWrites(evaluateWorkbook(snapshot, {}), {});
  app.stats = {};
  const applied = await host.apply(plan);
  const s = app.book!.data.sheets.find((x) => x.name === applied.summarySheet)!;
  const valueRules = s.rules.filter((r) => r.equal);
  expect(valueRules.length).toBeGreaterThan(0);
  let checked = 0;
  plan.summary.rows.forEach((cells, i) =>
    cells.forEach((sc, j) => {
      if (!sc) return;
      const row = i + 1;
      const col = j + 1;
      const c = s.cells[key(row, col)];
      const rule = valueRules.find(
        (r) => r.areas.some((a) => row >= a.top && row <= a.bottom && col === a.left) && r.formula === `="${sc.v}"`,
      );
      const look = sc.style ? SUMMARY_LOOK[sc.style] : {};
      const fontColor = rule?.font?.color ?? c?.fontColor;
      const bold = (rule?.font?.bold ?? false) || !!c?.bold;
      const fill = rule && rule.color !== null ? rule.color : c && c.pattern === 1 ? c.color : null;
      if (look.color) expect(fontColor).toBe(bgr(look.color));
      expect(bold).toBe(!!look.bold);
      if (look.fill) expect(fill).toBe(bgr(look.fill));
      else if (rule) expect(rule.color).toBeNull();
      checked++;
    }),
  );
  expect(checked).toBeGreaterThan(ROWS);
});
