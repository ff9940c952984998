#!/usr/bin/env node
'use strict';
// `npm run start:standalone`: serves the production build (dist/) on http://localhost for an ordinary
// browser. Without Office the pane runs in standalone mode: 打开 .xlsx → 评价 → download the results.
// The files are served by sirv (ETag and Last-Modified, so a reload revalidates with 304 instead of
// fetching every chunk again); listens on 127.0.0.1 only.
//
//   node scripts/serve.js [dir] [--port N]      (default dir dist, port $PORT or 3001)

const fs = require('fs');
const http = require('http');
const path = require('path');
const sirv = require('sirv');

/**
 * A static file server for `root`. Resolves with the server and its URL once listening
 * (port 0 = any free port).
 */
function serve(root, options = {}) {
  const host = options.host || '127.0.0.1';
  // maxAge 0 + etag: the browser may keep a copy but asks each time (Cache-Control: public,max-age=0,must-revalidate).
  const files = sirv(path.resolve(root), { etag: true, maxAge: 0, dev: Boolean(options.dev) });
  const server = http.createServer((req, res) => {
    if (req.url === '/' || req.url === '') req.url = `/${options.index || 'taskpane.html'}`;
    res.setHeader('X-Content-Type-Options', 'nosniff');
    files(req, res, () => {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port || 0, host, () => {
      const { port } = server.address();
      resolve({ server, port, url: `http://${host}:${port}/` });
    });
  });
}

module.exports = { serve };

if (require.main === module) {
  const args = process.argv.slice(2);
  let dir = 'dist';
  let port = Number(process.env.PORT) || 3001;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') port = Number(args[++i]);
    else dir = args[i];
  }
  if (!fs.existsSync(path.join(dir, 'taskpane.html'))) {
    console.error(`${dir}/taskpane.html 不存在：请先运行 npm run build。`);
    process.exit(1);
  }
  serve(dir, { port }).then(
    ({ url }) => {
      console.log(`绩效评价助手（独立模式）：${url}taskpane.html`);
      console.log('按 Ctrl+C 停止。');
    },
    (e) => {
      console.error(`无法在端口 ${port} 上启动：${e.message}`);
      process.exit(1);
    },
  );
}
