// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { customHighlights, NewSpanHighlights, newSpanHighlightCss, newSpanHighlightName, textRange, type HighlightLike, type HighlightRegistry } from './custom-highlights.js';

/** A stand-in for CSS.highlights and Highlight, which jsdom lacks. */
function fakeApi() {
  class FakeHighlight implements HighlightLike {
    readonly ranges = new Set<AbstractRange>();
    constructor(...ranges: AbstractRange[]) {
      for (const r of ranges) this.ranges.add(r);
    }
    add(range: AbstractRange) {
      this.ranges.add(range);
    }
    delete(range: AbstractRange) {
      return this.ranges.delete(range);
    }
    has(range: AbstractRange) {
      return this.ranges.has(range);
    }
    get size() {
      return this.ranges.size;
    }
  }
  const map = new Map<string, HighlightLike>();
  const registry: HighlightRegistry = {
    set: (name, value) => void map.set(name, value),
    get: (name) => map.get(name),
    delete: (name) => map.delete(name),
  };
  return { api: { registry, Highlight: FakeHighlight }, map };
}

function paragraph(): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = '<p class="para" data-para-start="0" data-para-end="24"><span data-start="0" data-end="9">One said </span><span class="hl" data-start="9" data-end="13" data-span-ids="a">this</span><span data-start="13" data-end="24"> and that.</span></p>';
  document.body.append(root);
  return root;
}

describe('the custom highlight API, feature-detected', () => {
  it('is missing in jsdom, so new spans are not painted early and the view draws them at once', () => {
    expect(customHighlights()).toBeNull();
    const spans = new NewSpanHighlights();
    expect(spans.supported).toBe(false);
    const root = paragraph();
    expect(spans.show('s1', textRange(root, 4, 8)!, 'qb-new-0')).toBe(false);
    expect(spans.size).toBe(0);
    root.remove();
  });

  it('paints each new span under its label’s name and takes it away once drawn, dropping empty names', () => {
    const { api, map } = fakeApi();
    const spans = new NewSpanHighlights(api);
    expect(spans.supported).toBe(true);
    const root = paragraph();
    const said = textRange(root, 4, 8)!;
    const across = textRange(root, 9, 17)!;
    expect(said.toString()).toBe('said');
    expect(across.toString()).toBe('this and');
    expect(spans.show('s1', said, 'qb-new-0')).toBe(true);
    expect(spans.show('s2', across, 'qb-new-0')).toBe(true);
    expect(spans.show('s3', said, 'qb-new-2')).toBe(true);
    expect([...map.keys()]).toEqual(['qb-new-0', 'qb-new-2']);
    expect(map.get('qb-new-0')!.size).toBe(2);

    spans.dropDrawn((id) => id === 's1' || id === 's3');
    expect(spans.size).toBe(1);
    expect(map.get('qb-new-0')!.has(across)).toBe(true);
    expect(map.get('qb-new-0')!.has(said)).toBe(false);
    expect(map.has('qb-new-2')).toBe(false);

    spans.drop('s2');
    spans.drop('s2');
    expect(map.size).toBe(0);
    spans.show('s4', said, 'qb-new-1');
    spans.clear();
    expect(map.size).toBe(0);
    expect(spans.size).toBe(0);
    root.remove();
  });

  it('styles each label’s name with the fill of a selected span of that colour', () => {
    expect(newSpanHighlightName(3)).toBe('qb-new-3');
    expect(newSpanHighlightCss([{ color: '#e8a33d' }, { color: '#3d7be8' }])).toBe(
      '::highlight(qb-new-0) { background-color: rgba(232, 163, 61, 0.42); }\n::highlight(qb-new-1) { background-color: rgba(61, 123, 232, 0.42); }',
    );
  });
});
