// @vitest-environment jsdom
import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createOffsetMap } from '../../../../shared/offsets.js';
import { splitParagraphs } from '../../../../shared/text.js';
import type { Span } from '../../../../shared/model.js';
import { boundaryToOffset, offsetToBoundary } from './dom-offsets.js';
import { DocumentText } from './DocumentText.js';
import { bucketByParagraph, toDrawnSpans } from './highlight-layout.js';

// 🙂 is two UTF-16 units but one code point, so the QUOTE's code point offsets (3..9) differ
// from its UTF-16 offsets (3..10).
const TEXT = 'Hi 🙂 "Go now" he said.\r\n\r\nEnd.';

function span(id: string, start: number, end: number, label: string): Span {
  return { id, docId: 'd.txt', start, end, label, quote: '', prefix: '', suffix: '', attrs: {}, note: '', author: 'a', created: '', modified: '' };
}

function renderText(spans: Span[]) {
  const paragraphs = splitParagraphs(TEXT);
  const drawn = toDrawnSpans(spans, createOffsetMap(TEXT));
  const colors = new Map([
    ['QUOTE', '#e8a33d'],
    ['SOURCE', '#3fae6a'],
  ]);
  const { container } = render(
    <DocumentText text={TEXT} paragraphs={paragraphs} buckets={bucketByParagraph(drawn, paragraphs)} colors={colors} selectedSpanId={null} />,
  );
  return container.querySelector('.doc-text') as HTMLElement;
}

describe('DocumentText', () => {
  it('renders every character once, in segments whose data-start/data-end are UTF-16 offsets', () => {
    const root = renderText([span('q', 3, 21, 'QUOTE'), span('s', 6, 8, 'SOURCE')]);
    const segments = Array.from(root.querySelectorAll<HTMLElement>('[data-start]'));
    for (const el of segments) expect(el.textContent).toBe(TEXT.slice(Number(el.dataset.start), Number(el.dataset.end)));
    expect(segments.map((el) => el.textContent).join('')).toBe('Hi 🙂 "Go now" he said.End.');
  });

  it('lists covering spans outer first and tags each span where it starts', () => {
    const root = renderText([span('q', 3, 21, 'QUOTE'), span('s', 6, 8, 'SOURCE')]);
    const highlights = Array.from(root.querySelectorAll<HTMLElement>('.hl'));
    expect(highlights.map((el) => [el.textContent, el.dataset.spanIds, el.dataset.tag ?? ''])).toEqual([
      ['🙂 "', 'q', 'QUOTE'],
      ['Go', 'q s', 'SOURCE'],
      [' now" he said', 'q', ''],
    ]);
  });

  it('maps every rendered position back to the same offset', () => {
    const root = renderText([span('q', 3, 9, 'QUOTE')]);
    for (let u = 0; u <= TEXT.length; u += 1) {
      const point = offsetToBoundary(root, u);
      if (!point) throw new Error(`no point for ${u}`);
      const back = boundaryToOffset(root, point.node, point.offset);
      // Paragraphs are [0,23), the empty line [25,25) and [27,31); a position inside a CRLF
      // lands on the end of the paragraph before it.
      const expected = u === 24 ? 23 : u === 26 ? 25 : u;
      expect([u, back]).toEqual([u, expected]);
    }
  });
});
