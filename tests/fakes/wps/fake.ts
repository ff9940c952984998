// A fake WPS 表格 (ET) object model over the plain workbook data in model.ts. Each class implements the
// adapter's narrow interface from src/hosts/wps/et.ts, whose members are checked against the official
// typings (et-jsapi-declare): a member the typings lack cannot be used by the adapter nor faked here.
//
// Quirks it reproduces:
//   - Value2 of one cell is a scalar (undefined when empty), of several cells a 2-D array of rows;
//   - NumberFormat, MergeCells, Text, Interior.*, Font.*, alignment… are null when mixed;
//   - colours are BGR longs (red 255); ColorIndex reports the nearest palette entry, xlNone (-4142)
//     for no fill; setting Color on an unfilled cell makes it solid; ColorIndex = xlNone clears;
//   - collections are 1-based (Worksheets.Item(1)), Item also takes a name;
//   - text entered into a General cell turns into numbers, percents, dates or formulas (model.ts);
//   - protected sheets throw on writes (formatting allowed only with AllowFormattingCells), a
//     protected workbook structure throws on adding, deleting or renaming sheets;
//   - Range("…") takes A1 areas, "$A$1", comma-separated multi-area lists up to 255 characters;
//   - Select() fails unless the sheet is active; Activate() fails on hidden sheets;
//   - Sheets.Add activates the new sheet; Delete and Merge with DisplayAlerts on would prompt (counted);
//   - FormatConditions: formula rules (Add(xlExpression, , "=…"), Item(i) 1-based, Type, Formula1,
//     Interior.Color, AppliesTo, Delete) and data bars; a data bar seen through Item has no Formula1
//     (reading it throws, as a Databar object lacks the member); Cells.FormatConditions lists the sheet's;
//   - Application.Union joins up to 30 ranges of one sheet into one multi-area range;
//   - =HYPERLINK("#…",label) entered into a General cell is a formula showing its label (cell.hyperlink);
//   - every member access is counted (app.stats) and any can be made to fail (app.failOn).
// No Node imports: tests/wps bundles this for Chromium.

import {
  EtApplication,
  EtConditionValue,
  EtDatabar,
  EtFont,
  EtFormatCondition,
  EtFormatConditions,
  EtHyperlink,
  EtHyperlinks,
  EtInterior,
  EtName,
  EtNames,
  EtProtection,
  EtRange,
  EtSheets,
  EtWindow,
  EtWorkbook,
  EtWorkbooks,
  EtWorksheet,
  Scalar,
  Value2,
  WpsAddonRoot,
  WpsPluginStorage,
  WpsTaskPane,
} from '../../../src/hosts/wps/et';
import {
  Area,
  DEFAULT_COLUMN_WIDTH,
  DEFAULT_ROW_HEIGHT,
  FakeBook,
  FakeCell,
  FakeDataBar,
  FakeLink,
  FakeName,
  FakeRule,
  FakeSheet,
  FakeView,
  MAX_COLS,
  MAX_ROWS,
  PALETTE,
  WHITE,
  XL_AUTOMATIC,
  XL_NONE,
  XL_SOLID,
  areaAddress,
  areaCells,
  cellAddress,
  displayText,
  emptyCell,
  enterValue,
  inArea,
  intersects,
  isBlank,
  key,
  nearestColorIndex,
  newSheet,
  parseAreas,
  validSheetName,
} from './model';

export class FakeError extends Error {}

/** Mixed → null, like ET. */
function uniform<T>(values: T[]): T | null {
  if (!values.length) return null;
  const first = values[0];
  for (const v of values) if (v !== first) return null;
  return first;
}

/** The keys of T whose field holds exactly a V. */
type FieldOf<T, V> = { [F in keyof T]-?: [T[F]] extends [V] ? ([V] extends [T[F]] ? F : never) : never }[keyof T];

/**
 * Defines properties of `cls` that read and write a field of the record in `this[record]`, looked up on
 * every access (a window's view follows the active sheet). The class declares them, for its interface.
 */
function fieldProperties<C, K extends keyof C>(cls: { prototype: C }, record: K, fields: { [P in keyof C]?: FieldOf<C[K], C[P]> }): void {
  type R = C[K];
  for (const [prop, field] of Object.entries(fields) as [string, keyof R][]) {
    Object.defineProperty(cls.prototype, prop, {
      configurable: true,
      get(this: C) {
        return this[record][field];
      },
      set(this: C, v: R[keyof R]) {
        this[record][field] = v;
      },
    });
  }
}

// ---- Range ----------------------------------------------------------------------------------------------

type Mode = 'cells' | 'rows' | 'columns';

export class FakeRange implements EtRange {
  constructor(
    readonly sheet: FakeWorksheet,
    readonly areas: Area[],
    private readonly mode: Mode = 'cells',
  ) {}

  private get app(): FakeApplication {
    return this.sheet.book.app;
  }
  private get data(): FakeSheet {
    return this.sheet.data;
  }
  private touch(op: string): void {
    this.app.touch(`Range.${op}`);
  }
  private get first(): Area {
    return this.areas[0];
  }

  /** Every (row, col) of every area, row-major. Guarded against whole-sheet ranges. */
  private *positions(): Generator<[number, number]> {
    for (const a of this.areas) {
      if (areaCells(a) > 5_000_000) throw new FakeError('fake: range too large to enumerate');
      for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) yield [r, c];
    }
  }
  private cell(row: number, col: number): FakeCell | undefined {
    return this.data.cells[key(row, col)];
  }
  private edit(row: number, col: number, f: (c: FakeCell) => void): void {
    const k = key(row, col);
    const c = this.data.cells[k] ?? emptyCell();
    f(c);
    if (isBlank(c)) delete this.data.cells[k];
    else this.data.cells[k] = c;
  }
  private mergeAt(row: number, col: number): Area | undefined {
    return this.data.merges.find((m) => inArea(m, row, col));
  }
  guard(kind: 'values' | 'format' | 'links'): void {
    const p = this.data.protect;
    if (!p) return;
    if (kind === 'format' && p.allowFormattingCells) return;
    throw new FakeError('您试图更改的单元格或图表受保护，因而是只读的。');
  }
  private collect<T>(f: (c: FakeCell | undefined, row: number, col: number) => T): T | null {
    const out: T[] = [];
    for (const [r, c] of this.positions()) out.push(f(this.cell(r, c), r, c));
    return uniform(out);
  }

  get Row(): number {
    this.touch('Row');
    return this.first.top;
  }
  get Column(): number {
    this.touch('Column');
    return this.first.left;
  }
  get Count(): number {
    this.touch('Count');
    if (this.mode === 'rows') return this.first.bottom - this.first.top + 1;
    if (this.mode === 'columns') return this.first.right - this.first.left + 1;
    return this.areas.reduce((n, a) => n + areaCells(a), 0);
  }
  get Rows(): FakeRange {
    this.touch('Rows');
    return new FakeRange(this.sheet, this.areas, 'rows');
  }
  get Columns(): FakeRange {
    this.touch('Columns');
    return new FakeRange(this.sheet, this.areas, 'columns');
  }
  get Cells(): FakeRange {
    this.touch('Cells');
    return new FakeRange(this.sheet, this.areas, 'cells');
  }
  Item(RowIndex: number, ColumnIndex?: number): FakeRange {
    this.touch('Item');
    const a = this.first;
    if (!(RowIndex >= 1)) throw new FakeError('Item: index out of range (collections are 1-based)');
    if (this.mode === 'rows')
      return new FakeRange(this.sheet, [{ top: a.top + RowIndex - 1, left: a.left, bottom: a.top + RowIndex - 1, right: a.right }]);
    if (this.mode === 'columns')
      return new FakeRange(this.sheet, [{ top: a.top, left: a.left + RowIndex - 1, bottom: a.bottom, right: a.left + RowIndex - 1 }]);
    let row: number, col: number;
    if (ColumnIndex === undefined) {
      const w = a.right - a.left + 1;
      row = a.top + Math.floor((RowIndex - 1) / w);
      col = a.left + ((RowIndex - 1) % w);
    } else {
      if (!(ColumnIndex >= 1)) throw new FakeError('Item: index out of range (collections are 1-based)');
      row = a.top + RowIndex - 1;
      col = a.left + ColumnIndex - 1;
    }
    if (row > MAX_ROWS || col > MAX_COLS) throw new FakeError('Item: outside the sheet');
    return new FakeRange(this.sheet, [{ top: row, left: col, bottom: row, right: col }]);
  }
  Address(RowAbsolute = true, ColumnAbsolute = true): string {
    this.touch('Address');
    return this.areas.map((a) => areaAddress(a, RowAbsolute !== false, ColumnAbsolute !== false)).join(',');
  }

  /** One cell's value as a scalar, several cells' as a 2-D array of rows (the first area). */
  private grid(read: (r: number, c: number) => Scalar): Value2 {
    const a = this.first;
    if (this.areas.length === 1 && a.top === a.bottom && a.left === a.right) return read(a.top, a.left);
    if (areaCells(a) > 5_000_000) throw new FakeError('fake: range too large');
    const out: Scalar[][] = [];
    for (let r = a.top; r <= a.bottom; r++) {
      const row: Scalar[] = [];
      for (let c = a.left; c <= a.right; c++) row.push(read(r, c));
      out.push(row);
    }
    return out;
  }
  get Value2(): Value2 {
    this.touch('Value2.get');
    const read = (r: number, c: number): Scalar => {
      const m = this.mergeAt(r, c);
      if (m && (m.top !== r || m.left !== c)) return undefined;
      const cell = this.cell(r, c);
      return cell && cell.v !== null ? cell.v : undefined;
    };
    return this.grid(read);
  }
  set Value2(v: Value2) {
    this.touch('Value2.set');
    this.guard('values');
    const write = (r: number, c: number, x: unknown) => {
      const m = this.mergeAt(r, c);
      if (m && (m.top !== r || m.left !== c)) return; // part of a merged area: only the anchor holds a value
      this.edit(r, c, (cell) => enterValue(cell, x));
    };
    if (Array.isArray(v)) {
      const a = this.first;
      const rows = a.bottom - a.top + 1;
      const cols = a.right - a.left + 1;
      if (v.length !== rows || v.some((row) => !Array.isArray(row) || row.length !== cols)) {
        throw new FakeError(`Value2: array is not ${rows}×${cols}`);
      }
      for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) write(a.top + i, a.left + j, (v[i] as Scalar[])[j]);
      return;
    }
    for (const [r, c] of this.positions()) write(r, c, v);
  }
  /** The formula as entered, else the value as text ('' when empty); a 2-D array for several cells. */
  get Formula(): Value2 {
    this.touch('Formula.get');
    const read = (r: number, c: number): string => {
      const cell = this.cell(r, c);
      if (!cell) return '';
      if (cell.formula) return cell.formula;
      return cell.v === null || cell.v === undefined ? '' : typeof cell.v === 'boolean' ? (cell.v ? 'TRUE' : 'FALSE') : String(cell.v);
    };
    return this.grid(read);
  }
  set Formula(v: Value2) {
    this.touch('Formula.set');
    this.Value2 = v;
  }
  get Text(): string | null {
    this.touch('Text');
    return this.collect((c, _r, col) => displayText(c, this.sheet.columnWidth(col)));
  }
  get NumberFormat(): string | null {
    this.touch('NumberFormat.get');
    return this.collect((c) => (c ? c.fmt : 'General'));
  }
  set NumberFormat(f: string | null) {
    this.touch('NumberFormat.set');
    this.guard('format');
    if (typeof f !== 'string') throw new FakeError('NumberFormat: not a string');
    for (const [r, c] of this.positions()) this.edit(r, c, (cell) => (cell.fmt = f));
  }
  get MergeCells(): boolean | null {
    this.touch('MergeCells');
    return this.collect((_c, r, col) => !!this.mergeAt(r, col));
  }
  get MergeArea(): FakeRange {
    this.touch('MergeArea');
    const a = this.first;
    const m = this.mergeAt(a.top, a.left);
    if (m && m.top <= a.top && m.bottom >= a.bottom && m.left <= a.left && m.right >= a.right) return new FakeRange(this.sheet, [{ ...m }]);
    return new FakeRange(this.sheet, [{ ...a }]);
  }
  Merge(): void {
    this.touch('Merge');
    this.guard('format');
    for (const a of this.areas) {
      if (areaCells(a) < 2) continue;
      let filled = 0;
      for (let r = a.top; r <= a.bottom; r++)
        for (let c = a.left; c <= a.right; c++) if (this.cell(r, c)?.v !== null && this.cell(r, c) !== undefined) filled++;
      if (filled > 1) {
        if (this.app.DisplayAlerts) this.app.prompts.push('合并单元格时，仅保留左上角的值，而放弃其他值。');
        for (let r = a.top; r <= a.bottom; r++)
          for (let c = a.left; c <= a.right; c++) if (r !== a.top || c !== a.left) this.edit(r, c, (cell) => enterValue(cell, null));
      }
      this.data.merges = this.data.merges.filter((m) => !intersects(m, a));
      this.data.merges.push({ ...a });
    }
  }
  get Interior(): FakeInterior {
    this.touch('Interior');
    return new FakeInterior(this);
  }
  get Font(): FakeFont {
    this.touch('Font');
    return new FakeFont(this);
  }
  get HorizontalAlignment(): number | null {
    return this.collect((c) => c?.hAlign ?? 1);
  }
  set HorizontalAlignment(v: number | null) {
    this.setFormat((c) => (c.hAlign = v === 1 || v === null ? undefined : v));
  }
  get VerticalAlignment(): number | null {
    return this.collect((c) => c?.vAlign ?? -4107);
  }
  set VerticalAlignment(v: number | null) {
    this.setFormat((c) => (c.vAlign = v === -4107 || v === null ? undefined : v));
  }
  get WrapText(): boolean | null {
    return this.collect((c) => !!c?.wrap);
  }
  set WrapText(v: boolean | null) {
    this.setFormat((c) => (c.wrap = v ? true : undefined));
  }
  /** Applies a formatting change to every cell. */
  setFormat(f: (c: FakeCell) => void): void {
    this.touch('format.set');
    this.guard('format');
    for (const [r, c] of this.positions()) this.edit(r, c, f);
  }
  formatOf<T>(f: (c: FakeCell) => T): T | null {
    return this.collect((c) => f(c ?? emptyCell()));
  }
  get ColumnWidth(): number | null {
    this.touch('ColumnWidth.get');
    const out: number[] = [];
    for (const a of this.areas) for (let c = a.left; c <= a.right; c++) out.push(this.sheet.columnWidth(c));
    return uniform(out);
  }
  set ColumnWidth(w: number | null) {
    this.touch('ColumnWidth.set');
    this.guard('format');
    if (typeof w !== 'number' || !(w >= 0 && w <= 255)) throw new FakeError('ColumnWidth: out of range');
    for (const a of this.areas) for (let c = a.left; c <= a.right; c++) this.data.colWidths[String(c)] = w;
  }
  get RowHeight(): number | null {
    this.touch('RowHeight.get');
    const out: number[] = [];
    for (const a of this.areas) for (let r = a.top; r <= a.bottom; r++) out.push(this.data.rowHeights[String(r)] ?? DEFAULT_ROW_HEIGHT);
    return uniform(out);
  }
  set RowHeight(h: number | null) {
    this.touch('RowHeight.set');
    this.guard('format');
    if (typeof h !== 'number' || !(h >= 0 && h <= 409)) throw new FakeError('RowHeight: out of range');
    for (const a of this.areas) for (let r = a.top; r <= a.bottom; r++) this.data.rowHeights[String(r)] = h;
  }
  get Hyperlinks(): FakeHyperlinks {
    this.touch('Hyperlinks');
    return new FakeHyperlinks(this.sheet, this.areas);
  }
  get FormatConditions(): FakeFormatConditions {
    this.touch('FormatConditions');
    return new FakeFormatConditions(this);
  }
  Resize(RowSize?: number, ColumnSize?: number): FakeRange {
    this.touch('Resize');
    const a = this.first;
    const rows = RowSize ?? a.bottom - a.top + 1;
    const cols = ColumnSize ?? a.right - a.left + 1;
    if (!(rows >= 1 && cols >= 1)) throw new FakeError('Resize: size must be at least 1');
    if (a.top + rows - 1 > MAX_ROWS || a.left + cols - 1 > MAX_COLS) throw new FakeError('Resize: outside the sheet');
    return new FakeRange(this.sheet, [{ top: a.top, left: a.left, bottom: a.top + rows - 1, right: a.left + cols - 1 }]);
  }
  SpecialCells(Type: number): FakeRange {
    this.touch('SpecialCells');
    if (Type !== 12) throw new Error(`fake: SpecialCells(${Type}) is not supported`);
    const hidden = new Set(this.data.hiddenRows ?? []);
    const out: Area[] = [];
    for (const a of this.areas) {
      for (let r = a.top; r <= a.bottom; r++) {
        if (hidden.has(r)) continue;
        const last = out[out.length - 1];
        if (last && last.bottom === r - 1 && last.left === a.left && last.right === a.right) last.bottom = r;
        else out.push({ top: r, left: a.left, bottom: r, right: a.right });
      }
    }
    if (!out.length) throw new FakeError('未找到单元格。');
    return new FakeRange(this.sheet, out);
  }
  Offset(RowOffset = 0, ColumnOffset = 0): FakeRange {
    this.touch('Offset');
    return new FakeRange(
      this.sheet,
      this.areas.map((a) => {
        const b = { top: a.top + RowOffset, left: a.left + ColumnOffset, bottom: a.bottom + RowOffset, right: a.right + ColumnOffset };
        if (b.top < 1 || b.left < 1 || b.bottom > MAX_ROWS || b.right > MAX_COLS) throw new FakeError('Offset: outside the sheet');
        return b;
      }),
    );
  }
  Select(): boolean {
    this.touch('Select');
    if (this.sheet.book.activeData !== this.data) throw new FakeError('Range 类的 Select 方法无效（工作表未激活）');
    this.data.view.selection = this.areas.map((a) => areaAddress(a)).join(',');
    return true;
  }
  ClearContents(): boolean {
    this.touch('ClearContents');
    this.guard('values');
    for (const [r, c] of this.positions()) this.edit(r, c, (cell) => enterValue(cell, null));
    return true;
  }
  get Worksheet(): FakeWorksheet {
    return this.sheet;
  }
}

// ---- Interior, Font -------------------------------------------------------------------------------------------

export class FakeInterior implements EtInterior {
  constructor(private readonly range: FakeRange) {}
  get Color(): number | null {
    return this.range.formatOf((c) => c.color);
  }
  set Color(v: number | null) {
    if (typeof v !== 'number') throw new FakeError('Interior.Color: not a number');
    this.range.setFormat((c) => {
      c.color = v & 0xffffff;
      if (c.pattern === XL_NONE) c.pattern = XL_SOLID;
    });
  }
  get ColorIndex(): number | null {
    return this.range.formatOf((c) => (c.pattern === XL_NONE ? XL_NONE : nearestColorIndex(c.color)));
  }
  set ColorIndex(v: number | null) {
    this.range.setFormat((c) => {
      if (v === XL_NONE || v === XL_AUTOMATIC || v === null) {
        c.pattern = XL_NONE;
        c.color = WHITE;
        c.patternColor = 0;
        return;
      }
      if (!(v >= 1 && v <= 56)) throw new FakeError('Interior.ColorIndex: out of range');
      c.color = PALETTE[v - 1];
      if (c.pattern === XL_NONE) c.pattern = XL_SOLID;
    });
  }
  get Pattern(): number | null {
    return this.range.formatOf((c) => c.pattern);
  }
  set Pattern(v: number | null) {
    this.range.setFormat((c) => {
      if (v === XL_NONE || v === null) {
        c.pattern = XL_NONE;
        c.color = WHITE;
        c.patternColor = 0;
      } else c.pattern = v;
    });
  }
  get PatternColor(): number | null {
    return this.range.formatOf((c) => c.patternColor);
  }
  set PatternColor(v: number | null) {
    if (typeof v !== 'number') throw new FakeError('Interior.PatternColor: not a number');
    this.range.setFormat((c) => (c.patternColor = v & 0xffffff));
  }
}

export class FakeFont implements EtFont {
  constructor(private readonly range: FakeRange) {}
  get Bold(): boolean | null {
    return this.range.formatOf((c) => !!c.bold);
  }
  set Bold(v: boolean | null) {
    this.range.setFormat((c) => (c.bold = v ? true : undefined));
  }
  get Italic(): boolean | null {
    return this.range.formatOf((c) => !!c.italic);
  }
  set Italic(v: boolean | null) {
    this.range.setFormat((c) => (c.italic = v ? true : undefined));
  }
  get Color(): number | null {
    return this.range.formatOf((c) => c.fontColor ?? 0);
  }
  set Color(v: number | null) {
    this.range.setFormat((c) => (c.fontColor = v ? v & 0xffffff : undefined));
  }
  get Size(): number | null {
    return this.range.formatOf((c) => c.size ?? 11);
  }
  set Size(v: number | null) {
    this.range.setFormat((c) => (c.size = v === 11 || v === null ? undefined : v));
  }
  get Underline(): number | null {
    return this.range.formatOf((c) => c.underline ?? XL_NONE);
  }
  set Underline(v: number | null) {
    this.range.setFormat((c) => (c.underline = v === XL_NONE || v === null ? undefined : v));
  }
}

// ---- Hyperlinks, conditional formats ----------------------------------------------------------------------

export class FakeHyperlink implements EtHyperlink {
  declare Address: string;
  declare SubAddress: string;
  declare ScreenTip: string;
  declare TextToDisplay: string;
  constructor(
    private readonly sheet: FakeWorksheet,
    readonly link: FakeLink,
  ) {}
  get Range(): FakeRange {
    return new FakeRange(this.sheet, [{ top: this.link.row, left: this.link.col, bottom: this.link.row, right: this.link.col }]);
  }
  Delete(): void {
    this.sheet.data.links = this.sheet.data.links.filter((l) => l !== this.link);
  }
}
fieldProperties(FakeHyperlink, 'link', { Address: 'address', SubAddress: 'subAddress', ScreenTip: 'screenTip', TextToDisplay: 'text' });

export class FakeHyperlinks implements EtHyperlinks {
  constructor(
    private readonly sheet: FakeWorksheet,
    private readonly scope: Area[] | null,
  ) {}
  private list(): FakeLink[] {
    const scope = this.scope;
    return this.sheet.data.links.filter((l) => !scope || scope.some((a) => inArea(a, l.row, l.col)));
  }
  get Count(): number {
    this.sheet.book.app.touch('Hyperlinks.Count');
    return this.list().length;
  }
  Item(Index: number): FakeHyperlink {
    this.sheet.book.app.touch('Hyperlinks.Item');
    const l = this.list()[Index - 1];
    if (!l) throw new FakeError('Hyperlinks.Item: index out of range (1-based)');
    return new FakeHyperlink(this.sheet, l);
  }
  Add(Anchor: EtRange, Address: string, SubAddress?: string, ScreenTip?: string, TextToDisplay?: string): FakeHyperlink {
    this.sheet.book.app.touch('Hyperlinks.Add');
    if (!(Anchor instanceof FakeRange) || Anchor.sheet.data !== this.sheet.data)
      throw new FakeError('Hyperlinks.Add: anchor must be a range of this sheet');
    if (this.sheet.data.protect) throw new FakeError('您试图更改的单元格或图表受保护，因而是只读的。');
    if (typeof Address !== 'string') throw new FakeError('Hyperlinks.Add: Address is required');
    const a = Anchor.areas[0];
    const link: FakeLink = {
      row: a.top,
      col: a.left,
      address: Address,
      subAddress: SubAddress ?? '',
      screenTip: ScreenTip ?? '',
      text: TextToDisplay ?? '',
    };
    this.sheet.data.links = this.sheet.data.links.filter((l) => !(l.row === a.top && l.col === a.left));
    this.sheet.data.links.push(link);
    if (TextToDisplay !== undefined) Anchor.Value2 = TextToDisplay;
    return new FakeHyperlink(this.sheet, link);
  }
  Delete(): void {
    const gone = new Set(this.list());
    this.sheet.data.links = this.sheet.data.links.filter((l) => !gone.has(l));
  }
}

class FakeConditionValue implements EtConditionValue {
  constructor(
    private readonly bars: FakeDataBar[],
    private readonly which: 'min' | 'max',
  ) {}
  Modify(NewType: number, NewValue?: number): void {
    for (const b of this.bars) b[this.which] = [NewType, NewValue];
  }
}

class FakeDatabarObject implements EtDatabar {
  constructor(
    private readonly bar: FakeDataBar,
    private readonly bars: FakeDataBar[] = [bar],
  ) {}
  get MinPoint(): FakeConditionValue {
    return new FakeConditionValue(this.bars, 'min');
  }
  get MaxPoint(): FakeConditionValue {
    return new FakeConditionValue(this.bars, 'max');
  }
  get BarColor(): { Color: number } {
    const bar = this.bar;
    const bars = this.bars;
    return {
      get Color() {
        return bar.color ?? 0;
      },
      set Color(v: number) {
        for (const b of bars) b.color = v;
      },
    };
  }
  get ShowValue(): boolean {
    return this.bar.showValue;
  }
  set ShowValue(v: boolean) {
    this.bar.showValue = v;
  }
}

/** The fill a rule paints: Interior of a FormatCondition. */
/** A rule's Font: only what a conditional format can set (colour, bold, underline). */
class FakeRuleFont implements EtFont {
  constructor(
    private readonly app: FakeApplication,
    private readonly rule: FakeRule,
  ) {}
  private get font() {
    return (this.rule.font ??= {});
  }
  get Color(): number | null {
    return this.font.color ?? null;
  }
  set Color(v: number | null) {
    this.app.touch('FormatCondition.Font.Color.set');
    if (typeof v !== 'number') throw new FakeError('Font.Color: not a number');
    this.font.color = v & 0xffffff;
  }
  get Bold(): boolean | null {
    return this.font.bold ?? false;
  }
  set Bold(v: boolean | null) {
    this.app.touch('FormatCondition.Font.Bold.set');
    this.font.bold = !!v;
  }
  get Underline(): number | null {
    return this.font.underline ?? null;
  }
  set Underline(v: number | null) {
    this.app.touch('FormatCondition.Font.Underline.set');
    if (typeof v !== 'number') throw new FakeError('Font.Underline: not a number');
    this.font.underline = v;
  }
  get Italic(): boolean | null {
    return false;
  }
  set Italic(_v: boolean | null) {
    throw new FakeError('fake: no italic on a rule');
  }
  get Size(): number | null {
    return null;
  }
  set Size(_v: number | null) {
    // A conditional format cannot change the font size (Excel and WPS refuse it).
    throw new FakeError('条件格式不能设置字号');
  }
}

class FakeRuleInterior implements EtInterior {
  constructor(
    private readonly app: FakeApplication,
    private readonly rule: FakeRule,
  ) {}
  get Color(): number | null {
    this.app.touch('FormatCondition.Interior.Color.get');
    return this.rule.color;
  }
  set Color(v: number | null) {
    this.app.touch('FormatCondition.Interior.Color.set');
    if (typeof v !== 'number') throw new FakeError('Interior.Color: not a number');
    this.rule.color = v & 0xffffff;
  }
  get ColorIndex(): number | null {
    return this.rule.color === null ? XL_NONE : nearestColorIndex(this.rule.color);
  }
  set ColorIndex(v: number | null) {
    if (v === XL_NONE || v === null) this.rule.color = null;
    else throw new FakeError('fake: only ColorIndex = xlNone on a rule');
  }
  get Pattern(): number | null {
    return this.rule.color === null ? XL_NONE : XL_SOLID;
  }
  set Pattern(_v: number | null) {
    // solid is the only pattern a rule gets here
  }
  get PatternColor(): number | null {
    return null;
  }
  set PatternColor(_v: number | null) {
    throw new FakeError('fake: no pattern colour on a rule');
  }
}

/** A FormatCondition (xlExpression), or a data bar seen through FormatConditions.Item (no Formula1). */
export class FakeFormatCondition implements EtFormatCondition {
  constructor(
    private readonly sheet: FakeWorksheet,
    readonly rule: FakeRule | null,
    readonly bar: FakeDataBar | null,
  ) {}
  private touch(op: string): void {
    this.sheet.book.app.touch(`FormatCondition.${op}`);
  }
  get Type(): number {
    this.touch('Type');
    return this.rule ? (this.rule.equal ? 1 : 2) : 4;
  }
  get Formula1(): string {
    this.touch('Formula1');
    // A Databar object has no Formula1: the member is missing (COM: "object doesn't support this property").
    if (!this.rule) throw new FakeError('对象不支持此属性或方法 (Formula1)');
    return this.rule.formula;
  }
  get Interior(): FakeRuleInterior {
    this.touch('Interior');
    if (!this.rule) throw new FakeError('对象不支持此属性或方法 (Interior)');
    return new FakeRuleInterior(this.sheet.book.app, this.rule);
  }
  get Font(): FakeRuleFont {
    this.touch('Font');
    if (!this.rule) throw new FakeError('对象不支持此属性或方法 (Font)');
    return new FakeRuleFont(this.sheet.book.app, this.rule);
  }
  get AppliesTo(): FakeRange {
    this.touch('AppliesTo');
    const areas = this.rule ? this.rule.areas : [this.bar!.area];
    return new FakeRange(
      this.sheet,
      areas.map((a) => ({ ...a })),
    );
  }
  Delete(): void {
    this.touch('Delete');
    const d = this.sheet.data;
    if (d.protect && !d.protect.allowFormattingCells) throw new FakeError('您试图更改的单元格或图表受保护，因而是只读的。');
    if (this.rule) {
      if (d.rules.indexOf(this.rule) < 0) throw new FakeError('对象已被删除（条件格式不存在）');
      d.rules = d.rules.filter((r) => r !== this.rule);
    } else d.dataBars = d.dataBars.filter((b) => b !== this.bar);
  }
}

export class FakeFormatConditions implements EtFormatConditions {
  constructor(private readonly range: FakeRange) {}
  private get app(): FakeApplication {
    return this.range.sheet.book.app;
  }
  /** Data bars, then formula rules, of the sheet that touch the range (Cells: all of them). */
  private list(): FakeFormatCondition[] {
    const d = this.range.sheet.data;
    const touches = (areas: Area[]) => this.range.areas.some((a) => areas.some((b) => intersects(a, b)));
    return [
      ...d.dataBars.filter((b) => touches([b.area])).map((b) => new FakeFormatCondition(this.range.sheet, null, b)),
      ...d.rules.filter((r) => touches(r.areas)).map((r) => new FakeFormatCondition(this.range.sheet, r, null)),
    ];
  }
  get Count(): number {
    this.app.touch('FormatConditions.Count');
    return this.list().length;
  }
  Item(Index: number): FakeFormatCondition {
    this.app.touch('FormatConditions.Item');
    const c = this.list()[Index - 1];
    if (!c) throw new FakeError('FormatConditions.Item: index out of range (1-based)');
    return c;
  }
  Add(Type: number, Operator?: number, Formula1?: string): FakeFormatCondition {
    this.app.touch('FormatConditions.Add');
    this.range.guard('format');
    if (Type !== 2 && !(Type === 1 && Operator === 3)) throw new FakeError('fake: only xlExpression and xlCellValue/xlEqual rules');
    if (typeof Formula1 !== 'string' || Formula1[0] !== '=') throw new FakeError('FormatConditions.Add: Formula1 must be a formula');
    const rule: FakeRule = { areas: this.range.areas.map((a) => ({ ...a })), formula: Formula1, color: null };
    if (Type === 1) rule.equal = true;
    this.range.sheet.data.rules.push(rule);
    return new FakeFormatCondition(this.range.sheet, rule, null);
  }
  AddDatabar(): FakeDatabarObject {
    this.app.touch('FormatConditions.AddDatabar');
    this.range.guard('format');
    let bar: FakeDataBar | null = null;
    // One data bar per area here (the fake keeps one area per bar); the settings go to each.
    const bars: FakeDataBar[] = this.range.areas.map((a) => ({ area: { ...a }, showValue: true }));
    for (const b of bars) this.range.sheet.data.dataBars.push(b);
    bar = bars[0];
    return new FakeDatabarObject(bar, bars);
  }
  Delete(): void {
    const d = this.range.sheet.data;
    const gone = new Set(this.list().map((c) => c.rule ?? c.bar));
    d.dataBars = d.dataBars.filter((b) => !gone.has(b));
    d.rules = d.rules.filter((r) => !gone.has(r));
  }
}

// ---- Worksheet, Sheets, Workbook, Window --------------------------------------------------------------------

export class FakeWorksheet implements EtWorksheet {
  constructor(
    readonly book: FakeWorkbook,
    readonly data: FakeSheet,
  ) {}
  private touch(op: string): void {
    this.book.app.touch(`Worksheet.${op}`);
  }
  columnWidth(col: number): number {
    return this.data.colWidths[String(col)] ?? DEFAULT_COLUMN_WIDTH;
  }
  private alive(): void {
    if (this.book.data.sheets.indexOf(this.data) < 0) throw new FakeError('对象已被删除（工作表不存在）');
  }
  get Name(): string {
    this.touch('Name.get');
    this.alive();
    return this.data.name;
  }
  set Name(v: string) {
    this.touch('Name.set');
    this.alive();
    if (this.book.data.protectStructure) throw new FakeError('工作簿结构受保护，不能重命名工作表。');
    if (!validSheetName(v)) throw new FakeError(`工作表名称无效：${v}`);
    if (this.book.data.sheets.some((s) => s !== this.data && s.name.toLowerCase() === v.toLowerCase()))
      throw new FakeError(`工作表名称“${v}”已被占用。`);
    this.data.name = v;
  }
  get Index(): number {
    this.alive();
    return this.book.data.sheets.indexOf(this.data) + 1;
  }
  get Visible(): number {
    this.touch('Visible.get');
    return this.data.visible;
  }
  set Visible(v: number) {
    this.touch('Visible.set');
    if (v !== -1 && v !== 0 && v !== 2) throw new FakeError('Visible: invalid value');
    if (v !== -1 && this.book.data.sheets.filter((s) => s.visible === -1 && s !== this.data).length === 0)
      throw new FakeError('不能隐藏唯一可见的工作表。');
    if (this.book.data.protectStructure) throw new FakeError('工作簿结构受保护，不能隐藏工作表。');
    this.data.visible = v;
    if (v !== -1 && this.book.activeData === this.data) {
      const next = this.book.data.sheets.findIndex((s) => s.visible === -1);
      this.book.data.active = next;
    }
  }
  get ProtectContents(): boolean {
    this.touch('ProtectContents');
    return !!this.data.protect;
  }
  get Protection(): EtProtection {
    const p = this.data.protect;
    return { AllowFormattingCells: !!p && p.allowFormattingCells };
  }
  Range(Cell1: string): FakeRange {
    this.touch('Range');
    this.alive();
    return new FakeRange(this, parseAreas(Cell1));
  }
  get Cells(): FakeRange {
    this.touch('Cells');
    return new FakeRange(this, [{ top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS }]);
  }
  /** Every cell with a value or formatting, merged areas included; A1 on an empty sheet. */
  get UsedRange(): FakeRange {
    this.touch('UsedRange');
    this.alive();
    let top = Infinity;
    let left = Infinity;
    let bottom = 0;
    let right = 0;
    const grow = (r: number, c: number) => {
      top = Math.min(top, r);
      left = Math.min(left, c);
      bottom = Math.max(bottom, r);
      right = Math.max(right, c);
    };
    for (const k of Object.keys(this.data.cells)) {
      const [r, c] = k.split(',').map(Number);
      grow(r, c);
    }
    for (const m of this.data.merges) {
      grow(m.top, m.left);
      grow(m.bottom, m.right);
    }
    if (!bottom) return new FakeRange(this, [{ top: 1, left: 1, bottom: 1, right: 1 }]);
    return new FakeRange(this, [{ top, left, bottom, right }]);
  }
  get Hyperlinks(): FakeHyperlinks {
    return new FakeHyperlinks(this, null);
  }
  Activate(): void {
    this.touch('Activate');
    this.alive();
    if (this.data.visible !== -1) throw new FakeError('Worksheet 类的 Activate 方法无效（工作表已隐藏）');
    this.book.data.active = this.book.data.sheets.indexOf(this.data);
  }
  Delete(): void {
    this.touch('Delete');
    this.alive();
    const book = this.book.data;
    if (book.protectStructure) throw new FakeError('工作簿结构受保护，不能删除工作表。');
    if (this.data.visible === -1 && book.sheets.filter((s) => s.visible === -1).length === 1)
      throw new FakeError('工作簿中至少要有一张可见的工作表。');
    if (this.book.app.DisplayAlerts) this.book.app.prompts.push(`要删除工作表“${this.data.name}”吗？`);
    const active = this.book.activeData;
    book.sheets.splice(book.sheets.indexOf(this.data), 1);
    // Names that pointed into the sheet now say #REF! (they stay, as in WPS and Excel).
    const quoted = `'${this.data.name.replace(/'/g, "''")}'!`;
    for (const n of book.names ?? []) {
      if (n.refersTo.startsWith(`=${quoted}`) || n.refersTo.startsWith(`=${this.data.name}!`)) n.refersTo = '=#REF!';
    }
    let i = book.sheets.indexOf(active as FakeSheet);
    if (i < 0)
      i = Math.max(
        0,
        book.sheets.findIndex((s) => s.visible === -1),
      );
    book.active = i;
  }
}

export class FakeSheets implements EtSheets {
  constructor(private readonly book: FakeWorkbook) {}
  get Count(): number {
    this.book.app.touch('Sheets.Count');
    return this.book.data.sheets.length;
  }
  Item(Index: number | string): FakeWorksheet {
    this.book.app.touch('Sheets.Item');
    const sheets = this.book.data.sheets;
    let s: FakeSheet | undefined;
    if (typeof Index === 'number') s = sheets[Index - 1];
    else s = sheets.find((x) => x.name.toLowerCase() === String(Index).toLowerCase());
    if (!s) throw new FakeError(`下标越界：${JSON.stringify(Index)}（集合从 1 开始）`);
    return this.book.wrap(s);
  }
  Add(Before?: EtWorksheet | null, After?: EtWorksheet | null, Count?: number, Type?: number): FakeWorksheet {
    this.book.app.touch('Sheets.Add');
    const book = this.book.data;
    if (book.protectStructure) throw new FakeError('工作簿结构受保护，不能插入工作表。');
    if ((Count ?? 1) !== 1 || (Type !== undefined && Type !== -4167)) throw new FakeError('fake: only one worksheet at a time');
    let n = book.sheets.length + 1;
    while (book.sheets.some((s) => s.name.toLowerCase() === `sheet${n}`)) n++;
    const s = newSheet(`Sheet${n}`);
    let at = book.active;
    if (Before instanceof FakeWorksheet) at = book.sheets.indexOf(Before.data);
    else if (After instanceof FakeWorksheet) at = book.sheets.indexOf(After.data) + 1;
    else if (Before || After) throw new FakeError('Sheets.Add: Before/After must be a worksheet');
    if (at < 0) throw new FakeError('Sheets.Add: the Before/After sheet is not in this workbook');
    book.sheets.splice(at, 0, s);
    book.active = at;
    return this.book.wrap(s);
  }
}

export class FakeWorkbook implements EtWorkbook {
  private wrappers = new Map<FakeSheet, FakeWorksheet>();
  constructor(
    readonly app: FakeApplication,
    readonly data: FakeBook,
  ) {}
  wrap(s: FakeSheet): FakeWorksheet {
    let w = this.wrappers.get(s);
    if (!w) this.wrappers.set(s, (w = new FakeWorksheet(this, s)));
    return w;
  }
  get activeData(): FakeSheet | undefined {
    return this.data.sheets[this.data.active];
  }
  get Name(): string {
    return this.data.name;
  }
  get FullName(): string {
    return this.data.fullName;
  }
  get Worksheets(): FakeSheets {
    return new FakeSheets(this);
  }
  get ActiveSheet(): FakeWorksheet {
    return this.wrap(this.activeData!);
  }
  get ProtectStructure(): boolean {
    return this.data.protectStructure;
  }
  get Names(): FakeNames {
    this.app.touch('Workbook.Names');
    return new FakeNames(this);
  }
}

/** Workbook.Names: workbook-scoped names; RefersTo is a formula ("='Sheet'!$A$1:$B$2"). */
export class FakeNames implements EtNames {
  constructor(private readonly wb: FakeWorkbook) {}
  private get list(): FakeName[] {
    return (this.wb.data.names ??= []);
  }
  get Count(): number {
    this.wb.app.touch('Names.Count');
    return this.list.length;
  }
  Item(Index: string | number): FakeNameObject {
    this.wb.app.touch('Names.Item');
    const n =
      typeof Index === 'number' ? this.list[Index - 1] : this.list.find((x) => x.name.toLowerCase() === String(Index).toLowerCase());
    if (!n) throw new FakeError(`Names.Item: 找不到名称 ${Index}`);
    return new FakeNameObject(this.wb, n);
  }
  Add(Name: string, RefersTo: string, Visible?: boolean): FakeNameObject {
    this.wb.app.touch('Names.Add');
    if (!/^[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*$/.test(Name)) throw new FakeError(`Names.Add: 名称无效 ${Name}`);
    if (typeof RefersTo !== 'string' || RefersTo[0] !== '=') throw new FakeError('Names.Add: RefersTo must be a formula');
    const existing = this.list.find((x) => x.name.toLowerCase() === Name.toLowerCase());
    const n: FakeName = existing ?? { name: Name, refersTo: RefersTo, visible: Visible !== false };
    n.refersTo = RefersTo;
    n.visible = Visible !== false;
    if (!existing) this.list.push(n);
    return new FakeNameObject(this.wb, n);
  }
}

export class FakeNameObject implements EtName {
  constructor(
    private readonly wb: FakeWorkbook,
    private readonly n: FakeName,
  ) {}
  get Name(): string {
    this.wb.app.touch('Name.Name');
    return this.n.name;
  }
  get RefersTo(): string {
    this.wb.app.touch('Name.RefersTo');
    return this.n.refersTo;
  }
  set RefersTo(v: string) {
    this.wb.app.touch('Name.RefersTo.set');
    this.n.refersTo = v;
  }
  get Visible(): boolean {
    return this.n.visible;
  }
  set Visible(v: boolean) {
    this.n.visible = v;
  }
  Delete(): void {
    this.wb.app.touch('Name.Delete');
    const list = this.wb.data.names ?? [];
    if (list.indexOf(this.n) < 0) throw new FakeError('对象已被删除（名称不存在）');
    this.wb.data.names = list.filter((x) => x !== this.n);
  }
}

class FakeWindow implements EtWindow {
  declare SplitRow: number;
  declare SplitColumn: number;
  declare ScrollRow: number;
  declare ScrollColumn: number;
  constructor(private readonly app: FakeApplication) {}
  get view(): FakeView {
    const s = this.app.book?.activeData;
    if (!s) throw new FakeError('没有活动窗口');
    return s.view;
  }
  get FreezePanes(): boolean {
    return this.view.freeze;
  }
  set FreezePanes(v: boolean) {
    this.view.freeze = !!v;
  }
}
fieldProperties(FakeWindow, 'view', {
  SplitRow: 'splitRow',
  SplitColumn: 'splitColumn',
  ScrollRow: 'scrollRow',
  ScrollColumn: 'scrollColumn',
});

// ---- Application and the WPS add-in root ---------------------------------------------------------------------

export class FakePluginStorage implements WpsPluginStorage {
  readonly items = new Map<string, string>();
  setItem(key: string, value: number | boolean | string): void {
    this.items.set(key, String(value));
  }
  getItem(key: string): string {
    // WPS returns an empty value for a missing key.
    return this.items.has(key) ? this.items.get(key)! : (null as unknown as string);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}

export class FakeTaskPane implements WpsTaskPane {
  Visible = false;
  deleted = false;
  constructor(
    readonly ID: number,
    public url: string,
  ) {}
  Navigate(url: string): void {
    this.url = url;
  }
  Delete(): void {
    this.deleted = true;
  }
}

export interface FlagChange {
  flag: string;
  value: unknown;
}

export class FakeApplication implements EtApplication, WpsAddonRoot {
  book: FakeWorkbook | null;
  /** Member accesses by name, e.g. stats['Range.MergeArea']. */
  stats: Record<string, number> = {};
  /** Dialogs WPS would have shown (DisplayAlerts on while deleting a sheet or merging filled cells). */
  prompts: string[] = [];
  /** Every change of ScreenUpdating/EnableEvents/DisplayAlerts/Calculation, in order. */
  flagLog: FlagChange[] = [];
  /** Make an operation throw: return true for the op names (see stats) that should fail. */
  failOn: ((op: string) => boolean) | null = null;
  readonly PluginStorage = new FakePluginStorage();
  /** What 检查环境 reports; a test may delete them (a build without them) or make them throw. */
  Version?: string = '12.1.0.fake';
  Build?: number = 20000;
  OperatingSystem?: string = 'Fake OS';
  readonly panes: FakeTaskPane[] = [];
  private flags = { ScreenUpdating: true, EnableEvents: true, DisplayAlerts: true, Calculation: -4105 };

  constructor(book: FakeBook | null) {
    this.book = book ? new FakeWorkbook(this, book) : null;
  }

  touch(op: string): void {
    this.stats[op] = (this.stats[op] ?? 0) + 1;
    if (this.failOn && this.failOn(op)) throw new FakeError(`（模拟故障）${op} 失败`);
  }
  count(prefix: string): number {
    let n = 0;
    for (const k of Object.keys(this.stats)) if (k === prefix || k.startsWith(prefix + '.')) n += this.stats[k];
    return n;
  }

  get ActiveWorkbook(): FakeWorkbook | null {
    return this.book;
  }
  get ActiveSheet(): FakeWorksheet | null {
    return this.book ? this.book.ActiveSheet : null;
  }
  get ActiveWindow(): FakeWindow | null {
    return this.book ? new FakeWindow(this) : null;
  }
  get Workbooks(): EtWorkbooks {
    return { Count: this.book ? 1 : 0 };
  }
  private setFlag<K extends keyof FakeApplication['flags']>(k: K, v: FakeApplication['flags'][K]): void {
    this.touch(`Application.${k}`);
    this.flags[k] = v;
    this.flagLog.push({ flag: k, value: v });
  }
  get ScreenUpdating(): boolean {
    return this.flags.ScreenUpdating;
  }
  set ScreenUpdating(v: boolean) {
    this.setFlag('ScreenUpdating', v);
  }
  get EnableEvents(): boolean {
    return this.flags.EnableEvents;
  }
  set EnableEvents(v: boolean) {
    this.setFlag('EnableEvents', v);
  }
  get DisplayAlerts(): boolean {
    return this.flags.DisplayAlerts;
  }
  set DisplayAlerts(v: boolean) {
    this.setFlag('DisplayAlerts', v);
  }
  get Calculation(): number {
    if (!this.book) throw new FakeError('没有打开的工作簿时不能读取 Calculation');
    return this.flags.Calculation;
  }
  set Calculation(v: number) {
    if (!this.book) throw new FakeError('没有打开的工作簿时不能设置 Calculation');
    if (v !== -4105 && v !== -4135 && v !== 2) throw new FakeError('Calculation: invalid value');
    this.setFlag('Calculation', v);
  }
  /** The flags as they are now. */
  currentFlags(): { ScreenUpdating: boolean; EnableEvents: boolean; DisplayAlerts: boolean; Calculation: number } {
    return { ...this.flags };
  }

  Union(Arg1: EtRange, Arg2: EtRange, ...more: EtRange[]): FakeRange {
    this.touch('Application.Union');
    const all = [Arg1, Arg2, ...more];
    if (all.length > 30) throw new FakeError('Union: at most 30 ranges');
    const first = all[0];
    if (!all.every((r) => r instanceof FakeRange && first instanceof FakeRange && r.sheet.data === first.sheet.data)) {
      throw new FakeError('Union: ranges must be on one sheet');
    }
    const areas = (all as FakeRange[]).reduce((out: Area[], r) => out.concat(r.areas.map((a) => ({ ...a }))), []);
    return new FakeRange((first as FakeRange).sheet, areas);
  }

  CreateTaskPane(url: string): FakeTaskPane {
    const p = new FakeTaskPane(1000 + this.panes.length, url);
    this.panes.push(p);
    return p;
  }
  GetTaskPane(id: number): FakeTaskPane {
    const p = this.panes.find((x) => x.ID === Number(id) && !x.deleted);
    if (!p) throw new FakeError(`找不到任务窗格 ${id}`);
    return p;
  }
}

/** The fake as `window.Application` sees it. */
export function createFakeApplication(book: FakeBook | null): FakeApplication {
  return new FakeApplication(book);
}

export { cellAddress, WHITE };
