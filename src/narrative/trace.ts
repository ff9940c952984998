// The traceable text model's algebra: fragments of text that carry the figures, quotes and cells they
// were written from, concatenated into sentences (model.ts). Every number the report prints is built here
// as a Figure traced to cells or to a documented computation.

import { CellRef, Figure, Quote, Sentence } from './model';
import { Printed, formatNumber, roundTo } from './format';

// ---------------------------------------------------------------------------------------------
// Fragments: text with its provenance, concatenated into sentences.

export interface Frag {
  text: string;
  figures: Figure[];
  quotes: Quote[];
  refs: CellRef[];
}

export type Slots = Record<string, Frag | undefined>;

// Fragments and their lists are never changed once made (catList builds new lists), so a literal
// shares these frozen empty lists and a figure or quote fragment shares its refs: a large sheet makes
// hundreds of thousands of fragments.
const NO_FIGURES: Figure[] = Object.freeze([]) as unknown as Figure[];
const NO_QUOTES: Quote[] = Object.freeze([]) as unknown as Quote[];
const NO_REFS: CellRef[] = Object.freeze([]) as unknown as CellRef[];

export const EMPTY: Frag = { text: '', figures: NO_FIGURES, quotes: NO_QUOTES, refs: NO_REFS };

export function lit(text: string): Frag {
  return { text, figures: NO_FIGURES, quotes: NO_QUOTES, refs: NO_REFS };
}

export function append<T>(into: T[], from: T[]): void {
  // A loop, not push(...from): spreading tens of thousands of refs overflows the call stack.
  for (let i = 0; i < from.length; i++) into.push(from[i]);
}

/**
 * The parts' texts concatenated, with their provenance. A list that only one part contributes to is
 * shared with it, not copied (fragments are never changed): most clauses have one figure or quote.
 */
export function catList(parts: (Frag | undefined | null)[], sep?: string): Frag {
  let text = '';
  let figures = NO_FIGURES;
  let quotes = NO_QUOTES;
  let refs = NO_REFS;
  let ownFigures = false;
  let ownQuotes = false;
  let ownRefs = false;
  let first = true;
  for (const p of parts) {
    if (!p) continue;
    if (sep !== undefined && !first) text += sep;
    first = false;
    text += p.text;
    if (p.figures.length) {
      if (figures.length === 0) figures = p.figures;
      else {
        if (!ownFigures) {
          figures = figures.slice();
          ownFigures = true;
        }
        append(figures, p.figures);
      }
    }
    if (p.quotes.length) {
      if (quotes.length === 0) quotes = p.quotes;
      else {
        if (!ownQuotes) {
          quotes = quotes.slice();
          ownQuotes = true;
        }
        append(quotes, p.quotes);
      }
    }
    if (p.refs.length) {
      if (refs.length === 0) refs = p.refs;
      else {
        if (!ownRefs) {
          refs = refs.slice();
          ownRefs = true;
        }
        append(refs, p.refs);
      }
    }
  }
  return { text, figures, quotes, refs };
}

export function cat(...parts: (Frag | undefined | null)[]): Frag {
  return catList(parts);
}

/** Join clauses with a separator ("，" or "；"). */
export function joinFrags(parts: Frag[], sep: string): Frag {
  return catList(parts, sep);
}

export function figFrag(f: Figure | undefined): Frag | undefined {
  return f ? { text: f.text, figures: [f], quotes: NO_QUOTES, refs: f.refs } : undefined;
}

export function quoteFrag(q: Quote | undefined): Frag | undefined {
  return q ? { text: q.text, figures: NO_FIGURES, quotes: [q], refs: q.refs } : undefined;
}

/** Lists known to hold no repeats (dedupe's results): totals pass the same thousands of refs again. */
const UNIQUE = new WeakSet<CellRef[]>();

export function dedupe(refs: CellRef[]): CellRef[] {
  if (refs.length <= 16) {
    // Most figures trace to one to three cells, a clause to a dozen: a linear check beats building
    // sets, and a list without repeats is returned as it is (ref lists are never changed).
    let dup = false;
    for (let i = 1; i < refs.length && !dup; i++)
      for (let j = 0; j < i; j++) if (refs[j].cell === refs[i].cell && refs[j].sheet === refs[i].sheet) dup = true;
    if (!dup) return refs;
    const out: CellRef[] = [];
    for (const r of refs) if (!out.some((o) => o.cell === r.cell && o.sheet === r.sheet)) out.push(r);
    return out;
  }
  if (UNIQUE.has(refs)) return refs;
  // By cell within the first ref's sheet (nearly always the only one), by sheet and cell otherwise: no
  // string is built per ref.
  const sheet = refs[0].sheet;
  const cells = new Set<string>();
  let others: Map<string, Set<string>> | null = null;
  const out: CellRef[] = [];
  for (const r of refs) {
    let seen = cells;
    if (r.sheet !== sheet) {
      others ??= new Map();
      seen = others.get(r.sheet) ?? new Set<string>();
      if (!others.has(r.sheet)) others.set(r.sheet, seen);
    }
    if (!seen.has(r.cell)) {
      seen.add(r.cell);
      out.push(r);
    }
  }
  UNIQUE.add(out);
  return out;
}

export function toSentence(f: Frag, end: string, extraRefs: CellRef[] = []): Sentence {
  // A total's sentence often adds the very list its figure traces to: nothing to merge then.
  const refs = extraRefs.length && extraRefs !== f.refs ? f.refs.concat(extraRefs) : f.refs;
  return { text: f.text + end, refs: dedupe(refs), figures: f.figures, quotes: f.quotes };
}

export function cellRef(sheet: string, cell: string): CellRef {
  return { sheet, cell };
}

export function refsOf(sheet: string, ...cells: (string | null | undefined)[]): CellRef[] {
  const out: CellRef[] = [];
  for (const c of cells) if (c) out.push(cellRef(sheet, c));
  return out;
}

export function figure(p: Printed, source: Figure['source'], refs: CellRef[], rule?: string): Figure | undefined {
  if (source !== 'meta' && refs.length === 0) return undefined;
  if (!Number.isFinite(p.value)) return undefined;
  const f: Figure = { text: p.text, value: p.value, source, refs: dedupe(refs) };
  if (p.raw !== undefined) f.raw = p.raw;
  if (rule) f.rule = rule;
  return f;
}

export function countFigure(n: number, refs: CellRef[], rule: string): Figure | undefined {
  return figure({ text: String(n), value: n }, 'count', refs, rule);
}

export function scoreFigure(x: number, refs: CellRef[], rule: string, source: Figure['source'] = 'score'): Figure | undefined {
  return figure({ text: formatNumber(x), value: roundTo(x), raw: roundTo(x) === x ? undefined : x }, source, refs, rule);
}

export function metaQuote(text: string): Frag {
  return quoteFrag({ text, source: 'meta', refs: [] }) as Frag;
}

/** "A、B和C". */
export function joinList(items: Frag[], last = '和'): Frag {
  if (items.length <= 1) return cat(...items);
  return cat(joinFrags(items.slice(0, -1), '、'), lit(last), items[items.length - 1]);
}
