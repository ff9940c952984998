// Housekeeping: `npm run examples` reproduces the committed sample workbooks byte for byte (so running
// it leaves `git status` clean), and the tests write only into temp or ignored __output__ folders.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateExamples } from '../../examples/generate';

const ROOT = path.resolve(__dirname, '../..');

test('npm run examples writes the committed sample workbooks, byte for byte', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-examples-'));
  try {
    const written = await generateExamples(dir);
    expect(written.map((f) => path.basename(f)).sort()).toEqual(['gaps-sample.xlsx', 'shenze-2020.xlsx']);
    for (const f of written) {
      const committed = fs.readFileSync(path.join(ROOT, 'examples', path.basename(f)));
      expect(fs.readFileSync(f).equals(committed)).toBe(true);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 60000);

test("tests never write into the demo's out/ folder", () => {
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== '__output__' && e.name !== 'golden') walk(p);
      } else if (
        /\.tsx?$/.test(e.name) &&
        /\b(?:ROOT|REPO_ROOT)\s*,\s*['"]out['"]|['"]out\/|path\.join\(\s*['"]out['"]/.test(fs.readFileSync(p, 'utf8'))
      ) {
        offenders.push(path.relative(ROOT, p));
      }
    }
  };
  walk(path.join(ROOT, 'tests'));
  expect(offenders).toEqual([]);
});

test('the folders tests write into are ignored by git', () => {
  const ignore = fs.readFileSync(path.join(ROOT, '.gitignore'), 'utf8').split('\n');
  expect(ignore).toContain('tests/**/__output__/');
});
