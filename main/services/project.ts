/** `CORPUS/.quotebench/project.json`: schema, speakers, targets, settings. */
import path from 'node:path';
import { Low } from 'lowdb';
import { DEFAULT_MAX_FILE_BYTES, defaultProject, type ProjectFile } from '../../shared/model.js';
import { formatMB } from './decode.js';
import { DATA_DIR } from './corpus.js';
import { ApiError } from '../../shared/result.js';
import { CorruptFileError, DurableJSONFile, NewerVersionError, quarantine, RefusingAdapter, type Versioning } from './durable-file.js';

/**
 * project.json's schema versions (docs/FORMATS.md). Version 1 is what Quotebench has always
 * written; version 0 is a project.json without `schemaVersion` (by hand or another tool).
 */
export const PROJECT_VERSIONING: Versioning = {
  current: 1,
  migrations: [
    {
      from: 0,
      describe: 'stamps schemaVersion 1; missing speakers and targets become empty lists and missing settings the defaults',
      up: (d) => ({ ...d, speakers: d.speakers ?? [], targets: d.targets ?? [], settings: d.settings ?? {} }),
    },
  ],
};

function checkProject(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'is not a project object';
  const d = data as Partial<ProjectFile>;
  if (!d.schema || !Array.isArray(d.schema.labels)) return 'has no label schema';
  return null;
}

/** Loads the project (defaults when absent); a corrupt file is moved aside and reported. */
export async function openProject(corpusRoot: string, warn: (message: string) => void, opts: { readOnly?: boolean } = {}): Promise<Low<ProjectFile>> {
  const file = path.join(corpusRoot, DATA_DIR, 'project.json');
  let db = new Low<ProjectFile>(new DurableJSONFile(file, checkProject, PROJECT_VERSIONING), defaultProject());
  try {
    await db.read();
  } catch (error) {
    if (error instanceof NewerVersionError) {
      // Left exactly as it is: the default schema is used in memory and nothing is written to it.
      warn(`project.json ${error.reason}; it was left as it is and the default schema is used. Changes to labels, speakers and targets cannot be saved until Quotebench is updated.`);
      db = new Low<ProjectFile>(new RefusingAdapter(() => new ApiError('unsupported', `project.json ${error.reason}: not written. Update Quotebench to change labels, speakers or targets.`)), defaultProject());
      db.data = defaultProject();
      return db;
    }
    if (!(error instanceof CorruptFileError)) throw error;
    if (opts.readOnly) warn(`project.json ${error.reason}; the default schema is used.`);
    else {
      const moved = await quarantine(file);
      warn(`project.json ${error.reason}; it was moved to ${moved} and the default schema is used.`);
    }
    db.data = defaultProject();
  }
  const defaults = defaultProject();
  db.data = { ...defaults, ...db.data, settings: { ...defaults.settings, ...db.data.settings } };
  // A hand edit gone wrong ("5MB", 0, -1) would silently lift the limit or refuse every article.
  const max: unknown = db.data.settings.maxFileBytes;
  if (typeof max !== 'number' || !Number.isSafeInteger(max) || max < 1) {
    warn(`project.json: settings.maxFileBytes is ${JSON.stringify(max) ?? 'undefined'}, not a whole number of bytes above 0; the default (${formatMB(DEFAULT_MAX_FILE_BYTES)}) is used.`);
    db.data.settings = { ...db.data.settings, maxFileBytes: DEFAULT_MAX_FILE_BYTES };
  }
  return db;
}
