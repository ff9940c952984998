// The 评价结果 sheet's cells as SpreadsheetML, written straight from the plan. On a 10,000-row sheet the
// summary holds ~150,000 cells: built as exceljs cell objects and rendered by exceljs they cost more than
// reading and writing the whole input file. Styles and strings still go through the workbook's own
// style and shared-string tables (the caller passes them in), so the part stays an ordinary sheet.

import { SummaryPlan, SummaryStyle } from '../../core/plan';
import { columnLetters, areaAddress, quoteSheetName } from '../../core/snapshot';

export interface SheetParts {
  /** `<dimension …/>` for the used range. */
  dimension: string;
  /** `<sheetData>…</sheetData>`. */
  sheetData: string;
  /** `<mergeCells …>…</mergeCells>`, or '' without merges. */
  mergeCells: string;
  /** `<hyperlinks>…</hyperlinks>` (links inside the workbook: `location`, no relationship), or ''. */
  hyperlinks: string;
}

export interface SheetTables {
  /** The cellXfs index of a summary style. */
  styleId(style: SummaryStyle): number;
  /** The shared-string index of a text. */
  sharedString(text: string): number;
}

const XML_ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Attribute text: escaped, and characters XML 1.0 cannot hold dropped. */
export function xmlAttr(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"]/g, (c) => XML_ESCAPE[c]);
}

export function renderSummaryParts(plan: SummaryPlan, tables: SheetTables): SheetParts {
  const styleIds = new Map<SummaryStyle, number>();
  const styleAttr = (style: SummaryStyle | undefined): string => {
    if (!style) return '';
    let id = styleIds.get(style);
    if (id === undefined) styleIds.set(style, (id = tables.styleId(style)));
    return id ? ` s="${id}"` : '';
  };
  const letters: string[] = [];
  const links: string[] = [];
  const rows: string[] = [];
  let maxCol = 0;
  let lastRow = 0;
  plan.rows.forEach((cells, i) => {
    const r = i + 1;
    let xml = '';
    for (let j = 0; j < cells.length; j++) {
      const sc = cells[j];
      if (!sc) continue;
      const ref = (letters[j] ??= columnLetters(j + 1)) + r;
      const s = styleAttr(sc.style);
      // A link's text is text (a row number too): spreadsheets keep links on text cells only.
      const v = sc.link ? String(sc.v ?? '') : sc.v;
      if (typeof v === 'number' && Number.isFinite(v)) xml += `<c r="${ref}"${s}><v>${v}</v></c>`;
      else if (v === null || v === '') xml += s ? `<c r="${ref}"${s}/>` : '';
      else xml += `<c r="${ref}"${s} t="s"><v>${tables.sharedString(String(v))}</v></c>`;
      if (sc.link) links.push(`<hyperlink ref="${ref}" location="${xmlAttr(`${quoteSheetName(sc.link.sheet)}!${sc.link.cell}`)}"/>`);
      if (j + 1 > maxCol) maxCol = j + 1;
    }
    if (xml) {
      rows.push(`<row r="${r}">${xml}</row>`);
      lastRow = r;
    }
  });
  return {
    dimension: `<dimension ref="${lastRow ? areaAddress({ top: 1, left: 1, bottom: lastRow, right: maxCol }) : 'A1'}"/>`,
    sheetData: rows.length ? `<sheetData>${rows.join('')}</sheetData>` : '<sheetData/>',
    mergeCells: plan.merges.length
      ? `<mergeCells count="${plan.merges.length}">${plan.merges.map((m) => `<mergeCell ref="${areaAddress(m)}"/>`).join('')}</mergeCells>`
      : '',
    hyperlinks: links.length ? `<hyperlinks>${links.join('')}</hyperlinks>` : '',
  };
}

/** Closing tags of the top-level elements a worksheet may hold between <sheetData> and <hyperlinks>. */
const BEFORE_HYPERLINKS = ['</conditionalFormatting>', '</dataValidations>'];

/**
 * Puts the parts into a worksheet part that exceljs rendered for the empty sheet (views, column widths,
 * conditional formats, margins). Throws when the shell does not have the expected shape, so a change in
 * exceljs shows up as a failed write, not as a damaged file.
 */
export function fillSheetShell(shell: string, parts: SheetParts): string {
  const data = /<sheetData\/>|<sheetData>[\s\S]*?<\/sheetData>/.exec(shell);
  if (!data || /<mergeCells|<hyperlinks|<sheetProtection|<autoFilter/.test(shell)) throw new Error('评价结果工作表的框架格式不符合预期');
  const head = shell.slice(0, data.index).replace(/<dimension [^>]*\/>/, () => parts.dimension);
  const tail = shell.slice(data.index + data[0].length);
  // Schema order (CT_Worksheet): sheetData, mergeCells, conditionalFormatting, dataValidations, hyperlinks.
  // Data bars carry an <extLst> inside their rule, so the place is found by the last closing tag before it.
  let at = 0;
  for (const tag of BEFORE_HYPERLINKS) {
    const i = tail.lastIndexOf(tag);
    if (i >= 0) at = Math.max(at, i + tag.length);
  }
  return head + parts.sheetData + parts.mergeCells + tail.slice(0, at) + parts.hyperlinks + tail.slice(at);
}
