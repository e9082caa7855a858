/** `CORPUS/.quotebench/project.json`: schema, speakers, targets, settings. */
import path from 'node:path';
import { Low } from 'lowdb';
import { defaultProject, type ProjectFile } from '../../shared/model.js';
import { DATA_DIR } from './corpus.js';
import { CorruptFileError, DurableJSONFile, quarantine } from './durable-file.js';

function checkProject(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'is not a project object';
  const d = data as Partial<ProjectFile>;
  if (typeof d.schemaVersion === 'number' && d.schemaVersion > 1) return `was written by a newer Quotebench (schema version ${d.schemaVersion})`;
  if (!d.schema || !Array.isArray(d.schema.labels)) return 'has no label schema';
  return null;
}

/** Loads the project (defaults when absent); a corrupt file is moved aside and reported. */
export async function openProject(corpusRoot: string, warn: (message: string) => void, opts: { readOnly?: boolean } = {}): Promise<Low<ProjectFile>> {
  const file = path.join(corpusRoot, DATA_DIR, 'project.json');
  const db = new Low<ProjectFile>(new DurableJSONFile(file, checkProject), defaultProject());
  try {
    await db.read();
  } catch (error) {
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
  return db;
}
