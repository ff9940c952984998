// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- et-jsapi-declare has no "types" entry: its globals load only by path
/// <reference path="../../../node_modules/et-jsapi-declare/base.d.ts" />
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- as above
/// <reference path="../../../node_modules/et-jsapi-declare/lib.et.d.ts" />
// The part of the WPS 表格 (ET) object model the adapter uses, as narrow interfaces. Every member named
// here must exist in the official typings (npm et-jsapi-declare, namespace Et): the key checks at the
// bottom fail to compile otherwise. The fake in tests/fakes/wps implements exactly these interfaces, so
// the adapter cannot use a member the typings do not have, and the fake cannot drift from the adapter.
//
// Only lib.et.d.ts is referenced (namespace Et, no globals): the package's index.d.ts would declare a
// global `Application` for the whole program. The WPS add-in root (PluginStorage, CreateTaskPane) lives in
// index.d.ts; its subset below is checked against it by tests/wps/typings.test.ts.
//
// The object model is synchronous (COM-like). Quirks the adapter handles:
//   - Range.Value2 of one cell is a scalar, of several cells a 2-D array (rows); empty cells are
//     undefined (or null / '').
//   - NumberFormat, MergeCells, Interior.Color, Font.Bold… of a multi-cell range are null when mixed.
//   - Colours are BGR longs: red is 255 (0x0000FF), blue 0xFF0000.
//   - Collections are 1-based (Worksheets.Item(1)).

export type Scalar = string | number | boolean | null | undefined;
export type Value2 = Scalar | Scalar[][];

export interface EtInterior {
  /** BGR long; null when mixed. */
  Color: number | null;
  ColorIndex: number | null;
  Pattern: number | null;
  PatternColor: number | null;
}

export interface EtFont {
  Bold: boolean | null;
  Italic: boolean | null;
  Color: number | null;
  Size: number | null;
  Underline: number | null;
}

export interface EtHyperlink {
  readonly Range: EtRange;
  Address: string;
  SubAddress: string;
  ScreenTip: string;
  TextToDisplay: string;
  Delete(): void;
}

export interface EtHyperlinks {
  readonly Count: number;
  Item(Index: number): EtHyperlink;
  Add(Anchor: EtRange, Address: string, SubAddress?: string, ScreenTip?: string, TextToDisplay?: string): EtHyperlink;
  Delete(): void;
}

export interface EtConditionValue {
  Modify(NewType: number, NewValue?: number): void;
}

export interface EtDatabar {
  readonly MinPoint: EtConditionValue;
  readonly MaxPoint: EtConditionValue;
  /** FormatColor (typed `any` upstream); Color is BGR. */
  readonly BarColor: { Color: number };
  ShowValue: boolean;
}

/**
 * One rule of a range's FormatConditions (typed `any` upstream: a FormatCondition, or a Databar, ColorScale…
 * for other kinds; those have no Formula1, so read Type first).
 */
export interface EtFormatCondition {
  /** XlFormatConditionType: 1 xlCellValue, 2 xlExpression, 4 xlDatabar… */
  readonly Type: number;
  readonly Formula1: string;
  readonly Interior: EtInterior;
  readonly Font: EtFont;
  readonly AppliesTo: EtRange;
  Delete(): void;
}

export interface EtFormatConditions {
  readonly Count: number;
  /** 1-based. */
  Item(Index: number): EtFormatCondition;
  /** Add(xlExpression, , "=…") → the new FormatCondition. */
  Add(Type: number, Operator?: number, Formula1?: string): EtFormatCondition;
  /** Returns a Databar (typed `any` upstream). */
  AddDatabar(): EtDatabar;
  Delete(): void;
}

export interface EtRange {
  readonly Row: number;
  readonly Column: number;
  readonly Count: number;
  readonly Rows: EtRange;
  readonly Columns: EtRange;
  readonly Cells: EtRange;
  Item(RowIndex: number, ColumnIndex?: number): EtRange;
  Address(RowAbsolute?: boolean, ColumnAbsolute?: boolean): string;
  Value2: Value2;
  /** The formula of one cell ("=…"), or its value as text when it holds none; only 检查环境 reads it. */
  Formula: Value2;
  /** Display text of one cell; null for several cells that differ. */
  readonly Text: string | null;
  NumberFormat: string | null;
  readonly MergeCells: boolean | null;
  readonly MergeArea: EtRange;
  Merge(Across?: boolean): void;
  readonly Interior: EtInterior;
  readonly Font: EtFont;
  HorizontalAlignment: number | null;
  VerticalAlignment: number | null;
  WrapText: boolean | null;
  ColumnWidth: number | null;
  RowHeight: number | null;
  readonly Hyperlinks: EtHyperlinks;
  readonly FormatConditions: EtFormatConditions;
  Resize(RowSize?: number, ColumnSize?: number): EtRange;
  /** XlCellType 12 (xlCellTypeVisible): the range's visible cells, as areas; throws when there are none. */
  SpecialCells(Type: number): EtRange;
  Offset(RowOffset?: number, ColumnOffset?: number): EtRange;
  Select(): unknown;
  ClearContents(): unknown;
  readonly Worksheet: EtWorksheet;
}

export interface EtProtection {
  readonly AllowFormattingCells: boolean;
}

export interface EtWorksheet {
  Name: string;
  readonly Index: number;
  /** -1 visible, 0 hidden, 2 very hidden (XlSheetVisibility). */
  Visible: number;
  readonly ProtectContents: boolean;
  readonly Protection: EtProtection;
  Range(Cell1: string): EtRange;
  readonly Cells: EtRange;
  readonly UsedRange: EtRange;
  readonly Hyperlinks: EtHyperlinks;
  Activate(): void;
  Delete(): void;
}

export interface EtSheets {
  readonly Count: number;
  Item(Index: number | string): EtWorksheet;
  Add(Before?: EtWorksheet | null, After?: EtWorksheet | null, Count?: number, Type?: number): EtWorksheet;
}

/** A defined name (Workbook.Names). */
export interface EtName {
  readonly Name: string;
  RefersTo: string;
  Visible: boolean;
  Delete(): void;
}

export interface EtNames {
  readonly Count: number;
  /** 1-based index or the name. */
  Item(Index: string | number): EtName;
  Add(Name: string, RefersTo: string, Visible?: boolean): EtName;
}

export interface EtWorkbook {
  readonly Name: string;
  readonly Names: EtNames;
  readonly FullName: string;
  readonly Worksheets: EtSheets;
  readonly ActiveSheet: EtWorksheet;
  readonly ProtectStructure: boolean;
}

export interface EtWorkbooks {
  readonly Count: number;
}

export interface EtWindow {
  FreezePanes: boolean;
  SplitRow: number;
  SplitColumn: number;
  ScrollRow: number;
  ScrollColumn: number;
}

export interface EtApplication {
  readonly ActiveWorkbook: EtWorkbook | null;
  readonly ActiveSheet: EtWorksheet | null;
  readonly ActiveWindow: EtWindow | null;
  readonly Workbooks: EtWorkbooks;
  ScreenUpdating: boolean;
  EnableEvents: boolean;
  /** XlCalculation: -4105 automatic, -4135 manual, 2 semiautomatic. */
  Calculation: number;
  DisplayAlerts: boolean;
  /** The areas of up to 30 ranges of one sheet as one multi-area range. */
  Union(Arg1: EtRange, Arg2: EtRange, ...more: EtRange[]): EtRange;
  /** For 检查环境 only, read defensively: typed upstream, not confirmed on every build. */
  readonly Version?: string;
  readonly Build?: number;
  readonly OperatingSystem?: string;
}

// ---- WPS add-in root (index.d.ts, namespace WPS) -------------------------------------------------

export interface WpsPluginStorage {
  setItem(key: string, value: number | boolean | string): void;
  getItem(key: string): string;
  removeItem(key: string): void;
}

export interface WpsTaskPane {
  readonly ID: number;
  Visible: boolean;
  Navigate(url: string): void;
  Delete(): void;
}

export interface WpsAddonRoot {
  readonly PluginStorage: WpsPluginStorage;
  CreateTaskPane(url: string, title?: string): WpsTaskPane;
  GetTaskPane(id: number): WpsTaskPane;
}

/** What `window.Application` is inside WPS 表格: the ET Application merged with the add-in root. */
export type WpsApplication = EtApplication & Partial<WpsAddonRoot>;

// ---- Constants (the typings declare the enums as ambient, so they have no runtime value) ---------

export const XL_NONE = -4142;
export const XL_SOLID = 1;
export const XL_AUTOMATIC = -4105;
export const XL_CALCULATION_MANUAL = -4135;
export const XL_SHEET_VISIBLE = -1;
export const XL_SHEET_HIDDEN = 0;
export const XL_SHEET_VERY_HIDDEN = 2;
export const XL_LEFT = -4131;
export const XL_CENTER = -4108;
export const XL_RIGHT = -4152;
export const XL_TOP = -4160;
export const XL_UNDERLINE_SINGLE = 2;
export const XL_CONDITION_VALUE_NUMBER = 0;
/** XlFormatConditionType.xlExpression: a rule whose formula decides. */
export const XL_EXPRESSION = 2;
/** XlFormatConditionType.xlCellValue: a rule comparing the cell's value (with XL_EQUAL). */
export const XL_CELL_VALUE = 1;
export const XL_CELL_TYPE_VISIBLE = 12;
export const XL_EQUAL = 3;
/** Interior.Color of a cell without fill. */
export const WHITE = 0xffffff;

/** The workbook's worksheets, in order (the collection is 1-based). */
export function worksheetsOf(wb: EtWorkbook): EtWorksheet[] {
  const out: EtWorksheet[] = [];
  const sheets = wb.Worksheets;
  for (let i = 1; i <= sheets.Count; i++) out.push(sheets.Item(i));
  return out;
}

/** The worksheet named `name`, or null; stops at the first match (each Name read is a host call). */
export function sheetByName(wb: EtWorkbook, name: string): EtWorksheet | null {
  const sheets = wb.Worksheets;
  for (let i = 1; i <= sheets.Count; i++) {
    const ws = sheets.Item(i);
    if (ws.Name === name) return ws;
  }
  return null;
}

/** 'FFC7CE' (RGB hex) → BGR long. */
export function bgr(rgbHex: string): number {
  const n = parseInt(rgbHex.replace(/^#/, '').slice(-6), 16);
  return ((n & 0xff) << 16) | (n & 0xff00) | ((n >> 16) & 0xff);
}

/** BGR long → 'FFC7CE'. */
export function rgbHex(bgrLong: number): string {
  const r = bgrLong & 0xff;
  const g = (bgrLong >> 8) & 0xff;
  const b = (bgrLong >> 16) & 0xff;
  return ((r << 16) | (g << 8) | b).toString(16).toUpperCase().padStart(6, '0');
}

// ---- Compile-time checks: every member above exists in the official typings -----------------------

type Extra<Mine, Official> = Exclude<keyof Mine, keyof Official>;
type NoExtra<T extends never> = T;

export type EtTypingsChecks = [
  NoExtra<Extra<EtInterior, Et.Interior>>,
  NoExtra<Extra<EtFont, Et.Font>>,
  NoExtra<Extra<EtHyperlink, Et.Hyperlink>>,
  NoExtra<Extra<EtHyperlinks, Et.Hyperlinks>>,
  NoExtra<Extra<EtConditionValue, Et.ConditionValue>>,
  NoExtra<Extra<EtDatabar, Et.Databar>>,
  NoExtra<Extra<EtFormatConditions, Et.FormatConditions>>,
  NoExtra<Extra<EtFormatCondition, Et.FormatCondition>>,
  NoExtra<Extra<EtRange, Et.Range>>,
  NoExtra<Extra<EtProtection, Et.Protection>>,
  NoExtra<Extra<EtWorksheet, Et.Worksheet>>,
  NoExtra<Extra<EtSheets, Et.Sheets>>,
  NoExtra<Extra<EtWorkbook, Et.Workbook>>,
  NoExtra<Extra<EtName, Et.Name>>,
  NoExtra<Extra<EtNames, Et.Names>>,
  NoExtra<Extra<EtWorkbooks, Et.Workbooks>>,
  NoExtra<Extra<EtWindow, Et.Window>>,
  NoExtra<Extra<EtApplication, Et.Application>>,
];
