import {
  chineseNumeral,
  cleanText,
  formatDate,
  formatMoney,
  formatNumber,
  formatPercent,
  formatQuantity,
  formatRate,
  fullWidth,
  joinList,
  stripEnd,
  stripNamePrefix,
} from '../../src/narrative/format';

describe('money', () => {
  test.each([
    [112, '万元', false, '112万元', 112],
    [24.5, '万元', false, '24.5万元', 24.5],
    [24.5, '万元', false, '24.5万元', 24.5],
    [333.18, '万元', false, '333.18万元', 333.18],
    [79.7, '万元', false, '79.7万元', 79.7],
    [12.345, '万元', false, '12.35万元', 12.35],
    [0.1 + 0.2, '万元', false, '0.3万元', 0.3],
    [1120000, '元', true, '112万元', 112],
    [245000, '元', true, '24.5万元', 24.5],
    [5000, '元', true, '0.5万元', 0.5],
    [1234.5, '元', true, '1234.5元', 1234.5],
    [1234567, '元', true, '1234567元', 1234567],
    [400, '元', false, '400元', 400],
    [3, '亿元', true, '3亿元', 3],
  ])('%p %s (toWan %p) → %s', (v, unit, toWan, text, value) => {
    const p = formatMoney(v as number, unit as string, toWan as boolean);
    expect(p.text).toBe(text);
    expect(p.value).toBeCloseTo(value as number, 10);
  });
});

describe('numbers, percents and rates', () => {
  test.each([
    [95, '95%'],
    [92.5, '92.5%'],
    [100, '100%'],
    [95.08, '95.08%'],
    [94.6, '94.6%'],
    [33.333, '33.33%'],
  ])('percent %p → %s', (v, t) => expect(formatPercent(v).text).toBe(t));

  test.each([
    [0.862, '86.2%', 86.2],
    [1, '100%', 100],
    [1100.5 / 1123.4, '97.96%', 97.96],
    [0.8, '80%', 80],
    [2 / 3, '66.67%', 66.67],
  ])('rate %p → %s', (v, t, value) => {
    const p = formatRate(v);
    expect(p.text).toBe(t);
    expect(p.value).toBe(value);
    expect(p.raw).toBe(v);
  });

  test.each([
    [112, '112'],
    [24.5, '24.5'],
    [0, '0'],
    [-0, '0'],
    [-1.005, '-1.01'],
    [1e7, '10000000'],
    [0.004, '0'],
  ])('number %p → %s', (v, t) => expect(formatNumber(v)).toBe(t));

  test.each([
    [4150, '平方米', '4150平方米'],
    [10336, '人', '10336人'],
    [2.5, '元/生·天', '2.5元/生·天'],
    [95, '%', '95%'],
    [7, null, '7'],
  ])('quantity %p %s → %s', (v, u, t) => expect(formatQuantity(v, u).text).toBe(t));
});

describe('dates', () => {
  test.each([
    [{ year: 2020, month: 12, day: null }, '2020年12月'],
    [{ year: 2020, month: 12, day: 31 }, '2020年12月31日'],
    [{ year: null, month: 6, day: null }, '6月'],
    [{ year: 2021, month: null, day: null }, '2021年'],
    [{ year: null, month: null, day: null }, ''],
  ])('%p → %s', (d, t) => expect(formatDate(d)).toBe(t));
});

describe('lists and punctuation', () => {
  test.each([
    [[], ''],
    [['甲'], '甲'],
    [['甲', '乙'], '甲和乙'],
    [['甲', '乙', '丙'], '甲、乙和丙'],
  ])('%p → %s', (xs, t) => expect(joinList(xs as string[])).toBe(t));

  test('final 及', () => expect(joinList(['甲', '乙', '丙'], '及')).toBe('甲、乙及丙'));

  test.each([
    ['原因:疫情影响,工期推迟;下一步(加快进度)', '原因：疫情影响，工期推迟；下一步（加快进度）'],
    ['共1,000人', '共1000人'],
    ['共12,345,678元', '共12345678元'],
    ['1,2', '1，2'],
    ['12:30开始', '12:30开始'],
    ['生均2.5元', '生均2.5元'],
    ['已完成.', '已完成。'],
    ['17元/人.每天', '17元/人.每天'],
    ['是否完成?', '是否完成？'],
  ])('fullWidth %s', (a, b) => expect(fullWidth(a)).toBe(b));

  test('cleanText collapses line breaks and spaces between Chinese', () => {
    expect(cleanText(' 部分 学校\n未完成 , 下一步 整改 ')).toBe('部分学校未完成，下一步整改');
  });

  test.each([
    ['指标1：学前校舍维修', '学前校舍维修'],
    ['指标 2: 资金到位率', '资金到位率'],
    ['1.生均公用经费', '生均公用经费'],
    ['2、资金到位率', '资金到位率'],
    ['（1）培训覆盖率', '培训覆盖率'],
    ['(3)满意度', '满意度'],
    ['①覆盖率', '覆盖率'],
    ['2.5元标准', '2.5元标准'],
    ['10336名学生受益', '10336名学生受益'],
  ])('strip name prefix %s', (a, b) => expect(stripNamePrefix(a)).toBe(b));

  test('stripEnd drops final punctuation', () => {
    expect(stripEnd('疫情影响。')).toBe('疫情影响');
    expect(stripEnd('疫情影响；')).toBe('疫情影响');
  });

  test.each([
    [1, '一'],
    [7, '七'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
    [21, '二十一'],
  ])('chinese numeral %p → %s', (n, t) => expect(chineseNumeral(n)).toBe(t));
});
