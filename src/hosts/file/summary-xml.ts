// The 评价结果 sheet as a whole worksheet part (SpreadsheetML), written straight from the plan: frame
// (frozen rows, column widths, data bars, margins), cells, merges and links. On a 10,000-row sheet the
// summary holds ~150,000 cells; rows go to the sink one by one, so the part is never held whole.
// Text is written as inline strings (always text, whatever it looks like) and the shared-string table
// of the workbook stays untouched; styles are the workbook's own cellXfs entries (the caller's ids).

import { BAR_COLOR, SummaryPlan, SummaryStyle } from '../../core/plan';
import { columnLetters, areaAddress, quoteSheetName, address } from '../../core/snapshot';

const XML_ESCAPE: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
// eslint-disable-next-line no-control-regex
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Attribute text: escaped, and characters XML 1.0 cannot hold dropped. */
export function xmlAttr(s: string): string {
  return s.replace(INVALID, '').replace(/[&<>"]/g, (c) => XML_ESCAPE[c]);
}

/** Element text: escaped, invalid characters dropped; carriage returns kept as references. */
export function xmlText(s: string): string {
  return s.replace(INVALID, '').replace(/[&<>\r]/g, (c) => (c === '\r' ? '&#13;' : XML_ESCAPE[c]));
}

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface SummarySink {
  write(s: string): void;
}

/**
 * Writes the sheet part. `styleId` gives the cellXfs index of a summary style; `extLst` is put last
 * (the record of what the result changed, see package/patch.ts).
 */
export function writeSummarySheet(out: SummarySink, plan: SummaryPlan, styleId: (s: SummaryStyle) => number, extLst = ''): void {
  let maxCol = 0;
  let lastRow = 0;
  plan.rows.forEach((cells, i) => {
    for (let j = cells.length - 1; j >= 0; j--) {
      const sc = cells[j];
      if ((sc && !(sc.v === null || sc.v === '')) || (sc && sc.style)) {
        if (j + 1 > maxCol) maxCol = j + 1;
        lastRow = i + 1;
        break;
      }
    }
  });
  const dim = lastRow ? areaAddress({ top: 1, left: 1, bottom: lastRow, right: Math.max(1, maxCol) }) : 'A1';
  const top = address(plan.freezeRows + 1, 1);
  out.write(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">`);
  out.write(`<dimension ref="${dim}"/><sheetViews><sheetView workbookViewId="0">`);
  out.write(
    plan.freezeRows
      ? `<pane ySplit="${plan.freezeRows}" topLeftCell="${top}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="${top}" sqref="${top}"/>`
      : '',
  );
  out.write('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>');
  if (plan.widths.length)
    out.write(`<cols>${plan.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`);
  const ids = new Map<SummaryStyle, string>();
  const s = (style: SummaryStyle | undefined): string => {
    if (!style) return '';
    let a = ids.get(style);
    if (a === undefined) {
      const id = styleId(style);
      ids.set(style, (a = id ? ` s="${id}"` : ''));
    }
    return a;
  };
  const letters: string[] = [];
  const links: string[] = [];
  out.write('<sheetData>');
  plan.rows.forEach((cells, i) => {
    const r = i + 1;
    let xml = '';
    for (let j = 0; j < cells.length; j++) {
      const sc = cells[j];
      if (!sc) continue;
      const ref = (letters[j] ??= columnLetters(j + 1)) + r;
      const st = s(sc.style);
      // A link's text is text (a row number too): spreadsheets keep links on text cells only.
      const v = sc.link ? String(sc.v ?? '') : sc.v;
      if (typeof v === 'number' && Number.isFinite(v)) xml += `<c r="${ref}"${st}><v>${v}</v></c>`;
      else if (v === null || v === '' || typeof v === 'number') xml += st ? `<c r="${ref}"${st}/>` : '';
      else xml += `<c r="${ref}"${st} t="inlineStr"><is><t xml:space="preserve">${xmlText(String(v))}</t></is></c>`;
      if (sc.link) links.push(`<hyperlink ref="${ref}" location="${xmlAttr(`${quoteSheetName(sc.link.sheet)}!${sc.link.cell}`)}"/>`);
    }
    if (xml) out.write(`<row r="${r}">${xml}</row>`);
  });
  out.write('</sheetData>');
  if (plan.merges.length)
    out.write(
      `<mergeCells count="${plan.merges.length}">${plan.merges.map((m) => `<mergeCell ref="${areaAddress(m)}"/>`).join('')}</mergeCells>`,
    );
  let priority = 0;
  for (const b of plan.bars) {
    out.write(
      `<conditionalFormatting sqref="${address(b.row, b.col)}"><cfRule type="dataBar" priority="${++priority}"><dataBar>` +
        `<cfvo type="num" val="0"/><cfvo type="num" val="1"/><color rgb="FF${BAR_COLOR}"/></dataBar></cfRule></conditionalFormatting>`,
    );
  }
  if (links.length) out.write(`<hyperlinks>${links.join('')}</hyperlinks>`);
  out.write('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  out.write(extLst);
  out.write('</worksheet>');
}
