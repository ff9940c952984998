import {
  normalizeText,
  parseCell,
  parseText,
  judgeQualitative,
  parseDateText,
  isDateFormat,
  serialToDate,
  compareDates,
  unitFactor,
} from '../../src/core/parse';
import type { DatePoint } from '../../src/core/types';

type Row = [string, string | null, number | null, string | null, boolean?];

const MULTI = '含有多个数值，无法确定比较对象';
const COPIED = '实际完成值含比较符号，疑似照抄指标值';

describe('normalizeText', () => {
  test.each([
    ['≥９５％', '>=95%'],
    ['＞＝95', '>=95'],
    ['≧ 95 %', '>= 95 %'],
    ['≦5', '<=5'],
    ['≤5', '<=5'],
    ['═ 100 %', '= 100 %'],
    ['＝100', '=100'],
    ['（１，０００．５）', '(1,000.5)'],
    ['ＡＢｃ', 'ABc'],
    ['  a \t\n b\u3000c  ', 'a b c'],
    ['＜５', '<5'],
    ['90％～95％', '90%~95%'],
    ['', ''],
  ])('%p → %p', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('parseText targets: numbers and comparators (REFERENCE §3.1)', () => {
  test.each<Row>([
    // text, op, value, unit, strict?
    ['≥95%', '>=', 95, '%'],
    ['≧ 95 %', '>=', 95, '%'],
    ['>=95%', '>=', 95, '%'],
    ['＞＝95%', '>=', 95, '%'],
    ['≥９５％', '>=', 95, '%'],
    ['不低于95%', '>=', 95, '%'],
    ['不少于100人', '>=', 100, '人'],
    ['95%以上', '>=', 95, '%'],
    ['90%以上', '>=', 90, '%'],
    ['95% 以上', '>=', 95, '%'],
    ['100人及以上', '>=', 100, '人'],
    ['大于90%', '>=', 90, '%', true],
    ['超过80%', '>=', 80, '%', true],
    ['高于80%', '>=', 80, '%', true],
    ['>90', '>=', 90, null, true],
    ['＞90', '>=', 90, null, true],
    ['达到预计值 2100', '>=', 2100, null],
    ['达到100%', '>=', 100, '%'],
    ['≥90.91%', '>=', 90.91, '%'],
    ['≥100百分比', '>=', 100, '%'],
    ['≥50个', '>=', 50, '个'],
    ['≤90万元', '<=', 90, '万元'],
    ['≤10次', '<=', 10, '次'],
    ['≤5%', '<=', 5, '%'],
    ['≦5%', '<=', 5, '%'],
    ['<=5%', '<=', 5, '%'],
    ['不高于5%', '<=', 5, '%'],
    ['不超过3次', '<=', 3, '次'],
    ['5%以内', '<=', 5, '%'],
    ['5%以下', '<=', 5, '%'],
    ['3天以内', '<=', 3, '天'],
    ['3个月内完成', '<=', 3, '个月'],
    ['低于3%', '<=', 3, '%', true],
    ['<5', '<=', 5, null, true],
    ['＜5', '<=', 5, null, true],
    ['═ 100 %', '=', 100, '%'],
    ['= 100 %', '=', 100, '%'],
    ['＝100%', '=', 100, '%'],
    ['等于100%', '=', 100, '%'],
    ['100%', null, 100, '%'],
    ['100', null, 100, null],
    ['95', null, 95, null],
    ['1', null, 1, null],
    ['0', null, 0, null],
    ['≤0', '<=', 0, null],
    ['0起', null, 0, '起'],
    ['2200篇', null, 2200, '篇'],
    ['2200篇左右', null, 2200, '篇'],
    ['26970.7平方米', null, 26970.7, '平方米'],
    ['71.86元/平方米', null, 71.86, '元/平方米'],
    ['17元/人.每天', null, 17, '元/人.每天'],
    ['1000元/生.年', null, 1000, '元/生.年'],
    ['1000元/生·年', null, 1000, '元/生·年'],
    ['735人次', null, 735, '人次'],
    ['1.2万人次', null, 1.2, '万人次'],
    ['3万平方米', null, 3, '万平方米'],
    ['12所', null, 12, '所'],
    ['290套', null, 290, '套'],
    ['10336名', null, 10336, '名'],
    ['10336名农村小学学生全部享受补助', null, 10336, '名'],
    ['100%完成', null, 100, '%'],
    ['1,000', null, 1000, null],
    ['1，000元', null, 1000, '元'],
    ['1,234,567.5元', null, 1234567.5, '元'],
    ['-5', null, -5, null],
    ['≥-5%', '>=', -5, '%'],
    ['500m2', null, 500, 'm2'],
    ['100余人', null, 100, '人'],
    ['百分之百', null, 100, '%'],
    ['满意度≥95%', '>=', 95, '%'],
    ['2020.12万元', null, 2020.12, '万元'],
    ['控制在5%', '<=', 5, '%'],
    ['控制在95%以上', '>=', 95, '%'], // a weak prefix gives way to the suffix
    ['正向735人次', '>=', 735, '人次'],
    ['反向5%', '<=', 5, '%'],
    ['≧735人次', '>=', 735, '人次'],
  ])('%p', (...row: Row) => {
    // Rest parameter: a 5-parameter callback with 4-element rows would be taken for a done-callback test.
    const [text, op, value, unit, strict] = row;
    const p = parseText(text, 'target');
    expect(p.kind).toBe('number');
    expect(p.op).toBe(op);
    expect(p.value).toBe(value);
    expect(p.unit).toBe(unit);
    expect(p.strict === true).toBe(strict === true);
    expect(p.text).toBe(text.trim());
  });

  test.each([
    ['90%-95%', 90, '%'],
    ['90%～95%', 90, '%'],
    ['90%~95%', 90, '%'],
    ['90-95%', 90, '%'],
    ['90%至95%', 90, '%'],
    ['90 - 95', 90, null],
    ['1-2天', 1, '天'],
  ])('range %p → >= lower bound', (text, value, unit) => {
    expect(parseText(text, 'target')).toMatchObject({ kind: 'number', op: '>=', value, unit });
  });

  test.each(['小学685元、初中885元', '100%（1850人）', '2020年完成率100%', '1.2.3', '100人，200人'])(
    '%p: several numbers → unknown, never guessed',
    (text) => {
      expect(parseText(text, 'target')).toMatchObject({ kind: 'unknown', problem: MULTI, value: null, op: null });
    },
  );

  test('the same number twice is still one number', () => {
    expect(parseText('100%（100%）', 'target')).toMatchObject({ kind: 'number', value: 100, unit: '%' });
  });

  test('unsupported comparator', () => {
    expect(parseText('≠0', 'target').kind).toBe('unknown');
    expect(parseText('不等于0', 'target').kind).toBe('unknown');
  });

  test('text keeps the original display text, trimmed, not normalised', () => {
    expect(parseText('  ≥９５％ ', 'target').text).toBe('≥９５％');
  });
});

describe('parseText dates and deadlines', () => {
  const d = (year: number | null, month: number | null, day: number | null): DatePoint => ({ year, month, day });
  test.each<[string, DatePoint]>([
    ['2020年12月底前完成', d(2020, 12, null)],
    ['2021年12月完成', d(2021, 12, null)],
    ['2023年12月31日', d(2023, 12, 31)],
    ['2023年12月31日前', d(2023, 12, 31)],
    ['2020.1.1-2020.12.31', d(2020, 12, 31)],
    ['2020年1月1日至2020年12月31日', d(2020, 12, 31)],
    ['2020年1月-12月', d(2020, 12, null)],
    ['2020年1-12月', d(2020, 12, null)],
    ['2020-12-31', d(2020, 12, 31)],
    ['2020/12/31', d(2020, 12, 31)],
    ['2020/12/31 0:00:00', d(2020, 12, 31)],
    ['2020/12', d(2020, 12, null)],
    ['2020-12', d(2020, 12, null)],
    ['2020.12', d(2020, 12, null)],
    ['2020.12前完成', d(2020, 12, null)],
    ['12月底之前完成', d(null, 12, null)],
    ['12月', d(null, 12, null)],
    ['6月30日前', d(null, 6, 30)],
    ['十二月底前', d(null, 12, null)],
    ['2020年底前完成', d(2020, 12, null)],
    ['年底前完成', d(null, 12, null)],
    ['2020年', d(2020, null, null)],
    ['≤2020年12月', d(2020, 12, null)],
  ])('%p', (text, date) => {
    const p = parseText(text, 'target');
    expect(p.kind).toBe('date');
    expect(p.op).toBe('<=');
    expect(p.date).toEqual(date);
    expect(p.value).toBeNull();
  });

  test.each(['在项目计划完成时间内完成', '按时完成', '及时', '统一月度考核'])('%p has no date → qualitative', (text) => {
    expect(parseText(text, 'target').kind).toBe('qualitative');
  });

  test('an actual date has no comparator', () => {
    expect(parseText('2020年11月完成', 'actual')).toMatchObject({ kind: 'date', op: null, date: d(2020, 11, null) });
  });

  test('two unrelated dates are not guessed', () => {
    expect(parseDateText('2020年1月开工，2020年12月完工')).toBeNull();
    expect(parseText('2020年1月开工，2020年12月完工', 'target').kind).toBe('unknown');
  });

  test.each<[string, DatePoint | null]>([
    ['2020年12月底前完成', d(2020, 12, null)],
    ['2020.1.1-2020.12.31', d(2020, 12, 31)],
    ['12月底之前完成', d(null, 12, null)],
    ['2020/12', d(2020, 12, null)],
    ['按时完成', null],
    ['95%', null],
    ['2200篇', null],
    ['3个月', null],
    ['12个月', null],
    ['15月', null],
    ['2020年13月', null],
    ['', null],
  ])('parseDateText(%p)', (text, date) => {
    expect(parseDateText(text)).toEqual(date);
  });
});

describe('parseText actuals (REFERENCE §3.2)', () => {
  test.each<[string, string, number | null, string | null]>([
    ['735', 'number', 735, null],
    ['100%', 'number', 100, '%'],
    ['98%', 'number', 98, '%'],
    ['95.08%', 'number', 95.08, '%'],
    ['37.24', 'number', 37.24, null],
    ['2859篇', 'number', 2859, '篇'],
    ['12次', 'number', 12, '次'],
    ['0', 'number', 0, null],
    ['达到100%', 'number', 100, '%'],
  ])('%p', (text, kind, value, unit) => {
    expect(parseText(text, 'actual')).toMatchObject({ kind, op: null, value, unit });
  });

  test.each(['≥90%', '≧90%', '>=90%', '不低于95%', '95%以上', '═ 100 %', '≤5%', '大于90%', '≤2020年12月'])(
    '%p in the actual column → unknown (target copied over)',
    (text) => {
      expect(parseText(text, 'actual')).toMatchObject({ kind: 'unknown', problem: COPIED, value: null });
    },
  );

  test('a range in the actual column is unknown', () => {
    expect(parseText('90%-95%', 'actual').kind).toBe('unknown');
  });

  test.each<[string, string]>([
    ['一般', 'partial'],
    ['达成预期指标', 'achieved'],
    ['有效', 'achieved'],
    ['扩大', 'achieved'],
    ['显著提高', 'achieved'],
    ['是', 'achieved'],
    ['未完成', 'none'],
  ])('words %p → qualitative %p', (text, achievement) => {
    expect(parseText(text, 'actual')).toMatchObject({ kind: 'qualitative', achievement, value: null, op: null });
  });

  test('unrecognised words are qualitative without achievement', () => {
    const p = parseText('详见附件', 'actual');
    expect(p.kind).toBe('qualitative');
    expect(p.achievement).toBeUndefined();
  });
});

describe('empty-like values', () => {
  test.each(['', '   ', '—', '——', '-', '--', '/', '／', '……', '...', '…', '— —', 'N/A', '不适用'])('%p → empty for both roles', (text) => {
    expect(parseText(text, 'target').kind).toBe('empty');
    expect(parseText(text, 'actual').kind).toBe('empty');
  });

  test('"无" is empty as an actual, words as a target', () => {
    expect(parseText('无', 'actual').kind).toBe('empty');
    expect(parseText('无', 'target').kind).toBe('qualitative');
  });

  test('null / undefined cells are empty', () => {
    expect(parseCell(null, 'target')).toMatchObject({ kind: 'empty', text: '', op: null, value: null });
    expect(parseCell(undefined, 'actual').kind).toBe('empty');
    expect(parseCell({ v: null, t: '' }, 'actual').kind).toBe('empty');
    expect(parseCell({ v: '', t: '' }, 'actual').kind).toBe('empty');
  });
});

describe('parseCell', () => {
  test.each<[number, string, string | undefined, number, string | null]>([
    [0.95, '95%', '0%', 95, '%'],
    [0.9508, '95.08%', '0.00%', 95.08, '%'],
    [1, '100%', '0%', 100, '%'],
    [0.29, '29%', '0%', 29, '%'],
    [0.1 + 0.2, '30%', '0%', 30, '%'],
    [95, '95', undefined, 95, null],
    [95, '95', 'General', 95, null],
    [0.1 + 0.2, '0.3', undefined, 0.3, null],
    [1234.5, '1,234.50', '#,##0.00', 1234.5, null],
    [16.2, '16.20', '0.00', 16.2, null],
    [90, '90万元', '0"万元"', 90, '万元'],
    [95, '95%', '0"%"', 95, '%'],
    [0.95, '95%', undefined, 95, '%'], // host gave no format, display shows percent
  ])('v=%p t=%p f=%p', (v, t, f, value, unit) => {
    const p = parseCell({ v, t, f }, 'target');
    expect(p).toMatchObject({ kind: 'number', op: null, value, unit, text: t });
  });

  test('date serial cells', () => {
    expect(parseCell({ v: 44196, t: '2020/12/31', f: 'yyyy/m/d' }, 'target')).toMatchObject({
      kind: 'date',
      op: '<=',
      date: { year: 2020, month: 12, day: 31 },
    });
    expect(parseCell({ v: 44196, t: '2020年12月31日', f: 'yyyy"年"m"月"d"日"' }, 'actual')).toMatchObject({
      kind: 'date',
      op: null,
      date: { year: 2020, month: 12, day: 31 },
    });
    expect(parseCell({ v: 44166.5, t: '2020-12-01', f: 'yyyy-mm-dd' }, 'target').date).toEqual({
      year: 2020,
      month: 12,
      day: 1,
    });
    // No format from the host, but the display shows that date.
    expect(parseCell({ v: 44196, t: '2020/12/31' }, 'target')).toMatchObject({ kind: 'date', date: { year: 2020, month: 12, day: 31 } });
  });

  test('string cells go through parseText and keep the display text', () => {
    expect(parseCell({ v: '≥９５％', t: '≥９５％' }, 'target')).toMatchObject({
      kind: 'number',
      op: '>=',
      value: 95,
      unit: '%',
      text: '≥９５％',
    });
    expect(parseCell({ v: ' 95% ', t: ' 95% ' }, 'actual')).toMatchObject({ kind: 'number', value: 95, unit: '%', text: '95%' });
    expect(parseCell({ v: '≥90%', t: '≥90%' }, 'actual')).toMatchObject({ kind: 'unknown', problem: COPIED });
  });

  test('booleans are qualitative', () => {
    expect(parseCell({ v: true, t: 'TRUE' }, 'actual')).toMatchObject({ kind: 'qualitative', achievement: 'achieved' });
    expect(parseCell({ v: false, t: 'FALSE' }, 'actual')).toMatchObject({ kind: 'qualitative', achievement: 'none' });
  });

  test('non-finite numbers are unknown', () => {
    expect(parseCell({ v: NaN, t: '#NUM!' }, 'actual').kind).toBe('unknown');
    expect(parseCell({ v: Infinity, t: '' }, 'actual').kind).toBe('unknown');
    // Finite in the cell, infinite once shown as a percent (found by the property test, seed 1760518788).
    expect(parseCell({ v: -1.797693134862316e306, t: '', f: '0%' }, 'target')).toMatchObject({ kind: 'unknown', value: null });
  });
});

describe('judgeQualitative', () => {
  test.each([
    '达成预期指标',
    '达成年度指标',
    '有效',
    '显著提高',
    '与上年相比显著提高',
    '是',
    '好',
    '高',
    '扩大',
    '效果明显',
    '作用明显',
    '持续有效',
    '有所提升',
    '提高',
    '提升',
    '明显',
    '已完成',
    '完成',
    '按时完成',
    '符合',
    '符合相关规定',
    '严格执行',
    '严格执行相关制度规定',
    '满意',
    '很满意',
    '优秀',
    '良好',
    '合格',
    '达标',
    '达到',
    '及时',
    '在项目计划完成时间内完成',
    '不断提高',
    '是。',
    '满意度高',
    '未发生安全事故，无投诉',
  ])('%p → achieved', (text) => {
    expect(judgeQualitative(text)).toBe('achieved');
  });

  test.each(['部分达成', '基本达成', '基本完成', '一般', '较好', '部分', '部分达成年度指标并具有一定效果', '基本满意', '有待提高'])(
    '%p → partial',
    (text) => {
      expect(judgeQualitative(text)).toBe('partial');
    },
  );

  test.each([
    '未达成',
    '未完成',
    '未达到',
    '尚未完成',
    '不明显',
    '效果不明显',
    '无效',
    '否',
    '差',
    '较差',
    '不满意',
    '未达成年度指标且效果较差',
    '未按时完成',
    '不符合',
    '不合格',
    '延期',
    '没有完成',
  ])('%p → none', (text) => {
    expect(judgeQualitative(text)).toBe('none');
  });

  test.each(['', '详见附件', '未来', '是否', '偏差', '满意度下降', '无', '未发生安全事故'])('%p → null (not recognised)', (text) => {
    expect(judgeQualitative(text)).toBeNull();
  });
});

describe('isDateFormat', () => {
  test.each([
    ['yyyy/m/d', true],
    ['yyyy-mm-dd', true],
    ['m/d/yy', true],
    ['d-mmm-yy', true],
    ['mmm-yy', true],
    ['yyyy"年"m"月"d"日"', true],
    ['yyyy"年"m"月"', true],
    ['[$-804]yyyy年m月d日', true],
    ['m月d日', true],
    ['yyyy/m/d h:mm', true],
    ['0%', false],
    ['0.00%', false],
    ['0.00', false],
    ['General', false],
    ['#,##0', false],
    ['#,##0.00_);[Red](#,##0.00)', false],
    ['0.00E+00', false],
    ['h:mm:ss', false],
    ['h:mm AM/PM', false],
    ['@', false],
    ['0"天"', false],
    ['', false],
  ] as const)('%p → %p', (f, expected) => {
    expect(isDateFormat(f)).toBe(expected);
  });
  test('undefined', () => expect(isDateFormat(undefined)).toBe(false));
});

describe('serialToDate (Excel 1900 system)', () => {
  test.each<[number, DatePoint]>([
    [44196, { year: 2020, month: 12, day: 31 }],
    [43831, { year: 2020, month: 1, day: 1 }],
    [44196.75, { year: 2020, month: 12, day: 31 }],
    [1, { year: 1900, month: 1, day: 1 }],
    [59, { year: 1900, month: 2, day: 28 }],
    [60, { year: 1900, month: 2, day: 29 }],
    [61, { year: 1900, month: 3, day: 1 }],
    [45657, { year: 2024, month: 12, day: 31 }],
  ])('%p', (serial, date) => {
    expect(serialToDate(serial)).toEqual(date);
  });
  test('non-finite → all null', () => {
    expect(serialToDate(NaN)).toEqual({ year: null, month: null, day: null });
  });
});

describe('compareDates', () => {
  const p = (t: string): DatePoint => parseDateText(t)!;
  test.each<[string, string, -1 | 0 | 1]>([
    ['2020年11月完成', '2020年12月底前完成', -1],
    ['2020年12月', '2020年12月底前完成', 0],
    ['2020年12月15日', '2020年12月底前完成', 0], // month-only deadline = end of that month
    ['2021年1月', '2020年12月底前完成', 1],
    ['2020年12月30日', '2020年12月31日', -1],
    ['2020年12月31日', '2020年12月31日', 0],
    ['2021年1月1日', '2020年12月31日', 1],
    ['2019年12月', '2020年', -1],
    ['2020年6月', '2020年', 0],
    ['2020年11月', '12月底之前完成', -1], // null year takes the other side's
    ['12月', '2020年12月底前完成', 0],
    ['2021年1月', '12月底之前完成', -1], // takes 2021 from the actual: January is before December
  ])('%p vs deadline %p → %p', (a, b, expected) => {
    expect(compareDates(p(a), p(b))).toBe(expected);
  });
  test('not comparable', () => {
    const none: DatePoint = { year: null, month: null, day: null };
    expect(compareDates(none, p('2020年12月'))).toBeNull();
    expect(compareDates(p('2020年12月'), none)).toBeNull();
    expect(compareDates({ year: null, month: 12, day: null }, { year: 2020, month: null, day: null })).toBe(0);
  });
});

describe('unitFactor (valueInB × f = value in A)', () => {
  test.each<[string | null, string | null, number | null]>([
    ['元', '元', 1],
    ['%', '%', 1],
    [null, '%', 1],
    ['万元', null, 1],
    ['', '人', 1],
    ['%', '百分比', 1],
    ['百分比', '%', 1],
    ['元', '万元', 10000], // 1 万元 = 10000 元
    ['万元', '元', 0.0001],
    ['元', '亿元', 100000000],
    ['万元', '亿元', 10000],
    ['元', '千元', 1000],
    ['人次', '万人次', 10000],
    ['万人次', '人次', 0.0001],
    ['平方米', '万平方米', 10000],
    ['平方米', '㎡', 1],
    ['人', '名', 1],
    ['元/生·年', '元/生.年', 1],
    ['元/人', '万元/人', 10000],
    ['人', '人次', null],
    ['个', '套', null],
    ['元', '人', null],
    ['%', '个', null],
    ['%', '百分点', null],
  ])('%p ← %p = %p', (a, b, f) => {
    expect(unitFactor(a, b)).toBe(f);
  });
});

describe('negation exceptions', () => {
  test('未成年 is not a negation', () => {
    expect(judgeQualitative('未成年人保护成效显著')).toBe('achieved');
  });
});
