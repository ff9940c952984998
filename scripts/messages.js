'use strict';
// The user-facing messages of src/app/messages.ts for the build (the webview guard in taskpane.html
// says UNSUPPORTED_WEBVIEW before any bundle runs): the TypeScript module compiled by esbuild, in memory.

const fs = require('fs');
const path = require('path');
const Module = require('module');
const { transformSync } = require('esbuild');

function loadMessages() {
  const file = path.join(__dirname, '..', 'src', 'app', 'messages.ts');
  const { code } = transformSync(fs.readFileSync(file, 'utf8'), { loader: 'ts', format: 'cjs', target: 'node20' });
  const m = new Module(file);
  m.filename = file;
  m._compile(code, file);
  return m.exports;
}

module.exports = { loadMessages };
