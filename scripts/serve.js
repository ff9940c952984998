#!/usr/bin/env node
'use strict';
// `npm run start:standalone`: serves the production build (dist/) on http://localhost for an ordinary
// browser. Without Office the pane runs in standalone mode: 打开 .xlsx → 评价 → download the results.
// Plain node http, no dependencies; listens on 127.0.0.1 only.
//
//   node scripts/serve.js [dir] [--port N]      (default dir dist, port $PORT or 3001)

const fs = require('fs');
const http = require('http');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * A static file server for `root`. Resolves with the server and its URL once listening
 * (port 0 = any free port).
 */
function serve(root, options = {}) {
  const dir = path.resolve(root);
  const host = options.host || '127.0.0.1';
  const index = options.index || 'taskpane.html';
  const server = http.createServer((req, res) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url || '/', 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end('Bad request');
      return;
    }
    if (pathname.endsWith('/')) pathname += index;
    const file = path.resolve(dir, '.' + pathname);
    if (file !== dir && !file.startsWith(dir + path.sep)) {
      res.writeHead(403).end('Forbidden');
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') {
        res.end();
        return;
      }
      fs.createReadStream(file).pipe(res);
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
