import { CELL_TEXT_LIMIT, chooseSummaryName, isSummaryName, splitCellText } from '../../src/core/plan';

describe('splitCellText (a cell holds at most 32,767 characters)', () => {
  test('short text is one piece, unchanged', () => {
    expect(splitCellText('一、部门基本情况')).toEqual(['一、部门基本情况']);
    expect(splitCellText('')).toEqual(['']);
    expect(splitCellText('x'.repeat(CELL_TEXT_LIMIT))).toEqual(['x'.repeat(CELL_TEXT_LIMIT)]);
  });

  test('cuts after the last sentence end, else clause end, within the limit; the pieces join back', () => {
    const text = '甲乙丙丁。'.repeat(3) + '戊己；'.repeat(4) + '庚';
    const pieces = splitCellText(text, 12);
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((p) => p.length <= 12)).toBe(true);
    expect(pieces[0]).toBe('甲乙丙丁。甲乙丙丁。');
    // No 。 in the second half of the window: the last ； is used.
    expect(pieces[1]).toBe('甲乙丙丁。戊己；戊己；');
  });

  test('no punctuation: a hard cut that never splits a surrogate pair', () => {
    const text = 'a' + '𠀀'.repeat(20); // each 𠀀 is two UTF-16 units
    const pieces = splitCellText(text, 10);
    expect(pieces.join('')).toBe(text);
    for (const p of pieces) {
      expect(p.length).toBeLessThanOrEqual(10);
      expect(/[\ud800-\udbff]$/.test(p)).toBe(false);
    }
  });

  test('a real-size paragraph: every piece fits Excel, none empty', () => {
    const text = '群众满意度目标≥95%，实际94%，未填写偏差原因；'.repeat(5000);
    const pieces = splitCellText(text);
    expect(pieces.length).toBeGreaterThan(3);
    expect(pieces.every((p) => p.length > 0 && p.length <= CELL_TEXT_LIMIT)).toBe(true);
    expect(pieces.join('')).toBe(text);
  });
});

describe('summary sheet names', () => {
  test('isSummaryName accepts exactly the names chooseSummaryName may pick', () => {
    const foreign = (n: number) =>
      Array.from({ length: n }, (_, k) => ({ name: k === 0 ? '评价结果' : `评价结果(${k + 1})`, ours: false }));
    for (const n of [0, 1, 2, 5, 99, 100]) expect(isSummaryName(chooseSummaryName(foreign(n)))).toBe(true);
    expect(isSummaryName('结果', '结果')).toBe(true);
    for (const name of ['评价结果(a)', '评价结果()', '评价结果(2', '评价结果 (2)', '我的评价结果', '评价结果(2)x'])
      expect(isSummaryName(name)).toBe(false);
  });
});
