// Word lists used by the value parser (src/core/parse.ts), from the spellings seen in published
// 绩效自评表 (REFERENCE §3). Plain data: a province's variant is an edit here, parse.ts holds only logic.
// All matching is done on normalised text (normalizeText: half-width, ≥ → ">=", spaces collapsed),
// so the lists below only need the half-width spellings.

import type { Op } from '../types';

/** Single characters replaced before anything else (beyond the full-width ASCII block U+FF01–U+FF5E). */
export const CHAR_REPLACEMENTS: Record<string, string> = {
  '\u3000': ' ', // ideographic space
  '═': '=', // U+2550 box drawing, used as "=" in real tables
  '＝': '=',
  '≧': '>=',
  '≥': '>=',
  '⩾': '>=',
  '≦': '<=',
  '≤': '<=',
  '⩽': '<=',
  '﹪': '%',
  '﹤': '<',
  '﹥': '>',
  '﹦': '=',
  '〜': '~', // wave dash
  '−': '-', // minus sign
  '\u200b': '', // zero-width space / joiners
  '\u200c': '',
  '\u200d': '',
  '\u2060': '',
};

export interface ComparatorSpelling {
  word: string;
  op: Op;
  /** Strict comparators (大于, >, 低于, <) are recorded but scored like ≥ / ≤. */
  strict?: boolean;
  /** A weak prefix gives way to a suffix comparator: "控制在95%以上" is ≥, "控制在5%" is ≤. */
  weak?: boolean;
}

/** Comparators written before the number ("≥95%", "不低于95%", "达到预计值 2100"). Longest match wins. */
export const PREFIX_COMPARATORS: ComparatorSpelling[] = [
  { word: '>=', op: '>=' },
  { word: '=>', op: '>=' },
  { word: '不低于', op: '>=' },
  { word: '不少于', op: '>=' },
  { word: '不小于', op: '>=' },
  { word: '大于等于', op: '>=' },
  { word: '大于或等于', op: '>=' },
  { word: '至少', op: '>=' },
  { word: '达到', op: '>=', weak: true },
  { word: '大于', op: '>=', strict: true },
  { word: '高于', op: '>=', strict: true },
  { word: '多于', op: '>=', strict: true },
  { word: '超过', op: '>=', strict: true },
  { word: '>', op: '>=', strict: true },
  { word: '<=', op: '<=' },
  { word: '=<', op: '<=' },
  { word: '不高于', op: '<=' },
  { word: '不超过', op: '<=' },
  { word: '不大于', op: '<=' },
  { word: '不多于', op: '<=' },
  { word: '小于等于', op: '<=' },
  { word: '小于或等于', op: '<=' },
  { word: '至多', op: '<=' },
  { word: '最多', op: '<=' },
  { word: '控制在', op: '<=', weak: true },
  // 指标性质 column values (Sichuan / Chongqing style), joined before the value by the evaluator.
  { word: '正向', op: '>=', weak: true },
  { word: '反向', op: '<=', weak: true },
  { word: '低于', op: '<=', strict: true },
  { word: '小于', op: '<=', strict: true },
  { word: '少于', op: '<=', strict: true },
  { word: '<', op: '<=', strict: true },
  { word: '=', op: '=' },
  { word: '等于', op: '=' },
];

/** Comparators written after the number and unit ("95%以上", "5%以下", "3天以内"). */
export const SUFFIX_COMPARATORS: ComparatorSpelling[] = [
  { word: '及以上', op: '>=' },
  { word: '或以上', op: '>=' },
  { word: '以上', op: '>=' },
  { word: '及以下', op: '<=' },
  { word: '或以下', op: '<=' },
  { word: '以下', op: '<=' },
  { word: '以内', op: '<=' },
  { word: '之内', op: '<=' },
  { word: '内', op: '<=' },
];

/**
 * In an actual value these comparator words are a plain statement ("达到100%"), not a target copied
 * over, so they do not make the actual unreadable; the number is kept with op null.
 */
export const ACTUAL_ALLOWED_COMPARATORS: string[] = ['达到'];

/** Comparators the engine cannot score: the value is reported as unknown. */
export const UNSUPPORTED_COMPARATORS: string[] = ['不等于', '≠', '!=', '<>'];

/** Words after the unit that are dropped ("2200篇左右", "100%完成"); the unit ends where one starts. */
export const UNIT_TAIL_WORDS: string[] = [
  '及以上',
  '或以上',
  '以上',
  '及以下',
  '或以下',
  '以下',
  '以内',
  '之内',
  '内',
  '左右',
  '前后',
  '上下',
  '完成',
  '达到',
  '达成',
  '达标',
  '全部',
  '以',
  '的',
  '及',
  '或',
  '等',
  '均',
  '共',
  '合计',
];

/** Approximation words directly after the number, dropped from the unit ("100余人", "20多所"). */
export const UNIT_LEAD_APPROX: string[] = ['余', '多', '来'];

/** Unit spellings that mean percent. */
export const PERCENT_UNITS: string[] = ['%', '百分比'];

/** Whole-phrase numbers written in words. */
export const NUMBER_WORDS: Record<string, string> = {
  百分之百: '100%',
};

/**
 * Known units, used to cut a unit out of running text ("10336名农村小学学生全部享受补助" → 名) and, with
 * UNIT_MULTIPLIERS, to convert. Order does not matter: the longest match wins.
 */
export const KNOWN_UNITS: string[] = [
  '%',
  '‰',
  '个百分点',
  '百分点',
  '元',
  '万元',
  '亿元',
  '千元',
  '人次',
  '人',
  '名',
  '位',
  '户',
  '家',
  '个',
  '套',
  '台',
  '件',
  '项',
  '次',
  '篇',
  '所',
  '册',
  '本',
  '张',
  '辆',
  '座',
  '间',
  '处',
  '场',
  '期',
  '批',
  '份',
  '条',
  '部',
  '门',
  '株',
  '棵',
  '头',
  '只',
  '班',
  '节',
  '课时',
  '学时',
  '天',
  '日',
  '小时',
  '个月',
  '月',
  '年',
  '周',
  '平方米',
  '立方米',
  '米',
  '公里',
  '千米',
  '亩',
  '公顷',
  '吨',
  '千克',
  '公斤',
  '㎡',
  'm²',
  'm2',
  'm3',
  'km',
  '分',
  '起',
  '例',
  '所学校',
  '个学校',
];

/** Multipliers a unit may start with (万人次 = 10000 人次). Longest first is applied by the code. */
export const UNIT_MULTIPLIERS: Record<string, number> = {
  千万: 10000000,
  百万: 1000000,
  十万: 100000,
  亿: 100000000,
  万: 10000,
  千: 1000,
};

/** Units that start with a multiplier character but are not multiplied units. */
export const UNIT_NO_SPLIT: string[] = ['百分比', '百分点', '个百分点', '千分比', '万分比'];

/** Money units and their value in 元. */
export const MONEY_UNITS: Record<string, number> = {
  元: 1,
  千元: 1000,
  万元: 10000,
  百万元: 1000000,
  千万元: 10000000,
  亿元: 100000000,
};

/** Unit spellings that mean the same (compared after normalisation). */
export const UNIT_SYNONYMS: Record<string, string> = {
  百分比: '%',
  '％': '%',
  名: '人',
  位: '人',
  '㎡': '平方米',
  'm²': '平方米',
  m2: '平方米',
  M2: '平方米',
  'm³': '立方米',
  m3: '立方米',
  公斤: '千克',
  kg: '千克',
  公里: '千米',
  km: '千米',
  个月: '月',
  个百分点: '百分点',
  个数: '个',
  人数: '人',
};

/** Separators inside a compound unit that mean the same ("元/生·年" = "元/生.年"). */
export const UNIT_SEPARATOR_CHARS = '·.•・';

/** A cell holding exactly one of these (after normalisation, spaces removed) is empty. */
export const EMPTY_MARKERS: string[] = ['', '—', '——', '-', '--', '/', '／', '\\', '……', '…', '...', '。。。', 'N/A', 'n/a', '不适用'];

/** Empty only in the actual column ("无" as a target may mean "no incidents"). */
export const EMPTY_MARKERS_ACTUAL: string[] = ['无'];

/** A cell made only of these characters is empty ("———", "- -"). */
export const EMPTY_CHARS = '-—–―_/\\.…·';

/** Separators of a range ("90%-95%", "2020.1.1-2020.12.31", "90%至95%"). */
export const RANGE_SEPARATORS: string[] = ['-', '--', '~', '—', '——', '–', '至', '到'];

/** Words for the end of a year when no month is given ("2020年底前完成" → December). */
export const YEAR_END_WORDS: string[] = ['年底', '年末', '年内'];

/** After "2020年": "2020年底前" / "2020年末" / "2020年内" mean December. */
export const YEAR_END_CHARS = '底末内';

/** Words after a day number ("31日", "31号"). */
export const DAY_WORDS: string[] = ['日', '号'];

/** A day without 日/号 ("2020年12月31", "6月30前") counts only before one of these (or at the end). */
export const DAY_WITHOUT_WORD_FOLLOWERS: string[] = ['前', '之前', '以前', '-', '~', '至', '到', '止', ' '];

/** After a "2020.12" date (dot, no day) the text must read like a deadline, or "2020.12万元" would be a date. */
export const DOT_DATE_FOLLOWERS: string[] = ['前', '底', '末', '之前', '以前', '完成', '-', '~', '至', '到', '—', '–', '止'];

/** What may follow a month in Chinese numerals: "十二月底前" is a date, "统一月度考核" is not. */
export const CHINESE_MONTH_FOLLOWERS: string[] = ['底', '末', '份', '前', '之前', '以前', '完成', '中', '上旬', '下旬', '初', '止', ' '];

/** Characters that end a unit after a number (digits and spaces also do). */
export const UNIT_STOP_CHARS = ',;()[]{}<>=~:"\'、。!?-—–|，；：（）【】《》“”‘’';

/** Chinese month numerals ("十二月底前"). */
export const CHINESE_MONTHS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  十一: 11,
  十二: 12,
  元: 1,
};

export interface QualitativeWords {
  /** Matched anywhere in the text. */
  contains: string[];
  /** Matched only as the whole text (single characters that occur inside other words: 是, 好, 差). */
  exact: string[];
}

/** Negations: checked first. "未" alone matches "未…" (未达成, 未完成, 尚未…). */
export const QUALITATIVE_NONE: QualitativeWords = {
  contains: [
    '未',
    '没有完成',
    '没有达到',
    '没有实现',
    '没有按时',
    '没有明显',
    '没完成',
    '没达到',
    '不明显',
    '无明显效果',
    '无明显提高',
    '无明显提升',
    '无明显改善',
    '无明显变化',
    '无效',
    '较差',
    '很差',
    '效果差',
    '质量差',
    '不满意',
    '不符合',
    '不合格',
    '不达标',
    '不及时',
    '不到位',
    '不理想',
    '不佳',
    '不高',
    '不好',
    '不足',
    '不完善',
    '不健全',
    '不规范',
    '不充分',
    '不够',
    '不力',
    '滞后',
    '延期',
    '逾期',
    '拖延',
    '失败',
    '停滞',
  ],
  exact: ['否', '差', '不是', '没有', '不'],
};

/** Text removed before looking for negations: "未来", "未发生安全事故" are not negations. */
export const NEGATION_EXCEPTIONS: string[] = [
  '未来',
  '未成年',
  '未发生',
  '未出现',
  '未收到',
  '未接到',
  '未发现',
  '未有投诉',
  '不断',
  '不仅',
  '不论',
  '不管',
  '不低于',
  '不少于',
  '不小于',
  '不高于',
  '不超过',
  '不大于',
  '不多于',
];

/** Partial achievement: checked after negations. */
export const QUALITATIVE_PARTIAL: QualitativeWords = {
  contains: [
    '部分达成',
    '部分完成',
    '部分实现',
    '部分达到',
    '基本达成',
    '基本完成',
    '基本实现',
    '基本达到',
    '基本符合',
    '基本满意',
    '较满意',
    '比较满意',
    '较好',
    '较高',
    '一般',
    '部分',
    '有待',
    '仍需',
    '尚需',
    '仍有差距',
    '有一定',
  ],
  exact: ['中', '基本'],
};

/** Achieved: checked last. */
export const QUALITATIVE_ACHIEVED: QualitativeWords = {
  contains: [
    '达成预期指标',
    '达成年度指标',
    '达成',
    '已完成',
    '按时完成',
    '完成',
    '有效',
    '显著提高',
    '显著',
    '效果明显',
    '作用明显',
    '持续有效',
    '有所提升',
    '有所提高',
    '有所改善',
    '提高',
    '提升',
    '明显',
    '扩大',
    '增加',
    '增强',
    '增长',
    '改善',
    '优化',
    '符合',
    '严格执行',
    '执行',
    '很满意',
    '非常满意',
    '满意',
    '优秀',
    '优良',
    '良好',
    '合格',
    '达标',
    '达到',
    '到位',
    '及时',
    '按时',
    '准时',
    '实现',
    '落实',
    '规范',
    '健全',
    '完善',
    '保障',
    '无投诉',
    '零投诉',
    '无事故',
    '零事故',
    '无安全事故',
    '无违规',
    '无违纪',
  ],
  exact: ['是', '好', '高', '优', '良', '有', '强', '大', '很好', '很高'],
};

/**
 * Indicator words removed before judging: "满意度下降" is about 满意度, not a judgement "满意";
 * "在项目计划完成时间内完成" keeps its final "完成".
 */
export const QUALITATIVE_IGNORE: string[] = [
  '满意度',
  '满意率',
  '完成率',
  '完成时间',
  '完成情况',
  '合格率',
  '达标率',
  '有效率',
  '执行率',
  '到位率',
  '及时率',
];

/** Punctuation stripped from both ends before qualitative matching. */
export const QUALITATIVE_TRIM_CHARS = '。，,.!！;；、:："“”\'‘’';

/** Problem texts (Chinese, shown in findings). */
export const PROBLEMS = {
  multipleNumbers: '含有多个数值，无法确定比较对象',
  actualComparator: '实际完成值含比较符号，疑似照抄指标值',
  actualRange: '实际完成值为区间，无法确定具体数值',
  invalidNumber: '数值无效',
  invalidDate: '日期值无效',
  unsupportedComparator: '含有无法评价的比较符号',
  errorValue: '单元格为错误值',
  uncalculated: '公式未计算',
};
