/// <reference types="office-js" />
/* eslint-disable @typescript-eslint/no-explicit-any -- mirrors office.js, whose typings declare values, formulas and settings as any */
// A faithful in-memory fake of the Excel JavaScript API subset the Excel host uses. Like the real one:
// every call only queues a command; nothing touches the workbook until context.sync(); reading a
// property that was not loaded (and synced) throws PropertyNotLoaded; errors surface at sync and the
// commands queued before the failing one stay applied. It also enforces Excel's limits (8,192-character
// addresses, array dimensions, 512 merged areas, protected sheets, cell edit mode, API sets) and counts
// syncs and proxy objects. Each class is checked against @types/office-js at compile time (Members /
// Methods / Pick below), so a member the fake offers must exist in the official typings.
//
// No Node imports: a browser test can bundle this file.

import {
  Area,
  FakeCell,
  FakeConditionalFormat as CFState,
  FakeError,
  FakeName,
  FakeSheet,
  FakeWorkbook,
  MAX_COLS,
  MAX_ROWS,
  areaAddress,
  cellCount,
  checkAddressLength,
  contains,
  ensureCell,
  enterValue,
  findSheet,
  formulaOf,
  getCell,
  intersects,
  newSheet,
  parseArea,
  setNumberFormat,
  sheetPrefix,
  splitAddressList,
  usedArea,
} from './state';

/** Compile-time: each listed member exists on the official class. */
type Members<T, K extends keyof T> = { [P in K]: unknown };
/** Compile-time: the fake's method accepts what the official method (last overload) accepts. */
type Methods<T, K extends keyof T> = { [P in K]: T[P] extends (...args: infer A) => unknown ? (...args: A) => unknown : never };

type LoadArg = string | string[] | OfficeExtension.LoadOption;

/** Loadable scalar properties, in load order, each read from the proxy's resolved target at sync. */
type Scalars<T> = Readonly<Record<string, (target: T) => unknown>>;

interface Op {
  run: () => void;
  /** Approximate request payload (JSON characters). */
  sent: number;
}

function notLoaded(name: string): FakeError {
  return new FakeError(
    'PropertyNotLoaded',
    `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function itemNotFound(what: string): FakeError {
  return new FakeError('ItemNotFound', `The requested resource doesn't exist. (${what})`);
}

function accessDenied(sheet: string): FakeError {
  return new FakeError('AccessDenied', `The cell or chart you're trying to change is on a protected sheet. (${sheet})`);
}

function invalidArg(msg: string): FakeError {
  return new FakeError('InvalidArgument', `The argument is invalid or missing or has an incorrect format. (${msg})`);
}

/** UTF-8 bytes of a value's JSON: what Excel on the web counts against its 5 MB limit. */
function jsonSize(v: unknown): number {
  let s: string;
  try {
    s = JSON.stringify(v) ?? '';
  } catch {
    return 0;
  }
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x800) n += c >= 0xd800 && c <= 0xdfff ? 1 : 2;
    else if (c >= 0x80) n += 1;
  }
  return n;
}

function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

// ---------------------------------------------------------------------------------------------------

export class FakeRequestContext implements Members<Excel.RequestContext, 'workbook' | 'sync'> {
  readonly workbook: FakeWorkbookProxy;
  /** @internal */ readonly _wb: FakeWorkbook;
  /** @internal */ _ops: Op[] = [];
  /** @internal */ readonly _delayForCellEdit: boolean;
  /** @internal True while sync() runs the queue (proxies made by a load resolve there). */
  _executing = false;

  constructor(wb: FakeWorkbook, delayForCellEdit: boolean) {
    this._wb = wb;
    this._delayForCellEdit = delayForCellEdit;
    this.workbook = new FakeWorkbookProxy(this);
  }

  /** @internal */
  _queue(run: () => void, sent = 0): void {
    this._ops.push({ run, sent });
  }

  /** @internal Queues a check that the host supports ExcelApi 1.minor (ApiNotFound at sync otherwise). */
  _need(minor: number, what: string): void {
    const wb = this._wb;
    this._queue(() => {
      if (wb.excelApi < minor)
        throw new FakeError('ApiNotFound', `The requested API ${what} (ExcelApi 1.${minor}) is not supported by this host.`);
    });
  }

  async sync(): Promise<void> {
    const wb = this._wb;
    wb.stats.syncs++;
    const ops = this._ops;
    this._ops = [];
    await Promise.resolve();
    if (wb.cellEditMode) {
      if (this._delayForCellEdit && wb.excelApi >= 11) {
        // The batch waits until the user presses Enter; the fake lets the user finish at once.
        wb.cellEditMode = false;
        wb.stats.delayedForCellEdit++;
      } else {
        throw new FakeError(
          'InvalidOperationInCellEditMode',
          'Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.',
        );
      }
    }
    const sent = ops.reduce((s, o) => s + o.sent, 0);
    wb.stats.bytesSent += sent;
    wb.stats.maxRequest = Math.max(wb.stats.maxRequest, sent);
    if (wb.payloadLimit !== null && sent > wb.payloadLimit) {
      throw new FakeError('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    }
    const before = wb.stats.bytesReceived;
    const fault = wb.failAt && wb.failAt.sync === wb.stats.syncs ? wb.failAt : null;
    const failAt = fault === null ? -1 : fault.op < 0 ? ops.length + fault.op : fault.op;
    this._executing = true;
    const t0 = Date.now();
    try {
      for (let i = 0; i < ops.length; i++) {
        if (i === failAt) {
          wb.failAt = null;
          throw new FakeError(
            'GeneralException',
            `There was an internal error while processing the request. (injected at command ${i} of ${ops.length})`,
          );
        }
        ops[i].run();
      }
    } finally {
      this._executing = false;
      wb.stats.execMs += Date.now() - t0;
    }
    const received = wb.stats.bytesReceived - before;
    wb.stats.maxResponse = Math.max(wb.stats.maxResponse, received);
    if (wb.payloadLimit !== null && received > wb.payloadLimit) {
      throw new FakeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
    }
  }
}

/** Base of every proxy object: load bookkeeping, null objects, the PropertyNotLoaded rule. */
abstract class FakeClientObject {
  readonly context: FakeRequestContext;
  /** @internal */ protected _values = new Map<string, unknown>();
  /** @internal */ protected _isNull: boolean | undefined;
  /** @internal */ protected readonly _nullable: boolean;

  constructor(ctx: FakeRequestContext, nullable = false) {
    this.context = ctx;
    this._nullable = nullable;
    ctx._wb.stats.proxies++;
    if (nullable && !ctx._executing) {
      // isNullObject is known after the next sync without an explicit load.
      ctx._queue(() => {
        this._isNull = this._resolve() === undefined;
      });
    }
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw notLoaded('isNullObject');
    return this._isNull;
  }

  /** Scalar properties load() can fetch; none unless a class says so. */
  protected _scalars(): Scalars<never> {
    return {};
  }
  /** Navigation property by name, for load paths. */
  protected _nav(_name: string): FakeClientObject | undefined {
    return undefined;
  }
  /** The workbook object behind this proxy; undefined for a null object; throws when it must exist. */
  abstract _resolve(): unknown;

  /** Makes a navigation object of a later API set; the check (ApiNotFound at sync) is queued when it is made. */
  protected _since<T>(minor: number, what: string, make: () => T): T {
    this.context._need(minor, what);
    return make();
  }

  protected _get<T>(name: string): T {
    if (this._isNull) throw new FakeError('InvalidObjectPath', `The object is a null object; check isNullObject before reading '${name}'.`);
    if (!this._values.has(name)) throw notLoaded(name);
    return this._values.get(name) as T;
  }

  load(arg?: LoadArg): this {
    let paths: string[];
    if (arg === undefined) paths = [];
    else if (typeof arg === 'string') paths = arg.split(',');
    else if (Array.isArray(arg)) paths = arg;
    else throw new Error('fake: load({select, expand}) is not supported; pass property names');
    const parsed = paths
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => p.split('/').map((x) => x.trim()));
    this.context._queue(() => this._load(parsed));
    return this;
  }

  /** @internal Executes a load at sync time; `nested` when reached through a parent's load path. */
  _load(paths: string[][], nested = false): void {
    const target = this._resolve();
    if (target === undefined) {
      if (!this._nullable) throw itemNotFound(this.constructor.name);
      if (nested && this.context._wb.strictNullNavigation) {
        throw new FakeError(
          'GeneralException',
          `There was an internal error while processing the request. (load through the null object ${this.constructor.name})`,
        );
      }
      this._isNull = true;
      return;
    }
    if (this._nullable) this._isNull = false;
    const scalars = this._scalars();
    const wanted = paths.length === 0 ? Object.keys(scalars).map((s) => [s]) : paths;
    const groups = new Map<string, string[][]>();
    for (const p of wanted) {
      const [head, ...rest] = p;
      if (!groups.has(head)) groups.set(head, []);
      if (rest.length) groups.get(head)!.push(rest);
    }
    for (const [head, rests] of groups) {
      if (head === 'items' && this instanceof FakeCollection) {
        this._loadItems(rests);
      } else if (Object.prototype.hasOwnProperty.call(scalars, head) && rests.length === 0) {
        const v = scalars[head](target as never);
        this.context._wb.stats.bytesReceived += jsonSize(v);
        this._values.set(head, clone(v));
      } else {
        const nav = this._nav(head);
        if (!nav) throw new FakeError('PropertyNotFound', `fake: ${this.constructor.name} has no loadable property '${head}'`);
        nav._load(rests, true);
      }
    }
  }
}

abstract class FakeCollection<T extends FakeClientObject> extends FakeClientObject {
  /** @internal */ protected _items: T[] | undefined;
  get items(): T[] {
    if (this._items === undefined) throw notLoaded('items');
    return this._items;
  }
  /** Item proxies for what the collection holds now (at sync). */
  protected abstract _currentItems(): T[];
  /** @internal */
  _loadItems(paths: string[][]): void {
    const items = this._currentItems();
    for (const it of items) it._load(paths, true);
    this._items = items;
  }
}

/** A sub-object (a format's fill, a custom format's rule…): same context, resolves through its parent. */
abstract class FakeChild<P extends FakeClientObject> extends FakeClientObject {
  /** @internal */ readonly _parent: P;
  constructor(parent: P, nullable = false) {
    super(parent.context, nullable);
    this._parent = parent;
  }
  _resolve(): unknown {
    return this._parent._resolve();
  }
}

// ---------------------------------------------------------------------------------------------------
// Workbook, worksheets

export class FakeWorkbookProxy
  extends FakeClientObject
  implements Members<Excel.Workbook, 'worksheets' | 'settings' | 'protection' | 'name' | 'names'>, Methods<Excel.Workbook, 'load'>
{
  private _worksheets?: FakeWorksheetCollection;
  private _names?: FakeNamedItemCollection;
  get names(): FakeNamedItemCollection {
    return (this._names ??= new FakeNamedItemCollection(this.context));
  }
  private _settings?: FakeSettingCollection;
  private _protection?: FakeWorkbookProtection;

  get worksheets(): FakeWorksheetCollection {
    return (this._worksheets ??= new FakeWorksheetCollection(this.context));
  }
  get settings(): FakeSettingCollection {
    return (this._settings ??= this._since(4, 'Workbook.settings', () => new FakeSettingCollection(this.context)));
  }
  get protection(): FakeWorkbookProtection {
    return (this._protection ??= this._since(7, 'Workbook.protection', () => new FakeWorkbookProtection(this)));
  }
  get name(): string {
    return this._get('name');
  }
  protected _scalars(): Scalars<FakeWorkbook> {
    return {
      name: (wb) => {
        if (wb.excelApi < 7) throw new FakeError('ApiNotFound', 'Workbook.name needs ExcelApi 1.7');
        return wb.name;
      },
    };
  }
  protected _nav(name: string): FakeClientObject | undefined {
    if (name === 'protection') return this.protection;
    return undefined;
  }
  _resolve(): unknown {
    return this.context._wb;
  }
}

export class FakeWorkbookProtection
  extends FakeChild<FakeWorkbookProxy>
  implements Pick<Excel.WorkbookProtection, 'protected'>, Methods<Excel.WorkbookProtection, 'load'>
{
  get protected(): boolean {
    return this._get('protected');
  }
  protected _scalars(): Scalars<FakeWorkbook> {
    return { protected: (wb) => wb.protected };
  }
}

export class FakeWorksheetCollection
  extends FakeCollection<FakeWorksheet>
  implements Methods<Excel.WorksheetCollection, 'getActiveWorksheet' | 'getItem' | 'getItemOrNullObject' | 'add' | 'load'>
{
  _resolve(): unknown {
    return this.context._wb.sheets;
  }
  protected _currentItems(): FakeWorksheet[] {
    return this.context._wb.sheets.map((s) => new FakeWorksheet(this.context, byId(this.context._wb, s.id)));
  }
  getActiveWorksheet(): FakeWorksheet {
    const wb = this.context._wb;
    return new FakeWorksheet(this.context, () => wb.sheets.find((s) => s.id === wb.activeSheetId));
  }
  getItem(key: string): FakeWorksheet {
    const wb = this.context._wb;
    return new FakeWorksheet(this.context, () => findSheet(wb, key) ?? wb.sheets.find((s) => s.id === key));
  }
  getItemOrNullObject(key: string): FakeWorksheet {
    this.context._need(4, 'WorksheetCollection.getItemOrNullObject');
    const wb = this.context._wb;
    return new FakeWorksheet(this.context, () => findSheet(wb, key) ?? wb.sheets.find((s) => s.id === key), true);
  }
  add(name?: string): FakeWorksheet {
    const wb = this.context._wb;
    const ref: { id?: string } = {};
    this.context._queue(() => {
      if (wb.protected) throw new FakeError('AccessDenied', 'The workbook structure is protected.');
      let n = name;
      if (n === undefined) {
        let k = wb.sheets.length + 1;
        while (findSheet(wb, `Sheet${k}`)) k++;
        n = `Sheet${k}`;
      }
      validateSheetName(n);
      if (findSheet(wb, n)) throw new FakeError('ItemAlreadyExists', `A resource with the same name or identifier already exists. (${n})`);
      ref.id = newSheet(wb, n).id;
    }, jsonSize(name));
    return new FakeWorksheet(this.context, () => (ref.id ? wb.sheets.find((s) => s.id === ref.id) : undefined));
  }
}

function byId(wb: FakeWorkbook, id: string): () => FakeSheet | undefined {
  return () => wb.sheets.find((s) => s.id === id);
}

function validateSheetName(n: string): void {
  if (!n || n.length > 31 || /[\\/?*[\]:]/.test(n) || n.startsWith("'") || n.endsWith("'") || n.toLowerCase() === 'history') {
    throw invalidArg(`bad sheet name "${n}"`);
  }
}

type SheetResolver = () => FakeSheet | undefined;

function must(sheet: FakeSheet | undefined, what: string): FakeSheet {
  if (!sheet) throw itemNotFound(what);
  return sheet;
}

function writable(sheet: FakeSheet): FakeSheet {
  if (sheet.protected) throw accessDenied(sheet.name);
  return sheet;
}

export class FakeWorksheet
  extends FakeClientObject
  implements
    Pick<Excel.Worksheet, 'name' | 'id'>,
    Members<Excel.Worksheet, 'protection' | 'freezePanes' | 'visibility'>,
    Methods<
      Excel.Worksheet,
      'getRange' | 'getRanges' | 'getRangeByIndexes' | 'getUsedRange' | 'getUsedRangeOrNullObject' | 'activate' | 'delete' | 'load'
    >
{
  /** @internal */ readonly _sheet: SheetResolver;
  private _protection?: FakeWorksheetProtection;
  private _freeze?: FakeWorksheetFreezePanes;

  constructor(ctx: FakeRequestContext, sheet: SheetResolver, nullable = false) {
    super(ctx, nullable);
    this._sheet = sheet;
  }
  _resolve(): unknown {
    return this._sheet();
  }
  /** @internal Resolves for a child: the sheet must exist. */
  readonly _s = (): FakeSheet => must(this._sheet(), 'worksheet');

  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    const wb = this.context._wb;
    this.context._queue(() => {
      const s = this._s();
      if (wb.protected) throw new FakeError('AccessDenied', 'The workbook structure is protected.');
      validateSheetName(v);
      const other = findSheet(wb, v);
      if (other && other !== s) throw new FakeError('ItemAlreadyExists', `A sheet named "${v}" already exists.`);
      s.name = v;
    }, jsonSize(v));
    this._values.set('name', v);
  }
  get id(): string {
    return this._get('id');
  }
  get visibility(): string {
    return this._get('visibility');
  }
  set visibility(v: string) {
    this.context._queue(() => {
      const s = this._s();
      if (v !== 'Visible' && v !== 'Hidden' && v !== 'VeryHidden') throw invalidArg(`visibility ${v}`);
      if (
        v !== 'Visible' &&
        (s.visibility ?? 'Visible') === 'Visible' &&
        this.context._wb.sheets.filter((x) => (x.visibility ?? 'Visible') === 'Visible').length === 1
      )
        throw new FakeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      s.visibility = v;
    });
    this._values.set('visibility', v);
  }
  protected _scalars(): Scalars<FakeSheet> {
    return {
      name: (s) => s.name,
      id: (s) => s.id,
      position: (s) => this.context._wb.sheets.indexOf(s),
      visibility: (s) => s.visibility ?? 'Visible',
    };
  }
  protected _nav(name: string): FakeClientObject | undefined {
    if (name === 'protection') return this.protection;
    return undefined;
  }
  get protection(): FakeWorksheetProtection {
    return (this._protection ??= this._since(2, 'Worksheet.protection', () => new FakeWorksheetProtection(this)));
  }
  get freezePanes(): FakeWorksheetFreezePanes {
    return (this._freeze ??= this._since(7, 'Worksheet.freezePanes', () => new FakeWorksheetFreezePanes(this)));
  }
  getRange(address?: string): FakeRange {
    if (address !== undefined) checkAddressLengthLater(this.context, address);
    return new FakeRange(this.context, this._s, (s) => {
      if (address === undefined) return { top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS };
      const p = parseArea(address);
      if (p.sheet !== null && p.sheet.toLowerCase() !== s.name.toLowerCase()) throw invalidArg(`address on another sheet: ${address}`);
      return p.area;
    });
  }
  getRanges(address?: string): FakeRangeAreas {
    this.context._need(9, 'Worksheet.getRanges');
    if (address !== undefined) checkAddressLengthLater(this.context, address);
    return new FakeRangeAreas(this.context, this._s, (s) => {
      if (address === undefined) return [{ top: 1, left: 1, bottom: MAX_ROWS, right: MAX_COLS }];
      return splitAddressList(address).map((a) => {
        const p = parseArea(a);
        if (p.sheet !== null && p.sheet.toLowerCase() !== s.name.toLowerCase()) throw invalidArg(`address on another sheet: ${a}`);
        return p.area;
      });
    });
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): FakeRange {
    this.context._need(7, 'Worksheet.getRangeByIndexes');
    return new FakeRange(this.context, this._s, () => {
      if (
        startRow < 0 ||
        startColumn < 0 ||
        rowCount < 1 ||
        columnCount < 1 ||
        startRow + rowCount > MAX_ROWS ||
        startColumn + columnCount > MAX_COLS
      ) {
        throw invalidArg('getRangeByIndexes out of range');
      }
      return { top: startRow + 1, left: startColumn + 1, bottom: startRow + rowCount, right: startColumn + columnCount };
    });
  }
  getUsedRange(valuesOnly?: boolean): FakeRange {
    if (valuesOnly !== undefined) this.context._need(2, 'Worksheet.getUsedRange(valuesOnly)');
    // A blank sheet reports A1 (no error).
    return new FakeRange(this.context, this._s, (s) => usedArea(s, !!valuesOnly) ?? { top: 1, left: 1, bottom: 1, right: 1 });
  }
  getUsedRangeOrNullObject(valuesOnly?: boolean): FakeRange {
    this.context._need(4, 'Worksheet.getUsedRangeOrNullObject');
    return new FakeRange(this.context, this._s, (s) => usedArea(s, !!valuesOnly) ?? undefined, true);
  }
  activate(): void {
    const wb = this.context._wb;
    this.context._queue(() => {
      wb.activeSheetId = this._s().id;
    });
  }
  delete(): void {
    const wb = this.context._wb;
    this.context._queue(() => {
      const s = this._s();
      if (wb.protected) throw new FakeError('AccessDenied', 'The workbook structure is protected.');
      if (wb.sheets.length === 1) throw new FakeError('InvalidOperation', 'A workbook must contain at least one visible worksheet.');
      // By design (office-js issue 365): a very hidden sheet is deleted only after it is made hidden or visible.
      if (s.visibility === 'VeryHidden')
        throw new FakeError('GeneralException', 'There was an internal error while processing the request.');
      const i = wb.sheets.indexOf(s);
      // Names that pointed into the sheet now say #REF! (they stay).
      for (const n of wb.names ?? [])
        if (n.formula.startsWith(`='${s.name.replace(/'/g, "''")}'!`) || n.formula.startsWith(`=${s.name}!`)) n.formula = '=#REF!';
      wb.sheets.splice(i, 1);
      if (wb.activeSheetId === s.id) wb.activeSheetId = wb.sheets[Math.max(0, i - 1)].id;
      if (wb.selection?.sheet === s.name) wb.selection = null;
    });
  }
}

export class FakeNamedItemCollection
  extends FakeCollection<FakeNamedItem>
  implements Methods<Excel.NamedItemCollection, 'getItem' | 'getItemOrNullObject' | 'load'>
{
  _resolve(): unknown {
    return (this.context._wb.names ??= []);
  }
  protected _currentItems(): FakeNamedItem[] {
    const wb = this.context._wb;
    return (wb.names ?? []).map((n) => new FakeNamedItem(this.context, () => (wb.names ?? []).find((x) => x === n)));
  }
  private find(name: string) {
    const wb = this.context._wb;
    return () => (wb.names ?? []).find((x) => x.name.toLowerCase() === name.toLowerCase());
  }
  getItem(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, this.find(name));
  }
  getItemOrNullObject(name: string): FakeNamedItem {
    return new FakeNamedItem(this.context, this.find(name), true);
  }
}

export class FakeNamedItem
  extends FakeClientObject
  implements Pick<Excel.NamedItem, 'name' | 'formula'>, Methods<Excel.NamedItem, 'delete' | 'load'>
{
  constructor(
    ctx: FakeRequestContext,
    private readonly _item: () => FakeName | undefined,
    nullable = false,
  ) {
    super(ctx, nullable);
  }
  _resolve(): unknown {
    return this._item();
  }
  get name(): string {
    return this._get('name');
  }
  get formula(): string {
    return this._get('formula');
  }
  protected _scalars(): Scalars<FakeName> {
    return { name: (n) => n.name, formula: (n) => n.formula, visible: (n) => n.visible };
  }
  delete(): void {
    this.context._need(4, 'NamedItem.delete');
    const wb = this.context._wb;
    this.context._queue(() => {
      const n = this._item();
      if (!n) throw itemNotFound('named item');
      wb.names = (wb.names ?? []).filter((x) => x !== n);
    });
  }
}

function checkAddressLengthLater(ctx: FakeRequestContext, address: string): void {
  ctx._queue(() => checkAddressLength(address), address.length);
}

/** A worksheet's sub-object: resolves to its sheet, which must exist. */
abstract class FakeWorksheetChild extends FakeChild<FakeWorksheet> {
  _resolve(): FakeSheet {
    return this._parent._s();
  }
}

export class FakeWorksheetProtection
  extends FakeWorksheetChild
  implements Pick<Excel.WorksheetProtection, 'protected'>, Methods<Excel.WorksheetProtection, 'load'>
{
  get protected(): boolean {
    return this._get('protected');
  }
  protected _scalars(): Scalars<FakeSheet> {
    return { protected: (s) => s.protected };
  }
}

export class FakeWorksheetFreezePanes
  extends FakeWorksheetChild
  implements Methods<Excel.WorksheetFreezePanes, 'freezeRows' | 'freezeColumns' | 'unfreeze'>
{
  private _set(rows: number, columns: number): void {
    this.context._queue(() => {
      writable(this._resolve()).freeze = { rows, columns };
    });
  }
  freezeRows(count?: number): void {
    this._set(count ?? 1, 0);
  }
  freezeColumns(count?: number): void {
    this._set(0, count ?? 1);
  }
  unfreeze(): void {
    this._set(0, 0);
  }
}

// ---------------------------------------------------------------------------------------------------
// Ranges

type AreaResolver = (sheet: FakeSheet) => Area | undefined;
type AreasResolver = (sheet: FakeSheet) => Area[];

/** Reading a whole-sheet range cell by cell would be absurd: Excel's payload limit refuses it too. */
const MAX_READ_CELLS = 5_000_000;

function grid<T>(a: Area, f: (r: number, c: number) => T): T[][] {
  if (cellCount(a) > MAX_READ_CELLS)
    throw new FakeError('ResponsePayloadSizeLimitExceeded', 'The response payload size has exceeded the limit.');
  const out: T[][] = [];
  for (let r = a.top; r <= a.bottom; r++) {
    const row: T[] = [];
    for (let c = a.left; c <= a.right; c++) row.push(f(r, c));
    out.push(row);
  }
  return out;
}

function checkDims(a: Area, v: unknown, what: string): unknown[][] {
  const rows = a.bottom - a.top + 1;
  const cols = a.right - a.left + 1;
  if (!Array.isArray(v) || v.length !== rows || v.some((r) => !Array.isArray(r) || r.length !== cols)) {
    const got = Array.isArray(v) ? `${v.length}×${Array.isArray(v[0]) ? (v[0] as unknown[]).length : '?'}` : typeof v;
    throw invalidArg(`${what}: the array is ${got} but the range is ${rows}×${cols}`);
  }
  return v as unknown[][];
}

/** What Range and RangeAreas share: areas of one sheet, with their format and conditional formats. */
abstract class FakeRangeBase extends FakeClientObject {
  /** @internal */ readonly _sheet: () => FakeSheet;
  /** @internal The areas to act on (at sync); a null Range's throws. */
  readonly _areas: AreasResolver;
  private _format?: FakeRangeFormat;
  /** @internal */ protected _cfs?: FakeConditionalFormatCollection;

  constructor(ctx: FakeRequestContext, sheet: () => FakeSheet, areas: AreasResolver, nullable = false) {
    super(ctx, nullable);
    this._sheet = sheet;
    this._areas = areas;
  }
  get format(): FakeRangeFormat {
    return (this._format ??= new FakeRangeFormat(this.context, this._sheet, this._areas));
  }
  get conditionalFormats(): FakeConditionalFormatCollection {
    return (this._cfs ??= new FakeConditionalFormatCollection(this.context, this._sheet, this._areas));
  }
}

type RangeTarget = { sheet: FakeSheet; area: Area };

/** A range's area as the areas its format and conditional formats act on; a null range has none. */
function oneArea(area: AreaResolver): AreasResolver {
  return (s) => {
    const a = area(s);
    if (!a) throw itemNotFound('range (null object)');
    return [a];
  };
}

export class FakeRange
  extends FakeRangeBase
  implements
    Pick<
      Excel.Range,
      'values' | 'formulas' | 'numberFormat' | 'text' | 'address' | 'rowIndex' | 'columnIndex' | 'rowCount' | 'columnCount' | 'cellCount'
    >,
    Members<Excel.Range, 'format' | 'conditionalFormats'>,
    Methods<Excel.Range, 'getMergedAreasOrNullObject' | 'merge' | 'select' | 'load'>
{
  /** @internal */ readonly _area: AreaResolver;

  constructor(ctx: FakeRequestContext, sheet: () => FakeSheet, area: AreaResolver, nullable = false) {
    super(ctx, sheet, oneArea(area), nullable);
    this._area = area;
  }
  _resolve(): RangeTarget | undefined {
    const s = this._sheet();
    const a = this._area(s);
    return a ? { sheet: s, area: a } : undefined;
  }
  private _target(): RangeTarget {
    const t = this._resolve();
    if (!t) throw itemNotFound('range (null object)');
    return t;
  }
  protected _scalars(): Scalars<RangeTarget> {
    return {
      address: ({ sheet, area }) => sheetPrefix(sheet.name) + areaAddress(area),
      rowIndex: ({ area }) => area.top - 1,
      columnIndex: ({ area }) => area.left - 1,
      rowCount: ({ area }) => area.bottom - area.top + 1,
      columnCount: ({ area }) => area.right - area.left + 1,
      cellCount: ({ area }) => cellCount(area),
      values: ({ sheet, area }) => grid(area, (r, c) => getCell(sheet, r, c)?.value ?? ''),
      text: ({ sheet, area }) => grid(area, (r, c) => getCell(sheet, r, c)?.text ?? ''),
      numberFormat: ({ sheet, area }) => grid(area, (r, c) => getCell(sheet, r, c)?.numberFormat ?? 'General'),
      formulas: ({ sheet, area }) => grid(area, (r, c) => formulaOf(getCell(sheet, r, c))),
    };
  }
  protected _nav(name: string): FakeClientObject | undefined {
    if (name === 'format') return this.format;
    return undefined;
  }

  get values(): any[][] {
    return this._get('values');
  }
  set values(v: any[][]) {
    this._write('values', v, enterValue);
  }
  get formulas(): any[][] {
    return this._get('formulas');
  }
  set formulas(v: any[][]) {
    this._write('formulas', v, enterValue);
  }
  get numberFormat(): any[][] {
    return this._get('numberFormat');
  }
  set numberFormat(v: any[][]) {
    this._write('numberFormat', v, setNumberFormat);
  }
  get text(): string[][] {
    return this._get('text');
  }
  get address(): string {
    return this._get('address');
  }
  get rowIndex(): number {
    return this._get('rowIndex');
  }
  get columnIndex(): number {
    return this._get('columnIndex');
  }
  get rowCount(): number {
    return this._get('rowCount');
  }
  get columnCount(): number {
    return this._get('columnCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }

  private _write(what: string, v: unknown, apply: (cell: FakeCell, x: unknown) => void): void {
    // Copy now: the caller may reuse its array before sync, the request carries what was set.
    const data = clone(v);
    this.context._queue(() => {
      const { sheet, area } = this._target();
      writable(sheet);
      const rows = checkDims(area, data, what);
      for (let i = 0; i < rows.length; i++) {
        for (let j = 0; j < rows[i].length; j++) {
          const x = rows[i][j];
          if (x === null) continue;
          const r = area.top + i;
          const c = area.left + j;
          if (inMergeNotAnchor(sheet, r, c) && x !== '') {
            throw invalidArg(`cannot write into a merged cell ${areaAddress({ top: r, left: c, bottom: r, right: c })}`);
          }
          apply(ensureCell(sheet, r, c), x);
        }
      }
    }, jsonSize(data));
  }

  get conditionalFormats(): FakeConditionalFormatCollection {
    if (!this._cfs) this.context._need(6, 'Range.conditionalFormats');
    return super.conditionalFormats;
  }
  /** Only the Visible type: the range's rows not hidden, as one area per run of rows (null: none visible). */
  getSpecialCellsOrNullObject(cellType: string): FakeRangeAreas {
    this.context._need(9, 'Range.getSpecialCellsOrNullObject');
    if (cellType !== 'Visible') throw new Error(`fake: getSpecialCells(${cellType}) is not supported`);
    return new FakeRangeAreas(
      this.context,
      this._sheet,
      (s) => {
        const [a] = this._areas(s);
        const out: Area[] = [];
        for (let r = a.top; r <= a.bottom; r++) {
          if (s.hiddenRows?.has(r)) continue;
          const last = out[out.length - 1];
          if (last && last.bottom === r - 1) last.bottom = r;
          else out.push({ top: r, left: a.left, bottom: r, right: a.right });
        }
        return out; // none: a null object (no areas resolve to undefined)
      },
      true,
    );
  }
  getMergedAreasOrNullObject(): FakeRangeAreas {
    this.context._need(13, 'Range.getMergedAreasOrNullObject');
    return new FakeRangeAreas(
      this.context,
      this._sheet,
      (s) => {
        const [a] = this._areas(s);
        const found = s.merges.filter((m) => intersects(m, a));
        if (found.length > 512) throw new FakeError('GeneralException', 'There are more than 512 merged areas in the range.');
        return found;
      },
      true,
    );
  }
  merge(across?: boolean): void {
    this.context._need(2, 'Range.merge');
    this.context._queue(() => {
      const { sheet, area } = this._target();
      writable(sheet);
      const targets: Area[] = across ? rowsOf(area) : [area];
      for (const t of targets) {
        if (cellCount(t) === 1) continue;
        // Merging over an existing merge that sticks out is refused, like Excel's "cannot merge" prompt.
        const overlapping = sheet.merges.filter((m) => intersects(m, t));
        if (overlapping.some((m) => !contains(t, m)))
          throw new FakeError('InvalidOperation', `Cannot merge ${areaAddress(t)}: it overlaps a merged area partly.`);
        sheet.merges = sheet.merges.filter((m) => !intersects(m, t));
        // Excel keeps the top-left value only.
        for (let r = t.top; r <= t.bottom; r++) {
          for (let c = t.left; c <= t.right; c++) {
            if (r === t.top && c === t.left) continue;
            const cell = getCell(sheet, r, c);
            if (cell) {
              cell.value = '';
              cell.text = '';
              delete cell.formula;
            }
          }
        }
        sheet.merges.push(t);
      }
    });
  }
  select(): void {
    const wb = this.context._wb;
    this.context._queue(() => {
      const { sheet, area } = this._target();
      if (wb.activeSheetId !== sheet.id)
        throw new FakeError('InvalidSelection', 'The range is not on the active sheet; activate its worksheet first.');
      wb.selection = { sheet: sheet.name, address: areaAddress(area) };
    });
  }
}

function rowsOf(a: Area): Area[] {
  const out: Area[] = [];
  for (let r = a.top; r <= a.bottom; r++) out.push({ top: r, bottom: r, left: a.left, right: a.right });
  return out;
}

function inMergeNotAnchor(sheet: FakeSheet, r: number, c: number): boolean {
  for (const m of sheet.merges) {
    if (r >= m.top && r <= m.bottom && c >= m.left && c <= m.right) return !(r === m.top && c === m.left);
  }
  return false;
}

type AreasTarget = { sheet: FakeSheet; areas: Area[] };

export class FakeRangeAreas
  extends FakeRangeBase
  implements
    Pick<Excel.RangeAreas, 'address' | 'areaCount' | 'cellCount'>,
    Members<Excel.RangeAreas, 'format' | 'conditionalFormats'>,
    Methods<Excel.RangeAreas, 'load'>
{
  _resolve(): AreasTarget | undefined {
    const s = this._sheet();
    const areas = this._areas(s);
    return areas.length ? { sheet: s, areas } : undefined;
  }
  protected _scalars(): Scalars<AreasTarget> {
    return {
      address: ({ sheet, areas }) => areas.map((a) => sheetPrefix(sheet.name) + areaAddress(a)).join(','),
      areaCount: ({ areas }) => areas.length,
      cellCount: ({ areas }) => areas.reduce((n, a) => n + cellCount(a), 0),
    };
  }
  get address(): string {
    return this._get('address');
  }
  get areaCount(): number {
    return this._get('areaCount');
  }
  get cellCount(): number {
    return this._get('cellCount');
  }
}

/** Writing a cell format over more cells than this is a mistake in the host (e.g. a whole column). */
const MAX_FORMAT_CELLS = 2_000_000;

function forEachCell(sheet: FakeSheet, areas: Area[], f: (c: FakeCell) => void): void {
  const total = areas.reduce((n, a) => n + cellCount(a), 0);
  if (total > MAX_FORMAT_CELLS) throw new FakeError('GeneralException', `fake: refusing to format ${total} cells one by one`);
  for (const a of areas) for (let r = a.top; r <= a.bottom; r++) for (let c = a.left; c <= a.right; c++) f(ensureCell(sheet, r, c));
}

export class FakeRangeFormat
  extends FakeClientObject
  implements
    Pick<Excel.RangeFormat, 'columnWidth' | 'rowHeight' | 'wrapText' | 'horizontalAlignment' | 'verticalAlignment'>,
    Members<Excel.RangeFormat, 'fill' | 'font'>,
    Methods<Excel.RangeFormat, 'load'>
{
  private readonly _sheet: () => FakeSheet;
  private readonly _areas: AreasResolver;
  private _fill?: FakeRangeFill;
  private _font?: FakeRangeFont;

  constructor(ctx: FakeRequestContext, sheet: () => FakeSheet, areas: AreasResolver) {
    super(ctx);
    this._sheet = sheet;
    this._areas = areas;
  }
  _resolve(): AreasTarget {
    return { sheet: this._sheet(), areas: this._areas(this._sheet()) };
  }
  protected _scalars(): Scalars<AreasTarget> {
    return {
      columnWidth: ({ sheet, areas }) => sheet.columnWidths.get(areas[0].left) ?? 48,
      rowHeight: ({ sheet, areas }) => sheet.rowHeights.get(areas[0].top) ?? 15,
    };
  }
  /** @internal */
  _set(f: (sheet: FakeSheet, areas: Area[]) => void): void {
    this.context._queue(() => {
      const sheet = writable(this._sheet());
      f(sheet, this._areas(sheet));
    });
  }
  get columnWidth(): number {
    return this._get('columnWidth');
  }
  set columnWidth(w: number) {
    this._set((s, areas) => {
      if (!(w >= 0 && w <= 1790)) throw invalidArg(`column width ${w}`);
      for (const a of areas) for (let c = a.left; c <= a.right; c++) s.columnWidths.set(c, w);
    });
  }
  get rowHeight(): number {
    return this._get('rowHeight');
  }
  set rowHeight(h: number) {
    this._set((s, areas) => {
      if (!(h >= 0 && h <= 409)) throw invalidArg(`row height ${h}`);
      for (const a of areas) for (let r = a.top; r <= a.bottom; r++) s.rowHeights.set(r, h);
    });
  }
  get wrapText(): boolean {
    return this._get('wrapText');
  }
  set wrapText(v: boolean) {
    this._align('wrapText', v);
  }
  get horizontalAlignment(): Excel.HorizontalAlignment {
    return this._get('horizontalAlignment');
  }
  set horizontalAlignment(v: Excel.HorizontalAlignment | string) {
    this._align('horizontal', String(v));
  }
  get verticalAlignment(): Excel.VerticalAlignment {
    return this._get('verticalAlignment');
  }
  set verticalAlignment(v: Excel.VerticalAlignment | string) {
    this._align('vertical', String(v));
  }
  get fill(): FakeRangeFill {
    return (this._fill ??= new FakeRangeFill(this));
  }
  get font(): FakeRangeFont {
    return (this._font ??= new FakeRangeFont(this));
  }
  /** @internal */
  _cells(f: (c: FakeCell) => void): void {
    this._set((s, areas) => forEachCell(s, areas, f));
  }
  private _align<K extends keyof NonNullable<FakeCell['alignment']>>(k: K, v: NonNullable<FakeCell['alignment']>[K]): void {
    this._cells((c) => (c.alignment = { ...c.alignment, [k]: v }));
  }
}

function normColor(c: string): string {
  const named: Record<string, string> = { white: '#FFFFFF', black: '#000000', red: '#FF0000', blue: '#0000FF' };
  const v = named[c.toLowerCase()] ?? c;
  if (!/^#[0-9A-Fa-f]{6}$/.test(v)) throw invalidArg(`color ${c}`);
  return v.toUpperCase();
}

export class FakeRangeFill extends FakeChild<FakeRangeFormat> implements Pick<Excel.RangeFill, 'color'>, Methods<Excel.RangeFill, 'clear'> {
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    const col = normColor(v);
    this._parent._cells((c) => (c.fill = col));
  }
  clear(): void {
    this._parent._cells((c) => delete c.fill);
  }
}

export class FakeRangeFont
  extends FakeChild<FakeRangeFormat>
  implements Pick<Excel.RangeFont, 'bold' | 'color' | 'size' | 'italic' | 'underline' | 'name'>
{
  private _setFont<K extends keyof NonNullable<FakeCell['font']>>(k: K, v: NonNullable<FakeCell['font']>[K]): void {
    this._parent._cells((c) => (c.font = { ...c.font, [k]: v }));
  }
  get bold(): boolean {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this._setFont('bold', v);
  }
  get italic(): boolean {
    return this._get('italic');
  }
  set italic(v: boolean) {
    this._setFont('italic', v);
  }
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    this._setFont('color', normColor(v));
  }
  get size(): number {
    return this._get('size');
  }
  set size(v: number) {
    if (!(v >= 1 && v <= 409)) throw invalidArg(`font size ${v}`);
    this._setFont('size', v);
  }
  get name(): string {
    return this._get('name');
  }
  set name(v: string) {
    this._setFont('name', v);
  }
  get underline(): Excel.RangeUnderlineStyle {
    return this._get('underline');
  }
  set underline(v: Excel.RangeUnderlineStyle | string) {
    this._setFont('underline', String(v));
  }
}

// ---------------------------------------------------------------------------------------------------
// Conditional formats

const CF_TYPES = ['Custom', 'DataBar', 'ColorScale', 'IconSet', 'TopBottom', 'PresetCriteria', 'ContainsText', 'CellValue'];

export class FakeConditionalFormatCollection
  extends FakeCollection<FakeConditionalFormatProxy>
  implements Methods<Excel.ConditionalFormatCollection, 'add' | 'getItemAt' | 'clearAll' | 'load'>
{
  private readonly _sheet: () => FakeSheet;
  private readonly _areas: AreasResolver;
  constructor(ctx: FakeRequestContext, sheet: () => FakeSheet, areas: AreasResolver) {
    super(ctx);
    this._sheet = sheet;
    this._areas = areas;
  }
  _resolve(): unknown {
    return this._sheet();
  }
  private _matching(): CFState[] {
    const s = this._sheet();
    const areas = this._areas(s);
    return s.conditionalFormats.filter((cf) => cf.areas.some((a) => areas.some((b) => intersects(a, b))));
  }
  protected _currentItems(): FakeConditionalFormatProxy[] {
    return this._matching().map((cf) => new FakeConditionalFormatProxy(this.context, this._sheet, () => cf.id));
  }
  add(type: Excel.ConditionalFormatType | string): FakeConditionalFormatProxy {
    const wb = this.context._wb;
    const ref: { id?: string } = {};
    this.context._queue(() => {
      if (!CF_TYPES.includes(type)) throw invalidArg(`conditional format type ${type}`);
      const s = writable(this._sheet());
      const areas = this._areas(s);
      if (areas.length === 0) throw invalidArg('conditional format on no cells');
      const cf: CFState = { id: `{cf-${wb.nextId++}}`, type, areas: areas.map((a) => ({ ...a })) };
      if (type === 'Custom') cf.custom = { formula: null, fill: null, fontColor: null, bold: null };
      if (type === 'DataBar') cf.dataBar = {};
      // New formats go to the top priority.
      s.conditionalFormats.unshift(cf);
      ref.id = cf.id;
    });
    return new FakeConditionalFormatProxy(this.context, this._sheet, () => ref.id);
  }
  getItemAt(index: number): FakeConditionalFormatProxy {
    return new FakeConditionalFormatProxy(this.context, this._sheet, () => this._matching()[index]?.id);
  }
  clearAll(): void {
    this.context._queue(() => {
      const s = writable(this._sheet());
      const mine = new Set(this._matching());
      s.conditionalFormats = s.conditionalFormats.filter((cf) => !mine.has(cf));
    });
  }
}

type FakeConditionalFormat_ = CFState;

export class FakeConditionalFormatProxy
  extends FakeClientObject
  implements
    Pick<Excel.ConditionalFormat, 'id' | 'type'>,
    Members<Excel.ConditionalFormat, 'custom' | 'customOrNullObject' | 'dataBar'>,
    Methods<Excel.ConditionalFormat, 'delete' | 'getRanges' | 'load'>
{
  private readonly _sheet: () => FakeSheet;
  private readonly _id: () => string | undefined;
  private _custom?: FakeCustomConditionalFormat;
  private _customOrNull?: FakeCustomConditionalFormat;
  private _dataBar?: FakeDataBarConditionalFormat;

  constructor(ctx: FakeRequestContext, sheet: () => FakeSheet, id: () => string | undefined) {
    super(ctx);
    this._sheet = sheet;
    this._id = id;
  }
  _resolve(): FakeConditionalFormat_ | undefined {
    const id = this._id();
    return id === undefined ? undefined : this._sheet().conditionalFormats.find((cf) => cf.id === id);
  }
  /** @internal */
  _cf(): FakeConditionalFormat_ {
    const cf = this._resolve();
    if (!cf) throw itemNotFound('conditional format');
    return cf;
  }
  /** @internal Queues an edit of what `part` finds (it checks the format's type), refused on a protected sheet. */
  _edit<T>(part: () => T, f: (x: T) => void, sent = 0): void {
    this.context._queue(() => {
      const x = part();
      writable(this._sheet());
      f(x);
    }, sent);
  }
  protected _scalars(): Scalars<FakeConditionalFormat_> {
    return { id: (cf) => cf.id, type: (cf) => cf.type, priority: (cf) => this._sheet().conditionalFormats.indexOf(cf) };
  }
  protected _nav(name: string): FakeClientObject | undefined {
    if (name === 'custom') return this.custom;
    if (name === 'customOrNullObject') return this.customOrNullObject;
    if (name === 'dataBar') return this.dataBar;
    return undefined;
  }
  get id(): string {
    return this._get('id');
  }
  get type(): Excel.ConditionalFormatType {
    return this._get('type');
  }
  get custom(): FakeCustomConditionalFormat {
    return (this._custom ??= new FakeCustomConditionalFormat(this, false));
  }
  get customOrNullObject(): FakeCustomConditionalFormat {
    return (this._customOrNull ??= new FakeCustomConditionalFormat(this, true));
  }
  get dataBar(): FakeDataBarConditionalFormat {
    return (this._dataBar ??= new FakeDataBarConditionalFormat(this));
  }
  delete(): void {
    this.context._queue(() => {
      const cf = this._cf();
      const s = writable(this._sheet());
      s.conditionalFormats = s.conditionalFormats.filter((x) => x !== cf);
    });
  }
  getRanges(): FakeRangeAreas {
    this.context._need(9, 'ConditionalFormat.getRanges');
    return new FakeRangeAreas(this.context, this._sheet, () => this._cf().areas);
  }
}

function typed(cf: FakeConditionalFormat_, type: string): FakeConditionalFormat_ {
  if (cf.type !== type) throw new FakeError('GeneralException', `The conditional format is of type ${cf.type}, not ${type}.`);
  return cf;
}

type CustomState = NonNullable<FakeConditionalFormat_['custom']>;

export class FakeCustomConditionalFormat
  extends FakeChild<FakeConditionalFormatProxy>
  implements Members<Excel.CustomConditionalFormat, 'rule' | 'format'>
{
  private _rule?: FakeConditionalFormatRule;
  private _format?: FakeConditionalRangeFormat;
  _resolve(): FakeConditionalFormat_ | undefined {
    const cf = this._parent._cf();
    if (cf.type !== 'Custom') {
      if (this._nullable) return undefined;
      throw new FakeError('GeneralException', `The conditional format is of type ${cf.type}, not Custom.`);
    }
    return cf;
  }
  /** @internal */
  _cf(): FakeConditionalFormat_ {
    const cf = this._resolve();
    if (!cf) throw new FakeError('InvalidObjectPath', 'customOrNullObject is a null object (not a Custom format).');
    return cf;
  }
  /** @internal */
  _set(f: (custom: CustomState) => void, sent = 0): void {
    this._parent._edit(() => this._cf().custom!, f, sent);
  }
  protected _nav(name: string): FakeClientObject | undefined {
    if (name === 'rule') return this.rule;
    if (name === 'format') return this.format;
    return undefined;
  }
  get rule(): FakeConditionalFormatRule {
    return (this._rule ??= new FakeConditionalFormatRule(this));
  }
  get format(): FakeConditionalRangeFormat {
    return (this._format ??= new FakeConditionalRangeFormat(this));
  }
}

export class FakeConditionalFormatRule
  extends FakeChild<FakeCustomConditionalFormat>
  implements Pick<Excel.ConditionalFormatRule, 'formula'>
{
  protected _scalars(): Scalars<FakeConditionalFormat_> {
    return { formula: (cf) => cf.custom?.formula ?? null };
  }
  get formula(): string {
    return this._get('formula');
  }
  set formula(f: string) {
    this._parent._set((custom) => {
      if (typeof f !== 'string' || !f.startsWith('=') || f.length > 8192) throw invalidArg(`conditional format formula ${f}`);
      custom.formula = f;
    }, jsonSize(f));
  }
}

export class FakeConditionalRangeFormat
  extends FakeChild<FakeCustomConditionalFormat>
  implements Members<Excel.ConditionalRangeFormat, 'fill' | 'font'>
{
  private _fill?: FakeConditionalRangeFill;
  private _font?: FakeConditionalRangeFont;
  /** @internal */
  _set(f: (custom: CustomState) => void): void {
    this._parent._set(f);
  }
  get fill(): FakeConditionalRangeFill {
    return (this._fill ??= new FakeConditionalRangeFill(this));
  }
  get font(): FakeConditionalRangeFont {
    return (this._font ??= new FakeConditionalRangeFont(this));
  }
}

export class FakeConditionalRangeFill
  extends FakeChild<FakeConditionalRangeFormat>
  implements Pick<Excel.ConditionalRangeFill, 'color'>, Methods<Excel.ConditionalRangeFill, 'clear'>
{
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    const c = normColor(v);
    this._parent._set((x) => (x.fill = c));
  }
  clear(): void {
    this._parent._set((x) => (x.fill = null));
  }
}

export class FakeConditionalRangeFont
  extends FakeChild<FakeConditionalRangeFormat>
  implements Pick<Excel.ConditionalRangeFont, 'color' | 'bold'>
{
  get color(): string {
    return this._get('color');
  }
  set color(v: string) {
    const c = normColor(v);
    this._parent._set((x) => (x.fontColor = c));
  }
  get bold(): boolean {
    return this._get('bold');
  }
  set bold(v: boolean) {
    this._parent._set((x) => (x.bold = v));
  }
}

type DataBarState = NonNullable<FakeConditionalFormat_['dataBar']>;

export class FakeDataBarConditionalFormat
  extends FakeChild<FakeConditionalFormatProxy>
  implements
    Pick<Excel.DataBarConditionalFormat, 'lowerBoundRule' | 'upperBoundRule' | 'showDataBarOnly'>,
    Members<Excel.DataBarConditionalFormat, 'positiveFormat'>
{
  private _positive?: FakeConditionalDataBarPositiveFormat;
  _resolve(): FakeConditionalFormat_ {
    return typed(this._parent._cf(), 'DataBar');
  }
  /** @internal */
  _set(f: (d: DataBarState) => void, sent = 0): void {
    this._parent._edit(() => this._resolve().dataBar!, f, sent);
  }
  private static _rule(r: Excel.ConditionalDataBarRule): { type: string; formula?: string } {
    const types = ['Automatic', 'LowestValue', 'HighestValue', 'Number', 'Percent', 'Formula', 'Percentile'];
    if (!r || !types.includes(String(r.type))) throw invalidArg(`data bar rule ${JSON.stringify(r)}`);
    if (['Number', 'Percent', 'Formula', 'Percentile'].includes(String(r.type)) && (r.formula === undefined || r.formula === '')) {
      throw invalidArg('data bar rule needs a formula');
    }
    return r.formula === undefined ? { type: String(r.type) } : { type: String(r.type), formula: r.formula };
  }
  get lowerBoundRule(): Excel.ConditionalDataBarRule {
    return this._get('lowerBoundRule');
  }
  set lowerBoundRule(r: Excel.ConditionalDataBarRule) {
    const v = FakeDataBarConditionalFormat._rule(r);
    this._set((d) => (d.lowerBoundRule = v), jsonSize(r));
  }
  get upperBoundRule(): Excel.ConditionalDataBarRule {
    return this._get('upperBoundRule');
  }
  set upperBoundRule(r: Excel.ConditionalDataBarRule) {
    const v = FakeDataBarConditionalFormat._rule(r);
    this._set((d) => (d.upperBoundRule = v), jsonSize(r));
  }
  get showDataBarOnly(): boolean {
    return this._get('showDataBarOnly');
  }
  set showDataBarOnly(v: boolean) {
    this._set((d) => (d.showDataBarOnly = v));
  }
  get positiveFormat(): FakeConditionalDataBarPositiveFormat {
    return (this._positive ??= new FakeConditionalDataBarPositiveFormat(this));
  }
}

export class FakeConditionalDataBarPositiveFormat
  extends FakeChild<FakeDataBarConditionalFormat>
  implements Pick<Excel.ConditionalDataBarPositiveFormat, 'fillColor'>
{
  get fillColor(): string {
    return this._get('fillColor');
  }
  set fillColor(v: string) {
    const c = normColor(v);
    this._parent._set((d) => (d.fillColor = c));
  }
}

// ---------------------------------------------------------------------------------------------------
// Settings

export class FakeSettingCollection
  extends FakeCollection<FakeSetting>
  implements Methods<Excel.SettingCollection, 'add' | 'getItem' | 'getItemOrNullObject' | 'load'>
{
  _resolve(): unknown {
    return this.context._wb.settings;
  }
  protected _currentItems(): FakeSetting[] {
    return [...this.context._wb.settings.keys()].map((k) => new FakeSetting(this.context, k, false));
  }
  add(key: string, value: string | number | boolean | Date | any[] | any): FakeSetting {
    // Settings are stored as JSON: what comes back is what JSON makes of the value.
    const json = JSON.stringify(value);
    this.context._queue(() => {
      if (!key) throw invalidArg('empty setting key');
      this.context._wb.settings.set(key, JSON.parse(json));
    }, json.length + key.length);
    return new FakeSetting(this.context, key, false);
  }
  getItem(key: string): FakeSetting {
    return new FakeSetting(this.context, key, false);
  }
  getItemOrNullObject(key: string): FakeSetting {
    return new FakeSetting(this.context, key, true);
  }
}

export class FakeSetting
  extends FakeClientObject
  implements Pick<Excel.Setting, 'key' | 'value'>, Methods<Excel.Setting, 'delete' | 'load'>
{
  private readonly _key: string;
  constructor(ctx: FakeRequestContext, key: string, nullable: boolean) {
    super(ctx, nullable);
    this._key = key;
  }
  _resolve(): { key: string; value: unknown } | undefined {
    const m = this.context._wb.settings;
    return m.has(this._key) ? { key: this._key, value: m.get(this._key) } : undefined;
  }
  protected _scalars(): Scalars<{ key: string; value: unknown }> {
    return { key: (s) => s.key, value: (s) => s.value };
  }
  get key(): string {
    return this._get('key');
  }
  get value(): any {
    return this._get('value');
  }
  set value(v: any) {
    const json = JSON.stringify(v);
    this.context._queue(() => {
      if (!this.context._wb.settings.has(this._key)) throw itemNotFound(`setting ${this._key}`);
      this.context._wb.settings.set(this._key, JSON.parse(json));
    }, json.length);
  }
  delete(): void {
    this.context._queue(() => {
      if (!this.context._wb.settings.delete(this._key) && !this._nullable) throw itemNotFound(`setting ${this._key}`);
    });
  }
}
