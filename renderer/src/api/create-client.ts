/**
 * Builds a complete QuotebenchApi from one `invoke(method, args)` function, so every method in
 * API_METHODS exists whatever the transport, and no call ever throws.
 */
import { API_METHODS, type ApiMethod, type QuotebenchApi } from '../../../shared/api.js';
import type { Result } from '../../../shared/result.js';

/** Sends one call to main and answers its Result. */
export type Invoke = (method: ApiMethod, args: unknown) => Promise<Result<unknown>>;

/** Turns a thrown value into the Result shape the UI already knows how to show. */
export function failureFromThrown(method: ApiMethod, error: unknown): Result<never> {
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'internal', message: `${method} failed: ${detail}` } };
}

/** A client with one async function per API method, each forwarding to `invoke`. */
export function createClient(invoke: Invoke): QuotebenchApi {
  const entries = API_METHODS.map((method) => {
    const call = async (args: unknown): Promise<Result<unknown>> => {
      try {
        const result = await invoke(method, args ?? {});
        if (!isResult(result)) return { ok: false, error: { code: 'internal', message: `${method} answered something that is not a result` } };
        return result;
      } catch (error) {
        return failureFromThrown(method, error);
      }
    };
    return [method, call] as const;
  });
  return Object.freeze(Object.fromEntries(entries)) as unknown as QuotebenchApi;
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  const v = value as { ok: unknown; error?: unknown };
  if (v.ok === true) return 'value' in v;
  if (v.ok !== false || typeof v.error !== 'object' || v.error === null) return false;
  return typeof (v.error as { message?: unknown }).message === 'string';
}
