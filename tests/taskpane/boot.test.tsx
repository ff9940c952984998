/** @jest-environment jsdom */
// Startup never hangs: office.js is async and may be missing, blocked, slow or not in Excel.

import { render, screen, waitFor } from '@testing-library/react';
import { boot, BootResult, insideOffice, officeReady, waitForOfficeScript } from '../../src/taskpane/boot';
import { OFFICE_JS_UNAVAILABLE, UNSUPPORTED_EXCEL } from '../../src/app/messages';
import { App } from '../../src/taskpane/index';
import { fakeHost, deferred } from './fake-host';
import type { Host } from '../../src/hosts/host';

type Info = { host: unknown; platform: unknown };

function officeWith(ready: Promise<Info>) {
  return { onReady: jest.fn(() => ready) };
}

/** A page with the office.js <script> in a given state. */
function pageWithScript(state?: 'loaded' | 'failed'): { g: Record<string, unknown>; script: HTMLScriptElement } {
  document.head.innerHTML = '';
  const script = document.createElement('script');
  script.setAttribute('data-office-js', '');
  // Not src: jsdom would try to fetch it. The bootstrap finds it by data-office-js.
  if (state) script.setAttribute('data-state', state);
  document.head.appendChild(script);
  const g: Record<string, unknown> = { document };
  return { g, script };
}

const excelHost = (): Host => fakeHost({ kind: 'excel' });

/** Follows a promise so a test can see whether it has settled yet (under fake timers). */
function track<T>(p: Promise<T>): { value?: T } {
  const box: { value?: T } = {};
  void p.then((v) => (box.value = v));
  return box;
}

afterEach(() => jest.useRealTimers());

describe('boot', () => {
  test('no office.js on the page (plain browser): standalone at once', async () => {
    document.head.innerHTML = '';
    const createHost = jest.fn();
    const r = await boot({ g: { document }, timeoutMs: 10000, createHost });
    expect(r).toEqual({ mode: 'standalone', reason: '未检测到 Office' });
    expect(createHost).not.toHaveBeenCalled();
  });

  test('office.js failed to load (blocked intranet): standalone at once', async () => {
    const { g } = pageWithScript('failed');
    jest.useFakeTimers();
    const settled = track(boot({ g, timeoutMs: 10000, createHost: jest.fn() }));
    await jest.advanceTimersByTimeAsync(0); // no time passes: it must not wait for the timeout
    expect(settled.value?.mode).toBe('standalone');
  });

  test('office.js still loading, then loads in Excel: the Excel host', async () => {
    const { g, script } = pageWithScript();
    const host = excelHost();
    const createHost = jest.fn(async () => host);
    const p = boot({ g, timeoutMs: 5000, createHost });
    await new Promise((r) => setTimeout(r, 20));
    g.Office = officeWith(Promise.resolve({ host: 'Excel', platform: 'OfficeOnline' }));
    script.setAttribute('data-state', 'loaded');
    script.dispatchEvent(new Event('load'));
    const r = await p;
    expect(r).toEqual({ mode: 'host', host, label: 'Excel' });
    expect(createHost).toHaveBeenCalledWith('office');
  });

  test('office.js loaded but not in Office, or in Word: standalone', async () => {
    const { g } = pageWithScript('loaded');
    g.Office = officeWith(Promise.resolve({ host: null, platform: null }));
    await expect(boot({ g, timeoutMs: 1000, createHost: jest.fn() })).resolves.toEqual({
      mode: 'standalone',
      reason: '未在 Office 中运行',
    });
    g.Office = officeWith(Promise.resolve({ host: 'Word', platform: 'PC' }));
    await expect(boot({ g, timeoutMs: 1000, createHost: jest.fn() })).resolves.toEqual({
      mode: 'standalone',
      reason: '当前 Office 应用（Word）不是 Excel',
    });
  });

  test('office.js never finishes loading: standalone after the timeout; Excel later still connects', async () => {
    const { g, script } = pageWithScript();
    const host = excelHost();
    const late: BootResult[] = [];
    jest.useFakeTimers();
    const settled = track(boot({ g, timeoutMs: 100, createHost: async () => host, onLateHost: (x) => late.push(x) }));
    await jest.advanceTimersByTimeAsync(99);
    expect(settled.value).toBeUndefined(); // still waiting just before the timeout
    await jest.advanceTimersByTimeAsync(1);
    expect(settled.value).toEqual({ mode: 'standalone', reason: 'Office 未在规定时间内加载' });
    jest.useRealTimers();
    g.Office = officeWith(Promise.resolve({ host: 'Excel', platform: 'PC' }));
    script.dispatchEvent(new Event('load'));
    await waitFor(() => expect(late).toEqual([{ mode: 'host', host, label: 'Excel' }]));
  });

  test('Office.onReady never resolves: standalone after the timeout; a late Excel onReady connects', async () => {
    const { g } = pageWithScript('loaded');
    const ready = deferred<Info>();
    g.Office = officeWith(ready.promise);
    const host = excelHost();
    const late: BootResult[] = [];
    const r = await boot({ g, timeoutMs: 100, createHost: async () => host, onLateHost: (x) => late.push(x) });
    expect(r).toEqual({ mode: 'standalone', reason: 'Office 未在规定时间内就绪' });
    ready.resolve({ host: 'Excel', platform: 'Mac' });
    await waitFor(() => expect(late).toHaveLength(1));
    expect(late[0]).toEqual({ mode: 'host', host, label: 'Excel' });
  });

  test('the Excel adapter fails to start: standalone with a notice saying why', async () => {
    const { g } = pageWithScript('loaded');
    g.Office = officeWith(Promise.resolve({ host: 'Excel', platform: 'PC' }));
    const r = await boot({
      g,
      timeoutMs: 1000,
      createHost: async () => {
        throw new Error('需要 ExcelApi 1.9');
      },
    });
    expect(r.mode).toBe('standalone');
    expect(r.mode === 'standalone' && r.notice).toBe('无法连接 Excel：需要 ExcelApi 1.9。现以独立模式运行：可打开 .xlsx 文件评价。');
  });

  test('an Excel below ExcelApi 1.9 (the fake, as Excel 2019): the pane shows the supported-versions message, not an error', async () => {
    const { installFakeExcel, newWorkbook, newSheet } = await import('../fakes/excel');
    const wb = newWorkbook('旧版.xlsx', 8);
    newSheet(wb, 'Sheet1');
    const installed = installFakeExcel(wb);
    try {
      const { g } = pageWithScript('loaded');
      g.Office = officeWith(Promise.resolve({ host: 'Excel', platform: 'PC' }));
      const r = await boot({ g, timeoutMs: 1000 });
      expect(r).toEqual({ mode: 'standalone', reason: 'Excel 版本不受支持', notice: UNSUPPORTED_EXCEL });
      expect(UNSUPPORTED_EXCEL).toMatch(/Excel 2021/);
      expect(UNSUPPORTED_EXCEL).toMatch(/Excel 2016、Excel 2019/);
      expect(UNSUPPORTED_EXCEL).not.toMatch(/即 Excel 2019/);
    } finally {
      installed.uninstall();
    }
  });

  test('inside Office (the URL carries _host_Info) with office.js failing to load: the pane says so', async () => {
    const { g } = pageWithScript('failed');
    g.location = { search: '?_host_Info=Excel$Win32$16.01$zh-CN$$$$0', hash: '' };
    const r = await boot({ g, timeoutMs: 10000, createHost: jest.fn() });
    expect(r).toEqual({ mode: 'standalone', reason: '无法加载 office.js', notice: OFFICE_JS_UNAVAILABLE });
    expect(insideOffice({ location: { search: '', hash: '' } })).toBe(false);
    expect(insideOffice({ external: { GetContext: () => null } })).toBe(true);
  });

  test('WPS 表格 (an ET Application) is detected before Office', async () => {
    const host = fakeHost({ kind: 'wps' });
    const createHost = jest.fn(async () => host);
    const g = {
      document,
      Application: { ActiveWorkbook: {}, ActiveSheet: {}, Workbooks: {} },
      Office: officeWith(new Promise(() => undefined)),
    };
    await expect(boot({ g, timeoutMs: 1000, createHost })).resolves.toEqual({ mode: 'host', host, label: 'WPS 表格' });
    expect(createHost).toHaveBeenCalledWith('wps');
  });

  test('helpers: waitForOfficeScript and officeReady time out', async () => {
    const { g } = pageWithScript();
    await expect(waitForOfficeScript(30, g)).resolves.toBeNull();
    await expect(officeReady(officeWith(new Promise(() => undefined)), 30)).resolves.toBe('timeout');
    await expect(officeReady({ onReady: () => Promise.reject(new Error('x')) }, 30)).resolves.toBeNull();
  });
});

describe('App (bootstrap component)', () => {
  test('renders at once (连接中), then the standalone pane', async () => {
    const started = deferred<BootResult>();
    render(<App start={() => started.promise} />);
    expect(screen.getByText('正在连接 Office…')).toBeTruthy();
    started.resolve({ mode: 'standalone', reason: '未检测到 Office' });
    await screen.findByRole('button', { name: '打开 .xlsx' });
    expect(screen.getByTestId('mode').textContent).toBe('独立模式（未检测到 Office）：在浏览器中评价 .xlsx 文件');
  });

  test('a notice from startup is shown; a connected host gets the normal pane', async () => {
    const { unmount } = render(
      <App start={async () => ({ mode: 'standalone', reason: '无法连接 Excel', notice: '无法连接 Excel：需要 ExcelApi 1.9。' })} />,
    );
    await screen.findByText('无法连接 Excel：需要 ExcelApi 1.9。');
    unmount();
    const host = excelHost();
    render(<App start={async () => ({ mode: 'host', host, label: 'Excel' })} />);
    await waitFor(() => expect(screen.getByTestId('mode').textContent).toBe('已连接 Excel'));
    expect(screen.queryByRole('button', { name: '打开 .xlsx' })).toBeNull();
  });

  test('a late Excel switches the pane from standalone to Excel', async () => {
    const host = excelHost();
    render(
      <App
        start={async (opts) => {
          setTimeout(() => opts?.onLateHost?.({ mode: 'host', host, label: 'Excel' }), 20);
          return { mode: 'standalone', reason: 'Office 未在规定时间内就绪' };
        }}
      />,
    );
    await screen.findByRole('button', { name: '打开 .xlsx' });
    await waitFor(() => expect(screen.getByTestId('mode').textContent).toBe('已连接 Excel'));
  });
});
