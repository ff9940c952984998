// The ribbon page's bundle (src/hosts/wps/ribbon.ts): 评价 / 清除标记 for wps/main.js, over the fake.

import { createRibbonApi } from '../../../src/hosts/wps/ribbon';
import { FakeApplication } from '../../fakes/wps';
import { loadBook, sheetData } from './fixture';

test('评价 then 清除标记 from the ribbon: the same session as the pane, messages for the user', async () => {
  const app = new FakeApplication(await loadBook('gaps-sample'));
  const api = createRibbonApi(() => app);
  const r = await api.evaluate();
  expect(r.ok).toBe(true);
  // The same words as Excel's ribbon notice.
  expect(r.message).toMatch(/^评价完成：核算得分 .+ 分（.），发现 \d+ 处问题，已在表上标出 \d+ 个单元格，结果见“评价结果”工作表。/);
  expect(sheetData(app, '评价结果')).toBeTruthy();
  const c = await api.clearMarks();
  expect(c).toMatchObject({ ok: true });
  expect(c.message).toMatch(/^已清除 \d+ 个单元格的评价标记，工作表恢复原样/);
  expect((await api.clearMarks()).message).toBe('当前工作簿中没有绩效评价助手留下的标记。');
});

test('one operation at a time; errors come back as Chinese messages, never as rejections', async () => {
  const app = new FakeApplication(await loadBook('shenze-2020'));
  const api = createRibbonApi(() => app);
  const first = api.evaluate();
  const second = await api.evaluate();
  expect(second).toEqual({ ok: false, message: '绩效评价助手正在处理上一个操作，请稍候。' });
  expect((await first).ok).toBe(true);

  const none = createRibbonApi(() => new FakeApplication(null));
  expect(await none.evaluate()).toEqual({ ok: false, message: expect.stringMatching(/没有打开的工作簿/) });
  const missing = createRibbonApi(() => undefined);
  expect((await missing.evaluate()).message).toMatch(/WPS/);
});

test('installs itself as window.jixiaoRibbon', () => {
  jest.isolateModules(() => {
    require('../../../src/hosts/wps/ribbon');
  });
  const g = globalThis as unknown as { jixiaoRibbon?: { evaluate: unknown; clearMarks: unknown } };
  expect(typeof g.jixiaoRibbon?.evaluate).toBe('function');
  expect(typeof g.jixiaoRibbon?.clearMarks).toBe('function');
  delete g.jixiaoRibbon;
});
