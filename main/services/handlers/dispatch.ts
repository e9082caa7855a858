/**
 * Turns a table of handlers into one function that takes an untrusted method name and
 * untrusted arguments and always resolves to a Result. Used by the Electron IPC wiring,
 * the browser-mode HTTP server and the e2e harness, so all three run the same checks.
 */
import type { z } from 'zod';
import { API_METHODS, apiArgs, type ApiMethod, type ApiReturns } from '../../../shared/api.js';
import { ApiError, type Result } from '../../../shared/result.js';

/** The main-side implementation of one method: arguments already validated. */
export type Handler<M extends ApiMethod> = (args: z.output<(typeof apiArgs)[M]>) => Promise<ApiReturns[M]>;

/** One handler per API method; a missing one is a compile error. */
export type Handlers = { [M in ApiMethod]: Handler<M> };

/** Calls a method by name with unvalidated arguments; never throws. */
export type Dispatch = (method: string, rawArgs: unknown) => Promise<Result<unknown>>;

const methodSet = new Set<string>(API_METHODS);

/** True when `name` is one of the API's methods. */
export function isApiMethod(name: string): name is ApiMethod {
  return methodSet.has(name);
}

/**
 * Builds the dispatcher. Unexpected errors are logged with `log` and reach the caller only
 * as `{code: 'internal'}` with a generic message: no stack trace crosses the boundary.
 */
export function createDispatch(handlers: Handlers, log: (message: string, error: unknown) => void = defaultLog): Dispatch {
  return async (method, rawArgs) => {
    if (typeof method !== 'string' || !isApiMethod(method)) {
      return { ok: false, error: { code: 'unknown-method', message: `unknown method ${JSON.stringify(String(method)).slice(0, 80)}` } };
    }
    const parsed = apiArgs[method].safeParse(rawArgs ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return { ok: false, error: { code: 'invalid-args', message: `${method}: ${where}${issue?.message ?? 'invalid arguments'}` } };
    }
    try {
      const handler = handlers[method] as (args: unknown) => Promise<unknown>;
      const value = await handler(parsed.data);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: { code: error.code, message: error.message } };
      log(`quotebench: ${method} failed`, error);
      return { ok: false, error: { code: 'internal', message: `${method} failed unexpectedly; details are in the log` } };
    }
  };
}

function defaultLog(message: string, error: unknown): void {
  console.error(message, error);
}
