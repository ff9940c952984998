// 复核意见: one letter per department from a batch's records, in the 公文 layout of the report
// (GB/T 9704 page, fonts and page numbers from narrative/docx.ts). The letter is data first (Letter):
// text from the templates (templates.ts) with every filled slot keeping where its text came from, so a
// number in the letter is always a cell, a computed score, a count or the table's heading, never prose.

import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  VerticalAlign,
  Packer,
  FileChild,
  LineRuleType,
} from 'docx';
import { fmtNum, UNSCORABLE } from '../core/text';
import { DOCX_FONTS, INDENT, LINE, SIZE, font, gbDocument, run } from '../narrative/docx';
import { FileRecord, FindingRecord, TableRecord, bySeriousness, difference, ownerOf } from './record';
import { LETTER, LETTER_SEVERITIES, LetterTemplates } from './templates';

/** Where a slot's text came from. */
export interface Slot {
  text: string;
  source: 'cell' | 'sum' | 'score' | 'count' | 'meta' | 'option' | 'finding';
  /** File, sheet and cell (or the rule) the text was read or computed from. */
  where: string;
}

export interface LetterLine {
  kind: 'title' | 'addressee' | 'body' | 'h1' | 'h2' | 'item' | 'signature' | 'date';
  /** Numbering printed before the text ("1.", "（一）"): layout, not a figure. */
  ordinal?: string;
  text: string;
  slots: Slot[];
  /** Left for the reviewer to fill in (highlighted). */
  editable?: boolean;
}

export interface LetterTable {
  kind: 'table';
  header: string[];
  rows: { text: string; slots: Slot[] }[][];
}

export type LetterBlock = LetterLine | LetterTable;

export interface Letter {
  department: string;
  fileName: string;
  title: string;
  blocks: LetterBlock[];
  /** The tables the letter reviews, in order. */
  tables: { file: FileRecord; table: TableRecord }[];
  /** The findings it asks to correct, in order. */
  findings: FindingRecord[];
}

export interface LetterOptions {
  /** Name of the reviewing office for the signature; left as a highlighted blank when absent. */
  issuer?: string;
  /** Name of the scoring profile, as the opening paragraph quotes it. */
  profileName: string;
  templates?: LetterTemplates;
}

/** Fills {slot}s; the slots used are kept with the text. */
export function fill(template: string, values: Record<string, Slot>): { text: string; slots: Slot[] } {
  const slots: Slot[] = [];
  const text = template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = values[k];
    if (!v) throw new Error(`letter template slot {${k}} has no value`);
    slots.push(v);
    return v.text;
  });
  return { text, slots };
}

const CHINESE_ORDINALS = '一二三四五六七八九十';
function chineseOrdinal(n: number): string {
  if (n <= 10) return CHINESE_ORDINALS[n - 1];
  if (n < 20) return `十${CHINESE_ORDINALS[n - 11]}`;
  const tens = Math.floor(n / 10);
  return `${CHINESE_ORDINALS[tens - 1]}十${n % 10 ? CHINESE_ORDINALS[(n % 10) - 1] : ''}`;
}

function safeFileName(s: string): string {
  return s.replace(/[\\/:*?"<>|\r\n\t]+/g, '_').trim() || '未注明单位';
}

/** Tables of the batch by department (主管部门, else 实施单位, else file name), departments in name order. */
export function groupByDepartment(files: FileRecord[]): Map<string, { file: FileRecord; table: TableRecord }[]> {
  const groups = new Map<string, { file: FileRecord; table: TableRecord }[]>();
  for (const f of files) {
    if (f.status !== 'evaluated') continue;
    for (const t of f.tables) {
      const o = ownerOf(t, f);
      if (!groups.has(o)) groups.set(o, []);
      (groups.get(o) as { file: FileRecord; table: TableRecord }[]).push({ file: f, table: t });
    }
  }
  const collator = new Intl.Collator('zh-Hans-CN', { numeric: true });
  return new Map([...groups].sort((a, b) => collator.compare(a[0], b[0])));
}

/** The findings a letter asks to correct for one table: errors and warnings, most serious first. */
export function findingsToCorrect(t: TableRecord, file: FileRecord, firstOfFile: boolean): FindingRecord[] {
  const own = firstOfFile ? [...file.notes, ...t.findings] : t.findings;
  return own.filter((f) => (LETTER_SEVERITIES as readonly string[]).includes(f.severity)).sort(bySeriousness);
}

/** The letter's file name for a department (templates' fileName, made safe for Windows). */
export function letterFileName(department: string, templates: LetterTemplates = LETTER): string {
  return safeFileName(fill(templates.fileName, { department: { text: department, source: 'meta', where: '' } }).text);
}

export function buildLetter(department: string, items: { file: FileRecord; table: TableRecord }[], o: LetterOptions): Letter {
  const L = o.templates ?? LETTER;
  const blocks: LetterBlock[] = [];
  const findings: FindingRecord[] = [];
  const line = (kind: LetterLine['kind'], template: string, values: Record<string, Slot>, extra: Partial<LetterLine> = {}): void => {
    blocks.push({ kind, ...fill(template, values), ...extra });
  };
  const meta = (text: string, where: string): Slot => ({ text, source: 'meta', where });
  const dept = meta(department, '表中“主管部门”（无则“实施单位”）');
  const years = [...new Set(items.map((x) => x.table.year).filter((y): y is string => !!y))];
  const year = meta(years.length === 1 ? `${years[0]}年度` : '', years.length === 1 ? '表头“年度”' : '各表年度不一或未注明');
  const where = (x: { file: FileRecord; table: TableRecord }, what: string) => `${x.file.display} 工作表“${x.table.sheet}”${what}`;
  const projectSlot = (x: { file: FileRecord; table: TableRecord }): Slot => ({
    text: x.table.project ?? x.table.title ?? x.table.sheet,
    source: 'cell',
    where: where(x, '项目名称'),
  });

  const title = fill(L.title, { department: dept, year });
  blocks.push({ kind: 'title', ...title });
  line('addressee', L.addressee, { department: dept });
  line('body', L.opening, {
    tables: { text: String(items.length), source: 'count', where: items.map((x) => where(x, '')).join('；') },
    profile: { text: o.profileName, source: 'option', where: '评分规则' },
  });

  line('h1', L.scopeHeading, {});
  line('body', L.scopeLead, {});
  const perTable = items.map((x, i) => ({ x, fix: findingsToCorrect(x.table, x.file, items.findIndex((y) => y.file === x.file) === i) }));
  const num = (v: number | null, source: Slot['source'], w: string): { text: string; slots: Slot[] } => {
    if (v === null) return { text: source === 'score' ? UNSCORABLE : '—', slots: [] };
    const s: Slot = { text: fmtNum(v), source, where: w };
    return { text: s.text, slots: [s] };
  };
  blocks.push({
    kind: 'table',
    header: L.tableHeader,
    rows: perTable.map(({ x, fix }, i) => {
      const t = x.table;
      const d = difference(t);
      const dText = d === null ? '—' : `${d > 0 ? '+' : ''}${fmtNum(d)}`;
      return [
        { text: String(i + 1), slots: [{ text: String(i + 1), source: 'count', where: '序号' }] },
        { text: projectSlot(x).text, slots: [projectSlot(x)] },
        num(t.selfScore, 'sum', where(x, '各行自评得分之和')),
        num(t.score, 'score', where(x, '按评分规则核算')),
        { text: dText, slots: d === null ? [] : [{ text: dText, source: 'score', where: where(x, '自评得分 − 核算得分') }] },
        { text: t.grade ?? UNSCORABLE, slots: [] },
        { text: `${fix.length}项`, slots: [{ text: String(fix.length), source: 'count', where: where(x, '错误和警告') }] },
      ];
    }),
  });
  for (const { x } of perTable) {
    const t = x.table;
    const d = difference(t);
    if (t.score === null) line('body', L.scoreNoteUnscorable, { project: projectSlot(x) });
    else if (d !== null && Math.abs(d) >= 0.5) {
      line('body', L.scoreNoteDiffers, {
        project: projectSlot(x),
        self: { text: fmtNum(t.selfScore as number), source: 'sum', where: where(x, '各行自评得分之和') },
        score: { text: fmtNum(t.score), source: 'score', where: where(x, '按评分规则核算') },
        diff: { text: fmtNum(Math.abs(d)), source: 'score', where: where(x, '自评得分与核算得分之差') },
      });
    }
  }

  line('h1', L.problemsHeading, {});
  perTable.forEach(({ x, fix }, i) => {
    line(
      'h2',
      L.tableHeading,
      {
        project: projectSlot(x),
        file: meta(x.file.display, '文件名'),
        sheet: meta(x.table.sheet, '工作表名'),
      },
      { ordinal: `（${chineseOrdinal(i + 1)}）` },
    );
    if (!fix.length) line('body', L.noProblems, {});
    fix.forEach((f, k) => {
      const values: Record<string, Slot> = {
        sheet: meta(f.sheet, '工作表名'),
        message: { text: f.message, source: 'finding', where: `${x.file.display} 工作表“${f.sheet}”${f.cell ?? ''}` },
      };
      if (f.cell) values.cell = { text: f.cell, source: 'cell', where: `${x.file.display} 工作表“${f.sheet}”` };
      line('item', f.cell ? L.problemItem : L.problemItemNoCell, values, { ordinal: `${k + 1}.` });
      findings.push(f);
    });
  });

  line('h1', L.requestHeading, {});
  for (const r of L.request) line('body', r, {});
  if (o.issuer) line('signature', L.signature, { issuer: { text: o.issuer, source: 'option', where: '--issuer' } });
  else line('signature', L.issuerPlaceholder, {}, { editable: true });
  line('date', L.date, {}, { editable: true });

  return {
    department,
    fileName: letterFileName(department, L),
    title: title.text,
    blocks,
    tables: items,
    findings,
  };
}

export function buildLetters(files: FileRecord[], o: LetterOptions): Letter[] {
  return [...groupByDepartment(files)].map(([d, items]) => buildLetter(d, items, o));
}

/** Plain text of a letter, in reading order (tests, previews). */
export function letterText(l: Letter): string {
  return l.blocks
    .map((b) =>
      b.kind === 'table'
        ? [b.header.join('\t'), ...b.rows.map((r) => r.map((c) => c.text).join('\t'))].join('\n')
        : `${b.ordinal ?? ''}${b.text}`,
    )
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// .docx
// ---------------------------------------------------------------------------------------------

/** 四号 for table text: a 三号 table of seven columns does not fit the type area. */
const TABLE_SIZE = 28;
const SPACING = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function tableBlock(b: LetterTable): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const borders = { top: border, bottom: border, left: border, right: border };
  const cell = (text: string, bold: boolean, align: 'left' | 'center') =>
    new TableCell({
      borders,
      verticalAlign: VerticalAlign.CENTER,
      margins: { left: 60, right: 60 },
      children: [
        new Paragraph({
          alignment: align === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { line: 400, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          children: [
            new TextRun({ text, bold: bold || undefined, font: font(bold ? DOCX_FONTS.level1 : DOCX_FONTS.body), size: TABLE_SIZE }),
          ],
        }),
      ],
    });
  // Twips of the 156 mm type area: the project name takes what the six short columns leave.
  const widths = [700, 3300, 1200, 1200, 1000, 900, 1000];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    columnWidths: widths,
    rows: [
      new TableRow({ tableHeader: true, children: b.header.map((h) => cell(h, true, 'center')) }),
      ...b.rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(c.text, false, i === 1 ? 'left' : 'center')) })),
    ],
  });
}

function lineBlock(b: LetterLine): Paragraph {
  const text = `${b.ordinal ?? ''}${b.text}`;
  switch (b.kind) {
    case 'title':
      return new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { ...SPACING, after: LINE },
        children: [run(text, DOCX_FONTS.title, { size: SIZE.title })],
      });
    case 'addressee':
      return new Paragraph({ spacing: SPACING, children: [run(text, DOCX_FONTS.body)] });
    case 'h1':
      return new Paragraph({ spacing: SPACING, indent: INDENT, keepNext: true, children: [run(text, DOCX_FONTS.level1)] });
    case 'h2':
      return new Paragraph({
        spacing: SPACING,
        indent: INDENT,
        keepNext: true,
        alignment: AlignmentType.JUSTIFIED,
        children: [run(text, DOCX_FONTS.level2)],
      });
    case 'signature':
      // 落款 right-aligned with four characters to spare (GB/T 9704 7.3.5.2 for letters without a seal).
      return new Paragraph({
        spacing: { ...SPACING, before: LINE },
        alignment: AlignmentType.RIGHT,
        indent: { right: 1280 },
        children: [run(text, DOCX_FONTS.body, { highlight: b.editable })],
      });
    case 'date':
      return new Paragraph({
        spacing: SPACING,
        alignment: AlignmentType.RIGHT,
        indent: { right: 1280 },
        children: [run(text, DOCX_FONTS.body, { highlight: b.editable })],
      });
    default:
      return new Paragraph({
        spacing: SPACING,
        indent: INDENT,
        alignment: AlignmentType.JUSTIFIED,
        children: [run(text, DOCX_FONTS.body, { highlight: b.editable })],
      });
  }
}

export async function letterDocx(l: Letter): Promise<Uint8Array> {
  const children: FileChild[] = [];
  for (const b of l.blocks) {
    if (b.kind === 'table') {
      children.push(tableBlock(b));
      // A paragraph after a table keeps the next heading off its last row.
      children.push(new Paragraph({ spacing: SPACING, children: [] }));
    } else children.push(lineBlock(b));
  }
  return Packer.pack(gbDocument(l.title, children), 'uint8array');
}
