/**
 * Starting worker threads on a worker entry that sits next to the module using it, from the
 * compiled build or from the TypeScript sources. Used by the parallel export
 * (formats/export-worker.ts), agreement (analysis/agreement-worker.ts) and stats
 * (analysis/stats-worker.ts).
 */
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/** Below this many documents work stays on the calling thread: starting a worker costs tens of ms. */
export const MIN_DOCS_FOR_WORKERS = 500;
/** Threads at most, whatever the machine. */
export const MAX_JOBS = 4;

/** The default number of threads for corpus-wide work: one per core, at most MAX_JOBS. */
export function defaultJobs(): number {
  return Math.min(os.availableParallelism(), MAX_JOBS);
}

/** The worker entry and what it imports as one module (a data: URL), per entry, made once a process. */
const bundles = new Map<string, Promise<URL>>();

/**
 * From TypeScript sources (tsx, Vitest) a worker gets no TypeScript loader: tsx's execArgv reach
 * it, but Node 20 applies no loader to a worker's entry, and registering tsx in each worker costs
 * it about 300 ms and 25 MB. So the entry is bundled once per process by esbuild (a dev
 * dependency, there wherever the sources run: about 60 ms, in esbuild's own process) into one
 * module, given to the worker as a data: URL (nothing is written to disk).
 */
function bundled(entry: URL): Promise<URL> {
  let made = bundles.get(entry.href);
  if (!made) {
    made = (async () => {
      const esbuild = await import('esbuild');
      // Bundled CommonJS packages (papaparse) call require for Node's own modules: give them one.
      const banner = `import { createRequire as __qbRequire } from 'node:module'; const require = __qbRequire(${JSON.stringify(entry.href)});`;
      const built = await esbuild.build({ entryPoints: [fileURLToPath(entry)], bundle: true, write: false, platform: 'node', format: 'esm', target: 'node20', banner: { js: banner }, logLevel: 'silent' });
      return new URL('data:text/javascript;base64,' + Buffer.from(built.outputFiles[0]!.contents).toString('base64'));
    })();
    bundles.set(entry.href, made);
  }
  return made;
}

/** The entry `name` next to the module at `from` (its import.meta.url): NAME.js when compiled, NAME.ts from the sources. */
export function workerEntry(name: string, from: string): URL {
  // Each entry lives beside the module that starts it, so the caller says where that is.
  return new URL(`./${name}${from.endsWith('.ts') ? '.ts' : '.js'}`, from);
}

/** A worker on `entry` (a .ts entry is bundled first). */
export async function startWorker(entry: URL, workerData: unknown, resourceLimits?: ResourceLimits): Promise<Worker> {
  return new Worker(entry.pathname.endsWith('.ts') ? await bundled(entry) : entry, { workerData, resourceLimits });
}
