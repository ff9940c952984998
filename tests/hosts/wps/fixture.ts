// The WPS fixture for the shared host behaviour tests: the sample workbooks loaded into the fake ET
// object model, the WPS host over it, and an inspector that reads the fake's data directly.

import * as path from 'path';
import ExcelJS from 'exceljs';
import { createWpsHost } from '../../../src/hosts/wps';
import { CellState, HostFixture, Sample } from '../shared/hostBehaviour';
import {
  FakeApplication,
  FakeBook,
  FakeSheet,
  XL_NONE,
  XL_SOLID,
  areaAddress,
  bookFromExcelJs,
  emptyCell,
  key,
  newSheet,
  parseAreas,
  rulePaints,
} from '../../fakes/wps';
import { rgbHex, bgr } from '../../../src/hosts/wps/et';
import { isMarkFormula } from '../../../src/hosts/marks';

const cache = new Map<string, string>();

/** The sample as a fake workbook (parsed once, deep-copied per test). */
export async function loadBook(sample: Sample | string): Promise<FakeBook> {
  const name = sample.endsWith('.xlsx') ? sample : `${sample}.xlsx`;
  if (!cache.has(name)) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(__dirname, '../../../examples', name));
    cache.set(name, JSON.stringify(bookFromExcelJs(wb, name)));
  }
  return JSON.parse(cache.get(name)!) as FakeBook;
}

export function sheetData(app: FakeApplication, name: string): FakeSheet {
  const s = app.book!.data.sheets.find((x) => x.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** The colour (BGR) our top-priority marker rule paints on a cell, if any paints it. */
export function markColour(book: FakeBook, s: FakeSheet, row: number, col: number): number | null {
  for (const r of s.rules) {
    if (r.color === null || !isMarkFormula(r.formula)) continue;
    if (rulePaints(book, r, row, col)) return r.color;
  }
  return null;
}

/** What the user sees: a marker rule paints over the cell's own fill (which stays as it was). */
export function cellState(book: FakeBook, s: FakeSheet, row: number, col: number): CellState {
  const c = s.cells[key(row, col)] ?? emptyCell();
  const mark = markColour(book, s, row, col);
  const out: CellState = {
    value: c.v,
    fill: mark !== null ? rgbHex(mark) : c.pattern === XL_NONE ? null : rgbHex(c.color),
    pattern: mark !== null ? 'solid' : c.pattern === XL_NONE ? null : c.pattern === XL_SOLID ? 'solid' : c.pattern,
    numberFormat: c.fmt,
  };
  if (c.formula) out.formula = c.formula;
  return out;
}

export function fixtureFor(app: FakeApplication): HostFixture {
  const host = createWpsHost(app);
  const at = (sheet: string, address: string) => {
    const a = parseAreas(address)[0];
    return { s: sheetData(app, sheet), row: a.top, col: a.left };
  };
  const edit = (sheet: string, address: string, f: (c: ReturnType<typeof emptyCell>) => void) => {
    const { s, row, col } = at(sheet, address);
    const k = key(row, col);
    const c = s.cells[k] ?? emptyCell();
    f(c);
    s.cells[k] = c;
  };
  return {
    host,
    sheetNames: () => app.book!.data.sheets.filter((s) => s.visible === -1).map((s) => s.name),
    cells(sheet) {
      const s = sheetData(app, sheet);
      const out: Record<string, CellState> = {};
      const keys = new Set(Object.keys(s.cells));
      for (const r of s.rules)
        if (isMarkFormula(r.formula))
          for (const a of r.areas) for (let i = a.top; i <= a.bottom; i++) for (let j = a.left; j <= a.right; j++) keys.add(key(i, j));
      for (const k of [...keys].sort((a, b) => {
        const [ra, ca] = a.split(',').map(Number);
        const [rb, cb] = b.split(',').map(Number);
        return ra - rb || ca - cb;
      })) {
        const [r, c] = k.split(',').map(Number);
        out[areaAddress({ top: r, left: c, bottom: r, right: c })] = cellState(app.book!.data, s, r, c);
      }
      return out;
    },
    cell(sheet, address) {
      const { s, row, col } = at(sheet, address);
      return cellState(app.book!.data, s, row, col);
    },
    setText(sheet, address, text) {
      edit(sheet, address, (c) => {
        delete c.formula;
        c.v = text;
      });
    },
    setFill(sheet, address, rgb, patterned) {
      edit(sheet, address, (c) => {
        if (rgb === null) {
          c.pattern = XL_NONE;
          c.color = 0xffffff;
          c.patternColor = 0;
        } else if (patterned) {
          c.pattern = -4125; // xlPatternGray50
          c.color = bgr(rgb);
          c.patternColor = bgr('7030A0');
        } else {
          c.pattern = XL_SOLID;
          c.color = bgr(rgb);
        }
      });
    },
    addSheet(name, rows) {
      const s = newSheet(name);
      rows.forEach((r, i) =>
        r.forEach((v, j) => {
          if (v === null) return;
          s.cells[key(i + 1, j + 1)] = { ...emptyCell(), v };
        }),
      );
      app.book!.data.sheets.push(s);
    },
    protectSheet(sheet) {
      sheetData(app, sheet).protect = { allowFormattingCells: false };
    },
    activate(sheet) {
      app.book!.data.active = app.book!.data.sheets.indexOf(sheetData(app, sheet));
    },
    activeSheet: () => app.book!.data.sheets[app.book!.data.active].name,
    selection: (sheet) => sheetData(app, sheet).view.selection,
    reopen: () => fixtureFor(new FakeApplication(JSON.parse(JSON.stringify(app.book!.data)) as FakeBook)),
    otherHost: () => createWpsHost(app),
  };
}

export async function buildWpsFixture(sample: Sample): Promise<HostFixture & { app: FakeApplication }> {
  const app = new FakeApplication(await loadBook(sample));
  return Object.assign(fixtureFor(app), { app });
}
