// The Excel fixture for the shared host behaviour tests (tests/hosts/shared/hostBehaviour.ts): the sample
// workbooks loaded into the typed fake Excel API, the fake installed as the Office.js globals, the Excel
// host over it, and an inspector that reads the fake's plain data directly.
//
// What the inspector reports is what the user SEES: the Excel adapter highlights with conditional formats
// (marker rules) and never changes a cell's own fill, so a cell's fill is that of the top-priority marker
// format of ours covering it, else the cell's own fill.
//
// Limits of the fake, and how the fixture deals with them:
// - The fake has no sheet visibility (every sheet is visible; the Excel adapter never hides one), so
//   sheetNames() lists every sheet, in order.
// - The fake stores a cell fill as one colour ('#RRGGBB') and has no fill patterns (its loader drops
//   patterned fills from a file). A patterned user fill is therefore represented as a solid fill of its
//   background colour and reported as 'solid'; the adapter never reads or writes cell fills of source
//   cells, so this hides nothing it does.
// - The fake keeps one selection for the whole workbook (the sheet and address last selected), not one
//   per sheet: selection(sheet) answers for that sheet and throws for any other.

import { createExcelHost, officeEnv, ExcelHost } from '../../../src/hosts/excel';
import { CellState, HostFixture, Sample } from '../shared/hostBehaviour';
import {
  FakeCell,
  FakeSheet,
  FakeWorkbook,
  FakeWorkbookJson,
  colLetters,
  displayText,
  ensureCell,
  enterValue,
  findSheet,
  getCell,
  isGeneral,
  keyCol,
  keyRow,
  newSheet,
  newStats,
  parseArea,
  workbookFromJson,
  workbookToJson,
} from '../../fakes/excel';
import { GAPS, SHENZE, install, loadFake, markFills } from './helpers';

const FILES: Record<Sample, string> = { 'shenze-2020': SHENZE, 'gaps-sample': GAPS };
const cache = new Map<Sample, FakeWorkbookJson>();

/** The sample as a fake workbook (parsed once, copied per test). */
export async function loadSample(sample: Sample): Promise<FakeWorkbook> {
  if (!cache.has(sample)) cache.set(sample, workbookToJson(await loadFake(FILES[sample])));
  return workbookFromJson(cache.get(sample)!);
}

function sheetOf(wb: FakeWorkbook, name: string): FakeSheet {
  const s = findSheet(wb, name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

function at(wb: FakeWorkbook, sheet: string, address: string): { s: FakeSheet; row: number; col: number } {
  const { area } = parseArea(address);
  return { s: sheetOf(wb, sheet), row: area.top, col: area.left };
}

function hex(color: string): string {
  return color.replace(/^#/, '').toUpperCase();
}

/** The cell as the user sees it; `marks` is markFills(sheet). */
function stateOf(cell: FakeCell | undefined, mark: string | undefined): CellState {
  const fill = mark ?? cell?.fill;
  const out: CellState = {
    value: cell === undefined || cell.value === '' ? null : cell.value,
    fill: fill ? hex(fill) : null,
    pattern: fill ? 'solid' : null,
    numberFormat: cell?.numberFormat ?? 'General',
  };
  if (cell?.formula) out.formula = cell.formula;
  return out;
}

function shown(c: FakeCell): boolean {
  return c.value !== '' || !!c.formula || c.fill !== undefined || !isGeneral(c.numberFormat);
}

/** An inspector and a host over `wb`, whose globals must be installed (they are looked up per call). */
function fixtureFor(wb: FakeWorkbook, host: ExcelHost): HostFixture {
  return {
    host,
    // The ribbon's function file: its own host over the same workbook (the globals are shared).
    otherHost: () => new ExcelHost(officeEnv()),
    sheetNames: () => wb.sheets.map((s) => s.name),
    cells(sheet) {
      const s = sheetOf(wb, sheet);
      const marks = markFills(s);
      const keys = new Map<string, { row: number; col: number }>();
      for (const [k, c] of s.cells) if (shown(c)) keys.set(`${colLetters(keyCol(k))}${keyRow(k)}`, { row: keyRow(k), col: keyCol(k) });
      for (const a of Object.keys(marks)) {
        if (!keys.has(a)) {
          const { area } = parseArea(a);
          keys.set(a, { row: area.top, col: area.left });
        }
      }
      const out: Record<string, CellState> = {};
      for (const [a, p] of [...keys].sort(([, x], [, y]) => x.row - y.row || x.col - y.col))
        out[a] = stateOf(getCell(s, p.row, p.col), marks[a]);
      return out;
    },
    cell(sheet, address) {
      const { s, row, col } = at(wb, sheet, address);
      return stateOf(getCell(s, row, col), markFills(s)[`${colLetters(col)}${row}`]);
    },
    setText(sheet, address, text) {
      const { s, row, col } = at(wb, sheet, address);
      const c = ensureCell(s, row, col);
      // Typed as is when Excel keeps it as that text; otherwise with the apostrophe a user would type.
      const probe: FakeCell = { ...c };
      enterValue(probe, text);
      const literal = probe.value === text && !probe.formula && probe.numberFormat === c.numberFormat;
      enterValue(c, literal ? text : `'${text}`);
    },
    setFill(sheet, address, rgb) {
      // A patterned fill (the optional 4th argument) cannot be represented by the fake: see the header.
      const { s, row, col } = at(wb, sheet, address);
      const c = ensureCell(s, row, col);
      if (rgb === null) delete c.fill;
      else c.fill = `#${hex(rgb)}`;
    },
    addSheet(name, rows) {
      const s = newSheet(wb, name);
      rows.forEach((r, i) =>
        r.forEach((v, j) => {
          if (v === null) return;
          const c = ensureCell(s, i + 1, j + 1);
          c.value = v;
          c.text = displayText(v, c.numberFormat);
        }),
      );
    },
    protectSheet(sheet) {
      sheetOf(wb, sheet).protected = true;
    },
    activate(sheet) {
      wb.activeSheetId = sheetOf(wb, sheet).id;
    },
    activeSheet: () => wb.sheets.find((s) => s.id === wb.activeSheetId)!.name,
    selection(sheet) {
      const name = sheetOf(wb, sheet).name;
      if (wb.selection?.sheet !== name)
        throw new Error(`the fake keeps only the last selection (${wb.selection?.sheet ?? 'none'}), not one on ${name}`);
      return wb.selection.address;
    },
    reopen() {
      // Saved and opened again: everything the document keeps (sheets, formats, settings, active sheet,
      // selection), nothing of the session (counters, cell edit mode, injected faults).
      const copy = workbookFromJson(workbookToJson(wb));
      copy.stats = newStats();
      copy.cellEditMode = false;
      copy.failAt = null;
      install(copy);
      // What createExcelHost() returns (it is async; the API check already passed for this document).
      return fixtureFor(copy, new ExcelHost(officeEnv()));
    },
  };
}

export async function buildExcelFixture(sample: Sample): Promise<HostFixture & { wb: FakeWorkbook }> {
  const wb = install(await loadSample(sample));
  const host = await createExcelHost();
  if (!(host instanceof ExcelHost)) throw new Error('createExcelHost did not return an ExcelHost');
  return Object.assign(fixtureFor(wb, host), { wb });
}
