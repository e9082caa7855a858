import { describe, expect, it, vi } from 'vitest';
import type { DocumentEdit, EditResult, MergeResult, QuotebenchApi } from '../../../../shared/api.js';
import type { Relation, Span, Speaker } from '../../../../shared/model.js';
import { commandDocId, describe as describeCommand, invert, patchBefore, restorePatch, type Command } from './commands.js';
import { acceptCommand } from '../suggest/accept-commands.js';
import { execute, groupParts, provisionalEffects, rollbackEffects, type Effect } from './execute.js';
import { choiceOf, progressText } from './use-edit-state.js';
import { historyReducer, initialHistory, nextRedo, nextUndo } from './history-reducer.js';

const span = (over: Partial<Span> = {}): Span => ({
  id: 's1',
  docId: 'a.txt',
  start: 0,
  end: 5,
  label: 'QUOTE',
  quote: '"Hi."',
  prefix: '',
  suffix: '',
  attrs: { form: 'direct' },
  note: '',
  author: 'ann',
  created: 't',
  modified: 't',
  ...over,
});
const speaker = (id: string, name: string): Speaker => ({ id, name, aliases: [], kind: 'person', affiliation: '', role: '' });
const relation: Relation = { id: 'r1', head: 's1', child: 's2', label: 'source' };

describe('invert', () => {
  it('reverses span creation and deletion, carrying the relations a deletion took along', () => {
    const deleted: Command = { kind: 'delete-span', docId: 'a.txt', span: span(), relations: [relation] };
    expect(invert(deleted)).toEqual({ kind: 'create-span', docId: 'a.txt', span: span(), relations: [relation] });
    expect(invert(invert(deleted))).toEqual(deleted);
    // Deleted from a known text: the re-creation carries it, so main refuses it on a changed text.
    expect(invert({ ...deleted, docSha256: 'a'.repeat(64) })).toMatchObject({ kind: 'create-span', docSha256: 'a'.repeat(64) });
  });

  it('swaps before and after of updates and status changes', () => {
    const update: Command = { kind: 'update-span', docId: 'a.txt', spanId: 's1', before: { speakerId: null }, after: { speakerId: 'sp1' } };
    expect(invert(update)).toMatchObject({ before: { speakerId: 'sp1' }, after: { speakerId: null } });
    expect(invert({ kind: 'set-status', docId: 'a.txt', before: 'in-progress', after: 'done' })).toMatchObject({ before: 'done', after: 'in-progress' });
  });

  it('undoes a merge with its recorded result and redoes it by ids', () => {
    const result: MergeResult = { keep: speaker('k', 'Kayani'), before: { keep: speaker('k', 'Kayani'), merged: speaker('m', 'Kiyani') }, rewired: [{ docId: 'a.txt', spanId: 's1' }] };
    const merge: Command = { kind: 'merge-speakers', keepId: 'k', mergeId: 'm', result };
    expect(invert(merge)).toEqual({ kind: 'unmerge-speakers', result });
    expect(invert(invert(merge))).toEqual({ kind: 'merge-speakers', keepId: 'k', mergeId: 'm', result: null });
    expect(() => invert({ kind: 'merge-speakers', keepId: 'k', mergeId: 'm', result: null })).toThrow();
  });

  it('undoes a rejected suggestion by taking the same rejection back, and redoes it by rejecting again', () => {
    const reject: Command = { kind: 'reject-suggestion', docId: 'a.txt', suggestion: { suggestionId: 'sg_28_34', start: 28, end: 34 } };
    expect(invert(reject)).toEqual({ kind: 'unreject-suggestion', docId: 'a.txt', suggestion: { suggestionId: 'sg_28_34', start: 28, end: 34 } });
    expect(invert(invert(reject))).toEqual(reject);
    expect(commandDocId(reject)).toBe('a.txt');
  });

  it('undoes a schema change with the old labels and the renames turned around', () => {
    const quote = { name: 'QUOTE', color: '#e8a33d', key: 'q', attributes: [] };
    const stanceLabels = { FAVOR: 'Favor', AGAINST: 'Against', NONE: 'None' };
    const change: Command = { kind: 'update-schema', before: { labels: [quote], stanceLabels }, after: { labels: [{ ...quote, name: 'Quotation' }], stanceLabels: { ...stanceLabels, NONE: 'Neutral' } }, renames: [{ from: 'QUOTE', to: 'Quotation' }] };
    expect(invert(change)).toEqual({ kind: 'update-schema', before: change.after, after: change.before, renames: [{ from: 'Quotation', to: 'QUOTE' }] });
    expect(invert(invert(change))).toEqual(change);
    expect(commandDocId(change)).toBeNull();
  });

  it('reverses a batch in reverse order', () => {
    const batch: Command = {
      kind: 'batch',
      title: 'new speaker',
      commands: [
        { kind: 'create-speaker', speaker: speaker('sp1', 'Amina Qureshi') },
        { kind: 'update-span', docId: 'a.txt', spanId: 's1', before: { speakerId: null }, after: { speakerId: 'sp1' } },
      ],
    };
    const inverse = invert(batch);
    expect(inverse.kind === 'batch' && inverse.commands.map((c) => c.kind)).toEqual(['update-span', 'delete-speaker']);
    expect(commandDocId(batch)).toBeNull();
    expect(commandDocId(batch.commands[1]!)).toBe('a.txt');
  });
});

describe('patches', () => {
  it('records the values a patch replaces', () => {
    const s = span({ speakerId: 'sp1', attrs: { form: 'direct' } });
    expect(patchBefore(s, { speakerId: 'sp2', attrs: { form: 'mixed', extra: 'x' }, note: 'n' })).toEqual({ speakerId: 'sp1', attrs: { form: 'direct', extra: null }, note: '' });
  });

  it('restores exactly what createSpan does not set, removing its default form when the span had none', () => {
    const created = span({ attrs: { form: 'direct' } });
    expect(restorePatch(created, { start: 0, end: 5, label: 'QUOTE', attrs: {}, note: 'check', speakerId: 'sp1', stance: { targetId: 't1', value: 'AGAINST' } })).toEqual({
      attrs: { form: null },
      note: 'check',
      speakerId: 'sp1',
      stance: { targetId: 't1', value: 'AGAINST' },
    });
    expect(restorePatch(created, { start: 0, end: 5, label: 'QUOTE', attrs: { form: 'direct' } })).toBeNull();
  });
});

describe('historyReducer', () => {
  const a: Command = { kind: 'set-status', docId: 'a.txt', before: 'todo', after: 'done' };
  const b: Command = { kind: 'set-status', docId: 'b.txt', before: 'todo', after: 'done' };
  it('keeps one stack across documents; a new edit clears redo', () => {
    let s = historyReducer(initialHistory, { type: 'edit-recorded', command: a });
    s = historyReducer(s, { type: 'edit-recorded', command: b });
    expect(nextUndo(s)).toBe(b);
    s = historyReducer(s, { type: 'step-started' });
    expect(s.busy).toBe(true);
    s = historyReducer(s, { type: 'undone', redo: b });
    expect(s).toEqual({ undo: [a], redo: [b], busy: false });
    expect(nextRedo(s)).toBe(b);
    s = historyReducer(s, { type: 'redone', undo: b });
    expect(s.undo).toEqual([a, b]);
    s = historyReducer(s, { type: 'undone', redo: b });
    s = historyReducer(s, { type: 'edit-recorded', command: a });
    expect(s.redo).toEqual([]);
  });
});

/** A fake API that answers the calls a span round trip makes and records them. */
function fakeApi(overrides: Partial<Record<keyof QuotebenchApi, (args: never) => unknown>> = {}) {
  const calls: [string, unknown][] = [];
  const handler = (name: string, answer: (args: never) => unknown) =>
    vi.fn(async (args: never) => {
      calls.push([name, args]);
      return answer(args);
    });
  const base: Record<string, (args: never) => unknown> = {
    createSpan: (args: { id?: string; start: number; end: number; label: string }) => ({ ok: true, value: { span: span({ id: args.id ?? 'new', attrs: { form: 'direct' } }), status: 'in-progress' } }),
    updateSpan: (args: { patch: { note?: string } }) => ({ ok: true, value: { span: span({ note: args.patch.note ?? '' }), status: 'in-progress' } }),
    deleteSpan: () => ({ ok: true, value: { deleted: span(), relations: [relation], status: 'in-progress' } }),
    addRelation: (args: Relation) => ({ ok: true, value: { relation: { ...relation, id: args.id ?? 'r9' }, status: 'in-progress' } }),
    createSpeaker: () => ({ ok: false, error: { code: 'conflict', message: 'name taken' } }),
    ...overrides,
  };
  const api = Object.fromEntries(Object.entries(base).map(([k, v]) => [k, handler(k, v)])) as unknown as QuotebenchApi;
  return { api, calls };
}

describe('execute', () => {
  it('deleting answers the removed relations; undoing re-creates the span with its id, fields and links', async () => {
    const { api, calls } = fakeApi();
    const deleted = await execute(api, { kind: 'delete-span', docId: 'a.txt', span: span(), relations: [] });
    expect(deleted.executed).toEqual({ kind: 'delete-span', docId: 'a.txt', span: span(), relations: [relation] });
    const restored = await execute(api, invert({ ...(deleted.executed as Command & { kind: 'delete-span' }), span: span({ note: 'keep', attrs: { form: 'direct' } }) }));
    expect(restored.error).toBeNull();
    expect(calls.map((c) => c[0])).toEqual(['deleteSpan', 'createSpan', 'updateSpan', 'addRelation']);
    expect(calls[1]![1]).toMatchObject({ id: 's1', start: 0, end: 5, label: 'QUOTE' });
    expect(calls[2]![1]).toMatchObject({ patch: { note: 'keep' } });
    expect(calls[3]![1]).toMatchObject({ id: 'r1', head: 's1', child: 's2', label: 'source' });
    expect(restored.effects.map((e) => e.type)).toEqual(['span-upserted', 'relation-added']);
  });

  it('sends a fragment edit and its undo with the text they were chosen on, so main can refuse a changed article', async () => {
    const { api, calls } = fakeApi();
    const sha = 'a'.repeat(64);
    const add: Command = { kind: 'update-span', docId: 'a.txt', spanId: 's1', before: { fragments: [[0, 5]] }, after: { fragments: [[0, 5], [9, 12]] }, docSha256: sha };
    await execute(api, add);
    await execute(api, invert(add));
    expect(calls.map((c) => c[1])).toEqual([
      { docId: 'a.txt', spanId: 's1', patch: { fragments: [[0, 5], [9, 12]] }, docSha256: sha },
      { docId: 'a.txt', spanId: 's1', patch: { fragments: [[0, 5]] }, docSha256: sha },
    ]);
  });

  it('rejecting and its undo call the API with the same range and ask for the suggestions again', async () => {
    const rejected = { id: 'sg_28_34', start: 28, end: 34, quote: '“Yes,”', by: 'ann', at: 't' };
    const { api, calls } = fakeApi({
      rejectSuggestion: () => ({ ok: true, value: { rejected, status: 'in-progress' } }),
      unrejectSuggestion: () => ({ ok: true, value: { removed: rejected, status: 'in-progress' } }),
    });
    const reject: Command = { kind: 'reject-suggestion', docId: 'a.txt', suggestion: { suggestionId: 'sg_28_34', start: 28, end: 34 } };
    const done = await execute(api, reject);
    expect(done).toEqual({ executed: reject, effects: [{ type: 'suggestions-changed', docId: 'a.txt', status: 'in-progress' }], error: null });
    const undone = await execute(api, invert(done.executed!));
    expect(undone.error).toBeNull();
    expect(calls).toEqual([
      ['rejectSuggestion', { docId: 'a.txt', suggestionId: 'sg_28_34', start: 28, end: 34 }],
      ['unrejectSuggestion', { docId: 'a.txt', suggestionId: 'sg_28_34', start: 28, end: 34 }],
    ]);
    expect(undone.effects).toEqual([{ type: 'suggestions-changed', docId: 'a.txt', status: 'in-progress' }]);
  });

  it('a failing batch answers the part that ran and the error', async () => {
    const { api } = fakeApi();
    const run = await execute(api, {
      kind: 'batch',
      title: 't',
      commands: [
        { kind: 'add-relation', docId: 'a.txt', relation: { head: 's1', child: 's2', label: 'source' } },
        { kind: 'create-speaker', speaker: { name: 'X', kind: 'person' } },
      ],
    });
    expect(run.error).toBe('name taken');
    expect(run.executed).toEqual({ kind: 'batch', title: 't', commands: [{ kind: 'add-relation', docId: 'a.txt', relation: { ...relation, id: 'r9' } }] });
  });
});

describe('registry and relation commands', () => {
  /** A fake API over an in-memory registry and relation list, so a command and its inverse can be checked by the state they leave. */
  function registryApi() {
    const state = { speakers: [] as Speaker[], targets: [] as { id: string; label: string }[], relations: [] as Relation[] };
    let n = 0;
    const ok = (value: unknown) => ({ ok: true, value });
    /** create / delete / update over one of the registry's lists, as main answers them. */
    const crud = <T extends { id: string }>(list: 'speakers' | 'targets', prefix: string) => ({
      create: (a: Omit<T, 'id'> & { id?: string }) => {
        const x = { ...a, id: a.id ?? `${prefix}${++n}` } as unknown as T;
        (state[list] as unknown as T[]).push(x);
        return ok(x);
      },
      remove: (a: { id: string }) => {
        const x = (state[list] as unknown as T[]).find((y) => y.id === a.id)!;
        (state as Record<string, unknown>)[list] = (state[list] as unknown as T[]).filter((y) => y.id !== a.id);
        return ok({ deleted: x });
      },
      update: (id: string, patch: Partial<T>) => {
        const x = (state[list] as unknown as T[]).find((y) => y.id === id)!;
        Object.assign(x, patch);
        return ok({ ...x });
      },
    });
    const speakers = crud<Speaker>('speakers', 'sp');
    const targets = crud<{ id: string; label: string }>('targets', 'tg');
    const { api } = fakeApi({
      createSpeaker: speakers.create,
      deleteSpeaker: speakers.remove,
      updateSpeaker: (a: { id: string; patch: Partial<Speaker> }) => speakers.update(a.id, a.patch),
      createTarget: targets.create,
      deleteTarget: targets.remove,
      updateTarget: (a: { id: string; label: string }) => targets.update(a.id, { label: a.label }),
      addRelation: (a: Relation & { docId: string }) => {
        const r = { id: a.id ?? `r${++n}`, head: a.head, child: a.child, label: a.label };
        state.relations.push(r);
        return ok({ relation: r, status: 'in-progress' });
      },
      deleteRelation: (a: { relationId: string }) => {
        const deleted = state.relations.find((r) => r.id === a.relationId)!;
        state.relations = state.relations.filter((r) => r.id !== a.relationId);
        return ok({ deleted, status: 'in-progress' });
      },
    });
    return { api, state };
  }

  /** Runs `command`, then its inverse, then the inverse of that (redo); answers the state after each. */
  async function roundTrip(command: Command) {
    const { api, state } = registryApi();
    const snap = () => structuredClone(state);
    const start = snap();
    const done = await execute(api, command);
    expect(done.error).toBeNull();
    const afterDo = snap();
    const undone = await execute(api, invert(done.executed!));
    expect(undone.error).toBeNull();
    const afterUndo = snap();
    const redone = await execute(api, invert(undone.executed!));
    expect(redone.error).toBeNull();
    return { start, afterDo, afterUndo, afterRedo: snap() };
  }

  it('create and update of speakers and targets are undone and redone exactly', async () => {
    const created = await roundTrip({ kind: 'create-speaker', speaker: { name: 'Gen Kayani', kind: 'person' } });
    expect(created.afterDo.speakers.map((s) => s.name)).toEqual(['Gen Kayani']);
    expect(created.afterUndo).toEqual(created.start);
    // Redo brings back the same speaker, id included.
    expect(created.afterRedo).toEqual(created.afterDo);

    const target = await roundTrip({ kind: 'create-target', target: { label: 'the operation' } });
    expect(target.afterUndo.targets).toEqual([]);
    expect(target.afterRedo).toEqual(target.afterDo);

    const { api, state } = registryApi();
    await execute(api, { kind: 'create-speaker', speaker: { id: 'k', name: 'Kayani', kind: 'person' } });
    await execute(api, { kind: 'create-target', target: { id: 't', label: 'op' } });
    const rename: Command = { kind: 'update-speaker', id: 'k', before: { name: 'Kayani', aliases: [] }, after: { name: 'Ashfaq Parvez Kayani', aliases: ['Kayani'] } };
    await execute(api, rename);
    expect(state.speakers[0]).toMatchObject({ name: 'Ashfaq Parvez Kayani', aliases: ['Kayani'] });
    await execute(api, invert(rename));
    expect(state.speakers[0]).toMatchObject({ name: 'Kayani', aliases: [] });
    const retarget: Command = { kind: 'update-target', id: 't', before: 'op', after: 'army operation in North Waziristan' };
    await execute(api, retarget);
    expect(state.targets[0]!.label).toBe('army operation in North Waziristan');
    await execute(api, invert(retarget));
    expect(state.targets[0]!.label).toBe('op');
    const del: Command = { kind: 'delete-target', target: { id: 't', label: 'op' } };
    const deleted = await execute(api, del);
    expect(state.targets).toEqual([]);
    await execute(api, invert(deleted.executed!));
    expect(state.targets).toEqual([{ id: 't', label: 'op' }]);
  });

  it('a schema change is sent with its renames, and its effects reload the registry and the open document', async () => {
    const { api, calls } = fakeApi({ updateSchema: () => ({ ok: true, value: {} }) });
    const labels = [{ name: 'Quotation', color: '#e8a33d', key: 'q', attributes: [] }];
    const stanceLabels = { FAVOR: 'Favor', AGAINST: 'Against', NONE: 'None' };
    const run = await execute(api, { kind: 'update-schema', before: { labels: [{ ...labels[0]!, name: 'QUOTE' }], stanceLabels }, after: { labels, stanceLabels }, renames: [{ from: 'QUOTE', to: 'Quotation' }] });
    expect(calls).toEqual([['updateSchema', { labels, stanceLabels, renames: [{ from: 'QUOTE', to: 'Quotation' }] }]]);
    expect(run.effects).toEqual([{ type: 'registry-changed' }, { type: 'documents-changed' }]);
  });

  it('a relation added is removed by undo and comes back with the same id by redo', async () => {
    const r = await roundTrip({ kind: 'add-relation', docId: 'a.txt', relation: { head: 's1', child: 's2', label: 'cue' } });
    expect(r.afterDo.relations).toHaveLength(1);
    expect(r.afterUndo.relations).toEqual([]);
    expect(r.afterRedo).toEqual(r.afterDo);
  });
});

describe('orphans', () => {
  const orphan = { span: span({ id: 's7', start: 10, end: 15 }), relations: [relation], reason: 'its text is no longer in the article', since: 't' };
  const opened = (orphans: unknown[]) => ({ ok: true, value: { doc: { id: 'a.txt', text: 'x', sha256: 'f'.repeat(64) }, annotator: 'ann', status: 'in-progress', spans: [], relations: [], orphans } });

  it('placing is undone by putting the orphan back exactly as it was, and redone at the same range', async () => {
    const { api, calls } = fakeApi({ resolveOrphan: () => opened([]), restoreOrphan: () => opened([orphan]) });
    const place: Command = { kind: 'resolve-orphan', docId: 'a.txt', orphan, place: [3, 9], docSha256: 'f'.repeat(64) };
    const done = await execute(api, place);
    expect(done.effects).toMatchObject([{ type: 'document-replaced', docId: 'a.txt', opened: { orphans: [] } }]);
    expect(invert(place)).toEqual({ kind: 'restore-orphan', docId: 'a.txt', orphan, place: [3, 9], docSha256: 'f'.repeat(64) });
    const undone = await execute(api, invert(place));
    expect(undone.effects).toMatchObject([{ type: 'document-replaced', opened: { orphans: [orphan] } }]);
    await execute(api, invert(invert(place)));
    expect(calls).toEqual([
      ['resolveOrphan', { docId: 'a.txt', spanId: 's7', action: 'place', start: 3, end: 9, docSha256: 'f'.repeat(64) }],
      ['restoreOrphan', { docId: 'a.txt', orphan }],
      // Redo places it on the same text only: the range carries the text's sha256.
      ['resolveOrphan', { docId: 'a.txt', spanId: 's7', action: 'place', start: 3, end: 9, docSha256: 'f'.repeat(64) }],
    ]);
    expect(commandDocId(place)).toBe('a.txt');
  });

  it('deleting is undone the same way; a stale range answers its code', async () => {
    const { api, calls } = fakeApi({ resolveOrphan: () => ({ ok: false, error: { code: 'stale', message: 'a.txt changed on disk' } }), restoreOrphan: () => opened([orphan]) });
    const del: Command = { kind: 'resolve-orphan', docId: 'a.txt', orphan, place: null };
    const run = await execute(api, del);
    expect(run).toMatchObject({ executed: null, error: 'a.txt changed on disk', code: 'stale' });
    expect(calls[0]).toEqual(['resolveOrphan', { docId: 'a.txt', spanId: 's7', action: 'delete' }]);
    expect(invert(del)).toEqual({ kind: 'restore-orphan', docId: 'a.txt', orphan, place: null });
  });
});

describe('a new span shown before main answers', () => {
  const opened = { doc: { id: 'a.txt', text: 'Hi 🙂 there', sha256: '' }, annotator: 'maria', status: 'todo', spans: [], relations: [] } as never;
  const create: Command = { kind: 'create-span', docId: 'a.txt', span: { id: 's7', start: 3, end: 4, label: 'QUOTE' }, relations: [] };
  const quoteOf = (start: number, end: number) => Array.from('Hi 🙂 there').slice(start, end).join('');

  it('draws the draft at once, selected, with its quote, and the document in progress', () => {
    const [effect, ...rest] = provisionalEffects(create, 'a.txt', opened, quoteOf);
    expect(rest).toEqual([]);
    expect(effect).toMatchObject({ type: 'span-upserted', docId: 'a.txt', status: 'in-progress', select: true, span: { id: 's7', start: 3, end: 4, label: 'QUOTE', quote: '🙂', author: 'maria' } });
  });

  it('shows nothing early for another document, a read-only layer, a span without id or other commands', () => {
    expect(provisionalEffects(create, 'b.txt', opened, quoteOf)).toEqual([]);
    expect(provisionalEffects(create, 'a.txt', { ...(opened as object), readOnly: true } as never, quoteOf)).toEqual([]);
    expect(provisionalEffects({ ...create, span: { start: 3, end: 4, label: 'QUOTE' } }, 'a.txt', opened, quoteOf)).toEqual([]);
    expect(provisionalEffects({ kind: 'set-status', docId: 'a.txt', before: 'todo', after: 'done' }, 'a.txt', opened, quoteOf)).toEqual([]);
  });

  it('a failed save takes the early span away again and restores the status; a saved one stays', async () => {
    const shown = provisionalEffects(create, 'a.txt', opened, quoteOf);
    const failed = await execute(fakeApi({ createSpan: () => ({ ok: false, error: { code: 'io', message: 'disk full' } }) }).api, create);
    expect(rollbackEffects(shown, failed, 'todo')).toEqual([{ type: 'span-removed', docId: 'a.txt', spanId: 's7', status: 'todo' }]);
    const saved = await execute(fakeApi().api, create);
    expect(rollbackEffects(shown, saved, 'todo')).toEqual([]);
  });
});

describe('a batch of many edits in one document', () => {
  /** A fake editDocument over an in-memory layer that answers as main does, all or nothing. */
  function layerApi() {
    const layer = { spans: [] as Span[], relations: [] as Relation[] };
    const speakers: Speaker[] = [];
    let requests = 0;
    const { api, calls } = fakeApi({
      createSpeaker: (a: Speaker) => {
        speakers.push(a);
        return { ok: true, value: a };
      },
      deleteSpeaker: (a: { id: string }) => ({ ok: true, value: { deleted: speakers.splice(speakers.findIndex((s) => s.id === a.id), 1)[0] } }),
      editDocument: (a: { docId: string; edits: DocumentEdit[] }) => {
        requests += 1;
        const next = structuredClone(layer);
        const results: EditResult[] = [];
        for (const e of a.edits) {
          if (e.op === 'createSpan') {
            if (next.spans.some((s) => s.id === e.id)) return { ok: false, error: { code: 'conflict', message: `A span with id ${e.id} already exists` } };
            const s = span({ id: e.id!, start: e.start, end: e.end, label: e.label, attrs: e.attrs ?? {}, ...(e.speakerId ? { speakerId: e.speakerId } : {}), ...(e.suggestion ? { provenance: { from: 'suggester', sourceSpanId: e.suggestion, decidedBy: 'ann', decidedAt: 't', suggested: true } } : {}) });
            next.spans.push(s);
            results.push({ op: 'createSpan', span: s });
          } else if (e.op === 'addRelation') {
            const r = { id: e.id!, head: e.head, child: e.child, label: e.label };
            next.relations.push(r);
            results.push({ op: 'addRelation', relation: r });
          } else if (e.op === 'deleteRelation') {
            const deleted = next.relations.find((r) => r.id === e.relationId)!;
            next.relations = next.relations.filter((r) => r !== deleted);
            results.push({ op: 'deleteRelation', deleted });
          } else if (e.op === 'deleteSpan') {
            const deleted = next.spans.find((s) => s.id === e.spanId)!;
            const relations = next.relations.filter((r) => r.head === e.spanId || r.child === e.spanId);
            next.spans = next.spans.filter((s) => s !== deleted);
            next.relations = next.relations.filter((r) => !relations.includes(r));
            results.push({ op: 'deleteSpan', deleted, relations });
          } else return { ok: false, error: { code: 'invalid-args', message: `unexpected ${e.op}` } };
        }
        Object.assign(layer, next);
        return { ok: true, value: { results, status: 'in-progress' } };
      },
    });
    return { api, calls, layer, speakers, requests: () => requests };
  }

  const suggestions = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ id: `sg_${i * 10}_${i * 10 + 5}`, quote: { start: i * 10, end: i * 10 + 5, form: 'direct' as const }, cue: null, speaker: { name: i === 0 ? 'Ana Ruiz' : 'Omar Tahir', kind: 'person' as const, confidence: 1 }, confidence: 1, evidence: [] }));
  const accept = (n: number) => {
    let k = 0;
    return acceptCommand(suggestions(n) as never, { docId: 'a.txt', spans: [], registry: [], labels: { QUOTE: 'QUOTE', SOURCE: 'SOURCE', CUE: 'CUE' }, annotator: 'ann', now: 't', newId: (p) => `${p}_${(k += 1)}` })!;
  };

  it('accepting 2,000 suggestions is one editDocument request; its undo is one more, the speakers deleted after', async () => {
    const { api, calls, layer, speakers, requests } = layerApi();
    const command = accept(2000);
    const done = await execute(api, command);
    expect(done.error).toBeNull();
    expect(calls.map((c) => c[0])).toEqual(['createSpeaker', 'createSpeaker', 'editDocument']);
    expect(requests()).toBe(1);
    expect(layer.spans).toHaveLength(2000);
    // One bulk effect for the open document, however many spans.
    expect(done.effects.map((e) => e.type)).toEqual(['registry-changed', 'registry-changed', 'layer-edited']);
    const bulk = done.effects[2] as Extract<Effect, { type: 'layer-edited' }>;
    expect(bulk.changes).toHaveLength(2000);
    expect(bulk.select).toBe(layer.spans.at(-1)!.id);
    // The executed batch is one history entry whose parts carry main's answers.
    expect(done.executed?.kind === 'batch' && done.executed.commands.length).toBe(command.kind === 'batch' && command.commands.length);

    calls.length = 0;
    const undone = await execute(api, invert(done.executed!));
    expect(undone.error).toBeNull();
    expect(calls.map((c) => c[0])).toEqual(['editDocument', 'deleteSpeaker', 'deleteSpeaker']);
    expect((calls[0]![1] as { edits: unknown[] }).edits).toHaveLength(2000);
    expect([layer.spans, layer.relations, speakers]).toEqual([[], [], []]);

    // Redo puts the same spans back, ids and fields included, again in one request.
    calls.length = 0;
    const redone = await execute(api, invert(undone.executed!));
    expect(redone.error).toBeNull();
    expect(calls.filter((c) => c[0] === 'editDocument')).toHaveLength(1);
    expect(layer.spans.map((s) => [s.id, s.attrs.form, s.speakerId, s.provenance?.sourceSpanId])).toEqual((done.executed as Command & { kind: 'batch' }).commands.flatMap((c) => (c.kind === 'create-span' ? [[c.span.id, c.span.attrs?.form, c.span.speakerId, c.span.provenance?.sourceSpanId]] : [])));
  });

  it('a refused editDocument applies nothing of its run: only the parts before it are answered, for undo', async () => {
    const { api, layer } = layerApi();
    const command = accept(3);
    if (command.kind !== 'batch') throw new Error('a batch');
    // The last span's id is taken: main refuses the whole run.
    const clash = command.commands.filter((c) => c.kind === 'create-span').at(-1)! as Command & { kind: 'create-span' };
    layer.spans.push(span({ id: clash.span.id! }));
    const run = await execute(api, command);
    expect(run.error).toMatch(/already exists/);
    expect(run.executed?.kind === 'batch' && run.executed.commands.map((c) => c.kind)).toEqual(['create-speaker', 'create-speaker']);
    expect(run.effects.map((e) => e.type)).toEqual(['registry-changed', 'registry-changed']);
    expect(layer.spans).toHaveLength(1);
  });

  it('sends consecutive edits of one document together and runs others (another document, a registry edit) on their own', () => {
    const a1: Command = { kind: 'set-status', docId: 'a.txt', before: 'todo', after: 'done' };
    const a2: Command = { kind: 'delete-relation', docId: 'a.txt', relation };
    const b1: Command = { kind: 'set-status', docId: 'b.txt', before: 'todo', after: 'done' };
    const sp: Command = { kind: 'create-speaker', speaker: { name: 'X', kind: 'person' } };
    expect(groupParts([a1, a2, b1, sp, a1, a2])).toEqual([[a1, a2], [b1], sp, [a1, a2]]);
    // Two texts never share a call: each is checked against its own.
    const fresh: Command = { kind: 'delete-span', docId: 'a.txt', span: span(), relations: [], docSha256: 'a'.repeat(64) };
    const old: Command = { ...fresh, docSha256: 'b'.repeat(64) };
    expect(groupParts([fresh, a1, old])).toEqual([[fresh, a1], [old]]);
  });

  it('says what a long batch is doing, with its count', () => {
    expect(progressText(accept(2000), 'do')).toBe('Accepting 2,000 suggestions…');
    expect(progressText(invert(accept(2000)), 'undo')).toMatch(/^Undoing “accept 2,000 suggestions” \(\d{1,3}(,\d{3})* edits\)…$/);
    expect(progressText({ kind: 'set-status', docId: 'a.txt', before: 'todo', after: 'done' }, 'do')).toBeNull();
  });
});

describe('accepting every unanimous review item', () => {
  it('is one undo entry: undone and redone per document with the keys main accepted', async () => {
    const decided = [
      { docId: 'a.txt', keys: ['QUOTE:0:5', 'SOURCE:6:14'] },
      { docId: 'b.txt', keys: ['CUE:3:7'] },
    ];
    const { api, calls } = fakeApi({
      acceptUnanimous: () => ({ ok: true, value: { accepted: 3, documents: 2, decided } }),
      decideReviewMany: (a: { keys: string[] }) => ({ ok: true, value: { changed: a.keys.length } }),
    });
    const done = await execute(api, { kind: 'accept-unanimous', annotators: ['omar'], docId: null, decided: null });
    expect(done).toEqual({ executed: { kind: 'accept-unanimous', annotators: ['omar'], docId: null, decided }, effects: [{ type: 'review-changed' }], error: null });
    expect(describeCommand(done.executed!)).toBe('accept 3 unanimous spans');
    const undo = invert(done.executed!);
    const undone = await execute(api, undo);
    expect(undone.effects).toEqual([{ type: 'review-changed' }]);
    await execute(api, invert(undone.executed!));
    expect(calls).toEqual([
      ['acceptUnanimous', { annotators: ['omar'] }],
      ['decideReviewMany', { docId: 'a.txt', annotators: ['omar'], keys: ['QUOTE:0:5', 'SOURCE:6:14'], action: 'undo' }],
      ['decideReviewMany', { docId: 'b.txt', annotators: ['omar'], keys: ['CUE:3:7'], action: 'undo' }],
      ['decideReviewMany', { docId: 'a.txt', annotators: ['omar'], keys: ['QUOTE:0:5', 'SOURCE:6:14'], action: 'accept' }],
      ['decideReviewMany', { docId: 'b.txt', annotators: ['omar'], keys: ['CUE:3:7'], action: 'accept' }],
    ]);
    expect(() => invert({ kind: 'accept-unanimous', annotators: ['omar'], docId: null, decided: null })).toThrow();
  });
});

describe('one review decision', () => {
  const review = (n: number) => ({ items: [], counts: { agree: 0, conflict: 0, 'only-one': 0, decided: n, total: 1 }, reviewer: 'me', adjudicated: [] });
  const decideApi = () => fakeApi({ decideReview: (a: { action: string }) => ({ ok: true, value: review(a.action === 'undo' ? 0 : 1) }) });

  it('accepting one version is undone by undoing it and redone by accepting the same version', async () => {
    const { api, calls } = decideApi();
    const accept: Command = { kind: 'review-decision', docId: 'a.txt', annotators: ['omar'], key: 'QUOTE:0:5', before: null, after: { action: 'accepted', from: 'omar' } };
    const done = await execute(api, accept);
    expect(done.error).toBeNull();
    expect(done.effects).toEqual([{ type: 'review-replaced', docId: 'a.txt', key: 'QUOTE:0:5', review: review(1) }]);
    expect(commandDocId(accept)).toBe('a.txt');
    expect(describeCommand(accept)).toBe('accept omar’s version');
    const undone = await execute(api, invert(done.executed!));
    expect(describeCommand(invert(accept))).toBe('undo review decision');
    await execute(api, invert(undone.executed!));
    expect(calls).toEqual([
      ['decideReview', { docId: 'a.txt', annotators: ['omar'], key: 'QUOTE:0:5', action: 'accept', from: 'omar' }],
      ['decideReview', { docId: 'a.txt', annotators: ['omar'], key: 'QUOTE:0:5', action: 'undo' }],
      ['decideReview', { docId: 'a.txt', annotators: ['omar'], key: 'QUOTE:0:5', action: 'accept', from: 'omar' }],
    ]);
  });

  it('the inverse of a change of decision restores the decision before it exactly', async () => {
    const { api, calls } = decideApi();
    const reject: Command = { kind: 'review-decision', docId: 'a.txt', annotators: ['omar', 'lena'], key: 'K', before: { action: 'accepted', from: 'lena' }, after: { action: 'rejected' } };
    expect(invert(invert(reject))).toEqual(reject);
    await execute(api, reject);
    await execute(api, invert(reject));
    const undoOfUndo: Command = { kind: 'review-decision', docId: 'a.txt', annotators: ['omar'], key: 'K', before: { action: 'rejected' }, after: null };
    await execute(api, undoOfUndo);
    await execute(api, invert(undoOfUndo));
    expect(calls.map(([, a]) => a)).toEqual([
      { docId: 'a.txt', annotators: ['omar', 'lena'], key: 'K', action: 'reject' },
      { docId: 'a.txt', annotators: ['omar', 'lena'], key: 'K', action: 'accept', from: 'lena' },
      { docId: 'a.txt', annotators: ['omar'], key: 'K', action: 'undo' },
      { docId: 'a.txt', annotators: ['omar'], key: 'K', action: 'reject' },
    ]);
  });

  it('a refused decision records nothing to undo', async () => {
    const { api } = fakeApi({ decideReview: () => ({ ok: false, error: { code: 'invalid-args', message: 'omar has no version of this span' } }) });
    const failed = await execute(api, { kind: 'review-decision', docId: 'a.txt', annotators: ['omar'], key: 'K', before: null, after: { action: 'accepted', from: 'omar' } });
    expect(failed.executed).toBeNull();
    expect(failed.error).toBe('omar has no version of this span');
  });

  it('choiceOf reads an item’s decision as the command records it', () => {
    expect(choiceOf(null)).toBeNull();
    expect(choiceOf({ spanIds: ['s1'], action: 'rejected', by: 'me', at: '2026-01-01T00:00:00.000Z' })).toEqual({ action: 'rejected' });
    expect(choiceOf({ spanIds: ['s1'], action: 'accepted', from: 'omar', spanId: 's9', by: 'me', at: '2026-01-01T00:00:00.000Z' })).toEqual({ action: 'accepted', from: 'omar' });
  });
});
