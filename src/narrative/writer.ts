// The phrasebook's rules at work: fills templates, picks among variants deterministically and keeps the
// repetition rule (no stock phrase of the phrasebook more than MAX_REPEAT times in one report).

import { Phrasebook, stockPhrases } from './templates';
import { Frag, Slots, catList, lit } from './trace';

/** FNV-1a over the parts as if joined by "|", without building the joined string. */
function hash(...parts: string[]): number {
  let h = 0x811c9dc5;
  parts.forEach((s, k) => {
    if (k > 0) {
      h ^= 0x7c; // '|'
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  });
  return h >>> 0;
}

export const MAX_REPEAT = 2;

/** A template split once: literal runs around slot names (lits.length = names.length + 1). */
interface Parsed {
  lits: string[];
  /** The literal runs as fragments, made once (fragments are never changed). */
  litFrags: Frag[];
  names: string[];
}

const PARSED = new Map<string, Parsed>();

export function parseTemplate(template: string): Parsed {
  let p = PARSED.get(template);
  if (p) return p;
  const lits: string[] = [];
  const names: string[] = [];
  const re = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
  let last = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(template))) {
    lits.push(template.slice(last, m.index));
    names.push(m[1]);
    last = m.index + m[0].length;
  }
  lits.push(template.slice(last));
  p = { lits, litFrags: lits.map(lit), names };
  PARSED.set(template, p);
  return p;
}

export class Writer {
  private readonly stock: string[];
  private readonly phraseUse = new Map<string, number>();
  /** Per template list (pick key): how often each variant was used. */
  private readonly variantUse = new Map<string, number[]>();
  private readonly lastVariant = new Map<string, number>();

  /** Stock phrases by their first two characters (as one number): a text is only searched for phrases it can contain. */
  private readonly byStart = new Map<number, string[]>();

  // phrasesIn's answer, reused between calls (it runs for every candidate of every pick).
  private found: string[] = [];
  private foundCount: number[] = [];
  private foundEnd: number[] = [];

  constructor(readonly book: Phrasebook) {
    this.stock = stockPhrases(book);
    for (const p of this.stock) {
      const k = p.charCodeAt(0) * 65536 + p.charCodeAt(1);
      const list = this.byStart.get(k);
      if (list) list.push(p);
      else this.byStart.set(k, [p]);
    }
  }

  /**
   * The stock phrases occurring in text and their counts (non-overlapping, leftmost first), into
   * found/foundCount; returns how many. One pass over the text, no allocation.
   */
  private phrasesIn(text: string): number {
    const found = this.found;
    const count = this.foundCount;
    const end = this.foundEnd;
    let n = 0;
    for (let i = 0; i + 1 < text.length; i++) {
      const list = this.byStart.get(text.charCodeAt(i) * 65536 + text.charCodeAt(i + 1));
      if (!list) continue;
      for (const p of list) {
        if (!text.startsWith(p, i)) continue;
        let j = 0;
        while (j < n && found[j] !== p) j++;
        if (j === n) {
          found[n] = p;
          count[n] = 1;
          end[n] = i + p.length;
          n++;
        } else if (i >= end[j]) {
          count[j]++;
          end[j] = i + p.length;
        }
      }
    }
    return n;
  }

  /** The text a template would give, without building fragments; null when a slot has no value. */
  private fillText(template: string, slots: Slots): string | null {
    const { lits, names } = parseTemplate(template);
    let out = lits[0];
    for (let i = 0; i < names.length; i++) {
      const v = slots[names[i]];
      if (!v) return null;
      out += v.text + lits[i + 1];
    }
    return out;
  }

  /** Fill a template; null when a slot it names has no value. */
  fill(template: string, slots: Slots): Frag | null {
    const { litFrags, names } = parseTemplate(template);
    const parts: Frag[] = [litFrags[0]];
    for (let i = 0; i < names.length; i++) {
      const v = slots[names[i]];
      if (!v) return null;
      parts.push(v, litFrags[i + 1]);
    }
    return catList(parts);
  }

  /** How far a text would push the most used stock phrase past the limit (0 = fine). */
  private overflow(text: string): number {
    let worst = 0;
    const n = this.phrasesIn(text);
    for (let j = 0; j < n; j++) {
      const over = (this.phraseUse.get(this.found[j]) ?? 0) + this.foundCount[j] - MAX_REPEAT;
      if (over > worst) worst = over;
    }
    return worst;
  }

  /** Count the stock phrases of text that is now part of the report. */
  record(text: string): void {
    const n = this.phrasesIn(text);
    for (let j = 0; j < n; j++) {
      const p = this.found[j];
      this.phraseUse.set(p, (this.phraseUse.get(p) ?? 0) + this.foundCount[j]);
    }
  }

  /**
   * A varied choice: the eligible variant (all slots filled) used least so far that keeps every stock
   * phrase within the limit; ties broken by rotating the list by hash(seed).
   */
  pick(key: string, variants: string[], slots: Slots, seed: string): Frag | null {
    const n = variants.length;
    if (n === 0) return null;
    const start = hash(key, seed) % n;
    let use = this.variantUse.get(key);
    if (!use) this.variantUse.set(key, (use = []));
    const last = this.lastVariant.get(key);
    // Candidates are compared on their text; only the chosen one is built with its provenance.
    let bestCost = Infinity;
    let bestIdx = -1;
    for (let k = 0; k < n; k++) {
      const idx = (start + k) % n;
      const text = this.fillText(variants[idx], slots);
      if (text === null) continue;
      const over = this.overflow(text);
      // least used first; never the variant this list gave last time when another one fits
      const cost = over * 1e6 + (last === idx ? 1e3 : 0) + (use[idx] ?? 0);
      if (cost < bestCost) {
        bestCost = cost;
        bestIdx = idx;
      }
    }
    if (bestIdx < 0) return null;
    const frag = this.fill(variants[bestIdx], slots) as Frag;
    use[bestIdx] = (use[bestIdx] ?? 0) + 1;
    this.lastVariant.set(key, bestIdx);
    this.record(frag.text);
    return frag;
  }

  /** A fixed choice: the first variant whose slots are all filled (titles, headings, totals). */
  first(variants: string[], slots: Slots): Frag | null {
    for (const v of variants) {
      const f = this.fill(v, slots);
      if (f) {
        this.record(f.text);
        return f;
      }
    }
    return null;
  }

  literal(text: string): Frag {
    this.record(text);
    return lit(text);
  }
}
