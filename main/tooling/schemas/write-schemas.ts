/**
 * `npm run schemas`: writes the published JSON Schemas (shared/formats/*.schema.json) from the zod
 * definitions in shared/schemas.ts. `--check` writes nothing and exits 1 when a checked-in file
 * differs (main/tooling/schemas/write-schemas.test.ts runs the same comparison in the unit suite).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PUBLISHED_SCHEMAS, publishedJsonSchema } from '../../../shared/schemas.js';

/** The folder the published schemas live in. */
export const FORMATS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'formats');

/** The published files that differ from what the definitions generate (all of them when `write`, after writing). */
export function writeSchemas(opts: { write: boolean; dir?: string }): string[] {
  const dir = opts.dir ?? FORMATS_DIR;
  const stale: string[] = [];
  for (const file of Object.keys(PUBLISHED_SCHEMAS) as (keyof typeof PUBLISHED_SCHEMAS)[]) {
    const target = path.join(dir, file);
    const wanted = publishedJsonSchema(file);
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
    if (current === wanted) continue;
    stale.push(file);
    if (opts.write) fs.writeFileSync(target, wanted);
  }
  return stale;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const changed = writeSchemas({ write: !check });
  if (check && changed.length > 0) {
    console.error(`Out of date (run npm run schemas): ${changed.join(', ')}`);
    process.exit(1);
  }
  console.log(changed.length === 0 ? 'The published schemas are up to date.' : `${check ? 'Out of date' : 'Wrote'}: ${changed.join(', ')}`);
}
