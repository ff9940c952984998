// Plain text, Markdown and HTML of a narrative. Pure (no DOM): the HTML is a string with inline styles
// so it keeps the 公文 look when pasted into Word or WPS (GB/T 9704-2012 fonts and sizes).

import { Narrative, Paragraph, Section, paragraphText } from './model';

/** Shown before the paragraphs of an editable (boilerplate) section. */
export const EDITABLE_NOTE = '【以下为通用表述，请结合实际修改】';

function sectionLines(s: Section): string[] {
  return [s.heading, ...(s.editable ? [EDITABLE_NOTE] : []), ...s.paragraphs.map(paragraphText)];
}

/** One entry per title, heading and paragraph: what the 评价结果 sheet writes one per cell. */
export function narrativeLines(n: Narrative): string[] {
  const lines: string[] = [n.title, ...(n.opening ?? []).map(paragraphText)];
  for (const s of n.sections) lines.push(...sectionLines(s));
  return lines;
}

/** Plain text: title, a blank line, then one line per heading and per paragraph. */
export function toText(n: Narrative): string {
  const lines: string[] = [n.title, '', ...(n.opening ?? []).map(paragraphText)];
  for (const s of n.sections) lines.push(...sectionLines(s));
  return lines.join('\n') + '\n';
}

function mdEscape(s: string): string {
  return s.replace(/([\\`*_[\]<>|])/g, '\\$1');
}

/** Markdown: # title, ## 一级, ### 二级, #### 三级 headings. */
export function toMarkdown(n: Narrative): string {
  const out: string[] = ['# ' + mdEscape(n.title), ''];
  for (const p of n.opening ?? []) out.push(mdEscape(paragraphText(p)), '');
  for (const s of n.sections) {
    out.push('#'.repeat(s.level + 1) + ' ' + mdEscape(s.heading), '');
    if (s.editable) out.push('> ' + EDITABLE_NOTE, '');
    for (const p of s.paragraphs) out.push(mdEscape(paragraphText(p)), '');
  }
  return out.join('\n');
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export const FONTS = {
  title: "'方正小标宋简体','方正小标宋_GBK','华文中宋','宋体',serif",
  body: "'仿宋_GB2312','仿宋','FangSong','STFangsong',serif",
  level1: "'黑体','SimHei','Heiti SC',sans-serif",
  level2: "'楷体_GB2312','楷体','KaiTi','STKaiti',serif",
};

const LINE = 'line-height:28pt;mso-line-height-rule:exactly;';
const BODY = `margin:0;font-family:${FONTS.body};font-size:16pt;${LINE}text-indent:32pt;text-align:justify;`;
const STYLE = {
  title: `margin:0 0 28pt 0;font-family:${FONTS.title};font-size:22pt;font-weight:normal;${LINE}text-align:center;`,
  1: `margin:0;font-family:${FONTS.level1};font-size:16pt;font-weight:normal;${LINE}text-indent:32pt;`,
  2: `margin:0;font-family:${FONTS.level2};font-size:16pt;font-weight:normal;${LINE}text-indent:32pt;`,
  3: `margin:0;font-family:${FONTS.body};font-size:16pt;font-weight:bold;${LINE}text-indent:32pt;`,
  body: BODY,
  editable: 'background:#fff2cc;',
};

export interface HtmlOptions {
  /** A whole document (default) or only the fragment to put on the clipboard. */
  standalone?: boolean;
}

function htmlParagraph(p: Paragraph, editable: boolean): string {
  return `<p style="${STYLE.body}${editable ? STYLE.editable : ''}">${escapeHtml(paragraphText(p))}</p>`;
}

/** HTML with inline styles: 方正小标宋简体 22pt title, 黑体/楷体_GB2312 headings, 仿宋_GB2312 16pt body, 28pt lines. */
export function toHtml(n: Narrative, options: HtmlOptions = {}): string {
  const parts: string[] = [];
  parts.push(`<div class="jixiao-narrative" lang="zh-CN">`);
  parts.push(`<h1 style="${STYLE.title}">${escapeHtml(n.title)}</h1>`);
  for (const p of n.opening ?? []) parts.push(htmlParagraph(p, false));
  for (const s of n.sections) {
    const tag = 'h' + (s.level + 1);
    const attrs = s.editable ? ` data-editable="true" title="${escapeHtml(EDITABLE_NOTE)}"` : '';
    parts.push(`<${tag} style="${STYLE[s.level]}"${attrs}>${escapeHtml(s.heading)}</${tag}>`);
    if (s.editable) parts.push(`<p style="${STYLE.body}${STYLE.editable}" data-editable="true">${escapeHtml(EDITABLE_NOTE)}</p>`);
    for (const p of s.paragraphs) parts.push(htmlParagraph(p, !!s.editable));
  }
  parts.push('</div>');
  const body = parts.join('\n');
  if (options.standalone === false) return body;
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(n.title)}</title>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
