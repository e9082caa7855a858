/**
 * The project: `CORPUS/.quotebench/project.json` (settings, and the registry as it stood when the
 * project began) plus the registry logs `CORPUS/.quotebench/registry/NAME.jsonl`, one per writer,
 * folded into the registry every process shows (shared/registry.ts). Quotebench never rewrites
 * project.json's registry: a change is one line appended to the changing annotator's own log,
 * under that annotator's layer lock, so no file here has two writers.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_MAX_FILE_BYTES, defaultProject, type ProjectFile } from '../../../shared/model.js';
import { foldRegistry, nextClock, parseRegistryLog, registryChangeSchema, registryLine, type FoldNotice, type RegistryChange, type RegistryEvent, type RegistryState } from '../../../shared/registry.js';
import { ANNOTATOR_NAME_RE, projectFileSchema } from '../../../shared/schemas.js';
import { formatMB } from '../corpus/decode.js';
import { DATA_DIR } from '../corpus/corpus.js';
import { ApiError } from '../../../shared/result.js';
import { CorruptFileError, DurableJSONFile, NewerVersionError, quarantine, writeFileDurable, type Versioning } from '../platform/durable-file.js';
import { acquireLayerLock, assertLayerLockHeld } from './layer-lock.js';
import { assertOwnDataPath } from '../platform/data-path.js';

/**
 * project.json's schema versions (docs/FORMATS.md). Version 0 is a project.json without
 * `schemaVersion`; version 1 held the registry and was rewritten on every change; version 2
 * holds the registry as it stood when the logs began, and is never rewritten by Quotebench.
 */
export const PROJECT_VERSIONING: Versioning = {
  current: 2,
  migrations: [
    {
      from: 0,
      describe: 'stamps schemaVersion 1; missing speakers and targets become empty lists and missing settings the defaults',
      up: (d) => ({ ...d, speakers: d.speakers ?? [], targets: d.targets ?? [], settings: d.settings ?? {} }),
    },
    {
      from: 1,
      describe: 'stamps schemaVersion 2: the registry it holds becomes the base that the registry logs (registry/NAME.jsonl) are folded onto; it is not rewritten again',
      up: (d) => d,
    },
  ],
};

/** The registry logs' folder. */
export function registryDir(corpusRoot: string): string {
  return path.join(corpusRoot, DATA_DIR, 'registry');
}

/** One writer's registry log. */
export function registryLogFile(corpusRoot: string, writer: string): string {
  return path.join(registryDir(corpusRoot), `${writer}.jsonl`);
}

/**
 * project.json's shape, checked by the same definition as everything else (shared/schemas.ts).
 * Settings are left to openProject, which names a bad hand-edited value and uses the default
 * instead of setting the whole file aside.
 */
function checkProject(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'is not a project object';
  const checked = projectFileSchema.safeParse({ ...data, settings: { maxFileBytes: 1 } });
  if (checked.success) return null;
  const issue = checked.error.issues[0];
  return `has ${issue?.path.length ? `a bad ${issue.path.join('.')}` : 'a bad shape'} (${issue?.message ?? 'invalid'})`;
}

/** What this process has read of one log: where it stopped (bytes, after the last complete line) and the file it read. */
interface LogState {
  ino: number;
  offset: number;
  lines: number;
  events: RegistryEvent[];
}

/** How many logs and lines a fold used, and the problems met reading them. */
export interface RegistryStats {
  writers: number;
  changes: number;
}

/**
 * The project as every process sees it: `data` is project.json with the registry folded from
 * every log (re-read by `refresh()`, which reads only what was appended since), and `change()`
 * appends to the writer's own log.
 */
export class ProjectRegistry {
  /** The current project: settings from project.json, registry folded from base and logs. Replaced (never mutated) on change. */
  data: ProjectFile;
  /** Goes up by one each time the folded registry changes. */
  revision = 0;
  private logs = new Map<string, LogState>();
  private notices: FoldNotice[] = [];
  private reported = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly corpusRoot: string,
    private readonly base: ProjectFile,
    private readonly opts: { readOnly?: boolean; refusal?: () => ApiError; warn: (message: string) => void; baseExists: boolean },
  ) {
    this.data = base;
    this.readLogs();
    this.data = this.fold();
  }

  /** Every change read from every log. */
  private allEvents(): RegistryEvent[] {
    const out: RegistryEvent[] = [];
    for (const log of this.logs.values()) for (const e of log.events) out.push(e);
    return out;
  }

  private fold(notices?: { since: (e: RegistryEvent) => boolean; out: FoldNotice[] }): ProjectFile {
    const baseState: RegistryState = { schema: this.base.schema, speakers: this.base.speakers, targets: this.base.targets, speakerRedirects: this.base.speakerRedirects };
    const folded = foldRegistry(baseState, this.allEvents(), notices);
    const out: ProjectFile = { ...this.base, ...folded };
    if (!folded.speakerRedirects) delete out.speakerRedirects;
    return out;
  }

  /** Reads what was appended to every log since the last read; answers the changes that are new. Synchronous: logs are read a tail at a time. */
  private readLogs(): RegistryEvent[] {
    const dir = registryDir(this.corpusRoot);
    let names: fs.Dirent[];
    try {
      names = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      names = [];
    }
    const fresh: RegistryEvent[] = [];
    const present = new Set<string>();
    for (const entry of names) {
      if (!entry.name.endsWith('.jsonl')) continue;
      const writer = entry.name.slice(0, -'.jsonl'.length);
      // Only plain files with an annotator's name: a link could lead outside the corpus.
      if (!entry.isFile() || !ANNOTATOR_NAME_RE.test(writer)) {
        this.reportOnce(`${entry.name}:link`, `registry/${entry.name} is not a plain file named after an annotator; it was not read.`);
        continue;
      }
      present.add(writer);
      const file = path.join(dir, entry.name);
      let fd: number;
      try {
        fd = fs.openSync(file, 'r');
      } catch (error) {
        this.reportOnce(`${entry.name}:open`, `registry/${entry.name} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
        continue;
      }
      try {
        const st = fs.fstatSync(fd);
        let log = this.logs.get(writer);
        if (!log || log.ino !== st.ino || st.size < log.offset) {
          // New, replaced (a checkout, a restore) or cut shorter: read it again from the start.
          log = { ino: st.ino, offset: 0, lines: 0, events: [] };
          this.logs.set(writer, log);
        }
        if (st.size === log.offset) continue;
        const buf = Buffer.alloc(st.size - log.offset);
        const n = fs.readSync(fd, buf, 0, buf.length, log.offset);
        const complete = buf.subarray(0, n).lastIndexOf(0x0a) + 1;
        if (complete === 0) continue;
        const text = buf.subarray(0, complete).toString('utf8');
        const parsed = parseRegistryLog(writer, text, log.lines + 1);
        for (const p of parsed.problems) this.reportOnce(`${entry.name}:${p.line}`, `registry/${entry.name} line ${p.line} ${p.message}; it was left out.`);
        log.events.push(...parsed.events);
        fresh.push(...parsed.events);
        log.offset += complete;
        log.lines += text.split('\n').length - 1;
      } finally {
        fs.closeSync(fd);
      }
    }
    for (const writer of [...this.logs.keys()]) if (!present.has(writer)) this.logs.delete(writer);
    return fresh;
  }

  private reportOnce(key: string, message: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.opts.warn(message);
  }

  /**
   * Reads the logs again (only what was appended) and folds them when anything changed.
   * Answers true when the registry changed; what others did that people should hear of is
   * kept for `takeNotices`.
   */
  async refresh(self?: string): Promise<boolean> {
    return this.refreshSync(self);
  }

  private refreshSync(self?: string): boolean {
    const before = new Set(this.logs.keys());
    const sizes = [...this.logs.values()].map((l) => `${l.ino}:${l.offset}`).join();
    const fresh = this.readLogs();
    const after = [...this.logs.values()].map((l) => `${l.ino}:${l.offset}`).join();
    if (fresh.length === 0 && sizes === after && before.size === this.logs.size) return false;
    const freshSet = new Set(fresh);
    const next = this.fold({ since: (e) => freshSet.has(e) && e.writer !== self, out: this.notices });
    if (JSON.stringify(next) === JSON.stringify(this.data)) return false;
    this.data = next;
    this.revision += 1;
    return true;
  }

  /** What others changed since the last call (a merge, a deletion), once. */
  takeNotices(): FoldNotice[] {
    const out = this.notices;
    this.notices = [];
    return out;
  }

  /** How many writers and changes the registry is folded from. */
  stats(): RegistryStats {
    let changes = 0;
    for (const l of this.logs.values()) changes += l.events.length;
    return { writers: this.logs.size, changes };
  }

  /**
   * Records `changes` as `writer` and folds them in: every change is checked with the same
   * schema the API uses, the writer's layer lock is taken (one writer per log), the logs are
   * read again first (so the clock is past every change this process can see), and the lines
   * are on disk (fsync) before this resolves.
   */
  async change(writer: string, changes: readonly RegistryChange[]): Promise<ProjectFile> {
    const run = async (): Promise<ProjectFile> => {
      if (this.opts.refusal) throw this.opts.refusal();
      if (this.opts.readOnly) throw new ApiError('forbidden', 'The project is open read-only here');
      if (!ANNOTATOR_NAME_RE.test(writer)) throw new ApiError('invalid-args', `Not an annotator name: ${JSON.stringify(writer).slice(0, 80)}`);
      for (const c of changes) {
        const checked = registryChangeSchema.safeParse(c);
        if (!checked.success) {
          const issue = checked.error.issues[0];
          throw new ApiError('invalid-args', `Registry change ${c.op}: ${issue?.path.join('.') || ''} ${issue?.message ?? 'invalid'}`.trim());
        }
      }
      if (changes.length === 0) return this.data;
      await acquireLayerLock(this.corpusRoot, writer);
      this.refreshSync(writer);
      await this.ensureBase();
      const file = registryLogFile(this.corpusRoot, writer);
      await fsp.mkdir(path.dirname(file), { recursive: true });
      const own = this.logs.get(writer);
      let clock = nextClock(this.allEvents());
      let seq = (own?.events.at(-1)?.seq ?? 0) + 1;
      const at = new Date().toISOString();
      const lines: string[] = [];
      for (const c of changes) lines.push(registryLine({ clock: clock++, seq: seq++, at }, c));
      // Right before the append: this process must still be the log's one writer, and no link may lead the log elsewhere.
      assertLayerLockHeld(this.corpusRoot, writer);
      assertOwnDataPath(this.corpusRoot, file);
      const handle = await fsp.open(file, 'a+');
      try {
        const st = await handle.stat();
        // A line cut short by a crash of this log's writer is not part of the log: cut it off first.
        const complete = own && own.ino === st.ino ? own.offset : st.size === 0 ? 0 : await lastNewline(handle, st.size);
        if (complete < st.size) await handle.truncate(complete);
        await handle.write(lines.join('\n') + '\n');
        await handle.sync();
      } finally {
        await handle.close();
      }
      this.refreshSync(writer);
      return this.data;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** project.json is written once, when the first change is recorded (created exclusively: never replaced). */
  private async ensureBase(): Promise<void> {
    if (this.opts.baseExists) return;
    const file = path.join(this.corpusRoot, DATA_DIR, 'project.json');
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const tmp = path.join(path.dirname(file), `.project.json.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    await writeFileDurable(tmp, JSON.stringify(this.base, null, 2) + '\n');
    try {
      await fsp.link(tmp, file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      await fsp.rm(tmp, { force: true });
    }
    this.opts.baseExists = true;
  }
}

/** The byte offset just after the last newline in the first `size` bytes (0 when none). */
async function lastNewline(handle: fsp.FileHandle, size: number): Promise<number> {
  const chunk = Math.min(size, 64 * 1024);
  for (let end = size; end > 0; end -= chunk) {
    const start = Math.max(0, end - chunk);
    const buf = Buffer.alloc(end - start);
    await handle.read(buf, 0, buf.length, start);
    const i = buf.lastIndexOf(0x0a);
    if (i >= 0) return start + i + 1;
  }
  return 0;
}

/**
 * Migrates an older project.json to the current version on disk, once: under an exclusive
 * migration lock, read again, backed up (`project.json.vN-TIMESTAMP.bak`), written. Another
 * process migrating at the same moment leaves it to that one.
 */
async function migrateOnDisk(file: string): Promise<void> {
  const lock = path.join(path.dirname(file), 'locks', 'project-migration.lock');
  await fsp.mkdir(path.dirname(lock), { recursive: true });
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(lock, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const age = Date.now() - (await fsp.stat(lock).catch(() => ({ mtimeMs: Date.now() }))).mtimeMs;
    // A migration takes milliseconds: a lock this old is a crash's leftover. Renaming it away is atomic (one process wins); the next start migrates.
    if (age > 60_000) await fsp.rename(lock, `${lock}.stale-${process.pid}-${randomBytes(4).toString('hex')}`).catch(() => undefined);
    return;
  }
  try {
    await handle.close();
    const adapter = new DurableJSONFile<ProjectFile>(file, checkProject, PROJECT_VERSIONING);
    const data = await adapter.read(); // read again under the lock
    if (data && adapter.migrated()) await adapter.write(data);
  } finally {
    await fsp.rm(lock, { force: true });
  }
}

/**
 * Opens the project: project.json (defaults when absent) with the registry logs folded in. A
 * corrupt project.json is moved aside and reported (left as it is when `readOnly`); a newer one
 * is left as it is, and changes are refused. An older one is migrated on disk once (not when
 * `readOnly`), with a backup.
 */
export async function openProject(corpusRoot: string, warn: (message: string) => void, opts: { readOnly?: boolean } = {}): Promise<ProjectRegistry> {
  const file = path.join(corpusRoot, DATA_DIR, 'project.json');
  const adapter = new DurableJSONFile<ProjectFile>(file, checkProject, PROJECT_VERSIONING);
  let base: ProjectFile | null = null;
  let refusal: (() => ApiError) | undefined;
  let baseExists = fs.existsSync(file);
  try {
    base = await adapter.read();
  } catch (error) {
    if (error instanceof NewerVersionError) {
      // Left exactly as it is: the default schema is used in memory and nothing is written.
      warn(`project.json ${error.reason}; it was left as it is and the default schema is used. Changes to labels, speakers and targets cannot be saved until Quotebench is updated.`);
      refusal = () => new ApiError('unsupported', `project.json ${error.reason}: not written. Update Quotebench to change labels, speakers or targets.`);
      const p = defaultProject();
      return new ProjectRegistry(corpusRoot, p, { readOnly: opts.readOnly, refusal, warn, baseExists: true });
    }
    if (!(error instanceof CorruptFileError)) throw error;
    if (opts.readOnly) warn(`project.json ${error.reason}; the default schema is used.`);
    else {
      const moved = await quarantine(file);
      baseExists = false;
      warn(`project.json ${error.reason}; it was moved to ${moved} and the default schema is used.`);
    }
    base = null;
  }
  if (base && adapter.migrated() && !opts.readOnly) await migrateOnDisk(file);
  const defaults = defaultProject();
  const p: ProjectFile = { ...defaults, ...(base ?? {}), schemaVersion: 2, settings: { ...defaults.settings, ...(base?.settings ?? {}) } };
  // A hand edit gone wrong ("5MB", 0, -1) would silently lift the limit or refuse every article.
  const max: unknown = p.settings.maxFileBytes;
  if (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 1) {
    warn(`project.json: settings.maxFileBytes is ${JSON.stringify(max) ?? 'undefined'}, not a whole number of bytes above 0; the default (${formatMB(DEFAULT_MAX_FILE_BYTES)}) is used.`);
    p.settings = { ...p.settings, maxFileBytes: DEFAULT_MAX_FILE_BYTES };
  }
  return new ProjectRegistry(corpusRoot, p, { readOnly: opts.readOnly, refusal, warn, baseExists });
}

/** The project as a process opening the corpus now would see it (read-only, nothing written): for the CLI, tests and tools. */
export async function readProject(corpusRoot: string): Promise<ProjectFile> {
  return (await openProject(corpusRoot, () => undefined, { readOnly: true })).data;
}
