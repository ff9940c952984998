/** @jest-environment jsdom */
// The task pane against a small in-memory Host: its states (empty, running, results, no table, error),
// findings that select cells, copy with text/plain AND text/html, settings, IME-safe inputs, 清除标记,
// standalone mode with 打开 .xlsx and downloads, runs made by the ribbon.

import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { Pane, PaneProps } from '../../src/taskpane/Pane';
import { JixiaoError } from '../../src/core/errors';
import { DEFAULT_STANDARDS } from '../../src/core/data/standards';
import type { FileHost } from '../../src/hosts/file/browser';
import type { RunStamp } from '../../src/hosts/runs';
import { deferred, fakeHost, FakeHost, noTableSnapshot } from './fake-host';

function renderPane(props: PaneProps) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <Pane {...props} />
    </FluentProvider>,
  );
}

const evaluateButton = () => screen.getByRole('button', { name: '评价' });

async function evaluate(): Promise<void> {
  await waitFor(() => expect(evaluateButton()).toBeEnabled());
  fireEvent.click(evaluateButton());
  await screen.findByTestId('results');
}

/** Waits until the host's settings have been loaded into the pane. */
async function settled(host: FakeHost): Promise<void> {
  await waitFor(() => expect(host.calls.some((c) => c.method === 'loadSettings')).toBe(true));
}

// jest-dom matchers are not installed: tiny equivalents.
expect.extend({
  toBeEnabled(el: HTMLElement) {
    const disabled = (el as HTMLButtonElement).disabled || el.getAttribute('aria-disabled') === 'true';
    return { pass: !disabled, message: () => `expected ${el.outerHTML.slice(0, 80)} ${disabled ? 'to be enabled' : 'to be disabled'}` };
  },
});
declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    interface Matchers<R> {
      toBeEnabled(): R;
    }
  }
}

afterEach(() => {
  jest.restoreAllMocks();
});

describe('states', () => {
  test('empty: before 评价 the pane explains what 评价 does; 评价 is enabled', async () => {
    const host = fakeHost();
    renderPane({ host });
    await settled(host);
    expect(screen.getByTestId('empty').textContent).toMatch(/点击“评价”/);
    expect(evaluateButton()).toBeEnabled();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('绩效评价助手');
    expect(screen.getByTestId('mode').textContent).toBe('已连接 Excel');
  });

  test('running: step progress 读取 → 评价 → 写入 while the host works; 评价 disabled', async () => {
    const read = deferred<ReturnType<typeof noTableSnapshot>>();
    const { sampleSnapshot } = await import('./fake-host');
    const host = fakeHost({ snapshot: () => read.promise });
    renderPane({ host });
    await settled(host);
    fireEvent.click(evaluateButton());
    const running = await screen.findByTestId('running');
    const steps = within(running).getAllByRole('listitem');
    expect(steps.map((s) => s.textContent?.replace(/（.*?）/g, '').replace('→', ''))).toEqual(['读取', '评价', '写入']);
    await waitFor(() => expect(steps[0].getAttribute('aria-current')).toBe('step'));
    expect(screen.getByRole('button', { name: '正在评价…' })).not.toBeEnabled();
    expect(within(running).getByRole('progressbar')).toBeTruthy();
    await act(async () => read.resolve(sampleSnapshot()));
    await screen.findByTestId('results');
    expect(screen.queryByTestId('running')).toBeNull();
  });

  test('results: score card, per-一级 bars, findings by severity, narrative', async () => {
    const host = fakeHost();
    renderPane({ host });
    await settled(host);
    await evaluate();
    expect(host.calls.map((c) => c.method)).toEqual(['loadSettings', 'readSnapshot', 'documentName', 'apply']);
    expect(host.calls[1].args).toEqual(['active']);

    const card = screen.getByTestId('score-card');
    const text = card.textContent ?? '';
    expect(within(card).getByRole('heading').textContent).toBe('自评表：测试项目');
    expect(text).toMatch(/核算得分97\.5/);
    expect(screen.getByTestId('grade').textContent).toBe('优');
    expect(text).toMatch(/自评得分99\.5/);
    expect(text).toMatch(/指标完成3\/4/);
    expect(text).toMatch(/预算执行率95%/);
    const bars = within(card).getAllByRole('progressbar');
    expect(bars.map((b) => b.getAttribute('aria-label'))).toEqual([
      '预算执行率得分率 95%',
      '产出指标得分率 96%',
      '效益指标得分率 100%',
      '满意度指标得分率 100%',
    ]);

    const findings = screen.getByTestId('findings');
    const groups = within(findings)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(groups).toEqual(['错误2', '警告3']);
    expect(screen.getByTestId('results').textContent).toMatch(/已写入“评价结果”工作表，标记 \d+ 个单元格/);

    const narrative = screen.getByTestId('narrative');
    expect(narrative.textContent).toContain('测试项目2020年度绩效自评报告');
    expect(narrative.textContent).toContain('预算执行率95%');
  });

  test('no table: the JixiaoError no-table message', async () => {
    const host = fakeHost({ snapshot: noTableSnapshot });
    renderPane({ host });
    await settled(host);
    fireEvent.click(evaluateButton());
    const box = await screen.findByTestId('no-table');
    expect(box.textContent).toMatch(/^.?未找到绩效指标表/);
    expect(box.textContent).toContain('工作表“会议纪要”中没有找到绩效指标表');
    expect(host.plans).toHaveLength(0);
  });

  test('error: a host failure is shown in Chinese; a JixiaoError message as is', async () => {
    const host = fakeHost({
      snapshot: () => {
        throw new Error("RichApi.Error: The requested resource doesn't exist.");
      },
    });
    renderPane({ host });
    await settled(host);
    fireEvent.click(evaluateButton());
    const box = await screen.findByTestId('error');
    expect(box.textContent).toMatch(/发生意外错误（RichApi\.Error: The requested resource doesn't exist\.）。请重试/);

    const protectedHost = fakeHost({
      apply: async () => {
        throw new JixiaoError('write-failed', '工作表“评价结果”受保护，无法写入。请取消保护后重试。');
      },
    });
    renderPane({ host: protectedHost });
    await settled(protectedHost);
    fireEvent.click(screen.getAllByRole('button', { name: '评价' })[1]);
    await waitFor(() => expect(screen.getAllByTestId('error')).toHaveLength(2));
    expect(screen.getAllByTestId('error')[1].textContent).toContain('工作表“评价结果”受保护，无法写入。请取消保护后重试。');
  });

  test('connecting: 评价 waits for Office', () => {
    renderPane({ host: null, connecting: true });
    expect(screen.getByText('正在连接 Office…')).toBeTruthy();
    expect(evaluateButton()).not.toBeEnabled();
  });
});

describe('findings and narrative select cells', () => {
  test('clicking a finding calls host.selectCell(sheet, cell); keyboard too', async () => {
    const host = fakeHost();
    renderPane({ host });
    await settled(host);
    await evaluate();
    const findings = screen.getByTestId('findings');
    const first = within(findings).getAllByRole('button')[0];
    expect(first.getAttribute('aria-label')).toMatch(/^错误：.*（定位到 自评表!I9）$/);
    fireEvent.click(first);
    await waitFor(() => expect(host.selected).toEqual([{ sheet: '自评表', cell: 'I9' }]));
    // Findings are real buttons: reachable with Tab, activated with Enter/Space by the browser.
    expect(first.tagName).toBe('BUTTON');
    expect(first.getAttribute('type')).toBe('button');
  });

  test('clicking a narrative sentence selects its first source cell', async () => {
    const host = fakeHost();
    renderPane({ host });
    await settled(host);
    await evaluate();
    const narrative = screen.getByTestId('narrative');
    const sentence = Array.from(narrative.querySelectorAll<HTMLElement>('[data-ref]')).find((s) =>
      s.textContent?.includes('预算执行率95%'),
    );
    expect(sentence).toBeDefined();
    fireEvent.click(sentence as HTMLElement);
    const [sheet, cellRef] = (sentence as HTMLElement).getAttribute('data-ref')!.split('!');
    await waitFor(() => expect(host.selected).toEqual([{ sheet, cell: cellRef }]));
    expect(sheet).toBe('自评表');
  });

  test('a failing selectCell shows a message next to the findings', async () => {
    const host = fakeHost();
    host.selectCell = async () => {
      throw new Error('工作表已删除');
    };
    renderPane({ host });
    await settled(host);
    await evaluate();
    fireEvent.click(within(screen.getByTestId('findings')).getAllByRole('button')[0]);
    await waitFor(() => expect(screen.getByTestId('select-status').textContent).toBe('无法定位到 自评表!I9：工作表已删除'));
  });
});

describe('复制', () => {
  /** document.execCommand('copy') as a browser does it: fires a cancelable 'copy' event with clipboardData. */
  function installExecCommand(result = true) {
    const store: Record<string, string> = {};
    const exec = jest.fn((command: string) => {
      if (command !== 'copy') return false;
      const ev = new Event('copy', { bubbles: true, cancelable: true });
      Object.defineProperty(ev, 'clipboardData', {
        value: { setData: (t: string, v: string) => (store[t] = v), getData: (t: string) => store[t] ?? '' },
      });
      (document.activeElement ?? document.body).dispatchEvent(ev);
      return result;
    });
    Object.defineProperty(document, 'execCommand', { value: exec, configurable: true, writable: true });
    return { store, exec };
  }

  test('puts text/plain and text/html on the copy event, synchronously in the click; says 已复制', async () => {
    const host = fakeHost();
    renderPane({ host });
    await settled(host);
    await evaluate();
    const { store, exec } = installExecCommand();
    const copy = screen.getByRole('button', { name: '复制' });
    copy.focus();
    fireEvent.click(copy);
    // Synchronous: done before any await.
    expect(exec).toHaveBeenCalledWith('copy');
    expect(store['text/plain']).toMatch(/^测试项目2020年度绩效自评报告\n\n一、自评结论\n/);
    expect(store['text/html']).toMatch(/^<div class="jixiao-narrative" lang="zh-CN">/);
    expect(store['text/html']).not.toMatch(/<html|<body/);
    expect(store['text/html']).toContain('预算执行率95%');
    await waitFor(() => expect(screen.getByTestId('copy-status').textContent).toMatch(/^已复制/));
    // Focus goes back to the button (the helper textarea is gone).
    expect(document.activeElement).toBe(copy);
    expect(document.querySelector('textarea')).toBeNull();
  });

  test('导出 Word where downloads do not work (Excel for Mac): no file claimed, the text is copied instead', async () => {
    const host = fakeHost();
    const exportDocx = jest.fn(async () => new Uint8Array([1]));
    renderPane({ host, exportDocx, canDownload: () => false });
    await settled(host);
    await evaluate();
    const { store, exec } = installExecCommand();
    fireEvent.click(screen.getByRole('button', { name: '导出 Word' }));
    expect(exec).toHaveBeenCalledWith('copy');
    expect(store['text/plain']).toMatch(/^测试项目2020年度绩效自评报告/);
    await waitFor(() => expect(screen.getByTestId('copy-status').textContent).toMatch(/不能从加载项下载文件：已把报告正文复制到剪贴板/));
    expect(screen.getByTestId('copy-status').textContent).not.toMatch(/已生成 Word/);
    expect(exportDocx).not.toHaveBeenCalled();
  });

  test('canDownload: false in Office on Mac / iPad and in WKWebView, true in a browser with <a download>', async () => {
    const { canDownload } = await import('../../src/taskpane/download');
    const anchor = { prototype: { download: '' } };
    expect(canDownload({ Office: { context: { platform: 'Mac' } }, HTMLAnchorElement: anchor })).toBe(false);
    expect(canDownload({ Office: { context: { platform: 'iOS' } }, HTMLAnchorElement: anchor })).toBe(false);
    expect(
      canDownload({
        webkit: { messageHandlers: {} },
        navigator: { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)' },
        HTMLAnchorElement: anchor,
      }),
    ).toBe(false);
    expect(canDownload({ Office: { context: { platform: 'PC' } }, HTMLAnchorElement: anchor })).toBe(true);
    expect(canDownload({ HTMLAnchorElement: { prototype: {} } })).toBe(false);
  });

  test('falls back to navigator.clipboard when execCommand cannot copy; 复制失败 when nothing works', async () => {
    const host = fakeHost();
    renderPane({ host });
    await settled(host);
    await evaluate();
    installExecCommand(false);
    const write = jest.fn(async () => undefined);
    const writeText = jest.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { write, writeText }, configurable: true });
    (globalThis as unknown as { ClipboardItem: unknown }).ClipboardItem = class {
      constructor(public items: Record<string, Blob>) {}
    };
    fireEvent.click(screen.getByRole('button', { name: '复制' }));
    await waitFor(() => expect(screen.getByTestId('copy-status').textContent).toMatch(/^已复制/));
    expect(write).toHaveBeenCalledTimes(1);
    const item = (write.mock.calls[0] as unknown as [{ items: Record<string, Blob> }[]])[0][0];
    expect(Object.keys(item.items).sort()).toEqual(['text/html', 'text/plain']);

    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    fireEvent.click(screen.getByRole('button', { name: '复制' }));
    await waitFor(() => expect(screen.getByTestId('copy-status').textContent).toMatch(/^复制失败/));
  });
});

describe('设置', () => {
  async function openSettings(host: FakeHost) {
    renderPane({ host });
    await settled(host);
    fireEvent.click(screen.getByRole('tab', { name: '设置' }));
    // The settings page renders its table on first open: give it more than the default 1 s on a loaded machine.
    return screen.findByRole('button', { name: '保存设置' }, { timeout: 10000 });
  }

  test('settings load from the host and save: profile, department, year, an edited standard', async () => {
    const host = fakeHost({ settings: { profile: 'national', standards: null, department: '', year: '' } });
    const save = await openSettings(host);
    expect(screen.getByRole('tab', { name: '设置' }).getAttribute('aria-selected')).toBe('true');
    fireEvent.change(screen.getByRole('combobox', { name: '评分规则' }), { target: { value: 'hubei' } });
    fireEvent.change(screen.getByRole('textbox', { name: '部门名称' }), { target: { value: '某县卫生健康局' } });
    fireEvent.change(screen.getByRole('textbox', { name: '年度' }), { target: { value: '2021' } });
    fireEvent.change(screen.getByRole('textbox', { name: '第1行 数值' }), { target: { value: '90' } });
    expect(screen.getByText('有未保存的更改')).toBeTruthy();
    fireEvent.click(save);
    await waitFor(() => expect(host.saved).toHaveLength(1));
    const s = host.saved[0];
    expect(s.profile).toBe('hubei');
    expect(s.department).toBe('某县卫生健康局');
    expect(s.year).toBe('2021');
    expect(s.standards).toHaveLength(DEFAULT_STANDARDS.length);
    expect(s.standards![0]).toEqual({ keyword: '满意度', op: '>=', value: 90, unit: '%', label: '满意度不低于90%' });
    expect(s.standards!.slice(1)).toEqual(DEFAULT_STANDARDS.slice(1));
    await screen.findByText('设置已保存。');
  });

  test('an invalid number blocks saving with a message; 恢复默认 brings back the default rows; rows can be deleted and added', async () => {
    const host = fakeHost({
      settings: {
        profile: 'national',
        standards: [{ keyword: '满意度', op: '>=', value: 90, unit: '%', label: '满意度不低于90%' }],
        department: '',
        year: '',
      },
    });
    const save = await openSettings(host);
    expect(screen.getAllByTestId('standard-row')).toHaveLength(1);
    fireEvent.change(screen.getByRole('textbox', { name: '第1行 数值' }), { target: { value: '九十' } });
    expect(screen.getByRole('alert').textContent).toBe('第1行（满意度）：数值“九十”不是数字。');
    expect(save).not.toBeEnabled();
    fireEvent.click(screen.getByRole('button', { name: '恢复默认' }));
    expect(screen.getAllByTestId('standard-row')).toHaveLength(DEFAULT_STANDARDS.length);
    expect(save).toBeEnabled();
    fireEvent.click(screen.getByRole('button', { name: /删除第2行/ }));
    expect(screen.getAllByTestId('standard-row')).toHaveLength(DEFAULT_STANDARDS.length - 1);
    fireEvent.click(screen.getByRole('button', { name: '添加一行' }));
    expect(screen.getByRole('alert').textContent).toMatch(/请填写关键词/);
    fireEvent.change(screen.getByRole('textbox', { name: `第${DEFAULT_STANDARDS.length}行 关键词` }), { target: { value: '知晓率' } });
    fireEvent.click(save);
    await waitFor(() => expect(host.saved).toHaveLength(1));
    const saved = host.saved[0].standards!;
    expect(saved.map((x) => x.keyword)).toEqual([...DEFAULT_STANDARDS.filter((_, i) => i !== 1).map((x) => x.keyword), '知晓率']);
    expect(saved[saved.length - 1]).toEqual({ keyword: '知晓率', op: '>=', value: 100, unit: '%', label: '知晓率不低于100%' });
  });

  test('评价 uses the settings on screen (profile and year reach the engine)', async () => {
    const host = fakeHost();
    await openSettings(host);
    fireEvent.change(screen.getByRole('combobox', { name: '评分规则' }), { target: { value: 'hubei' } });
    fireEvent.change(screen.getByRole('textbox', { name: '年度' }), { target: { value: '2021' } });
    fireEvent.click(screen.getByRole('tab', { name: '评价' }));
    await evaluate();
    const texts = host.plans[0].summary.rows.flat().map((c) => (c && typeof c.v === 'string' ? c.v : ''));
    expect(texts.some((t) => t.includes('评分规则：湖北式'))).toBe(true);
    expect(screen.getByTestId('narrative').textContent).toContain('测试项目2021年度绩效自评报告');
    expect(host.saved).toEqual([]); // used, not saved
  });

  test('tabs: arrow keys move between 评价 and 设置 (one tab stop)', async () => {
    const host = fakeHost();
    renderPane({ host });
    await settled(host);
    const tabs = screen.getAllByRole('tab');
    expect(tabs.map((t) => t.getAttribute('tabindex'))).toEqual(['0', '-1']);
    fireEvent.keyDown(tabs[0], { key: 'ArrowRight' });
    await screen.findByRole('button', { name: '保存设置' });
    expect(document.activeElement).toBe(screen.getByRole('tab', { name: '设置' }));
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('pane-tab-settings');
  });
});

describe('IME-safe inputs', () => {
  test('Enter while composing (拼音 candidate selection) does not save; Enter after composition does', async () => {
    const host = fakeHost();
    renderPane({ host });
    await settled(host);
    fireEvent.click(screen.getByRole('tab', { name: '设置' }));
    await screen.findByRole('button', { name: '保存设置' });
    const dept = screen.getByRole('textbox', { name: '部门名称' });

    fireEvent.compositionStart(dept);
    fireEvent.change(dept, { target: { value: 'weisheng' } });
    fireEvent.keyDown(dept, { key: 'Enter', isComposing: true });
    fireEvent.keyDown(dept, { key: 'Enter' }); // composing flag from compositionstart alone
    fireEvent.change(dept, { target: { value: '卫生' } });
    fireEvent.compositionEnd(dept);
    // Safari: the committing Enter arrives after compositionend with keyCode 229.
    fireEvent.keyDown(dept, { key: 'Enter', keyCode: 229 });
    await act(async () => undefined);
    expect(host.saved).toHaveLength(0);

    fireEvent.keyDown(dept, { key: 'Enter' });
    await waitFor(() => expect(host.saved).toHaveLength(1));
    expect(host.saved[0].department).toBe('卫生');
  });

  test('text fields are plain inputs', async () => {
    const host = fakeHost();
    renderPane({ host });
    await settled(host);
    fireEvent.click(screen.getByRole('tab', { name: '设置' }));
    await screen.findByRole('button', { name: '保存设置' });
    for (const box of screen.getAllByRole('textbox')) expect(['INPUT', 'TEXTAREA']).toContain(box.tagName);
  });
});

describe('清除标记', () => {
  test('calls host.clearMarks and reports how many marks were removed', async () => {
    const host = fakeHost();
    renderPane({ host });
    await settled(host);
    await evaluate();
    const banner = () => screen.getByTestId('results').textContent ?? '';
    expect(banner()).toMatch(/标记 \d+ 个单元格/);
    fireEvent.click(screen.getByRole('button', { name: '清除标记' }));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^已清除 \d+ 处标记/));
    expect(host.calls.filter((c) => c.method === 'clearMarks')).toHaveLength(1);
    // The results stay, without the count of marks that are gone.
    expect(banner()).toMatch(/已写入“评价结果”工作表/);
    expect(banner()).not.toMatch(/标记 \d+ 个单元格/);
  });
});

describe('standalone mode', () => {
  function fakeFileHost(): FileHost & FakeHost & { downloads: number } {
    const base = fakeHost({ kind: 'file' });
    const fh = Object.assign(base, {
      kind: 'file' as const,
      downloads: 0,
      async resultWorkbookBytes() {
        fh.downloads++;
        return new Uint8Array([0x50, 0x4b, 3, 4]);
      },
      resultFileName: () => '测试-评价结果.xlsx',
      hasResult: () => base.plans.length > 0,
    });
    return fh;
  }

  function captureDownloads() {
    const names: string[] = [];
    const blobs: Blob[] = [];
    (URL as unknown as { createObjectURL: (b: Blob) => string }).createObjectURL = (b: Blob) => {
      blobs.push(b);
      return `blob:test/${blobs.length}`;
    };
    (URL as unknown as { revokeObjectURL: () => void }).revokeObjectURL = () => undefined;
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    return { names, blobs };
  }

  test('打开 .xlsx → 评价 the whole workbook → 下载结果工作簿 and 导出 Word', async () => {
    const fh = fakeFileHost();
    const openFile = jest.fn(async () => fh);
    const exportDocx = jest.fn(async () => new Uint8Array([0x50, 0x4b, 5, 6, 7]));
    renderPane({ host: null, standalone: true, openFile, exportDocx });
    expect(screen.getByTestId('empty').textContent).toMatch(/^打开文件后点击“评价”/);
    expect(evaluateButton()).not.toBeEnabled();
    const open = screen.getByRole('button', { name: '打开 .xlsx' });
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    const clickInput = jest.spyOn(input, 'click').mockImplementation(() => undefined);
    fireEvent.click(open);
    expect(clickInput).toHaveBeenCalled();

    const file = new File([new Uint8Array([0x50, 0x4b, 3, 4])], '测试.xlsx', {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    fireEvent.change(input, { target: { files: [file] } });
    expect((await screen.findByTestId('file-name')).textContent).toBe('测试.xlsx');
    expect(openFile).toHaveBeenCalledWith(expect.anything(), '测试.xlsx');
    expect((openFile.mock.calls[0] as unknown[])[0]).toBeInstanceOf(ArrayBuffer);

    await evaluate();
    expect(fh.calls.find((c) => c.method === 'readSnapshot')?.args).toEqual(['workbook']);
    expect(screen.getByTestId('results').textContent).toMatch(
      /结果工作簿已生成（含“评价结果”工作表，\d+ 个单元格已标色），原文件未被修改。/,
    );
    expect(screen.queryByText('点击正文中的句子可定位到其数据来源单元格。')).toBeNull();

    // A finding cannot select a cell in a file: the pane says where to look instead.
    fireEvent.click(within(screen.getByTestId('findings')).getAllByRole('button')[0]);
    expect(screen.getByTestId('select-status').textContent).toMatch(/独立模式下无法直接定位单元格.*自评表!I9/);
    expect(fh.selected).toEqual([]);

    const { names, blobs } = captureDownloads();
    fireEvent.click(screen.getByRole('button', { name: '下载结果工作簿' }));
    await waitFor(() => expect(names).toEqual(['测试-评价结果.xlsx']));
    expect(blobs[0].type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(fh.downloads).toBe(1);

    fireEvent.click(screen.getByRole('button', { name: '导出 Word' }));
    await waitFor(() => expect(names).toEqual(['测试-评价结果.xlsx', '测试-绩效自评报告.docx']));
    expect(exportDocx).toHaveBeenCalledTimes(1);
    expect(blobs[1].type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(blobs[1].size).toBe(5);
  });

  test('drag and drop a file onto the pane opens it; an unreadable file shows the error', async () => {
    const openFile = jest.fn(async () => {
      throw new JixiaoError(
        'unsupported',
        '不支持Excel 97-2003 工作簿（.xls）：请在 Excel 或 WPS 中用“另存为”保存为 .xlsx 格式（Excel 工作簿）后再评价。',
      );
    });
    renderPane({ host: null, standalone: true, openFile });
    const file = new File(['x'], '旧表.xls');
    const main = screen.getByRole('main');
    fireEvent.dragOver(main, { dataTransfer: { types: ['Files'], files: [file], dropEffect: 'none' } });
    fireEvent.drop(main, { dataTransfer: { types: ['Files'], files: [file] } });
    const box = await screen.findByTestId('error');
    expect(box.textContent).toContain('不支持Excel 97-2003 工作簿（.xls）');
    expect(openFile).toHaveBeenCalledWith(expect.anything(), '旧表.xls');
    expect(screen.queryByTestId('file-name')).toBeNull();
  });
});

describe('runs by the ribbon (another page of the add-in)', () => {
  function watchedHost() {
    const host = fakeHost();
    const w = { emit: null as null | ((s: RunStamp, initial: boolean) => void), stopped: false };
    host.watchRuns = (onRun) => {
      w.emit = onRun;
      return () => {
        w.stopped = true;
      };
    };
    return { host, w };
  }
  const run = (action: RunStamp['action'], highlighted: number): RunStamp => ({
    id: `${action}-${highlighted}`,
    action,
    sheets: ['自评表'],
    summarySheet: '评价结果',
    highlighted,
  });

  test('the ribbon’s 评价 is shown without writing; its 清除标记 updates the marks; watching stops with the pane', async () => {
    const { host, w } = watchedHost();
    const view = renderPane({ host });
    await settled(host);
    await waitFor(() => expect(w.emit).not.toBeNull());
    // A 清除标记 found when the pane opens shows nothing.
    act(() => w.emit!(run('clear', 0), true));
    expect(screen.queryByTestId('results')).toBeNull();

    act(() => w.emit!(run('evaluate', 2), false));
    await screen.findByTestId('results');
    expect(screen.getByTestId('status').textContent).toBe('已显示通过功能区“评价”得到的结果。');
    expect(screen.getByTestId('results').textContent).toMatch(/标记 2 个单元格/);
    expect(host.calls.filter((c) => c.method === 'apply')).toHaveLength(0);
    expect(host.calls.filter((c) => c.method === 'readSnapshot').map((c) => c.args[0])).toEqual(['workbook']);

    act(() => w.emit!(run('clear', 0), false));
    await waitFor(() => expect(screen.getByTestId('status').textContent).toMatch(/^已通过功能区清除标记/));
    expect(screen.getByTestId('results').textContent).not.toMatch(/标记 \d+ 个单元格/);

    view.unmount();
    expect(w.stopped).toBe(true);
  });

  test('opening the pane shows the document’s last 评价', async () => {
    const { host, w } = watchedHost();
    renderPane({ host });
    await waitFor(() => expect(w.emit).not.toBeNull());
    act(() => w.emit!(run('evaluate', 2), true));
    await screen.findByTestId('results');
    expect(screen.getByTestId('status').textContent).toMatch(/上次评价的结果/);
  });
});
