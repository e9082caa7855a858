/**
 * `npm run docs:keys`: writes the user guide's key table (docs/USER-GUIDE.md, between the
 * keys markers) from the renderer's binding table. `--check` only says whether it is current.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { guideKeyTable, withKeyTable } from '../renderer/src/features/keymap/guide-table.js';

/** The user guide this script keeps current. */
export const GUIDE = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'USER-GUIDE.md');

/** The guide as it should read: its own text with the generated key table. */
export async function expectedGuide(): Promise<{ current: string; expected: string }> {
  const current = await fs.readFile(GUIDE, 'utf8');
  return { current, expected: withKeyTable(current, guideKeyTable()) };
}

async function main(): Promise<void> {
  const { current, expected } = await expectedGuide();
  if (process.argv.includes('--check')) {
    if (current !== expected) {
      console.error('docs/USER-GUIDE.md: the key table is out of date; run npm run docs:keys');
      process.exitCode = 1;
    }
    return;
  }
  if (current !== expected) await fs.writeFile(GUIDE, expected);
  console.log(current === expected ? 'docs/USER-GUIDE.md: key table already current' : 'docs/USER-GUIDE.md: key table written');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
