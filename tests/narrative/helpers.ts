// Checks shared by the narrative tests: the number trace and the repetition rule.

import { EvaluationResult, IndicatorResult } from '../../src/core/types';
import { Figure, Narrative, Sentence, allSentences, paragraphText } from '../../src/narrative/model';
import { EDITABLE_NOTE } from '../../src/narrative/render';
import { DEFAULT_PHRASEBOOK, Phrasebook, stockPhrases } from '../../src/narrative/templates';
import { cellNumbers } from './fixtures';

const NUMBER = /\d+(?:\.\d+)?/g;

export function numbersIn(text: string): number[] {
  return (text.match(NUMBER) ?? []).map(Number);
}

function mask(text: string, part: string): string | null {
  const i = text.indexOf(part);
  if (i < 0) return null;
  return text.slice(0, i) + '□'.repeat(part.length) + text.slice(i + part.length);
}

const close = (a: number, b: number) => Math.abs(a - b) < 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

interface CellIndex {
  cells: Map<string, number[]>;
  planned: Set<string>;
  executed: Set<string>;
  /** Money unit of each budget cell. */
  unit: Map<string, string>;
}

function cellIndex(r: EvaluationResult): CellIndex {
  const planned = new Set<string>();
  const executed = new Set<string>();
  const unit = new Map<string, string>();
  for (const s of r.sheets)
    for (const t of s.tables) {
      if (t.budget?.cells.planned) unit.set(s.sheet + '!' + t.budget.cells.planned, t.budget.unit);
      if (t.budget?.cells.executed) unit.set(s.sheet + '!' + t.budget.cells.executed, t.budget.unit);
      if (t.budget?.cells.planned) planned.add(s.sheet + '!' + t.budget.cells.planned);
      if (t.budget?.cells.executed) executed.add(s.sheet + '!' + t.budget.cells.executed);
    }
  return { cells: cellNumbers(r), planned, executed, unit };
}

/** Problems of one figure: its printed numbers must be its value, its refs non-empty, cells must agree. */
function figureProblems(f: Figure, index: CellIndex | null): string[] {
  const cells = index ? index.cells : null;
  const out: string[] = [];
  const nums = numbersIn(f.text);
  if (f.date) {
    const parts = [f.date.year, f.date.month, f.date.day].filter((x): x is number => x !== null);
    if (nums.join(',') !== parts.join(',')) out.push(`date figure ${f.text} does not print its parts`);
  } else if (nums.length !== 1 || !close(nums[0], f.value)) {
    out.push(`figure "${f.text}" does not print its value ${f.value}`);
  }
  if (f.source !== 'meta' && f.refs.length === 0) out.push(`figure "${f.text}" has no cell refs`);
  if (cells) {
    const vals = (r: { sheet: string; cell: string }) => cells.get(r.sheet + '!' + r.cell) ?? [];
    const raw = f.raw ?? f.value;
    if (f.source === 'cell') {
      const v = vals(f.refs[0]);
      const want = f.date ? f.value : raw;
      if (!v.some((x) => close(x, want))) out.push(`cell figure "${f.text}" (${want}) not in ${f.refs[0].sheet}!${f.refs[0].cell} = ${v}`);
    } else if (f.source === 'count') {
      if (f.value > 0 && f.refs.length !== f.value) out.push(`count figure "${f.text}" has ${f.refs.length} refs`);
    } else if (f.source === 'sum' && /Σ 各表/.test(f.rule ?? '')) {
      const toYuan = /折算/.test(f.rule ?? '');
      const s = f.refs.reduce(
        (a, r) => a + (vals(r)[0] ?? NaN) * (toYuan && index!.unit.get(r.sheet + '!' + r.cell) === '万元' ? 10000 : 1),
        0,
      );
      if (!close(s, raw)) out.push(`sum figure "${f.text}" = ${raw}, cells sum to ${s}`);
    } else if (f.source === 'rate') {
      const key = (r: { sheet: string; cell: string }) => r.sheet + '!' + r.cell;
      // mixed 元/万元 budgets are summed in 元
      const mixed = new Set(f.refs.map((r) => index!.unit.get(key(r)))).size > 1;
      const inYuan = (r: { sheet: string; cell: string }) => vals(r)[0] * (mixed && index!.unit.get(key(r)) === '万元' ? 10000 : 1);
      const planned = f.refs.filter((r) => index!.planned.has(key(r))).reduce((a, r) => a + inYuan(r), 0);
      const executed = f.refs.filter((r) => index!.executed.has(key(r))).reduce((a, r) => a + inYuan(r), 0);
      if (!close(Math.round((executed / planned) * 10000) / 100, f.value)) out.push(`rate figure "${f.text}" ≠ ${executed}/${planned}`);
    }
  }
  return out;
}

/** Every digit of the sentence lies in a figure or quote of it; quotes with digits have refs or are metadata. */
export function sentenceProblems(s: Sentence, cells: CellIndex | null, ignore = ''): string[] {
  const out: string[] = [];
  let text = s.text;
  if (ignore && text.indexOf(ignore) === 0) text = '□'.repeat(ignore.length) + text.slice(ignore.length);
  for (const q of s.quotes) {
    const m = mask(text, q.text);
    if (m === null) out.push(`quote "${q.text}" not found in "${s.text}"`);
    else text = m;
    if (/\d/.test(q.text) && q.source === 'cell' && q.refs.length === 0) out.push(`quote "${q.text}" has digits but no refs`);
  }
  for (const f of s.figures) {
    const m = mask(text, f.text);
    if (m === null) out.push(`figure "${f.text}" not found in "${s.text}"`);
    else text = m;
    out.push(...figureProblems(f, cells));
  }
  const left = numbersIn(text);
  if (left.length) out.push(`untraced number(s) ${left.join(', ')} in "${s.text}"`);
  return out;
}

/** The number trace over a whole narrative (title, headings without their ordinals, sentences). */
export function traceProblems(n: Narrative, result: EvaluationResult | null): string[] {
  const cells = result ? cellIndex(result) : null;
  const out: string[] = [];
  for (const { section, sentence } of allSentences(n)) {
    out.push(...sentenceProblems(sentence, cells));
    if (section && sentence === section.titleTrace && section.heading !== section.ordinal + sentence.text)
      out.push(`heading ${section.heading} ≠ ordinal + title`);
  }
  return out;
}

/** The plain text rebuilt from the model (to tie toText output to the traced sentences). */
export function modelLines(n: Narrative): string[] {
  const lines = [n.title, ...n.opening.map(paragraphText)];
  for (const s of n.sections) {
    lines.push(s.heading);
    if (s.editable) lines.push(EDITABLE_NOTE);
    for (const p of s.paragraphs) lines.push(paragraphText(p));
  }
  return lines;
}

export function stockPhraseCounts(text: string, book: Phrasebook = DEFAULT_PHRASEBOOK): { phrase: string; count: number }[] {
  return stockPhrases(book)
    .map((phrase) => ({ phrase, count: text.split(phrase).length - 1 }))
    .filter((x) => x.count > 0);
}

export function sentencesOf(n: Narrative, pred: (heading: string, level: number, index: number) => boolean): Sentence[] {
  const out: Sentence[] = [];
  n.sections.forEach((s, i) => {
    if (pred(s.heading, s.level, i)) for (const p of s.paragraphs) out.push(...p.sentences);
  });
  return out;
}

/** Sections between a level-1 heading starting with `ordinal` and the next level-1 heading. */
export function partSentences(n: Narrative, ordinal: string): Sentence[] {
  const out: Sentence[] = [];
  let inside = false;
  for (const s of n.sections) {
    if (s.level === 1) inside = s.ordinal === ordinal;
    if (inside) for (const p of s.paragraphs) out.push(...p.sentences);
  }
  return out;
}

function aboutRow(sentences: Sentence[], sheet: string, ind: IndicatorResult): Sentence[] {
  return sentences.filter((s) => s.refs.some((r) => r.sheet === sheet && r.cell === ind.cells.name));
}

const MISSING_REASON = /偏差原因有待进一步分析/;
const EMPTY_REASON = ['', '0', '无', '—', '-', '/', '无偏差'];
const CAUSE_OPENING = /^(主要原因是|主要原因|原因是|原因|究其原因|是由于|由于|因为)[，：:]?/;

/**
 * Every unmet row appears in the `figureParts` with its target and actual (as figures or cell words; a
 * zero target is said as 零发生) and in the `reasonParts` with (the start of) its cause, or the phrase
 * saying the cause is still to be analysed.
 */
export function unmetProblems(
  n: Narrative,
  r: EvaluationResult,
  figureParts: string[] = ['二、'],
  reasonParts: string[] = ['三、'],
): string[] {
  const out: string[] = [];
  for (const sh of r.sheets)
    for (const t of sh.tables)
      for (const ind of t.indicators) {
        if (ind.status !== 'unmet') continue;
        for (const part of figureParts) {
          const about = aboutRow(partSentences(n, part), sh.sheet, ind);
          const label = `${part}${ind.name}`;
          if (!about.length) {
            out.push(`${label}: not mentioned`);
            continue;
          }
          const shows = (cell: string | null) =>
            about.some(
              (x) =>
                x.figures.some((f) => f.refs.some((c) => c.cell === cell)) || x.quotes.some((q) => q.refs.some((c) => c.cell === cell)),
            );
          if (ind.cells.target && !ind.targetFromStandard && ind.direction !== 'zero' && !shows(ind.cells.target))
            out.push(`${label}: target not shown`);
          if (ind.cells.actual && !shows(ind.cells.actual)) out.push(`${label}: actual not shown`);
        }
        for (const part of reasonParts) {
          const about = aboutRow(partSentences(n, part), sh.sheet, ind);
          const label = `${part}${ind.name}`;
          if (!about.length) {
            out.push(`${label}: not mentioned`);
            continue;
          }
          const text = about.map((x) => x.text).join('');
          const raw = ind.reason && EMPTY_REASON.indexOf(ind.reason.trim()) < 0 ? ind.reason.trim().replace(CAUSE_OPENING, '') : null;
          const reason = raw && !/^(下一步|改进措施|整改措施|今后)/.test(raw) ? raw.replace(/[,，。；;].*$/, '') : null;
          if (reason && text.indexOf(reason) < 0) out.push(`${label}: reason "${reason}" not stated`);
          if (!reason && !MISSING_REASON.test(text)) out.push(`${label}: missing reason not said`);
        }
      }
  return out;
}
