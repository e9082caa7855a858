import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import { beforeEach, describe, expect, it } from 'vitest';
import schema from '../../shared/formats/quotebench-jsonl.schema.json' with { type: 'json' };
import { articleKey, indexDump } from './corpus/article-dump.js';
import { createApp } from './app.js';
import { Corpus } from './corpus/corpus.js';
import { runQuotebench } from '../tooling/testing/run-cli.js';

/** A dump as scrapers write it: ids, titles, meta, an emoji before the quote, CRLF inside one text, and bad lines. */
const A1 = { id: 'dawn-101', title: 'Talks resume', text: 'Talks resume\n👍🏽 “We will talk,” the envoy said.', meta: { url: 'https://example.org/101', date: '2011-10-02' } };
const A2 = { id: 'https://example.org/news/7', text: 'Second line one.\r\nA spokesman said: “No comment.”' };
const A3 = { meta: { id: 42 }, text: 'Only meta.id here.' };
const A4 = { text: 'No id at all.' };
const DUMP = [
  JSON.stringify(A1),
  JSON.stringify(A2),
  '',
  '{"id": "broken", "text": ',
  JSON.stringify(A3),
  JSON.stringify({ id: 'dawn-101', text: 'a second line with the same id' }),
  JSON.stringify(A4),
  JSON.stringify({ id: 'no-text' }),
  JSON.stringify({ id: 'blank', text: '  \n ' }),
  '',
].join('\n');

describe('article dumps (.jsonl in the corpus)', () => {
  it('indexes every line: ids from id, meta.id or the line number; bad lines listed apart with their line', () => {
    const index = indexDump('dumps/feed.jsonl', Buffer.from(DUMP, 'utf8'), 5 * 1024 * 1024);
    expect(index.articles.map((a) => [a.id, a.line, a.title, a.length, a.sourceId])).toEqual([
      ['dumps/feed.jsonl/dawn-101', 1, 'Talks resume', 47, 'dawn-101'],
      ['dumps/feed.jsonl/https___example.org_news_7', 2, 'Second line one.', 49, 'https://example.org/news/7'],
      ['dumps/feed.jsonl/42', 5, 'Only meta.id here.', 18, '42'],
      ['dumps/feed.jsonl/line-7', 7, 'No id at all.', 13, undefined],
    ]);
    expect(index.articles[0]!.meta).toEqual(A1.meta);
    expect(index.skipped.map((s) => [s.id, s.reason])).toEqual([
      ['dumps/feed.jsonl line 4', 'malformed'],
      ['dumps/feed.jsonl line 6', 'duplicate'],
      ['dumps/feed.jsonl line 8', 'malformed'],
      ['dumps/feed.jsonl line 9', 'empty'],
    ]);
    expect(index.skipped[1]!.message).toBe('the id "dawn-101" is used by line 1 already');
    expect(index.skipped[2]!.message).toBe('has no "text" string');
  });

  it('keeps ids file systems can hold, and falls back to the line number', () => {
    expect(articleKey('a/b\\c:d', 3)).toBe('a_b_c_d');
    expect(articleKey('..', 3)).toBe('line-3');
    expect(articleKey('.hidden', 4)).toBe('line-4');
    expect(articleKey('ends with dots..', 5)).toBe('ends with dots');
    expect(articleKey(undefined, 6)).toBe('line-6');
  });

  it('lists a Quotebench export saved into the corpus apart as a whole, instead of doubling the corpus', () => {
    const line = JSON.stringify({ id: 'a.txt', text: 'A plain article.', meta: { path: 'a.txt', sha256: 'f'.repeat(64) }, annotator: 'ana', status: 'done', spans: [], relations: [] });
    const index = indexDump('maria.jsonl', Buffer.from(`${line}\n${line}\n`), 1000);
    expect(index.articles).toEqual([]);
    expect(index.skipped.map((s) => [s.id, s.reason])).toEqual([['maria.jsonl', 'malformed']]);
    expect(index.skipped[0]!.message).toMatch(/^a Quotebench export \(line 1 has annotator, spans and meta.sha256\), not an article dump/);
  });

  it('lists a binary dump, an empty one and an oversized article apart', () => {
    expect(indexDump('x.jsonl', Buffer.from([0x7b, 0, 0x7d]), 100).skipped.map((s) => s.reason)).toEqual(['binary']);
    expect(indexDump('x.jsonl', Buffer.from('\n\n'), 100).skipped.map((s) => s.reason)).toEqual(['empty']);
    expect(indexDump('x.jsonl', Buffer.from(JSON.stringify({ id: 'big', text: 'x'.repeat(200) })), 100).skipped.map((s) => s.reason)).toEqual(['too-large']);
    expect(indexDump('x.jsonl', Buffer.from([0x7b, 0xff, 0x7d]), 100).skipped[0]).toMatchObject({ id: 'x.jsonl line 1', reason: 'not-utf8' });
  });

  describe('in a corpus', () => {
    let dir: string;
    let corpus: string;
    const run = runQuotebench;

    beforeEach(async () => {
      dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-dump-'));
      corpus = path.join(dir, 'corpus');
      await fs.mkdir(path.join(corpus, 'dumps'), { recursive: true });
      await fs.writeFile(path.join(corpus, 'a.txt'), 'A plain article.\n');
      await fs.writeFile(path.join(corpus, 'dumps', 'feed.jsonl'), '\uFEFF' + DUMP);
    });

    it('lists articles beside .txt files, reads each line\'s text exactly, and re-indexes a changed dump', async () => {
      const c = await Corpus.open(corpus, 5 * 1024 * 1024);
      const { docs, skipped } = await c.describe();
      expect(docs.map((d) => d.id)).toEqual(['a.txt', 'dumps/feed.jsonl/dawn-101', 'dumps/feed.jsonl/https___example.org_news_7', 'dumps/feed.jsonl/42', 'dumps/feed.jsonl/line-7']);
      expect(skipped).toHaveLength(4);
      const doc = await c.readText('dumps/feed.jsonl/https___example.org_news_7');
      expect(doc.text).toBe(A2.text);
      expect(doc.source).toEqual({ file: 'dumps/feed.jsonl', line: 2, id: 'https://example.org/news/7' });
      // A line added at the front moves every article; reading one finds it again by its id.
      await fs.writeFile(path.join(corpus, 'dumps', 'feed.jsonl'), JSON.stringify({ id: 'new', text: 'New first.' }) + '\n' + DUMP);
      expect((await c.readText('dumps/feed.jsonl/dawn-101')).source?.line).toBe(2);
      await expect(c.readText('dumps/feed.jsonl/nope')).rejects.toThrow(/No document/);
    });

    it('annotates an article, stats and exports it with its id and source; brat out and in again', async () => {
      const docId = 'dumps/feed.jsonl/dawn-101';
      const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
      await app.dispatch('setAnnotator', { name: 'ana' });
      const listed = await app.dispatch('listDocuments', {});
      expect(listed.ok && (listed.value as { documents: { id: string }[] }).documents.map((d) => d.id)).toContain(docId);
      const quote = '“We will talk,”';
      const start = Array.from(A1.text.slice(0, A1.text.indexOf(quote))).length;
      const made = await app.dispatch('createSpan', { docId, start, end: start + Array.from(quote).length, label: 'QUOTE' });
      expect(made.ok).toBe(true);
      await app.close();
      const onDisk = JSON.parse(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'ana', 'dumps', 'feed.jsonl', 'dawn-101.json'), 'utf8'));
      expect(onDisk.spans[0]).toMatchObject({ docId, start: 16, end: 31, quote });

      const stats = JSON.parse((await run('stats', corpus, '--json')).out);
      expect(stats.documents).toBe(5);
      expect(stats.annotators[0]).toMatchObject({ name: 'ana', spans: 1, byLabel: { QUOTE: 1 } });
      expect(stats.skipped.map((s: { id: string }) => s.id)).toContain('dumps/feed.jsonl line 4');

      const out = path.join(dir, 'out.jsonl');
      expect((await run('export', corpus, '--format', 'jsonl', '--annotator', 'ana', '--out', out)).code).toBe(0);
      const record = JSON.parse((await fs.readFile(out, 'utf8')).trim());
      expect(record.id).toBe(docId);
      expect(record.meta).toMatchObject({ path: 'dumps/feed.jsonl', line: 1, sourceId: 'dawn-101', sourceMeta: A1.meta });
      const ajv = new Ajv({ allErrors: true, strict: false });
      expect(ajv.validate(schema, record), JSON.stringify(ajv.errors)).toBe(true);
      const py = 'import json,sys\nr=json.loads(open(sys.argv[1]).read())\nfor s in r["spans"]:\n    assert r["text"][s["start"]:s["end"]]==s["text"]\nprint(r["spans"][0]["text"])';
      expect(execFileSync('python3', ['-c', py, out], { encoding: 'utf8' }).trim()).toBe(quote);

      // brat writes DOC.txt + DOC.ann beside the article's id and reads them back into a new layer.
      const brat = path.join(dir, 'brat');
      expect((await run('export', corpus, '--format', 'brat', '--annotator', 'ana', '--out', brat)).code).toBe(0);
      expect(await fs.readFile(path.join(brat, 'dumps', 'feed.jsonl', 'dawn-101.txt'), 'utf8')).toBe(A1.text);
      const back = await run('import', corpus, '--format', 'brat', '--annotator', 'bea', brat);
      expect(back.err).toBe('');
      expect(back.out).toMatch(/^Imported into bea: 1 documents, 1 spans/);
      // And the JSONL export imports back by id.
      expect((await run('import', corpus, '--format', 'jsonl', '--annotator', 'cai', out)).out).toMatch(/^Imported into cai: 1 documents, 1 spans/);
    });
  });
});
