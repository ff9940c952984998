// Types for scripts/office-debug.js (CommonJS), so TypeScript tests can import it.
export const DEBUGGING: string;
export const LINUX_MESSAGE: string;
export function command(action: 'start' | 'stop', manifest: string, platform?: NodeJS.Platform): { file: string; args: string[] } | null;
