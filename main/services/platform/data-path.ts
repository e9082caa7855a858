/**
 * The corpus's own data folder, `CORPUS/.quotebench/`, is written only where it really is: no
 * file or folder on the way from the corpus root to a data file may be a link (symlink or, on
 * Windows, a junction). A link there would send layers, locks or the index to some other folder,
 * and overwrite what is there. Every writer of a data file asks assertOwnDataPath first; reads of
 * derived data (the index) ask too, so nothing outside is read as if it were ours.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApiError } from '../../../shared/result.js';

/** The corpus's data folder name (as corpus.ts's DATA_DIR; kept here so this module imports nothing of the services). */
const DATA_DIR = '.quotebench';

/** A path under `.quotebench/` that goes through a link: refused, nothing written or read through it. */
export class LinkedDataPathError extends ApiError {
  constructor(
    /** The link found (absolute). */
    readonly link: string,
    /** Where it points, when that could be read. */
    readonly target: string | null,
  ) {
    super(
      'forbidden',
      `${link} is a link${target ? ` (to ${target})` : ''}. Quotebench keeps a corpus's own data only in real files and folders under .quotebench and never writes through a link; replace the link with the folder or file itself.`,
    );
    this.name = 'LinkedDataPathError';
  }
}

function isLink(st: fs.Stats): boolean {
  // A Windows junction reports as a symbolic link to lstat too.
  return st.isSymbolicLink();
}

/**
 * Throws LinkedDataPathError when any component of `file` below `corpusRoot` (the `.quotebench`
 * folder, the folders under it, the file itself) is a link; throws ApiError('forbidden') when
 * `file` is not under `corpusRoot/.quotebench` at all. Components that do not exist yet are
 * fine: they will be created as real folders. `corpusRoot` itself is not checked (the corpus is
 * opened by its real path). Synchronous: a few lstat calls, cheaper than the write they guard.
 */
export function assertOwnDataPath(corpusRoot: string, file: string): void {
  const root = path.resolve(corpusRoot);
  const rel = path.relative(root, path.resolve(file));
  const parts = rel.split(path.sep);
  if (rel === '' || path.isAbsolute(rel) || parts[0] !== DATA_DIR || parts.includes('..')) {
    throw new ApiError('forbidden', `${file} is not inside the corpus's ${DATA_DIR} folder`);
  }
  let at = root;
  for (const part of parts) {
    at = path.join(at, part);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(at);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return;
      throw error;
    }
    if (isLink(st)) {
      let target: string | null = null;
      try {
        target = fs.readlinkSync(at);
      } catch {
        target = null;
      }
      throw new LinkedDataPathError(at, target);
    }
  }
}

/**
 * The corpus root of a path under a corpus's `.quotebench/` folder (the part before its last
 * `.quotebench` component), or null for a path elsewhere (the settings folder).
 */
export function corpusRootOf(file: string): string | null {
  const parts = path.resolve(file).split(path.sep);
  const at = parts.lastIndexOf(DATA_DIR);
  if (at <= 0) return null;
  return parts.slice(0, at).join(path.sep) || path.sep;
}

/** assertOwnDataPath for a path whose corpus root is found in the path itself; nothing for a path outside any `.quotebench`. */
export function assertOwnDataFile(file: string): void {
  const root = corpusRootOf(file);
  if (root !== null) assertOwnDataPath(root, file);
}

/** The fixed entries of `.quotebench/` that Quotebench reads or writes, checked when a corpus is opened. */
const OWN_ENTRIES = ['index.json', 'project.json', 'annotations', 'locks', 'registry', 'exports'];

/**
 * Checks `.quotebench` itself, its fixed entries and every annotator's folder under
 * `annotations/` for links, when a corpus is opened: a linked data folder is refused with a clear
 * message before anything is read from it or written to it.
 */
export function assertOwnDataDir(corpusRoot: string): void {
  const dataDir = path.join(corpusRoot, DATA_DIR);
  assertOwnDataPath(corpusRoot, dataDir);
  for (const entry of OWN_ENTRIES) assertOwnDataPath(corpusRoot, path.join(dataDir, entry));
  let names: string[];
  try {
    names = fs.readdirSync(path.join(dataDir, 'annotations'));
  } catch {
    return;
  }
  for (const name of names) assertOwnDataPath(corpusRoot, path.join(dataDir, 'annotations', name));
}
