import { benchExcel } from '../../../bench/excel';

test('benchExcel: round trips and proxies do not grow with the sheet', async () => {
  const lines = await benchExcel([100, 1000]);
  for (const l of lines) {
    expect(l.syncs).toBeLessThanOrEqual(5);
    expect(l.maxRequestKB).toBeLessThan(4000);
    expect(l.maxResponseKB).toBeLessThan(4000);
    expect(l.clearSyncs).toBeLessThanOrEqual(3);
  }
  expect(lines[1].proxies).toBeLessThan(lines[0].proxies * 1.5);
}, 120000);
