/**
 * A lowdb adapter whose writes are atomic and durable: a unique temp file in the same folder,
 * fsync, rename over the target, fsync of the folder. lowdb's own JSONFile renames without
 * fsync (not durable against power loss) and uses a fixed temp name (two writers collide).
 */
import { randomBytes } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

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

/** Writes `data` to `file` atomically and durably. */
export async function writeFileDurable(file: string, data: string): Promise<void> {
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

/** lowdb adapter over one JSON file, with an optional shape check on read. */
export class DurableJSONFile<T> implements Adapter<T> {
  constructor(
    readonly file: string,
    private readonly check?: (data: unknown) => string | null,
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
    const problem = this.check?.(data) ?? null;
    if (problem) throw new CorruptFileError(this.file, problem);
    return data as T;
  }

  async write(data: T): Promise<void> {
    await writeFileDurable(this.file, JSON.stringify(data, null, 2) + '\n');
  }
}

/** Moves a corrupt file aside as `NAME.corrupt-TIMESTAMP` and returns the new path. */
export async function quarantine(file: string): Promise<string> {
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
