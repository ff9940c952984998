import fc from 'fast-check';
import {
  normalizeText,
  parseCell,
  parseText,
  judgeQualitative,
  parseDateText,
  isDateFormat,
  serialToDate,
  compareDates,
  unitFactor,
  ValueRole,
} from '../../src/core/parse';
import type { Cell } from '../../src/core/snapshot';
import type { DatePoint, ParsedValue } from '../../src/core/types';

const RUNS = { numRuns: 400 };

const KINDS = ['number', 'date', 'qualitative', 'empty', 'unknown'];
const OPS = [null, '>=', '<=', '='];
const ACHIEVEMENTS = [undefined, 'achieved', 'partial', 'none'];

function checkDatePoint(d: DatePoint): void {
  for (const k of ['year', 'month', 'day'] as const) {
    const v = d[k];
    expect(v === null || (typeof v === 'number' && Number.isInteger(v))).toBe(true);
  }
}

/** The invariants every ParsedValue must satisfy, whatever the input. */
function checkParsed(p: ParsedValue): void {
  expect(typeof p.text).toBe('string');
  expect(KINDS).toContain(p.kind);
  expect(OPS).toContain(p.op);
  expect(ACHIEVEMENTS).toContain(p.achievement);
  expect(p.unit === null || (typeof p.unit === 'string' && p.unit.length > 0)).toBe(true);
  switch (p.kind) {
    case 'number':
      expect(typeof p.value).toBe('number');
      expect(Number.isFinite(p.value)).toBe(true);
      break;
    case 'date':
      expect(p.value).toBeNull();
      expect(p.date).toBeDefined();
      checkDatePoint(p.date!);
      break;
    case 'unknown':
      expect(typeof p.problem).toBe('string');
      expect(p.problem!.length).toBeGreaterThan(0);
      expect(p.value).toBeNull();
      expect(p.op).toBeNull();
      break;
    default:
      expect(p.value).toBeNull();
      expect(p.op).toBeNull();
  }
  if (p.strict) expect(p.op).not.toBeNull();
}

// Characters that matter to the parser, so random strings hit its branches, not just "qualitative".
const DOMAIN_CHARS = Array.from(
  '0123456789０９.．,，%％≥≤≧≦═=＝<>＞＜~～-—/／ 　年月日底前之内以上下万元人次个套百分比不低于高超过达到预计值' +
    '未完成基本一般好是否有效显著提升无…（）()·生平方米m2天篇',
);
const domainString = fc.string({ unit: fc.constantFrom(...DOMAIN_CHARS), maxLength: 24 });

const anyString = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'grapheme-composite' }),
  fc.string({ unit: 'binary' }),
  domainString,
);

const role = fc.constantFrom<ValueRole>('target', 'actual');

const FORMATS = [
  'General',
  '0',
  '0.00',
  '0%',
  '0.00%',
  '#,##0',
  '#,##0.00',
  'yyyy/m/d',
  'yyyy-mm-dd',
  'yyyy"年"m"月"d"日"',
  'm/d/yy',
  'h:mm',
  '0"万元"',
  '0"%"',
  '@',
  '[Red]0.00',
  '0.00E+00',
  '[$-804]yyyy年m月',
  '\\%0',
  '"',
];

const cellValue = fc.oneof(
  anyString,
  domainString,
  fc.double(),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.integer({ min: -100000, max: 3000000 }),
  fc.boolean(),
  fc.constant(null),
  fc.anything(),
);

const cell = fc.record(
  {
    v: cellValue,
    t: fc.oneof(anyString, domainString, fc.anything()),
    f: fc.oneof(fc.constantFrom(...FORMATS), fc.string(), fc.constant(undefined)),
  },
  { requiredKeys: ['v'] },
) as unknown as fc.Arbitrary<Cell>;

describe('never throws, always a valid result', () => {
  test('parseText on arbitrary strings', () => {
    fc.assert(
      fc.property(anyString, role, (s, r) => {
        const p = parseText(s, r);
        checkParsed(p);
        expect(p.text).toBe(s.trim());
      }),
      RUNS,
    );
  });

  test('parseText on parser-relevant strings', () => {
    fc.assert(
      fc.property(domainString, role, (s, r) => {
        checkParsed(parseText(s, r));
      }),
      RUNS,
    );
  });

  test('parseCell on arbitrary cells', () => {
    fc.assert(
      fc.property(fc.oneof(cell, fc.constant(null), fc.constant(undefined)), role, (c, r) => {
        checkParsed(parseCell(c, r));
      }),
      RUNS,
    );
  });

  test('judgeQualitative', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        expect([null, 'achieved', 'partial', 'none']).toContain(judgeQualitative(s));
      }),
      RUNS,
    );
  });

  test('parseDateText', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, domainString), (s) => {
        const d = parseDateText(s);
        if (d !== null) {
          checkDatePoint(d);
          if (d.month !== null) expect(d.month >= 1 && d.month <= 12).toBe(true);
          if (d.day !== null) expect(d.day >= 1 && d.day <= 31).toBe(true);
        }
      }),
      RUNS,
    );
  });

  test('isDateFormat / serialToDate', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...FORMATS)), fc.double(), (f, x) => {
        expect(typeof isDateFormat(f)).toBe('boolean');
        checkDatePoint(serialToDate(x));
      }),
      RUNS,
    );
  });
});

describe('normalizeText', () => {
  test('is idempotent', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
      RUNS,
    );
  });

  test('leaves no full-width ASCII, no ≥ ≤ ═, no double or edge spaces', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const n = normalizeText(s);
        expect(/[\uff01-\uff5e≥≤≧≦═]/.test(n)).toBe(false);
        expect(/\s\s/.test(n)).toBe(false);
        expect(n).toBe(n.trim());
      }),
      RUNS,
    );
  });
});

describe('round trips', () => {
  const decimal = fc.tuple(fc.integer({ min: 0, max: 1000000 }), fc.integer({ min: 0, max: 99 })).map(([i, d]) => ({
    text: d === 0 ? String(i) : `${i}.${String(d).padStart(2, '0')}`,
    value: d === 0 ? i : Number(`${i}.${String(d).padStart(2, '0')}`),
  }));

  test('"≥N%" / "≤N万元" / "N人次" targets read back their number', () => {
    const forms: [string, string, '>=' | '<=' | null, string][] = [
      ['≥', '%', '>=', '%'],
      ['≧ ', ' ％', '>=', '%'],
      ['不低于', '%', '>=', '%'],
      ['≤', '万元', '<=', '万元'],
      ['', '人次', null, '人次'],
      ['', '%以上', '>=', '%'],
    ];
    fc.assert(
      fc.property(decimal, fc.constantFrom(...forms), ({ text, value }, [pre, post, op, unit]) => {
        expect(parseText(pre + text + post, 'target')).toMatchObject({ kind: 'number', op, value, unit });
      }),
      RUNS,
    );
  });

  test('percent-formatted cells: v × 100 without float noise', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), (k) => {
        const v = k / 10000; // e.g. 0.9508
        const p = parseCell({ v, t: `${k / 100}%`, f: '0.00%' }, 'actual');
        expect(p).toMatchObject({ kind: 'number', unit: '%', value: k / 100 });
      }),
      RUNS,
    );
  });

  test('serial dates read back through text and compare like their serials', () => {
    const serial = fc.integer({ min: 61, max: 73050 }); // text years are read as 19xx–20xx (73050 = 2099-12-31)
    fc.assert(
      fc.property(serial, serial, (a, b) => {
        const da = serialToDate(a);
        const db = serialToDate(b);
        expect(parseDateText(`${da.year}-${da.month}-${da.day}`)).toEqual(da);
        expect(parseDateText(`${da.year}年${da.month}月${da.day}日`)).toEqual(da);
        expect(compareDates(da, db)).toBe(a < b ? -1 : a > b ? 1 : 0);
      }),
      RUNS,
    );
  });
});

describe('compareDates and unitFactor are consistent both ways', () => {
  const part = (min: number, max: number) => fc.option(fc.integer({ min, max }), { nil: null });
  const point = fc.record({ year: part(2018, 2023), month: part(1, 12), day: part(1, 31) });

  test('compareDates(a, b) = −compareDates(b, a)', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const ab = compareDates(a, b);
        const ba = compareDates(b, a);
        if (ab === null) expect(ba).toBeNull();
        else expect(ba === null ? null : ab + ba).toBe(0);
      }),
      RUNS,
    );
  });

  const UNITS = [
    '元',
    '万元',
    '亿元',
    '千元',
    '人',
    '人次',
    '万人次',
    '个',
    '套',
    '平方米',
    '万平方米',
    '㎡',
    '%',
    '百分比',
    '天',
    '名',
    '元/人',
    '万元/人',
    '',
    null,
  ];
  test('unitFactor(a, b) × unitFactor(b, a) = 1, or both null', () => {
    fc.assert(
      fc.property(fc.constantFrom(...UNITS), fc.constantFrom(...UNITS), (a, b) => {
        const ab = unitFactor(a, b);
        const ba = unitFactor(b, a);
        if (ab === null) expect(ba).toBeNull();
        else {
          expect(ba).not.toBeNull();
          expect(ab * (ba as number)).toBeCloseTo(1, 10);
        }
      }),
      RUNS,
    );
  });
});
