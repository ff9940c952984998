// Production bundle size of the task pane: the JavaScript a user waits for before the pane works
// (the scripts taskpane.html references, plus any modules they import statically) versus the chunks
// loaded later on demand (the engine on first 评价, the settings panel, exceljs in standalone mode,
// docx on 导出 Word). Budget: 150 KB gzip for the initial JavaScript.
//
// Sizes are gzip at zlib's default level (what a web server's on-the-fly compression produces).

import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';

/** 150 KB (KiB) of gzip for the initial JavaScript of taskpane.html. */
export const INITIAL_BUDGET_GZIP = 150 * 1024;

export type BundleKind = 'initial' | 'lazy' | 'other';

export interface BundleFile {
  file: string;
  bytes: number;
  gzip: number;
  /** initial: loaded by the page before it runs; lazy: loaded on demand; other: another page's script. */
  kind: BundleKind;
}

export interface BundleSizes {
  page: string;
  initialJs: number;
  initialJsGzip: number;
  lazyJs: number;
  lazyJsGzip: number;
  budgetGzip: number;
  withinBudget: boolean;
  files: BundleFile[];
}

const isExternal = (ref: string) => /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(ref) || /^data:/i.test(ref);

/** Local scripts a page loads: <script src="…"> that are not on another host. */
export function pageScripts(html: string): string[] {
  const out: string[] = [];
  for (const m of html.matchAll(/<script\b[^>]*?\bsrc\s*=\s*["']([^"']+)["'][^>]*>/gi)) {
    const ref = m[1].split(/[?#]/)[0];
    if (!isExternal(ref)) out.push(ref.replace(/^\.?\//, ''));
  }
  return out;
}

/** Static ES module imports of a script (`import … from "./x.js"`, `import "./x.js"`), resolved to dist paths. */
export function staticImports(code: string, fromFile: string): string[] {
  const out: string[] = [];
  const re = /(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+from\s*)?["']([^"']+\.m?js)["']/g;
  for (const m of code.matchAll(re)) {
    if (isExternal(m[1])) continue;
    out.push(path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), m[1])));
  }
  return out;
}

function listJs(dir: string, sub = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
    const rel = sub ? `${sub}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listJs(dir, rel));
    else if (/\.m?js$/.test(e.name)) out.push(rel);
  }
  return out;
}

/** The page's initial scripts and everything they import statically. */
function initialClosure(distDir: string, page: string): Set<string> {
  const html = fs.readFileSync(path.join(distDir, page), 'utf8');
  const seen = new Set<string>();
  const queue = pageScripts(html);
  while (queue.length) {
    const f = queue.shift() as string;
    if (seen.has(f)) continue;
    const full = path.join(distDir, f);
    if (!fs.existsSync(full)) continue;
    seen.add(f);
    queue.push(...staticImports(fs.readFileSync(full, 'utf8'), f));
  }
  return seen;
}

export function bundleSizes(distDir: string, page = 'taskpane.html'): BundleSizes {
  const initial = initialClosure(distDir, page);
  // Scripts other pages (commands.html) start with are theirs, not lazy chunks of this page.
  const others = new Set<string>();
  for (const f of fs.readdirSync(distDir)) {
    if (f.endsWith('.html') && f !== page) for (const s of initialClosure(distDir, f)) if (!initial.has(s)) others.add(s);
  }
  const files: BundleFile[] = listJs(distDir)
    .sort()
    .map((file) => {
      const data = fs.readFileSync(path.join(distDir, file));
      const kind: BundleKind = initial.has(file) ? 'initial' : others.has(file) ? 'other' : 'lazy';
      return { file, bytes: data.length, gzip: zlib.gzipSync(data).length, kind };
    });
  const sum = (kind: BundleKind, key: 'bytes' | 'gzip') => files.filter((f) => f.kind === kind).reduce((n, f) => n + f[key], 0);
  const initialJsGzip = sum('initial', 'gzip');
  return {
    page,
    initialJs: sum('initial', 'bytes'),
    initialJsGzip,
    lazyJs: sum('lazy', 'bytes'),
    lazyJsGzip: sum('lazy', 'gzip'),
    budgetGzip: INITIAL_BUDGET_GZIP,
    withinBudget: initialJsGzip <= INITIAL_BUDGET_GZIP && initialJsGzip > 0,
    files,
  };
}
