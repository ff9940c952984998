// Problems and measures (三 / （三）（四）): from the unmet rows and the sheet's own reasons, grouped by
// cause, each shortfall once and without its figures (二 states them). Form-filling findings (missing
// reasons, score mismatches …) belong to the 评价结果 sheet and the pane, never to the report.

import { CellRef, Paragraph, Sentence } from './model';
import { Ctx } from './context';
import { Row, Table } from './read';
import { Frag, cat, dedupe, joinFrags, joinList, lit, quoteFrag, toSentence } from './trace';
import { chineseNumeral } from './format';

interface Item {
  frag: Frag;
  refs: CellRef[];
}

export interface Problems {
  items: Item[];
  /** Rows whose result cannot be judged (said in 二, not here). */
  unknown: number;
  /** Measures the sheet states (下一步…), each once. */
  measures: Item[];
}

function names(rows: Row[]): Frag {
  return joinList(rows.map((r) => r.name));
}

export function collectProblems(ctx: Ctx, tables: Table[]): Problems {
  const { w, book } = ctx;
  const P = book.problems;
  const items: Item[] = [];
  const unmet = tables.flatMap((t) => t.rows.filter((r) => r.ind.status === 'unmet'));
  const byCause = new Map<string, Row[]>();
  const noCause: Row[] = [];
  for (const r of unmet) {
    const cause = r.reason?.cause?.text;
    if (!cause) noCause.push(r);
    else if (byCause.has(cause)) byCause.get(cause)!.push(r);
    else byCause.set(cause, [r]);
  }
  for (const rows of byCause.values()) {
    const f = w.first(P.cause, { cause: quoteFrag(rows[0].reason!.cause!), names: names(rows) });
    if (f) items.push({ frag: f, refs: dedupe(rows.flatMap((r) => r.refs)) });
  }
  if (noCause.length) {
    const f = w.first(P.noCause, { names: names(noCause) });
    if (f) items.push({ frag: f, refs: dedupe(noCause.flatMap((r) => r.refs)) });
  }
  const low = tables.filter((t) => t.budget && t.t.findings.some((f) => f.code === 'low-execution'));
  if (low.length) {
    const f = w.first(P.lowExecution, { names: joinList(low.map((t) => t.name)) });
    if (f) items.push({ frag: f, refs: dedupe(low.flatMap((t) => (t.budget ? t.budget.refs : []))) });
  }
  const over = tables.flatMap((t) => t.rows.filter((r) => r.overAchieved));
  if (over.length) {
    const f = w.first(P.overAchieved, { names: names(over) });
    if (f) items.push({ frag: f, refs: dedupe(over.flatMap((r) => r.refs)) });
  }
  const measures: Item[] = [];
  const seen = new Set<string>();
  for (const r of unmet) {
    const m = r.reason?.measure;
    if (!m || seen.has(m.text)) continue;
    seen.add(m.text);
    measures.push({ frag: quoteFrag(m) as Frag, refs: r.refs });
  }
  const unknown = tables.reduce((n, t) => n + t.rows.filter((r) => r.ind.status === 'unknown').length, 0);
  return { items, unknown, measures };
}

/** "一是…；二是…。" (one problem: a plain sentence). */
export function problemParagraph(ctx: Ctx, p: Problems): Paragraph {
  const { w, book } = ctx;
  if (!p.items.length) {
    const f = w.first(p.unknown ? book.problems.noneButUnknown : book.problems.none, {}) ?? lit('');
    return { sentences: [toSentence(f, '。')] };
  }
  const sentences: Sentence[] = p.items.map((it, i) => {
    const prefix = p.items.length > 1 ? w.first(book.problems.enumerate, { n: lit(chineseNumeral(i + 1)) }) : null;
    return toSentence(cat(prefix, it.frag), i === p.items.length - 1 ? '。' : '；', it.refs);
  });
  return { sentences };
}

/** "下一步，A；B。" from the sheet's measures; a general commitment only when the sheet states none. */
export function measureParagraph(ctx: Ctx, p: Problems): Paragraph | null {
  const { w, book } = ctx;
  if (!p.items.length) return null;
  if (!p.measures.length) {
    const f = w.first(book.problems.measuresGeneric, {});
    return f ? { sentences: [toSentence(f, '。')] } : null;
  }
  const lead = w.first(book.problems.measuresLead, {});
  const body = joinFrags(
    p.measures.map((m) => m.frag),
    '；',
  );
  return { sentences: [toSentence(cat(lead, body), '。', dedupe(p.measures.flatMap((m) => m.refs)))] };
}
