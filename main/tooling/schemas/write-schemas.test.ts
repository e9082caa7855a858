import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_SCHEMAS, publishedJsonSchema } from '../../../shared/schemas.js';
import { FORMATS_DIR, writeSchemas } from './write-schemas.js';

describe('published JSON Schemas', () => {
  it('are exactly what npm run schemas generates from shared/schemas.ts', () => {
    for (const file of Object.keys(PUBLISHED_SCHEMAS) as (keyof typeof PUBLISHED_SCHEMAS)[]) {
      expect(fs.readFileSync(path.join(FORMATS_DIR, file), 'utf8'), `${file} is stale: run npm run schemas`).toBe(publishedJsonSchema(file));
    }
    expect(writeSchemas({ write: false })).toEqual([]);
  });

  it('reports and rewrites a file that was edited by hand', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qb-schemas-'));
    fs.writeFileSync(path.join(dir, 'quotebench-jsonl.schema.json'), '{"edited": true}\n');
    expect(writeSchemas({ write: false, dir })).toEqual(['quotebench-jsonl.schema.json', 'quotes-table.schema.json']);
    expect(writeSchemas({ write: true, dir })).toEqual(['quotebench-jsonl.schema.json', 'quotes-table.schema.json']);
    expect(writeSchemas({ write: false, dir })).toEqual([]);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'quotebench-jsonl.schema.json'), 'utf8'))).toMatchObject({
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'https://quotebench.invalid/schemas/quotebench-jsonl.schema.json',
      title: 'Quotebench JSONL record (one line per document)',
    });
  });
});
