import { describe, expect, it } from 'vitest';
import { describeChanges, documentChanges, TEXT_TOKEN } from './change-diff.js';

describe('documentChanges', () => {
  it('names the text, your layer and colleagues whose versions differ; a first answer changes nothing', () => {
    const before = { [TEXT_TOKEN]: 'sha1', ana: 'own:0', bob: '1:10:5', zoe: '2:3:4' };
    expect(documentChanges({}, before, 'ana')).toEqual({ text: false, own: false, others: [] });
    expect(documentChanges(before, { ...before, ana: 'own:1', zoe: '2:4:9', bob: '9:9:9' }, 'ana')).toEqual({ text: false, own: true, others: ['bob', 'zoe'] });
    expect(documentChanges(before, { ...before, [TEXT_TOKEN]: 'sha2' }, 'ana')).toEqual({ text: true, own: false, others: [] });
    expect(documentChanges(before, before, null)).toEqual({ text: false, own: false, others: [] });
  });

  it('says it in one sentence, or nothing', () => {
    expect(describeChanges('a.txt', { text: false, own: false, others: [] })).toBeNull();
    expect(describeChanges('a.txt', { text: true, own: true, others: [] })).toBe('a.txt changed on disk; it was read again.');
    expect(describeChanges('a.txt', { text: false, own: true, others: ['bob'] })).toBe("Your layer and bob's layer of a.txt changed in another window or process; shown as it is now.");
    expect(describeChanges('a.txt', { text: false, own: false, others: ['bob', 'zoe'] })).toBe("bob, zoe's layers of a.txt changed in another window or process; shown as it is now.");
  });
});
