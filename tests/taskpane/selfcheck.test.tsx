/** @jest-environment jsdom */
// 设置 → 检查环境 in the pane: the button runs the host's selfCheck with a spinner, the results list
// each capability ✓/✗ with its detail and the host's version, 复制结果 copies the text for IT; the
// section is absent when the host has no selfCheck. Once with a scripted host, once with the real
// Excel host over the fake Excel API.

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { Pane, PaneProps } from '../../src/taskpane/Pane';
import { ExcelHost, officeEnv } from '../../src/hosts/excel';
import { Host, SelfCheckReport } from '../../src/hosts/host';
import { installFakeExcel, newSheet, newWorkbook, ensureCell, enterValue, dumpWorkbook, InstalledExcel } from '../fakes/excel';
import { deferred, fakeHost } from './fake-host';

const loaded = new WeakSet<Host>();

function renderPane(props: PaneProps) {
  const host = props.host;
  if (host) {
    const load = host.loadSettings.bind(host);
    host.loadSettings = () =>
      load().then((s) => {
        loaded.add(host);
        return s;
      });
  }
  return render(
    <FluentProvider theme={webLightTheme}>
      <Pane {...props} />
    </FluentProvider>,
  );
}

/** Opens 设置 once the host's settings are in (their arrival re-mounts the page). */
async function openSettings(host?: Host | null): Promise<void> {
  if (host) await waitFor(() => expect(loaded.has(host)).toBe(true));
  fireEvent.click(screen.getByRole('tab', { name: '设置' }));
  await screen.findByRole('button', { name: '保存设置' }, { timeout: 10000 });
}

const REPORT: SelfCheckReport = {
  host: 'Excel',
  version: '16.0.17928.20114 · 网页版 · ExcelApi 1.17',
  items: [
    { key: 'read', label: '读取单元格', ok: true, detail: '读取了 1 行 3 列，值、显示文本和数字格式正确' },
    { key: 'write', label: '写入文本和数字', ok: true, detail: '文本“=1+1”“007”和数字 42 写入后读回不变' },
    { key: 'marks', label: '添加问题标记', ok: false, detail: '无法添加问题标记：Excel 返回错误 GeneralException（内部错误）。' },
    { key: 'links', label: '写入链接公式', ok: true, detail: '链接公式写入后读回不变' },
    { key: 'settings', label: '读取和保存设置', ok: true, detail: '已保存的设置原样保存后读回一致' },
    { key: 'clear', label: '清除标记', ok: false, detail: '未能检查：没有可清除的标记（见“添加问题标记”）' },
  ],
};

/** document.execCommand('copy') as a browser does it: a 'copy' event with clipboardData. */
function installExecCommand() {
  const store: Record<string, string> = {};
  const exec = jest.fn((command: string) => {
    if (command !== 'copy') return false;
    const ev = new Event('copy', { bubbles: true, cancelable: true });
    Object.defineProperty(ev, 'clipboardData', { value: { setData: (t: string, v: string) => (store[t] = v) } });
    (document.activeElement ?? document.body).dispatchEvent(ev);
    return true;
  });
  Object.defineProperty(document, 'execCommand', { value: exec, configurable: true, writable: true });
  return { store, exec };
}

describe('检查环境', () => {
  test('the button runs the check with a spinner; results show ✓/✗ per capability, the version, and copy for IT', async () => {
    const run = deferred<SelfCheckReport>();
    const host = { ...fakeHost(), selfCheck: jest.fn(() => run.promise) };
    renderPane({ host });
    await openSettings(host);

    fireEvent.click(screen.getByRole('button', { name: '检查环境' }));
    expect(host.selfCheck).toHaveBeenCalledTimes(1);
    expect(screen.getByText('正在检查…')).toBeTruthy();
    expect((screen.getByRole('button', { name: '检查环境' }) as HTMLButtonElement).disabled).toBe(true);
    await act(async () => run.resolve(REPORT));

    expect(screen.queryByText('正在检查…')).toBeNull();
    expect(screen.getByTestId('selfcheck-host').textContent).toBe('Excel：16.0.17928.20114 · 网页版 · ExcelApi 1.17');
    const items = within(screen.getByTestId('selfcheck-results')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(REPORT.items.map((i) => `${i.ok ? '✓' : '✗'}${i.label}：${i.detail}`));
    expect(screen.getByTestId('selfcheck-summary').textContent).toBe('6 项中 2 项失败：添加问题标记、清除标记');

    const { store, exec } = installExecCommand();
    fireEvent.click(screen.getByRole('button', { name: '复制结果' }));
    expect(exec).toHaveBeenCalledWith('copy');
    const lines = store['text/plain'].split('\n');
    expect(lines.slice(0, 3)).toEqual(['绩效评价助手 · 检查环境', '程序：Excel', '版本：16.0.17928.20114 · 网页版 · ExcelApi 1.17']);
    expect(lines).toContain('✗ 添加问题标记：无法添加问题标记：Excel 返回错误 GeneralException（内部错误）。');
    expect(lines).toContain('✓ 读取单元格：读取了 1 行 3 列，值、显示文本和数字格式正确');
    expect(lines[lines.length - 1]).toBe('结论：6 项中 2 项失败：添加问题标记、清除标记。');
    expect(store['text/html']).toContain('<p>程序：Excel</p>');
    await waitFor(() => expect(screen.getByText(/^已复制/)).toBeTruthy());
  });

  test('a host whose check rejects (it should not): the error in Chinese, no results', async () => {
    const host = { ...fakeHost(), selfCheck: jest.fn(() => Promise.reject(new Error('boom'))) };
    renderPane({ host });
    await openSettings(host);
    fireEvent.click(screen.getByRole('button', { name: '检查环境' }));
    await waitFor(() => expect(screen.getByTestId('selfcheck-error').textContent).toMatch(/检查未能完成：boom/));
    expect(screen.queryByTestId('selfcheck-results')).toBeNull();
  });

  test('no section without a host selfCheck (and none in standalone mode)', async () => {
    const host = fakeHost();
    const { unmount } = renderPane({ host });
    await openSettings(host);
    expect(screen.queryByRole('button', { name: '检查环境' })).toBeNull();
    unmount();
    renderPane({ host: null, standalone: true });
    fireEvent.click(screen.getByRole('tab', { name: '设置' }));
    await screen.findByRole('button', { name: '保存设置' }, { timeout: 10000 });
    expect(screen.queryByRole('button', { name: '检查环境' })).toBeNull();
  });
});

describe('检查环境 with the Excel host over the fake Excel API', () => {
  let installed: InstalledExcel | null = null;
  afterEach(() => installed?.uninstall());

  test('all six pass and the workbook is as before', async () => {
    const wb = newWorkbook('测试.xlsx');
    const s = newSheet(wb, '自评表');
    enterValue(ensureCell(s, 1, 1), '项目支出绩效自评表');
    installed = installFakeExcel(wb);
    const before = JSON.stringify(dumpWorkbook(wb));
    const host = new ExcelHost(officeEnv());
    renderPane({ host });
    await openSettings(host);
    fireEvent.click(screen.getByRole('button', { name: '检查环境' }));
    const list = await screen.findByTestId('selfcheck-results', {}, { timeout: 10000 });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(6);
    expect(items.every((li) => li.getAttribute('data-ok') === 'true')).toBe(true);
    expect(screen.getByTestId('selfcheck-summary').textContent).toBe('全部 6 项正常');
    expect(screen.getByTestId('selfcheck-host').textContent).toMatch(/^Excel：.*ExcelApi 1\.17$/);
    expect(JSON.stringify(dumpWorkbook(wb))).toBe(before);
  });
});
