#!/usr/bin/env node
'use strict';
// `npm start` / `npm stop`: sideloads the add-in into desktop Excel with office-addin-debugging.
// That tool pulls ~450 MB (a browser runtime for debugging among others), so it is not a devDependency:
// npx fetches this pinned version on first use, on Windows and macOS only, where desktop Excel exists.
//
//   node scripts/office-debug.js start|stop [manifest.xml]

const { spawnSync } = require('child_process');
const path = require('path');

const DEBUGGING = 'office-addin-debugging@7.0.0';
const DESKTOP = ['win32', 'darwin'];
const LINUX_MESSAGE =
  '需要 Windows 或 macOS 上的桌面版 Excel 才能旁加载调试；在 Linux 上请运行 npm run start:standalone（浏览器中的独立模式）。';

/** The npx command line for `action`, or null where desktop Excel does not exist. */
function command(action, manifest, platform = process.platform) {
  if (!DESKTOP.includes(platform)) return null;
  const args = ['--yes', DEBUGGING, action, manifest];
  if (action === 'start') args.push('desktop');
  return { file: platform === 'win32' ? 'npx.cmd' : 'npx', args };
}

function main(argv) {
  const action = argv[0];
  if (action !== 'start' && action !== 'stop') {
    console.error('usage: node scripts/office-debug.js start|stop [manifest.xml]');
    return 2;
  }
  const manifest = argv[1] || path.join(__dirname, '..', 'manifest.xml');
  const cmd = command(action, manifest);
  if (!cmd) {
    console.error(LINUX_MESSAGE);
    return 1;
  }
  // shell on Windows: npx is a .cmd there, which spawn cannot start directly.
  const run = spawnSync(cmd.file, cmd.args, { stdio: 'inherit', shell: process.platform === 'win32' });
  if (run.error) {
    console.error(`无法运行 npx ${DEBUGGING}：${run.error.message}`);
    return 1;
  }
  return run.status === null ? 1 : run.status;
}

module.exports = { command, DEBUGGING, LINUX_MESSAGE };

if (require.main === module) process.exit(main(process.argv.slice(2)));
