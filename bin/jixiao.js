#!/usr/bin/env node
'use strict';
// Runs the compiled CLI (built by `npm ci` through the prepare script, or `npm run build:cli`).
let cli;
try {
  cli = require('../lib/src/cli/main.js');
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') {
    process.stderr.write('绩效评价助手尚未编译：请先在项目目录运行 npm run build:cli（或 npm ci）。\n');
    process.exit(2);
  }
  throw e;
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`内部错误：${(e && e.message) || e}\n`);
    process.exitCode = 3;
  },
);
