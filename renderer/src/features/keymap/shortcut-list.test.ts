import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../../../shared/model.js';
import { shortcutGroups } from './shortcut-list.js';

describe('shortcutGroups', () => {
  const groups = shortcutGroups(DEFAULT_LABELS);
  const keys = new Set(groups.flatMap((g) => g.items.flatMap((i) => i.keys)));

  it('lists every key the annotation and review workflow binds', () => {
    const bound = [
      // labels, links, stance, fragments, notes, attributes, navigation, status
      'Q', 'C', 'S', 'V', 'L', 'T', '1', '2', '3', 'R', 'U', 'A', 'E', 'F', 'N', 'P', 'D', 'Delete', 'Esc',
      // undo, find, search, views
      'Ctrl+Z', 'Ctrl+Shift+Z', 'Ctrl+Y', 'Ctrl+F', 'Ctrl+Shift+F', 'G', 'O', 'Shift+R', '?', 'Alt+F', 'Ctrl+O',
      // documents
      'Alt+↓', 'Alt+↑', 'J', 'K',
      // review
      'Shift+N', 'Shift+P', 'X', 'Shift+A', 'Shift+C',
    ];
    expect(bound.filter((k) => !keys.has(k))).toEqual([]);
  });

  it('names the key of every label from the schema, and no key twice in a group', () => {
    const labels = [...DEFAULT_LABELS, { name: 'EVENT', color: '#000000', key: 'w', attributes: [] }];
    expect(shortcutGroups(labels)[0]!.items).toContainEqual({ keys: ['W'], action: 'Label the selection EVENT' });
    for (const g of groups) {
      const all = g.items.flatMap((i) => i.keys);
      expect(all.filter((k, i) => all.indexOf(k) !== i), g.title).toEqual([]);
    }
  });
});
