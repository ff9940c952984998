// One message layer: what the task pane says comes from src/app (pane-messages.ts, messages.ts), so
// Excel, WPS and the standalone page say the same thing in the same words. The pane's own files keep
// labels and captions only.

import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { boot as excelBoot } from '../../src/taskpane/boot';
import { boot as wpsBoot } from '../../src/hosts/wps/boot';

const ROOT = path.resolve(__dirname, '../..');
const CJK = /[\u4e00-\u9fff]/;
/** Sentence punctuation: text with it is a message, not a label. */
const SENTENCE = /[。！？；，]/;

/** Still holds its own messages: its 检查环境 section is being reworked in another change. */
const EXEMPT = ['src/taskpane/components/SettingsPanel.tsx'];

function walk(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    return e.isDirectory() ? walk(rel) : /\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/** Every piece of literal text in a source file: strings, template parts, JSX text (not comments). */
function texts(rel: string): string[] {
  const code = fs.readFileSync(path.join(ROOT, rel), 'utf8');
  const sf = ts.createSourceFile(rel, code, ts.ScriptTarget.Latest, true, rel.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: string[] = [];
  const visit = (n: ts.Node) => {
    if (
      ts.isStringLiteral(n) ||
      ts.isNoSubstitutionTemplateLiteral(n) ||
      ts.isTemplateHead(n) ||
      ts.isTemplateMiddle(n) ||
      ts.isTemplateTail(n) ||
      ts.isJsxText(n)
    ) {
      const t = n.text.trim();
      if (t) out.push(t);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

const PANE_FILES = [...walk('src/taskpane'), 'src/hosts/wps/boot.ts'].filter((f) => !EXEMPT.includes(f));

test('the scan finds the pane files, and the text in them', () => {
  expect(PANE_FILES).toEqual(
    expect.arrayContaining(['src/taskpane/Pane.tsx', 'src/taskpane/usePane.ts', 'src/taskpane/boot.ts', 'src/hosts/wps/boot.ts']),
  );
  expect(texts('src/taskpane/Pane.tsx')).toContain('清除标记');
  expect(texts('src/app/pane-messages.ts').some((t) => SENTENCE.test(t))).toBe(true);
});

test('the pane, its startup, clipboard and downloads (.ts) hold no Chinese text: their messages come from src/app', () => {
  const found = PANE_FILES.filter((f) => f.endsWith('.ts')).flatMap((f) =>
    texts(f)
      .filter((t) => CJK.test(t))
      .map((t) => `${f}: ${t}`),
  );
  expect(found).toEqual([]);
});

test('the pane components (.tsx) hold labels and captions only: no Chinese sentences', () => {
  const found = PANE_FILES.filter((f) => f.endsWith('.tsx')).flatMap((f) =>
    texts(f)
      .filter((t) => CJK.test(t) && SENTENCE.test(t))
      .map((t) => `${f}: ${t}`),
  );
  expect(found).toEqual([]);
});

test('the pane messages say nothing of office.js: the WPS pane bundle carries them (src/app/messages.ts is Excel only)', () => {
  const code = fs.readFileSync(path.join(ROOT, 'src/app/pane-messages.ts'), 'utf8');
  expect(code).not.toMatch(/office\.js|appsforoffice/i);
  expect(code).not.toMatch(/from '\.\/messages'/);
});

test('WPS 表格 that cannot be reached: the Excel build and the WPS build say the same words', async () => {
  const g = { Application: { ActiveWorkbook: {}, ActiveSheet: {}, Workbooks: {} } };
  const createHost = () => Promise.reject(new Error('ET 未响应'));
  const excel = await excelBoot({ g, timeoutMs: 10, createHost });
  const wps = await wpsBoot({ g, timeoutMs: 10, createHost });
  expect(excel).toEqual({
    mode: 'standalone',
    reason: '无法连接 WPS 表格',
    notice: '无法连接 WPS 表格：ET 未响应。现以独立模式运行：可打开 .xlsx 文件评价。',
  });
  expect(wps).toEqual(excel);
});
