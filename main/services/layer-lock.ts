/**
 * One writer per layer: before a process first writes an annotator's layer it takes
 * `CORPUS/.quotebench/locks/ANNOTATOR.lock` (created exclusively, holding pid, host, command and
 * time). A second process that wants to write the same layer is refused with who holds it. A lock
 * whose process is gone (same host, pid not alive) is stale and taken over. Locks are released
 * when the process ends or the app closes the corpus.
 */
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../shared/result.js';
import { DATA_DIR } from './corpus.js';
import { assertOwnDataPath } from './data-path.js';

export interface LockInfo {
  pid: number;
  host: string;
  /** What holds it: "app", "quotebench import", … */
  what: string;
  since: string;
}

/** How long a lock file may stay empty or unreadable before it counts as a crash's leftover. */
export const HALF_WRITTEN_GRACE_MS = 5000;

/** Lock files this process holds (absolute paths). */
const held = new Set<string>();
let exitHookInstalled = false;

/** What the current process says it is (set by the CLI and the app at start). */
let holderName = 'Quotebench';
export function setLockHolderName(name: string): void {
  holderName = name;
}

export function lockFile(corpusRoot: string, annotator: string): string {
  return path.join(corpusRoot, DATA_DIR, 'locks', `${annotator}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(info: LockInfo): string {
  return `${info.what} (process ${info.pid} on ${info.host}, since ${info.since})`;
}

/** Takes the lock for writing `annotator`'s layer, or throws ApiError('locked') naming the holder. */
export async function acquireLayerLock(corpusRoot: string, annotator: string): Promise<void> {
  const file = lockFile(corpusRoot, annotator);
  if (held.has(file)) return;
  assertOwnDataPath(corpusRoot, file);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const mine: LockInfo = { pid: process.pid, host: os.hostname(), what: holderName, since: new Date().toISOString() };
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await fsp.open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(mine) + '\n');
        await handle.sync();
      } finally {
        await handle.close();
      }
      held.add(file);
      if (!exitHookInstalled) {
        exitHookInstalled = true;
        process.once('exit', releaseAllLayerLocksSync);
      }
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let info: LockInfo | null = null;
    let modified = 0;
    try {
      modified = (await fsp.stat(file)).mtimeMs;
      info = JSON.parse(await fsp.readFile(file, 'utf8')) as LockInfo;
    } catch {
      info = null;
    }
    if (info && info.pid === process.pid && info.host === os.hostname()) {
      held.add(file);
      return;
    }
    // A lock file without its contents yet is another process between creating and writing it:
    // taken, unless it has stayed unreadable long enough to be a crash's leftover.
    if (!info && modified > 0 && Date.now() - modified < HALF_WRITTEN_GRACE_MS) {
      throw new ApiError('locked', `${annotator}'s layer is being locked by another process right now. Try again in a moment.`);
    }
    const stale = !info || (info.host === os.hostname() && !alive(info.pid));
    if (!stale) throw new ApiError('locked', `${annotator}'s layer is being written by ${describe(info!)}. Close it there first; two writers would overwrite each other.`);
    await fsp.rm(file, { force: true });
  }
  throw new ApiError('locked', `Could not take the lock on ${annotator}'s layer (${file}).`);
}

/** Who holds the lock on `annotator`'s layer, or null. */
export async function layerLockHolder(corpusRoot: string, annotator: string): Promise<LockInfo | null> {
  try {
    return JSON.parse(await fsp.readFile(lockFile(corpusRoot, annotator), 'utf8')) as LockInfo;
  } catch {
    return null;
  }
}

/** Releases the locks this process holds under `corpusRoot` (all when omitted). */
export async function releaseLayerLocks(corpusRoot?: string): Promise<void> {
  for (const file of [...held]) {
    if (corpusRoot && !file.startsWith(path.resolve(corpusRoot) + path.sep)) continue;
    held.delete(file);
    await fsp.rm(file, { force: true });
  }
}

function releaseAllLayerLocksSync(): void {
  for (const file of held) {
    try {
      fs.rmSync(file, { force: true });
    } catch {
      // The process is ending; a lock left behind is stale and will be taken over.
    }
  }
  held.clear();
}
