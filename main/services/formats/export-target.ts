/**
 * Where `quotebench export --out PATH` may write: never inside the corpus's own data folder
 * (`.quotebench/`: layers, registry, locks, index) and never onto an article the corpus lists,
 * whatever `--force` says; onto an existing file only with `--force`. Links are followed for the
 * check (a link to project.json is project.json), so the check is on the real place written.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { DATA_DIR, scanFiles } from '../corpus/corpus.js';

/** The real place of `p`: the nearest folder above it that exists, links resolved, and the names below it; null when none exists. */
async function realPlace(p: string): Promise<string | null> {
  let existing = path.dirname(p);
  const below = [path.basename(p)];
  for (;;) {
    try {
      return path.join(await fs.realpath(existing), ...below);
    } catch {
      const up = path.dirname(existing);
      if (up === existing) return null;
      below.unshift(path.basename(existing));
      existing = up;
    }
  }
}

/** Where the link `p` finally leads, followed link by link (a dangling one too); null for a loop. */
async function linkTarget(p: string): Promise<string | null> {
  let at = p;
  for (let hops = 0; hops < 40; hops += 1) {
    const st = await fs.lstat(at).catch(() => null);
    if (!st?.isSymbolicLink()) return at;
    const next = await realPlace(path.resolve(path.dirname(at), await fs.readlink(at)));
    if (next === null) return null;
    at = next;
  }
  return null;
}

function within(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * Why the export must not write to `out` (one sentence), or null when it may. `folder`: a brat
 * export (a folder; whether it is empty is checked by the export itself). `force`: an existing
 * file may be replaced.
 */
export async function exportTargetProblem(corpusRoot: string, out: string, opts: { force?: boolean; folder?: boolean } = {}): Promise<string | null> {
  const root = await fs.realpath(corpusRoot);
  const target = path.resolve(out);
  const real = await realPlace(target);
  if (real === null) return `the folder of ${out} does not exist`;
  const lst = await fs.lstat(real).catch(() => null);
  // A link (even a dangling one) is judged by where it leads: writing there is what --force could do.
  const pointsTo = lst?.isSymbolicLink() ? await linkTarget(real) : null;
  const dataDir = path.join(root, DATA_DIR);
  if ([real, pointsTo].some((p) => p !== null && within(dataDir, p))) {
    return `${out} is inside the corpus's own data folder (${DATA_DIR}), where its layers and registry live; choose a path outside it`;
  }
  if (!lst) return null;
  const st = await fs.stat(real).catch(() => null);
  if (st?.isFile()) {
    const { files } = await scanFiles(root);
    for (const f of files) {
      let same = f.ino !== undefined && f.dev === st.dev && f.ino === st.ino;
      if (!same && f.ino === undefined) same = await fs.stat(f.file).then((a) => a.dev === st.dev && a.ino === st.ino, () => false);
      if (same) return `${out} is ${f.kind === 'jsonl' ? 'an article dump' : 'an article'} of the corpus (${f.id}); an export never replaces one`;
    }
  }
  if (opts.folder) return st?.isDirectory() ? null : `${out} exists and is not a folder; brat writes a new or empty folder`;
  if (st?.isDirectory()) return `${out} is a folder; give the path of the file to write`;
  if (!opts.force) return `${out} already exists; give --force to replace it`;
  return null;
}

/**
 * Puts the finished temp file `tmp` at `target`. Without `replace`, never over an existing file,
 * even one that appeared since the check (a hard link fails when the name is taken); where the
 * file system has no hard links, a rename after a last check.
 */
export async function placeExport(tmp: string, target: string, replace: boolean): Promise<void> {
  if (replace) return fs.rename(tmp, target);
  try {
    await fs.link(tmp, target);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      await fs.rm(tmp, { force: true });
      throw new Error(`${target} appeared while exporting; nothing was replaced (give --force to replace it)`);
    }
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw error;
    if (await fs.lstat(target).then(() => true, () => false)) {
      await fs.rm(tmp, { force: true });
      throw new Error(`${target} appeared while exporting; nothing was replaced (give --force to replace it)`);
    }
    return fs.rename(tmp, target);
  }
  await fs.rm(tmp, { force: true });
}

/** A unique temp name beside `target` (same folder, so the final rename or link stays on one file system). */
export function tempBeside(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}
