// Nothing outside the repository: sources, tests, scripts, benchmarks and configs name no folder beside
// the clone, no machine's absolute path and no relative path above the repository root.
import * as fs from 'fs';
import * as path from 'path';
import { findOutside } from './outside';

const ROOT = path.resolve(__dirname, '../..');
const FOLDERS = ['src', 'tests', 'scripts', 'bench', 'examples', 'bin', '.ci'];
const SKIP = new Set(['node_modules', 'lib', 'dist', 'dist-wps', 'out', 'coverage', 'golden', '__output__', 'results']);
const TEXT = /\.(?:[cm]?[jt]sx?|json|sh)$|^run$/;

function files(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP.has(e.name)) out.push(...files(p));
    } else if (TEXT.test(e.name)) out.push(p);
  }
  return out;
}

/** Configs at the root: package.json, tsconfig*.json, *.config.js/mjs, .browserslistrc. */
const configs = fs
  .readdirSync(ROOT)
  .filter((f) => /^(?:package\.json|tsconfig[\w.]*\.json|[\w.-]*\.config\.m?js|\.prettierrc\.json|\.browserslistrc)$/.test(f))
  .map((f) => path.join(ROOT, f));

describe('the repository is self-contained', () => {
  const scanned = [...FOLDERS.filter((f) => fs.existsSync(path.join(ROOT, f))).flatMap((f) => files(path.join(ROOT, f))), ...configs];

  test('scans the sources, tests, scripts and configs', () => {
    const rel = scanned.map((f) => path.relative(ROOT, f).split(path.sep).join('/'));
    for (const want of [
      'src/cli/main.ts',
      'scripts/manifest-check.js',
      'tests/manifest/manifest.test.ts',
      'bench/run.ts',
      'package.json',
      'webpack.config.js',
      'jest.config.js',
      'tsconfig.json',
      '.ci/run',
    ]) {
      expect(rel).toContain(want);
    }
    expect(scanned.length).toBeGreaterThan(100);
  });

  test('no file reaches outside the repository', () => {
    const found = scanned.flatMap((f) => findOutside(fs.readFileSync(f, 'utf8'), path.relative(ROOT, f), ROOT));
    expect(found.map((o) => `${o.file}:${o.line}: ${o.why}: ${o.text}`)).toEqual([]);
  });

  test('the manifest schemas are inside the repository', () => {
    expect(fs.readdirSync(path.join(ROOT, 'schemas', 'office-manifest')).filter((f) => f.endsWith('.xsd')).length).toBeGreaterThanOrEqual(
      5,
    );
  });
});

describe('the scanner', () => {
  // Built from pieces so this file does not itself hold what it looks for.
  const up = '..';
  const file = 'scripts/x.js';
  const why = (text: string, at = file) => findOutside(text, at, '/repo').map((o) => o.why);

  test('finds the folder beside the clone and machine paths', () => {
    expect(why("const d = path.join(ROOT, '" + up + "/shared/x');")).toEqual(['path.join(…) above the repository root']);
    expect(why("const d = path.join(REPO_ROOT, 'shared', 'office-manifest-" + "schemas');")).toEqual([
      'names a folder beside the repository or on one machine',
    ]);
    expect(why(`const d = '/wo${''}rk/shared/x.xsd';`)).toEqual([
      'names a folder beside the repository or on one machine',
      'absolute path',
    ]);
    expect(why('const d = "/ho' + 'me/ann/schemas";')).toEqual(['absolute path']);
    expect(why("const d = 'C:" + '\\\\Users\\\\ann' + "';")).toEqual(['absolute path']);
    expect(why(`process.env.OFFICE_MANIFEST_` + `SCHEMAS`)).toHaveLength(1);
  });

  test('finds relative paths above the root, and lets those inside it pass', () => {
    expect(why(`require('${up}/${up}/other/x')`)).toEqual(['relative path above the repository root']);
    expect(why(`path.join(__dirname, '${up}', '${up}', 'shared')`)).toEqual(['path.join(…) above the repository root']);
    // bench/ and src/ run compiled from lib/<same folder>, one level deeper.
    expect(why(`path.resolve(__dirname, '${up}', '${up}')`, 'bench/run.ts')).toEqual([]);
    expect(why(`path.resolve(__dirname, '${up}', '${up}', '${up}')`, 'bench/run.ts')).toEqual(['path.join(…) above the repository root']);
    expect(why(`path.resolve(__dirname, '${up}', 'assets')`)).toEqual([]);
    expect(why(`import x from '${up}/${up}/src/core/plan';`, 'tests/core/a.test.ts')).toEqual([]);
    expect(why(`import x from '${up}/shared/hostBehaviour';`, 'tests/hosts/a.test.ts')).toEqual([]);
    expect(why(`import x from '${up}/${up}/${up}/x';`, 'tests/core/a.test.ts')).toEqual(['relative path above the repository root']);
  });

  test('allows installed programs and ordinary strings', () => {
    expect(why(`const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';`)).toEqual([]);
    expect(why(`const t = '评价结果'; const u = 'https://localhost:3000/'; const r = /^\\/x/;`)).toEqual([]);
  });
});
