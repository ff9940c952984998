// The fake workbook as plain JSON and back: Maps become [key, value] lists. Lets a Node test build a
// workbook (fakeWorkbookFromExcelJs), hand it to a page that runs the fake (browser.ts), and read the
// page's workbook back for checks with the same helpers (dumpSheet, findSheet…). Both directions copy:
// the result shares nothing with the input. No Node imports: bundled into the browser entry.

import { FakeCell, FakeSheet, FakeWorkbook } from './state';

export interface FakeSheetJson extends Omit<FakeSheet, 'cells' | 'columnWidths' | 'rowHeights'> {
  /** [cellKey(row, col), cell] */
  cells: [number, FakeCell][];
  columnWidths: [number, number][];
  rowHeights: [number, number][];
}

export interface FakeWorkbookJson extends Omit<FakeWorkbook, 'sheets' | 'settings'> {
  sheets: FakeSheetJson[];
  settings: [string, unknown][];
}

function copy<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export function workbookToJson(wb: FakeWorkbook): FakeWorkbookJson {
  const { sheets, settings, ...rest } = wb;
  return copy({
    ...rest,
    sheets: sheets.map(({ cells, columnWidths, rowHeights, ...s }) => ({
      ...s,
      cells: [...cells.entries()],
      columnWidths: [...columnWidths.entries()],
      rowHeights: [...rowHeights.entries()],
    })),
    settings: [...settings.entries()],
  });
}

export function workbookFromJson(json: FakeWorkbookJson): FakeWorkbook {
  const { sheets, settings, ...rest } = copy(json);
  return {
    ...rest,
    sheets: sheets.map(({ cells, columnWidths, rowHeights, ...s }) => ({
      ...s,
      cells: new Map(cells),
      columnWidths: new Map(columnWidths),
      rowHeights: new Map(rowHeights),
    })),
    settings: new Map(settings),
  };
}
