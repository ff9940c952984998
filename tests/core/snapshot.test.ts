// Sheet-name and number-format helpers every host shares (src/core/snapshot.ts).

import { freeSheetName, isGeneralFormat } from '../../src/core/snapshot';

test('freeSheetName: the first numbered name no sheet has, compared without case', () => {
  expect(freeSheetName([], 'tmp-')).toBe('tmp-1');
  expect(freeSheetName(['TMP-1', 'tmp-2', 'tmp-4'], 'tmp-')).toBe('tmp-3');
  expect(freeSheetName(['评价结果~1'], '评价结果~')).toBe('评价结果~2');
});

test.each([undefined, null, 3, '', 'General', 'G/通用格式', '通用格式', 'G/General'])('%p is the General format', (f) => {
  expect(isGeneralFormat(f)).toBe(true);
});

test.each(['0%', '0.00', '@', 'yyyy/m/d', 'general '])('%p is not', (f) => {
  expect(isGeneralFormat(f)).toBe(false);
});
