// A 复核意见 letter from hand-made records: the 公文 frame of the report (GB/T 9704 page, fonts, page
// numbers), its parts in order, 无法核算 shown as such and kept out of differences, the blanks left for
// the reviewer highlighted.

import JSZip from 'jszip';
import { buildLetters, letterDocx, letterText } from '../../src/review/letters';
import { FileRecord, TableRecord } from '../../src/review/record';

function table(over: Partial<TableRecord>): TableRecord {
  return {
    sheet: '自评表',
    headerRow: 8,
    department: '县民政局',
    unit: '县民政局',
    project: '低保资金',
    title: '项目支出绩效自评表',
    year: '2024',
    weight: 100,
    selfScore: 95,
    score: 88.5,
    grade: '良',
    met: 9,
    indicators: 10,
    rate: 0.95,
    pending: 0,
    totalRow: 20,
    findings: [],
    ...over,
  };
}

function file(index: number, display: string, tables: TableRecord[]): FileRecord {
  return { index, path: `/收文/${display}`, display, status: 'evaluated', tables, notes: [] };
}

const records: FileRecord[] = [
  file(0, '民政-低保.xlsx', [
    table({
      findings: [
        { sheet: '自评表', row: 12, cell: 'F12', code: 'unmet', severity: 'warning', message: '第12行“救助人数”未达到指标值。' },
        {
          sheet: '自评表',
          row: 12,
          cell: 'I12',
          code: 'missing-reason',
          severity: 'error',
          message: '第12行“救助人数”扣分但未填写偏差原因。',
        },
        { sheet: '自评表', row: 8, cell: null, code: 'standard-applied', severity: 'info', message: '按通行标准评价。' },
      ],
    }),
  ]),
  file(1, '民政-养老.xlsx', [table({ project: '养老服务补贴', selfScore: 90, score: null, grade: null })]),
  file(2, '水利-河道.xlsx', [
    table({ department: '县水利局', unit: '县水利局', project: '河道治理', selfScore: 100, score: 100, grade: '优' }),
  ]),
];

test('one letter per 主管部门, in name order, with the tables and findings of that department only', () => {
  const letters = buildLetters(records, { profileName: '全国通用' });
  expect(letters.map((l) => l.department)).toEqual(['县民政局', '县水利局']);
  const [mz, sl] = letters;
  expect(mz.fileName).toBe('复核意见-县民政局.docx');
  expect(mz.tables.map((t) => t.table.project)).toEqual(['低保资金', '养老服务补贴']);
  // Errors before warnings; 提示 are not asked to be corrected.
  expect(mz.findings.map((f) => f.code)).toEqual(['missing-reason', 'unmet']);
  const text = letterText(mz);
  expect(text).toContain('关于县民政局2024年度项目支出绩效自评的复核意见');
  expect(text).toContain('报送的2张项目支出绩效自评表');
  expect(text).toContain('1.工作表“自评表”I12单元格：第12行“救助人数”扣分但未填写偏差原因。');
  expect(text).toContain('2.工作表“自评表”F12单元格：第12行“救助人数”未达到指标值。');
  expect(text).toContain('低保资金自评得分95分，核算得分88.5分，相差6.5分。');
  expect(text).toContain('养老服务补贴未填写可识别的分值，无法核算总分');
  // The table row of an unscorable table: 无法核算, no difference (never a 0).
  expect(text).toContain('2\t养老服务补贴\t90\t无法核算\t—\t无法核算\t0项');
  expect(text).toContain('1\t低保资金\t95\t88.5\t+6.5\t良\t2项');
  expect(text).not.toContain('河道治理');
  expect(letterText(sl)).toContain('未发现需要整改的问题。');
  // Without --issuer the signature is a highlighted blank.
  expect(mz.blocks.find((b) => b.kind === 'signature')).toMatchObject({ text: '（复核单位）', editable: true });
});

test('.docx in the report’s 公文 frame: A4, margins, fonts, table, page numbers', async () => {
  const [mz] = buildLetters(records, { profileName: '全国通用', issuer: '某县财政局' });
  const zip = await JSZip.loadAsync(await letterDocx(mz));
  const doc = await (zip.file('word/document.xml') as JSZip.JSZipObject).async('string');
  expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  expect(doc).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588"/);
  const paras = doc.match(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g) ?? [];
  expect(paras[0]).toContain('w:eastAsia="方正小标宋简体"');
  expect(paras[0]).toContain('<w:jc w:val="center"/>');
  expect(paras.find((p) => p.includes('一、复核范围和核算得分'))).toContain('w:eastAsia="黑体"');
  expect(paras.find((p) => p.includes('（一）低保资金'))).toContain('w:eastAsia="楷体_GB2312"');
  expect(paras.find((p) => p.includes('县民政局：'))).not.toContain('w:firstLine');
  expect(paras.find((p) => p.includes('某县财政局'))).toContain('<w:jc w:val="right"/>');
  expect(doc).toContain('<w:tbl>');
  expect(doc).toContain('<w:tblHeader/>');
  const footers = Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f));
  expect(footers).toHaveLength(2);
});
