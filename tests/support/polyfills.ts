// What core-js put into a build, read back from its scripts, and what .browserslistrc says it should hold.

import * as fs from 'fs';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '../..');

/**
 * Built-ins the sources call (src/) that some supported webview lacks, each with its core-js module.
 * The build must carry a polyfill exactly when the section's browsers need it.
 */
export const CALLED = [
  { name: 'Object.fromEntries', module: 'es.object.from-entries' },
  { name: 'String#matchAll', module: 'es.string.match-all' },
  { name: 'globalThis', module: 'es.global-this' },
] as const;

/** Whether core-js says some browser of the .browserslistrc section needs `module`. */
export function needed(section: 'excel' | 'wps', module: string): boolean {
  const browserslist = require('browserslist') as (q: undefined, o: object) => string[];
  const compat = require('core-js-compat') as (o: { targets: string[]; modules: string[] }) => { list: string[] };
  const targets = browserslist(undefined, { path: ROOT, env: section, throwOnMissing: true });
  return compat({ targets, modules: [module] }).list.includes(module);
}

/**
 * The core-js exports defined in minified code, from their `$({ target: 'String', proto: true, … },
 * { matchAll: … })` calls: 'String#matchAll', 'Object.fromEntries', 'globalThis'.
 */
export function coreJsExports(code: string): Set<string> {
  const out = new Set<string>();
  const re = /\{(?:target:"(\w+)",(stat|proto):(?:!0|true)|global:(?:!0|true))[^{}]*\},\{([\w$]+):/g;
  for (const m of code.matchAll(re)) out.add(m[1] ? `${m[1]}${m[2] === 'proto' ? '#' : '.'}${m[3]}` : m[3]);
  return out;
}

/** The scripts of a build folder, but exceljs' prebuilt bundle (which brings its own core-js). */
export function buildScripts(dir: string): string {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.js') && !f.startsWith('exceljs.') && f !== 'main.js')
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
}

/**
 * Checks a build folder against a .browserslistrc section: each built-in of CALLED polyfilled exactly
 * where the section needs it (and some needed at all, so the check means something); the WeakRef shim
 * there; nothing using FinalizationRegistry, which neither core-js nor the shim provides.
 */
export function expectPolyfillsFor(dir: string, section: 'excel' | 'wps'): void {
  const code = buildScripts(dir);
  const found = coreJsExports(code);
  for (const c of CALLED) {
    expect({ builtIn: c.name, polyfilled: found.has(c.name) }).toEqual({ builtIn: c.name, polyfilled: needed(section, c.module) });
  }
  expect(CALLED.some((c) => needed(section, c.module))).toBe(true);
  expect(code).toMatch(/typeof \w+\.WeakRef\s*!=\s*"function"/);
  expect(code).not.toContain('FinalizationRegistry');
}
