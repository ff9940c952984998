// The 绩效自评报告 generator: evaluation result → Narrative (traceable sentences) → text/Markdown/HTML/.docx.
// The .docx renderer is not re-exported here so that hosts without the `docx` bundle can import the rest:
// import it from './docx'.
export * from './model';
export * from './format';
export * from './templates';
export { generateNarrative, indicatorType, indicatorGroup } from './generate';
export type { NarrativeOptions, ScoreChoice } from './generate';
export { toText, toMarkdown, toHtml, narrativeLines, EDITABLE_NOTE, escapeHtml } from './render';
export type { HtmlOptions } from './render';
