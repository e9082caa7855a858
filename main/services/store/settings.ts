/** Per-user app settings (annotator name, recent corpora, last corpus), kept outside any corpus. */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { Low, Memory } from 'lowdb';
import { CorruptFileError, DurableJSONFile, NewerVersionError, quarantine, type Versioning } from '../platform/durable-file.js';

export interface SettingsData {
  schemaVersion: 1;
  annotator: string | null;
  recent: { path: string; openedAt: string }[];
  lastCorpus: string | null;
}

export const MAX_RECENT = 10;

/** The id the renderer uses for a recent corpus instead of its path. */
export function recentId(corpusPath: string): string {
  return createHash('sha256').update(corpusPath).digest('hex').slice(0, 16);
}

/**
 * settings.json's schema versions (docs/FORMATS.md). Until version 1 the file carried no
 * version at all: every settings.json written before is version 0, with the same fields.
 */
export const SETTINGS_VERSIONING: Versioning = {
  current: 1,
  migrations: [{ from: 0, describe: 'stamps schemaVersion 1 (the fields are unchanged)', up: (d) => ({ ...d }) }],
};

function checkSettings(data: unknown): string | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'is not a settings object';
  const d = data as Partial<SettingsData>;
  if (d.annotator !== undefined && d.annotator !== null && typeof d.annotator !== 'string') return 'annotator is not a string';
  if (d.recent !== undefined && !Array.isArray(d.recent)) return 'recent is not a list';
  return null;
}

/** Loads settings; a corrupt file is moved aside and reported through `warn`, never overwritten. */
export async function openSettings(settingsDir: string, warn: (message: string) => void): Promise<Low<SettingsData>> {
  const file = path.join(settingsDir, 'settings.json');
  const defaults: SettingsData = { schemaVersion: 1, annotator: null, recent: [], lastCorpus: null };
  let db = new Low<SettingsData>(new DurableJSONFile(file, checkSettings, SETTINGS_VERSIONING), defaults);
  try {
    await db.read();
  } catch (error) {
    if (error instanceof NewerVersionError) {
      // Left as it is; this session's settings live in memory only.
      warn(`Settings file ${error.reason}; it was left as it is, defaults are used and this session's settings are not saved.`);
      db = new Low<SettingsData>(new Memory<SettingsData>(), { ...defaults });
      db.data = { ...defaults };
      return db;
    }
    if (!(error instanceof CorruptFileError)) throw error;
    const moved = await quarantine(file);
    warn(`Settings file ${error.reason}; it was moved to ${moved} and defaults are used.`);
    db.data = { ...defaults };
  }
  db.data = { ...defaults, ...db.data, recent: (db.data.recent ?? []).filter((r) => typeof r?.path === 'string') };
  return db;
}

/** Puts `corpusPath` first in the recent list (deduplicated, at most MAX_RECENT). */
export function touchRecent(data: SettingsData, corpusPath: string, now: string): void {
  data.recent = [{ path: corpusPath, openedAt: now }, ...data.recent.filter((r) => r.path !== corpusPath)].slice(0, MAX_RECENT);
  data.lastCorpus = corpusPath;
}
