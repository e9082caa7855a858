import fs from 'node:fs/promises';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import schema from '../../../shared/formats/quotebench-jsonl.schema.json' with { type: 'json' };
import { codePointLength, sliceCodePoints } from '../../../shared/offsets.js';
import { loadGold } from './gold.js';

const root = path.resolve(import.meta.dirname, '..', '..', '..', 'resources', 'eval');

describe('the suggestion gold sets', () => {
  it.each([
    ['suggest-gold', 30],
    ['suggest-heldout', 10],
    ['suggest-heldout2', 8],
  ])('%s: every span is its text at its code point offsets, every quote has a speaker and a form', async (name, atLeast) => {
    // Quotebench's own format: every line is a valid Quotebench JSONL record.
    const validate = new Ajv({ allErrors: true }).compile(schema);
    for (const line of (await fs.readFile(path.join(root, name, 'gold.jsonl'), 'utf8')).split('\n').filter(Boolean)) expect(validate(JSON.parse(line)), JSON.stringify(validate.errors)).toBe(true);
    const docs = await loadGold(path.join(root, name));
    expect(docs.length).toBeGreaterThanOrEqual(atLeast);
    for (const doc of docs) {
      for (const s of doc.spans) {
        expect(s.end).toBeLessThanOrEqual(codePointLength(doc.text));
        expect(sliceCodePoints(doc.text, s.start, s.end), `${doc.docId} ${s.id}`).toBe(s.text);
        if (s.label === 'QUOTE') {
          expect(['direct', 'indirect', 'mixed']).toContain(s.form);
          expect(doc.speakers.map((sp) => sp.id)).toContain(s.speakerId);
        }
      }
    }
  });
});
