import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { exportLayer } from './formats/export.js';
import { computeAgreement } from './analysis/agreement.js';

const OLD = 'The minister said “we stay” on Monday. Critics said “we go” later.\n';
const cp = (text: string, needle: string) => Array.from(text.slice(0, text.indexOf(needle))).length;

/** A corpus with a.txt = OLD, the app on it, and maria as the annotator. */
async function start() {
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
  return { corpus, app, call };
}

describe('changed source text', () => {
  it('re-anchors spans after the article changed, orphans the one whose text is gone, and lets the analyst place or delete it', async () => {
    const { corpus, app, call } = await start();
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

    // Undo of placing: the orphan comes back exactly as it was, and the placed span and its link go.
    const restored = await call('restoreOrphan', { docId: 'a.txt', orphan: opened.orphans[0] });
    expect(restored.orphans).toEqual(opened.orphans);
    expect(restored.spans.map((s: any) => s.id)).toEqual([stay.id, said.id]);
    expect(restored.relations).toEqual([]);
    expect(JSON.parse(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'maria', 'a.txt.json'), 'utf8')).orphans).toEqual(opened.orphans);
    // Putting back one that is already an orphan, or into another document, is refused.
    const again = await app.dispatch('restoreOrphan', { docId: 'a.txt', orphan: opened.orphans[0] });
    expect(again.ok ? null : again.error.code).toBe('conflict');
    // Deleting it, then undoing the deletion.
    expect((await call('resolveOrphan', { docId: 'a.txt', spanId: go.id, action: 'delete' })).orphans).toEqual([]);
    expect((await call('restoreOrphan', { docId: 'a.txt', orphan: opened.orphans[0] })).orphans).toEqual(opened.orphans);
    await app.close();
  });

  it('re-anchors on the first write of any kind after a change, and refuses a range chosen on the old text', async () => {
    const { corpus, app, call } = await start();
    const shown = await call('getDocument', { docId: 'a.txt' });
    const at = cp(OLD, 'Critics');
    const said = (await call('createSpan', { docId: 'a.txt', start: at, end: at + 7, label: 'SOURCE', docSha256: shown.doc.sha256 })).span;

    const NEW = 'New first line.\n' + OLD;
    await fs.writeFile(path.join(corpus, 'a.txt'), NEW);
    // A range picked on the text as it was shown is refused: it would land on other words now.
    const refused = await app.dispatch('createSpan', { docId: 'a.txt', start: at, end: at + 7, label: 'SOURCE', docSha256: shown.doc.sha256 });
    expect(refused.ok ? null : refused.error.code).toBe('stale');
    // So is a fragment added on the old text (A on a selection made before the change).
    const fragment = await app.dispatch('updateSpan', { docId: 'a.txt', spanId: said.id, patch: { fragments: [[at, at + 7], [at + 10, at + 14]] }, docSha256: shown.doc.sha256 });
    expect(fragment.ok ? null : fragment.error.code).toBe('stale');
    // A write that names no range (the status) re-anchors the layer first, so no span is left on the wrong text.
    await call('setStatus', { docId: 'a.txt', status: 'done' });
    const onDisk = JSON.parse(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'maria', 'a.txt.json'), 'utf8'));
    expect(onDisk.spans.map((s: any) => [s.id, s.start, s.quote])).toEqual([[said.id, at + 16, 'Critics']]);
    // The next opening reports what that re-anchoring did, once.
    const opened = await call('getDocument', { docId: 'a.txt' });
    expect(opened.reanchored).toEqual({ moved: 1, orphaned: 0 });
    expect((await call('getDocument', { docId: 'a.txt' })).reanchored).toBeUndefined();
    await app.close();
  });
});

describe('exports after the article changed', () => {
  it('write moved spans at their new place and leave orphans out, listed; before opening the file is not touched', async () => {
    const { corpus, app, call } = await start();
    const span = async (needle: string, label: string) => (await call('createSpan', { docId: 'a.txt', start: cp(OLD, needle), end: cp(OLD, needle) + Array.from(needle).length, label })).span;
    const stay = await span('“we stay”', 'QUOTE');
    const go = await span('“we go”', 'QUOTE');
    const NEW = '👍 Updated. The minister said “we stay” on Monday. Critics said “we might go” later.\n';
    await fs.writeFile(path.join(corpus, 'a.txt'), NEW);
    const file = path.join(corpus, '.quotebench', 'annotations', 'maria', 'a.txt.json');
    const bytes = await fs.readFile(file, 'utf8');

    const exported = async () => {
      let out = '';
      const summary = await exportLayer(corpus, { format: 'jsonl', annotator: 'maria' }, (chunk) => void (out += chunk));
      return { record: JSON.parse(out.trim()), summary };
    };
    const check = ({ record, summary }: Awaited<ReturnType<typeof exported>>) => {
      expect(record.spans.map((s: any) => [s.id, s.start, s.end, s.text])).toEqual([[stay.id, cp(NEW, '“we stay”'), cp(NEW, '“we stay”') + 9, '“we stay”']]);
      expect(summary.problems).toEqual([{ docId: 'a.txt', spanId: go.id, message: 'orphaned when the file changed ("“we go”": its text is no longer in the article); place or delete it in the app' }]);
    };
    // Not opened yet: re-anchored in memory for the export; the layer file stays byte-identical.
    check(await exported());
    expect(await fs.readFile(file, 'utf8')).toBe(bytes);
    // Opened (re-anchored and written, the orphan stored): the same export.
    await call('getDocument', { docId: 'a.txt' });
    expect(JSON.parse(await fs.readFile(file, 'utf8')).orphans).toHaveLength(1);
    check(await exported());
    await app.close();
  });
});

describe('review and agreement after the article changed', () => {
  it('compare every layer where its spans are now, whether or not its owner has opened the document since', async () => {
    const { corpus, app, call } = await start();
    const mark = async (name: string) => {
      await call('setAnnotator', { name });
      await call('createSpan', { docId: 'a.txt', start: cp(OLD, '“we stay”'), end: cp(OLD, '“we stay”') + 9, label: 'QUOTE' });
    };
    await mark('omar');
    await mark('maria');
    await fs.writeFile(path.join(corpus, 'a.txt'), 'New first line.\n' + OLD);
    // maria opens it (her layer is re-anchored on disk); omar's layer still has the old offsets on disk.
    await call('getDocument', { docId: 'a.txt' });
    const onDisk = JSON.parse(await fs.readFile(path.join(corpus, '.quotebench', 'annotations', 'omar', 'a.txt.json'), 'utf8'));
    expect(onDisk.spans[0].start).toBe(cp(OLD, '“we stay”'));
    const pair = (await computeAgreement(corpus, ['maria', 'omar'])).pairs[0]!;
    expect(pair.exact.overall).toMatchObject({ matched: 1, onlyA: 0, onlyB: 0 });
    const review = await call('getReview', { docId: 'a.txt', annotators: ['omar'] });
    expect(review.items.map((i: any) => i.state)).toEqual(['agree']);
    await app.close();
  });
});
