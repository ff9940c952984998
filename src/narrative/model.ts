// The narrative (绩效自评报告 text) as data. Renderers (render.ts, docx.ts) only turn this into
// text/Markdown/HTML/.docx; the task pane uses the refs to jump to cells.
//
// Traceability contract: every digit printed in a sentence lies inside either
//  - a Figure (a number read from a cell, or computed from cells by the documented `rule`), or
//  - a Quote (text copied from a cell: an indicator name, a qualitative value, a 偏差原因), or
//  - a Quote/Figure of source 'meta' (project name, department, year: read from the table's heading
//    block or given by the user; the engine keeps no cell address for these).

export interface CellRef {
  sheet: string;
  /** A1 address, e.g. "F12". */
  cell: string;
}

export type FigureSource =
  /** the value of one cell (target, actual, weight, budget amount, execution rate cell) */
  | 'cell'
  /** a count of rows (indicators, tables); refs = the counted rows' name cells */
  | 'count'
  /** Σ of cells; refs = the summed cells */
  | 'sum'
  /** a ratio of cells (全年执行数 ÷ 全年预算数); refs = the cells of both terms */
  | 'rate'
  /** a score computed by the engine's scoring rules from the row's cells; refs = those cells */
  | 'score'
  /** the report year, from the options or the table heading (no cell address kept) */
  | 'meta';

export interface Figure {
  /** As printed, e.g. "112万元", "92.5%", "2020年12月", "42项". */
  text: string;
  /**
   * The number as printed (in the printed unit): "86.2%" → 86.2, "112万元" → 112. For a date it is
   * year×10000 + month×100 + day (missing parts 0) and `date` holds the parts.
   */
  value: number;
  /** The underlying value in the source's own unit when it differs from `value` (元 → 万元, fraction → %). */
  raw?: number;
  source: FigureSource;
  refs: CellRef[];
  /** The documented computation for count/sum/rate/score figures (Chinese, for tooltips). */
  rule?: string;
  date?: { year: number | null; month: number | null; day: number | null };
}

export interface Quote {
  /** As printed (half-width punctuation next to Chinese text turned full-width). */
  text: string;
  /** 'cell': copied from the cells in refs; 'meta': table metadata or a user option. */
  source: 'cell' | 'meta';
  refs: CellRef[];
}

export interface Sentence {
  /** Printed text, including its closing punctuation (。 or ， when the prose runs on). */
  text: string;
  /** Every cell this sentence was written from. */
  refs: CellRef[];
  figures: Figure[];
  quotes: Quote[];
}

export interface Paragraph {
  sentences: Sentence[];
}

export interface Section {
  /** Full heading as printed: ordinal + title, e.g. "（一）自评得分". */
  heading: string;
  /** "一、", "（一）", "1." (not a figure: ignored by the number trace). */
  ordinal: string;
  title: string;
  /** The title's provenance (project names can hold digits). */
  titleTrace: Sentence;
  level: 1 | 2 | 3;
  paragraphs: Paragraph[];
  /** Boilerplate that the user is expected to rewrite (renderers mark it). */
  editable?: boolean;
}

export interface Narrative {
  title: string;
  titleTrace: Sentence;
  outline: 'department' | 'project';
  department: string | null;
  year: string | null;
  /** Paragraphs between the title and 一、 (the opening from the settings); often empty. */
  opening: Paragraph[];
  /** Sections in reading order (sub-sections follow their parent, flat). */
  sections: Section[];
  /**
   * Not report text: what the user should know before the text leaves the add-in (the score stated
   * differs from the other score …). Shown by the pane next to 复制 / 导出.
   */
  notices: string[];
}

/** Plain text of a paragraph. */
export function paragraphText(p: Paragraph): string {
  return p.sentences.map((s) => s.text).join('');
}

/** Every sentence of the narrative, with where it sits. */
export function allSentences(n: Narrative): { section: Section | null; sentence: Sentence }[] {
  const out: { section: Section | null; sentence: Sentence }[] = [{ section: null, sentence: n.titleTrace }];
  for (const p of n.opening ?? []) for (const t of p.sentences) out.push({ section: null, sentence: t });
  for (const s of n.sections) {
    out.push({ section: s, sentence: s.titleTrace });
    for (const p of s.paragraphs) for (const t of p.sentences) out.push({ section: s, sentence: t });
  }
  return out;
}
