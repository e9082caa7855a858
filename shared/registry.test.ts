import { describe, expect, it } from 'vitest';
import { defaultProject, type Speaker } from './model.js';
import { compareEvents, foldRegistry, nextClock, parseRegistryLog, registryLine, type RegistryChange, type RegistryEvent, type RegistryState } from './registry.js';
import { seededRandom } from './random.js';

const base = (): RegistryState => {
  const p = defaultProject();
  return { schema: p.schema, speakers: [], targets: [] };
};
const sp = (id: string, name: string, extra: Partial<Speaker> = {}): Speaker => ({ id, name, aliases: [], kind: 'person', affiliation: '', role: '', ...extra });
let seqs = new Map<string, number>();
const ev = (writer: string, clock: number, change: RegistryChange): RegistryEvent => {
  const seq = (seqs.get(writer) ?? 0) + 1;
  seqs.set(writer, seq);
  return { clock, seq, at: '2026-12-08T00:00:00.000Z', writer, ...change } as RegistryEvent;
};

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const rand = seededRandom(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('foldRegistry', () => {
  it('applies changes in clock, writer, seq order whatever order they arrive in', () => {
    seqs = new Map();
    const events = [
      ev('ana', 1, { op: 'speaker.create', speaker: sp('sp_a', 'Ann Example') }),
      ev('bob', 1, { op: 'speaker.create', speaker: sp('sp_b', 'Bob Example') }),
      // Concurrent edits of the same field: same clock, "bob" sorts after "ana", so bob's wins.
      ev('ana', 2, { op: 'speaker.update', id: 'sp_a', patch: { role: 'minister' } }),
      ev('bob', 2, { op: 'speaker.update', id: 'sp_a', patch: { role: 'spokesman' } }),
      ev('ana', 3, { op: 'target.create', target: { id: 'tg_1', label: 'the deal' } }),
    ];
    const expected = foldRegistry(base(), events);
    expect(expected.speakers).toEqual([sp('sp_a', 'Ann Example', { role: 'spokesman' }), sp('sp_b', 'Bob Example')]);
    expect(expected.targets).toEqual([{ id: 'tg_1', label: 'the deal' }]);
    for (let seed = 1; seed <= 20; seed += 1) expect(foldRegistry(base(), shuffled(events, seed))).toEqual(expected);
  });

  it('a later clock wins over a smaller one, whoever wrote it', () => {
    seqs = new Map();
    const events = [ev('zed', 1, { op: 'speaker.create', speaker: sp('sp_a', 'Ann') }), ev('zed', 2, { op: 'speaker.update', id: 'sp_a', patch: { role: 'old' } }), ev('amy', 3, { op: 'speaker.update', id: 'sp_a', patch: { role: 'new' } })];
    expect(foldRegistry(base(), events).speakers[0]!.role).toBe('new');
  });

  it('merges: aliases united, empty fields filled, a redirect kept; the same merge both ways ends in one speaker', () => {
    seqs = new Map();
    const create = [
      ev('ana', 1, { op: 'speaker.create', speaker: sp('sp_k', 'Ashfaq Kayani', { affiliation: '' }) }),
      ev('ana', 2, { op: 'speaker.create', speaker: sp('sp_m', 'Kiyani', { aliases: ['Gen Kiyani'], affiliation: 'army' }) }),
    ];
    // Two writers merge the same pair at once, opposite ways round.
    const a = ev('ana', 3, { op: 'speaker.merge', keepId: 'sp_k', mergeId: 'sp_m' });
    const b = ev('bob', 3, { op: 'speaker.merge', keepId: 'sp_m', mergeId: 'sp_k' });
    const folded = foldRegistry(base(), [...create, b, a]);
    expect(folded.speakers).toEqual([sp('sp_k', 'Ashfaq Kayani', { aliases: ['Kiyani', 'Gen Kiyani'], affiliation: 'army' })]);
    expect(folded.speakerRedirects).toEqual({ sp_m: 'sp_k' });
  });

  it('an edit of a speaker merged meanwhile elsewhere lands on the speaker it was merged into', () => {
    seqs = new Map();
    const events = [
      ev('ana', 1, { op: 'speaker.create', speaker: sp('sp_k', 'Kayani') }),
      ev('ana', 2, { op: 'speaker.create', speaker: sp('sp_m', 'Kiyani') }),
      ev('ana', 3, { op: 'speaker.merge', keepId: 'sp_k', mergeId: 'sp_m' }),
      // bob had not seen the merge (clock 3 too, but "bob" > "ana"): his rename and role arrive after it.
      ev('bob', 3, { op: 'speaker.update', id: 'sp_m', patch: { name: 'Gen Kiyani', role: 'army chief' } }),
    ];
    expect(foldRegistry(base(), events).speakers).toEqual([sp('sp_k', 'Kayani', { aliases: ['Kiyani', 'Gen Kiyani'], role: 'army chief' })]);
  });

  it('unmerge restores both speakers and drops the redirect; deleting and re-creating an id works (undo)', () => {
    seqs = new Map();
    const k = sp('sp_k', 'Kayani');
    const m = sp('sp_m', 'Kiyani', { role: 'general' });
    const events = [
      ev('ana', 1, { op: 'speaker.create', speaker: k }),
      ev('ana', 2, { op: 'speaker.create', speaker: m }),
      ev('ana', 3, { op: 'speaker.merge', keepId: 'sp_k', mergeId: 'sp_m' }),
      ev('ana', 4, { op: 'speaker.unmerge', keep: k, merged: m }),
      ev('ana', 5, { op: 'speaker.delete', id: 'sp_k' }),
      ev('ana', 6, { op: 'speaker.create', speaker: k }),
    ];
    const folded = foldRegistry(base(), events);
    expect(folded.speakers).toEqual([m, k]);
    expect(folded.speakerRedirects).toBeUndefined();
  });

  it('the first creation of an id wins; edits of unknown ids do nothing', () => {
    seqs = new Map();
    const folded = foldRegistry(base(), [
      ev('bob', 1, { op: 'speaker.create', speaker: sp('sp_x', 'Second') }),
      ev('ana', 1, { op: 'speaker.create', speaker: sp('sp_x', 'First') }),
      ev('ana', 2, { op: 'speaker.update', id: 'sp_none', patch: { role: 'x' } }),
      ev('ana', 2, { op: 'target.update', id: 'tg_none', label: 'x' }),
    ]);
    expect(folded.speakers).toEqual([sp('sp_x', 'First')]);
    expect(folded.targets).toEqual([]);
  });

  it('the schema is replaced whole, last change wins; notices name merges and deletions by others', () => {
    seqs = new Map();
    const labels = [{ name: 'QUOTE', color: '#000000', key: 'q', attributes: [] }];
    const events = [
      ev('ana', 1, { op: 'speaker.create', speaker: sp('sp_a', 'Ann') }),
      ev('ana', 1, { op: 'speaker.create', speaker: sp('sp_b', 'Bo') }),
      ev('bob', 2, { op: 'schema.set', schema: { labels } }),
      ev('bob', 3, { op: 'speaker.merge', keepId: 'sp_a', mergeId: 'sp_b' }),
    ];
    const out: { writer: string; message: string }[] = [];
    const folded = foldRegistry(base(), events, { since: (e) => e.writer !== 'ana', out });
    expect(folded.schema.labels).toEqual(labels);
    expect(out).toEqual([{ writer: 'bob', message: 'bob merged Bo into Ann' }]);
  });
});

describe('registry log lines', () => {
  it('round-trips a line; a cut last line is not read; a bad line is reported with its number', () => {
    const line = registryLine({ clock: 3, seq: 1, at: 'now' }, { op: 'target.create', target: { id: 'tg_1', label: 'x' } });
    expect(JSON.parse(line)).toEqual({ clock: 3, seq: 1, at: 'now', op: 'target.create', target: { id: 'tg_1', label: 'x' } });
    const text = `${line}\nnot json\n{"clock":4,"seq":2,"at":"now","op":"speaker.create","speaker":{"id":"../../evil id","name":"x","aliases":[],"kind":"person","affiliation":"","role":""}}\n${line.slice(0, 10)}`;
    const parsed = parseRegistryLog('ana', text);
    expect(parsed.events).toEqual([{ clock: 3, seq: 1, at: 'now', op: 'target.create', target: { id: 'tg_1', label: 'x' }, writer: 'ana' }]);
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 3]);
    expect(parsed.problems[1]!.message).toContain('speaker.id');
  });

  it('orders by clock, then writer by code unit, then seq; nextClock is one past the largest', () => {
    const e = (writer: string, clock: number, seq: number) => ({ writer, clock, seq }) as RegistryEvent;
    expect([e('b', 2, 1), e('a', 2, 2), e('a', 2, 1), e('Z', 2, 9), e('c', 1, 5)].sort(compareEvents).map((x) => `${x.clock}${x.writer}${x.seq}`)).toEqual(['1c5', '2Z9', '2a1', '2a2', '2b1']);
    expect(nextClock([{ clock: 4 }, { clock: 9 }, { clock: 2 }])).toBe(10);
    expect(nextClock([])).toBe(1);
  });
});
