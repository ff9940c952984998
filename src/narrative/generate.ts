// The 绩效自评报告 text from an evaluation result. Pure and deterministic: the same result gives the same
// narrative. Every number printed is a Figure traced to cells (model.ts, trace.ts); all wording comes from
// the phrasebook (templates.ts). The parts:
//   trace.ts      fragments with their provenance → sentences
//   writer.ts     filling templates, the repetition rule
//   classify.ts   indicator type, result group, name patterns
//   read.ts       the result read into tables and rows; which score the report states
//   clauses.ts    sentences about rows (results, shortfalls, rows to verify)
//   problems.ts   problems grouped by cause, the sheet's measures
//   department.ts / project.ts   the two outlines

import { EvaluationResult } from '../core/types';
import { Narrative } from './model';
import { DEFAULT_PHRASEBOOK, HeadingKey, Phrasebook } from './templates';
import { Writer } from './writer';
import type { Ctx } from './context';
import { ScoreChoice, Table, firstText, readTable, yearOf } from './read';
import { departmentNarrative } from './department';
import { projectNarrative } from './project';
import { figFrag, figure, metaQuote } from './trace';
import { cleanText, formatNumber } from './format';

export { indicatorType, indicatorGroup } from './classify';
export type { ScoreChoice } from './read';

export interface NarrativeOptions {
  /** Department name (主管部门/单位); default: the tables' 主管部门, else 实施单位. */
  department?: string;
  /** Report year ("2020"); default: the tables' 年度. */
  year?: string;
  /** 'auto' (default): the 项目 outline for exactly one table, else the 部门 outline. */
  outline?: 'auto' | 'department' | 'project';
  /** Add the editable boilerplate sections (自评结果应用 …). Off by default. */
  extraSections?: boolean;
  /** Wording; default DEFAULT_PHRASEBOOK. */
  phrases?: Phrasebook;
  /**
   * Met indicators described one by one per result group; the rest are counted in one sentence (a
   * report does not read 500 achievements; the 评价结果 sheet lists every row). Default 30.
   */
  metListLimit?: number;
  /** The score the report states: the form's own 自评得分 (default; 核算得分 where the form has none) or the 核算得分. */
  score?: ScoreChoice;
  /** Section headings that replace the phrasebook's (empty values are ignored). */
  headings?: Partial<Record<HeadingKey, string>>;
  /** The paragraph(s) after the title on how the self-evaluation was organised; omitted when empty. */
  opening?: string;
}

export const MET_LIST_LIMIT = 30;

function withHeadings(book: Phrasebook, headings: NarrativeOptions['headings']): Phrasebook {
  if (!headings) return book;
  const h = { ...book.headings };
  let changed = false;
  for (const k of Object.keys(h) as HeadingKey[]) {
    const v = headings[k];
    if (typeof v === 'string' && cleanText(v)) {
      h[k] = cleanText(v);
      changed = true;
    }
  }
  return changed ? { ...book, headings: h } : book;
}

export function generateNarrative(result: EvaluationResult, options: NarrativeOptions = {}): Narrative {
  const book = withHeadings(options.phrases ?? DEFAULT_PHRASEBOOK, options.headings);
  const w = new Writer(book);
  const choice: ScoreChoice = options.score === 'computed' ? 'computed' : 'self';
  const tables: Table[] = [];
  for (const s of result.sheets) {
    s.tables.forEach((t, i) => tables.push(readTable(book, result, s.sheet, t, tables.length, s.tables.length > 1 ? i : -1, choice)));
  }
  const deptText = firstText(options.department, ...tables.map((t) => t.t.department), ...tables.map((t) => t.t.unit));
  const yearNum = yearOf(options.year) ?? tables.map((t) => yearOf(t.t.year)).find((y) => y !== null) ?? null;
  const ctx: Ctx = {
    w,
    book,
    tables,
    department: deptText ? metaQuote(deptText) : undefined,
    departmentText: deptText,
    year:
      yearNum !== null
        ? figFrag(figure({ text: String(yearNum), value: yearNum }, 'meta', [], options.year ? '用户填写的年度' : '表头的年度'))
        : undefined,
    yearText: yearNum !== null ? String(yearNum) : null,
    extra: !!options.extraSections,
    metListLimit: Math.max(1, Math.floor(options.metListLimit ?? MET_LIST_LIMIT)),
    opening: (options.opening ?? '')
      .split(/\r?\n/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0),
  };
  const outline = options.outline && options.outline !== 'auto' ? options.outline : tables.length === 1 ? 'project' : 'department';
  const shown = outline === 'project' && tables.length >= 1 ? [tables[0]] : tables;
  const n = outline === 'project' && tables.length >= 1 ? projectNarrative(ctx, tables[0]) : departmentNarrative(ctx);
  n.notices = scoreNotices(shown);
  return n;
}

/**
 * What the pane says next to 复制 / 导出 before the text leaves the add-in: where the score the report
 * states differs from the other one (the form's 自评得分 against the 核算得分), or none can be computed.
 */
function scoreNotices(tables: Table[]): string[] {
  const out: string[] = [];
  for (const t of tables) {
    const s = t.score;
    const o = t.otherScore;
    const said = s.figure ? `${s.figure.text}分` : '无法核算';
    if (s.kind === 'self' && o) {
      if (o.value === null) out.push(`${t.nameText}：报告写自评表的自评得分${said}；按评分规则无法核算（没有可读的分值）。`);
      else if (s.value !== null && Math.abs(o.value - s.value) >= 0.01) {
        out.push(
          `${t.nameText}：报告写自评表的自评得分${said}，按评分规则核算为${formatNumber(o.value)}分（${o.grade}），相差${formatNumber(Math.abs(o.value - s.value))}分，请核实后再使用。`,
        );
      }
    } else if (s.kind === 'computed' && o && o.value !== null && (s.value === null || Math.abs(o.value - s.value) >= 0.01)) {
      out.push(`${t.nameText}：报告写按评分规则核算的得分${said}，自评表填写的自评得分为${formatNumber(o.value)}分。`);
    } else if (s.kind === 'computed' && !o && s.value === null) {
      out.push(`${t.nameText}：自评表没有自评得分，按评分规则也无法核算，报告中得分写作“无法核算”。`);
    }
  }
  return out;
}
