// The host-independent parts of 检查环境 (src/app/selfcheck.ts): results in one order with labels,
// error text without stacks, formula comparison as hosts echo formulas, the text for IT.

import {
  SELF_CHECK_KEYS,
  SELF_CHECK_LABELS,
  SelfCheckResults,
  errorMessage,
  sameFormula,
  selfCheckHtml,
  selfCheckSummary,
  selfCheckText,
} from '../../src/app/selfcheck';
import { hyperlinkFormula } from '../../src/hosts/marks';

test('results: every capability in order, labelled; those never reached failed with the reason', () => {
  const r = new SelfCheckResults();
  r.set('marks', false, '坏了');
  r.set('read', true, '好');
  const report = r.report('Excel', '16.0', '未能检查：Excel 无响应');
  expect(report.items.map((i) => i.key)).toEqual(['read', 'write', 'marks', 'links', 'settings', 'clear']);
  expect(report.items.map((i) => i.label)).toEqual(SELF_CHECK_KEYS.map((k) => SELF_CHECK_LABELS[k]));
  expect(report.items[0]).toEqual({ key: 'read', label: '读取单元格', ok: true, detail: '好' });
  expect(report.items[1]).toEqual({ key: 'write', label: '写入文本和数字', ok: false, detail: '未能检查：Excel 无响应' });
  expect(report).not.toHaveProperty('note');
  expect(r.report('Excel', '16.0', '', '注意').note).toBe('注意');
});

test('errorMessage: the message, first line only, never the stack', () => {
  const e = new Error('第一行\n第二行');
  expect(errorMessage(e)).toBe('第一行');
  expect(errorMessage(e)).not.toContain('at ');
  expect(errorMessage({ message: 'COM 错误' })).toBe('COM 错误');
  expect(errorMessage('文字')).toBe('文字');
  expect(errorMessage(undefined)).toBe('未知错误');
  expect(errorMessage(new Error(''))).toBe('未知错误');
  expect(errorMessage(new Error('长'.repeat(400)))).toHaveLength(300);
});

test('sameFormula: spacing and function-name case outside strings do not matter; string contents do', () => {
  const f = hyperlinkFormula('助手自检1', 'A1', '自检链接');
  expect(f).toBe(`=HYPERLINK("#'助手自检1'!A1","自检链接")`);
  expect(sameFormula(f, f)).toBe(true);
  expect(sameFormula(` =hyperlink( "#'助手自检1'!A1", "自检链接" )`, f)).toBe(true);
  expect(sameFormula(`=HYPERLINK("#'助手自检1'!a1","自检链接")`, f)).toBe(false);
  expect(sameFormula(`=HYPERLINK("#'助手自检1'!A1","自检 链接")`, f)).toBe(false);
  expect(sameFormula('自检链接', f)).toBe(false);
  expect(sameFormula(undefined, f)).toBe(false);
});

test('the text for IT: host, version, time, one line per capability, the verdict, the note', () => {
  const r = new SelfCheckResults();
  for (const k of SELF_CHECK_KEYS) r.set(k, k !== 'links', k === 'links' ? '读回的公式是“自检链接”' : '正常');
  const report = r.report('WPS 表格', '12.1.0.16120', '', '临时工作表“助手自检1”未能删除，请手动删除。');
  expect(selfCheckSummary(report)).toBe('6 项中 1 项失败：写入链接公式');
  const text = selfCheckText(report, { at: new Date(2024, 2, 5, 9, 7), userAgent: 'Chrome/86' });
  expect(text.split('\n')).toEqual([
    '绩效评价助手 · 检查环境',
    '程序：WPS 表格',
    '版本：12.1.0.16120',
    '时间：2024-03-05 09:07',
    '浏览器组件：Chrome/86',
    '✓ 读取单元格：正常',
    '✓ 写入文本和数字：正常',
    '✓ 添加问题标记：正常',
    '✗ 写入链接公式：读回的公式是“自检链接”',
    '✓ 读取和保存设置：正常',
    '✓ 清除标记：正常',
    '结论：6 项中 1 项失败：写入链接公式。',
    '注意：临时工作表“助手自检1”未能删除，请手动删除。',
  ]);
  const ok = new SelfCheckResults();
  for (const k of SELF_CHECK_KEYS) ok.set(k, true, '正常');
  expect(selfCheckSummary(ok.report('Excel', '', ''))).toBe('全部 6 项正常');
  expect(selfCheckHtml('a<b>\n&')).toBe('<p>a&lt;b&gt;</p><p>&amp;</p>');
});
