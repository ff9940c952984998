// The WPS build (webpack.wps.config.js + scripts/wps-package.js), run into a temp dir:
//   - layout of dist-wps: the add-in folder <name>_<version>/, its archive, the publish.xml/jsplugins.xml
//     records, install/uninstall scripts, README;
//   - nothing refers to office.js; no absolute or http(s) URL is ever loaded (HTML/CSS/XML resource
//     references are relative; http strings inside libraries are XML namespaces or documentation links);
//   - ES2017 syntax only (acorn parses every script at ecmaVersion 2017); core-js polyfills for the [wps]
//     section of .browserslistrc;
//   - ribbon.xml is well-formed, and every callback it names exists in main.js and answers synchronously;
//   - the archive unpacks to <name>_<version>/; the Linux install script installs into a temp HOME;
//   - end to end in headless Chromium (when installed): the task pane from file:// with a fake
//     `Application`, 评价 clicked, the fake workbook checked; the ribbon page's 评价 likewise.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vm from 'vm';
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import type { BrowserContext, Page } from 'playwright-core';
import { OWNER_MARK } from '../../src/core/plan';
import { loadBook } from '../hosts/wps/fixture';
import type { FakeBook } from '../fakes/wps';
import { browserBundle, CHROMIUM, CHROMIUM_ARGS, copyAndArrowThroughTabs } from '../e2e/support';
import { expectPolyfillsFor } from '../support/polyfills';
import { describeWithBrowser } from '../support/browser';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
const FOLDER = `${pkg.name}_${pkg.version}`;

/** Hosts whose URLs appear inside bundled libraries as XML namespaces or in error/documentation text. */
const IDENTIFIER_HOSTS = [
  'schemas.openxmlformats.org',
  'schemas.microsoft.com',
  'www.w3.org',
  'purl.org',
  'purl.oclc.org',
  'react.dev',
  'reactjs.org',
  'github.com',
  'stuk.github.io',
  'aka.ms',
  'answers.microsoft.com',
  'fb.me',
];
const CUSTOMUI_NS = 'http://schemas.microsoft.com/office/2006/01/customui';

let out: string;
let addin: string;

function walk(dir: string): string[] {
  const list: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) list.push(...walk(full));
    else list.push(full);
  }
  return list.sort();
}

function parseXml(text: string): { name: string; attributes: Record<string, string> }[] {
  const elements: { name: string; attributes: Record<string, string> }[] = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (t) => elements.push({ name: t.name, attributes: t.attributes as Record<string, string> }));
  parser.write(text).close();
  return elements;
}

beforeAll(() => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-wps-build-'));
  const cli = path.join(path.dirname(require.resolve('webpack-cli')), '..', 'bin', 'cli.js');
  execFileSync(process.execPath, [cli, '--config', 'webpack.wps.config.js', '--mode', 'production'], {
    cwd: ROOT,
    stdio: 'pipe',
    env: { ...process.env, JIXIAO_WPS_OUT: out },
  });
  addin = path.join(out, FOLDER);
}, 240000);

afterAll(() => {
  if (out) fs.rmSync(out, { recursive: true, force: true });
});

describe('dist-wps layout', () => {
  test('the add-in folder, its archive, the records, the scripts and the README', () => {
    for (const f of [
      'ribbon.xml',
      'index.html',
      'main.js',
      'taskpane.html',
      'taskpane.js',
      'ribbon.js',
      'assets/eval-32.png',
      'assets/clear-32.png',
      'assets/icon-32.png',
    ]) {
      expect(fs.existsSync(path.join(addin, f))).toBe(true);
    }
    const top = fs.readdirSync(out).sort();
    expect(top).toEqual(
      expect.arrayContaining([
        FOLDER,
        `${FOLDER}.zip`,
        `${FOLDER}.7z`,
        'publish.xml',
        'jsplugins.xml',
        'install-windows.bat',
        'install-windows.ps1',
        'uninstall-windows.bat',
        'uninstall-windows.ps1',
        'install-linux.sh',
        'uninstall-linux.sh',
        'README.md',
      ]),
    );
    // The add-in folder holds the add-in only.
    expect(fs.readdirSync(addin).filter((f) => /install|publish|jsplugins|README/.test(f))).toEqual([]);
  });

  test('nothing refers to office.js, Office.js APIs or the Excel host', () => {
    for (const file of walk(out).filter((f) => !f.endsWith('.zip') && !f.endsWith('.png'))) {
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(out, file);
      expect({ rel, officeJs: /office\.js|appsforoffice|office\.debug\.js/i.test(text) }).toEqual({ rel, officeJs: false });
      expect({ rel, officeApi: /Office\.onReady|Excel\.run\(|Office\.context/.test(text) }).toEqual({ rel, officeApi: false });
    }
  });

  test('no absolute or http(s) URL is ever loaded: relative references only', () => {
    const files = walk(addin);
    for (const file of files.filter((f) => f.endsWith('.html'))) {
      const html = fs.readFileSync(file, 'utf8');
      const refs = Array.from(html.matchAll(/\b(?:src|href|action|poster|data)\s*=\s*["']?([^"'\s>]+)/gi)).map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs) {
        expect({ file: path.basename(file), ref, relative: !/^([a-z][a-z0-9+.-]*:|\/)/i.test(ref) }).toEqual({
          file: path.basename(file),
          ref,
          relative: true,
        });
      }
      expect(html).not.toMatch(/https?:\/\//);
    }
    for (const file of files.filter((f) => f.endsWith('.js') || f.endsWith('.css'))) {
      const code = fs.readFileSync(file, 'utf8');
      const rel = path.basename(file);
      // Never in a loading position.
      expect({
        rel,
        loads:
          /(?:\bsrc|\bhref)\s*[=:]\s*["'`](?:https?:)?\/\/|\bimport\(\s*["'`]https?:|\bfetch\(\s*["'`]https?:|importScripts\(\s*["'`]https?:|url\(\s*["']?(?:https?:)?\/\//.test(
            code,
          ),
      }).toEqual({ rel, loads: false });
      // The webpack runtime loads chunks relative to the page.
      for (const m of code.matchAll(/\.p\s*=\s*"([^"]*)"/g)) expect(m[1]).toBe('');
      // Any other http string is an identifier (XML namespace) or documentation text of a library.
      const hosts = new Set(Array.from(code.matchAll(/https?:\/\/([a-z0-9.-]+)/gi)).map((m) => m[1].toLowerCase()));
      for (const h of hosts) expect({ rel, host: h, known: IDENTIFIER_HOSTS.includes(h) }).toEqual({ rel, host: h, known: true });
    }
    // Every other file (pages, records, scripts, README): no URL at all but the CustomUI namespace of
    // ribbon.xml, which is a name, not a location.
    for (const file of walk(out).filter((f) => !/\.(js|png|zip|7z)$/.test(f))) {
      const urls = Array.from(fs.readFileSync(file, 'utf8').matchAll(/(?:https?|ftp):\/\/[^\s"'<>)]+/g)).map((m) => m[0]);
      const rel = path.relative(out, file);
      expect({ rel, urls: urls.filter((u) => u !== CUSTOMUI_NS) }).toEqual({ rel, urls: [] });
    }
  });

  test('no toLocaleDateString / toLocaleTimeString anywhere in the scripts (they fail on some Linux WPS builds)', () => {
    for (const file of walk(addin).filter((f) => f.endsWith('.js'))) {
      const rel = path.basename(file);
      expect({ rel, locale: /toLocale(Date|Time)String/.test(fs.readFileSync(file, 'utf8')) }).toEqual({ rel, locale: false });
    }
  });

  test("the task pane's initial JavaScript is within 150 KB gzip (the engine and the WPS adapter load on demand)", () => {
    const { bundleSizes, INITIAL_BUDGET_GZIP } = require('../../bench/bundle') as typeof import('../../bench/bundle');
    const b = bundleSizes(addin);
    expect(b.initialJsGzip).toBeGreaterThan(0);
    expect(b.initialJsGzip).toBeLessThanOrEqual(INITIAL_BUDGET_GZIP);
  });

  test('every script parses as ES2017 (the Chromium embedded in older WPS builds)', () => {
    const acorn = require('acorn') as { parse(code: string, o: object): unknown };
    for (const file of walk(addin).filter((f) => f.endsWith('.js'))) {
      const rel = path.basename(file);
      let error = '';
      try {
        acorn.parse(fs.readFileSync(file, 'utf8'), { ecmaVersion: 2017, sourceType: 'script' });
      } catch (e) {
        error = (e as Error).message;
      }
      expect({ rel, error }).toEqual({ rel, error: '' });
    }
  });

  test('core-js polyfills what the sources call exactly where the [wps] webviews lack it; WeakRef is shimmed', () => {
    // wps/README.md states the oldest embedded Chromium supported: the [wps] section starts there.
    const oldest = /内置浏览器内核为 Chromium (\d+) 及更新版本/.exec(fs.readFileSync(path.join(ROOT, 'wps/README.md'), 'utf8'));
    const browsers = (require('browserslist') as (q: undefined, o: object) => string[])(undefined, { path: ROOT, env: 'wps' });
    expect(Math.min(...browsers.filter((b) => b.startsWith('chrome ')).map((b) => Number(b.split(' ')[1])))).toBe(Number(oldest?.[1]));
    expectPolyfillsFor(addin, 'wps');
  });

  test('the task pane page loads the polyfills and the pane; the ribbon page main.js then the ribbon bundle', () => {
    const pane = fs.readFileSync(path.join(addin, 'taskpane.html'), 'utf8');
    expect(pane).toMatch(/<script[^>]*src="taskpane\.js"/);
    expect(pane).toContain('id="root"');
    const index = fs.readFileSync(path.join(addin, 'index.html'), 'utf8');
    const scripts = Array.from(index.matchAll(/<script[^>]*src="([^"]+)"/g)).map((m) => m[1]);
    expect(scripts).toEqual(['main.js', 'ribbon.js']);
    expect(fs.readFileSync(path.join(addin, 'main.js'), 'utf8')).toBe(fs.readFileSync(path.join(ROOT, 'wps/main.js'), 'utf8'));
  });
});

describe('ribbon.xml and main.js', () => {
  interface FakePane {
    ID: number;
    Visible: boolean;
    url: string;
  }

  function loadMain(opts: { evaluate?: () => Promise<{ ok: boolean; message: string }>; href?: string } = {}) {
    const storage = new Map<string, string>();
    const panes: FakePane[] = [];
    const alerts: string[] = [];
    const app = {
      PluginStorage: {
        getItem: (k: string) => (storage.has(k) ? storage.get(k)! : null),
        setItem: (k: string, v: unknown) => storage.set(k, v as string),
        removeItem: (k: string) => storage.delete(k),
      },
      CreateTaskPane(url: string) {
        const p: FakePane = { ID: 7 + panes.length, Visible: false, url };
        panes.push(p);
        return p;
      },
      GetTaskPane(id: number) {
        const p = panes.find((x) => x.ID === id);
        if (!p) throw new Error('no pane');
        return p;
      },
    };
    const win: Record<string, unknown> = {
      Application: app,
      location: { href: opts.href ?? `file:///home/u/.local/share/Kingsoft/wps/jsaddons/${FOLDER}/index.html?x=1#top` },
      alert: (m: string) => alerts.push(m),
      jixiaoRibbon: {
        evaluate: opts.evaluate ?? (() => Promise.resolve({ ok: true, message: '评价完成' })),
        clearMarks: () => Promise.resolve({ ok: true, message: '没有需要清除的标记。' }),
      },
    };
    win.window = win;
    vm.runInNewContext(fs.readFileSync(path.join(addin, 'main.js'), 'utf8'), win);
    return { win, storage, panes, alerts, ribbon: win.ribbon as Record<string, (...a: unknown[]) => unknown> };
  }

  test('ribbon.xml is well-formed CustomUI: a 绩效评价 tab with 打开助手, 评价, 清除标记', () => {
    const xml = fs.readFileSync(path.join(addin, 'ribbon.xml'), 'utf8');
    const els = parseXml(xml);
    expect(els[0]).toMatchObject({ name: 'customUI', attributes: { xmlns: CUSTOMUI_NS } });
    expect(els.find((e) => e.name === 'tab')!.attributes.label).toBe('绩效评价');
    expect(els.filter((e) => e.name === 'button').map((e) => e.attributes.label)).toEqual(['打开助手', '评价', '清除标记']);
    const ids = els.map((e) => e.attributes.id).filter(Boolean);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('every callback ribbon.xml names exists in main.js, with no async function anywhere', () => {
    const xml = fs.readFileSync(path.join(addin, 'ribbon.xml'), 'utf8');
    const names = new Set<string>();
    for (const e of parseXml(xml)) {
      for (const [attr, value] of Object.entries(e.attributes)) if (/^(on[A-Z]|get[A-Z])|^onLoad$/.test(attr)) names.add(value);
    }
    expect([...names].sort()).toEqual([
      'ribbon.GetImage',
      'ribbon.OnAction',
      'ribbon.OnAddinLoad',
      'ribbon.OnGetEnabled',
      'ribbon.OnGetVisible',
    ]);
    const { win } = loadMain();
    for (const name of names) {
      const fn = name.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], win);
      expect({ name, type: typeof fn }).toEqual({ name, type: 'function' });
      expect({ name, async: (fn as () => unknown).constructor.name }).toEqual({ name, async: 'Function' });
    }
    const code = fs.readFileSync(path.join(addin, 'main.js'), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(code).not.toMatch(/\basync\b|\bawait\b|=>/);
  });

  test('callbacks answer synchronously; GetImage points at files in the package', () => {
    const { ribbon } = loadMain();
    for (const id of ['jxOpenPane', 'jxEvaluate', 'jxClearMarks']) {
      for (const cb of ['OnAction', 'GetImage', 'OnGetEnabled', 'OnGetVisible']) {
        const r = ribbon[cb]({ Id: id });
        expect(r === null || typeof (r as { then?: unknown }).then !== 'function').toBe(true);
      }
      const img = ribbon.GetImage({ Id: id }) as string;
      expect(fs.existsSync(path.join(addin, img))).toBe(true);
    }
    expect(ribbon.OnAddinLoad({})).toBe(true);
  });

  test('打开助手 creates the pane once (id kept in PluginStorage as a string) and then toggles it', () => {
    const { ribbon, storage, panes } = loadMain();
    expect(ribbon.OnAction({ Id: 'jxOpenPane' })).toBe(true);
    expect(panes).toHaveLength(1);
    expect(panes[0].url).toBe(`file:///home/u/.local/share/Kingsoft/wps/jsaddons/${FOLDER}/taskpane.html`);
    expect(panes[0].Visible).toBe(true);
    expect(storage.get('jixiao_taskpane_id')).toBe(String(panes[0].ID));
    expect(typeof storage.get('jixiao_taskpane_id')).toBe('string');
    ribbon.OnAction({ Id: 'jxOpenPane' });
    expect(panes[0].Visible).toBe(false);
    ribbon.OnAction({ Id: 'jxOpenPane' });
    expect(panes[0].Visible).toBe(true);
    expect(panes).toHaveLength(1);
    // A pane WPS no longer knows (closed with its window) is created anew.
    storage.set('jixiao_taskpane_id', '999');
    ribbon.OnAction({ Id: 'jxOpenPane' });
    expect(panes).toHaveLength(2);
    expect(storage.get('jixiao_taskpane_id')).toBe(String(panes[1].ID));
  });

  test('the pane URL is decoded: a Chinese user name in the path reaches CreateTaskPane as written', () => {
    const { ribbon, panes } = loadMain({
      href: `file:///C:/Users/${encodeURIComponent('张三')}/AppData/Roaming/kingsoft/wps/jsaddons/${FOLDER}/index.html`,
    });
    ribbon.OnAction({ Id: 'jxOpenPane' });
    expect(panes[0].url).toBe(`file:///C:/Users/张三/AppData/Roaming/kingsoft/wps/jsaddons/${FOLDER}/taskpane.html`);
  });

  test('评价 starts the work, returns at once, and shows the outcome when it settles', async () => {
    let resolve: (r: { ok: boolean; message: string }) => void = () => undefined;
    const { ribbon, alerts } = loadMain({ evaluate: () => new Promise((r) => (resolve = r)) });
    expect(ribbon.OnAction({ Id: 'jxEvaluate' })).toBe(true);
    expect(alerts).toEqual([]);
    resolve({ ok: true, message: '评价完成：1 张绩效自评表' });
    await new Promise((r) => setTimeout(r, 0));
    expect(alerts).toEqual(['评价完成：1 张绩效自评表']);
  });
});

describe('records, archive and install scripts', () => {
  test('publish.xml and jsplugins.xml: well-formed records for an ET add-in of this name and version', () => {
    const pub = parseXml(fs.readFileSync(path.join(out, 'publish.xml'), 'utf8')).filter((e) => e.name === 'jsplugin');
    expect(pub).toHaveLength(1);
    expect(pub[0].attributes).toMatchObject({ name: pkg.name, type: 'et', version: pkg.version, url: FOLDER, enable: 'enable_dev' });
    const js = parseXml(fs.readFileSync(path.join(out, 'jsplugins.xml'), 'utf8')).filter((e) => e.name === 'jsplugin');
    expect(js).toHaveLength(1);
    expect(js[0].attributes).toMatchObject({ name: pkg.name, type: 'et', version: pkg.version });
    expect(fs.existsSync(path.join(out, js[0].attributes.url))).toBe(true);
    // The archive format wpsjs build makes for a jsplugins.xml server.
    expect(js[0].attributes.url).toBe(`${FOLDER}.7z`);
  });

  test('the archive unpacks to <name>_<version>/ with exactly the add-in files', async () => {
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(out, `${FOLDER}.zip`)));
    const files = Object.values(zip.files)
      .filter((f) => !f.dir)
      .map((f) => f.name)
      .sort();
    expect(files.every((f) => f.startsWith(`${FOLDER}/`))).toBe(true);
    const expected = walk(addin)
      .map((f) => `${FOLDER}/${path.relative(addin, f).split(path.sep).join('/')}`)
      .sort();
    expect(files).toEqual(expected);
    expect(await zip.file(`${FOLDER}/ribbon.xml`)!.async('string')).toBe(fs.readFileSync(path.join(addin, 'ribbon.xml'), 'utf8'));
    const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-unzip-'));
    try {
      execFileSync('unzip', ['-q', path.join(out, `${FOLDER}.zip`), '-d', unpacked]);
      expect(fs.readdirSync(unpacked)).toEqual([FOLDER]);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; // no unzip program: JSZip check above suffices
    } finally {
      fs.rmSync(unpacked, { recursive: true, force: true });
    }
  });

  test('the .7z (jsplugins.xml server) holds <name>_<version>/ with exactly the add-in files', () => {
    const sevenZip = (require('7zip-bin') as { path7za: string }).path7za; // made executable by the packaging script
    const listing = execFileSync(sevenZip, ['l', '-slt', '-ba', path.join(out, `${FOLDER}.7z`)], { encoding: 'utf8' });
    const entries = listing
      .split(/\r?\n\r?\n/)
      .map((block) => ({ path: /^Path = (.*)$/m.exec(block)?.[1], folder: /^Folder = \+$/m.test(block) || /^Attributes = D/m.test(block) }))
      .filter((e): e is { path: string; folder: boolean } => Boolean(e.path));
    const files = entries
      .filter((e) => !e.folder)
      .map((e) => e.path.split(path.sep).join('/'))
      .sort();
    const expected = walk(addin)
      .map((f) => `${FOLDER}/${path.relative(addin, f).split(path.sep).join('/')}`)
      .sort();
    expect(files).toEqual(expected);
    expect(entries.every((e) => e.path === FOLDER || e.path.startsWith(`${FOLDER}/`) || e.path.startsWith(`${FOLDER}${path.sep}`))).toBe(
      true,
    );
  });

  test('Windows scripts: placeholders filled, CRLF, BOM on the .ps1 (Chinese text in PowerShell 5), ASCII .bat', () => {
    for (const f of ['install-windows.ps1', 'uninstall-windows.ps1', 'install-windows.bat', 'uninstall-windows.bat']) {
      const buf = fs.readFileSync(path.join(out, f));
      const text = buf.toString('utf8');
      expect(text).not.toMatch(/@[A-Z_]+@/);
      expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
      if (f.endsWith('.ps1')) expect(buf.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      // eslint-disable-next-line no-control-regex -- the scripts must be plain ASCII
      else expect(/^[\x00-\x7f]*$/.test(text)).toBe(true);
    }
    const ps = fs.readFileSync(path.join(out, 'install-windows.ps1'), 'utf8');
    expect(ps).toContain('kingsoft\\wps\\jsaddons');
    expect(ps).toContain(`name="${pkg.name}"`);
  });

  test('the Linux install script installs into ~/.local/share/Kingsoft/wps/jsaddons; uninstall removes it', () => {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-home-'));
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home };
    try {
      const jsaddons = path.join(home, '.local/share/Kingsoft/wps/jsaddons');
      // Another add-in already registered (record over several lines), and an older version of ours.
      fs.mkdirSync(path.join(jsaddons, `${pkg.name}_0.0.1`), { recursive: true });
      fs.mkdirSync(path.join(jsaddons, 'OtherAddin_1.0.0'), { recursive: true });
      fs.writeFileSync(
        path.join(jsaddons, 'publish.xml'),
        `<?xml version="1.0" encoding="UTF-8"?>\n<jsplugins>\n  <jsplugin name="OtherAddin" type="wps"\n      url="OtherAddin_1.0.0" version="1.0.0" enable="enable_dev" install="null"/>\n  <jsplugin name="${pkg.name}" type="et" url="${pkg.name}_0.0.1" version="0.0.1" enable="enable_dev" install="null" customDomain=""/>\n</jsplugins>\n`,
      );
      const said = execFileSync('sh', [path.join(out, 'install-linux.sh')], { env, cwd: os.tmpdir() }).toString();
      expect(said).toContain('已安装');
      expect(fs.existsSync(path.join(jsaddons, FOLDER, 'ribbon.xml'))).toBe(true);
      expect(fs.readFileSync(path.join(jsaddons, FOLDER, 'main.js'))).toEqual(fs.readFileSync(path.join(addin, 'main.js')));
      expect(fs.existsSync(path.join(jsaddons, `${pkg.name}_0.0.1`))).toBe(false);
      expect(fs.existsSync(path.join(jsaddons, 'OtherAddin_1.0.0'))).toBe(true);
      let records = parseXml(fs.readFileSync(path.join(jsaddons, 'publish.xml'), 'utf8')).filter((e) => e.name === 'jsplugin');
      expect(records.map((r) => `${r.attributes.name}@${r.attributes.version}`)).toEqual([
        'OtherAddin@1.0.0',
        `${pkg.name}@${pkg.version}`,
      ]);
      expect(records[1].attributes).toMatchObject({ type: 'et', url: FOLDER });

      // Installing again changes nothing.
      const before = fs.readFileSync(path.join(jsaddons, 'publish.xml'), 'utf8');
      execFileSync('sh', [path.join(out, 'install-linux.sh')], { env });
      expect(fs.readFileSync(path.join(jsaddons, 'publish.xml'), 'utf8')).toBe(before);

      execFileSync('sh', [path.join(out, 'uninstall-linux.sh')], { env });
      expect(fs.readdirSync(jsaddons).filter((f) => f.startsWith(`${pkg.name}_`))).toEqual([]);
      records = parseXml(fs.readFileSync(path.join(jsaddons, 'publish.xml'), 'utf8')).filter((e) => e.name === 'jsplugin');
      expect(records.map((r) => r.attributes.name)).toEqual(['OtherAddin']);

      // A fresh machine: no jsaddons folder, no publish.xml.
      fs.rmSync(path.join(home, '.local'), { recursive: true, force: true });
      execFileSync('sh', [path.join(out, 'install-linux.sh')], { env });
      records = parseXml(fs.readFileSync(path.join(jsaddons, 'publish.xml'), 'utf8')).filter((e) => e.name === 'jsplugin');
      expect(records).toHaveLength(1);
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });
});

test('the Linux install script tells about the trust prompt, and about an authaddin.json that already names the add-in', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-jsaddons-'));
  try {
    let said = execFileSync('sh', [path.join(out, 'install-linux.sh'), dir], { encoding: 'utf8' });
    expect(said).toMatch(/信任/);
    expect(said).not.toMatch(/authaddin\.json/);
    fs.writeFileSync(path.join(dir, 'authaddin.json'), JSON.stringify({ [pkg.name]: { enable: false } }));
    said = execFileSync('sh', [path.join(out, 'install-linux.sh'), dir], { encoding: 'utf8' });
    expect(said).toMatch(/authaddin\.json 中已有本加载项的信任记录/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describeWithBrowser('end to end: the WPS build in headless Chromium from file://', () => {
  let context: BrowserContext;
  let userDataDir: string;
  let fakeBundle: string;
  let book: FakeBook;
  const requests: string[] = [];

  beforeAll(async () => {
    fakeBundle = browserBundle('tests/fakes/wps/browser.ts');
    book = await loadBook('gaps-sample');
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-wps-chromium-'));
    const { chromium } = await import('playwright-core');
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 400, height: 900 },
      locale: 'zh-CN',
    });
    await context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      return url.startsWith('file://') || url.startsWith('data:') || url.startsWith('blob:')
        ? route.continue()
        : route.abort('blockedbyclient');
    });
  }, 60000);

  afterAll(async () => {
    if (context) await context.close();
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
  });

  async function open(page: string): Promise<Page> {
    const p = await context.newPage();
    const errors: string[] = [];
    p.on('pageerror', (e) => errors.push(e.message));
    (p as unknown as { jxErrors: string[] }).jxErrors = errors;
    await p.addInitScript({
      content: `${fakeBundle}\nwindow.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };\nwindow.jixiaoFakeWps.install(${JSON.stringify(book)});`,
    });
    await p.goto(`file://${path.join(addin, page)}`, { waitUntil: 'domcontentloaded' });
    return p;
  }

  const summaryA1 = (p: Page) =>
    p.evaluate(() => {
      const app = (window as unknown as { Application: { book: { data: FakeBook } } }).Application;
      const s = app.book.data.sheets.find((x) => x.name === '评价结果');
      return s ? (s.cells['1,1'] ? s.cells['1,1'].v : null) : undefined;
    });

  test('the task pane connects to the fake WPS 表格, 评价 writes the workbook; only file:// is requested', async () => {
    const page = await open('taskpane.html');
    await page.getByTestId('mode').filter({ hasText: 'WPS' }).waitFor({ timeout: 20000 });
    await page.getByRole('button', { name: '评价', exact: true }).click();
    await page.waitForFunction(
      () =>
        (window as unknown as { Application: { book: { data: FakeBook } } }).Application.book.data.sheets.some(
          (s) => s.name === '评价结果',
        ),
      undefined,
      { timeout: 30000 },
    );
    expect(String(await summaryA1(page)).startsWith(OWNER_MARK)).toBe(true);
    const marked = await page.evaluate(() => {
      const app = (window as unknown as { Application: { book: { data: FakeBook } } }).Application;
      return app.book.data.sheets.reduce((n, s) => n + s.rules.filter((r) => r.formula.indexOf('jixiao-mark:') >= 0).length, 0);
    });
    expect(marked).toBeGreaterThan(0);
    await page.getByTestId('results').waitFor({ timeout: 20000 });
    expect((page as unknown as { jxErrors: string[] }).jxErrors).toEqual([]);
    expect(requests.filter((u) => !/^(file|data|blob):/.test(u))).toEqual([]);
    await page.close();
  }, 90000);

  test('with the built-ins older WPS Chromium lacks removed, the pane still evaluates, copies and switches tabs', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The fake host first (it stands for WPS itself, whose own code is native), then, before any page
    // script, away with what Chromium < 84 (and some later builds) does not have.
    await page.addInitScript({
      content: `${fakeBundle}\nwindow.__alerts = []; window.alert = function (m) { window.__alerts.push(String(m)); };\nwindow.jixiaoFakeWps.install(${JSON.stringify(book)});`,
    });
    await page.addInitScript({
      content: `(function () {
        var gone = ['WeakRef', 'FinalizationRegistry', 'structuredClone', 'globalThis', 'queueMicrotask'];
        gone.forEach(function (k) { try { delete window[k]; } catch (e) {} });
        delete Object.hasOwn; delete Object.fromEntries;
        delete Array.prototype.at; delete String.prototype.at;
        delete Array.prototype.findLast; delete Array.prototype.findLastIndex;
        delete String.prototype.replaceAll; delete String.prototype.matchAll;
        delete Promise.any; delete Promise.allSettled;
        window.__missing = gone.filter(function (k) { return k in window; }).length === 0 && !Object.fromEntries && !Promise.any;
      })();`,
    });
    await page.goto(`file://${path.join(addin, 'taskpane.html')}`, { waitUntil: 'domcontentloaded' });
    expect(await page.evaluate(() => (window as unknown as { __missing: boolean }).__missing)).toBe(true);
    await page.getByTestId('mode').filter({ hasText: 'WPS' }).waitFor({ timeout: 20000 });
    await page.getByRole('button', { name: '评价', exact: true }).click();
    await page.getByTestId('results').waitFor({ timeout: 30000 });
    // The polyfills put back what the code calls: WeakRef (src/polyfills/, a strong reference) and, from
    // core-js, Object.fromEntries (which 评价 uses).
    const kinds = await page.evaluate(() => [
      typeof (window as unknown as Record<string, unknown>).WeakRef,
      typeof (Object as unknown as Record<string, unknown>).fromEntries,
    ]);
    expect(kinds).toEqual(['function', 'function']);
    await copyAndArrowThroughTabs(page);
    expect(errors).toEqual([]);
    await page.close();
  }, 90000);

  test('the ribbon page: 评价 returns synchronously, writes the workbook, then tells the user', async () => {
    const page = await open('index.html');
    await page.waitForFunction(() => Boolean((window as unknown as { jixiaoRibbon?: unknown }).jixiaoRibbon), undefined, {
      timeout: 20000,
    });
    const r = await page.evaluate(() => {
      const w = window as unknown as { ribbon: { OnAction(c: { Id: string }): unknown } };
      const v = w.ribbon.OnAction({ Id: 'jxEvaluate' });
      return { v, sync: !(v && typeof (v as { then?: unknown }).then === 'function') };
    });
    expect(r).toEqual({ v: true, sync: true });
    await page.waitForFunction(() => (window as unknown as { __alerts: string[] }).__alerts.length > 0, undefined, { timeout: 30000 });
    const alerts = await page.evaluate(() => (window as unknown as { __alerts: string[] }).__alerts);
    expect(alerts[0]).toMatch(/^评价完成/);
    expect(String(await summaryA1(page)).startsWith(OWNER_MARK)).toBe(true);
    // 打开助手 opens the pane page of this folder.
    const url = await page.evaluate(() => {
      const w = window as unknown as { ribbon: { OnAction(c: { Id: string }): unknown }; Application: { panes: { url: string }[] } };
      w.ribbon.OnAction({ Id: 'jxOpenPane' });
      return w.Application.panes[0].url;
    });
    expect(url).toBe(`file://${path.join(addin, 'taskpane.html')}`);
    expect((page as unknown as { jxErrors: string[] }).jxErrors).toEqual([]);
    await page.close();
  }, 90000);
});
