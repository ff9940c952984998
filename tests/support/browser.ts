// The browser the browser tests drive through playwright-core (which downloads nothing here): $CHROMIUM_PATH,
// else an installed Google Chrome or Microsoft Edge where playwright-core's "chrome" / "msedge" channels look
// for them (Windows, macOS, Linux), else a system Chromium (Debian/Ubuntu). Without one the browser tests
// are skipped with one line saying what to install; under CI (CI set) they fail instead, so a CI machine
// without a browser cannot pass by skipping them.
import * as fs from 'fs';
import * as path from 'path';

export interface Browser {
  executablePath: string;
  /** Where it came from: CHROMIUM_PATH, chrome, msedge or chromium. */
  source: string;
}

/** playwright-core's channel locations (lib/server/registry): full paths, or suffixes under the Windows program folders. */
const CHANNELS: { source: string; at: Partial<Record<NodeJS.Platform, string>> }[] = [
  {
    source: 'chrome',
    at: {
      linux: '/opt/google/chrome/chrome',
      darwin: '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      win32: 'Google\\Chrome\\Application\\chrome.exe',
    },
  },
  {
    source: 'msedge',
    at: {
      linux: '/opt/microsoft/msedge/msedge',
      darwin: '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      win32: 'Microsoft\\Edge\\Application\\msedge.exe',
    },
  },
];
const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export const INSTALL_HINT =
  '未找到可用的浏览器：请安装 Google Chrome 或 Microsoft Edge（Linux 也可 apt-get install chromium），或把 CHROMIUM_PATH 设为浏览器程序的路径。';

export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  exists: (p: string) => boolean = fs.existsSync,
): Browser | null {
  if (env.CHROMIUM_PATH) return exists(env.CHROMIUM_PATH) ? { executablePath: env.CHROMIUM_PATH, source: 'CHROMIUM_PATH' } : null;
  const winRoots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter((p): p is string => Boolean(p));
  for (const c of CHANNELS) {
    const at = c.at[platform];
    if (!at) continue;
    const candidates = platform === 'win32' ? winRoots.map((root) => path.win32.join(root, at)) : [at];
    const found = candidates.find((p) => exists(p));
    if (found) return { executablePath: found, source: c.source };
  }
  if (platform === 'linux') {
    const found = SYSTEM_CHROMIUM.find((p) => exists(p));
    if (found) return { executablePath: found, source: 'chromium' };
  }
  return null;
}

export const BROWSER = findBrowser();

let told = false;
/**
 * describe() for tests that need the browser: runs them when there is one; without one, skips them with
 * one line on stderr, or under CI fails with the same line.
 */
export function describeWithBrowser(name: string, fn: () => void): void {
  if (BROWSER) {
    describe(name, fn);
  } else if (process.env.CI) {
    describe(name, () => {
      test('a browser is available (CI must run the browser tests)', () => {
        throw new Error(INSTALL_HINT);
      });
    });
  } else {
    if (!told) process.stderr.write(`[浏览器测试已跳过] ${INSTALL_HINT}\n`);
    told = true;
    describe.skip(name, fn);
  }
}
