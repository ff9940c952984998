// Wording of the review outputs, as data: the 汇总 workbook's headings and the 复核意见 letter's
// sentences. A bureau's own phrasing is an edit here, not of the code.
//
// Letter templates use {slot} placeholders. Every slot is filled from a record (a cell, a computed score,
// a count, the table's heading block or an option), and the letter keeps which: see letters.ts. A
// template may hold no digit of its own (the tests check the letter's digits all come from slots).

/** Short names of the engine's finding codes (README「检查项」). */
export const CODE_NAMES: Record<string, string> = {
  unmet: '未达到年度指标值',
  'missing-actual': '未填实际完成值',
  'missing-target': '未填年度指标值',
  'standard-applied': '按通行标准评价',
  unparsed: '值无法识别',
  'unit-mismatch': '单位不可比',
  'missing-reason': '缺少偏差原因',
  'score-over-weight': '自评得分超过分值',
  'score-mismatch': '自评与核算得分不符',
  'qualitative-band': '定性指标得分不在档次内',
  'over-achieved': '超额完成过多',
  'below-standard': '指标值低于通行标准',
  'weights-sum': '分值合计不符',
  'total-mismatch': '总分栏合计错误',
  'grade-mismatch': '等级与得分不符',
  'low-execution': '预算执行率偏低',
  'fund-mismatch': '资金合计不符',
  'missing-weight': '未填分值',
  placeholder: '模板占位行',
  pending: '有待核实指标',
  unscorable: '无法核算',
  // File-level outcomes of a batch (not engine findings).
  unreadable: '文件无法读取',
  'no-table': '未找到绩效指标表',
};

export function codeName(code: string): string {
  return CODE_NAMES[code] ?? code;
}

export const SUMMARY_TEXT = {
  sheets: { summary: '汇总', findings: '问题清单', stats: '统计' },
  summaryHeader: [
    '序号',
    '单位',
    '项目',
    '年度',
    '自评得分',
    '核算得分',
    '差值',
    '等级',
    '指标完成',
    '预算执行率',
    '错误',
    '警告',
    '主要问题',
    '文件',
    '工作表',
  ],
  findingsHeader: ['序号', '单位', '项目', '文件', '工作表', '单元格', '级别', '检查项', '检查项名称', '问题说明'],
  /** Shown in 项目 for a file without a table row. */
  unreadableProject: '（文件无法读取）',
  noTableProject: '（未找到绩效指标表）',
  noProblems: '未发现需整改的问题',
  stats: {
    title: '复核统计',
    overview: '一、概况',
    files: '文件数',
    evaluated: '已评价文件',
    unreadable: '无法读取的文件',
    noTable: '未找到绩效指标表的文件',
    skipped: '跳过的结果文件',
    tables: '项目表数',
    scorable: '可核算的项目表',
    unscorable: '无法核算的项目表（不计入平均值和差值）',
    avgSelf: '平均自评得分（可核算表）',
    avgScore: '平均核算得分（可核算表）',
    avgDiff: '平均差值（自评 − 核算）',
    grades: '二、等级分布（按核算得分）',
    gradesHeader: ['等级', '项目表数', '占比'],
    byCode: '三、问题按检查项',
    byCodeHeader: ['检查项', '检查项名称', '级别', '次数', '涉及项目表数'],
    byDept: '四、问题按单位',
    byDeptHeader: ['单位', '项目表数', '平均自评得分', '平均核算得分', '错误', '警告', '提示', '最常见的问题'],
    diff: '五、自评得分与核算得分的差异',
    diffHeader: ['差值区间（自评 − 核算）', '项目表数'],
    diffBands: [
      '自评高出 5 分及以上',
      '自评高出 2 至 5 分',
      '自评高出 0.5 至 2 分',
      '相差不足 0.5 分',
      '自评低出 0.5 分及以上',
      '无法核算（不计）',
    ],
    topDiff: '差值最大的项目表',
    topDiffHeader: ['单位', '项目', '自评得分', '核算得分', '差值', '文件'],
  },
};

export interface LetterTemplates {
  fileName: string;
  title: string;
  addressee: string;
  opening: string;
  scopeHeading: string;
  scopeLead: string;
  tableHeader: string[];
  scoreNoteUnscorable: string;
  scoreNoteDiffers: string;
  scoreNoteSame: string;
  problemsHeading: string;
  tableHeading: string;
  problemItem: string;
  problemItemNoCell: string;
  noProblems: string;
  requestHeading: string;
  request: string[];
  signature: string;
  date: string;
  /** Where an option is not given: left for the reviewer to fill in (highlighted). */
  issuerPlaceholder: string;
}

export const LETTER: LetterTemplates = {
  fileName: '复核意见-{department}.docx',
  title: '关于{department}{year}项目支出绩效自评的复核意见',
  addressee: '{department}：',
  opening:
    '根据预算绩效管理工作安排，我们对你单位报送的{tables}张项目支出绩效自评表进行了复核，按{profile}重新核算了各项目得分，' +
    '核对了指标完成情况、偏差原因和总分填报。现将复核意见反馈如下。',
  scopeHeading: '一、复核范围和核算得分',
  scopeLead: '本次复核的项目表及其自评得分、核算得分如下表（核算得分按评分规则由表中各行数据计算）。',
  tableHeader: ['序号', '项目名称', '自评得分', '核算得分', '差值', '等级', '需整改'],
  scoreNoteUnscorable: '{project}未填写可识别的分值，无法核算总分，请补填分值后重新报送。',
  scoreNoteDiffers: '{project}自评得分{self}分，核算得分{score}分，相差{diff}分。',
  scoreNoteSame: '',
  problemsHeading: '二、需要整改的问题',
  tableHeading: '{project}（{file}，工作表“{sheet}”）',
  problemItem: '工作表“{sheet}”{cell}单元格：{message}',
  problemItemNoCell: '工作表“{sheet}”：{message}',
  noProblems: '未发现需要整改的问题。',
  requestHeading: '三、整改要求',
  request: [
    '请你单位对上述问题逐项核实，修改自评表并补充偏差原因和改进措施，于　　月　　日前将修改后的自评表重新报送。',
    '对核算得分有不同意见的，请一并提供佐证材料。',
  ],
  signature: '{issuer}',
  date: '　　年　　月　　日',
  issuerPlaceholder: '（复核单位）',
};

/** Severities a letter asks to correct: errors and warnings (提示 are for information only). */
export const LETTER_SEVERITIES = ['error', 'warning'] as const;
