// Office tooling as the Office add-in templates have it, pinned by the lockfile, with usage-data
// collection off; npm start/stop fetch a pinned office-addin-debugging only where desktop Excel exists.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { DEBUGGING, LINUX_MESSAGE, command } from '../../scripts/office-debug';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8'));

test('office-addin-cli, -manifest and -dev-certs are devDependencies in the lockfile; office-addin-debugging is not', () => {
  for (const name of ['office-addin-cli', 'office-addin-manifest', 'office-addin-dev-certs']) {
    expect(pkg.devDependencies[name]).toBeDefined();
    expect(lock.packages[`node_modules/${name}`]?.version).toMatch(/^\d+\.\d+\.\d+$/);
  }
  expect({ ...pkg.dependencies, ...pkg.devDependencies }['office-addin-debugging']).toBeUndefined();
  expect(Object.keys(lock.packages).filter((k) => k.endsWith('node_modules/office-addin-debugging'))).toEqual([]);
  expect(DEBUGGING).toMatch(/^office-addin-debugging@\d+\.\d+\.\d+$/); // pinned, not "latest"
});

test('usage data: every office-addin-usage-data in the lockfile is 3.x or later, where collection is removed (no-op)', () => {
  const versions = Object.entries(lock.packages as Record<string, { version: string }>)
    .filter(([k]) => k.endsWith('node_modules/office-addin-usage-data'))
    .map(([, v]) => v.version);
  expect(versions.length).toBeGreaterThan(0);
  for (const v of versions) expect(Number(v.split('.')[0])).toBeGreaterThanOrEqual(3);
  const { OfficeAddinUsageData } = require('office-addin-usage-data');
  expect(new OfficeAddinUsageData({ projectName: 'jixiao', instrumentationKey: 'x' }).isUsageDataOn()).toBe(false);
});

test('npm start / npm stop: npx with the pinned version on Windows and macOS; none on Linux', () => {
  expect(command('start', 'manifest.xml', 'win32')).toEqual({
    file: 'npx.cmd',
    args: ['--yes', DEBUGGING, 'start', 'manifest.xml', 'desktop'],
  });
  expect(command('stop', 'manifest.xml', 'darwin')).toEqual({ file: 'npx', args: ['--yes', DEBUGGING, 'stop', 'manifest.xml'] });
  expect(command('start', 'manifest.xml', 'linux')).toBeNull();
  expect(pkg.scripts.start).toBe('node scripts/office-debug.js start');
  expect(pkg.scripts.stop).toBe('node scripts/office-debug.js stop');
});

(process.platform === 'linux' ? test : test.skip)('on Linux npm start prints one Chinese line and exits 1', () => {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'office-debug.js'), 'start'], { encoding: 'utf8' });
  expect([r.status, r.stdout, r.stderr]).toEqual([1, '', `${LINUX_MESSAGE}\n`]);
  expect(LINUX_MESSAGE).toContain('npm run start:standalone');
});
