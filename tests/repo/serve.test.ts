// `npm run start:standalone` serves dist/ with sirv: a reload revalidates (304) instead of fetching every chunk again.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { serve } from '../../scripts/serve';

test('ETag revalidation, the pane at /, 404 for what is not there, 127.0.0.1 only', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-serve-'));
  fs.writeFileSync(path.join(dir, 'taskpane.html'), '<!doctype html><title>绩效评价助手</title>');
  fs.writeFileSync(path.join(dir, 'chunk.js'), 'console.log(1);');
  const s = await serve(dir, { port: 0 });
  try {
    expect(s.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const first = await fetch(`${s.url}chunk.js`);
    expect(first.status).toBe(200);
    expect(await first.text()).toBe('console.log(1);');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toMatch(/max-age=0.*must-revalidate/);
    const again = await fetch(`${s.url}chunk.js`, { headers: { 'If-None-Match': etag as string } });
    expect(again.status).toBe(304);
    const root = await fetch(s.url);
    expect(await root.text()).toContain('绩效评价助手');
    expect((await fetch(`${s.url}nope.js`)).status).toBe(404);
    expect((await fetch(`${s.url}..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  } finally {
    await new Promise((resolve) => s.server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
