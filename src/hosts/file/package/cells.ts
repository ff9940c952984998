// Stored cell values → snapshot cells: number formats applied the way evaluation reads them (display text),
// dates as serials with their format. Shared by the package reader and the exceljs reader kept for tests.

import { Cell } from '../../../core/snapshot';

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export function dateToSerial(d: Date): number {
  return (d.getTime() - EXCEL_EPOCH) / 86400000;
}

export function roundNoise(x: number): number {
  return Number.isInteger(x) ? x : Number(x.toPrecision(12));
}

function decimalsOf(fmt: string): number {
  const m = /\.(0+)/.exec(fmt);
  return m ? m[1].length : 0;
}

/** Display text of a number under a number format: the subset that matters for reading values. */
export function formatNumber(v: number, fmt: string | undefined): string {
  if (!fmt || fmt === 'General' || fmt === '@') return String(roundNoise(v));
  if (fmt.indexOf('%') >= 0) return `${(v * 100).toFixed(decimalsOf(fmt))}%`;
  const dec = decimalsOf(fmt);
  const s = /[0#]/.test(fmt) ? v.toFixed(dec) : String(roundNoise(v));
  if (fmt.indexOf(',') >= 0) {
    const [i, f] = s.split('.');
    return i.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (f ? `.${f}` : '');
  }
  return s;
}

export function formatDate(d: Date, fmt: string | undefined): string {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  if (fmt && /年/.test(fmt)) return /日|d/i.test(fmt) ? `${y}年${m}月${day}日` : `${y}年${m}月`;
  return `${y}/${m}/${day}`;
}

/** Whether a number format shows a date or time (the rule spreadsheet readers share: y m d h s b outside quotes and brackets). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  return /[ymdhMsb]/.test(fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** A stored serial under a date format → the date it shows (to the millisecond). */
export function serialToDate(v: number, date1904: boolean): Date {
  return new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86400000));
}

/** One value (formula results already resolved) → snapshot cell. */
export function snapshotCell(v: string | number | boolean | Date | null | undefined, fmt: string | undefined): Cell | null {
  if (v === null || v === undefined) return null;
  const f = fmt && fmt !== 'General' ? fmt : undefined;
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return null;
    return { v: dateToSerial(v), t: formatDate(v, f), f: f ?? 'yyyy/m/d' };
  }
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return null;
    return f ? { v, t: formatNumber(v, f), f } : { v, t: String(roundNoise(v)) };
  }
  if (typeof v === 'boolean') return { v, t: v ? 'TRUE' : 'FALSE' };
  const s = String(v);
  return f ? { v: s, t: s, f } : { v: s, t: s };
}

/**
 * Built-in number formats by id: the ones every locale shares, and for the East Asian date ids the
 * codes a Chinese (zh-CN) Excel shows.
 */
export const BUILTIN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  27: 'yyyy"年"m"月"',
  28: 'm"月"d"日"',
  29: 'm"月"d"日"',
  30: 'm-d-yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"时"mm"分"',
  33: 'h"时"mm"分"ss"秒"',
  34: '上午/下午 h"时"mm"分"',
  35: '上午/下午 h"时"mm"分"ss"秒"',
  36: 'yyyy"年"m"月"',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
  50: 'yyyy"年"m"月"',
  51: 'm"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: 'm"月"d"日"',
  55: '上午/下午 h"时"mm"分"',
  56: '上午/下午 h"时"mm"分"ss"秒"',
  57: 'yyyy"年"m"月"',
  58: 'm"月"d"日"',
};
