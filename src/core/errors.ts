// Errors the user can act on. Every message is Chinese and says what to do; callers show the message,
// never a stack trace.

export type ErrorCode = 'unsupported' | 'unreadable' | 'not-found' | 'no-table' | 'bad-argument' | 'write-failed';

export class JixiaoError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'JixiaoError';
  }
}

export function isJixiaoError(e: unknown): e is JixiaoError {
  return e instanceof JixiaoError || (typeof e === 'object' && e !== null && (e as { name?: string }).name === 'JixiaoError');
}
