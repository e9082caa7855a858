import { promises as fs } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BINDINGS, isDispatched } from '../renderer/src/features/keymap/bindings.js';
import { expectedGuide } from './docs-keys.js';

const FEATURES = path.join(import.meta.dirname, '..', 'renderer', 'src', 'features');

async function sources(dir: string): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(full)));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push({ file: path.relative(FEATURES, full), text: await fs.readFile(full, 'utf8') });
  }
  return out;
}

describe('the keymap and the guide', () => {
  it('the user guide’s key table is the one the binding table generates (npm run docs:keys)', async () => {
    const { current, expected } = await expectedGuide();
    expect(current === expected, 'docs/USER-GUIDE.md: the key table is out of date; run npm run docs:keys').toBe(true);
  });

  it('every dispatched binding has a handler in some feature, and only the keymap listens to keydown on window', async () => {
    const files = await sources(FEATURES);
    const all = files.map((f) => f.text).join('\n');
    const missing = BINDINGS.filter(isDispatched).filter((b) => !all.includes(`'${b.id}':`));
    expect(missing.map((b) => b.id)).toEqual([]);
    const listeners = files.filter((f) => /addEventListener\(\s*'keydown'/.test(f.text)).map((f) => f.file);
    expect(listeners).toEqual([path.join('keymap', 'KeymapProvider.tsx')]);
  });
});
