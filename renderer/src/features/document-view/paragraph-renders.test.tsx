// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createOffsetMap } from '../../../../shared/offsets.js';
import { splitParagraphs } from '../../../../shared/text.js';
import type { Span } from '../../../../shared/model.js';
import { DocumentText } from './DocumentText.js';
import { bucketByParagraph, shareBuckets, toDrawnSpans, type DrawnSpan } from './highlight-layout.js';

// A paragraph with spans calls buildSegments once per render: counting its calls counts renders.
const segmentCalls = vi.hoisted(() => ({ starts: [] as number[] }));
vi.mock('../../../../shared/segments.js', async (original) => {
  const real = await original<typeof import('../../../../shared/segments.js')>();
  return {
    ...real,
    buildSegments: (...args: Parameters<typeof real.buildSegments>) => {
      segmentCalls.starts.push(args[0]);
      return real.buildSegments(...args);
    },
  };
});

const TEXT = 'One said so.\nTwo said no.\nThree said maybe.\nFour said nothing.';

function span(id: string, start: number, end: number): Span {
  return { id, docId: 'd.txt', start, end, label: 'QUOTE', quote: '', prefix: '', suffix: '', attrs: {}, note: '', author: 'a', created: '', modified: '' };
}

describe('an added span re-renders only its paragraph', () => {
  beforeEach(() => {
    segmentCalls.starts = [];
  });

  it('leaves every other paragraph un-rendered', () => {
    const paragraphs = splitParagraphs(TEXT);
    const map = createOffsetMap(TEXT);
    const colors = new Map([['QUOTE', '#e8a33d']]);
    // A span in every paragraph, so each one draws segments.
    const spans = paragraphs.map((p, i) => span(`s${i}`, p.start, p.start + 3));
    const before = shareBuckets(null, bucketByParagraph(toDrawnSpans(spans, map), paragraphs));
    const view = render(<DocumentText text={TEXT} paragraphs={paragraphs} buckets={before} colors={colors} selectedSpanId={null} />);
    expect(segmentCalls.starts).toEqual(paragraphs.map((p) => p.start));

    segmentCalls.starts = [];
    const third = paragraphs[2] as { start: number; end: number };
    const added = [...spans, span('new', third.start + 6, third.start + 10)].sort((a, b) => a.start - b.start || b.end - a.end);
    const after = shareBuckets(before, bucketByParagraph(toDrawnSpans(added, map), paragraphs));
    view.rerender(<DocumentText text={TEXT} paragraphs={paragraphs} buckets={after} colors={colors} selectedSpanId={null} />);
    expect(segmentCalls.starts).toEqual([third.start]);
    expect(Array.from(view.container.querySelectorAll('[data-span-ids="new"]')).map((el) => el.textContent)).toEqual(['said']);
  });

  it('would re-render nothing when the buckets are unchanged', () => {
    const paragraphs = splitParagraphs(TEXT);
    const colors = new Map([['QUOTE', '#e8a33d']]);
    const spans = [span('a', 0, 3)];
    const buckets: readonly (readonly DrawnSpan[])[] = shareBuckets(null, bucketByParagraph(toDrawnSpans(spans, createOffsetMap(TEXT)), paragraphs));
    const view = render(<DocumentText text={TEXT} paragraphs={paragraphs} buckets={buckets} colors={colors} selectedSpanId={null} />);
    segmentCalls.starts = [];
    view.rerender(<DocumentText text={TEXT} paragraphs={paragraphs} buckets={shareBuckets(buckets, bucketByParagraph(toDrawnSpans(spans, createOffsetMap(TEXT)), paragraphs))} colors={colors} selectedSpanId={null} />);
    expect(segmentCalls.starts).toEqual([]);
  });
});
