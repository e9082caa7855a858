/**
 * One writer per layer: before a process first writes an annotator's layer it takes
 * `CORPUS/.quotebench/locks/ANNOTATOR.lock`, a JSON record (pid, host, what, since and a random
 * `nonce`) that appears whole in one step (written to a temp file, then hard-linked to the lock's
 * name, which fails when a lock exists). A second process is refused with who holds it.
 *
 * A stale lock (its holder is gone: same host and pid not alive, or another host's lock whose
 * heartbeat stopped) is taken over in one atomic step: the taker first creates
 * `ANNOTATOR.lock.takeover-KEY-N` exclusively (KEY names the stale record, N counts slots so a
 * crashed taker's slot is skipped, never removed and re-created), checks the lock still holds
 * that record, then renames its own record over it. Only one process can create a slot, and a
 * slot is only tried when every lower one is stale, so racing takers get exactly one winner.
 *
 * Holders refresh the lock file's mtime every HEARTBEAT_MS; writers call assertLayerLockHeld
 * right before every write, so a process whose lock was taken over writes nothing more.
 * Locks are released when the process ends or the app closes the corpus.
 */
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ApiError } from '../../../shared/result.js';
import { DATA_DIR } from '../corpus/corpus.js';
import { removeTempFiles, TEMP_LEFTOVER_AGE_MS } from '../platform/durable-file.js';
import { assertOwnDataPath } from '../platform/data-path.js';

/** The record in a lock file (and in a takeover slot). */
export interface LockInfo {
  pid: number;
  host: string;
  /** What holds it: "app", "quotebench import", … */
  what: string;
  since: string;
  /** Random, new for every taking of the lock: tells this holding apart from every other. Absent in locks written before it existed. */
  nonce?: string;
}

/** How long a lock file may stay empty or unreadable before it counts as a crash's leftover. */
export const HALF_WRITTEN_GRACE_MS = 5000;
/** How often a holder refreshes its lock file's mtime (its heartbeat). */
export const HEARTBEAT_MS = 30_000;
/** A lock from another host whose mtime is older than this is stale (its holder stopped beating). */
export const OTHER_HOST_STALE_MS = 120_000;
/** How long a taker waits for another process that is taking over the same stale lock right now. */
const TAKEOVER_WAIT_MS = 3000;

/** Lock files this process holds (absolute paths), with the nonce it wrote into each. */
const held = new Map<string, string>();
/** Acquisitions under way in this process: concurrent callers share one. */
const pending = new Map<string, Promise<string>>();
let exitHookInstalled = false;
let heartbeat: NodeJS.Timeout | null = null;

/** What the current process says it is (set by the CLI and the app at start). */
let holderName = 'Quotebench';
/** Sets what this process's lock records say holds them ("Quotebench app", "quotebench import", …). */
export function setLockHolderName(name: string): void {
  holderName = name;
}

/** The lock file of one annotator's layer. */
export function lockFile(corpusRoot: string, annotator: string): string {
  return path.join(corpusRoot, DATA_DIR, 'locks', `${annotator}.lock`);
}

/** Whether a process with this pid runs on this host. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** What a staleness judgement needs to know about here and now (tests pass fakes). */
export interface LivenessProbe {
  host: string;
  now: number;
  alive(pid: number): boolean;
}

const here = (): LivenessProbe => ({ host: os.hostname(), now: Date.now(), alive: processAlive });

/**
 * Whether a lock record (or takeover slot) whose file was last modified at `mtimeMs` is stale:
 * unreadable for HALF_WRITTEN_GRACE_MS; on this host, its pid is not alive; on another host
 * (where pids mean nothing here), its heartbeat is older than OTHER_HOST_STALE_MS.
 */
export function isStaleLock(info: LockInfo | null, mtimeMs: number, probe: LivenessProbe = here()): boolean {
  if (!info) return probe.now - mtimeMs >= HALF_WRITTEN_GRACE_MS;
  if (info.host === probe.host) return !probe.alive(info.pid);
  return probe.now - mtimeMs > OTHER_HOST_STALE_MS;
}

function describe(info: LockInfo): string {
  return `${info.what} (process ${info.pid} on ${info.host}, since ${info.since})`;
}

function parseInfo(raw: string): LockInfo | null {
  try {
    const data = JSON.parse(raw) as Partial<LockInfo> | null;
    if (!data || !Number.isInteger(data.pid) || typeof data.host !== 'string') return null;
    return { pid: data.pid!, host: data.host, what: String(data.what ?? 'Quotebench'), since: String(data.since ?? ''), ...(typeof data.nonce === 'string' ? { nonce: data.nonce } : {}) };
  } catch {
    return null;
  }
}

interface Seen {
  info: LockInfo | null;
  mtimeMs: number;
  /** Names this very record: its nonce, else a hash of its bytes and inode. */
  key: string;
}

async function readRecord(file: string): Promise<Seen | null> {
  try {
    // stat before read: a heartbeat between the two makes the record look older, never younger.
    const st = await fsp.stat(file);
    const raw = await fsp.readFile(file, 'utf8');
    const info = parseInfo(raw);
    const key = info?.nonce && /^[0-9a-f]{8,64}$/.test(info.nonce) ? info.nonce : createHash('sha256').update(`${raw}\0${st.ino}`).digest('hex').slice(0, 16);
    return { info, mtimeMs: st.mtimeMs, key };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

function newRecord(): LockInfo {
  return { pid: process.pid, host: os.hostname(), what: holderName, since: new Date().toISOString(), nonce: randomBytes(16).toString('hex') };
}

async function syncDir(dir: string): Promise<void> {
  let handle: fsp.FileHandle | undefined;
  try {
    handle = await fsp.open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms and network file systems cannot fsync a folder; the lock is still correct.
  } finally {
    await handle?.close();
  }
}

/** A temp file next to `file` holding `record`, written and synced. */
async function tempRecord(file: string, record: LockInfo): Promise<string> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  await fsp.writeFile(tmp, JSON.stringify(record) + '\n', { flag: 'wx' });
  const handle = await fsp.open(tmp, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  return tmp;
}

/** File systems without hard links answer these to link(). */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

/** Creates `file` holding `record` only when it does not exist; false when it does. Never leaves it empty. */
async function createExclusive(file: string, record: LockInfo): Promise<boolean> {
  const tmp = await tempRecord(file, record);
  try {
    await fsp.link(tmp, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_LINKS.has(code)) throw error;
    // No hard links here (some shared drives): create exclusively, then write. A reader may see
    // it empty for a moment, which the half-written grace covers.
    try {
      await fsp.writeFile(file, JSON.stringify(record) + '\n', { flag: 'wx' });
    } catch (inner) {
      if ((inner as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw inner;
    }
  } finally {
    await fsp.rm(tmp, { force: true });
  }
  await syncDir(path.dirname(file));
  return true;
}

/** Puts `record` in place of whatever `file` holds, in one rename. */
async function replaceRecord(file: string, record: LockInfo): Promise<void> {
  const tmp = await tempRecord(file, record);
  try {
    await fsp.rename(tmp, file);
  } catch (error) {
    await fsp.rm(tmp, { force: true });
    throw error;
  }
  await syncDir(path.dirname(file));
}

function slotName(file: string, key: string, n: number): string {
  return `${file}.takeover-${key}-${n}`;
}

/**
 * Takes over the stale record `stale` of `file`: 'won' when `record` replaced it, 'changed' when
 * the lock no longer holds that record (look again), 'busy' with the live taker's record when
 * another process is taking it over right now.
 */
async function takeOver(file: string, stale: Seen, record: LockInfo): Promise<{ outcome: 'won' | 'changed' } | { outcome: 'busy'; by: LockInfo | null }> {
  for (let n = 1; ; n += 1) {
    const slot = slotName(file, stale.key, n);
    if (await createExclusive(slot, record)) {
      let won = false;
      try {
        const now = await readRecord(file);
        if (!now || now.key !== stale.key) return { outcome: 'changed' };
        await replaceRecord(file, record);
        won = true;
        return { outcome: 'won' };
      } finally {
        // The winner clears every slot of this contest (the lower ones are crashed takers'); a
        // loser only its own, so a live taker's slot is never removed under it.
        for (let m = won ? 1 : n; m <= n; m += 1) await fsp.rm(slotName(file, stale.key, m), { force: true });
      }
    }
    const other = await readRecord(slot);
    // The slot vanished: the contest's winner cleared it, so the lock has changed.
    if (!other) return { outcome: 'changed' };
    if (!isStaleLock(other.info, other.mtimeMs)) return { outcome: 'busy', by: other.info };
    // A taker that died in the middle: skip its slot (removing it would let two processes re-create it).
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Takes the lock for writing `annotator`'s layer, or throws ApiError('locked') naming the holder.
 * Answers this holding's nonce: a new one whenever the lock was (re)taken, so a caller that sees
 * it change knows what it read before may be stale.
 */
export async function acquireLayerLock(corpusRoot: string, annotator: string): Promise<string> {
  const file = lockFile(corpusRoot, annotator);
  const mine = held.get(file);
  if (mine) return mine;
  let taking = pending.get(file);
  if (!taking) {
    taking = take(corpusRoot, annotator, file).finally(() => pending.delete(file));
    pending.set(file, taking);
  }
  return taking;
}

async function take(corpusRoot: string, annotator: string, file: string): Promise<string> {
  assertOwnDataPath(corpusRoot, file);
  await fsp.mkdir(path.dirname(file), { recursive: true });
  const deadline = Date.now() + TAKEOVER_WAIT_MS;
  for (;;) {
    const record = newRecord();
    if (await createExclusive(file, record)) return hold(corpusRoot, annotator, file, record);
    const seen = await readRecord(file);
    if (!seen) continue; // released between the two steps: try creating it again
    // A record of this very process that it no longer holds (released, or lost and forgotten) is taken over like a stale one.
    const forgotten = seen.info?.pid === process.pid && seen.info.host === os.hostname();
    if (!forgotten && !isStaleLock(seen.info, seen.mtimeMs)) {
      // A lock file without its record yet: another process between creating and writing it (no hard links there).
      if (!seen.info) throw new ApiError('locked', `${annotator}'s layer is being locked by another process right now. Try again in a moment.`);
      throw new ApiError('locked', `${annotator}'s layer is being written by ${describe(seen.info)}. Close it there first; two writers would overwrite each other.`);
    }
    const taken = await takeOver(file, seen, record);
    if (taken.outcome === 'won') return hold(corpusRoot, annotator, file, record);
    if (taken.outcome === 'busy') {
      if (Date.now() > deadline) {
        throw new ApiError('locked', `${annotator}'s layer is being taken over by ${taken.by ? describe(taken.by) : 'another process'} right now. Try again in a moment.`);
      }
      await sleep(20 + Math.random() * 30);
    }
  }
}

async function hold(corpusRoot: string, annotator: string, file: string, record: LockInfo): Promise<string> {
  held.set(file, record.nonce!);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', releaseAllLayerLocksSync);
  }
  if (!heartbeat) {
    heartbeat = setInterval(() => void refreshHeldLocks().catch(() => undefined), HEARTBEAT_MS);
    // The heartbeat never keeps a process alive that is otherwise done.
    heartbeat.unref();
  }
  await removeLeftovers(corpusRoot, annotator, file);
  return record.nonce!;
}

/**
 * What crashed writers left behind, removed by the new holder: in the layer's folder (which
 * only the holder writes) temp files whose writer is not alive on this host or that are older
 * than TEMP_LEFTOVER_AGE_MS; next to the lock, this lock's dead takeover slots and old temp files.
 */
async function removeLeftovers(corpusRoot: string, annotator: string, file: string): Promise<void> {
  const now = Date.now();
  await removeTempFiles(path.join(corpusRoot, DATA_DIR, 'annotations', annotator), (pid, mtimeMs) => !processAlive(pid) || now - mtimeMs > TEMP_LEFTOVER_AGE_MS, { recursive: true });
  // Lock temp files of other hosts' live takers can look dead here: only age removes those.
  await removeTempFiles(path.dirname(file), (_pid, mtimeMs) => now - mtimeMs > TEMP_LEFTOVER_AGE_MS);
  const prefix = `${path.basename(file)}.takeover-`;
  let names: string[];
  try {
    names = await fsp.readdir(path.dirname(file));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const slot = path.join(path.dirname(file), name);
    const seen = await readRecord(slot).catch(() => null);
    if (seen && isStaleLock(seen.info, seen.mtimeMs)) await fsp.rm(slot, { force: true });
  }
}

function lockedMessage(annotator: string, info: LockInfo | null): string {
  if (!info) return `The lock on ${annotator}'s layer was removed by another process, so this process stopped writing it. Try again.`;
  return `${annotator}'s layer was taken over by ${describe(info)}, so this process stopped writing it. Close it there, then try again.`;
}

/**
 * Throws ApiError('locked') unless this process holds the lock on `annotator`'s layer right now
 * (its nonce is in the lock file). Every writer of data guarded by the lock calls it right
 * before each write; a lock found lost is forgotten, so the next acquireLayerLock looks again.
 */
export function assertLayerLockHeld(corpusRoot: string, annotator: string): void {
  const file = lockFile(corpusRoot, annotator);
  const nonce = held.get(file);
  if (!nonce) throw new ApiError('locked', `This process does not hold the lock on ${annotator}'s layer.`);
  let raw: string | null;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new ApiError('io', `The lock on ${annotator}'s layer cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
    raw = null;
  }
  const info = raw === null ? null : parseInfo(raw);
  if (info?.nonce === nonce) return;
  held.delete(file);
  throw new ApiError('locked', lockedMessage(annotator, info));
}

/** The heartbeat: refreshes the mtime of every lock this process still holds; forgets the ones it lost. */
export async function refreshHeldLocks(): Promise<void> {
  for (const [file, nonce] of [...held]) {
    const seen = await readRecord(file).catch(() => null);
    if (seen?.info?.nonce !== nonce) {
      held.delete(file);
      continue;
    }
    const now = new Date();
    await fsp.utimes(file, now, now).catch(() => undefined);
  }
  stopHeartbeatWhenIdle();
}

function stopHeartbeatWhenIdle(): void {
  if (held.size === 0 && heartbeat) {
    clearInterval(heartbeat);
    heartbeat = null;
  }
}

function ownedBy(file: string, nonce: string): boolean {
  try {
    return parseInfo(fs.readFileSync(file, 'utf8'))?.nonce === nonce;
  } catch {
    return false;
  }
}

/** Releases the locks this process holds under `corpusRoot` (all when omitted); a lock another process took over is left to it. */
export async function releaseLayerLocks(corpusRoot?: string): Promise<void> {
  for (const [file, nonce] of [...held]) {
    if (corpusRoot && !file.startsWith(path.resolve(corpusRoot) + path.sep)) continue;
    held.delete(file);
    if (ownedBy(file, nonce)) await fsp.rm(file, { force: true });
  }
  stopHeartbeatWhenIdle();
}

function releaseAllLayerLocksSync(): void {
  for (const [file, nonce] of held) {
    try {
      if (ownedBy(file, nonce)) fs.rmSync(file, { force: true });
    } catch {
      // The process is ending; a lock left behind is stale and will be taken over.
    }
  }
  held.clear();
}
