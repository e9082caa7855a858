import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, isAsking, searchRequest } from './search-request.js';

describe('searchRequest', () => {
  it('sends only the filters that are set', () => {
    expect(searchRequest({ ...EMPTY_FORM, speaker: ' Kiyani ', stance: 'AGAINST' })).toEqual({ query: '', scope: 'spans', limit: 500, speaker: 'Kiyani', stance: 'AGAINST' });
    expect(searchRequest({ ...EMPTY_FORM, label: 'QUOTE', incomplete: true, targetId: 't1' })).toEqual({ query: '', scope: 'spans', limit: 500, label: 'QUOTE', incomplete: true, targetId: 't1' });
  });

  it('text search ignores annotation filters; an empty form asks nothing', () => {
    expect(searchRequest({ ...EMPTY_FORM, scope: 'text', query: 'reservoir', speaker: 'x' })).toEqual({ query: 'reservoir', scope: 'text', limit: 500 });
    expect(isAsking(EMPTY_FORM)).toBe(false);
    expect(isAsking({ ...EMPTY_FORM, scope: 'text', speaker: 'x' })).toBe(false);
    expect(isAsking({ ...EMPTY_FORM, incomplete: true })).toBe(true);
    expect(isAsking({ ...EMPTY_FORM, missing: 'speaker' })).toBe(true);
    expect(searchRequest({ ...EMPTY_FORM, missing: 'speaker' })).toEqual({ query: '', scope: 'spans', limit: 500, missing: 'speaker' });
  });
});
