/** The result every API call returns across the process boundary: never a thrown error. */

/** Machine-readable error codes an API call can return. */
export type ErrorCode =
  | 'invalid-args'
  | 'unknown-method'
  | 'forbidden'
  | 'no-corpus'
  | 'no-annotator'
  | 'not-found'
  | 'not-annotatable'
  | 'conflict'
  | 'unsupported'
  | 'io'
  | 'corrupt'
  | 'locked'
  /** The article changed on disk since the caller last read it: open it again. */
  | 'stale'
  | 'internal';

export interface ApiErrorInfo {
  code: ErrorCode;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiErrorInfo };

/** An error a handler throws on purpose; its message is safe to show to the user. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message } };
}
