/**
 * Stopping long work: the error a cancelled job ends with, and the CLI's Ctrl+C. Long jobs
 * (export, import, suggest, agreement) take an AbortSignal and check it between documents; what
 * they wrote is removed or put back before the CancelledError reaches the caller.
 */

/** What a cancelled job throws (the AbortSignal's reason). */
export class CancelledError extends Error {
  constructor(message = 'Cancelled.') {
    super(message);
    this.name = 'CancelledError';
  }
}

/** True when `error` means the work was cancelled rather than failed. */
export function isCancelled(error: unknown): boolean {
  return error instanceof CancelledError || (error instanceof Error && error.name === 'AbortError');
}

/** The exit code of a command stopped by Ctrl+C (128 + SIGINT), as shells expect. */
export const INTERRUPTED_EXIT_CODE = 130;

/** The part of `process` onInterrupt uses (tests pass a fake). */
export interface SignalSource {
  on(event: 'SIGINT', listener: () => void): unknown;
  off(event: 'SIGINT', listener: () => void): unknown;
  exit(code: number): never;
}

/**
 * Makes Ctrl+C call `abort` (with a CancelledError) instead of killing the process, so the running
 * command can put back what it wrote and exit with INTERRUPTED_EXIT_CODE. A second Ctrl+C exits at
 * once, for a command stuck past the point where it checks. Returns the function that removes it.
 *
 * The CLI calls it around each long command:
 *   const controller = new AbortController();
 *   const off = onInterrupt((reason) => controller.abort(reason));
 *   try { await exportLayer(corpus, { ...options, signal: controller.signal }, write); }
 *   catch (error) { if (isCancelled(error)) { stderr('quotebench: stopped; nothing was written.'); return 130; } throw error; }
 *   finally { off(); }
 */
export function onInterrupt(abort: (reason: CancelledError) => void, proc: SignalSource = process as unknown as SignalSource): () => void {
  let pressed = false;
  const listener = () => {
    if (pressed) proc.exit(INTERRUPTED_EXIT_CODE);
    pressed = true;
    abort(new CancelledError('Stopped by Ctrl+C.'));
  };
  proc.on('SIGINT', listener);
  return () => void proc.off('SIGINT', listener);
}
