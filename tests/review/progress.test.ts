// The batch's progress on stderr: a bar redrawn in place on a terminal, plain lines otherwise.

import { Progress, wantsBatch, displayWidth } from '../../src/cli/batch';

test('terminal: bar with files done/total, elapsed, remaining and the current file; cleared at the end', () => {
  let err = '';
  let now = 1000;
  const p = new Progress({ out: () => undefined, err: (s) => (err += s), tty: true, columns: 120 }, 0, () => now);
  p.update(1, 4, '收文/甲.xlsx');
  expect(err).toBe('\r\x1b[K[######------------------] 1/4  已用 1.0 秒  剩余约 3.0 秒  收文/甲.xlsx');
  // Redrawn at most every 80 ms …
  now += 10;
  p.update(2, 4, '收文/乙.xlsx');
  expect(err).not.toContain('乙');
  // … but the last file always shows.
  now += 10;
  p.update(4, 4, '收文/丁.xlsx');
  expect(err.endsWith('[########################] 4/4  已用 1.0 秒  剩余约 0.0 秒  收文/丁.xlsx')).toBe(true);
  p.end();
  expect(err.endsWith('\r\x1b[K')).toBe(true);
  expect(err).not.toContain('\n');
});

test('a long name is cut from the left so the line fits the terminal (CJK counted double)', () => {
  let err = '';
  const p = new Progress({ out: () => undefined, err: (s) => (err += s), tty: true, columns: 80 }, 0, () => 0);
  const name = `收文/${'很长的文件夹名'.repeat(6)}/最后的文件名.xlsx`;
  p.update(1, 3, name);
  const line = err.replace('\r\x1b[K', '');
  expect(displayWidth(line)).toBeLessThanOrEqual(79);
  expect(line.endsWith('最后的文件名.xlsx')).toBe(true);
  expect(line).toContain('…');
  expect(displayWidth('甲a')).toBe(3);
});

test('not a terminal: one plain line per file, nothing to clear', () => {
  let err = '';
  const p = new Progress({ out: () => undefined, err: (s) => (err += s) }, 0, () => 5);
  p.update(1, 2, 'a.xlsx');
  p.update(2, 2, 'b.xlsx');
  p.end();
  expect(err).toBe('[1/2] a.xlsx\n[2/2] b.xlsx\n');
});

test('a batch: review, several inputs, a folder or --out-dir; one file stays the single-file command', () => {
  expect(wantsBatch(['review', 'x'])).toBe(true);
  expect(wantsBatch(['evaluate', 'a.xlsx', 'b.xlsx'])).toBe(true);
  expect(wantsBatch(['evaluate', __dirname])).toBe(true);
  expect(wantsBatch(['evaluate', 'a.xlsx', '--out-dir', 'o'])).toBe(true);
  expect(wantsBatch(['evaluate', 'a.xlsx', '--out', 'b.xlsx', '--json'])).toBe(false);
  expect(wantsBatch(['evaluate', 'a.xlsx', '--sheet', '表1'])).toBe(false);
  expect(wantsBatch(['--help'])).toBe(false);
});
