// Sentences about indicator rows: a result stated as a thing done (verb first where the name allows),
// the comparison with the target only where it matters, identical results said once, and the rows that
// cannot be judged.

import { CellRef, Quote, Sentence } from './model';
import { Ctx } from './context';
import { Row, nameRefs } from './read';
import { GROUP_ORDER, matchName } from './classify';
import { Group } from './templates';
import { Frag, Slots, cat, countFigure, dedupe, figFrag, joinFrags, joinList, lit, quoteFrag, toSentence } from './trace';

interface Clause {
  frag: Frag;
  refs: CellRef[];
  /** The clause opens with this verb; `rest` is the clause without it. */
  verb?: string;
  rest?: Frag;
  first?: boolean;
  /** A plain "name + value" result that may be said together with its neighbours of the same value. */
  same?: { name: Frag; value: Frag };
  deadline: boolean;
}

function nameQuote(r: Row, text: string): Frag {
  return quoteFrag({ text, source: 'cell', refs: (r.name.quotes[0] as Quote).refs }) as Frag;
}

/** The longest verb of the phrasebook the text opens with. */
function leadingVerb(ctx: Ctx, text: string): string | null {
  let best: string | null = null;
  for (const v of ctx.book.indicator.verbLeads) if (text.indexOf(v) === 0 && (!best || v.length > best.length)) best = v;
  return best;
}

/** A number of people before its noun: "10336人" → "10336名" (the figure keeps its value and cells). */
function measureWord(f: Frag | undefined): Frag | undefined {
  if (!f || f.figures.length !== 1 || !/\d人$/.test(f.text)) return f;
  const fig = { ...f.figures[0], text: f.figures[0].text.replace(/人$/, '名') };
  return figFrag(fig);
}

/** The result of a row, without any comparison: "维修学前校舍4150平方米", "2020年11月完成学前公用经费拨付". */
function resultClause(ctx: Ctx, r: Row): Omit<Clause, 'refs' | 'deadline'> | null {
  const { w, book } = ctx;
  const s = r.slots;
  const I = book.indicator;
  const met = r.ind.status === 'met';
  if (r.type === 'deadline') {
    const f = w.first(I.result.deadline, s) ?? (met ? w.first(I.deadlineNoWords, s) : null);
    if (f) return { frag: f };
  }
  const words = s.actualWords ? s.actualWords.text : null;
  const plainUnmet = !met && (r.type === 'satisfaction' || r.type === 'zero');
  const m = plainUnmet ? null : matchName(I.names, r.nameText, r.type, words);
  let template: string | null = null;
  let ps: Slots = s;
  let nameSlot = 'name';
  let first: boolean | undefined;
  if (m) {
    ps = { ...s };
    m.groups.forEach((g, i) => (ps['g' + (i + 1)] = nameQuote(r, g)));
    if (m.pattern.measureWord) ps.actual = measureWord(ps.actual);
    // The unit said once: "组织宣传活动次" + "43次".
    const unit = r.ind.actual?.kind === 'number' ? r.ind.actual.unit : null;
    const g1 = ps.g1;
    if (
      unit &&
      unit !== '%' &&
      g1 &&
      m.pattern.template.indexOf('{g1}{actual}') >= 0 &&
      g1.text.endsWith(unit) &&
      g1.text.length > unit.length
    ) {
      ps.g1 = nameQuote(r, g1.text.slice(0, -unit.length));
    }
    if (w.fill(m.pattern.template, ps)) {
      template = m.pattern.template;
      nameSlot = 'g1';
      first = m.pattern.first;
    }
  }
  if (!template) {
    ps = s;
    // The unit said once: "教师培训人次" + "7005人次" → "教师培训7005人次".
    const unit = r.ind.actual?.kind === 'number' ? r.ind.actual.unit : null;
    if (
      unit &&
      unit !== '%' &&
      (r.type === 'quantity' || r.type === 'money') &&
      r.nameText.length > unit.length &&
      r.nameText.endsWith(unit)
    ) {
      ps = { ...s, name: nameQuote(r, r.nameText.slice(0, -unit.length)) };
    }
    // Words said once: "服务效果" + "效果明显" → "服务效果明显".
    const aw = s.actualWords;
    if (aw) {
      for (let k = Math.min(aw.text.length - 1, r.nameText.length); k >= 2; k--) {
        if (r.nameText.endsWith(aw.text.slice(0, k))) {
          ps = { ...ps, actualWords: quoteFrag({ text: aw.text.slice(k), source: 'cell', refs: (aw.quotes[0] as Quote).refs }) };
          break;
        }
      }
    }
    const list = /\d\D{0,4}$/.test(r.nameText) ? I.resultNameWithNumber : plainUnmet ? I.resultUnmet : I.result[r.type];
    template = list.find((t) => w.fill(t, ps)) ?? (met && !s.actualWords ? (I.resultNoWords.find((t) => w.fill(t, ps)) ?? null) : null);
    if (!template) return null;
  }
  const frag = w.fill(template, ps) as Frag;
  w.record(frag.text);
  const out: Omit<Clause, 'refs' | 'deadline'> = { frag, first };
  // The verb, so that neighbours with the same verb share it: "拨付A 112万元、B 24.5万元".
  const verb = leadingVerb(ctx, frag.text);
  const head = ps[nameSlot];
  if (verb && template.indexOf(verb) === 0) {
    out.verb = verb;
    out.rest = w.fill(template.slice(verb.length), ps) ?? undefined;
  } else if (
    verb &&
    head &&
    template.indexOf('{' + nameSlot + '}') === 0 &&
    head.text.indexOf(verb) === 0 &&
    head.text.length > verb.length
  ) {
    out.verb = verb;
    out.rest = w.fill(template, { ...ps, [nameSlot]: nameQuote(r, head.text.slice(verb.length)) }) ?? undefined;
  }
  const plain =
    nameSlot === 'name' &&
    s.actual &&
    frag.text === (ps.name as Frag).text + s.actual.text &&
    (r.type === 'rate' || r.type === 'money' || r.type === 'quantity');
  if (plain && r.nameText.indexOf('、') < 0) out.same = { name: ps.name as Frag, value: s.actual as Frag };
  return out;
}

/** The comparison after a result; null when the target need not be mentioned. */
function comparison(ctx: Ctx, r: Row): Frag | null {
  const { w } = ctx;
  const C = ctx.book.indicator.compare;
  const s = r.slots;
  if (r.ind.status === 'met') {
    if (r.type === 'deadline') return s.actualDate ? w.fill(C.deadlineMet, s) : s.actualWhen ? w.fill(C.deadlineMetText, s) : null;
    if (r.type === 'reverse') return w.fill(C.reverseMet, s);
    if (r.overAchieved) return w.fill(C.overAchieved, s);
    return null;
  }
  let f: Frag | null;
  if (r.type === 'deadline') f = w.fill(C.unmetDeadline, s) ?? w.fill(C.unmetQualitative, s);
  else if (r.type === 'zero') f = w.fill(C.unmetZero, s);
  else if (r.type === 'reverse') f = w.fill(C.unmetReverse, s);
  else if (r.type === 'qualitative' || (r.type === 'satisfaction' && s.actualWords))
    f = w.fill(C.unmetQualitative, s) ?? w.fill(C.unmetHigher, s);
  else f = w.fill(C.unmetHigher, s);
  return f;
}

function clauseOf(ctx: Ctx, r: Row): Clause {
  const res = resultClause(ctx, r);
  const cmp = comparison(ctx, r);
  const base: Frag = res ? res.frag : r.name;
  const frag = cmp ? cat(base, cmp) : base;
  if (cmp) ctx.w.record(cmp.text);
  const c: Clause = { frag, refs: r.refs, deadline: r.type === 'deadline', first: res?.first };
  if (!cmp && res?.verb && res.rest) {
    c.verb = res.verb;
    c.rest = res.rest;
  }
  if (!cmp && res?.same) c.same = res.same;
  return c;
}

/** Neighbouring results said together: the same value ("A和B均为100%"), the same verb ("拨付A…、B…"). */
function merge(ctx: Ctx, clauses: Clause[]): Clause[] {
  const out: Clause[] = [];
  for (let i = 0; i < clauses.length;) {
    const c = clauses[i];
    let j = i + 1;
    if (c.same) {
      while (j < clauses.length && clauses[j].same && clauses[j].same!.value.text === c.same.value.text) j++;
      if (j - i >= 2) {
        const run = clauses.slice(i, j);
        const f = ctx.w.first(ctx.book.indicator.same, { names: joinList(run.map((x) => x.same!.name)), actual: run[0].same!.value });
        if (f) {
          out.push({ frag: f, refs: dedupe(run.flatMap((x) => x.refs)), deadline: false });
          i = j;
          continue;
        }
      }
      j = i + 1;
    }
    if (c.verb) {
      while (j < clauses.length && clauses[j].verb === c.verb) j++;
      if (j - i >= 2) {
        const run = clauses.slice(i, j);
        out.push({
          frag: cat(
            lit(c.verb),
            joinFrags(
              run.map((x) => x.rest as Frag),
              '、',
            ),
          ),
          refs: dedupe(run.flatMap((x) => x.refs)),
          deadline: false,
        });
        i = j;
        continue;
      }
      j = i + 1;
    }
    out.push(c);
    i = j;
  }
  return out;
}

const PER_SENTENCE = 4;

/** Clauses as sentences of up to four (balanced: 5 → 3 + 2), the deadlines in sentences of their own. */
function sentences(clauses: Clause[], lead: Frag | null): Sentence[] {
  const out: Sentence[] = [];
  const plain = clauses.filter((c) => !c.deadline);
  const ordered = [...plain, ...clauses.filter((c) => c.deadline)];
  const size = (n: number) => Math.ceil(n / Math.ceil(n / PER_SENTENCE));
  const limit = (c: Clause) => size(c.deadline ? ordered.length - plain.length : plain.length);
  let chunk: Clause[] = [];
  const flush = () => {
    if (!chunk.length) return;
    chunk.forEach((c, i) => {
      const f = out.length === 0 && i === 0 && lead ? cat(lead, c.frag) : c.frag;
      out.push(toSentence(f, i === chunk.length - 1 ? '。' : '，', c.refs));
    });
    chunk = [];
  };
  ordered.forEach((c, i) => {
    if (chunk.length && (chunk.length >= limit(c) || c.deadline !== ordered[i - 1].deadline)) flush();
    chunk.push(c);
  });
  flush();
  return out;
}

/** The met rows of one result group: clauses merged and ordered, beyond the limit only counted. */
export function metSentences(ctx: Ctx, rows: Row[], lead: Frag | null): Sentence[] {
  const listed = rows.length > ctx.metListLimit ? rows.slice(0, ctx.metListLimit) : rows;
  const clauses = listed.map((r) => clauseOf(ctx, r));
  const ordered = [...clauses.filter((c) => c.first), ...clauses.filter((c) => !c.first)];
  const out = sentences(merge(ctx, ordered), lead);
  const rest = rows.slice(listed.length);
  if (rest.length) {
    const refs = nameRefs(rest);
    const f = ctx.w.first(ctx.book.indicator.rest, { count: figFrag(countFigure(rest.length, refs, '计数：未逐项列出的已完成指标行')) });
    if (f) out.push(toSentence(f, '。', refs));
  }
  return out;
}

export function byGroup(rows: Row[]): { group: Group; rows: Row[] }[] {
  return GROUP_ORDER.map((g) => ({ group: g, rows: rows.filter((r) => r.group === g) })).filter((x) => x.rows.length > 0);
}

/** A shortfall: the result, the target it missed and the points lost ("孕产妇系统管理1080人，未达到1200人的年度目标，扣0.5分"). */
export function shortfallSentence(ctx: Ctx, r: Row): Sentence {
  const c = clauseOf(ctx, r);
  const lost = r.slots.lost ? ctx.w.fill(ctx.book.indicator.compare.lost, r.slots) : null;
  return toSentence(cat(c.frag, lost), '。', r.refs);
}

/** Rows that cannot be judged, in one sentence. */
export function unknownSentence(ctx: Ctx, rows: Row[]): Sentence | null {
  if (!rows.length) return null;
  const f = ctx.w.pick('unknown', ctx.book.indicator.unknown, { names: joinList(rows.map((r) => r.name)) }, rows[0].seed);
  return f ? toSentence(f, '。', dedupe(rows.flatMap((r) => r.refs))) : null;
}
