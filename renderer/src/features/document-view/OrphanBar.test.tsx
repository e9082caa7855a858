// @vitest-environment jsdom
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Orphan } from '../../../../shared/anchoring.js';
import type { Span } from '../../../../shared/model.js';
import { OrphanBar, type OrphanBarProps } from './OrphanBar.js';

const orphan = (id: string, quote: string): Orphan => ({
  span: { id, docId: 'a.txt', start: 0, end: quote.length, label: 'QUOTE', quote, prefix: '', suffix: '', attrs: {}, note: '', author: 'a', created: '', modified: '' } satisfies Span,
  relations: [],
  reason: 'its text is no longer in the article',
  since: '',
});

function bar(over: Partial<OrphanBarProps> = {}) {
  const props: OrphanBarProps = {
    reanchored: { moved: 3, orphaned: 2 },
    orphans: [orphan('s1', '“we go”'), orphan('s2', 'later')],
    colors: new Map(),
    currentId: null,
    readOnly: false,
    onCurrent: vi.fn(),
    onPlace: vi.fn(),
    onDelete: vi.fn(),
    onDismiss: vi.fn(),
    ...over,
  };
  return { props, ...render(<OrphanBar {...props} />) };
}

afterEach(cleanup);

describe('OrphanBar', () => {
  it('says what moved and what was lost, and lists each orphan with its reason; the first is current', () => {
    const { getByTestId, getAllByTestId } = bar();
    expect(getByTestId('reanchor-notice').textContent).toContain('3 spans found again at a new place, 2 could not be placed with confidence.');
    const rows = getAllByTestId('orphan-row');
    expect(rows.map((r) => r.textContent)).toEqual([expect.stringContaining('“we go”its text is no longer in the article'), expect.stringContaining('later')]);
    expect(rows.map((r) => r.getAttribute('aria-selected'))).toEqual(['true', 'false']);
  });

  it('moves the current orphan with the arrows and deletes it with Delete', () => {
    const { props, getByTestId } = bar({ currentId: 's1' });
    fireEvent.keyDown(getByTestId('orphan-list'), { key: 'ArrowDown' });
    expect(props.onCurrent).toHaveBeenCalledWith('s2');
    fireEvent.keyDown(getByTestId('orphan-list'), { key: 'Delete' });
    expect(props.onDelete).toHaveBeenCalledWith('s1');
  });

  it('read-only (a colleague’s layer): shown, no buttons, keys do nothing; nothing at all when there is nothing to say', () => {
    const { props, getByTestId, queryAllByTestId } = bar({ readOnly: true });
    expect(queryAllByTestId('orphan-place')).toEqual([]);
    fireEvent.keyDown(getByTestId('orphan-list'), { key: 'Delete' });
    expect(props.onDelete).not.toHaveBeenCalled();
    const empty = render(<OrphanBar {...props} reanchored={null} orphans={[]} />);
    expect(empty.container.innerHTML).toBe('');
  });
});
