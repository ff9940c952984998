// Everything 评价 needs beyond the pane's shell, in one lazily loaded chunk (see lazy.ts): the engine
// and the narrative generator (src/app/session), the file host (its .xlsx package reader and writer)
// and the results UI. The shell renders at once; this chunk is prefetched while the user looks at it.

export { runEvaluation, clearMarks, viewRun } from '../app/session';
export { toText, toHtml } from '../narrative';
export { createFileHost } from '../hosts/file/browser';
export { ResultsView } from './components/ResultsView';
