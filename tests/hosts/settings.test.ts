// normaliseSettings: what every host reads back from its document or storage.

import { DEFAULT_SETTINGS, normaliseSettings } from '../../src/hosts/host';

describe('normaliseSettings', () => {
  const full = {
    profile: 'guangxi',
    standards: [{ keyword: '到位率', label: '资金到位率 100%', op: '>=', value: 100, unit: '%' }],
    department: '某县教育局',
    year: '2020',
  };

  test('an object or its JSON text reads the same', () => {
    expect(normaliseSettings(full)).toEqual(full);
    expect(normaliseSettings(JSON.stringify(full))).toEqual(full);
  });

  test('missing or mistyped fields take their defaults; an empty profile is the default one', () => {
    expect(normaliseSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(normaliseSettings({ profile: '', standards: 'x', department: 3, year: null })).toEqual(DEFAULT_SETTINGS);
    expect(normaliseSettings('{"year":"2021"}')).toEqual({ ...DEFAULT_SETTINGS, year: '2021' });
  });

  test.each([null, undefined, '', 'not json', '42', 7, true])('nothing readable (%p) is null', (raw) => {
    expect(normaliseSettings(raw)).toBeNull();
  });
});
