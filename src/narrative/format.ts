// Chinese 公文 number, money, percent, date and list conventions (REFERENCE §5.2). Pure; formats by
// hand (no toLocale*), so output is the same in every runtime.

/** Round half away from zero to `d` decimals; never returns -0. */
export function roundTo(x: number, d = 2): number {
  const f = Math.pow(10, d);
  const v = Math.round(Math.abs(x) * f + 1e-9) / f;
  const r = x < 0 ? -v : v;
  return Object.is(r, -0) ? 0 : r;
}

/** A number with at most `d` decimals and no trailing zeros: 112 → "112", 24.50 → "24.5". No separators. */
export function formatNumber(x: number, d = 2): string {
  const r = roundTo(x, d);
  if (!Number.isFinite(r)) return String(r);
  if (Math.abs(r) >= 1e21) return BigInt(Math.round(r)).toString(); // toFixed would switch to 1e+21
  let s = r.toFixed(d);
  if (s.indexOf('.') >= 0) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

export const MONEY_UNITS = ['元', '万元', '亿元', '千元'];

export function isMoneyUnit(unit: string | null | undefined): boolean {
  return !!unit && MONEY_UNITS.indexOf(unit) >= 0;
}

export interface Printed {
  text: string;
  /** The number as printed, in the printed unit. */
  value: number;
  /** The source number when the printed value was converted or rounded. */
  raw?: number;
}

/**
 * Money. 万元 amounts: at most two decimals, no trailing zeros (112 → "112万元", 24.50 → "24.5万元").
 * With `toWan` (budget amounts), a 元 amount becomes 万元 only when ÷10000 is exact to two decimals
 * (1120000 → "112万元"); otherwise it stays in 元 ("1234.5元"). Indicator values keep the sheet's unit
 * ("400元" stays "400元"). Other units (亿元) are printed as they are.
 */
export function formatMoney(value: number, unit: string = '万元', toWan = false): Printed {
  if (unit === '元' && toWan) {
    const wan = value / 10000;
    if (Math.abs(roundTo(wan, 2) - wan) < 1e-9) {
      return { text: formatNumber(wan) + '万元', value: roundTo(wan, 2), raw: value };
    }
  }
  return withRaw(formatNumber(value) + unit, roundTo(value), value);
}

function withRaw(text: string, printed: number, raw: number): Printed {
  return printed === raw ? { text, value: printed } : { text, value: printed, raw };
}

/** A percent value where 95 means 95 %: 95 → "95%", 92.5 → "92.5%". */
export function formatPercent(value: number): Printed {
  return withRaw(formatNumber(value) + '%', roundTo(value), value);
}

/** A fraction (budget execution rate): 0.862 → "86.2%", 1 → "100%". */
export function formatRate(fraction: number): Printed {
  const pct = roundTo(fraction * 100, 2);
  return { text: formatNumber(pct) + '%', value: pct, raw: fraction };
}

/** A number with its unit as written on the sheet ("4150平方米", "2.5元/生·天"). */
export function formatQuantity(value: number, unit: string | null): Printed {
  if (unit === '%') return formatPercent(value);
  if (unit === '元' || unit === '万元') return formatMoney(value, unit);
  return withRaw(formatNumber(value) + (unit ?? ''), roundTo(value), value);
}

export interface DateParts {
  year: number | null;
  month: number | null;
  day: number | null;
}

/** 2020年12月, 2020年12月31日, 12月, 2020年. Empty string when nothing is known. */
export function formatDate(d: DateParts): string {
  let s = '';
  if (d.year !== null) s += d.year + '年';
  if (d.month !== null) {
    s += d.month + '月';
    if (d.day !== null) s += d.day + '日';
  }
  return s;
}

/** The date as one number for Figure.value: yyyymmdd with missing parts 0. */
export function dateValue(d: DateParts): number {
  return (d.year ?? 0) * 10000 + (d.month ?? 0) * 100 + (d.day ?? 0);
}

/** "甲" / "甲和乙" / "甲、乙和丙". `last` may be "及". */
export function joinList(items: string[], last = '和'): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0];
  return items.slice(0, -1).join('、') + last + items[items.length - 1];
}

const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;
/** Every character fullWidth may change. */
const HALF_WIDTH = /[,;:()?!.]/;

/**
 * Turn half-width punctuation in Chinese text into full width: , ; : ( ) ? ! and a sentence-final
 * period after Chinese. Thousands separators go (1,000 → 1000); 12:30 and 2.5 stay.
 */
export function fullWidth(text: string): string {
  // Most cell texts have none of these: skip the per-character pass.
  if (!HALF_WIDTH.test(text)) return text;
  // By UTF-16 unit: the characters handled are all in the BMP, and a surrogate next to one is neither
  // a digit nor CJK, as the whole astral character would not be.
  const out: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const prev = i > 0 ? text[i - 1] : '';
    const next = i + 1 < text.length ? text[i + 1] : '';
    const digitsAround = /\d/.test(prev) && /\d/.test(next);
    switch (c) {
      case ',':
        // 1,000 (thousands separator) → 1000; any other comma → ，
        if (digitsAround && /^\d{3}(?!\d)/.test(text.slice(i + 1, i + 5))) break;
        out.push('，');
        break;
      case ';':
        out.push('；');
        break;
      case ':':
        out.push(digitsAround ? c : '：');
        break;
      case '(':
        out.push('（');
        break;
      case ')':
        out.push('）');
        break;
      case '?':
        out.push('？');
        break;
      case '!':
        out.push('！');
        break;
      case '.':
        out.push(CJK.test(prev) && (next === '' || /\s/.test(next)) ? '。' : c);
        break;
      default:
        out.push(c);
    }
  }
  return out.join('');
}

/** Collapse whitespace (line breaks typed in cells) and trim. Spaces between Chinese characters go. */
export function cleanText(text: string): string {
  // Without whitespace (\s is what trim removes too) the replacements below change nothing.
  if (!/\s/.test(text)) return fullWidth(text);
  let s = text
    .replace(/[\r\n\t\u00a0]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
  // eslint-disable-next-line no-control-regex -- [^\x00-\x7f] is "not ASCII": the spaces beside CJK text go
  s = s.replace(/([^\x00-\x7f]) +/g, '$1').replace(/ +([^\x00-\x7f])/g, '$1');
  return fullWidth(s);
}

/** Template prefixes in indicator names: 指标1：, 1. 1、 （1） ① . */
const NAME_PREFIX = /^(?:指标\s*\d+\s*[:：]\s*|\d+\s*[.、．]\s*(?!\d)|[（(]\s*\d+\s*[)）]\s*|[\u2460-\u2473]\s*)/;

export function stripNamePrefix(name: string): string {
  let s = name.trim();
  for (let i = 0; i < 3; i++) {
    const t = s.replace(NAME_PREFIX, '');
    if (t === s) break;
    s = t.trim();
  }
  return s;
}

/** Drop the sentence-final punctuation of a cell text so it can be embedded: "…不足。" → "…不足". */
export function stripEnd(text: string): string {
  return text.replace(/[。；，、：.;,:\s]+$/, '');
}

/** Chinese numerals for section ordinals: 1 → 一, 12 → 十二, 21 → 二十一. */
export function chineseNumeral(n: number): string {
  const d = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  if (n < 10) return d[n];
  if (n < 20) return '十' + (n % 10 ? d[n % 10] : '');
  if (n < 100) return d[Math.floor(n / 10)] + '十' + (n % 10 ? d[n % 10] : '');
  return String(n);
}
