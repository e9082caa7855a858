/**
 * Bulk file work (scanning, decoding, reading layers) runs with synchronous fs calls, which on
 * small files are several times faster than their promise versions (one thread-pool round trip
 * per open, stat, read and close), in slices: after `sliceMs` of work the loop awaits
 * `setImmediate`, so the process still answers other calls while a large corpus opens.
 */

/** A function to await between items: it gives the event loop a turn once `sliceMs` has passed. */
export function cooperative(sliceMs = 10): () => Promise<void> | undefined {
  let sliceStart = performance.now();
  return () => {
    if (performance.now() - sliceStart < sliceMs) return undefined;
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        sliceStart = performance.now();
        resolve();
      }),
    );
  };
}
