import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS } from '../../../../shared/model.js';
import { formProblem, parseValues, schemaRequest, toRows } from './schema-form.js';

const stance = { FAVOR: 'Favor', AGAINST: 'Against', NONE: 'None' };

describe('schema form', () => {
  it('round-trips the default labels and sends a rename for an edited name', () => {
    const rows = toRows(DEFAULT_LABELS);
    expect(schemaRequest(rows, stance)).toEqual({ labels: DEFAULT_LABELS, stanceLabels: stance, renames: [] });
    rows[0]!.name = 'Quotation';
    rows[0]!.attributes[0]!.values = 'direct, indirect, mixed, partial';
    const request = schemaRequest(rows, stance);
    expect(request.renames).toEqual([{ from: 'QUOTE', to: 'Quotation' }]);
    expect(request.labels[0]).toMatchObject({ name: 'Quotation', attributes: [{ name: 'form', values: ['direct', 'indirect', 'mixed', 'partial'] }] });
  });

  it('explains what is wrong', () => {
    const rows = toRows(DEFAULT_LABELS);
    expect(formProblem(rows)).toBeNull();
    expect(formProblem([])).toMatch(/at least one/);
    expect(formProblem([{ ...rows[0]!, name: '1bad' }])).toMatch(/letter/);
    expect(formProblem([rows[0]!, { ...rows[1]!, key: 'q' }])).toMatch(/taken/);
    expect(formProblem([{ ...rows[0]!, key: 'n' }])).toMatch(/used by the app/);
    expect(parseValues(' yes, no ,, yes')).toEqual(['yes', 'no']);
  });
});
