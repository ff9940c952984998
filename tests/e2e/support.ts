// Shared by the browser end-to-end tests (tests/e2e/*.test.ts): where Chromium is, how it is launched,
// and the production build they test, made once and shared.
//
// productionBuild(): `webpack --mode production` into tests/e2e/__output__/dist/<key>, where <key> is a hash of
// everything the build reads (src/, assets/, manifest.xml, the webpack config and the scripts it
// requires, package.json, package-lock.json, tsconfig.json, $ADDIN_BASE_URL). Jest runs the e2e files
// in parallel workers: the first to need a build takes a lock (an atomic mkdir of <key>.lock holding
// its pid) and builds into <key>.tmp-<pid>, renamed into place when complete; the others wait for it.
// A lock whose process is gone is taken over. The next run with unchanged inputs reuses the build;
// JIXIAO_E2E_REBUILD=1 forces a fresh one. Builds of other keys older than an hour are removed.

import { execFile } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { serve } from '../../scripts/serve';
import { BROWSER, describeWithBrowser } from '../support/browser';

export const ROOT = path.resolve(__dirname, '../..');
/** The browser to drive (tests/support/browser.ts: CHROMIUM_PATH, an installed Chrome or Edge, a system Chromium). */
export const CHROMIUM = BROWSER?.executablePath ?? '';
export const HAVE_CHROMIUM = BROWSER !== null;
export { describeWithBrowser };
/** The office.js URL taskpane.html loads. */
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
export const SHOTS = path.join(ROOT, 'tests', 'e2e', '__output__', 'screenshots');
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const BUILDS = path.join(ROOT, 'tests', 'e2e', '__output__', 'dist');
const INPUTS = [
  'src',
  'assets',
  'manifest.xml',
  'webpack.config.js',
  '.browserslistrc',
  'scripts/manifest-check.js',
  'scripts/messages.js',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
];
/** How long a waiting worker waits for another's build. */
const WAIT_MS = 300000;

function files(p: string): string[] {
  const full = path.join(ROOT, p);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [p];
  return fs
    .readdirSync(full)
    .sort()
    .flatMap((name) => files(path.join(p, name)));
}

/** Hash of everything the production build reads. */
export function buildKey(): string {
  const h = createHash('sha256');
  h.update(`ADDIN_BASE_URL=${process.env.ADDIN_BASE_URL ?? ''}\n`);
  for (const f of INPUTS.flatMap(files)) {
    h.update(`${f}\n`);
    h.update(fs.readFileSync(path.join(ROOT, f)));
  }
  return h.digest('hex').slice(0, 16);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The lock's holder died (or never wrote its pid within a minute). */
function staleLock(lock: string): boolean {
  try {
    const pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
    if (pid > 0) return !alive(pid);
  } catch {
    // no pid yet: fall through to the age test
  }
  try {
    return Date.now() - fs.statSync(lock).mtimeMs > 60000;
  } catch {
    return false;
  }
}

function webpack(outDir: string): Promise<void> {
  // webpack-cli's "main" is its library; the command line is bin/cli.js beside it.
  const cli = path.join(path.dirname(require.resolve('webpack-cli')), '..', 'bin', 'cli.js');
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, '--mode', 'production', '--output-path', outDir],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(new Error(`production build failed: ${err.message}\n${stdout}\n${stderr}`));
        else resolve();
      },
    );
  });
}

/** Removes builds of other keys (older than an hour, not locked) and leftovers of dead builders. */
function prune(keep: string): void {
  for (const name of fs.readdirSync(BUILDS)) {
    if (name === keep || name === `${keep}.lock`) continue;
    const full = path.join(BUILDS, name);
    const tmp = /\.tmp-(\d+)$/.exec(name);
    let remove = false;
    if (tmp) remove = !alive(Number(tmp[1]));
    else if (name.endsWith('.lock')) remove = staleLock(full);
    else if (!fs.existsSync(path.join(BUILDS, `${name}.lock`))) remove = Date.now() - fs.statSync(full).mtimeMs > 3600000;
    if (remove) fs.rmSync(full, { recursive: true, force: true });
  }
}

/** The production build's directory (built by this worker, or by another one, or by an earlier run). */
export async function productionBuild(): Promise<string> {
  fs.mkdirSync(BUILDS, { recursive: true });
  const key = buildKey();
  const dir = path.join(BUILDS, key);
  const lock = `${dir}.lock`;
  let fresh = process.env.JIXIAO_E2E_REBUILD === '1';
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    if (!fresh && fs.existsSync(dir)) return dir;
    try {
      fs.mkdirSync(lock);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (staleLock(lock)) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for another worker's production build (${lock})`);
      else await new Promise((r) => setTimeout(r, 500));
      // Whoever held the lock has built it: that counts as fresh for this run too.
      fresh = false;
      continue;
    }
    try {
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      if (!fresh && fs.existsSync(dir)) return dir;
      const tmp = `${dir}.tmp-${process.pid}`;
      fs.rmSync(tmp, { recursive: true, force: true });
      const started = Date.now();
      await webpack(tmp);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.renameSync(tmp, dir);
      console.log(`[e2e] production build ${key}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
      prune(key);
      return dir;
    } finally {
      fs.rmSync(lock, { recursive: true, force: true });
    }
  }
}

/** Serves `dir` on 127.0.0.1 (any free port). */
export async function serveDir(dir: string): Promise<{ origin: string; stop: () => Promise<void> }> {
  const s = await serve(dir, { port: 0 });
  return {
    origin: `http://127.0.0.1:${s.port}`,
    stop: () => new Promise((resolve) => s.server.close(() => resolve())),
  };
}

/** A browser-test entry (a fake host, a helper) bundled as one IIFE script for a page, ES2017 like the WPS build. */
export function browserBundle(entry: string): string {
  const esbuild = require('esbuild') as typeof import('esbuild');
  return esbuild.buildSync({
    entryPoints: [path.join(ROOT, entry)],
    bundle: true,
    format: 'iife',
    target: 'es2017',
    platform: 'browser',
    write: false,
  }).outputFiles[0].text;
}

export interface OfflineBrowser {
  context: BrowserContext;
  /** Every request that went anywhere but 127.0.0.1 (blob: and data: aside); clear it per test. */
  outside: string[];
  close(): Promise<void>;
}

/**
 * Headless Chromium (Debian's, through playwright-core) with a fresh profile and the network closed:
 * 127.0.0.1, blob: and data: go through; every other request is recorded in `outside` and blocked,
 * except office.js, which `officeJs` answers (fulfil, abort or hold the route).
 */
export async function launchOffline(
  officeJs: (route: Route) => Promise<unknown> | unknown,
  opts: { acceptDownloads?: boolean; label: string },
): Promise<OfflineBrowser> {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), `jixiao-e2e-${opts.label}-chromium-`));
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    acceptDownloads: opts.acceptDownloads ?? false,
    viewport: { width: 800, height: 900 },
    locale: 'zh-CN',
  });
  const outside: string[] = [];
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    const u = new URL(url);
    if (u.hostname === '127.0.0.1' && (u.protocol === 'http:' || u.protocol === 'ws:')) return route.continue();
    if (u.protocol === 'blob:' || u.protocol === 'data:') return route.continue();
    outside.push(url);
    if (url === OFFICE_JS) return officeJs(route);
    return route.abort('blockedbyclient');
  });
  return {
    context,
    outside,
    async close() {
      await context.close();
      fs.rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Full-page screenshot at `width` into SHOTS (for people to look at); the page must fit that width
 * (no horizontal scrolling).
 */
export async function shot(page: Page, name: string, width: number): Promise<void> {
  await page.setViewportSize({ width, height: 900 });
  await page.waitForTimeout(150);
  await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect({ name, width, scrollWidth }).toEqual({ name, width, scrollWidth: width });
}

/** 复制 reports back; the tabs move selection and focus with a click and the arrow keys (Fluent's focus code). */
export async function copyAndArrowThroughTabs(page: Page): Promise<void> {
  await page.getByRole('button', { name: '复制' }).click();
  await page.getByTestId('copy-status').filter({ hasText: /复制/ }).waitFor({ timeout: 10000 });
  const tabs = page.getByRole('tab');
  expect(await tabs.count()).toBeGreaterThan(1);
  await tabs.nth(0).click();
  await tabs.nth(0).press('ArrowRight');
  expect(await tabs.nth(1).getAttribute('aria-selected')).toBe('true');
  expect(await page.evaluate(() => document.activeElement && document.activeElement.getAttribute('role'))).toBe('tab');
}
