import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';

const OLD = 'The minister said “we stay” on Monday. Critics said “we go” later.\n';
const cp = (text: string, needle: string) => Array.from(text.slice(0, text.indexOf(needle))).length;

describe('changed source text', () => {
  it('re-anchors spans after the article changed, orphans the one whose text is gone, and lets the analyst place or delete it', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-anchor-'));
    const corpus = path.join(dir, 'corpus');
    await fs.mkdir(corpus);
    await fs.writeFile(path.join(corpus, 'a.txt'), OLD);
    const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
    const call = async (m: string, a: unknown) => {
      const r = await app.dispatch(m, a);
      if (!r.ok) throw new Error(r.error.message);
      return r.value as any;
    };
    await call('setAnnotator', { name: 'maria' });
    const span = async (needle: string, label: string) => (await call('createSpan', { docId: 'a.txt', start: cp(OLD, needle), end: cp(OLD, needle) + Array.from(needle).length, label })).span;
    const stay = await span('“we stay”', 'QUOTE');
    const go = await span('“we go”', 'QUOTE');
    const said = await span('Critics', 'SOURCE');
    await call('addRelation', { docId: 'a.txt', head: go.id, child: said.id, label: 'source' });

    // The article is edited on disk: a new first sentence, and the critics' words changed.
    const NEW = '👍 Updated. The minister said “we stay” on Monday. Critics said “we might go” later.\n';
    await fs.writeFile(path.join(corpus, 'a.txt'), NEW);
    const opened = await call('getDocument', { docId: 'a.txt' });
    expect(opened.reanchored).toEqual({ moved: 2, orphaned: 1 });
    expect(opened.spans.map((s: any) => [s.id, s.start, s.quote])).toEqual([
      [stay.id, cp(NEW, '“we stay”'), '“we stay”'],
      [said.id, cp(NEW, 'Critics'), 'Critics'],
    ]);
    expect(opened.orphans).toMatchObject([{ span: { id: go.id, quote: '“we go”' }, reason: 'its text is no longer in the article', relations: [{ head: go.id, child: said.id }] }]);
    expect(opened.relations).toEqual([]);
    // Opening again changes nothing more.
    expect((await call('getDocument', { docId: 'a.txt' })).reanchored).toBeUndefined();

    // Place it on the new words: the span and its link come back.
    const placed = await call('resolveOrphan', { docId: 'a.txt', spanId: go.id, action: 'place', start: cp(NEW, '“we might go”'), end: cp(NEW, '“we might go”') + 13 });
    expect(placed.orphans).toEqual([]);
    expect(placed.spans.find((s: any) => s.id === go.id)).toMatchObject({ quote: '“we might go”' });
    expect(placed.relations).toMatchObject([{ head: go.id, child: said.id, label: 'source' }]);
    const onDisk = JSON.parse(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'maria', 'a.txt.json'), 'utf8'));
    expect(onDisk.orphans).toBeUndefined();
    expect((await app.dispatch('resolveOrphan', { docId: 'a.txt', spanId: go.id, action: 'delete' })).ok).toBe(false);
    await app.close();
  });
});
