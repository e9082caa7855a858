import { describe, expect, it } from 'vitest';
import { BINDINGS, displayChord, isDispatched, type Binding } from './bindings.js';
import { candidates, contextApplies, matchChord, type KeyEnv, type KeyPress } from './dispatch.js';

const press = (key: string, mods: Partial<Omit<KeyPress, 'key'>> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });
const idle: KeyEnv = { typing: false, overlay: false, inText: false, inList: false, inSpanList: false, inDocPane: true };
const all = () => true;
const ids = (p: KeyPress, env: KeyEnv = idle, live: (id: string) => boolean = all) => candidates(BINDINGS, p, env, live).map((c) => c.binding.id);

describe('matchChord', () => {
  it('matches letters in either case, Ctrl as Cmd, and Shift exactly unless the binding ignores it', () => {
    expect(matchChord('Ctrl+Z', press('z', { ctrlKey: true }))).toBe(true);
    expect(matchChord('Ctrl+Z', press('z', { metaKey: true }))).toBe(true);
    expect(matchChord('Ctrl+Z', press('Z', { ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(matchChord('Ctrl+Shift+Z', press('Z', { ctrlKey: true, shiftKey: true }))).toBe(true);
    expect(matchChord('N', press('N', { shiftKey: true }))).toBe(false);
    expect(matchChord('N', press('N', { shiftKey: true }), true)).toBe(true);
    expect(matchChord('Alt+ArrowDown', press('ArrowDown', { altKey: true }))).toBe(true);
    expect(matchChord('ArrowDown', press('ArrowDown', { altKey: true }))).toBe(false);
    expect(matchChord('Space', press(' '))).toBe(true);
    expect(matchChord('?', press('?', { shiftKey: true }), true)).toBe(true);
  });
});

describe('contexts', () => {
  it('keeps typing and dialogs away from everything but the global keys', () => {
    const typing = { ...idle, typing: true };
    const dialog = { ...idle, overlay: true };
    for (const context of ['app', 'document', 'span', 'review', 'suggestions'] as const) {
      expect(contextApplies(context, typing), context).toBe(false);
      expect(contextApplies(context, dialog), context).toBe(false);
    }
    expect(contextApplies('global', typing)).toBe(true);
    expect(contextApplies('suggestions', { ...idle, inDocPane: false })).toBe(false);
    expect(contextApplies('text', idle)).toBe(false);
    expect(contextApplies('text', { ...idle, inText: true, overlay: true })).toBe(true);
    expect(contextApplies('dialog', idle)).toBe(false);
  });

  it('sends a key to the focused pane first, then to the app', () => {
    const inText = { ...idle, inText: true };
    expect(ids(press('Escape'), inText)).toEqual(['text.clear', 'suggest.hide']);
    expect(ids(press('ArrowDown'), inText)).toEqual(['text.paragraph']);
    expect(ids(press('ArrowDown'), { ...idle, inList: true })).toEqual(['list.move']);
    expect(ids(press('ArrowDown', { altKey: true }), { ...idle, inList: true })).toEqual(['document.neighbour']);
    expect(ids(press('z', { ctrlKey: true }), { ...idle, typing: true })).toEqual([]);
    expect(ids(press('o', { ctrlKey: true }), { ...idle, typing: true, overlay: true })).toEqual(['corpus.open']);
  });

  it('offers a plain letter to the label keys and to the command bound to it, label keys first', () => {
    expect(ids(press('n'))).toEqual(['label.apply', 'span.neighbour', 'review.step']);
    expect(ids(press('N', { shiftKey: true }))).toEqual(['label.apply', 'span.neighbour', 'review.conflict']);
    expect(ids(press('n'), idle, (id) => id === 'review.step')).toEqual(['review.step']);
    expect(candidates(BINDINGS, press('Q', { shiftKey: true }), idle, all)[0]).toMatchObject({ chord: 'q' });
    expect(ids(press('q', { ctrlKey: true }))).toEqual([]);
  });
});

describe('the table', () => {
  it('binds no chord twice in one context, and every command once', () => {
    const seen = new Map<string, string>();
    for (const b of BINDINGS as readonly Binding[]) {
      for (const k of b.keys) {
        const where = `${b.context} ${k}`;
        expect(seen.get(where), `${b.id} and ${seen.get(where)} both bind ${k} in ${b.context}`).toBeUndefined();
        seen.set(where, b.id);
      }
    }
    const idList = BINDINGS.map((b) => b.id);
    expect(new Set(idList).size).toBe(idList.length);
  });

  it('has a description and keys for every row, and writes chords as people read them', () => {
    for (const b of BINDINGS as readonly Binding[]) {
      expect(b.description.length, b.id).toBeGreaterThan(3);
      expect(b.keys.length > 0 || b.labelKeys === true, b.id).toBe(true);
      if (!isDispatched(b)) expect(b.labelKeys, b.id).toBeUndefined();
    }
    expect(displayChord('Ctrl+Shift+ArrowLeft')).toBe('Ctrl+Shift+←');
    expect(displayChord('Escape')).toBe('Esc');
    expect(displayChord('x')).toBe('X');
  });
});
