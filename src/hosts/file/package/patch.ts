// The result workbook as a patch of the input package. Every part the result does not need to change is
// copied as stored; only these are rewritten: the sheets that gain or lose marks, the 评价结果 sheet,
// styles.xml (the summary's formats, the marks' fills), and — when a sheet is added or removed —
// workbook.xml, its relationships and [Content_Types].xml, each by splicing in or out exactly one element.
//
// What a result changed in styles.xml is undone exactly: the 评价结果 sheet records the original
// styles.xml and a checksum of the one written beside it. While styles.xml is still the one we wrote,
// 清除 or a new 评价 starts from the original; once another program has saved the file, it stays (the
// formats left behind are unused and harmless).

import { Highlight, SummaryPlan, chooseSummaryName } from '../../../core/plan';
import { compactAreas } from '../../../core/snapshot';
import { Severity } from '../../../core/types';
import { writeSummarySheet, xmlAttr, xmlText } from '../summary-xml';
import { PackageInfo, SheetMeta, isOurMask, isOurSummary, parseRels, relsPath, resolveTarget } from './read';
import { EntryWriter, OutEntry, ZipArchive, copiedEntry, crc32, entryBytes, entryText, newEntry, streamEntry } from './zip';
import { extendStyles } from './styles';
import { rewriteMarks } from './marks';
import { isMaskName } from '../../marks';

export interface PackageChange {
  highlights: Highlight[];
  /** The 评价结果 sheet to write (replacing ours of that name), or null. */
  summary: SummaryPlan | null;
  /** Remove every 评价结果 sheet of ours (清除). */
  removeSummaries?: boolean;
}

export interface PatchResult {
  entries: OutEntry[];
  summarySheet: string | null;
  highlighted: number;
  /** Mark rules of ours removed from the input. */
  cleared: number;
  /** Sheets of ours removed. */
  removed: string[];
}

const WORKSHEET_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';
const WORKSHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
const RECORD_URI = '{6F1C2B7E-3A5D-4E9B-8C0F-71D2A4B95E36}';
const RECORD_NS = 'urn:jixiao:record';
const SEVERITIES: Severity[] = ['error', 'warning', 'info'];

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'amp') return '&';
    if (k === 'quot') return '"';
    if (k === 'apos') return "'";
    return String.fromCodePoint(k.startsWith('#x') ? parseInt(k.slice(2), 16) : Number(k.slice(1)));
  });
}

interface StylesRecord {
  crc: number;
  text: string;
}

/** The record at the end of one of our summary parts (streamed: only the tail after the marker is kept). */
function readRecord(zip: ZipArchive, path: string | null): StylesRecord | null {
  const e = path ? zip.byName.get(path.toLowerCase()) : undefined;
  if (!e) return null;
  const dec = new TextDecoder('utf-8');
  let carry = '';
  let captured: string | null = null;
  streamEntry(zip, e, (chunk) => {
    const s = dec.decode(chunk, { stream: true });
    if (captured !== null) {
      captured += s;
      return;
    }
    const t = carry + s;
    const i = t.indexOf(RECORD_NS);
    if (i >= 0) captured = t.slice(i);
    else carry = t.slice(-64);
  });
  if (captured === null) return null;
  const m = /<jx:styles crc="(\d+)"[^>]*>([\s\S]*?)<\/jx:styles>/.exec(captured);
  return m ? { crc: Number(m[1]), text: unescapeXml(m[2]) } : null;
}

function recordXml(r: StylesRecord): string {
  return `<extLst><ext uri="${RECORD_URI}" xmlns:jx="${RECORD_NS}"><jx:styles crc="${r.crc}">${xmlText(r.text)}</jx:styles></ext></extLst>`;
}

/** Removes one element (first match) from xml; the text unchanged when it is not there. */
function cut(xml: string, re: RegExp): string {
  return xml.replace(re, '');
}

/** workbook.xml without the sheet at `index` (its names dropped, later sheets' names and the active tab renumbered). */
function removeSheetFromBook(xml: string, rId: string, index: number): string {
  xml = cut(xml, new RegExp(`<([\\w.-]+:)?sheet\\s[^>]*?[\\w.-]+:id="${esc(rId)}"[^>]*?/>`));
  xml = xml.replace(
    /<([\w.-]+:)?definedName\s([^>]*?)localSheetId="(\d+)"([^>]*)>([\s\S]*?)<\/\1?definedName>/g,
    (all, p: string | undefined, a: string, n: string, b: string, body: string) => {
      const k = Number(n);
      if (k === index) return '';
      if (k < index) return all;
      return `<${p ?? ''}definedName ${a}localSheetId="${k - 1}"${b}>${body}</${p ?? ''}definedName>`;
    },
  );
  // An empty <definedNames> is not valid.
  xml = xml.replace(/<([\w.-]+:)?definedNames>\s*<\/\1?definedNames>/, '');
  xml = xml.replace(/(<(?:[\w.-]+:)?workbookView\s[^>]*?activeTab=")(\d+)"/, (all, head: string, n: string) => {
    const k = Number(n);
    return k > index ? `${head}${k - 1}"` : k === index ? `${head}0"` : all;
  });
  return xml;
}

/** workbook.xml without the workbook-scoped names of masks. */
function withoutMaskNames(xml: string): string {
  xml = xml.replace(/<([\w.-]+:)?definedName\s([^>]*?)>([\s\S]*?)<\/\1?definedName>/g, (all, _p: string | undefined, attrs: string) => {
    const name = /\bname="([^"]*)"/.exec(attrs);
    return name && isMaskName(name[1]) && !/localSheetId=/.test(attrs) ? '' : all;
  });
  return xml.replace(/<([\w.-]+:)?definedNames>\s*<\/\1?definedNames>/, '');
}

function relsWithout(xml: string, id: string): string {
  return cut(xml, new RegExp(`<([\\w.-]+:)?Relationship\\s[^>]*?Id="${esc(id)}"[^>]*?/>`));
}

function typesWithout(xml: string, part: string): string {
  return cut(xml, new RegExp(`<([\\w.-]+:)?Override\\s[^>]*?PartName="/${esc(part)}"[^>]*?/>`, 'i'));
}

function insertBefore(xml: string, closing: RegExp, text: string): string {
  let at = -1;
  for (const m of xml.matchAll(closing)) at = m.index ?? -1;
  if (at < 0) throw new Error(`部件结构不符合预期（缺少 ${closing.source}）`);
  return xml.slice(0, at) + text + xml.slice(at);
}

/** The relationships prefix declared in workbook.xml ('r'), or null when none is. */
function relPrefix(xml: string): string | null {
  const m =
    /xmlns:([\w.-]+)="http:\/\/(?:schemas\.openxmlformats\.org\/officeDocument\/2006|purl\.oclc\.org\/ooxml\/officeDocument)\/relationships"/.exec(
      xml,
    );
  return m ? m[1] : null;
}

function rootPrefix(xml: string, root: string): string {
  const m = new RegExp(`<([\\w.-]+:)?${root}[\\s>]`).exec(xml);
  return m?.[1] ?? '';
}

/** The name the 评价结果 sheet gets in this package (ours of that name is replaced, a foreign one never). */
export function summaryNameIn(pkg: PackageInfo, name: string): string {
  const ours = pkg.sheets.filter(isOurSummary);
  return chooseSummaryName(
    pkg.book.sheets.map((s) => ({ name: s.name, ours: ours.some((o) => o.entry === s) })),
    name,
  );
}

export function patchPackage(pkg: PackageInfo, change: PackageChange): PatchResult {
  const { book } = pkg;
  const zip = book.zip;
  const replaced = new Map<string, OutEntry | null>();
  const appended: OutEntry[] = [];
  const original = (path: string) => zip.byName.get(path.toLowerCase())!;
  const rewritten = (path: string, xml: string) => newEntry(original(path).name, xml, original(path));
  // New parts take the workbook part's time: the same input and plan give the same bytes.
  const stamp = original(book.workbookPath);
  const text = (path: string) => {
    const e = zip.byName.get(path.toLowerCase());
    return e ? entryText(zip, e) : null;
  };

  const bookRelsPath = relsPath(book.workbookPath);
  const bookRelsXml = text(bookRelsPath) ?? '';
  const rels = parseRels(bookRelsXml);
  const stylesRel = rels.find((r) => /\/styles$/.test(r.type));
  const stylesPath = stylesRel ? resolveTarget(book.workbookPath, stylesRel.target) : null;
  const ours = pkg.sheets.filter(isOurSummary);

  // Styles as they were before any result of ours (when still recognisably ours).
  const currentStyles = stylesPath ? text(stylesPath) : null;
  let baseStyles = currentStyles;
  if (currentStyles !== null) {
    const styleBytes = entryBytes(zip, zip.byName.get((stylesPath as string).toLowerCase()) as never);
    const current = crc32(styleBytes);
    for (const s of ours) {
      const r = readRecord(zip, s.entry.path);
      if (r && r.crc === current) {
        baseStyles = r.text;
        break;
      }
    }
  }

  // Where the summary goes: in place of ours of the chosen name, else a new sheet at the end.
  let summaryName: string | null = null;
  let target: SheetMeta | undefined;
  if (change.summary) {
    summaryName = summaryNameIn(pkg, change.summary.name);
    target = ours.find((o) => o.entry.name === summaryName);
  }
  const removing = change.removeSummaries ? ours.filter((o) => o !== target) : [];
  // Masks (another host's marks of a large sheet) go with the marks they served: ours are rewritten below.
  const masks = pkg.sheets.filter(isOurMask);

  // Marks per sheet.
  const bySheet = new Map<string, Highlight[]>();
  for (const h of change.highlights) {
    let list = bySheet.get(h.sheet);
    if (!list) bySheet.set(h.sheet, (list = []));
    list.push(h);
  }
  const used = SEVERITIES.filter((s) => change.highlights.some((h) => h.severity === s));
  const styles = baseStyles !== null && (change.summary || used.length) ? extendStyles(baseStyles, used, !!change.summary) : null;
  const newStyles = styles ? styles.xml : baseStyles;
  if (stylesPath && newStyles !== null && newStyles !== currentStyles)
    replaced.set(stylesPath.toLowerCase(), rewritten(stylesPath, newStyles));

  let highlighted = 0;
  let cleared = 0;
  for (const s of pkg.sheets) {
    if (!s.entry.path || isOurSummary(s) || isOurMask(s)) continue;
    const hs = bySheet.get(s.entry.name) ?? [];
    if (!hs.length && !s.marked) continue;
    const e = zip.byName.get(s.entry.path.toLowerCase())!;
    const marks = SEVERITIES.map((sev) => ({
      severity: sev,
      dxfId: styles?.dxf[sev] ?? 0,
      areas: compactAreas(hs.filter((h) => h.severity === sev)),
    })).filter((m) => m.areas.length);
    const part = rewriteMarks(entryBytes(zip, e), marks);
    cleared += part.removed;
    highlighted += hs.length;
    const w = new EntryWriter(e.name, 1);
    w.writeBytes(part.head);
    w.write(part.tail);
    replaced.set(e.name.toLowerCase(), w.finish(e));
  }

  let bookXml = text(book.workbookPath) ?? '';
  let relsXml = bookRelsXml;
  let typesXml = text('[Content_Types].xml') ?? '';
  const bookBefore = bookXml;
  // Removed sheets, from the last so the indexes of those before stay right.
  const removeIdx = [...removing, ...masks].map((o) => book.sheets.indexOf(o.entry)).sort((a, b) => b - a);
  for (const k of removeIdx) {
    const entry = book.sheets[k];
    bookXml = removeSheetFromBook(bookXml, entry.rId, k);
    relsXml = relsWithout(relsXml, entry.rId);
    if (entry.path) {
      typesXml = typesWithout(typesXml, entry.path);
      replaced.set(entry.path.toLowerCase(), null);
      replaced.set(relsPath(entry.path).toLowerCase(), null);
    }
  }

  if (masks.length) bookXml = withoutMaskNames(bookXml);

  if (change.summary && summaryName) {
    let path = target?.entry.path ?? null;
    if (!path) {
      const dir = book.workbookPath.slice(0, book.workbookPath.lastIndexOf('/') + 1);
      let n = book.sheets.length + 1;
      while (zip.byName.has(`${dir}worksheets/sheet${n}.xml`.toLowerCase())) n++;
      path = `${dir}worksheets/sheet${n}.xml`;
      const ids = new Set(rels.map((r) => r.id));
      let k = rels.length + 1;
      while (ids.has(`rId${k}`)) k++;
      const rId = `rId${k}`;
      const sheetId = Math.max(0, ...book.sheets.map((s) => s.sheetId)) + 1;
      const bp = rootPrefix(bookXml, 'workbook');
      const rp = relPrefix(bookXml);
      const idAttr = rp
        ? `${rp}:id="${rId}"`
        : `r:id="${rId}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"`;
      bookXml = insertBefore(
        bookXml,
        new RegExp(`</${esc(bp)}sheets>`, 'g'),
        `<${bp}sheet name="${xmlAttr(summaryName)}" sheetId="${sheetId}" ${idAttr}/>`,
      );
      const relp = rootPrefix(relsXml, 'Relationships');
      relsXml = insertBefore(
        relsXml,
        new RegExp(`</${esc(relp)}Relationships>`, 'g'),
        `<${relp}Relationship Id="${rId}" Type="${WORKSHEET_TYPE}" Target="${path.slice(dir.length)}"/>`,
      );
      const tp = rootPrefix(typesXml, 'Types');
      typesXml = insertBefore(
        typesXml,
        new RegExp(`</${esc(tp)}Types>`, 'g'),
        `<${tp}Override PartName="/${path}" ContentType="${WORKSHEET_CT}"/>`,
      );
    }
    const w = new EntryWriter(target ? zip.byName.get(path.toLowerCase())!.name : path, 1);
    const xf = styles?.xf ?? {};
    const record =
      newStyles !== null && baseStyles !== null && newStyles !== baseStyles
        ? recordXml({ crc: crc32(new TextEncoder().encode(newStyles)), text: baseStyles })
        : '';
    writeSummarySheet(w, change.summary, (s) => xf[s] ?? 0, record);
    const entry = w.finish(target ? original(path) : stamp);
    if (target) replaced.set(path.toLowerCase(), entry);
    else appended.push(entry);
  }

  if (bookXml !== bookBefore) replaced.set(book.workbookPath.toLowerCase(), rewritten(book.workbookPath, bookXml));
  if (relsXml !== bookRelsXml) replaced.set(bookRelsPath.toLowerCase(), rewritten(bookRelsPath, relsXml));
  if (typesXml !== text('[Content_Types].xml')) replaced.set('[content_types].xml', rewritten('[Content_Types].xml', typesXml));

  const entries: OutEntry[] = [];
  for (const e of zip.entries) {
    const key = e.name.toLowerCase();
    if (!replaced.has(key)) entries.push(copiedEntry(zip, e));
    else {
      const r = replaced.get(key);
      if (r) entries.push(r);
    }
  }
  entries.push(...appended);
  return { entries, summarySheet: summaryName, highlighted, cleared, removed: removing.map((o) => o.entry.name) };
}
