// The fake ET object model reproduces the quirks the adapter must handle (see tests/fakes/wps/fake.ts).

import { FakeApplication, FakeBook, XL_NONE, emptyCell, key, newBook } from '../../fakes/wps';

function app(setup?: (b: FakeBook) => void): FakeApplication {
  const b = newBook('a.xlsx', ['表1', '表2']);
  if (setup) setup(b);
  return new FakeApplication(b);
}

test('Value2: a scalar for one cell (undefined when empty), rows of values for several', () => {
  const a = app((b) => (b.sheets[0].cells[key(1, 1)] = { ...emptyCell(), v: 5 }));
  const ws = a.ActiveSheet!;
  expect(ws.Range('A1').Value2).toBe(5);
  expect(ws.Range('B1').Value2).toBeUndefined();
  expect(ws.Range('A1:B2').Value2).toEqual([
    [5, undefined],
    [undefined, undefined],
  ]);
  expect(() => (ws.Range('A1:B2').Value2 = [[1, 2]])).toThrow(/2×2/);
});

test('text typed into a General cell becomes numbers, percents, dates, formulas; into a text cell it stays', () => {
  const ws = app().ActiveSheet!;
  ws.Range('A1:F1').Value2 = [['007', '100%', '1/2', '=1+1', '-x', '普通']];
  expect(ws.Range('A1:F1').Value2).toEqual([[7, 1, expect.any(Number), '#NAME?', '#NAME?', '普通']]);
  ws.Range('A2:F2').NumberFormat = '@';
  ws.Range('A2:F2').Value2 = [['007', '100%', '1/2', '=1+1', '-x', '普通']];
  expect(ws.Range('A2:F2').Value2).toEqual([['007', '100%', '1/2', '=1+1', '-x', '普通']]);
});

test('mixed properties read as null; uniform ones as the value', () => {
  const ws = app().ActiveSheet!;
  ws.Range('A1').NumberFormat = '0%';
  expect(ws.Range('A1:A2').NumberFormat).toBeNull();
  expect(ws.Range('A2:A3').NumberFormat).toBe('General');
  ws.Range('B1:C1').Merge();
  expect(ws.Range('B1:C1').MergeCells).toBe(true);
  expect(ws.Range('A1:C1').MergeCells).toBeNull();
  expect(ws.Range('A2:C2').MergeCells).toBe(false);
  expect(ws.Range('C1').MergeArea.Address(false, false)).toBe('B1:C1');
  ws.Range('A1').Interior.Color = 255;
  expect(ws.Range('A1:A2').Interior.Color).toBeNull();
});

test('colours are BGR; ColorIndex xlNone for no fill; Color on an unfilled cell makes it solid', () => {
  const ws = app().ActiveSheet!;
  const it = ws.Range('A1').Interior;
  expect(it.Pattern).toBe(XL_NONE);
  expect(it.ColorIndex).toBe(XL_NONE);
  it.Color = 255; // red
  expect(it.Pattern).toBe(1);
  expect(it.ColorIndex).toBe(3); // palette entry 3 is red
  it.ColorIndex = XL_NONE;
  expect(it.Pattern).toBe(XL_NONE);
  expect(it.Color).toBe(0xffffff);
});

test('collections are 1-based and take names; Add activates the new sheet; Range addresses up to 255 characters', () => {
  const a = app();
  const sheets = a.ActiveWorkbook!.Worksheets;
  expect(sheets.Item(1).Name).toBe('表1');
  expect(sheets.Item('表2').Index).toBe(2);
  expect(() => sheets.Item(0)).toThrow(/从 1 开始/);
  const s = sheets.Add(undefined, sheets.Item(2));
  expect(s.Index).toBe(3);
  expect(a.ActiveSheet!.Name).toBe(s.Name);
  expect(() => s.Range(Array(100).fill('A1').join(','))).toThrow(/255/);
  expect(s.Range('A1,C3:D4').Count).toBe(5);
  expect(s.Range('B2').Resize(2, 3).Address()).toBe('$B$2:$D$3');
  expect(s.Range('B2').Offset(1, 1).Address(false, false)).toBe('C3');
  expect(s.Cells.Item(3, 2).Address(false, false)).toBe('B3');
  expect(s.UsedRange.Address(false, false)).toBe('A1');
});

test('protection: writes throw (formatting only when allowed), structure protection blocks sheets', () => {
  const a = app((b) => (b.sheets[0].protect = { allowFormattingCells: true }));
  const ws = a.ActiveSheet!;
  expect(() => (ws.Range('A1').Value2 = 1)).toThrow(/受保护/);
  ws.Range('A1').Interior.Color = 255; // formatting is allowed
  a.book!.data.sheets[0].protect = { allowFormattingCells: false };
  expect(() => (ws.Range('A1').Interior.Color = 0)).toThrow(/受保护/);
  a.book!.data.protectStructure = true;
  expect(() => a.ActiveWorkbook!.Worksheets.Add()).toThrow(/结构受保护/);
});

test('deleting a sheet or merging filled cells with DisplayAlerts on would prompt; Select needs the active sheet', () => {
  const a = app();
  const ws2 = a.ActiveWorkbook!.Worksheets.Item(2);
  expect(() => ws2.Range('A1').Select()).toThrow(/Select/);
  ws2.Activate();
  ws2.Range('A1').Select();
  ws2.Range('A1:B1').Value2 = [['x', 'y']];
  ws2.Range('A1:B1').Merge();
  ws2.Delete();
  expect(a.prompts).toHaveLength(2);
  expect(a.ActiveSheet!.Name).toBe('表1');
  a.DisplayAlerts = false;
  a.ActiveWorkbook!.Worksheets.Add().Delete();
  expect(a.prompts).toHaveLength(2);
});

test('hidden sheets cannot be activated; the last visible sheet cannot be hidden or deleted', () => {
  const a = app();
  const [s1, s2] = [a.ActiveWorkbook!.Worksheets.Item(1), a.ActiveWorkbook!.Worksheets.Item(2)];
  s2.Visible = 2;
  expect(() => s2.Activate()).toThrow(/隐藏/);
  expect(() => (s1.Visible = 0)).toThrow(/唯一可见/);
  a.DisplayAlerts = false;
  expect(() => s1.Delete()).toThrow(/至少/);
});

test('Text shows the number under its format, "###" when the column is too narrow', () => {
  const ws = app().ActiveSheet!;
  ws.Range('A1').NumberFormat = '0.00%';
  ws.Range('A1').Value2 = 0.5;
  expect(ws.Range('A1').Text).toBe('50.00%');
  ws.Range('A1').ColumnWidth = 4;
  expect(ws.Range('A1').Text).toBe('####');
});

test('calls are counted and any can be made to fail', () => {
  const a = app();
  void a.ActiveSheet!.Range('A1').Value2;
  expect(a.count('Range.Value2')).toBe(1);
  a.failOn = (op) => op === 'Range.Value2.get';
  expect(() => a.ActiveSheet!.Range('A1').Value2).toThrow(/模拟故障/);
});
