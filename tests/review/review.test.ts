// jixiao review / batch evaluate over a generated folder of department workbooks (good, flawed, one
// unreadable, an Office lock file, one of our result files): the 汇总 workbook cell by cell against the
// generator's specs, the 问题清单 and 统计 sheets, the letters' figures and findings, the JSON document.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { main } from '../../src/cli/main';
import { Folder, GeneratedTable, writeDepartmentFolder } from '../../bench/departments';
import { round2, columnLetters } from '../../examples/generate';
import { SUMMARY_TEXT } from '../../src/review/templates';

const ROOT = path.resolve(__dirname, '..', '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-review-'));
const inbox = path.join(tmp, '收文');
const summaryFile = path.join(tmp, '复核', '汇总.xlsx');
const lettersDir = path.join(tmp, '复核', '复核意见');
const COUNT = 12;
let folder: Folder;
let result: { code: number; out: string; err: string };
let wb: ExcelJS.Workbook;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

const cell = (_t: GeneratedTable, row: number, col: number) => `${columnLetters(col)}${row}`;
const selfOf = (t: GeneratedTable) => round2((t.spec.budget?.selfScore ?? 0) + t.spec.indicators.reduce((s, i) => s + (i.score ?? 0), 0));
/** The first row's rule score when it falls short: actual ÷ target × 分值 (national rule, two decimals). */
function shortfallScore(t: GeneratedTable): number {
  const row = t.spec.indicators[0];
  return round2((parseFloat(String(row.actual)) / parseFloat(String(row.target).replace('≥', ''))) * (row.weight as number));
}
/** 核算得分 the rules give each kind (generated so that rule and self-score agree unless the kind says otherwise). */
function scoreOf(t: GeneratedTable): number | null {
  if (t.kind === 'noWeights') return null;
  if (t.kind === 'unmet' || t.kind === 'noReason') return selfOf(t);
  if (t.kind === 'inflated') return round2(100 - 6 + shortfallScore(t));
  return 100;
}

/** The errors and warnings each kind must raise, with their cells (noWeights: checked separately). */
function expectedProblems(t: GeneratedTable): { code: string; cell: string }[] {
  const L = t.layout;
  switch (t.kind) {
    case 'unmet':
      return [{ code: 'unmet', cell: cell(t, L.rows.indicators[0], L.cols.actual) }];
    case 'inflated':
      return [
        { code: 'unmet', cell: cell(t, L.rows.indicators[0], L.cols.actual) },
        { code: 'score-mismatch', cell: cell(t, L.rows.indicators[0], L.cols.score) },
      ];
    case 'noReason':
      return [
        { code: 'missing-reason', cell: cell(t, L.rows.indicators[0], L.cols.reason) },
        { code: 'unmet', cell: cell(t, L.rows.indicators[0], L.cols.actual) },
      ];
    case 'badTotal':
      return [{ code: 'total-mismatch', cell: cell(t, L.rows.total, L.cols.score) }];
    case 'noActual':
      return [{ code: 'missing-actual', cell: cell(t, L.rows.indicators[5], L.cols.actual) }];
    default:
      return [];
  }
}

function rowValues(ws: ExcelJS.Worksheet, r: number): unknown[] {
  const out: unknown[] = [];
  ws.getRow(r).eachCell({ includeEmpty: true }, (c, col) => (out[col - 1] = c.value));
  return out;
}

async function docText(file: string): Promise<string> {
  const zip = await JSZip.loadAsync(fs.readFileSync(file));
  const xml = await (zip.file('word/document.xml') as JSZip.JSZipObject).async('string');
  return [...xml.matchAll(/<w:p\b[\s\S]*?<\/w:p>/g)]
    .map((p) => [...p[0].matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(''))
    .join('\n');
}

beforeAll(async () => {
  folder = await writeDepartmentFolder(inbox, { count: COUNT, extras: true });
  result = await run('review', inbox, '--summary', summaryFile, '--letters', lettersDir, '--issuer', '某县财政局绩效管理科');
  wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(summaryFile);
}, 120000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('jixiao review', () => {
  test('exit 2 (one file unreadable), the batch goes on; closing line counts every file', () => {
    expect(result.code).toBe(2);
    expect(result.out).toContain(`共 ${COUNT + 2} 个文件：已评价 ${COUNT}，无法读取 1，跳过 1；项目表 ${COUNT} 张`);
    expect(result.out).toContain('✗ 损坏的自评表.xlsx：');
    expect(result.out).toContain('－ 旧的评价结果.xlsx：这是绩效评价助手生成的结果文件，已跳过。');
    // The lock file is never opened nor listed.
    expect(result.out + result.err).not.toContain('~$');
    expect(result.out).toContain('已写出汇总工作簿');
    expect(result.out).toContain('已写出复核意见 ');
  });

  test('汇总: one row per table, cell by cell against the generated specs, links to the files', () => {
    const ws = wb.getWorksheet('汇总') as ExcelJS.Worksheet;
    expect(rowValues(ws, 1)).toEqual(SUMMARY_TEXT.summaryHeader);
    for (let i = 0; i < COUNT; i++) {
      const t = folder.tables[i];
      const v = rowValues(ws, i + 2);
      const score = scoreOf(t);
      expect(v[0]).toBe(i + 1);
      expect(v[1]).toBe(t.department);
      expect(v[2]).toBe(t.project);
      expect(v[3]).toBe('2024');
      expect(v[4]).toBe(selfOf(t));
      expect(v[5]).toBe(score ?? '无法核算');
      // An unscorable table has no difference (never a 0).
      expect(v[6]).toBe(score === null ? null : round2(selfOf(t) - score));
      expect(v[7]).toBe(score === null ? '无法核算' : score >= 90 ? '优' : '良');
      expect(v[8]).toBe(t.kind === 'unmet' || t.kind === 'noReason' || t.kind === 'noActual' || t.kind === 'inflated' ? '15/16' : '16/16');
      expect(v[9]).toBe(1);
      const problems = expectedProblems(t);
      if (t.kind !== 'noWeights') {
        const warnings = ['unmet', 'score-mismatch'];
        expect(v[10]).toBe(problems.filter((p) => !warnings.includes(p.code)).length);
        expect(v[11]).toBe(problems.filter((p) => warnings.includes(p.code)).length);
        const top = String(v[12]);
        if (!problems.length) expect(top).toBe(SUMMARY_TEXT.noProblems);
        for (const p of problems) expect(top).toContain(` ${p.cell} `);
        // Errors before warnings.
        if (t.kind === 'noReason') expect(top.indexOf('[错误]')).toBeLessThan(top.indexOf('[警告]'));
      }
      expect(v[13]).toEqual({ text: path.basename(t.file), hyperlink: `../收文/${path.basename(t.file)}` });
      expect(v[14]).toBe('项目支出绩效自评表（表头第10行）');
    }
    const bad = rowValues(ws, COUNT + 2);
    expect(bad[2]).toBe(SUMMARY_TEXT.unreadableProject);
    expect(String(bad[12])).toContain('无法读取“损坏的自评表.xlsx”');
    expect(ws.rowCount).toBe(COUNT + 2);
    // Readable and printable.
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.pageSetup).toMatchObject({ fitToPage: true, fitToWidth: 1, fitToHeight: 0, orientation: 'landscape', printTitlesRow: '1:1' });
    expect(ws.getColumn(13).width).toBeGreaterThan(40);
    expect(ws.getCell(3, 13).alignment?.wrapText).toBe(true);
    expect(ws.autoFilter).toBeTruthy();
  });

  test('问题清单: every finding with file, sheet, cell, severity and message; filterable', () => {
    const ws = wb.getWorksheet('问题清单') as ExcelJS.Worksheet;
    expect(rowValues(ws, 1)).toEqual(SUMMARY_TEXT.findingsHeader);
    const rows = [] as unknown[][];
    for (let r = 2; r <= ws.rowCount; r++) rows.push(rowValues(ws, r));
    for (const t of folder.tables) {
      const mine = rows.filter((v) => (v[3] as { text: string }).text === path.basename(t.file));
      for (const p of expectedProblems(t)) {
        expect(mine).toContainEqual(expect.arrayContaining([p.cell, p.code, '项目支出绩效自评表', t.project]));
      }
      if (t.kind === 'good') expect(mine.filter((v) => v[6] !== '提示')).toEqual([]);
      if (t.kind === 'noWeights') expect(mine.map((v) => v[7])).toEqual(expect.arrayContaining(['unscorable', 'missing-weight']));
    }
    expect(rows.filter((v) => v[7] === 'unreadable')).toHaveLength(1);
    expect(rows.map((v) => v[0])).toEqual(rows.map((_, i) => i + 1));
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.pageSetup.printTitlesRow).toBe('1:1');
  });

  test('统计: counts, grades and averages over scorable tables only', () => {
    const ws = wb.getWorksheet('统计') as ExcelJS.Worksheet;
    const byLabel = new Map<string, unknown[]>();
    for (let r = 1; r <= ws.rowCount; r++) {
      const v = rowValues(ws, r);
      if (typeof v[0] === 'string' && !byLabel.has(v[0])) byLabel.set(v[0], v);
    }
    const L = SUMMARY_TEXT.stats;
    expect(byLabel.get(L.files)?.[1]).toBe(COUNT + 2);
    expect(byLabel.get(L.evaluated)?.[1]).toBe(COUNT);
    expect(byLabel.get(L.unreadable)?.[1]).toBe(1);
    expect(byLabel.get(L.skipped)?.[1]).toBe(1);
    const scorable = folder.tables.filter((t) => scoreOf(t) !== null);
    expect(byLabel.get(L.scorable)?.[1]).toBe(scorable.length);
    expect(byLabel.get(L.unscorable)?.[1]).toBe(COUNT - scorable.length);
    const mean = (xs: number[]) => Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100;
    expect(byLabel.get(L.avgSelf)?.[1]).toBe(mean(scorable.map(selfOf)));
    expect(byLabel.get(L.avgScore)?.[1]).toBe(mean(scorable.map((t) => scoreOf(t) as number)));
    expect(byLabel.get(L.avgDiff)?.[1]).toBe(mean(scorable.map((t) => round2(selfOf(t) - (scoreOf(t) as number)))));
    // 五、差值: the inflated tables are 0.5–2 points above; the rest of the scorable ones agree.
    const inflated = folder.tables.filter((t) => t.kind === 'inflated').length;
    expect(inflated).toBeGreaterThan(0);
    expect(byLabel.get(L.diffBands[2])?.[1]).toBe(inflated);
    expect(byLabel.get(L.diffBands[3])?.[1]).toBe(scorable.length - inflated);
    expect(byLabel.get(L.diffBands[5])?.[1]).toBe(COUNT - scorable.length);
    expect(byLabel.get('优')?.[1]).toBe(scorable.length);
    expect(byLabel.get('无法核算')?.[1]).toBe(COUNT - scorable.length);
    const missingReason = byLabel.get('missing-reason') as unknown[];
    expect(missingReason.slice(1, 5)).toEqual([
      '缺少偏差原因',
      '错误',
      folder.tables.filter((t) => t.kind === 'noReason').length,
      folder.tables.filter((t) => t.kind === 'noReason').length,
    ]);
    // Every department appears once in 四、问题按单位.
    for (const d of new Set(folder.tables.map((t) => t.department)))
      expect(byLabel.get(d)?.[1]).toBe(folder.tables.filter((t) => t.department === d).length);
  });

  test('a later run over a folder holding the summary skips it as one of our results', async () => {
    const inside = path.join(inbox, '汇总-上次.xlsx');
    fs.copyFileSync(summaryFile, inside);
    try {
      const r = await run('evaluate', inbox, '--json');
      expect(r.err).toContain(`共 ${COUNT + 3} 个文件：已评价 ${COUNT}，无法读取 1，跳过 2`);
    } finally {
      fs.rmSync(inside);
    }
  });

  test('one letter per department; a letter lists exactly that department’s findings and figures', async () => {
    const departments = [...new Set(folder.tables.map((t) => t.department))];
    expect(fs.readdirSync(lettersDir).sort()).toEqual(departments.map((d) => `复核意见-${d}.docx`).sort());
    const dept = '县交通运输局';
    const text = await docText(path.join(lettersDir, `复核意见-${dept}.docx`));
    const mine = folder.tables.filter((t) => t.department === dept);
    expect(mine.length).toBeGreaterThan(1);
    expect(text).toContain(`关于${dept}2024年度项目支出绩效自评的复核意见`);
    expect(text).toContain(`${dept}：`);
    expect(text).toContain(`报送的${mine.length}张项目支出绩效自评表`);
    expect(text).toContain('某县财政局绩效管理科');
    const items = text.split('\n').filter((l) => /^\d+\.工作表/.test(l));
    const expected = mine.flatMap((t) => expectedProblems(t).map((p) => ({ ...p, t })));
    expect(items).toHaveLength(expected.length);
    for (const p of expected) expect(items.some((l) => l.includes(`工作表“项目支出绩效自评表”${p.cell}单元格：`))).toBe(true);
    for (const t of mine) {
      expect(text).toContain(t.project);
      // 自评得分 and 核算得分 side by side in the table row of the project.
      const row = text.split('\n').findIndex((l) => l === t.project);
      expect(text.split('\n').slice(row + 1, row + 3)).toEqual([String(selfOf(t)), String(scoreOf(t) ?? '无法核算')]);
    }
    for (const t of folder.tables.filter((x) => x.department !== dept)) expect(text).not.toContain(t.project);
    // A department whose self-score is above 核算: the difference stated with both figures.
    const inflated = folder.tables.find((t) => t.kind === 'inflated') as GeneratedTable;
    const other = await docText(path.join(lettersDir, `复核意见-${inflated.department}.docx`));
    const s = scoreOf(inflated) as number;
    expect(other).toContain(`${inflated.project}自评得分100分，核算得分${s}分，相差${round2(100 - s)}分。`);
  });

  test('every digit of a letter comes from a slot (cell, score, count, heading), never from the template', async () => {
    const { buildLetters } = await import('../../src/review/letters');
    const { runTask } = await import('../../src/review/task');
    const records = await Promise.all(
      folder.tables.map((t, i) => runTask({ index: i, path: t.file, display: path.basename(t.file), profile: 'national', json: false })),
    );
    for (const l of buildLetters(records, { profileName: '全国通用' })) {
      for (const b of l.blocks) {
        const parts = b.kind === 'table' ? b.rows.flat() : [b];
        for (const p of parts) {
          let rest = p.text;
          for (const s of p.slots) rest = rest.replace(s.text, '');
          expect(rest).not.toMatch(/[0-9０-９]/);
          for (const s of p.slots) expect(s.where).toBeTruthy();
        }
      }
    }
  });

  test('summary opens in LibreOffice (converted without repair) with the same values', () => {
    const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
    if (!soffice) return;
    const out = path.join(tmp, 'lo');
    const r = spawnSync(
      soffice,
      [
        '--headless',
        `-env:UserInstallation=file://${path.join(tmp, 'lo-profile')}`,
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1',
        '--outdir',
        out,
        summaryFile,
      ],
      { encoding: 'utf8', timeout: 170000 },
    );
    expect(r.status).toBe(0);
    const csv = fs.readFileSync(path.join(out, '汇总-汇总.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe(SUMMARY_TEXT.summaryHeader.join(','));
    const t = folder.tables[0];
    expect(csv[1].startsWith(`1,${t.department},${t.project},2024,${selfOf(t)},${scoreOf(t)},`)).toBe(true);
    expect(fs.readFileSync(path.join(out, '汇总-统计.csv'), 'utf8')).toContain(`${SUMMARY_TEXT.stats.files},${COUNT + 2}`);
  }, 180000);
});

describe('jixiao evaluate with several files', () => {
  test('--json is one document: each entry the single-file shape or {file, error}; skipped files left out', async () => {
    const r = await run('evaluate', inbox, '--json');
    expect(r.code).toBe(2);
    const j = JSON.parse(r.out);
    expect(Object.keys(j)).toEqual(['files']);
    expect(j.files).toHaveLength(COUNT + 1);
    for (const e of j.files) {
      if (e.error) expect(Object.keys(e).sort()).toEqual(['error', 'file']);
      else expect(Object.keys(e).sort()).toEqual(['file', 'profile', 'sheets']);
    }
    expect(j.files.find((e: { error?: string }) => e.error).file).toBe('损坏的自评表.xlsx');
    expect(j.files[0].sheets[0].tables[0].project).toBe(folder.tables[0].project);
    // Progress as plain lines on stderr (not a terminal), then the closing line.
    expect(r.err).toMatch(/^\[1\/\d+\] /m);
    expect(r.err).toContain(`共 ${COUNT + 2} 个文件`);
  });

  test('files and folders mixed, all good: exit 0', async () => {
    const one = folder.tables[0].file;
    const r = await run('evaluate', one, folder.tables[1].file, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).files.map((e: { file: string }) => e.file)).toEqual([one, folder.tables[1].file]);
  });

  test('--out-dir: a marked copy per file under the output folder, never next to the inputs', async () => {
    const bad = await run('evaluate', inbox, '--out-dir', inbox);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--out-dir 不能是输入文件所在的文件夹');
    const outDir = path.join(inbox, '结果');
    const r = await run('evaluate', folder.tables[0].file, folder.tables[1].file, '--out-dir', outDir);
    expect(r.code).toBe(0);
    const written = fs.readdirSync(outDir).sort();
    expect(written).toEqual(
      folder.tables
        .slice(0, 2)
        .map((t) => `${path.basename(t.file, '.xlsx')}-评价结果.xlsx`)
        .sort(),
    );
    const copy = new ExcelJS.Workbook();
    await copy.xlsx.readFile(path.join(outDir, written[0]));
    expect(copy.worksheets.map((w) => w.name)).toEqual(['项目支出绩效自评表', '评价结果']);
    // A folder run later skips the output folder inside it and our result files anywhere.
    const again = await run('evaluate', inbox, '--json', '--out-dir', path.join(tmp, '另一个结果'));
    expect(JSON.parse(again.out).files).toHaveLength(COUNT + 1);
    fs.rmSync(outDir, { recursive: true, force: true });
  }, 60000);

  test('bad arguments: single-file options, missing inputs, review without outputs', async () => {
    expect((await run('evaluate', inbox, '--out', 'x.xlsx')).err).toContain('一次评价多个文件时不能用 --out');
    expect((await run('review', inbox)).err).toContain('请用 --summary');
    expect((await run('review', path.join(tmp, '没有这个目录'), '--summary', 'x.xlsx')).err).toContain('找不到');
    const empty = path.join(tmp, '空目录');
    fs.mkdirSync(empty, { recursive: true });
    const r = await run('evaluate', empty, '--json');
    expect(r.code).toBe(2);
    expect(r.err).toContain('没有找到 .xlsx 文件');
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  test('worker threads (compiled CLI) give the same JSON as one thread', () => {
    const bin = path.join(ROOT, 'bin', 'jixiao.js');
    if (!fs.existsSync(path.join(ROOT, 'lib', 'src', 'review', 'worker.js'))) throw new Error('npm run build:cli first');
    const args = [bin, 'evaluate', inbox, '--json'];
    const threads = spawnSync(process.execPath, [...args, '--workers', '2'], { encoding: 'utf8' });
    const single = spawnSync(process.execPath, [...args, '--workers', '0'], { encoding: 'utf8' });
    expect(threads.status).toBe(2);
    expect(threads.stdout).toBe(single.stdout);
    expect(JSON.parse(threads.stdout).files).toHaveLength(COUNT + 1);
    // Letters written by the workers while this thread writes the summary: the same letters.
    const dir = path.join(tmp, '线程复核意见');
    const review = spawnSync(
      process.execPath,
      [
        bin,
        'review',
        inbox,
        '--summary',
        path.join(tmp, '线程汇总.xlsx'),
        '--letters',
        dir,
        '--issuer',
        '某县财政局绩效管理科',
        '--workers',
        '2',
      ],
      { encoding: 'utf8' },
    );
    expect(review.status).toBe(2);
    expect(fs.readdirSync(dir).sort()).toEqual(fs.readdirSync(lettersDir).sort());
    return Promise.all(
      fs.readdirSync(dir).map(async (n) => expect(await docText(path.join(dir, n))).toBe(await docText(path.join(lettersDir, n)))),
    );
  }, 60000);
});
