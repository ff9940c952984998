// src/polyfills/: the WeakRef shim in a fresh JS realm without WeakRef (as in Chromium < 84) installs a
// WeakRef that holds its target, and leaves a native one alone; the core-js modules webpack.config.js
// leaves out never include one for a built-in the sources call.

import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

const ROOT = path.resolve(__dirname, '../..');

function shim(): string {
  const esbuild = require('esbuild') as typeof import('esbuild');
  const src = fs.readFileSync(path.join(ROOT, 'src/polyfills/weakref.ts'), 'utf8');
  return esbuild.transformSync(src, { loader: 'ts', format: 'iife', target: 'es2017' }).code;
}

function realm(): vm.Context {
  const ctx = vm.createContext({});
  vm.runInContext('this.self = this;', ctx);
  return ctx;
}

test('installs a WeakRef whose deref() returns the target, as a non-enumerable global', () => {
  const ctx = realm();
  vm.runInContext('delete this.WeakRef;', ctx);
  vm.runInContext(shim(), ctx);
  const r = vm.runInContext(
    `var target = { id: 1 }; var ref = new WeakRef(target);
     ({ same: ref.deref() === target, type: typeof WeakRef, enumerable: Object.keys(self).indexOf('WeakRef') >= 0 })`,
    ctx,
  );
  expect(JSON.parse(JSON.stringify(r))).toEqual({ same: true, type: 'function', enumerable: false });
});

test('a native WeakRef is not replaced', () => {
  const ctx = realm();
  const before = vm.runInContext('WeakRef', ctx);
  vm.runInContext(shim(), ctx);
  expect(vm.runInContext('WeakRef', ctx)).toBe(before);
});

test('babel never leaves out a polyfill of what the sources call', () => {
  const { polyfillOptions } = require('../../webpack.config.js') as {
    polyfillOptions(section: string): { plugins: [string, { exclude: string[] }][] };
  };
  const { CALLED } = require('../support/polyfills') as typeof import('../support/polyfills');
  const exclude = polyfillOptions('wps').plugins[0][1].exclude.map((p) => new RegExp(`^${p}$`));
  for (const c of CALLED)
    expect({ module: c.module, excluded: exclude.some((re) => re.test(c.module)) }).toEqual({ module: c.module, excluded: false });
});
