// @vitest-environment jsdom
import { act, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { splitParagraphs } from '../../../../shared/text.js';
import { boundaryToOffset, offsetToBoundary } from './dom-offsets.js';
import { DocumentText, EAGER_CHARS, RUN_PARAGRAPHS } from './DocumentText.js';
import { paragraphRuns } from './paragraph-runs.js';

describe('paragraphRuns', () => {
  it('cuts the paragraphs into runs of the given size and counts the empty ones', () => {
    const paras = [
      { start: 0, end: 3 },
      { start: 4, end: 4 },
      { start: 5, end: 9 },
      { start: 10, end: 12 },
      { start: 13, end: 13 },
    ];
    expect(paragraphRuns(paras, 2)).toEqual([
      { first: 0, end: 2, empty: 1 },
      { first: 2, end: 4, empty: 0 },
      { first: 4, end: 5, empty: 1 },
    ]);
    expect(paragraphRuns([], 2)).toEqual([]);
  });
});

// An IntersectionObserver that never reports: no run comes near the view.
class SilentObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

describe('a long text before and after its runs are built', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('IntersectionObserver', SilentObserver);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('maps every offset the same way, and the built runs hold one paragraph per line', () => {
    // Lines of 99 characters (100 with the line break), a 👍 in each so UTF-16 offsets are checked.
    const line = (i: number) => `Line ${String(i).padStart(4, '0')} 👍 ${'x'.repeat(86)}`;
    const count = Math.ceil(EAGER_CHARS / 100) + 3 * RUN_PARAGRAPHS;
    const text = Array.from({ length: count }, (_, i) => line(i)).join('\n');
    const paragraphs = splitParagraphs(text);
    const { container } = render(<DocumentText text={text} paragraphs={paragraphs} buckets={[]} colors={new Map()} selectedSpanId={null} />);
    const root = container.querySelector('.doc-text') as HTMLElement;
    const probes = [0, 5, EAGER_CHARS - 1, EAGER_CHARS + 307, text.length - 40, text.length];
    const roundTrip = () =>
      probes.map((u) => {
        const point = offsetToBoundary(root, u);
        return point ? boundaryToOffset(root, point.node, point.offset) : null;
      });

    expect(root.querySelectorAll('.para-bulk').length).toBeGreaterThan(1);
    expect(roundTrip()).toEqual(probes);
    const lastRun = root.lastElementChild as HTMLElement;
    expect(lastRun.textContent).toBe(text.slice(Number(lastRun.dataset.runStart), Number(lastRun.dataset.runEnd)));

    // One run is built per idle moment (a timeout here).
    for (let i = 0; i < 20 && root.querySelector('.para-bulk'); i += 1) act(() => vi.runAllTimers());
    expect(root.querySelectorAll('.para-bulk')).toHaveLength(0);
    expect(root.querySelectorAll('.para')).toHaveLength(count);
    expect(roundTrip()).toEqual(probes);
  });
});
