// Our marks in Excel (../marks.ts): the inventory of our conditional formats per sheet, found by their
// marker, and the masks another host (WPS) may have left for a large sheet, deleted with their rules.

import { isOwnerMark } from '../../core/plan';
import { isMarkFormula, isMaskName, maskOf } from '../marks';

/** Our highlight formats found on a sheet. */
export interface FoundMarks {
  sheet: string;
  formats: Excel.ConditionalFormat[];
  /** Those of `formats` that mark through a mask (their cells are counted on the mask sheet). */
  masked: Set<Excel.ConditionalFormat>;
  protection: Excel.WorksheetProtection;
}

/** Masks another host (WPS) left (../marks.ts): sheets with their marked-cell counts, and names. */
export interface FoundMasks {
  sheets: { name: string; count: number }[];
  names: string[];
}

/**
 * Queues loading every conditional format's type (and, `full`, its rule through customOrNullObject) and
 * the protection of each sheet.
 */
export function queueMarkInventory(ctx: Excel.RequestContext, names: string[], full: boolean) {
  return names.map((name) => {
    const ws = ctx.workbook.worksheets.getItem(name);
    // eslint-disable-next-line office-addins/load-object-before-read -- a navigation property (a proxy collection), not a value to load
    const formats = ws.getRange().conditionalFormats;
    formats.load(full ? 'items/id,items/type,items/customOrNullObject/rule/formula' : 'items/id,items/type');
    // eslint-disable-next-line office-addins/call-sync-before-read, office-addins/load-object-before-read -- a navigation property (a proxy object), not a value to load
    const protection = ws.protection;
    protection.load('protected');
    return { name, formats, protection, full };
  });
}

/** Our highlight formats per sheet, after the inventory's sync (one more round trip in the fallback). */
export async function marksOf(ctx: Excel.RequestContext, inv: ReturnType<typeof queueMarkInventory>): Promise<FoundMarks[]> {
  const custom = inv.flatMap((x) => x.formats.items.filter((cf) => cf.type === 'Custom'));
  let formulas: { cf: Excel.ConditionalFormat; formula: string }[];
  if (inv.every((x) => x.full)) {
    formulas = custom.map((cf) => ({ cf, formula: cf.customOrNullObject.rule.formula }));
  } else {
    const rules = custom.map((cf) => {
      const rule = cf.custom.rule;
      rule.load('formula');
      return { cf, rule };
    });
    if (rules.length) await ctx.sync();
    formulas = rules.map((x) => ({ cf: x.cf, formula: x.rule.formula }));
  }
  const ours = new Set(formulas.filter((x) => isMarkFormula(x.formula)).map((x) => x.cf));
  const masked = new Set(formulas.filter((x) => maskOf(x.formula)).map((x) => x.cf));
  return inv.map((x) => ({
    sheet: x.name,
    protection: x.protection,
    formats: x.formats.items.filter((cf) => ours.has(cf)),
    masked,
  }));
}

/** Queues reading the masks: the workbook's names, and A1:C1 of each sheet named as a mask. */
export function queueMasks(ctx: Excel.RequestContext, sheetNames: string[]) {
  const names = ctx.workbook.names;
  names.load('items/name');
  const heads = sheetNames.filter(isMaskName).map((name) => {
    const head = ctx.workbook.worksheets.getItem(name).getRange('A1:C1');
    head.load('values');
    return { name, head };
  });
  return { names, heads };
}

/** After the sync: our mask sheets (owner mark in A1) with their counts, and the masks' names. */
export function masksOf(q: ReturnType<typeof queueMasks>): FoundMasks {
  return {
    sheets: q.heads
      .filter((h) => isOwnerMark(h.head.values[0]?.[0]))
      .map((h) => ({ name: h.name, count: Number(h.head.values[0]?.[2]) || 0 })),
    names: q.names.items.map((n) => n.name).filter(isMaskName),
  };
}

/** Queues deleting the masks (after their rules): a very hidden sheet must be made hidden first. */
export function dropMasks(ctx: Excel.RequestContext, masks: FoundMasks): void {
  for (const m of masks.sheets) {
    const ws = ctx.workbook.worksheets.getItem(m.name);
    ws.visibility = 'Hidden';
    ws.delete();
  }
  for (const n of masks.names) ctx.workbook.names.getItem(n).delete();
}
