// Marks in a worksheet part: conditional-format rules whose formula carries our marker,
// ISTEXT("jixiao-mark:<severity>") (the same rules the Excel add-in writes). They paint over a cell
// without touching its own style, so removing them gives the user's formatting back exactly.
// Only the part's tail after <sheetData> is decoded and edited; the rows pass through as bytes.

import { MergeArea, areaAddress } from '../../../core/snapshot';
import { Severity } from '../../../core/types';
import { MARK_PREFIX } from './read';

/** Top-level worksheet elements that come after conditionalFormatting in the schema (CT_Worksheet). */
const AFTER_CF = new Set([
  'dataValidations',
  'hyperlinks',
  'printOptions',
  'pageMargins',
  'pageSetup',
  'headerFooter',
  'rowBreaks',
  'colBreaks',
  'customProperties',
  'cellWatches',
  'ignoredErrors',
  'smartTags',
  'drawing',
  'legacyDrawing',
  'legacyDrawingHF',
  'drawingHF',
  'picture',
  'oleObjects',
  'controls',
  'webPublishItems',
  'tableParts',
  'extLst',
]);

export function markFormula(severity: Severity): string {
  return `ISTEXT("${MARK_PREFIX}${severity}")`;
}

export interface SheetMarks {
  severity: Severity;
  dxfId: number;
  areas: MergeArea[];
}

const TAG = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)([A-Za-z_][\w.:-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;

interface Element {
  name: string;
  start: number;
  end: number;
}

const local = (n: string) => n.slice(n.indexOf(':') + 1);

/** The top-level elements of a worksheet tail (the text from the sheetData element to the end). */
function topLevel(tail: string): { elements: Element[]; close: number; prefix: string } {
  const elements: Element[] = [];
  let depth = 0;
  let cur: Element | null = null;
  let close = tail.length;
  let prefix = '';
  // The tail starts with the sheetData tag itself (</sheetData> or <sheetData/>): scanning starts after it.
  TAG.lastIndex = tail.indexOf('>') + 1;
  for (let m = TAG.exec(tail); m; m = TAG.exec(tail)) {
    if (!m[2]) continue;
    const name = local(m[2]);
    if (m[1]) {
      if (depth === 0) {
        // The worksheet's own closing tag.
        close = m.index;
        prefix = m[2].slice(0, m[2].length - name.length);
        break;
      }
      depth--;
      if (depth === 0 && cur) {
        cur.end = m.index + m[0].length;
        elements.push(cur);
        cur = null;
      }
    } else if (m[4]) {
      if (depth === 0) elements.push({ name, start: m.index, end: m.index + m[0].length });
    } else {
      if (depth === 0) cur = { name, start: m.index, end: -1 };
      depth++;
    }
  }
  return { elements, close, prefix };
}

// 'sheetData' in UTF-8 bytes (ASCII).
const SHEET_DATA = Uint8Array.from('sheetData', (c) => c.charCodeAt(0));

/** Index of the '<' of the last sheetData tag in the bytes (-1 when there is none). */
function lastSheetDataTag(b: Uint8Array): number {
  outer: for (let i = b.length - SHEET_DATA.length; i >= 0; i--) {
    for (let k = 0; k < SHEET_DATA.length; k++) if (b[i + k] !== SHEET_DATA[k]) continue outer;
    for (let j = i - 1; j >= 0 && j >= i - 40; j--) if (b[j] === 0x3c) return j;
    return -1;
  }
  return -1;
}

/** Our rules removed from a conditionalFormatting element; null when nothing of it is left. */
function withoutOurRules(xml: string): string | null {
  if (xml.indexOf(MARK_PREFIX) < 0) return xml;
  const rules = /<([\w.-]+:)?cfRule[\s>][\s\S]*?<\/\1?cfRule>|<([\w.-]+:)?cfRule\s[^>]*\/>/g;
  const kept = xml.replace(rules, (r) => (r.indexOf(`"${MARK_PREFIX}`) >= 0 || r.indexOf(`&quot;${MARK_PREFIX}`) >= 0 ? '' : r));
  return /<([\w.-]+:)?cfRule[\s>/]/.test(kept) ? kept : null;
}

export interface MarkedPart {
  /** The unchanged head (all rows) and the new tail. */
  head: Uint8Array;
  tail: string;
  /** Rules of ours removed. */
  removed: number;
}

/** A worksheet part with our previous marks removed and `marks` added (none: a clean part). */
export function rewriteMarks(part: Uint8Array, marks: SheetMarks[]): MarkedPart {
  const at = lastSheetDataTag(part);
  if (at < 0) throw new Error('工作表部件中没有 sheetData');
  const head = part.subarray(0, at);
  const tail = new TextDecoder('utf-8').decode(part.subarray(at));
  const { elements, close, prefix } = topLevel(tail);
  const edits: { start: number; end: number; text: string }[] = [];
  let removed = 0;
  let insertAt = close;
  for (const e of elements) {
    if (e.name === 'conditionalFormatting') {
      const xml = tail.slice(e.start, e.end);
      const kept = withoutOurRules(xml);
      if (kept !== xml) {
        removed += xml.split(MARK_PREFIX).length - 1;
        edits.push({ start: e.start, end: e.end, text: kept ?? '' });
      }
    } else if (AFTER_CF.has(e.name) && insertAt === close) {
      insertAt = e.start;
    }
  }
  const apply = (list: typeof edits): string => {
    let text = '';
    let cursor = 0;
    for (const ed of list) {
      text += tail.slice(cursor, ed.start) + ed.text;
      cursor = ed.end;
    }
    return text + tail.slice(cursor);
  };
  // Priorities after every rule the sheet keeps (x14 rules in extLst included).
  let priority = 0;
  for (const m of apply(edits).matchAll(/priority="(\d+)"/g)) priority = Math.max(priority, Number(m[1]));
  const added = marks
    .filter((m) => m.areas.length)
    .map(
      (m) =>
        `<${prefix}conditionalFormatting sqref="${m.areas.map(areaAddress).join(' ')}"><${prefix}cfRule type="expression" dxfId="${m.dxfId}" priority="${++priority}">` +
        `<${prefix}formula>${markFormula(m.severity).replace(/"/g, '&quot;')}</${prefix}formula></${prefix}cfRule></${prefix}conditionalFormatting>`,
    )
    .join('');
  // An insertion point never falls inside a removed element (it is at an element's start or the close).
  const all = [...edits, { start: insertAt, end: insertAt, text: added }].sort((x, y) => x.start - y.start);
  const result = added ? apply(all) : apply(edits);
  return { head, tail: result, removed };
}
