// Behaviour every spreadsheet host (WPS, Excel) must show, as a describe factory over a fixture builder:
// a host over a fake workbook plus an inspector of cell state. tests/hosts/wps/behaviour.test.ts runs it
// against the fake WPS object model; the Excel adapter's tests can run it against their fake too:
//
//   describeHostBehaviour('Excel', (sample) => buildExcelFixture(sample));
//
// Inspector contract: colours are RGB hex ('FFC7CE') or null for no fill; cells() lists every cell with a
// value or a fill, by A1 address; sheetNames() lists the sheets a user sees (not hidden ones).

import { Host, Settings } from '../../../src/hosts/host';
import { runEvaluation, clearMarks, viewRun } from '../../../src/app/session';
import { RunStamp } from '../../../src/hosts/runs';
import { CELL_TEXT_LIMIT, OWNER_MARK, SEVERITY_FILL, SUMMARY_LOOK, planHighlights, planWrites } from '../../../src/core/plan';
import { address, parseAddress } from '../../../src/core/snapshot';
import { isJixiaoError } from '../../../src/core/errors';

export type Sample = 'shenze-2020' | 'gaps-sample';

export interface CellState {
  value: string | number | boolean | null;
  /** The formula, when the cell holds one. */
  formula?: string;
  /** RGB hex of the fill, null for none. */
  fill: string | null;
  /** Fill pattern as the host names it ('solid', a pattern constant…); null for none. */
  pattern: string | number | null;
  numberFormat: string;
}

export interface HostFixture {
  host: Host;
  /** Sheets the user sees, in order. */
  sheetNames(): string[];
  /** Every cell with a value, a fill or a number format, by A1 address. */
  cells(sheet: string): Record<string, CellState>;
  cell(sheet: string, address: string): CellState;
  /** Puts a value into a cell as the user would type it as text (a leading ' for "=…"). */
  setText(sheet: string, address: string, text: string): void;
  /** Gives a cell a fill as the user would: solid, or a patterned fill with a pattern colour. */
  setFill(sheet: string, address: string, rgb: string | null, patterned?: boolean): void;
  addSheet(name: string, rows: (string | number | null)[][]): void;
  protectSheet(sheet: string): void;
  activate(sheet: string): void;
  activeSheet(): string;
  /** Selected address on a sheet, e.g. "B12". */
  selection(sheet: string): string;
  /** The same document saved, closed and opened again: a new host over what the document keeps. */
  reopen?(): HostFixture;
  /** Another host over the same open document, as another page of the add-in (a ribbon command) has. */
  otherHost(): Host;
}

export type FixtureBuilder = (sample: Sample) => Promise<HostFixture>;

function visibleState(f: HostFixture): Record<string, Record<string, CellState>> {
  const out: Record<string, Record<string, CellState>> = {};
  for (const s of f.sheetNames()) out[s] = f.cells(s);
  return out;
}

function sourceSheets(f: HostFixture): string[] {
  return f.sheetNames().filter((s) => {
    const a1 = f.cell(s, 'A1').value;
    return !(typeof a1 === 'string' && a1.startsWith(OWNER_MARK));
  });
}

function sourceState(f: HostFixture) {
  const out: Record<string, Record<string, CellState>> = {};
  for (const s of sourceSheets(f)) out[s] = f.cells(s);
  return out;
}

function valuesOnly(state: Record<string, Record<string, CellState>>) {
  const out: Record<string, Record<string, unknown>> = {};
  for (const [s, cells] of Object.entries(state)) {
    out[s] = {};
    for (const [a, c] of Object.entries(cells))
      if (c.value !== null || c.formula) out[s][a] = { value: c.value, formula: c.formula, numberFormat: c.numberFormat };
  }
  return out;
}

async function evaluateActive(f: HostFixture, sheet?: string) {
  if (sheet) f.activate(sheet);
  return runEvaluation(f.host, { scope: 'active' });
}

const INJECTIONS = ['=1+1', '+SUM(A1:A2)', '-5-5', '@foo', '=HYPERLINK("http://x","y")', '1/2', '100%', '007', '2021-6-30'];

/** Lets pending reads (promises, zero-delay timers) finish. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

/** A window-like focus event on globalThis, as a task pane has (watchers check when it fires). */
function fakeWindowFocus(): { fire(): Promise<void>; uninstall(): void } {
  const g = globalThis as unknown as Record<string, unknown>;
  const had = { add: g.addEventListener, remove: g.removeEventListener };
  const target = new EventTarget();
  g.addEventListener = target.addEventListener.bind(target);
  g.removeEventListener = target.removeEventListener.bind(target);
  return {
    async fire() {
      target.dispatchEvent(new Event('focus'));
      await settle();
    },
    uninstall() {
      g.addEventListener = had.add;
      g.removeEventListener = had.remove;
    },
  };
}

export function describeHostBehaviour(label: string, build: FixtureBuilder): void {
  describe(`${label} host behaviour (shared)`, () => {
    test.each<Sample>(['shenze-2020', 'gaps-sample'])(
      'evaluates %s: 评价结果 with the owner mark, one fill per finding cell',
      async (sample) => {
        const f = await build(sample);
        let evaluated = 0;
        for (const sheet of sourceSheets(f)) {
          f.activate(sheet);
          const before = valuesOnly(sourceState(f));
          let out;
          try {
            out = await runEvaluation(f.host, { scope: 'active' });
          } catch (e) {
            // A sheet without a table (填表说明): a clear error, nothing written.
            expect(isJixiaoError(e) && (e as { code: string }).code).toBe('no-table');
            expect(valuesOnly(sourceState(f))).toEqual(before);
            continue;
          }
          evaluated++;
          expect(out.applied.summarySheet).toBe('评价结果');
          expect(String(f.cell('评价结果', 'A1').value).startsWith(OWNER_MARK)).toBe(true);
          const highlights = planHighlights(out.result);
          expect(out.applied.highlighted).toBe(highlights.length);
          for (const h of highlights) expect(f.cell(h.sheet, h.cell).fill).toBe(SEVERITY_FILL[h.severity]);
          // Source values are never changed.
          expect(valuesOnly(sourceState(f))).toEqual(before);
          expect(f.activeSheet()).toBe(sheet);
        }
        expect(evaluated).toBeGreaterThan(0);
      },
    );

    test('the whole workbook scope evaluates every source sheet and writes one summary', async () => {
      const f = await build('gaps-sample');
      const before = valuesOnly(sourceState(f));
      const out = await runEvaluation(f.host, { scope: 'workbook' });
      expect(out.result.sheets.length).toBeGreaterThan(1);
      expect(f.sheetNames().filter((s) => s.startsWith('评价结果'))).toEqual(['评价结果']);
      expect(valuesOnly(sourceState(f))).toEqual(before);
      // Number cells carry their style's number format (SUMMARY_LOOK), e.g. the score rates as 0%.
      let formatted = 0;
      planWrites(out.result).summary.rows.forEach((cells, i) =>
        cells.forEach((sc, j) => {
          const fmt = sc?.style && SUMMARY_LOOK[sc.style].numFmt;
          if (!fmt || typeof sc.v !== 'number') return;
          expect([address(i + 1, j + 1), f.cell('评价结果', address(i + 1, j + 1)).numberFormat]).toEqual([address(i + 1, j + 1), fmt]);
          formatted++;
        }),
      );
      expect(formatted).toBeGreaterThan(0);
    });

    test('a report paragraph longer than a cell holds goes into several cells, nothing lost', async () => {
      const f = await build('shenze-2020');
      let out: Awaited<ReturnType<typeof runEvaluation>> | null = null;
      for (const sheet of sourceSheets(f)) {
        out = await evaluateActive(f, sheet).catch(() => null);
        if (out) break;
      }
      expect(out).not.toBeNull();
      // A department with thousands of indicators lists its unmet ones in one paragraph.
      const long = '该项指标未完成，偏差原因为资金拨付滞后；'.repeat(8000) + '已整改。';
      await f.host.apply(planWrites(out!.result, { narrative: ['标题', long] }));
      const pieces = Object.entries(f.cells(out!.applied.summarySheet))
        .filter(([, c]) => typeof c.value === 'string' && c.value.startsWith('该项指标未完成'))
        .sort(([a], [b]) => parseAddress(a)!.row - parseAddress(b)!.row)
        .map(([, c]) => c.value as string);
      expect(pieces.length).toBeGreaterThan(1);
      expect(pieces.every((p) => p.length <= CELL_TEXT_LIMIT)).toBe(true);
      expect(pieces.join('')).toBe(long);
    });

    test('a run by another page (the ribbon) is reported to a watching pane, its own runs are not; viewRun shows it without writing', async () => {
      const f = await build('gaps-sample'); // marks to clear
      expect(typeof f.host.watchRuns).toBe('function');
      const focus = fakeWindowFocus();
      const seen: (RunStamp & { initial: boolean })[] = [];
      const stop = f.host.watchRuns!((s, initial) => seen.push({ ...s, initial }));
      try {
        await settle();
        expect(seen).toEqual([]); // nothing was run on this document yet
        let sheet = '';
        for (const name of sourceSheets(f)) {
          if (await evaluateActive(f, name).catch(() => null)) {
            sheet = name;
            break;
          }
        }
        await focus.fire();
        expect(seen).toEqual([]); // the pane's own 评价
        const ribbon = f.otherHost();
        await clearMarks(ribbon);
        await focus.fire();
        expect(seen).toMatchObject([{ action: 'clear', highlighted: 0, initial: false }]);
        const out = await runEvaluation(ribbon, { scope: 'active' });
        await focus.fire();
        expect(seen).toHaveLength(2);
        expect(seen[1]).toMatchObject({
          action: 'evaluate',
          sheets: [sheet],
          summarySheet: out.applied.summarySheet,
          highlighted: out.applied.highlighted,
          initial: false,
        });
        // The same 评价 again writes the same stamp: nothing new to report.
        await runEvaluation(ribbon, { scope: 'active' });
        await focus.fire();
        expect(seen).toHaveLength(2);

        const before = visibleState(f);
        const view = await viewRun(f.host, seen[1]);
        expect(view.result.sheets.map((s) => s.tables.map((t) => t.total))).toEqual(
          out.result.sheets.map((s) => s.tables.map((t) => t.total)),
        );
        expect(view.applied).toEqual(out.applied);
        expect(visibleState(f)).toEqual(before);
      } finally {
        stop();
      }
      // A pane opened later is shown the document's last run.
      const later: [string, boolean][] = [];
      const stop2 = f.otherHost().watchRuns!((s, initial) => later.push([s.id, initial]));
      await settle();
      stop2();
      focus.uninstall();
      expect(later).toEqual([[seen[1].id, true]]);
    });

    test('清除标记 restores every cell exactly, user fills included', async () => {
      const f = await build('gaps-sample');
      const sheet = sourceSheets(f)[0];
      f.activate(sheet);
      // Learn which cells get marked, then give some of them (and a neighbour) fills of the user's own.
      const first = await runEvaluation(f.host, { scope: 'active' });
      await clearMarks(f.host);
      const marked = planHighlights(first.result).filter((h) => h.sheet === sheet);
      expect(marked.length).toBeGreaterThan(2);
      f.setFill(sheet, marked[0].cell, '92D050');
      f.setFill(sheet, marked[1].cell, 'FFFF00', true);
      f.setFill(sheet, 'A1', '00B0F0');
      const before = sourceState(f);

      const out = await evaluateActive(f, sheet);
      expect(out.applied.highlighted).toBe(marked.length);
      expect(f.cell(sheet, marked[0].cell).fill).toBe(SEVERITY_FILL[marked[0].severity]);
      const cleared = await clearMarks(f.host);
      expect(cleared.cleared).toBe(marked.length);
      expect(sourceState(f)).toEqual(before);
      // The summary sheet stays.
      expect(f.sheetNames()).toContain('评价结果');
      // Nothing left to clear.
      expect((await clearMarks(f.host)).cleared).toBe(0);
    });

    test('评价 twice gives the same workbook as 评价 once', async () => {
      const f = await build('gaps-sample');
      const sheet = sourceSheets(f)[0];
      f.setFill(sheet, 'B2', 'C00000');
      f.activate(sheet);
      await runEvaluation(f.host, { scope: 'active' });
      const once = visibleState(f);
      const namesOnce = f.sheetNames();
      await runEvaluation(f.host, { scope: 'active' });
      expect(f.sheetNames()).toEqual(namesOnce);
      expect(visibleState(f)).toEqual(once);
      // And clearing after two runs restores the original fills, not our first-run colours.
      await clearMarks(f.host);
      expect(f.cell(sheet, 'B2').fill).toBe('C00000');
    });

    test('a 评价结果 sheet we did not write is never touched', async () => {
      const f = await build('shenze-2020');
      const sheet = sourceSheets(f)[0];
      f.addSheet('评价结果', [
        ['我的评价', '不要改'],
        [1, 2],
      ]);
      const foreign = f.cells('评价结果');
      f.activate(sheet);
      const out = await runEvaluation(f.host, { scope: 'active' });
      expect(out.applied.summarySheet).toBe('评价结果(2)');
      expect(f.cells('评价结果')).toEqual(foreign);
      const again = await evaluateActive(f, sheet);
      expect(again.applied.summarySheet).toBe('评价结果(2)');
      expect(f.cells('评价结果')).toEqual(foreign);
      expect(f.sheetNames().filter((s) => s.startsWith('评价结果'))).toEqual(['评价结果', '评价结果(2)']);
    });

    test('text stays text: formula-like, number-like and date-like strings land literally', async () => {
      const f = await build('shenze-2020');
      const sheet = sourceSheets(f)[0];
      f.activate(sheet);
      const first = await runEvaluation(f.host, { scope: 'active' });
      const indicators = first.result.sheets[0].tables[0].indicators;
      expect(indicators.length).toBeGreaterThanOrEqual(INJECTIONS.length);
      INJECTIONS.forEach((text, i) => f.setText(sheet, indicators[i].cells.name, text));
      const before = valuesOnly(sourceState(f));
      await evaluateActive(f, sheet);
      const summary = Object.values(f.cells('评价结果'));
      for (const text of INJECTIONS) {
        expect(summary.some((c) => c.value === text)).toBe(true);
      }
      // The only formulas a host may write are its own in-workbook links (Excel writes links as
      // =HYPERLINK("#'Sheet'!B5",…); WPS uses its Hyperlinks collection): never a user's text.
      const ownLink = /^=HYPERLINK\("#'(?:[^']|'')+'!\$?[A-Z]+\$?\d+",(?:\d+|"(?:[^"]|"")*")\)$/;
      expect(summary.filter((c) => c.formula && !ownLink.test(c.formula))).toEqual([]);
      for (const text of INJECTIONS) expect(summary.some((c) => c.formula && c.formula.includes(text))).toBe(false);
      // 达成 counts like "7/7" stay text too.
      expect(summary.some((c) => typeof c.value === 'string' && /^\d+\/\d+$/.test(c.value))).toBe(true);
      expect(valuesOnly(sourceState(f))).toEqual(before);
    });

    test('a protected sheet: a Chinese error, and nothing written', async () => {
      const f = await build('gaps-sample');
      const sheet = sourceSheets(f)[0];
      f.protectSheet(sheet);
      f.activate(sheet);
      const names = f.sheetNames();
      const before = visibleState(f);
      let error: unknown = null;
      try {
        await runEvaluation(f.host, { scope: 'active' });
      } catch (e) {
        error = e;
      }
      expect(isJixiaoError(error)).toBe(true);
      expect((error as Error).message).toMatch(/保护/);
      expect((error as Error).message).toMatch(/[\u4e00-\u9fff]/);
      expect(f.sheetNames()).toEqual(names);
      expect(visibleState(f)).toEqual(before);
    });

    test('selectCell activates the sheet and selects the cell', async () => {
      const f = await build('gaps-sample');
      const [a, b] = sourceSheets(f);
      f.activate(a);
      await f.host.selectCell(b, 'C7');
      expect(f.activeSheet()).toBe(b);
      expect(f.selection(b)).toBe('C7');
      await expect(f.host.selectCell('没有这张表', 'A1')).rejects.toThrow(/找不到工作表/);
    });

    test('settings are kept in the document', async () => {
      const f = await build('shenze-2020');
      const s: Settings = { profile: 'national', standards: null, department: '某县教育局', year: '2020' };
      await f.host.saveSettings(s);
      expect(await f.host.loadSettings()).toEqual(s);
      if (f.reopen) expect(await f.reopen().host.loadSettings()).toEqual(s);
      // Settings do not show up as a sheet the user sees.
      expect(f.sheetNames().some((n) => /jixiao|设置/.test(n))).toBe(false);
    });

    test('marks survive closing and reopening the document', async () => {
      const f = await build('gaps-sample');
      if (!f.reopen) return;
      const sheet = sourceSheets(f)[0];
      f.setFill(sheet, 'A1', 'FFC000');
      const before = sourceState(f);
      f.activate(sheet);
      const out = await runEvaluation(f.host, { scope: 'active' });
      const g = f.reopen();
      expect((await clearMarks(g.host)).cleared).toBe(out.applied.highlighted);
      expect(sourceState(g)).toEqual(before);
    });
  });
}
