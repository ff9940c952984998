// Finds indicator tables on a sheet by their header words and maps every part of a table (REFERENCE §1):
// the indicator grid (one- or two-row header), the 项目资金 block, the 年度总体目标 block, the total
// row and the project metadata above the header. Pure: reads a Grid, decides nothing about scores.

import { Grid, normLabel, moneyUnitOf } from './grid';
import {
  ColumnRole,
  INDICATOR_HEADERS,
  TARGET_SUBHEADERS,
  BudgetRole,
  BUDGET_HEADERS,
  FUND_TOTAL_LABELS,
  FUND_PART_LABELS,
  FUND_BLOCK_LABELS,
  TOTAL_ROW_LABELS,
  GOAL_LABELS,
  GOAL_EXPECTED,
  GOAL_ACTUAL,
  END_ROW_LABELS,
  META_LABELS,
  PLACEHOLDER_PATTERNS,
  NAME_PREFIX,
  IGNORED_HEADERS,
  POINTS_IN_LABEL,
  SELF_TOTAL_LABELS,
} from './data/headers';

export type ColumnMap = Partial<Record<ColumnRole, number>>;

export interface RowLayout {
  row: number;
  level1: string | null;
  level2: string | null;
  /** Name without template prefix. */
  name: string;
  rawName: string;
  placeholder: boolean;
}

export interface BudgetLayout {
  headerRow: number;
  row: number;
  cols: Partial<Record<BudgetRole, number>>;
  parts: { row: number; label: string }[];
  unit: string;
  /** 分值 written into a label ("预算执行情况（20分）", "得分（20分*执行率）") when there is no 分值 column. */
  declaredWeight: { value: number; row: number; col: number } | null;
}

export interface MetaValue {
  text: string;
  row: number;
  col: number;
}

export interface TableLayout {
  headerRow: number;
  dataStart: number;
  /** Last row read as part of the grid (inclusive). */
  dataEnd: number;
  totalRow: number | null;
  endRow: number;
  twoRowHeader: boolean;
  cols: ColumnMap;
  rows: RowLayout[];
  budget: BudgetLayout | null;
  goal: { row: number; expected: MetaValue | null; actual: MetaValue | null } | null;
  title: MetaValue | null;
  project: MetaValue | null;
  department: MetaValue | null;
  unit: MetaValue | null;
  year: string | null;
  /** 一级 label → declared weight ("产出指标(50分)"). */
  level1Weights: Record<string, number>;
  /** Where each 一级 label with a declared weight sits (the cell to fix when its rows disagree). */
  level1Cells: Record<string, { row: number; col: number }>;
  /** The form's own total written above the grid ("自评得分 | 98"). */
  statedTotal: { value: string; row: number; col: number } | null;
  /** Header words found in more than one column: the role, the column used and the one left out. */
  duplicates: { role: ColumnRole; used: number; ignored: number }[];
}

const MAX_HEADER_CELL = 24;

function matchWord(norm: string, words: string[]): boolean {
  for (const w of words) if (norm === w) return true;
  for (const w of words) if (w.length >= 2 && norm.indexOf(w) >= 0) return true;
  return false;
}

function classify<R extends string>(text: string, table: { role: R; words: string[] }[]): R | null {
  if (!text || text.length > MAX_HEADER_CELL) return null;
  const n = normLabel(text);
  if (!n) return null;
  for (const e of table) if (e.words.indexOf(n) >= 0) return e.role;
  for (const e of table) if (matchWord(n, e.words)) return e.role;
  return null;
}

function labelIs(text: string, words: string[]): boolean {
  if (!text) return false;
  const n = normLabel(text).replace(/^其中[:：]?/, '');
  return words.some((w) => n === w || n.startsWith(w));
}

function isIgnoredHeader(text: string): boolean {
  const n = normLabel(text);
  return IGNORED_HEADERS.some((w) => n.indexOf(w) >= 0);
}

/**
 * Text of a header cell at (row, col): its own text, or the text of a merge coming down from the row
 * above (a two-row header whose 实际完成值 | 分值 | 得分 cells span both rows). A merge running across
 * columns counts once, at its left edge.
 */
function headerText(g: Grid, row: number, col: number): string {
  const m = g.merge(row, col);
  if (!m) return g.text(row, col);
  if (m.left !== col) return '';
  return m.top === row || m.top === row - 1 ? g.text(row, col) : '';
}

/** Columns of an indicator header at `row`, or null when the row is not one. */
function headerColumns(g: Grid, row: number, duplicates?: { role: ColumnRole; used: number; ignored: number }[]): ColumnMap | null {
  const cols: ColumnMap = {};
  let found = 0;
  for (let c = g.firstCol; c <= g.lastCol; c++) {
    const text = headerText(g, row, c);
    if (!text || isIgnoredHeader(text)) continue;
    const role = classify(text, INDICATOR_HEADERS);
    if (!role) continue;
    if (cols[role] === undefined) {
      cols[role] = c;
      found++;
    } else if (duplicates) {
      duplicates.push({ role, used: cols[role] as number, ignored: c });
    }
  }
  if (found < 3) return null;
  const hasName = cols.name !== undefined;
  const ok =
    (hasName && (cols.target !== undefined || cols.actual !== undefined)) ||
    (cols.target !== undefined && cols.actual !== undefined && (cols.weight !== undefined || cols.score !== undefined));
  if (!ok) return null;
  if (!hasName) {
    // A table without a 三级 column names its indicators in the deepest level column.
    const fallback = cols.level2 ?? cols.level1;
    if (fallback === undefined) return null;
    cols.name = fallback;
  }
  return cols;
}

/** Cheap pre-filter: a header row must contain one of these characters somewhere. */
function mightBeHeader(g: Grid, row: number): boolean {
  for (let c = g.firstCol; c <= g.lastCol; c++) {
    const t = g.ownText(row, c);
    if (t && t.length <= MAX_HEADER_CELL && (t.indexOf('指标') >= 0 || t.indexOf('值') >= 0)) return true;
  }
  return false;
}

function parseLevel1(label: string): { label: string; weight: number | null } {
  const m = /[(（]\s*(\d+(?:\.\d+)?)\s*分?\s*[)）]\s*$/.exec(label);
  if (!m) return { label: label.trim(), weight: null };
  return { label: label.slice(0, m.index).trim(), weight: Number(m[1]) };
}

function firstText(g: Grid, row: number, toCol: number): { text: string; col: number } | null {
  for (let c = g.firstCol; c <= toCol; c++) {
    const t = g.ownText(row, c);
    if (t) return { text: t, col: c };
  }
  return null;
}

/** Value to the right of a label cell: the next non-empty anchor in the row. */
function valueRightOf(g: Grid, row: number, col: number): MetaValue | null {
  const m = g.merge(row, col);
  const start = (m ? m.right : col) + 1;
  for (let c = start; c <= g.lastCol; c++) {
    if (!g.isAnchor(row, c)) continue;
    const t = g.text(row, c);
    if (t) return { text: t, row, col: c };
  }
  return null;
}

function findYear(text: string): string | null {
  const m = /((?:19|20)\d{2})\s*年/.exec(text) ?? /[(（]\s*((?:19|20)\d{2})\s*[)）]/.exec(text);
  return m ? m[1] : null;
}

function scanMeta(g: Grid, from: number, to: number, t: TableLayout): void {
  for (let r = from; r <= to; r++) {
    for (let c = g.firstCol; c <= g.lastCol; c++) {
      if (!g.isAnchor(r, c)) continue;
      const text = g.text(r, c);
      if (!text) continue;
      if (!t.title && /自评表|评价表|绩效.*表$/.test(text) && text.length <= 40) {
        t.title = { text, row: r, col: c };
        if (!t.year) t.year = findYear(text);
        continue;
      }
      if (!t.year && /^[(（]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?$/.test(text)) {
        t.year = findYear(text);
        continue;
      }
      // "项目名称：XXX" in one cell, or a label cell followed by its value.
      const colon = /^([^:：]{2,8})[:：]\s*(.+)$/.exec(text);
      const label = normLabel(colon ? colon[1] : text);
      for (const m of META_LABELS) {
        if (m.words.indexOf(label) < 0) continue;
        const value: MetaValue | null = colon ? { text: colon[2].trim(), row: r, col: c } : valueRightOf(g, r, c);
        if (!value) break;
        if (m.key === 'year') {
          if (!t.year) t.year = findYear(value.text) ?? (/^\d{4}$/.test(value.text) ? value.text : null);
        } else if (!t[m.key]) {
          t[m.key] = value;
        }
        break;
      }
    }
  }
}

/** "自评得分 | 98" above the grid: the form's own total, read like the total row's. */
function scanStatedTotal(g: Grid, from: number, to: number): TableLayout['statedTotal'] {
  for (let r = from; r <= to; r++) {
    for (let c = g.firstCol; c <= g.lastCol; c++) {
      if (!g.isAnchor(r, c)) continue;
      const n = normLabel(g.text(r, c));
      if (!n || SELF_TOTAL_LABELS.indexOf(n) < 0) continue;
      const v = valueRightOf(g, r, c);
      if (v) return { value: v.text, row: v.row, col: v.col };
    }
  }
  return null;
}

function budgetRoles(g: Grid, row: number, fromCol = g.firstCol): Partial<Record<BudgetRole, number>> | null {
  const found: Partial<Record<BudgetRole, number>> = {};
  let n = 0;
  for (let c = fromCol; c <= g.lastCol; c++) {
    if (!g.isAnchor(row, c)) continue;
    const text = g.text(row, c);
    // The label column ("年度预算数（万元）" over "总额") names the block, not a column of figures.
    if (!text || labelIs(text, FUND_TOTAL_LABELS) || FUND_BLOCK_LABELS.some((w) => text.indexOf(w) >= 0)) continue;
    const role = classify(text, BUDGET_HEADERS);
    if (role && found[role] === undefined) {
      found[role] = c;
      n++;
    }
  }
  if (n < 2 || (found.planned === undefined && found.executed === undefined && found.rate === undefined)) return null;
  return found;
}

function firstRoleCol(cols: Partial<Record<BudgetRole, number>>): number {
  return Math.min(...(Object.values(cols) as number[]));
}

/**
 * The 项目资金 block: its header (年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 in any of the
 * spellings of data/headers), the scored 年度资金总额 row under it, and the 其中 rows after that. A block
 * without a 总额 label (Chongqing's 部门预算执行情况) is scored on the row right under its header.
 */
function scanBudget(g: Grid, from: number, to: number): BudgetLayout | null {
  for (let h = from; h < to; h++) {
    let cols = budgetRoles(g, h);
    if (!cols) continue;
    let totalRow = -1;
    let labelCol = -1;
    for (let r = h + 1; r <= Math.min(to, h + 4) && totalRow < 0; r++) {
      for (let c = g.firstCol; c <= g.lastCol; c++) {
        if (g.isAnchor(r, c) && labelIs(g.text(r, c), FUND_TOTAL_LABELS)) {
          totalRow = r;
          labelCol = c;
          break;
        }
      }
    }
    if (labelCol >= 0) {
      // A header cell over the label column ("年度预算数（万元）" above "总额") names the rows, not a figure.
      const m = g.merge(totalRow, labelCol);
      const labelRight = m ? m.right : labelCol;
      if (firstRoleCol(cols) <= labelRight) cols = budgetRoles(g, h, labelRight + 1);
      if (!cols) continue;
    }
    const labelTo = firstRoleCol(cols) - 1;
    // The block's own label: "项目资金（万元）", "预算执行情况（万元）（20分）" left of the figures.
    let block: { text: string; row: number; col: number; bottom: number } | null = null;
    for (let r = Math.max(from, h - 1); r <= h + 1 && !block; r++) {
      for (let c = g.firstCol; c <= labelTo && !block; c++) {
        const t = g.text(r, c);
        if (t && FUND_BLOCK_LABELS.some((w) => t.indexOf(w) >= 0)) {
          const a = g.anchor(r, c);
          const m = g.merge(r, c);
          block = { text: t, row: a.row, col: a.col, bottom: m ? m.bottom : a.row };
        }
      }
    }
    if (totalRow < 0) {
      if (!block || h + 1 > to) continue;
      totalRow = h + 1;
    }
    let unit: string | null = block ? moneyUnitOf(block.text) : null;
    for (let c = g.firstCol; c <= labelTo && !unit; c++) unit = moneyUnitOf(g.text(h, c));
    let declaredWeight: BudgetLayout['declaredWeight'] = null;
    if (cols.weight === undefined) {
      const fromScore = cols.score !== undefined ? POINTS_IN_LABEL.exec(g.text(h, cols.score)) : null;
      const fromBlock = block ? POINTS_IN_LABEL.exec(block.text) : null;
      if (fromScore && cols.score !== undefined) declaredWeight = { value: Number(fromScore[1]), row: h, col: cols.score };
      else if (fromBlock && block) declaredWeight = { value: Number(fromBlock[1]), row: block.row, col: block.col };
    }
    const parts: { row: number; label: string }[] = [];
    const lc = labelCol >= 0 ? labelCol : null;
    for (let r = totalRow + 1; r <= to; r++) {
      const t = lc !== null ? g.ownText(r, lc) || g.text(r, lc) : (firstText(g, r, labelTo)?.text ?? '');
      const inBlock = block !== null && r <= block.bottom && t !== '' && !block.text.startsWith(t);
      if (!labelIs(t, FUND_PART_LABELS) && !inBlock) break;
      parts.push({ row: r, label: t.replace(/^其中\s*[:：]?\s*/, '').trim() || t });
    }
    return { headerRow: h, row: totalRow, cols, parts, unit: unit ?? '万元', declaredWeight };
  }
  return null;
}

function scanGoal(g: Grid, from: number, to: number): TableLayout['goal'] {
  for (let r = from; r <= to; r++) {
    let expCol = -1;
    let actCol = -1;
    let labelRow = false;
    for (let c = g.firstCol; c <= g.lastCol; c++) {
      if (!g.isAnchor(r, c)) continue;
      const t = g.text(r, c);
      if (!t) continue;
      if (labelIs(t, GOAL_LABELS)) labelRow = true;
      else if (expCol < 0 && labelIs(t, GOAL_EXPECTED)) expCol = c;
      else if (actCol < 0 && labelIs(t, GOAL_ACTUAL)) actCol = c;
    }
    if (expCol < 0 && actCol < 0) {
      if (labelRow) {
        // "年度总体目标 | <text>" with no sub-header.
        const lab = firstText(g, r, g.lastCol);
        const v = lab ? valueRightOf(g, r, lab.col) : null;
        return { row: r, expected: v, actual: null };
      }
      continue;
    }
    const valueRow = r + 1 <= to ? r + 1 : r;
    const pick = (c: number): { text: string; row: number; col: number } | null => {
      if (c < 0) return null;
      const t = g.text(valueRow, c);
      if (t && valueRow !== r) return { text: t, row: valueRow, col: c };
      const right = valueRightOf(g, r, c);
      return right && right.col !== expCol && right.col !== actCol ? right : null;
    };
    return { row: r, expected: pick(expCol), actual: pick(actCol) };
  }
  return null;
}

function isTotalLabel(text: string): boolean {
  const n = normLabel(text);
  return TOTAL_ROW_LABELS.some((w) => n === w || (n.startsWith(w) && n.length <= w.length + 4));
}

/** Labels that end an indicator grid: notes, the next table's fund block or project name. */
const ROW_STOP_LABELS = [...END_ROW_LABELS, ...FUND_BLOCK_LABELS, '项目名称'];
const NAME_HEADER_WORDS = INDICATOR_HEADERS.filter((e) => e.role === 'name').flatMap((e) => e.words);

export function detectTables(g: Grid): TableLayout[] {
  const tables: TableLayout[] = [];
  let regionStart = g.firstRow;
  let r = g.firstRow;
  while (r <= g.lastRow) {
    if (!mightBeHeader(g, r)) {
      r++;
      continue;
    }
    const duplicates: TableLayout['duplicates'] = [];
    const cols = headerColumns(g, r, duplicates);
    if (!cols) {
      r++;
      continue;
    }
    const t = readTable(g, r, cols, regionStart);
    t.duplicates = duplicates;
    tables.push(t);
    regionStart = t.endRow + 1;
    r = t.endRow + 1;
  }
  return tables;
}

function readTable(g: Grid, headerRow: number, cols: ColumnMap, regionStart: number): TableLayout {
  // Two-row header: sub-columns 指标性质 | 指标值 | 度量单位 under 年度指标值.
  let twoRowHeader = false;
  const sub = headerRow + 1;
  if (sub <= g.lastRow) {
    for (let c = g.firstCol; c <= g.lastCol; c++) {
      if (!g.isAnchor(sub, c)) continue;
      const role = classify(g.text(sub, c), TARGET_SUBHEADERS);
      if (role && cols[role] === undefined) {
        cols[role] = c;
        twoRowHeader = true;
      }
    }
    if (twoRowHeader && cols.targetValue === undefined && cols.target !== undefined) cols.targetValue = cols.target;
  }
  // 指标性质 | 指标值 | 度量单位 on the header row itself (the row above spans them as 年度指标值).
  if (!twoRowHeader && cols.target !== undefined) {
    for (let c = g.firstCol; c <= g.lastCol; c++) {
      if (!g.isAnchor(headerRow, c) || Object.values(cols).indexOf(c) >= 0) continue;
      const role = classify(g.text(headerRow, c), TARGET_SUBHEADERS);
      if ((role === 'nature' || role === 'unit') && cols[role] === undefined) cols[role] = c;
    }
  }
  let dataStart = twoRowHeader ? headerRow + 2 : headerRow + 1;
  // A header whose cells are merged over two rows: skip the second row when it holds nothing of its own.
  if (!twoRowHeader && dataStart <= g.lastRow && g.rowIsEmpty(dataStart) && headerMergedDown(g, headerRow)) dataStart++;

  const nameCol = cols.name as number;
  const labelLimit = Math.max(nameCol, cols.level1 ?? 0, cols.level2 ?? 0);
  const t: TableLayout = {
    headerRow,
    dataStart,
    dataEnd: dataStart - 1,
    totalRow: null,
    endRow: headerRow,
    twoRowHeader,
    cols,
    rows: [],
    budget: null,
    goal: null,
    title: null,
    project: null,
    department: null,
    unit: null,
    year: null,
    level1Weights: {},
    level1Cells: {},
    statedTotal: null,
    duplicates: [],
  };

  let level1: string | null = null;
  let level2: string | null = null;
  let emptyRun = 0;
  const dataCols = (['target', 'targetValue', 'actual', 'weight', 'score'] as ColumnRole[])
    .map((k) => cols[k])
    .filter((c): c is number => c !== undefined);
  // 一级 labels repeat down the rows (filled from merges): parse each distinct text once.
  let l1Seen = '';
  let l1Parsed: ReturnType<typeof parseLevel1> | null = null;
  let r = dataStart;
  for (; r <= g.lastRow; r++) {
    const lead = firstText(g, r, labelLimit);
    if (lead && isTotalLabel(lead.text)) {
      t.totalRow = r;
      break;
    }
    if (lead && (labelIs(lead.text, ROW_STOP_LABELS) || /自评表|评价表/.test(lead.text))) break;
    // A new table starts where the name column holds a header word again.
    if (NAME_HEADER_WORDS.indexOf(normLabel(g.ownText(r, nameCol))) >= 0 && headerColumns(g, r)) break;

    const l1Text = cols.level1 !== undefined ? g.text(r, cols.level1) : '';
    const l2Text = cols.level2 !== undefined && cols.level2 !== nameCol ? g.text(r, cols.level2) : '';
    const ownL2 = cols.level2 !== undefined && cols.level2 !== nameCol ? g.ownText(r, cols.level2) : '';
    const rawName = g.ownText(r, nameCol);
    let hasData = false;
    for (let i = 0; i < dataCols.length && !hasData; i++) hasData = g.ownText(r, dataCols[i]) !== '';
    if (!rawName && !hasData && !g.ownText(r, cols.level1 ?? -1) && !ownL2) {
      // Blank row (labels merged from above do not count).
      if (g.rowIsEmpty(r, g.firstCol, g.lastCol)) {
        emptyRun++;
        if (emptyRun >= 3 && t.rows.length > 0) break;
      }
      continue;
    }
    emptyRun = 0;
    if (l1Text) {
      if (l1Text !== l1Seen || !l1Parsed) {
        l1Seen = l1Text;
        l1Parsed = parseLevel1(l1Text);
      }
      const p = l1Parsed;
      if (p.label !== level1) level2 = null;
      level1 = p.label;
      if (p.weight !== null) {
        t.level1Weights[p.label] = p.weight;
        if (!t.level1Cells[p.label]) t.level1Cells[p.label] = g.anchor(r, cols.level1 as number);
      }
    }
    if (l2Text) level2 = l2Text;
    const stripped = rawName.replace(NAME_PREFIX, '').trim();
    const isPlaceholderName = rawName !== '' && PLACEHOLDER_PATTERNS.some((p) => p.test(rawName.trim()));
    const placeholder = (!rawName && !hasData) || (isPlaceholderName && !hasData);
    t.rows.push({
      row: r,
      level1,
      level2,
      name: stripped || rawName || level2 || level1 || '',
      rawName,
      placeholder,
    });
    t.dataEnd = r;
  }
  t.endRow = t.totalRow ?? Math.max(t.dataEnd, headerRow + (twoRowHeader ? 1 : 0));

  scanMeta(g, regionStart, headerRow - 1, t);
  t.statedTotal = scanStatedTotal(g, regionStart, headerRow - 1);
  t.budget = scanBudget(g, regionStart, headerRow - 1);
  t.goal = scanGoal(g, regionStart, headerRow - 1);
  return t;
}

function headerMergedDown(g: Grid, row: number): boolean {
  for (let c = g.firstCol; c <= g.lastCol; c++) {
    const m = g.merge(row, c);
    if (m && m.top === row && m.bottom > row) return true;
  }
  return false;
}

/** Words the detector looks for, for the "no table found" message. */
export function headerWordsForMessage(): string {
  const pick = (role: ColumnRole) =>
    INDICATOR_HEADERS.find((e) => e.role === role)
      ?.words.slice(0, 3)
      .join('/') ?? '';
  return `${pick('name')}；${pick('target')}；${pick('actual')}；${pick('weight')}；${pick('score')}`;
}
