// src/hosts/wps/polyfills.ts in a fresh JS realm where the newer built-ins are missing (as in the older
// Chromium of some WPS builds): each polyfill installs and behaves; present built-ins are left alone.

import * as fs from 'fs';
import * as path from 'path';
import * as vm from 'vm';

const ROOT = path.resolve(__dirname, '../..');

function polyfillScript(): string {
  const esbuild = require('esbuild') as typeof import('esbuild');
  const src = fs.readFileSync(path.join(ROOT, 'src/hosts/wps/polyfills.ts'), 'utf8');
  return esbuild.transformSync(src, { loader: 'ts', format: 'iife', target: 'es2017' }).code;
}

test('installs the missing functions, which then behave like the built-ins', () => {
  const ctx = vm.createContext({ setTimeout });
  vm.runInContext(
    `delete Object.fromEntries; delete Object.hasOwn; delete Array.prototype.flat; delete Array.prototype.flatMap;
     delete Array.prototype.at; delete String.prototype.at; delete Array.prototype.findLast; delete Array.prototype.findLastIndex;
     delete String.prototype.replaceAll; delete Promise.allSettled;`,
    ctx,
  );
  vm.runInContext(polyfillScript(), ctx);
  const r = vm.runInContext(
    `({
      fromEntries: Object.fromEntries([['a', 1], ['b', 2]]),
      hasOwn: [Object.hasOwn({ x: 1 }, 'x'), Object.hasOwn({}, 'toString')],
      flat: [1, [2, [3, [4]]]].flat(2),
      flatMap: [1, 2].flatMap((x) => [x, x * 10]),
      at: [[1, 2, 3].at(-1), 'abc'.at(0), [].at(0)],
      findLast: [[1, 2, 3, 4].findLast((x) => x % 2 === 1), [1, 2, 3].findLastIndex((x) => x > 5)],
      replaceAll: 'a-b-c'.replaceAll('-', '+'),
      enumerable: Object.keys(Array.prototype),
    })`,
    ctx,
  );
  expect(JSON.parse(JSON.stringify(r))).toEqual({
    fromEntries: { a: 1, b: 2 },
    hasOwn: [true, false],
    flat: [1, 2, 3, [4]],
    flatMap: [1, 10, 2, 20],
    at: [3, 'a', null],
    findLast: [3, -1],
    replaceAll: 'a+b+c',
    enumerable: [],
  });
});

test('allSettled reports each outcome', async () => {
  const ctx = vm.createContext({ setTimeout });
  vm.runInContext('delete Promise.allSettled;', ctx);
  vm.runInContext(polyfillScript(), ctx);
  const out = await vm.runInContext(`Promise.allSettled([Promise.resolve(1), Promise.reject('x')])`, ctx);
  expect(JSON.parse(JSON.stringify(out))).toEqual([
    { status: 'fulfilled', value: 1 },
    { status: 'rejected', reason: 'x' },
  ]);
});

test('built-ins that exist are not replaced', () => {
  const ctx = vm.createContext({});
  const before = vm.runInContext('Array.prototype.flat', ctx);
  vm.runInContext(polyfillScript(), ctx);
  expect(vm.runInContext('Array.prototype.flat', ctx)).toBe(before);
});
