// 检查环境 (设置 → 检查环境), the parts every host shares: the capabilities' names and order, what the
// temporary sheet holds, collecting step results, and the report as text a user can paste to their IT.
// The hosts do the checking (src/hosts/excel/selfcheck.ts, src/hosts/wps/selfcheck.ts).

import type { SelfCheckItem, SelfCheckKey, SelfCheckReport } from '../hosts/host';

export const SELF_CHECK_KEYS: readonly SelfCheckKey[] = ['read', 'write', 'marks', 'links', 'settings', 'clear'];

export const SELF_CHECK_LABELS: Record<SelfCheckKey, string> = {
  read: '读取单元格',
  write: '写入文本和数字',
  marks: '添加问题标记',
  links: '写入链接公式',
  settings: '读取和保存设置',
  clear: '清除标记',
};

/** Base name of the temporary sheet (freeSheetName adds a number: 助手自检1). */
export const SELF_CHECK_SHEET = '助手自检';

/** A value as a report line shows it: text in quotes, nothing as （空）, numbers as they are. */
export function shown(v: unknown): string {
  return typeof v === 'string' ? `“${v}”` : v === undefined || v === null ? '（空）' : String(v);
}

/** What 检查环境 does, above its button. */
export const SELF_CHECK_INTRO =
  '在一张临时工作表上试一遍助手用到的功能（读取、写入、标记、链接、设置、清除标记），结束后删除临时工作表，工作簿和设置保持原样。结果可复制给信息技术人员。';
export const SELF_CHECK_COPIED = '已复制，可粘贴到邮件或工单中发给信息技术人员。';
export const SELF_CHECK_COPY_FAILED = '复制失败：请选中上面的结果后按 Ctrl+C 复制。';

/**
 * What the write step puts in A1:C1 and expects back unchanged: text that looks like a formula, text
 * with a leading zero (both must stay text), and a number.
 */
export const SELF_CHECK_VALUES: readonly [string, string, number] = ['=1+1', '007', 42];

/** The label of the link written into D1 (pointing at the temporary sheet's A1). */
export const SELF_CHECK_LINK_LABEL = '自检链接';

const DETAIL_LIMIT = 300;

/** An error's own text for a report line: its message's first line, never a stack. */
export function errorMessage(e: unknown): string {
  let msg = '';
  if (e instanceof Error) msg = e.message;
  else if (e && typeof e === 'object' && 'message' in e) msg = String((e as { message: unknown }).message);
  else if (e !== undefined && e !== null) msg = String(e);
  msg = msg.split(/\r?\n/)[0].trim();
  if (!msg) return '未知错误';
  return msg.length > DETAIL_LIMIT ? `${msg.slice(0, DETAIL_LIMIT - 1)}…` : msg;
}

/** Step results as they come in; report() lists every capability, those never reached as failed. */
export class SelfCheckResults {
  private readonly done = new Map<SelfCheckKey, { ok: boolean; detail: string }>();

  set(key: SelfCheckKey, ok: boolean, detail: string): void {
    this.done.set(key, { ok, detail });
  }

  ok(key: SelfCheckKey): boolean {
    return this.done.get(key)?.ok === true;
  }

  has(key: SelfCheckKey): boolean {
    return this.done.has(key);
  }

  /** `missing` explains the steps that never ran (e.g. the whole check failed early). */
  report(host: string, version: string, missing: string, note?: string): SelfCheckReport {
    const items: SelfCheckItem[] = SELF_CHECK_KEYS.map((key) => {
      const r = this.done.get(key) ?? { ok: false, detail: missing };
      return { key, label: SELF_CHECK_LABELS[key], ok: r.ok, detail: r.detail };
    });
    return note ? { host, version, items, note } : { host, version, items };
  }
}

/**
 * Two formulas the same as a spreadsheet reads them: hosts echo a formula with their own spacing and
 * function-name case, but never change what is inside its string literals.
 */
export function sameFormula(a: unknown, b: unknown): boolean {
  if (typeof a !== 'string' || typeof b !== 'string') return false;
  return normaliseFormula(a) === normaliseFormula(b);
}

function normaliseFormula(f: string): string {
  let out = '';
  let quoted = false;
  for (const ch of f.trim().replace(/^=/, '')) {
    if (ch === '"') quoted = !quoted;
    if (quoted || ch === '"') out += ch;
    else if (!/\s/.test(ch)) out += ch.toUpperCase();
  }
  return out;
}

/** "全部 6 项正常" or "6 项中 2 项失败：添加问题标记、清除标记". */
export function selfCheckSummary(report: SelfCheckReport): string {
  const failed = report.items.filter((i) => !i.ok);
  if (!failed.length) return `全部 ${report.items.length} 项正常`;
  return `${report.items.length} 项中 ${failed.length} 项失败：${failed.map((i) => i.label).join('、')}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The report as plain text for IT: host and version, one line per capability, the summary. */
export function selfCheckText(report: SelfCheckReport, env: { at?: Date; userAgent?: string } = {}): string {
  const lines = ['绩效评价助手 · 检查环境', `程序：${report.host}`, `版本：${report.version}`];
  if (env.at) {
    const d = env.at;
    lines.push(`时间：${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`);
  }
  if (env.userAgent) lines.push(`浏览器组件：${env.userAgent}`);
  for (const i of report.items) lines.push(`${i.ok ? '✓' : '✗'} ${i.label}：${i.detail}`);
  lines.push(`结论：${selfCheckSummary(report)}。`);
  if (report.note) lines.push(`注意：${report.note}`);
  return lines.join('\n');
}

/** The same text as HTML (for the clipboard's text/html: one paragraph per line). */
export function selfCheckHtml(text: string): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return text
    .split('\n')
    .map((l) => `<p>${esc(l)}</p>`)
    .join('');
}
