import { describe, expect, it } from 'vitest';
import type { Overview } from '../../../../shared/api.js';
import { documentRows, progressLine, shortName, stanceRows, topSpeakers } from './overview-data.js';

const overview: Overview = {
  progress: { todo: 5, inProgress: 2, done: 1 },
  documents: [{ id: 'a.txt', title: 'Harbour towns reach a tentative deal on river water', status: 'done', spans: 6, quotes: 3, quotesWithSpeaker: 3, quotesWithStance: 2 }],
  quotesPerSpeaker: [
    { speakerId: 'b', name: 'Tobias Renner', kind: 'person', quotes: 1 },
    { speakerId: 'a', name: 'Farhana Qureshi', kind: 'person', quotes: 3 },
    { speakerId: 'c', name: 'a senior ministry official', kind: 'anonymous', quotes: 1 },
    { speakerId: 'd', name: 'Nobody', kind: 'person', quotes: 0 },
  ],
  stanceBySpeaker: [
    { speakerId: 'a', name: 'Farhana Qureshi', FAVOR: 2, AGAINST: 0, NONE: 0 },
    { speakerId: 'b', name: 'Tobias Renner', FAVOR: 0, AGAINST: 1, NONE: 2 },
    { speakerId: 'd', name: 'Nobody', FAVOR: 0, AGAINST: 0, NONE: 0 },
  ],
  stanceByTarget: [],
  unattributed: 2,
};

describe('overview data', () => {
  it('ranks speakers by quotes and drops the unquoted', () => {
    expect(topSpeakers(overview).map((s) => s.speakerId)).toEqual(['a', 'c', 'b']);
    expect(topSpeakers(overview, 1)).toHaveLength(1);
  });

  it('ranks stance rows by total and drops empty ones', () => {
    expect(stanceRows(overview.stanceBySpeaker, (r) => r.name).map((r) => [r.speakerId, r.total])).toEqual([
      ['b', 3],
      ['a', 2],
    ]);
  });

  it('splits each document into complete quotes, incomplete quotes and other spans', () => {
    expect(documentRows(overview)[0]).toMatchObject({ complete: 2, incomplete: 1, other: 3, short: 'Harbour towns reach a ten…' });
    expect(progressLine(overview)).toBe('1 of 8 done · 2 in progress · 5 to do');
    expect(shortName('short')).toBe('short');
  });
});
