// How one result is said: the phrasebook's name patterns (verb first, the unit once), the comparisons
// (only for shortfalls, reverse and deadline indicators and over-achievement) and the words of values.

import { generateNarrative } from '../../src/narrative/generate';
import { partSentences } from './helpers';
import { Row, date, num, qual, rowsResult } from './fixtures';
import { styleCheck } from './style';

const OUT = '产出指标';
const met = (name: string, a: Row['a'], t: Row['t'] = null, extra: Partial<Row> = {}): Row => ({
  l1: OUT,
  l2: '数量指标',
  name,
  t,
  a,
  w: 10,
  status: 'met',
  ...extra,
});

function said(rows: Row[]): string {
  const r = rowsResult(rows);
  const n = generateNarrative(r, { outline: 'department' });
  expect(styleCheck(n, r)).toEqual([]);
  return partSentences(n, '二、')
    .map((s) => s.text)
    .join('');
}

test.each([
  ['维修学前校舍面积', '维修学前校舍4150平方米', num('4150平方米', 4150, '平方米')],
  ['拨付资金', '共拨付资金112万元', num('112万元', 112, '万元')],
  ['享受补助学生人数', '10336名学生享受补助', num('10336人', 10336, '人')],
  ['高中助学金发放金额', '发放高中助学金79.7万元', num('79.7万元', 79.7, '万元')],
  ['发放金额', '共发放79.7万元', num('79.7万元', 79.7, '万元')],
  ['教师培训人次', '培训教师7005人次', num('7005人次', 7005, '人次')],
  ['培训人次', '培训7005人次', num('7005人次', 7005, '人次')],
  ['学前公用经费生均标准', '按生均400元标准安排学前公用经费', num('400元', 400, '元')],
  ['完成双控机制建设学校数', '93所学校完成双控机制建设', num('93所', 93, '所')],
  ['家庭医生签约服务人数', '家庭医生签约服务4200人', num('4200人', 4200, '人')],
  ['购置教学设备', '购置教学设备290套', num('290套', 290, '套')],
] as [string, string, Row['a']][])('%s → %s', (name, want, a) => {
  expect(said([met(name, a, a)])).toContain(want + '。');
});

test('neighbours with the same verb share it; the same value is said once', () => {
  const text = said([
    met('学前公用经费拨付资金', num('112万元', 112, '万元')),
    met('学前家庭经济困难学生补助资金', num('24.5万元', 24.5, '万元')),
    met('免费教科书发放率', num('100%', 100, '%')),
    met('生活费补助覆盖率', num('100%', 100, '%')),
  ]);
  expect(text).toContain('拨付学前公用经费112万元、学前家庭经济困难学生补助资金24.5万元');
  expect(text).toContain('免费教科书发放率和生活费补助覆盖率均为100%');
});

test('a met target is not repeated; reverse, deadline and over-achievement say theirs the same way each time', () => {
  const text = said([
    met('补助资金', num('112万元', 112, '万元'), num('≥112万元', 112, '万元', '>=')),
    met('人均成本', num('760元', 760, '元'), num('≤800元', 800, '元', '<=')),
    met('资金拨付时间', date('2020年11月', 2020, 11, null), date('2020年12月底前', 2020, 12, null, '<=')),
    met('设备购置时间', date('2020年10月', 2020, 10, null), date('2020年12月31日前', 2020, 12, 31, '<=')),
  ]);
  expect(text).not.toMatch(/112万元，(达到|超过)|年度指标值|≥|≤/);
  expect(text).toContain('人均成本760元，控制在800元以内');
  expect(text).toContain('2020年11月完成资金拨付，符合2020年12月底前完成的时限要求');
  expect(text).toContain('2020年10月完成设备购置，符合2020年12月31日前完成的时限要求');
});

test('qualitative values in words, without quotes', () => {
  const text = said([
    { l1: '满意度指标', l2: '服务对象满意度指标', name: '受益学生及家长满意度', t: qual('满意'), a: qual('满意'), w: 10, status: 'met' },
    { l1: '效益指标', l2: '社会效益指标', name: '幼儿家长满意度', t: qual('较高'), a: qual('较高'), w: 10, status: 'met' },
    met('防控物资配备完成时间', qual('开学复课前完成'), qual('开学复课前完成'), { direction: 'deadline' }),
  ]);
  expect(text).toContain('受益学生及家长满意');
  expect(text).toContain('幼儿家长满意度较高');
  expect(text).toContain('开学复课前完成防控物资配备');
  expect(text).not.toMatch(/[“”]/);
});

test('a shortfall: the result, the target it missed, the points lost', () => {
  const text = said([
    {
      l1: OUT,
      l2: '数量指标',
      name: '孕产妇系统管理人数',
      t: num('≥1200人', 1200, '人', '>='),
      a: num('1080人', 1080, '人'),
      w: 5,
      score: 4.5,
      status: 'unmet',
    },
  ]);
  expect(text).toContain('孕产妇系统管理1080人，未达到1200人的年度目标，扣0.5分。');
});
