// styles.xml extended by splicing: the summary's cell formats and the marks' differential formats are
// appended to the lists they belong in; nothing the file already holds is renumbered or rewritten, so
// every style index the workbook's sheets use keeps its meaning.

import { SEVERITY_FILL, SUMMARY_LOOK, SummaryStyle } from '../../../core/plan';
import { Severity } from '../../../core/types';
import { xmlAttr } from '../summary-xml';

/** Number formats of the file's summary beside SUMMARY_LOOK's own (General elsewhere). */
const NUM_FMT: Partial<Record<SummaryStyle, string>> = { number: '0.##', total: '0.##' };

/** Child elements of a styleSheet, in schema order. */
const ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
const CHILD: Record<string, string> = { numFmts: 'numFmt', fonts: 'font', fills: 'fill', borders: 'border', cellXfs: 'xf', dxfs: 'dxf' };

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface List {
  start: number;
  end: number;
  /** Where children are inserted (before the closing tag); -1 when self-closing. */
  insertAt: number;
  count: number;
  body: string;
}

function findList(xml: string, p: string, name: string): List | null {
  const open = new RegExp(`<${esc(p)}${name}(\\s[^>]*)?>`).exec(xml);
  if (!open) return null;
  const selfClosing = open[0].endsWith('/>');
  if (selfClosing) return { start: open.index, end: open.index + open[0].length, insertAt: -1, count: 0, body: '' };
  const close = xml.indexOf(`</${p}${name}>`, open.index);
  if (close < 0) return null;
  const body = xml.slice(open.index + open[0].length, close);
  const child = CHILD[name];
  const count = child ? (body.match(new RegExp(`<${esc(p)}${child}[\\s/>]`, 'g')) ?? []).length : 0;
  return { start: open.index, end: close + `</${p}${name}>`.length, insertAt: close, count, body };
}

/** The list with `added` appended and its count attribute brought up to date. */
function appendTo(xml: string, p: string, name: string, added: string[]): string {
  if (!added.length) return xml;
  const l = findList(xml, p, name);
  if (!l) {
    // Absent: inserted before the first element that follows it in schema order, else at the end.
    const after = ORDER.slice(ORDER.indexOf(name) + 1);
    let at = -1;
    for (const n of after) {
      const m = new RegExp(`<${esc(p)}${n}[\\s/>]`).exec(xml);
      if (m && (at < 0 || m.index < at)) at = m.index;
    }
    if (at < 0) at = xml.lastIndexOf(`</${p}styleSheet>`);
    return `${xml.slice(0, at)}<${p}${name} count="${added.length}">${added.join('')}</${p}${name}>${xml.slice(at)}`;
  }
  const openTag = xml.slice(l.start, l.insertAt < 0 ? l.end : l.start + xml.slice(l.start).indexOf('>') + 1);
  const total = l.count + added.length;
  if (l.insertAt < 0) {
    const attrs = openTag.slice(1 + p.length + name.length, -2).replace(/\s+count="[^"]*"/, '');
    return `${xml.slice(0, l.start)}<${p}${name}${attrs} count="${total}">${added.join('')}</${p}${name}>${xml.slice(l.end)}`;
  }
  const newOpen = /\scount="[^"]*"/.test(openTag)
    ? openTag.replace(/\scount="[^"]*"/, ` count="${total}"`)
    : openTag.replace(/>$/, ` count="${total}">`);
  return xml.slice(0, l.start) + newOpen + xml.slice(l.start + openTag.length, l.insertAt) + added.join('') + xml.slice(l.insertAt);
}

export interface ExtendedStyles {
  xml: string;
  /** cellXfs index per summary style. */
  xf: Partial<Record<SummaryStyle, number>>;
  /** dxfs index per severity. */
  dxf: Partial<Record<Severity, number>>;
}

/** The prefix the styleSheet's elements carry ('' or 'x:'). */
function prefixOf(xml: string): string {
  const m = /<([A-Za-z_][\w.-]*:)?styleSheet[\s>]/.exec(xml);
  return m?.[1] ?? '';
}

export function extendStyles(xml: string, severities: Severity[], summary: boolean): ExtendedStyles {
  const p = prefixOf(xml);
  const out: ExtendedStyles = { xml, xf: {}, dxf: {} };
  if (summary) {
    const fonts = findList(xml, p, 'fonts');
    const fills = findList(xml, p, 'fills');
    const xfs = findList(xml, p, 'cellXfs');
    const numFmts = findList(xml, p, 'numFmts');
    // The workbook's default font, so the summary reads in the same typeface.
    const first = fonts ? (new RegExp(`<${esc(p)}font[\\s>][\\s\\S]*?</${esc(p)}font>`).exec(fonts.body)?.[0] ?? '') : '';
    const keep = (n: string) => new RegExp(`<${esc(p)}${n}\\s[^>]*/>`).exec(first)?.[0] ?? '';
    const baseSize = /<(?:[\w.-]+:)?sz\s+val="([^"]*)"/.exec(first)?.[1] ?? '11';
    const tail = keep('name') + keep('family') + keep('charset') + keep('scheme');
    let nextFmt = 164;
    for (const m of (numFmts?.body ?? '').matchAll(/numFmtId="(\d+)"/g)) nextFmt = Math.max(nextFmt, Number(m[1]) + 1);
    const fmtIds = new Map<string, number>([['0%', 9]]);
    const newFmts: string[] = [];
    const newFonts: string[] = [];
    const newFills: string[] = [];
    const newXfs: string[] = [];
    const fontCount = fonts?.count ?? 0;
    const fillCount = fills?.count ?? 0;
    const xfCount = xfs?.count ?? 0;
    for (const style of Object.keys(SUMMARY_LOOK) as SummaryStyle[]) {
      const l = SUMMARY_LOOK[style];
      const fmt = l.numFmt ?? NUM_FMT[style];
      let fmtId = 0;
      if (fmt) {
        let id = fmtIds.get(fmt);
        if (id === undefined) {
          id = nextFmt++;
          fmtIds.set(fmt, id);
          newFmts.push(`<${p}numFmt numFmtId="${id}" formatCode="${xmlAttr(fmt)}"/>`);
        }
        fmtId = id;
      }
      const fontId = fontCount + newFonts.length;
      newFonts.push(
        `<${p}font>${l.bold ? `<${p}b/>` : ''}${l.underline ? `<${p}u/>` : ''}<${p}sz val="${l.size ?? baseSize}"/>` +
          `${l.color ? `<${p}color rgb="FF${l.color}"/>` : ''}${tail}</${p}font>`,
      );
      let fillId = 0;
      if (l.fill) {
        fillId = fillCount + newFills.length;
        newFills.push(
          `<${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="FF${l.fill}"/><${p}bgColor indexed="64"/></${p}patternFill></${p}fill>`,
        );
      }
      const align = [l.h ? ` horizontal="${l.h}"` : '', l.v ? ` vertical="${l.v}"` : '', l.wrap ? ' wrapText="1"' : ''].join('');
      out.xf[style] = xfCount + newXfs.length;
      newXfs.push(
        `<${p}xf numFmtId="${fmtId}" fontId="${fontId}" fillId="${fillId}" borderId="0" xfId="0"${fmtId ? ' applyNumberFormat="1"' : ''} applyFont="1"` +
          `${fillId ? ' applyFill="1"' : ''}${align ? ' applyAlignment="1"' : ''}>${align ? `<${p}alignment${align}/>` : ''}</${p}xf>`,
      );
    }
    xml = appendTo(xml, p, 'numFmts', newFmts);
    xml = appendTo(xml, p, 'fonts', newFonts);
    xml = appendTo(xml, p, 'fills', newFills);
    xml = appendTo(xml, p, 'cellXfs', newXfs);
  }
  if (severities.length) {
    const dxfs = findList(xml, p, 'dxfs');
    const base = dxfs?.count ?? 0;
    const added = severities.map((s, i) => {
      out.dxf[s] = base + i;
      // Both colours: a solid differential fill is read from bgColor by Excel and from fgColor by some readers.
      const c = `FF${SEVERITY_FILL[s]}`;
      return `<${p}dxf><${p}fill><${p}patternFill patternType="solid"><${p}fgColor rgb="${c}"/><${p}bgColor rgb="${c}"/></${p}patternFill></${p}fill></${p}dxf>`;
    });
    xml = appendTo(xml, p, 'dxfs', added);
  }
  out.xml = xml;
  return out;
}
