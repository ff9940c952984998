// The narrative as a .docx laid out per GB/T 9704-2012 (党政机关公文格式): A4, margins 37/35/28/26 mm,
// title 方正小标宋简体 二号 centred, body 仿宋_GB2312 三号 at exactly 28磅 with a 2-character first-line
// indent, 一级标题 黑体, 二级标题 楷体_GB2312, 三级标题 仿宋_GB2312 加粗, page numbers "— 1 —" in 4号 宋体
// (odd pages right, even pages left, one character in). Uses only the `docx` package; Packer.pack to a
// Uint8Array works in Node and in browsers.

import { AlignmentType, Document, FileChild, Footer, LineRuleType, Packer, PageNumber, Paragraph as DocxParagraph, TextRun } from 'docx';
import { Narrative, paragraphText } from './model';

/** Twips (1/20 pt); 1 mm = 1440/25.4 twips, rounded the way Word stores them. */
export const PAGE = {
  width: 11906, // 210 mm
  height: 16838, // 297 mm
  top: 2098, // 37 mm
  bottom: 1984, // 35 mm
  left: 1588, // 28 mm
  right: 1474, // 26 mm
  header: 851, // 15 mm
  footer: 1304, // 23 mm: the page number sits about 7 mm below the text block
};

export const DOCX_FONTS = {
  title: '方正小标宋简体',
  body: '仿宋_GB2312',
  level1: '黑体',
  level2: '楷体_GB2312',
  pageNumber: '宋体',
};

/** Half-points. 二号 = 22 pt, 三号 = 16 pt, 四号 = 14 pt. */
export const SIZE = { title: 44, body: 32, pageNumber: 28 };
/** Exactly 28 pt. */
export const LINE = 560;
/** Two characters of 三号 (16 pt) = 640 twips. */
export const INDENT = { firstLine: 640, firstLineChars: 200 };

export function font(name: string) {
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name };
}

export function run(text: string, fontName: string, opts: { bold?: boolean; size?: number; highlight?: boolean } = {}): TextRun {
  return new TextRun({
    text,
    font: font(fontName),
    size: opts.size ?? SIZE.body,
    bold: opts.bold || undefined,
    highlight: opts.highlight ? 'yellow' : undefined,
  });
}

function pageNumberFooter(align: 'right' | 'left'): Footer {
  return new Footer({
    children: [
      new DocxParagraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: 280 } : { left: 280 },
        children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(DOCX_FONTS.pageNumber), size: SIZE.pageNumber })],
      }),
    ],
  });
}

/** Build the docx Document (exported for hosts that want to add to it). */
export function buildDocument(n: Narrative): Document {
  const spacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const children: DocxParagraph[] = [];
  children.push(
    new DocxParagraph({
      alignment: AlignmentType.CENTER,
      spacing: { ...spacing, after: LINE },
      children: [run(n.title, DOCX_FONTS.title, { size: SIZE.title })],
    }),
  );
  for (const p of n.opening ?? []) {
    children.push(
      new DocxParagraph({
        spacing,
        indent: INDENT,
        alignment: AlignmentType.JUSTIFIED,
        children: [run(paragraphText(p), DOCX_FONTS.body)],
      }),
    );
  }
  for (const s of n.sections) {
    const f = s.level === 1 ? DOCX_FONTS.level1 : s.level === 2 ? DOCX_FONTS.level2 : DOCX_FONTS.body;
    children.push(
      new DocxParagraph({
        spacing,
        indent: INDENT,
        alignment: AlignmentType.JUSTIFIED,
        keepNext: true,
        children: [run(s.heading, f, { bold: s.level === 3, highlight: !!s.editable })],
      }),
    );
    for (const p of s.paragraphs) {
      children.push(
        new DocxParagraph({
          spacing,
          indent: INDENT,
          alignment: AlignmentType.JUSTIFIED,
          children: [run(paragraphText(p), DOCX_FONTS.body, { highlight: !!s.editable })],
        }),
      );
    }
  }
  return gbDocument(n.title, children);
}

/** A document in the GB/T 9704 frame (page, margins, default fonts, page numbers) around `children`. */
export function gbDocument(title: string, children: FileChild[]): Document {
  return new Document({
    title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: { font: font(DOCX_FONTS.body), size: SIZE.body, language: { value: 'zh-CN', eastAsia: 'zh-CN' } },
          paragraph: { spacing: { line: LINE, lineRule: LineRuleType.EXACT } },
        },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: PAGE.header, footer: PAGE.footer },
          },
        },
        footers: { default: pageNumberFooter('right'), even: pageNumberFooter('left') },
        children,
      },
    ],
  });
}

/** The .docx file as bytes. */
export async function toDocx(n: Narrative): Promise<Uint8Array> {
  return Packer.pack(buildDocument(n), 'uint8array');
}
