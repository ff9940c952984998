// npm run build:intranet: office.js comes from the add-in's own origin (dist/office-js/, copied from the
// @microsoft/office-js package pinned in package-lock.json); no page or script refers to Microsoft's CDN.
// Built into a temp dir, served on 127.0.0.1, and opened in headless Chromium with the network closed.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT, describeWithBrowser, launchOffline, serveDir } from './support';

const CDN = 'appsforoffice.microsoft.com';
let out: string;

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-intranet-'));
  const cli = path.join(path.dirname(require.resolve('webpack-cli')), '..', 'bin', 'cli.js');
  execFileSync(process.execPath, [cli, '--mode', 'production', '--env', 'intranet', '--output-path', out], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, ADDIN_BASE_URL: 'https://intranet.example.gov.cn/jixiao/' },
  });
}, 300000);

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

function files(dir: string): string[] {
  const list: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) list.push(...files(full));
    else list.push(full);
  }
  return list;
}

test('both pages load office.js from office-js/office.js, and nothing of ours names the CDN', () => {
  for (const page of ['taskpane.html', 'commands.html']) {
    const html = fs.readFileSync(path.join(out, page), 'utf8');
    const scripts = Array.from(html.matchAll(/<script[^>]*\bsrc="([^"]+)"/g)).map((m) => m[1]);
    expect(scripts).toContain('office-js/office.js');
    for (const s of scripts) expect(s).not.toMatch(/^(?:https?:)?\/\//);
  }
  const ours = files(out).filter((f) => !f.includes(`${path.sep}office-js${path.sep}`) && /\.(?:html|js)$/.test(f));
  for (const f of ours) expect({ f, cdn: fs.readFileSync(f, 'utf8').includes(CDN) }).toEqual({ f, cdn: false });
  expect(fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8')).toContain('https://intranet.example.gov.cn/jixiao/taskpane.html');
});

test('office-js/ is the pinned package: office.js byte for byte, the Excel host files, Chinese strings', () => {
  const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version: string }>;
  };
  const pkgDir = path.dirname(require.resolve('@microsoft/office-js/package.json'));
  const installed = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  expect(installed.version).toBe(lock.packages['node_modules/@microsoft/office-js'].version);
  const local = path.join(out, 'office-js');
  expect(fs.readFileSync(path.join(local, 'office.js')).equals(fs.readFileSync(path.join(pkgDir, 'dist', 'office.js')))).toBe(true);
  for (const f of [
    'excel-win32-16.01.js',
    'excel-web-16.00.js',
    'excel-mac-16.00.js',
    'zh-cn/office_strings.js',
    'en-us/office_strings.js',
  ]) {
    expect({ f, there: fs.existsSync(path.join(local, f)) }).toEqual({ f, there: true });
  }
  // Not Word, Outlook, PowerPoint…, no debug builds.
  const names = files(local).map((f) => path.basename(f));
  expect(names.filter((n) => /^(?:word|outlook|powerpoint|onenote)-|\.debug\.js$/.test(n))).toEqual([]);
});

describeWithBrowser('the intranet build in headless Chromium', () => {
  test('opened offline, the pane asks only its own origin for office.js', async () => {
    const server = await serveDir(out);
    const browser = await launchOffline(() => undefined, { label: 'intranet' });
    try {
      const page = await browser.context.newPage();
      const asked: string[] = [];
      page.on('request', (r) => asked.push(r.url()));
      await page.goto(`${server.origin}/taskpane.html`);
      await page.getByTestId('mode').waitFor({ timeout: 20000 });
      expect(asked).toContain(`${server.origin}/office-js/office.js`);
      expect(browser.outside).toEqual([]);
    } finally {
      await browser.close();
      await server.stop();
    }
  }, 120000);
});
