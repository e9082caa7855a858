import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from './model.js';
import { resolveLabel, validateLabels } from './schema.js';

describe('validateLabels', () => {
  it('accepts the default schema', () => {
    expect(validateLabels(DEFAULT_LABELS)).toBeNull();
  });
  it('names what is wrong', () => {
    const l = (over: object) => [{ ...DEFAULT_LABELS[0]!, ...over }];
    expect(validateLabels([])).toMatch(/at least one/);
    expect(validateLabels(l({ name: '9X' }))).toMatch(/start with a letter/);
    expect(validateLabels(l({ color: 'red' }))).toMatch(/#rrggbb/);
    expect(validateLabels(l({ key: 'n' }))).toMatch(/used by the app/);
    expect(validateLabels(l({ key: 'QQ' }))).toMatch(/one lower-case/);
    expect(validateLabels([{ ...DEFAULT_LABELS[0]!, key: '' }, { ...DEFAULT_LABELS[1]!, key: '' }])).toBeNull();
    expect(validateLabels([DEFAULT_LABELS[0]!, { ...DEFAULT_LABELS[1]!, key: 'q' }])).toMatch(/taken/);
    expect(validateLabels([DEFAULT_LABELS[0]!, { ...DEFAULT_LABELS[1]!, name: 'QUOTE' }])).toMatch(/two labels/);
    expect(validateLabels(l({ attributes: [{ name: 'form', values: [] }] }))).toMatch(/at least one value/);
  });
});

describe('resolveLabel', () => {
  it('maps a former name to the current one', () => {
    const schema = { labels: [{ ...DEFAULT_LABELS[0]!, name: 'QUOTATION', formerNames: ['QUOTE'] }] };
    expect(resolveLabel(schema, 'QUOTE')).toBe('QUOTATION');
    expect(resolveLabel(schema, 'QUOTATION')).toBe('QUOTATION');
    expect(resolveLabel(schema, 'OTHER')).toBe('OTHER');
  });
});

describe('labelRole', () => {
  it('keeps a label’s meaning through renames', async () => {
    const { labelRole, labelForRole } = await import('./schema.js');
    const labels = [
      { name: 'Quotation', color: '#000000', key: 'q', attributes: [], formerNames: ['QUOTE'] },
      { name: 'SOURCE', color: '#000000', key: 's', attributes: [] },
      { name: 'Topic', color: '#000000', key: 'x', attributes: [] },
    ];
    expect(labelRole(labels, 'Quotation')).toBe('QUOTE');
    expect(labelRole(labels, 'QUOTE')).toBe('QUOTE');
    expect(labelRole(labels, 'SOURCE')).toBe('SOURCE');
    expect(labelRole(labels, 'Topic')).toBeNull();
    expect(labelRole(labels, 'CUE')).toBe('CUE');
    expect(labelForRole(labels, 'QUOTE')).toBe('Quotation');
    expect(labelForRole(labels, 'CUE')).toBe('CUE');
  });
});
