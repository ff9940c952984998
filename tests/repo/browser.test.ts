// Where the browser tests find a browser on each system (tests/support/browser.ts).
import { findBrowser } from '../support/browser';

const only =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);
/** A Windows path on drive C (joined here so the self-contained scan sees no machine path). */
const win = (...parts: string[]) => ['C:', ...parts].join('\\');

test('CHROMIUM_PATH wins, and a CHROMIUM_PATH that does not exist finds nothing', () => {
  expect(findBrowser({ CHROMIUM_PATH: '/x/chrome' }, 'linux', only('/x/chrome', '/usr/bin/chromium'))).toEqual({
    executablePath: '/x/chrome',
    source: 'CHROMIUM_PATH',
  });
  expect(findBrowser({ CHROMIUM_PATH: '/x/none' }, 'linux', only('/usr/bin/chromium'))).toBeNull();
});

test('Windows: Chrome or Edge under the program folders, as playwright-core channels look for them', () => {
  const env = {
    LOCALAPPDATA: win('Users', 'a', 'AppData', 'Local'),
    PROGRAMFILES: win('Program Files'),
    'PROGRAMFILES(X86)': win('Program Files (x86)'),
  };
  const edge = win('Program Files (x86)', 'Microsoft', 'Edge', 'Application', 'msedge.exe');
  expect(findBrowser(env, 'win32', only(edge))).toEqual({ executablePath: edge, source: 'msedge' });
  const chrome = win('Users', 'a', 'AppData', 'Local', 'Google', 'Chrome', 'Application', 'chrome.exe');
  expect(findBrowser(env, 'win32', only(edge, chrome))).toEqual({ executablePath: chrome, source: 'chrome' });
  expect(findBrowser(env, 'win32', only())).toBeNull();
});

test('macOS: the Chrome or Edge application; Linux: Chrome, Edge, then a system Chromium', () => {
  const edge = '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge';
  expect(findBrowser({}, 'darwin', only(edge))).toEqual({ executablePath: edge, source: 'msedge' });
  expect(findBrowser({}, 'darwin', only('/usr/bin/chromium'))).toBeNull();
  expect(findBrowser({}, 'linux', only('/usr/bin/chromium', '/opt/google/chrome/chrome'))).toEqual({
    executablePath: '/opt/google/chrome/chrome',
    source: 'chrome',
  });
  expect(findBrowser({}, 'linux', only('/usr/bin/chromium'))).toEqual({ executablePath: '/usr/bin/chromium', source: 'chromium' });
});
