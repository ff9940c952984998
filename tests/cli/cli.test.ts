import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as crypto from 'crypto';
import { spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { OWNER_MARK, SEVERITY_FILL } from '../../src/core/plan';
import { mergeRanges } from '../support/merges';

const ROOT = path.resolve(__dirname, '..', '..');
const SHENZE = path.join(ROOT, 'examples', 'shenze-2020.xlsx');
const GAPS = path.join(ROOT, 'examples', 'gaps-sample.xlsx');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-cli-'));

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('jixiao evaluate', () => {
  test('seed sample: human report, every table 优, no errors', async () => {
    const r = await run('evaluate', SHENZE);
    expect(r.code).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toContain('【学前教育】');
    expect(r.out).toContain('【教师队伍】');
    expect(r.out).not.toMatch(/等级“[良中差]”/);
    expect(r.out).toMatch(/共评价 7 张表/);
    expect(r.out).toMatch(/错误 0，/);
  });

  test('--json keeps exactly the contract names', async () => {
    const r = await run('evaluate', GAPS, '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j).sort()).toEqual(['file', 'profile', 'sheets']);
    expect(j.profile).toBe('national');
    expect(Object.keys(j.sheets[0]).sort()).toEqual(['notes', 'sheet', 'tables']);
    const t = j.sheets[0].tables[0];
    expect(Object.keys(t).sort()).toEqual(['budget', 'findings', 'headerRow', 'indicators', 'project', 'title', 'total', 'year'].sort());
    expect(Object.keys(t.indicators[0]).sort()).toEqual(
      ['actual', 'kind', 'level1', 'level2', 'name', 'reason', 'row', 'score', 'selfScore', 'status', 'target', 'weight'].sort(),
    );
    expect(Object.keys(t.budget).sort()).toEqual(['executed', 'planned', 'rate', 'row', 'score', 'selfScore', 'weight'].sort());
    expect(Object.keys(t.total).sort()).toEqual(['grade', 'score', 'selfScore', 'weight']);
    expect(t.budget.rate).toBeLessThan(1);
    for (const f of t.findings) {
      expect(Object.keys(f).sort()).toEqual(['cell', 'code', 'message', 'row', 'severity']);
      expect(['error', 'warning', 'info']).toContain(f.severity);
    }
    // 填表说明 has no table and is skipped without error.
    expect(j.sheets.map((s: { sheet: string }) => s.sheet)).not.toContain('填表说明');
  });

  test('--sheet and --profile', async () => {
    const r = await run('evaluate', GAPS, '--json', '--sheet', '重大传染病防控', '--profile', 'guangxi');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.profile).toBe('guangxi');
    expect(j.sheets).toHaveLength(1);
    expect((await run('evaluate', GAPS, '--profile', 'nope')).code).toBe(2);
    expect((await run('evaluate', GAPS, '--sheet', '不存在')).code).toBe(2);
  });

  test('--out writes flags and 评价结果, preserves the sheets, leaves the input unchanged', async () => {
    const before = sha(GAPS);
    const out = path.join(tmp, 'result.xlsx');
    const r = await run('evaluate', GAPS, '--out', out);
    expect(r.code).toBe(0);
    expect(sha(GAPS)).toBe(before);

    const src = new ExcelJS.Workbook();
    await src.xlsx.readFile(GAPS);
    const res = new ExcelJS.Workbook();
    await res.xlsx.readFile(out);
    const summary = res.getWorksheet('评价结果');
    expect(summary).toBeDefined();
    expect(String(summary!.getCell('A1').value)).toContain(OWNER_MARK);
    // Every source sheet is there with the same values, merges, number formats and widths.
    let merged = 0;
    src.eachSheet((ws) => {
      const copy = res.getWorksheet(ws.name)!;
      expect(copy).toBeDefined();
      expect(mergeRanges(copy)).toEqual(mergeRanges(ws));
      merged += mergeRanges(ws).length;
      ws.eachRow((row, r) => {
        row.eachCell((cell, c) => {
          const other = copy.getCell(r, c);
          expect(other.value).toEqual(cell.value);
          expect(other.numFmt).toEqual(cell.numFmt);
        });
      });
      ws.columns.forEach((col, i) => expect(copy.getColumn(i + 1).width).toEqual(col.width));
    });
    expect(merged).toBeGreaterThan(0); // the sample has merged cells, so the comparison above checks something
    // The JSON findings' cells are marked by severity in the copy: a conditional format of ours covers
    // the cell (the fill of the error level), and the cell's own style is the input's.
    const j = JSON.parse((await run('evaluate', GAPS, '--json', '--sheet', '基本公共卫生服务')).out);
    const err = j.sheets[0].tables[0].findings.find((f: { severity: string; cell: string | null }) => f.severity === 'error' && f.cell);
    const marked = res.getWorksheet('基本公共卫生服务')!;
    expect(marked.getCell(err.cell).style).toEqual(src.getWorksheet('基本公共卫生服务')!.getCell(err.cell).style);
    const cfs = (
      marked as unknown as {
        conditionalFormattings: { ref: string; rules: { formulae?: string[]; style?: { fill?: { bgColor?: { argb?: string } } } }[] }[];
      }
    ).conditionalFormattings;
    const errorRule = cfs.find((cf) => cf.rules[0].formulae?.[0] === 'ISTEXT("jixiao-mark:error")')!;
    expect(errorRule.ref.split(' ')).toContainEqual(expect.stringMatching(new RegExp(`^${err.cell}$|^[A-Z]+\\d+:[A-Z]+\\d+$`)));
    expect(errorRule.rules[0].style?.fill?.bgColor?.argb).toBe(`FF${SEVERITY_FILL.error}`);
    // Links point at cells of the workbook (<hyperlink location=…>, which exceljs does not read back).
    const zip = await JSZip.loadAsync(fs.readFileSync(out));
    const sheetFile = `xl/worksheets/sheet${res.worksheets.indexOf(summary!) + 1}.xml`;
    const locations = [...(await zip.file(sheetFile)!.async('string')).matchAll(/<hyperlink ref="[A-Z]+\d+" location="([^"]+)"\/>/g)].map(
      (m) => m[1],
    );
    expect(locations.length).toBeGreaterThan(10);
    for (const l of locations) expect(l).toMatch(/^'.+'![A-Z]+\d+$/);
  });

  test('re-running on our own output replaces our sheet; a foreign 评价结果 is kept', async () => {
    const first = path.join(tmp, 'first.xlsx');
    await run('evaluate', SHENZE, '--out', first);
    const second = path.join(tmp, 'second.xlsx');
    expect((await run('evaluate', first, '--out', second)).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(second);
    expect(wb.worksheets.filter((w) => w.name.startsWith('评价结果')).map((w) => w.name)).toEqual(['评价结果']);

    const foreign = path.join(tmp, 'foreign.xlsx');
    const src = new ExcelJS.Workbook();
    await src.xlsx.readFile(SHENZE);
    src.addWorksheet('评价结果').getCell('A1').value = '我自己的评价结果';
    await src.xlsx.writeFile(foreign);
    const third = path.join(tmp, 'third.xlsx');
    expect((await run('evaluate', foreign, '--out', third)).code).toBe(0);
    const wb3 = new ExcelJS.Workbook();
    await wb3.xlsx.readFile(third);
    expect(wb3.getWorksheet('评价结果')!.getCell('A1').value).toBe('我自己的评价结果');
    expect(String(wb3.getWorksheet('评价结果(2)')!.getCell('A1').value)).toContain(OWNER_MARK);
  });

  test('text that looks like a formula stays text in the summary', async () => {
    const src = new ExcelJS.Workbook();
    await src.xlsx.readFile(SHENZE);
    const ws = src.worksheets[0];
    // Put a formula-looking reason on the first indicator's reason cell (column I in the national layout).
    let target = 0;
    ws.eachRow((row, r) => {
      if (!target && String(row.getCell(4).value ?? '').length > 0 && r > 12) target = r;
    });
    ws.getCell(target, 9).value = '=HYPERLINK("http://x","y")';
    const file = path.join(tmp, 'formula.xlsx');
    await src.xlsx.writeFile(file);
    const out = path.join(tmp, 'formula-out.xlsx');
    expect((await run('evaluate', file, '--out', out)).code).toBe(0);
    const res = new ExcelJS.Workbook();
    await res.xlsx.readFile(out);
    let found = false;
    res.getWorksheet('评价结果')!.eachRow((row) =>
      row.eachCell((c) => {
        if (c.value === '=HYPERLINK("http://x","y")') found = true;
        expect(c.formula).toBeUndefined();
      }),
    );
    expect(found).toBe(true);
  });

  test('exit 1 when no indicator table, with the header words and first rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('封面');
    ws.getCell('A1').value = '2021年度部门绩效自评材料';
    ws.getCell('A2').value = '填报单位：某某局';
    const file = path.join(tmp, 'no-table.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await run('evaluate', file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('三级指标');
    expect(r.err).toContain('年度指标值');
    expect(r.err).toContain('2021年度部门绩效自评材料');
  });

  test.each([
    ['old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), '另存为'],
    ['table.et', Buffer.from('anything'), '.xlsx'],
    ['garbage.xlsx', Buffer.from('this is not a zip'), '不是 .xlsx'],
    ['broken.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), '无法读取'],
  ])('exit 2 for %s, with a Chinese message and no stack trace', async (name, bytes, phrase) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, bytes);
    const r = await run('evaluate', file);
    expect(r.code).toBe(2);
    expect(r.err).toContain(phrase);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  test('exit 2 for a missing file and for bad arguments', async () => {
    expect((await run('evaluate', path.join(tmp, 'nope.xlsx'))).err).toContain('找不到文件');
    expect((await run('evaluate')).code).toBe(2);
    expect((await run('frobnicate', SHENZE)).code).toBe(2);
    expect((await run('evaluate', SHENZE, '--bogus')).code).toBe(2);
    expect((await run('evaluate', SHENZE, '--out', SHENZE)).code).toBe(2);
  });

  test('argument mistakes get a clear message and exit 2', async () => {
    const bare = await run(SHENZE);
    expect([bare.code, bare.err]).toEqual([2, expect.stringContaining(`请运行：jixiao evaluate ${SHENZE}`)]);
    const csv = await run('evaluate', SHENZE, '--out', path.join(tmp, 'x.csv'));
    expect([csv.code, csv.err]).toEqual([2, expect.stringContaining('--out 的文件名须以 .xlsx 结尾')]);
    const empty = await run('evaluate', SHENZE, '--out=');
    expect([empty.code, empty.err]).toEqual([2, expect.stringContaining('选项 --out 需要一个值')]);
    const year = await run('evaluate', SHENZE, '--year', 'abc');
    expect([year.code, year.err]).toEqual([2, expect.stringContaining('--year 须是四位数字的年度')]);
    expect((await run('evaluate', SHENZE, '--year=2021')).code).toBe(0);
    for (const r of [bare, csv, empty, year]) expect(r.err).not.toMatch(/\n\s+at /);
  });

  test('--version prints the package version; --help lists every exit code', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(await run('--version')).toEqual({ code: 0, out: `jixiao ${pkg.version}\n`, err: '' });
    const help = await run('--help');
    expect(help.code).toBe(0);
    for (const code of [0, 1, 2, 3]) expect(help.out).toMatch(new RegExp(`[：；]${code} `));
    const header = fs
      .readFileSync(path.join(ROOT, 'src', 'cli', 'main.ts'), 'utf8')
      .split('\n')
      .slice(0, 3)
      .join(' ');
    for (const code of [0, 1, 2, 3]) expect(header).toContain(` ${code} `);
  });

  test('--help and --version load no workbook code (exceljs, docx, the package reader’s zip and XML libraries)', () => {
    const script = `const m = require(${JSON.stringify(path.join(ROOT, 'lib', 'src', 'cli', 'main.js'))});
      const quiet = { out() {}, err() {} };
      Promise.all([m.main(['--help'], quiet), m.main(['--version'], quiet)]).then((codes) => {
        const heavy = Object.keys(require.cache).filter((k) => /[\\/]node_modules[\\/](exceljs|docx|fflate|saxes)[\\/]/.test(k));
        process.stdout.write(JSON.stringify({ codes, heavy: heavy.length }));
      });`;
    const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
    expect(JSON.parse(r.stdout)).toEqual({ codes: [0, 0], heavy: 0 });
    // The evaluate path does load it (so the check above is not vacuous).
    const e = spawnSync(process.execPath, ['-e', script.replace("['--help'], quiet", `['evaluate', ${JSON.stringify(SHENZE)}], quiet`)], {
      encoding: 'utf8',
    });
    expect(JSON.parse(e.stdout).heavy).toBeGreaterThan(0);
  });

  test('the bin runs the built CLI with real exit codes', () => {
    const bin = path.join(ROOT, 'bin', 'jixiao.js');
    // npm test builds lib/ first (npm run build:cli).
    expect(fs.existsSync(path.join(ROOT, 'lib', 'src', 'cli', 'main.js'))).toBe(true);
    const ok = spawnSync(process.execPath, [bin, 'evaluate', SHENZE, '--json'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).sheets.length).toBe(7);
    const bad = spawnSync(process.execPath, [bin, 'evaluate', path.join(tmp, 'nope.xlsx')], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('找不到文件');
  });
});

describe('safe output', () => {
  test('an --out that is the input through a symbolic or hard link is refused; the input is untouched', async () => {
    const input = path.join(tmp, 'safe-in.xlsx');
    fs.copyFileSync(GAPS, input);
    const before = sha(input);
    const sym = path.join(tmp, 'safe-sym.xlsx');
    const hard = path.join(tmp, 'safe-hard.xlsx');
    fs.symlinkSync(input, sym);
    fs.linkSync(input, hard);
    for (const out of [sym, hard, path.join(tmp, '.', 'safe-in.xlsx')]) {
      const r = await run('evaluate', input, '--out', out);
      expect(r.code).toBe(2);
      expect(r.err).toContain('就是输入文件');
    }
    expect(sha(input)).toBe(before);
  });

  test('--out keeps the input kind (.xlsx)', async () => {
    const r = await run('evaluate', GAPS, '--out', path.join(tmp, 'result.docx'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('.xlsx');
  });

  test('a write that cannot complete leaves the previous result in place and no temporary file', async () => {
    const dir = path.join(tmp, 'atomic');
    fs.mkdirSync(dir);
    const out = path.join(dir, 'result.xlsx');
    fs.writeFileSync(out, 'previous result');
    // A folder where the result goes: the rename fails after the whole file was written beside it.
    const blocked = path.join(dir, 'blocked.xlsx');
    fs.mkdirSync(blocked);
    fs.writeFileSync(path.join(blocked, 'x'), 'x');
    const r = await run('evaluate', GAPS, '--out', blocked);
    expect(r.code).toBe(2);
    expect(r.err).toContain('无法写入');
    expect(fs.readdirSync(dir).sort()).toEqual(['blocked.xlsx', 'result.xlsx']);
    expect((await run('evaluate', GAPS, '--out', out)).code).toBe(0);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
  });
});

describe('jixiao clear', () => {
  test('removes our marks and 评价结果, giving back every part of the input', async () => {
    const result = path.join(tmp, 'clear-result.xlsx');
    expect((await run('evaluate', GAPS, '--out', result)).code).toBe(0);
    const clean = path.join(tmp, 'clear-clean.xlsx');
    const r = await run('clear', result, '--out', clean);
    expect(r.code).toBe(0);
    expect(r.out).toContain('已清除');
    const a = await JSZip.loadAsync(fs.readFileSync(GAPS));
    const b = await JSZip.loadAsync(fs.readFileSync(clean));
    expect(Object.keys(b.files).sort()).toEqual(Object.keys(a.files).sort());
    for (const name of Object.keys(a.files).filter((n) => !a.files[n].dir)) {
      expect([name, await b.file(name)!.async('string')]).toEqual([name, await a.file(name)!.async('string')]);
    }
    // In place without --out; a clean file is left alone.
    expect((await run('clear', result)).code).toBe(0);
    expect(sha(result)).toBe(sha(clean));
    const again = await run('clear', result);
    expect(again.out).toContain('未做改动');
  });
});
