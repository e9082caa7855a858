import { describe, expect, it } from 'vitest';
import { parseLabelMap } from './label-map.js';

describe('parseLabelMap', () => {
  it('reads FROM=TO pairs and refuses anything else', () => {
    expect(parseLabelMap('Content=QUOTE, Source = SOURCE,,Cue=CUE')).toEqual({ map: { Content: 'QUOTE', Source: 'SOURCE', Cue: 'CUE' } });
    expect(parseLabelMap('')).toEqual({ map: {} });
    expect(parseLabelMap('Content')).toEqual({ error: expect.stringContaining('"Content" is not FROM=TO') });
    expect(parseLabelMap('a=1bad')).toHaveProperty('error');
  });
});
