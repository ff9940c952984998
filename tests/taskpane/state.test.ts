// The task pane's reducer (src/taskpane/state.ts) on its own: each event and the state it leads to,
// without React, a host or the engine.

import { initialPaneState, paneReducer, settingsDirty, PaneAction, PaneState, Phase, Task } from '../../src/taskpane/state';
import { JixiaoError } from '../../src/core/errors';
import { DEFAULT_SETTINGS, Settings } from '../../src/hosts/host';
import type { Outcome } from '../../src/app/session';
import type { FileHost } from '../../src/hosts/file/browser';
import type { Engine } from '../../src/taskpane/lazy';

const outcome = (highlighted = 3): Outcome =>
  ({ result: { sheets: [] }, narrative: { title: '报告' }, applied: { summarySheet: '评价结果', highlighted } }) as unknown as Outcome;
const engine = { marker: 'engine' } as unknown as Engine;
const fileHost = { kind: 'file' } as unknown as FileHost;
const hubei: Settings = { ...DEFAULT_SETTINGS, profile: 'hubei' };

/** Deeply frozen, so a reducer that mutates its input throws. */
function frozen<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) frozen(x);
  }
  return v;
}

function run(...actions: PaneAction[]): PaneState {
  return actions.reduce((s, a) => paneReducer(frozen(s), a), initialPaneState);
}

const withResults = (highlighted = 3) => run({ type: 'evaluate-started' }, { type: 'evaluated', outcome: outcome(highlighted) });
const highlightedOf = (p: Phase) => (p.kind === 'results' ? p.outcome.applied.highlighted : null);

test('the initial state: empty, on 评价, default settings, nothing busy, no notes', () => {
  expect(initialPaneState).toEqual({
    phase: { kind: 'empty' },
    tab: 'results',
    settings: DEFAULT_SETTINGS,
    saved: DEFAULT_SETTINGS,
    settingsVersion: 0,
    settingsStatus: null,
    busy: null,
    note: null,
    copyNote: null,
    selectNote: null,
    fileHost: null,
    fileName: null,
    dropping: false,
    engine: null,
  });
  expect(settingsDirty(initialPaneState)).toBe(false);
});

test('tab and dropping', () => {
  expect(run({ type: 'tab', tab: 'settings' }).tab).toBe('settings');
  expect(run({ type: 'dropping', dropping: true }).dropping).toBe(true);
  expect(run({ type: 'dropping', dropping: true }, { type: 'dropping', dropping: false }).dropping).toBe(false);
  expect(run({ type: 'engine-loaded', engine }).engine).toBe(engine);
});

describe('评价', () => {
  test('started: running at 读取, every note cleared; steps move on while running', () => {
    const before = run(
      { type: 'select-unavailable', sheet: '表', cell: 'A1' },
      { type: 'copied', result: 'copied', noDownload: false },
      { type: 'ribbon-cleared' },
    );
    expect([before.note, before.copyNote, before.selectNote].every(Boolean)).toBe(true);
    const s = paneReducer(frozen(before), { type: 'evaluate-started' });
    expect(s.phase).toEqual({ kind: 'running', step: 'read' });
    expect([s.note, s.copyNote, s.selectNote]).toEqual([null, null, null]);
    expect(paneReducer(s, { type: 'step', step: 'write' }).phase).toEqual({ kind: 'running', step: 'write' });
  });

  test('running → results; a late step does not take the results away', () => {
    const s = withResults();
    expect(s.phase).toEqual({ kind: 'results', outcome: outcome() });
    expect(paneReducer(s, { type: 'step', step: 'done' })).toBe(s);
    expect(run({ type: 'step', step: 'evaluate' }).phase).toEqual({ kind: 'empty' });
  });

  test('no table: the message as it is; our other errors as they are; anything else in Chinese with the original', () => {
    const noTable = new JixiaoError('no-table', '工作表“纪要”中没有找到绩效指标表。');
    expect(run({ type: 'evaluate-started' }, { type: 'evaluate-failed', error: noTable }).phase).toEqual({
      kind: 'no-table',
      message: '工作表“纪要”中没有找到绩效指标表。',
    });
    const ours = new JixiaoError('write-failed', '工作表受保护，无法写入。');
    expect(run({ type: 'evaluate-failed', error: ours }).phase).toEqual({ kind: 'error', message: '工作表受保护，无法写入。' });
    const theirs = run({ type: 'evaluate-failed', error: new Error('RichApi.Error: gone') }).phase;
    expect(theirs).toEqual({ kind: 'error', message: expect.stringMatching(/^发生意外错误（RichApi\.Error: gone）。请重试/) });
  });
});

describe('tasks', () => {
  test('each task sets busy and clears only the notes its outcome replaces', () => {
    const before = withResults();
    const noted = run(
      { type: 'evaluate-started' },
      { type: 'evaluated', outcome: outcome() },
      { type: 'ribbon-cleared' },
      { type: 'copied', result: 'failed', noDownload: false },
      { type: 'select-unavailable', sheet: '表', cell: 'A1' },
      { type: 'settings-save-failed', error: new Error('拒绝访问') },
    );
    expect(before.phase.kind).toBe('results');
    const after = (task: Task) => paneReducer(frozen(noted), { type: 'task-started', task });
    const cleared = (s: PaneState) => ({
      note: s.note === null,
      copyNote: s.copyNote === null,
      selectNote: s.selectNote === null,
      settingsStatus: s.settingsStatus === null,
      phase: s.phase.kind,
    });
    expect(cleared(noted)).toEqual({ note: false, copyNote: false, selectNote: false, settingsStatus: false, phase: 'results' });
    expect(cleared(after('open'))).toEqual({ note: true, copyNote: true, selectNote: false, settingsStatus: false, phase: 'empty' });
    expect(cleared(after('clear'))).toEqual({ note: true, copyNote: false, selectNote: false, settingsStatus: false, phase: 'results' });
    expect(cleared(after('docx'))).toEqual({ note: false, copyNote: true, selectNote: false, settingsStatus: false, phase: 'results' });
    expect(cleared(after('save'))).toEqual({ note: false, copyNote: false, selectNote: false, settingsStatus: true, phase: 'results' });
    expect(cleared(after('download'))).toEqual(cleared(noted));
    expect(cleared(after('clean'))).toEqual(cleared(noted));
    for (const task of ['open', 'clear', 'docx', 'download', 'clean', 'save'] as Task[]) expect(after(task).busy).toBe(task);
  });

  test('清除标记: the results stay without their marks; the note counts them; busy ends', () => {
    const s = paneReducer(paneReducer(withResults(5), { type: 'task-started', task: 'clear' }), {
      type: 'marks-cleared',
      cleared: 5,
      fileMode: false,
    });
    expect(highlightedOf(s.phase)).toBe(0);
    expect(s.busy).toBeNull();
    expect(s.note).toEqual({ tone: 'ok', text: '已清除 5 处标记，单元格已恢复原样。' });
    expect(run({ type: 'marks-cleared', cleared: 0, fileMode: false }).note?.text).toBe('没有需要清除的标记。');
    expect(run({ type: 'marks-cleared', cleared: 2, fileMode: true }).note?.text).toBe(
      '已去除结果工作簿中的 2 处标色（“评价结果”工作表保留）。',
    );
    // Nothing on show: nothing to change.
    expect(run({ type: 'marks-cleared', cleared: 1, fileMode: false }).phase).toEqual({ kind: 'empty' });
  });

  test('清除标记 failed: the results keep their marks, the error is said, busy ends', () => {
    const s = paneReducer(paneReducer(withResults(5), { type: 'task-started', task: 'clear' }), {
      type: 'clear-failed',
      error: new Error('工作表受保护'),
    });
    expect(highlightedOf(s.phase)).toBe(5);
    expect(s.busy).toBeNull();
    expect(s.note).toEqual({ tone: 'bad', text: '清除标记失败：工作表受保护' });
  });

  test('downloads and 导出 Word: their notes, busy ends either way', () => {
    const d = run({ type: 'task-started', task: 'download' }, { type: 'result-downloaded', fileName: '表-评价结果.xlsx' });
    expect([d.busy, d.note]).toEqual([null, { tone: 'ok', text: '已生成“表-评价结果.xlsx”，原文件未被修改。' }]);
    const df = run({ type: 'task-started', task: 'download' }, { type: 'result-download-failed', error: new Error('磁盘已满') });
    expect([df.busy, df.note]).toEqual([null, { tone: 'bad', text: '下载结果工作簿失败：磁盘已满' }]);

    const c = run(
      { type: 'task-started', task: 'clean' },
      { type: 'clean-downloaded', fileName: '表.xlsx', cleared: 3, removed: ['评价结果', '评价结果 (2)'] },
    );
    expect([c.busy, c.note?.text]).toEqual([null, '已生成“表.xlsx”：去掉 3 条标记规则和工作表“评价结果”“评价结果 (2)”，原文件未被修改。']);
    expect(run({ type: 'clean-downloaded', fileName: 'a.xlsx', cleared: 1, removed: [] }).note?.text).toBe(
      '已生成“a.xlsx”：去掉 1 条标记规则，原文件未被修改。',
    );
    const cf = run({ type: 'task-started', task: 'clean' }, { type: 'clean-download-failed', error: 'bad zip' });
    expect([cf.busy, cf.note?.tone, cf.note?.text]).toEqual([
      null,
      'bad',
      expect.stringMatching(/^生成清除后的工作簿失败：发生意外错误（bad zip）/),
    ]);

    const w = run({ type: 'task-started', task: 'docx' }, { type: 'docx-exported' });
    expect([w.busy, w.copyNote]).toEqual([null, { tone: 'ok', text: '已生成 Word 文档，请在浏览器的下载中查看。' }]);
    const wf = run({ type: 'task-started', task: 'docx' }, { type: 'docx-failed', error: new Error('内存不足') });
    expect([wf.busy, wf.copyNote]).toEqual([null, { tone: 'bad', text: '导出 Word 失败：内存不足' }]);
  });

  test('打开 .xlsx: the file becomes the host and 评价 is shown; a failed open forgets the previous file', () => {
    const s = run(
      { type: 'tab', tab: 'settings' },
      { type: 'task-started', task: 'open' },
      { type: 'file-opened', fileHost, fileName: '表.xlsx' },
    );
    expect([s.busy, s.fileHost, s.fileName, s.tab]).toEqual([null, fileHost, '表.xlsx', 'results']);
    const f = paneReducer(paneReducer(s, { type: 'task-started', task: 'open' }), {
      type: 'open-failed',
      error: new JixiaoError('unsupported', '不支持 .xls 文件。'),
    });
    expect([f.busy, f.fileHost, f.fileName, f.phase]).toEqual([null, null, null, { kind: 'error', message: '不支持 .xls 文件。' }]);
  });
});

describe('设置', () => {
  test('loaded from the host: on screen and saved, the panel starts over (version), not dirty', () => {
    const s = run({ type: 'settings-changed', settings: DEFAULT_SETTINGS }, { type: 'settings-loaded', settings: hubei });
    expect([s.settings, s.saved, s.settingsVersion, settingsDirty(s)]).toEqual([hubei, hubei, 1, false]);
    expect(paneReducer(s, { type: 'settings-loaded', settings: hubei }).settingsVersion).toBe(2);
  });

  test('load failed: the defaults stay, with a note', () => {
    const s = run({ type: 'settings-load-failed', error: new Error('文档已关闭') });
    expect(s.settings).toEqual(DEFAULT_SETTINGS);
    expect(s.note).toEqual({ tone: 'bad', text: '读取设置失败，将使用默认设置：文档已关闭' });
  });

  test('changed → dirty and the last status gone; changed back (reverted) → not dirty', () => {
    const saved = run({ type: 'task-started', task: 'save' }, { type: 'settings-saved', settings: DEFAULT_SETTINGS });
    expect(saved.settingsStatus).toBe('设置已保存。');
    const changed = paneReducer(saved, { type: 'settings-changed', settings: hubei });
    expect([changed.settings, settingsDirty(changed), changed.settingsStatus]).toEqual([hubei, true, null]);
    const reverted = paneReducer(changed, { type: 'settings-changed', settings: { ...DEFAULT_SETTINGS } });
    expect(settingsDirty(reverted)).toBe(false);
  });

  test('saved: what was saved becomes the saved settings, busy ends; a failed save stays dirty with the error', () => {
    const changed = run({ type: 'settings-changed', settings: hubei }, { type: 'task-started', task: 'save' });
    const ok = paneReducer(changed, { type: 'settings-saved', settings: hubei });
    expect([ok.busy, ok.saved, settingsDirty(ok), ok.settingsStatus]).toEqual([null, hubei, false, '设置已保存。']);
    const failed = paneReducer(changed, { type: 'settings-save-failed', error: new Error('工作簿只读') });
    expect([failed.busy, settingsDirty(failed), failed.settingsStatus]).toEqual([null, true, '保存失败：工作簿只读']);
  });
});

describe('the ribbon, seen by an open pane', () => {
  test('its 评价: results, the engine that read them, and a note (the last one when the pane opens)', () => {
    const s = run({ type: 'ribbon-evaluated', outcome: outcome(2), engine, initial: false });
    expect([s.phase, s.engine, s.note]).toEqual([
      { kind: 'results', outcome: outcome(2) },
      engine,
      { tone: 'info', text: '已显示通过功能区“评价”得到的结果。' },
    ]);
    expect(run({ type: 'ribbon-evaluated', outcome: outcome(), engine, initial: true }).note?.text).toMatch(/上次评价的结果/);
    expect(run({ type: 'ribbon-failed', error: new Error('工作表已删除') }).note).toEqual({
      tone: 'bad',
      text: '无法显示功能区评价的结果：工作表已删除。可点击“评价”重新评价。',
    });
  });

  test('its 清除标记: the marks go from the results on show, with or without a count', () => {
    const s = paneReducer(withResults(4), { type: 'ribbon-cleared', cleared: 4 });
    expect(highlightedOf(s.phase)).toBe(0);
    expect(s.note).toEqual({ tone: 'info', text: '已通过功能区清除 4 处标记，单元格已恢复原样。' });
    expect(run({ type: 'ribbon-cleared' }).note?.text).toBe('已通过功能区清除标记，单元格已恢复原样。');
  });
});

describe('notes next to the findings and the narrative', () => {
  test('selecting a cell: not possible in a file, cleared when it starts, the error when it fails', () => {
    const s = run({ type: 'select-unavailable', sheet: '自评表', cell: 'I9' });
    expect(s.selectNote).toEqual({ tone: 'info', text: expect.stringMatching(/^独立模式下无法直接定位单元格.*自评表!I9/) });
    expect(paneReducer(s, { type: 'select-started' }).selectNote).toBeNull();
    expect(run({ type: 'select-failed', sheet: '自评表', cell: 'I9', error: new Error('工作表已删除') }).selectNote).toEqual({
      tone: 'bad',
      text: '无法定位到 自评表!I9：工作表已删除',
    });
  });

  test('复制, and 导出 Word turned into a copy where downloads do not work', () => {
    const note = (result: 'copied' | 'failed', noDownload: boolean) => run({ type: 'copied', result, noDownload }).copyNote;
    expect(note('copied', false)).toEqual({ tone: 'ok', text: '已复制（含格式），可粘贴到 Word/WPS 文档中。' });
    expect(note('failed', false)).toEqual({ tone: 'bad', text: expect.stringMatching(/^复制失败/) });
    expect(note('copied', true)).toEqual({ tone: 'ok', text: expect.stringMatching(/不能从加载项下载文件：已把报告正文复制到剪贴板/) });
    expect(note('failed', true)).toEqual({ tone: 'bad', text: expect.stringMatching(/复制也未成功/) });
    expect(paneReducer(run({ type: 'copied', result: 'copied', noDownload: false }), { type: 'copy-started' }).copyNote).toBeNull();
  });
});

test('an unknown action leaves the state as it is', () => {
  const s = withResults();
  expect(paneReducer(s, { type: 'no-such-action' } as unknown as PaneAction)).toBe(s);
});
