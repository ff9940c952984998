// The pane's lazily loaded parts. Chunk names show up in dist/ and in bench/bundle.ts's report.

import type { Narrative } from '../narrative';

export type Engine = typeof import('./engine');

let engine: Promise<Engine> | null = null;

/** The engine chunk, loaded once (and prefetched by the browser after the shell has loaded). */
export function loadEngine(): Promise<Engine> {
  if (!engine) {
    engine = import(/* webpackChunkName: "engine", webpackPrefetch: true */ './engine').catch((e) => {
      engine = null;
      throw e;
    });
  }
  return engine;
}

/** The .docx renderer and the docx library: loaded only when 导出 Word is clicked. */
export async function exportDocx(n: Narrative): Promise<Uint8Array> {
  const m = await import(/* webpackChunkName: "docx" */ '../narrative/docx');
  return m.toDocx(n);
}
