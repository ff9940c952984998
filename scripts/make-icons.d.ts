// Types for scripts/make-icons.js (CommonJS), so TypeScript tests can import it.
export const SOURCES: string;
export const OUTPUTS: { file: string; svg: string; size: number }[];
export function render(svgFile: string, size: number): Buffer;
