/**
 * A lowdb adapter whose writes are atomic and durable: a unique temp file in the same folder,
 * fsync, rename over the target, fsync of the folder. lowdb's own JSONFile renames without
 * fsync (not durable against power loss) and uses a fixed temp name (two writers collide).
 */
import { randomBytes } from 'node:crypto';
import fsSync, { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';
import { assertOwnDataFile } from './data-path.js';

/** A data file that exists but cannot be used; it is never overwritten. */
export class CorruptFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
    this.name = 'CorruptFileError';
  }
}

/** A data file from a newer Quotebench: refused and left exactly as it is (never moved, never written). */
export class NewerVersionError extends Error {
  constructor(
    readonly file: string,
    readonly version: number,
    readonly current: number,
  ) {
    super(`${file}: schema version ${version}, newer than ${current}`);
    this.name = 'NewerVersionError';
  }

  /** "was written by a newer Quotebench (schema version 3; this one reads up to 1)". */
  get reason(): string {
    return `was written by a newer Quotebench (schema version ${this.version}; this one reads up to ${this.current})`;
  }
}

/** One step of a data file's schema: turns version `from` into version `from + 1`. */
export interface Migration {
  from: number;
  /** What the step changes, for the docs and the tests. */
  describe: string;
  up(data: Record<string, unknown>): Record<string, unknown>;
}

/** The schema version a kind of data file is at now, and the steps that bring older files there. */
export interface Versioning {
  current: number;
  migrations: readonly Migration[];
}

/**
 * Brings a parsed data file to the current schema version in memory. A file without
 * `schemaVersion` is version 0. Answers the migrated data and the version it was read at; throws
 * NewerVersionError for a newer file, and a reason string for one that cannot be migrated.
 */
export function migrateData(file: string, data: Record<string, unknown>, versioning: Versioning): { data: Record<string, unknown>; from: number } | string {
  const raw = data.schemaVersion;
  const from = raw === undefined ? 0 : raw;
  if (typeof from !== 'number' || !Number.isInteger(from) || from < 0) return `has an invalid schema version (${JSON.stringify(raw)})`;
  if (from > versioning.current) throw new NewerVersionError(file, from, versioning.current);
  let out = data;
  for (let v = from; v < versioning.current; v += 1) {
    const step = versioning.migrations.find((m) => m.from === v);
    if (!step) return `is at schema version ${v}, which this Quotebench cannot migrate`;
    out = { ...step.up(out), schemaVersion: v + 1 };
  }
  return { data: out, from };
}

/** Writes `data` to `file` atomically and durably. */
export async function writeFileDurable(file: string, data: string): Promise<void> {
  // Under a corpus's .quotebench: never through a link (checked before mkdir, which would follow one).
  assertOwnDataFile(file);
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await syncDir(dir);
}

/** A temp file older than this is a crash's leftover whoever wrote it: no write takes an hour. */
export const TEMP_LEFTOVER_AGE_MS = 60 * 60 * 1000;

/** The temp files writeFileDurable makes: `.NAME.PID.RAND.tmp`. */
const TEMP_NAME = /^\..+\.(\d+)\.[0-9a-f]{12}\.tmp$/;

/**
 * Removes the temp files of killed writes in `dir` (and its subfolders with `recursive`, never
 * through a link) for which `isLeftover(pid, mtimeMs)` says so; answers the paths removed. The
 * caller decides what is safe: only the holder of a folder's lock may remove a live-looking one.
 */
export async function removeTempFiles(dir: string, isLeftover: (pid: number, mtimeMs: number) => boolean, options: { recursive?: boolean } = {}): Promise<string[]> {
  const removed: string[] = [];
  let entries: fsSync.Dirent[];
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (options.recursive) removed.push(...(await removeTempFiles(full, isLeftover, options)));
      continue;
    }
    const match = entry.isFile() ? TEMP_NAME.exec(entry.name) : null;
    if (!match) continue;
    try {
      const st = await fs.stat(full);
      if (!isLeftover(Number(match[1]), st.mtimeMs)) continue;
      await fs.rm(full, { force: true });
      removed.push(full);
    } catch {
      // Gone already (its writer renamed it into place): nothing to clean.
    }
  }
  return removed;
}

async function syncDir(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows, some network file systems) cannot fsync a directory.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'EISDIR' && code !== 'EPERM' && code !== 'EACCES') throw error;
  } finally {
    await handle?.close();
  }
}

/** How a kind of data file is written, and what reading drops again (derived fields). */
export interface FileFormat<T> {
  serialize(data: T): string;
  /** Applied to the checked data after reading. */
  revive?(data: T): T;
}

/**
 * lowdb adapter over one JSON file, with an optional shape check on read and, with `versioning`,
 * schema migrations applied on read. A migrated file is rewritten only by the next real write,
 * and the file as it was is first copied to `NAME.vN-TIMESTAMP.bak`.
 */
export class DurableJSONFile<T> implements Adapter<T> {
  /** The version the file was read at when it was migrated, until its backup is made. */
  private migratedFrom: number | null = null;

  constructor(
    readonly file: string,
    private readonly check?: (data: unknown) => string | null,
    private readonly versioning?: Versioning,
    private readonly format?: FileFormat<T>,
  ) {}

  /** null when the file does not exist; CorruptFileError when it exists but is unusable. */
  async read(): Promise<T | null> {
    return this.readSync();
  }

  /**
   * The same, synchronously: data files are small (one document's layer), and one sync read
   * costs a fraction of the promise version's four thread-pool round trips.
   */
  readSync(): T | null {
    let raw: string;
    try {
      raw = fsSync.readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new CorruptFileError(this.file, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      throw new CorruptFileError(this.file, `is not valid JSON (${(error as Error).message})`);
    }
    if (this.versioning && typeof data === 'object' && data !== null && !Array.isArray(data)) {
      const migrated = migrateData(this.file, data as Record<string, unknown>, this.versioning);
      if (typeof migrated === 'string') throw new CorruptFileError(this.file, migrated);
      data = migrated.data;
      this.migratedFrom = migrated.from < this.versioning.current ? migrated.from : null;
    }
    const problem = this.check?.(data) ?? null;
    if (problem) throw new CorruptFileError(this.file, problem);
    return this.format?.revive ? this.format.revive(data as T) : (data as T);
  }

  /** True when the last read migrated the file from an older version that is not yet written back. */
  migrated(): boolean {
    return this.migratedFrom !== null;
  }

  async write(data: T): Promise<void> {
    if (this.migratedFrom !== null) {
      await backupOnce(this.file, `v${this.migratedFrom}`);
      this.migratedFrom = null;
    }
    await writeFileDurable(this.file, this.format ? this.format.serialize(data) : JSON.stringify(data, null, 2) + '\n');
  }
}

/** Copies `file` to `NAME.TAG-TIMESTAMP.bak` (never over an existing one); nothing when the file is gone. */
async function backupOnce(file: string, tag: string): Promise<void> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  for (let n = 1; ; n += 1) {
    const target = `${file}.${tag}-${stamp}${n > 1 ? `-${n}` : ''}.bak`;
    try {
      await fs.copyFile(file, target, fsConstants.COPYFILE_EXCL);
      return;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return;
      if (code !== 'EEXIST') throw error;
    }
  }
}

/** Moves a corrupt file aside as `NAME.corrupt-TIMESTAMP` and returns the new path. */
export async function quarantine(file: string): Promise<string> {
  assertOwnDataFile(file);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  let target = `${file}.corrupt-${stamp}`;
  for (let n = 2; await exists(target); n += 1) target = `${file}.corrupt-${stamp}-${n}`;
  await fs.rename(file, target);
  return target;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
