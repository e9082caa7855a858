import { describe, expect, it } from 'vitest';
import type { Speaker } from './model.js';
import { findDuplicateSpeakers, findSpeakers, normalizeName } from './speakers.js';

const sp = (id: string, name: string, aliases: string[] = [], kind: Speaker['kind'] = 'person'): Speaker => ({ id, name, aliases, kind, affiliation: '', role: '' });

const registry = [
  sp('kayani', 'Ashfaq Parvez Kayani', ['Gen Kayani']),
  sp('qureshi', 'Farhana Qureshi'),
  sp('renner', 'Tobias Renner'),
  sp('ispr', 'Inter-Services Public Relations', ['ISPR'], 'organization'),
  sp('anon', 'a senior ministry official', [], 'anonymous'),
  sp('mullen', 'Mike Mullen', ['Admiral Mullen']),
];

describe('normalizeName', () => {
  it('folds case, accents, punctuation and titles', () => {
    expect(normalizeName('Gen. Ashfaq Parvez Kayani')).toBe('ashfaq parvez kayani');
    expect(normalizeName('Dr Zoë O’Neill-Smith')).toBe('zoe o neill smith');
    expect(normalizeName('Minister')).toBe('minister');
  });
});

describe('findSpeakers', () => {
  const top = (q: string) => findSpeakers(registry, q)[0]?.speaker.id;
  it.each([
    ['Kayani', 'kayani'],
    ['Kiyani', 'kayani'],
    ['Gen Kayani', 'kayani'],
    ['General Kayani', 'kayani'],
    ['Parvez Kayani', 'kayani'],
    ['kayani ashfaq', 'kayani'],
    ['Qureishi', 'qureshi'],
    ['Minister Qureshi', 'qureshi'],
    ['farhana', 'qureshi'],
    ['ISPR', 'ispr'],
    ['inter services', 'ispr'],
    ['senior ministry official', 'anon'],
    ['Admiral Mullen', 'mullen'],
    ['Renner', 'renner'],
  ])('%s finds %s', (query, id) => {
    expect(top(query)).toBe(id);
  });

  it('finds nothing for an unrelated name and everything for an empty query', () => {
    expect(findSpeakers(registry, 'Zhang Wei')).toEqual([]);
    expect(findSpeakers(registry, '  ').map((m) => m.speaker.id)).toEqual(registry.map((s) => s.id));
  });

  it('finds the full name from title + surname and from a misspelt surname, without any alias', () => {
    const bare = [sp('kayani', 'Ashfaq Parvez Kayani'), sp('khar', 'Hina Rabbani Khar'), sp('mullen', 'Mike Mullen')];
    for (const q of ['Gen Kayani', 'Gen. Kiyani', 'Kiyani', 'General Ashfaq Kayani']) expect(findSpeakers(bare, q)[0]?.speaker.id, q).toBe('kayani');
    expect(findSpeakers(bare, 'Gen Kayani').map((m) => m.speaker.id)).toEqual(['kayani']);
  });

  it('says which name or alias matched', () => {
    expect(findSpeakers(registry, 'ISPR')[0]!.matched).toBe('ISPR');
  });
});

describe('findDuplicateSpeakers', () => {
  it('pairs spelling variants and title + surname with the full name', () => {
    const dups = findDuplicateSpeakers([
      sp('a', 'Farhana Qureshi'),
      sp('b', 'Farhana Qureishi'),
      sp('c', 'Ashfaq Parvez Kayani'),
      sp('d', 'Gen Kayani'),
      sp('e', 'Tobias Renner'),
      sp('f', 'Ilse Vandermeer'),
    ]);
    expect(dups.map((d) => [d.a, d.b].sort().join('+')).sort()).toEqual(['a+b', 'c+d']);
    expect(dups.find((d) => d.a === 'c' || d.b === 'c')!.reason).toMatch(/short form/);
    expect(dups.find((d) => d.a === 'a' || d.b === 'a')!.reason).toMatch(/spelling/);
  });

  it('does not pair anonymous descriptions by shared words alone', () => {
    expect(findDuplicateSpeakers([sp('x', 'a senior security official', [], 'anonymous'), sp('y', 'a senior ministry official', [], 'anonymous')])).toEqual([]);
  });
});

describe('guessSpeakerKind', () => {
  it('tells anonymous descriptions, organisations and people apart', async () => {
    const { guessSpeakerKind } = await import('./speakers.js');
    expect(guessSpeakerKind('a senior security official')).toBe('anonymous');
    expect(guessSpeakerKind('officials privy to the discussions')).toBe('anonymous');
    expect(guessSpeakerKind('A Western diplomat')).toBe('anonymous');
    expect(guessSpeakerKind('Ministry of Foreign Affairs')).toBe('organization');
    expect(guessSpeakerKind('Pakistan Army')).toBe('organization');
    expect(guessSpeakerKind('Ashfaq Parvez Kayani')).toBe('person');
    expect(guessSpeakerKind('Gen Kayani')).toBe('person');
  });
});

describe('findSpeakers with a fuller name', () => {
  it('finds a surname-only entry from a full name, after entries matching every word', async () => {
    const { findSpeakers } = await import('./speakers.js');
    const sp = (id: string, name: string): Speaker => ({ id, name, aliases: [], kind: 'person', affiliation: '', role: '' });
    const list = [sp('v', 'Vandermeer'), sp('i', 'Ilse Vandermeer'), sp('r', 'Tobias Renner')];
    expect(findSpeakers(list, 'Ilse Vandermeer').map((m) => m.speaker.id)).toEqual(['i', 'v']);
    expect(findSpeakers([sp('v', 'Vandermeer')], 'Ilse Vandermeer').map((m) => m.speaker.id)).toEqual(['v']);
  });
});
