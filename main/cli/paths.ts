/** Where the command line finds its settings, browser mode's corpus and the package's own files. */
import fs from 'node:fs/promises';
import { readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The default settings folder for the command line. */
export function defaultSettingsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.QUOTEBENCH_HOME) return env.QUOTEBENCH_HOME;
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'quotebench');
}

/** Browser mode's corpus: the last one `quotebench serve` had open (its settings), else the sample. */
export function browserCorpus(sample: string, settingsDir = defaultSettingsDir()): string {
  try {
    const settings = JSON.parse(readFileSync(path.join(settingsDir, 'settings.json'), 'utf8')) as { lastCorpus?: unknown };
    const last = settings.lastCorpus;
    if (typeof last === 'string' && statSync(last).isDirectory()) return last;
  } catch {
    // No settings yet, unreadable, or the last corpus moved away: the sample corpus.
  }
  return sample;
}

/** The package root (the folder holding package.json), from this file's location in src or dist. */
export async function packageRoot(): Promise<string> {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      await fs.access(path.join(dir, 'package.json'));
      return dir;
    } catch {
      const up = path.dirname(dir);
      if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
      dir = up;
    }
  }
}
