// The 部门 outline (the seed report's): title, an opening paragraph from the settings, 一、总体 with the
// counts, budget totals and scores said once, 二、 one section per project stating its results as things
// done, 三、 problems grouped by cause and the sheet's measures.

import { CellRef, Narrative, Paragraph, Section, Sentence } from './model';
import { Ctx } from './context';
import { BudgetFigures, Row, Table, nameRefs } from './read';
import { byGroup, metSentences, shortfallSentence, unknownSentence } from './clauses';
import { collectProblems, measureParagraph, problemParagraph } from './problems';
import { Frag, Slots, cellRef, countFigure, dedupe, figFrag, figure, joinFrags, joinList, lit, toSentence } from './trace';
import { chineseNumeral, formatMoney, formatRate, roundTo } from './format';

export function section(ctx: Ctx, level: 1 | 2 | 3, ordinal: string, title: Frag, paragraphs: Paragraph[], editable = false): Section {
  ctx.w.record(title.text);
  const s: Section = { heading: ordinal + title.text, ordinal, title: title.text, titleTrace: toSentence(title, ''), level, paragraphs };
  if (editable) s.editable = true;
  return s;
}

export function boilerplate(ctx: Ctx, variants: string[]): Paragraph[] {
  const f = ctx.w.first(variants, {});
  return f ? [{ sentences: [toSentence(f, '')] }] : [];
}

/** The opening paragraphs from the settings (user text: metadata, not cells). */
export function openingParagraphs(ctx: Ctx): Paragraph[] {
  return ctx.opening.map((text) => ({ sentences: [{ text, refs: [], figures: [], quotes: [{ text, source: 'meta', refs: [] }] }] }));
}

/** One cell per table (its first indicator's name, else its budget), for counting tables. */
function tableRefsOf(tables: Table[]): CellRef[] {
  const out: CellRef[] = [];
  for (const t of tables) {
    if (t.rows.length) out.push(cellRef(t.sheet, t.rows[0].ind.cells.name));
    else if (t.budget) out.push(...t.budget.refs.slice(0, 1));
    else out.push(cellRef(t.sheet, 'A' + t.t.headerRow));
  }
  return out;
}

function label(ctx: Ctx, kind: 'self' | 'computed'): string {
  return kind === 'self' ? ctx.book.scores.selfLabel : ctx.book.scores.computedLabel;
}

/**
 * The scores once, aggregated: "7个项目自评得分均为100分，等级均为优", else "各项目自评得分：A92.6分，
 * B和C均为100分，等级均为优". A table that cannot be scored says 无法核算 and is never averaged in.
 */
export function scoresSentence(ctx: Ctx, tables: Table[]): Sentence | null {
  const { w, book } = ctx;
  const S = book.scores;
  if (!tables.length) return null;
  const kinds = new Set(tables.map((t) => t.score.kind));
  const oneKind = kinds.size === 1;
  const grades = new Set(tables.map((t) => t.score.grade));
  const oneGrade = grades.size === 1 && tables.every((t) => t.score.figure);
  const allRefs = dedupe(tables.flatMap((t) => t.scoreRefs));
  const scoreText = (t: Table) => (t.score.figure ? t.score.figure.text : S.unscorable);
  if (tables.length === 1) {
    const t = tables[0];
    const f = w.first(S.one, {
      project: t.name,
      label: lit(label(ctx, t.score.kind)),
      score: figFrag(t.score.figure),
      grade: t.score.figure ? lit(t.score.grade) : undefined,
    });
    return f ? toSentence(f, '。', allRefs) : null;
  }
  const gradeTail = oneGrade ? w.first(S.allSameGrade, { grade: lit(tables[0].score.grade) }) : null;
  if (oneKind && tables.length > 1 && new Set(tables.map(scoreText)).size === 1 && tables[0].score.figure) {
    const f = w.first(S.allSame, {
      tables: figFrag(countFigure(tables.length, tableRefsOf(tables), '计数：工作簿中识别出的绩效自评表')),
      label: lit(label(ctx, tables[0].score.kind)),
      score: figFrag(tables[0].score.figure),
    });
    if (f) return toSentence(joinFrags(gradeTail ? [f, gradeTail] : [f], '，'), '。', allRefs);
  }
  // Items in sheet order; tables with the same printed score next to each other are said together.
  const items: Frag[] = [];
  const done = new Set<Table>();
  for (const t of tables) {
    if (done.has(t)) continue;
    const same = tables.filter(
      (x) => !done.has(x) && scoreText(x) === scoreText(t) && x.score.kind === t.score.kind && x.score.grade === t.score.grade,
    );
    same.forEach((x) => done.add(x));
    const name = oneKind
      ? joinList(same.map((x) => x.name))
      : joinFrags([joinList(same.map((x) => x.name)), lit(label(ctx, t.score.kind))], '');
    const score = t.score.figure ? figFrag(t.score.figure) : undefined;
    let f: Frag | null;
    if (!score) f = joinFrags([name, lit(S.unscorable)], '');
    else if (same.length > 1) f = w.first(S.sameItems, { names: name, score });
    else f = w.first(oneGrade ? S.item : S.itemGrade, { project: name, score, grade: lit(t.score.grade) });
    if (f) items.push(f);
  }
  const list = w.first(S.list, { label: lit(oneKind ? label(ctx, tables[0].score.kind) : '得分'), list: joinFrags(items, '，') });
  if (!list) return null;
  return toSentence(joinFrags(gradeTail ? [list, gradeTail] : [list], '，'), '。', allRefs);
}

function budgetSentence(ctx: Ctx): Sentence | null {
  const { w, book, tables } = ctx;
  const D = book.department;
  const withBudget = tables.filter((t) => t.budget);
  if (!withBudget.length) return null;
  if (withBudget.length === 1 && tables.length === 1) {
    const b = withBudget[0].budget as BudgetFigures;
    const f = w.first(D.budgetOne, { planned: figFrag(b.planned), executed: figFrag(b.executed), rate: figFrag(b.rate) });
    return f ? toSentence(f, '。') : null;
  }
  // Σ in the common unit; 元 and 万元 mixed are summed in 元 (万元 × 10000 is exact), printed in 万元 when exact.
  const units = new Set(withBudget.map((t) => (t.budget as BudgetFigures).unit));
  const mixed = units.size === 2 && units.has('元') && units.has('万元');
  if (units.size !== 1 && !mixed) return null;
  const unit = mixed ? '元' : (withBudget[0].budget as BudgetFigures).unit;
  const inUnit = (x: number, u: string) => (mixed && u === '万元' ? x * 10000 : x);
  const bs = withBudget.map((t) => t.budget as BudgetFigures);
  const sumP = roundTo(
    bs.reduce((s, b) => s + inUnit(b.plannedRaw, b.unit), 0),
    6,
  );
  const sumE = roundTo(
    bs.reduce((s, b) => s + inUnit(b.executedRaw, b.unit), 0),
    6,
  );
  const pRefs = bs.map((b) => b.planned.refs[0]);
  const eRefs = bs.map((b) => b.executed.refs[0]);
  const slots: Slots = {
    tables: figFrag(countFigure(withBudget.length, pRefs, '计数：填列了全年预算数和全年执行数的表')),
    planned: figFrag(
      figure(formatMoney(sumP, unit, true), 'sum', pRefs, mixed ? 'Σ 各表全年预算数（万元 × 10000 折算为元）' : 'Σ 各表全年预算数'),
    ),
    executed: figFrag(
      figure(formatMoney(sumE, unit, true), 'sum', eRefs, mixed ? 'Σ 各表全年执行数（万元 × 10000 折算为元）' : 'Σ 各表全年执行数'),
    ),
    rate:
      sumP > 0
        ? figFrag(figure(formatRate(sumE / sumP), 'rate', pRefs.concat(eRefs), '预算执行率 = Σ 全年执行数 ÷ Σ 全年预算数'))
        : undefined,
  };
  const f = w.first(withBudget.length === tables.length ? D.budgetAll : D.budgetSome, slots);
  return f ? toSentence(f, '。') : null;
}

function overview(ctx: Ctx): Sentence[] {
  const { w, book, tables } = ctx;
  const D = book.department;
  const rows: Row[] = tables.flatMap((t) => t.rows);
  const met = rows.filter((r) => r.ind.status === 'met');
  const unmet = rows.filter((r) => r.ind.status === 'unmet');
  const unknown = rows.filter((r) => r.ind.status === 'unknown');
  const tableRefs = tableRefsOf(tables);
  const out: Sentence[] = [];
  const scope = w.first(D.scope, {
    year: ctx.year,
    department: ctx.department ?? lit('本部门'),
    tables: figFrag(countFigure(tables.length, tableRefs, '计数：工作簿中识别出的绩效自评表')),
    indicators: figFrag(countFigure(rows.length, nameRefs(rows), '计数：各表三级指标行（不含模板占位行）')),
  });
  if (scope) {
    const counts: Frag[] = [];
    if (!unmet.length && !unknown.length) {
      const f = w.first(D.countsAllMet, {});
      if (f) counts.push(f);
    } else {
      const f1 = met.length
        ? w.first(D.countsSome, { met: figFrag(countFigure(met.length, nameRefs(met), '计数：达到年度指标值的指标')) })
        : null;
      if (f1) counts.push(f1);
      if (unmet.length) {
        const f2 = w.first(D.countsUnmet, { unmet: figFrag(countFigure(unmet.length, nameRefs(unmet), '计数：未达到年度指标值的指标')) });
        if (f2) counts.push(f2);
      }
      if (unknown.length) {
        const f3 = w.first(D.countsUnknown, {
          unknown: figFrag(countFigure(unknown.length, nameRefs(unknown), '计数：完成值无法判断的指标')),
        });
        if (f3) counts.push(f3);
      }
    }
    out.push(toSentence(joinFrags([scope, ...counts], '，'), '。'));
  }
  const b = budgetSentence(ctx);
  if (b) out.push(b);
  const s = scoresSentence(ctx, tables);
  if (s) out.push(s);
  const lowExec = tables.some((t) => t.budget && t.t.findings.some((f) => f.code === 'low-execution'));
  if (!unmet.length && !unknown.length && !lowExec) {
    const f = w.first(D.closingAllMet, {});
    if (f) out.push(toSentence(f, '。'));
  }
  return out;
}

/** 二: one project's results as things done; its shortfalls after them, each once. */
function tableParagraphs(ctx: Ctx, t: Table): Paragraph[] {
  const { w, book } = ctx;
  const D = book.department;
  const results: Sentence[] = [];
  // The year opens every other section (the seed opens most with it, never all).
  const lead = ctx.year ? w.first(D.sectionLead.slice(t.index % D.sectionLead.length), { year: ctx.year }) : null;
  if (t.rows.length === 0) {
    const f = w.pick('tableNoIndicators', D.tableNoIndicators, {}, String(t.index));
    if (f) results.push(toSentence(f, '。'));
  }
  const met = t.rows.filter((r) => r.ind.status === 'met');
  for (const g of byGroup(met)) results.push(...metSentences(ctx, g.rows, results.length === 0 && lead && lead.text ? lead : null));
  const paragraphs: Paragraph[] = [];
  if (results.length) paragraphs.push({ sentences: results });
  const short: Sentence[] = [];
  if (t.budget && t.t.findings.some((f) => f.code === 'low-execution')) {
    const b = t.budget;
    const f = w.first(D.lowExecution, { planned: figFrag(b.planned), executed: figFrag(b.executed), rate: figFrag(b.rate) });
    if (f) short.push(toSentence(f, '。'));
  }
  for (const r of t.rows.filter((x) => x.ind.status === 'unmet')) short.push(shortfallSentence(ctx, r));
  const u = unknownSentence(
    ctx,
    t.rows.filter((x) => x.ind.status === 'unknown'),
  );
  if (u) short.push(u);
  if (short.length) paragraphs.push({ sentences: short });
  return paragraphs;
}

export function heading(ctx: Ctx, key: keyof Ctx['book']['headings']): Frag {
  return lit(ctx.book.headings[key]);
}

export function departmentNarrative(ctx: Ctx): Narrative {
  const { w, book, tables } = ctx;
  const title = w.first(book.department.title, { department: ctx.department, year: ctx.year }) ?? lit('');
  const sections: Section[] = [];
  sections.push(section(ctx, 1, '一、', heading(ctx, 'department.overview'), [{ sentences: overview(ctx) }]));
  sections.push(section(ctx, 1, '二、', heading(ctx, 'department.detail'), []));
  tables.forEach((t, i) => sections.push(section(ctx, 2, '（' + chineseNumeral(i + 1) + '）', t.name, tableParagraphs(ctx, t))));
  const problems = collectProblems(ctx, tables);
  const paras = [problemParagraph(ctx, problems)];
  const m = measureParagraph(ctx, problems);
  if (m) paras.push(m);
  sections.push(section(ctx, 1, '三、', heading(ctx, 'department.problems'), paras));
  if (ctx.extra)
    sections.push(section(ctx, 1, '四、', heading(ctx, 'department.application'), boilerplate(ctx, book.department.application), true));
  return {
    title: title.text,
    titleTrace: toSentence(title, ''),
    outline: 'department',
    department: ctx.departmentText,
    year: ctx.yearText,
    opening: openingParagraphs(ctx),
    sections,
    notices: [],
  };
}
