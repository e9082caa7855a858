import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnnotationFile } from '../../shared/model.js';
import { createApp } from './app.js';

describe('suggestions over the API', () => {
  it('lists open suggestions, marks spans made from one, and keeps rejections in the layer file', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-suggest-'));
    const corpus = path.join(dir, 'corpus');
    await fs.mkdir(corpus);
    // 👍 is one code point: “No,” is 2-7, “Yes,” 28-34.
    await fs.writeFile(path.join(corpus, 'a.txt'), '👍 “No,” Ana Ruiz said. Then “Yes,” Omar Tahir said.\n');
    const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
    await app.dispatch('setAnnotator', { name: 'ana' });
    const ids = async () => {
      const r = await app.dispatch('getSuggestions', { docId: 'a.txt' });
      return r.ok ? (r.value as { suggestions: { id: string }[] }).suggestions.map((s) => s.id) : r.error.message;
    };
    expect(await ids()).toEqual(['sg_2_7', 'sg_28_34']);

    const made = await app.dispatch('createSpan', { docId: 'a.txt', start: 2, end: 7, label: 'QUOTE', suggestion: 'sg_2_7' });
    expect(made.ok && (made.value as { span: { provenance: object } }).span.provenance).toMatchObject({ from: 'suggester', sourceSpanId: 'sg_2_7', decidedBy: 'ana', suggested: true });
    expect(await ids()).toEqual(['sg_28_34']);

    const wrong = await app.dispatch('rejectSuggestion', { docId: 'a.txt', suggestionId: 'sg_2_7', start: 28, end: 34 });
    expect(!wrong.ok && wrong.error).toMatchObject({ code: 'invalid-args' });
    const rejected = await app.dispatch('rejectSuggestion', { docId: 'a.txt', suggestionId: 'sg_28_34', start: 28, end: 34 });
    expect(rejected.ok).toBe(true);
    expect(await ids()).toEqual([]);
    const layerFile = path.join(corpus, '.quotebench', 'annotations', 'ana', 'a.txt.json');
    const read = async () => JSON.parse(await fs.readFile(layerFile, 'utf8')) as AnnotationFile;
    expect((await read()).rejectedSuggestions).toEqual([{ id: 'sg_28_34', start: 28, end: 34, quote: '“Yes,”', by: 'ana', at: expect.any(String) }]);

    // Taking the rejection back (undo) proposes it again; a second time there is nothing to take back.
    const wrongBack = await app.dispatch('unrejectSuggestion', { docId: 'a.txt', suggestionId: 'sg_2_7', start: 28, end: 34 });
    expect(!wrongBack.ok && wrongBack.error).toMatchObject({ code: 'invalid-args' });
    const back = await app.dispatch('unrejectSuggestion', { docId: 'a.txt', suggestionId: 'sg_28_34', start: 28, end: 34 });
    expect(back.ok && (back.value as { removed: { id: string } }).removed.id).toBe('sg_28_34');
    expect(await ids()).toEqual(['sg_28_34']);
    expect((await read()).rejectedSuggestions).toEqual([]);
    const again = await app.dispatch('unrejectSuggestion', { docId: 'a.txt', suggestionId: 'sg_28_34', start: 28, end: 34 });
    expect(again.ok && (again.value as { removed: unknown }).removed).toBeNull();
    await app.close();
  });
});
