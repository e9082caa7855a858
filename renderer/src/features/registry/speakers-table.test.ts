import { describe, expect, it } from 'vitest';
import type { SpeakerUsage } from '../../../../shared/api.js';
import { mergeDirection, parseAliases, speakerRows } from './speakers-table.js';

const s = (id: string, name: string, quoteCount: number, linkCount = quoteCount, extra: Partial<SpeakerUsage> = {}): SpeakerUsage => ({
  id, name, aliases: [], kind: 'person', affiliation: '', role: '', quoteCount, linkCount, ...extra,
});

describe('speakers table', () => {
  const list = [s('a', 'Tobias Renner', 1), s('b', 'Farhana Qureshi', 3, 3, { aliases: ['Qureishi'] }), s('c', 'Ilse Vandermeer', 1, 1, { affiliation: 'Farmers’ association' })];
  it('sorts by quotes then name and filters on every field', () => {
    expect(speakerRows(list, '').map((x) => x.id)).toEqual(['b', 'c', 'a']);
    expect(speakerRows(list, 'qureishi').map((x) => x.id)).toEqual(['b']);
    expect(speakerRows(list, 'ASSOCIATION').map((x) => x.id)).toEqual(['c']);
  });

  it('keeps the speaker with more quotes, then more links, then the longer name', () => {
    expect(mergeDirection({ a: 'a', b: 'b', reason: '', score: 0 }, list)).toMatchObject({ keep: { id: 'b' }, merge: { id: 'a' } });
    const tie = [s('x', 'Gen Kayani', 1, 1), s('y', 'Ashfaq Parvez Kayani', 1, 1)];
    expect(mergeDirection({ a: 'x', b: 'y', reason: '', score: 0 }, tie)).toMatchObject({ keep: { id: 'y' } });
    expect(mergeDirection({ a: 'x', b: 'gone', reason: '', score: 0 }, tie)).toBeNull();
    // The fuller name wins even with fewer quotes.
    const fuller = [s('v', 'Vandermeer', 3, 3), s('i', 'Ilse Vandermeer', 0, 1)];
    expect(mergeDirection({ a: 'v', b: 'i', reason: '', score: 0 }, fuller)).toMatchObject({ keep: { id: 'i' }, merge: { id: 'v' } });
  });

  it('parses aliases', () => {
    expect(parseAliases(' Qureishi, F. Qureshi ,, Qureishi ')).toEqual(['Qureishi', 'F. Qureshi']);
  });
});
