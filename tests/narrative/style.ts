// The report's style check: what an officer would have to fix before signing. Used by style.test.ts over
// every sample, fixture and corpus workbook; exported so that other tests can run it on their own results.

import { EvaluationResult } from '../../src/core/types';
import { Narrative, Sentence, allSentences, paragraphText } from '../../src/narrative/model';
import { DEFAULT_PHRASEBOOK, Phrasebook } from '../../src/narrative/templates';
import { stockPhraseCounts, traceProblems } from './helpers';

export interface StyleOptions {
  /** The optional boilerplate sections are on: their editor marker is expected. */
  boilerplate?: boolean;
  book?: Phrasebook;
}

/** Units that a name may end with and a value may carry: said twice in "教师培训人次7005人次". */
const UNITS = [
  '个工作日',
  '平方米',
  '人次',
  '万元',
  '公里',
  '小时',
  '元',
  '人',
  '个',
  '所',
  '家',
  '名',
  '套',
  '台',
  '户',
  '次',
  '项',
  '天',
  '例',
  '起',
  '辆',
  '间',
  '册',
  '份',
  '场',
  '吨',
  '亩',
  '张',
];

const CJK = '\\u3400-\\u9fff';
const HALF_WIDTH_BETWEEN = new RegExp(`[${CJK}][,.;:!?()\\[\\]][${CJK}]`, 'g');
const MARKERS = /【|】|请结合实际|请补充|请列示|待补充|××|XX/;

function lines(n: Narrative): string[] {
  const out = [n.title, ...n.opening.map(paragraphText)];
  for (const s of n.sections) out.push(s.heading, ...s.paragraphs.map(paragraphText));
  return out;
}

function doubledUnits(text: string): string[] {
  const out: string[] = [];
  const re = /\d+(?:\.\d+)?/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const after = text.slice(m.index + m[0].length);
    const unit = UNITS.find((u) => after.startsWith(u));
    if (!unit) continue;
    const before = text.slice(0, m.index);
    if (before.endsWith(unit))
      out.push(`doubled unit "${unit}" in "…${text.slice(Math.max(0, m.index - 12), m.index + m[0].length + unit.length)}"`);
  }
  return out;
}

/** Qualitative values of the sheet quoted in prose: 满意度为“满意”. */
function quotedValues(text: string, result: EvaluationResult | null): string[] {
  const out: string[] = [];
  const m = /(为|是|达到|值|实际|目标|填写)“[^”]{1,20}”/.exec(text);
  if (m) out.push(`quoted value "${m[0]}"`);
  if (result)
    for (const s of result.sheets)
      for (const t of s.tables)
        for (const ind of t.indicators)
          for (const v of [ind.actual, ind.target]) {
            if (!v || v.kind !== 'qualitative') continue;
            const w = v.text.trim().replace(/[。；，]$/, '');
            if (w && text.indexOf('“' + w + '”') >= 0) out.push(`quoted qualitative value “${w}”`);
          }
  return out;
}

/** A computed score called 自评得分: a 核算 figure in a clause that says 自评. */
function computedAsSelf(s: Sentence): string[] {
  const out: string[] = [];
  for (const f of s.figures) {
    if (!f.rule || !/按评分规则/.test(f.rule) || /^扣分/.test(f.rule)) continue;
    const at = s.text.indexOf(f.text);
    const clause =
      s.text
        .slice(0, at)
        .split(/[。；]/)
        .pop() ?? '';
    if (/自评/.test(clause) && !/核算/.test(clause)) out.push(`computed score ${f.text} called 自评 in "${s.text}"`);
  }
  return out;
}

/** Everything an officer would have to fix; [] when the report can be signed as it stands. */
export function styleCheck(n: Narrative, result: EvaluationResult | null, options: StyleOptions = {}): string[] {
  const book = options.book ?? DEFAULT_PHRASEBOOK;
  const out: string[] = [];
  const all = lines(n);
  const text = all.join('\n');
  for (const l of all) {
    const sym = /[≥≤≧≦＞＜<>=＝]/.exec(l);
    if (sym) out.push(`comparison symbol "${sym[0]}" in "${l.slice(Math.max(0, sym.index - 15), sym.index + 10)}"`);
    out.push(...doubledUnits(l));
    out.push(...quotedValues(l, result));
    const hw = l.match(HALF_WIDTH_BETWEEN);
    if (hw) out.push(`half-width punctuation between Chinese characters: ${hw.join(' ')}`);
    if (/[,;:()?!]/.test(l)) out.push(`half-width punctuation in "${l.slice(0, 30)}…"`);
    if (!options.boilerplate && MARKERS.test(l)) out.push(`editor marker in "${l.slice(0, 40)}"`);
  }
  for (const x of stockPhraseCounts(text, book)) if (x.count > 2) out.push(`stock phrase "${x.phrase}" ${x.count} times`);
  for (const c of book.connectives) {
    if (c.length >= 3) {
      const count = text.split(c).length - 1;
      if (count > 2) out.push(`connective "${c}" ${count} times`);
    }
  }
  const paragraphs = [...n.opening, ...n.sections.flatMap((s) => s.paragraphs)].map(paragraphText);
  for (const p of paragraphs) {
    const c = book.connectives.find((x) => p.startsWith(x));
    if (c) out.push(`paragraph opens with the conjunction "${c}": "${p.slice(0, 20)}…"`);
  }
  for (const { sentence } of allSentences(n)) out.push(...computedAsSelf(sentence));
  out.push(...traceProblems(n, result));
  return out;
}
