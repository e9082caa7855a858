/**
 * The bundled sample corpus (README's `npm start` opens it) keeps every hard case issue 2 names:
 * six to ten short articles with curly and straight quotes, a quote inside a quote, an anonymous
 * source, one person spelled two ways, a quote over two paragraphs, a skin-toned emoji in a
 * reader comment, a CRLF file and a file that is not UTF-8.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Corpus } from './corpus/corpus.js';
import { DEFAULT_MAX_FILE_BYTES } from '../../shared/model.js';

const root = path.join(import.meta.dirname, '..', '..', 'resources', 'sample-corpus');

describe('the sample corpus', () => {
  it('holds six to ten short articles covering every hard case, and the files that cannot be annotated', async () => {
    const corpus = await Corpus.open(root, DEFAULT_MAX_FILE_BYTES);
    const { docs, skipped } = await corpus.describe();
    expect(docs.length).toBeGreaterThanOrEqual(6);
    expect(docs.length).toBeLessThanOrEqual(10);
    const texts = new Map<string, string>();
    for (const d of docs) {
      const { text } = await corpus.readText(d.id);
      expect(Array.from(text).length, d.id).toBeLessThan(3000);
      texts.set(d.id, text);
    }
    const all = [...texts.values()].join('\n');
    const some = (what: string, test: (text: string) => boolean) => expect([...texts.values()].some(test), what).toBe(true);
    some('curly quotation marks', (t) => /“[^”]+”/.test(t));
    some('straight quotation marks', (t) => /"[^"\n]+"/.test(t));
    some('a quote inside a quote', (t) => /“[^”]*‘[^’]+’[^”]*”/.test(t));
    some('an anonymous source', (t) => /not to be named|condition of anonymity/.test(t));
    expect(all, 'one person spelled two ways').toMatch(/Qureshi/);
    expect(all, 'one person spelled two ways').toMatch(/Qureishi/);
    // A quote running over paragraphs: the first paragraph opens it and does not close it, the next opens again.
    some('a quote over two paragraphs', (t) => t.split(/\r?\n/).some((p, i, ps) => p.startsWith('“') && !p.includes('”') && (ps[i + 1] ?? '').startsWith('“')));
    some('a skin-toned emoji in a reader comment', (t) => /Reader comments[\s\S]*\p{Emoji_Modifier_Base}\p{Emoji_Modifier}/u.test(t));
    some('a CRLF file, kept as it is', (t) => t.includes('\r\n'));
    expect(skipped.map((s) => s.reason)).toContain('not-utf8');
    // The files on disk, byte for byte: the CRLF survives a checkout (.gitattributes keeps it).
    const crlf = [...texts].find(([, t]) => t.includes('\r\n'))![0];
    expect((await fs.readFile(path.join(root, crlf))).includes(Buffer.from('\r\n'))).toBe(true);
  });
});
