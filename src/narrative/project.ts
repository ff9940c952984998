// The 项目 outline (REFERENCE §5.1): 一、自评结论 （一）自评得分 （二）绩效目标完成情况 （三）存在的问题和原因分析
// （四）下一步拟改进措施及有关建议, with the same sentence rules as the department outline.

import { Narrative, Paragraph, Section, Sentence } from './model';
import { Ctx } from './context';
import { Row, Table } from './read';
import { byGroup, metSentences, shortfallSentence, unknownSentence } from './clauses';
import { collectProblems, measureParagraph, problemParagraph } from './problems';
import { boilerplate, heading, openingParagraphs, section } from './department';
import { Frag, cat, cellRef, dedupe, figFrag, figure, joinFrags, lit, quoteFrag, refsOf, scoreFigure, toSentence } from './trace';
import { cleanText, formatNumber, roundTo } from './format';

function groupLabel(rows: Row[]): Frag {
  const l1 = rows[0].ind.level1 ?? '';
  const clean = cleanText(l1)
    .replace(/[（(]\s*\d+(\.\d+)?\s*分?\s*[)）]/g, '')
    .replace(/\d+(\.\d+)?分$/, '');
  if (/产出/.test(clean)) return lit('产出指标');
  if (/成本/.test(clean)) return lit('成本指标');
  if (/效益/.test(clean)) return lit('效益指标');
  if (/满意/.test(clean)) return lit('满意度指标');
  if (/\d/.test(clean) || !clean) return lit('其他指标');
  return quoteFrag({ text: clean, source: 'cell', refs: dedupe(rows.map((r) => cellRef(r.sheet, r.ind.cells.name))) }) as Frag;
}

/** "其中，预算执行率得分10分，产出指标得分50分（分值50分）…" in the score the report uses. */
function breakdown(ctx: Ctx, t: Table): Frag | null {
  const { w, book } = ctx;
  const P = book.project;
  const self = t.score.kind === 'self';
  // A form whose 总分 row differs from its rows' sum: a breakdown would contradict the total stated.
  const tot = t.t.total;
  if (self && tot.sheetSelfScore !== null && (tot.selfScore === null || Math.abs(tot.sheetSelfScore - tot.selfScore) >= 0.005)) return null;
  const parts: Frag[] = [];
  const b = t.t.budget;
  if (b && t.budget) {
    if (self && b.selfScore !== null && b.cells.score) {
      const f = w.first(P.breakdownBudget, {
        score: figFrag(figure({ text: formatNumber(b.selfScore), value: roundTo(b.selfScore) }, 'cell', refsOf(t.sheet, b.cells.score))),
      });
      if (f) parts.push(f);
    } else if (!self && b.score !== null) {
      const f = w.first(P.breakdownBudget, {
        score: figFrag(scoreFigure(b.score, t.budget.refs, '预算执行率得分 = min(执行率, 100%) × 分值')),
      });
      if (f) parts.push(f);
    }
  }
  const labels: string[] = [];
  const groups = new Map<string, Row[]>();
  for (const r of t.rows) {
    const k = r.ind.level1 ?? '';
    if (!groups.has(k)) {
      groups.set(k, []);
      labels.push(k);
    }
    groups.get(k)!.push(r);
  }
  for (const k of labels) {
    const rows = groups.get(k) as Row[];
    let score: Frag | undefined;
    if (self) {
      if (!rows.every((r) => r.ind.selfScore !== null && r.ind.cells.score)) continue;
      const sum = rows.reduce((s, r) => s + (r.ind.selfScore as number), 0);
      score = figFrag(
        scoreFigure(
          sum,
          rows.map((r) => cellRef(r.sheet, r.ind.cells.score as string)),
          'Σ 该类指标自评得分',
          'sum',
        ),
      );
    } else {
      const scored = rows.filter((r) => r.ind.score !== null);
      if (!scored.length) continue;
      const sRefs = dedupe(scored.flatMap((r) => refsOf(r.sheet, r.ind.cells.weight, r.ind.cells.target, r.ind.cells.actual)));
      score = figFrag(
        scoreFigure(
          scored.reduce((s, r) => s + (r.ind.score as number), 0),
          sRefs,
          'Σ 该类指标按评分规则核算的得分',
          'sum',
        ),
      );
    }
    const weighted = rows.every((r) => r.ind.weight !== null && r.ind.cells.weight);
    const wsum = weighted ? rows.reduce((s, r) => s + (r.ind.weight as number), 0) : null;
    const f = w.first(P.breakdownGroup, {
      label: groupLabel(rows),
      score,
      weight:
        wsum !== null
          ? figFrag(
              figure(
                { text: formatNumber(wsum), value: roundTo(wsum) },
                'sum',
                rows.map((r) => cellRef(r.sheet, r.ind.cells.weight as string)),
                'Σ 该类指标分值',
              ),
            )
          : undefined,
    });
    if (f) parts.push(f);
  }
  if (!parts.length) return null;
  return cat(w.first(P.breakdownLead, {}), joinFrags(parts, '，'));
}

export function projectNarrative(ctx: Ctx, t: Table): Narrative {
  const { w, book } = ctx;
  const P = book.project;
  const yearSlot = ctx.yearText && t.nameText.indexOf(ctx.yearText) >= 0 ? undefined : ctx.year;
  const title = w.first(P.title, { project: t.name, year: yearSlot }) ?? lit('');
  const sections: Section[] = [];

  sections.push(section(ctx, 1, '一、', heading(ctx, 'project.conclusion'), []));
  const scoreSentences: Sentence[] = [];
  const label = lit(t.score.kind === 'self' ? book.scores.selfLabel : book.scores.computedLabel);
  const sf = t.score.figure
    ? w.first(P.score, { project: t.name, year: yearSlot, label, score: figFrag(t.score.figure), grade: lit(t.score.grade) })
    : w.first(P.scoreNone, { project: t.name, year: yearSlot });
  if (sf) scoreSentences.push(toSentence(sf, '。', t.scoreRefs));
  const bd = breakdown(ctx, t);
  if (bd) scoreSentences.push(toSentence(bd, '。'));
  sections.push(section(ctx, 2, '（一）', heading(ctx, 'project.score'), [{ sentences: scoreSentences }]));

  sections.push(section(ctx, 2, '（二）', heading(ctx, 'project.completion'), []));
  const exec: Sentence[] = [];
  const ef = t.budget
    ? w.first(P.execution, { planned: figFrag(t.budget.planned), executed: figFrag(t.budget.executed), rate: figFrag(t.budget.rate) })
    : w.first(P.noBudget, {});
  if (ef) exec.push(toSentence(ef, '。'));
  sections.push(section(ctx, 3, '1.', heading(ctx, 'project.execution'), [{ sentences: exec }]));

  const metParas: Paragraph[] = [];
  for (const g of byGroup(t.rows.filter((r) => r.ind.status === 'met'))) {
    const lead = w.first(P.groupLead[g.group], {});
    metParas.push({ sentences: metSentences(ctx, g.rows, lead && lead.text ? lead : null) });
  }
  if (!metParas.length) metParas.push({ sentences: [toSentence(w.first(P.metNone, {}) ?? lit(''), '。')] });
  sections.push(section(ctx, 3, '2.', heading(ctx, 'project.met'), metParas));

  const short: Sentence[] = t.rows.filter((r) => r.ind.status === 'unmet').map((r) => shortfallSentence(ctx, r));
  const u = unknownSentence(
    ctx,
    t.rows.filter((r) => r.ind.status === 'unknown'),
  );
  if (u) short.push(u);
  if (!short.length) short.push(toSentence(w.first(P.unmetNone, {}) ?? lit(''), '。'));
  sections.push(section(ctx, 3, '3.', heading(ctx, 'project.unmet'), [{ sentences: short }]));

  const problems = collectProblems(ctx, [t]);
  sections.push(section(ctx, 2, '（三）', heading(ctx, 'project.problems'), [problemParagraph(ctx, problems)]));
  const m = measureParagraph(ctx, problems) ?? { sentences: [toSentence(w.first(book.problems.measuresNone, {}) ?? lit(''), '。')] };
  sections.push(section(ctx, 2, '（四）', heading(ctx, 'project.measures'), [m]));

  if (ctx.extra) {
    sections.push(section(ctx, 1, '二、', heading(ctx, 'project.evidence'), boilerplate(ctx, P.evidence), true));
    sections.push(section(ctx, 1, '三、', heading(ctx, 'project.application'), boilerplate(ctx, P.application), true));
  }
  return {
    title: title.text,
    titleTrace: toSentence(title, ''),
    outline: 'project',
    department: ctx.departmentText,
    year: ctx.yearText,
    opening: openingParagraphs(ctx),
    sections,
    notices: [],
  };
}
