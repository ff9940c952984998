/** @jest-environment jsdom */
// The pane and the report's settings: the 得分提示 next to 复制 / 导出 when the score the report states
// differs from the other one, and the report fields of 设置 (score choice, opening paragraph, headings).

import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { Pane, PaneProps } from '../../src/taskpane/Pane';
import { fakeHost, FakeHost } from './fake-host';
import { DEFAULT_SETTINGS, normaliseSettings } from '../../src/hosts/host';

function renderPane(props: PaneProps) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <Pane {...props} />
    </FluentProvider>,
  );
}

async function settled(host: FakeHost): Promise<void> {
  await waitFor(() => expect(host.calls.some((c) => c.method === 'loadSettings')).toBe(true));
}

async function evaluate(): Promise<void> {
  const button = screen.getByRole('button', { name: '评价' });
  await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
  fireEvent.click(button);
  await screen.findByTestId('results');
}

test("the report states the form's 自评得分; the pane names the 核算得分 that differs, next to 复制", async () => {
  const host = fakeHost();
  renderPane({ host });
  await settled(host);
  await evaluate();
  const narrative = screen.getByTestId('narrative').textContent ?? '';
  expect(narrative).toContain('自评得分99分');
  expect(narrative).toContain('服务效果明显');
  expect(narrative).not.toContain('97.5');
  const notice = screen.getByTestId('score-notice').textContent ?? '';
  expect(notice).toContain('按评分规则核算为97.5分');
});

test("with 核算得分 chosen in the settings the report says so, and the notice names the form's score", async () => {
  const host = fakeHost({ settings: { ...DEFAULT_SETTINGS, reportScore: 'computed' } });
  renderPane({ host });
  await settled(host);
  await evaluate();
  const narrative = screen.getByTestId('narrative').textContent ?? '';
  expect(narrative).toContain('按评分规则核算得分97.5分');
  expect(narrative).not.toMatch(/自评得分97\.5/);
  expect(screen.getByTestId('score-notice').textContent).toContain('自评表填写的自评得分为99分');
});

test('设置: the score choice, opening paragraph and a heading are saved with the workbook', async () => {
  const host = fakeHost({ settings: { ...DEFAULT_SETTINGS } });
  renderPane({ host });
  await settled(host);
  fireEvent.click(screen.getByRole('tab', { name: '设置' }));
  const save = await screen.findByRole('button', { name: '保存设置' });
  fireEvent.change(screen.getByRole('combobox', { name: '报告中的得分' }), { target: { value: 'computed' } });
  fireEvent.change(screen.getByRole('textbox', { name: '开头段落' }), {
    target: { value: '为做好部门整体绩效自评工作，成立了领导小组。' },
  });
  fireEvent.change(screen.getByRole('textbox', { name: '第三部分标题' }), { target: { value: '工作举措' } });
  fireEvent.click(save);
  await waitFor(() => expect(host.saved).toHaveLength(1));
  const s = host.saved[0];
  expect(s.reportScore).toBe('computed');
  expect(s.opening).toBe('为做好部门整体绩效自评工作，成立了领导小组。');
  expect(s.headings).toEqual({ 'department.problems': '工作举措' });
  expect(normaliseSettings(JSON.stringify(s))).toEqual(s);
});

test('normaliseSettings keeps the report fields only when set', () => {
  expect(normaliseSettings({ ...DEFAULT_SETTINGS, reportScore: 'x', opening: '  ', headings: { a: '', b: 3 } })).toEqual(DEFAULT_SETTINGS);
  expect(normaliseSettings({ reportScore: 'computed', opening: '开头', headings: { 'department.overview': '总体情况' } })).toEqual({
    ...DEFAULT_SETTINGS,
    reportScore: 'computed',
    opening: '开头',
    headings: { 'department.overview': '总体情况' },
  });
});
