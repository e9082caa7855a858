import { describe, expect, it } from 'vitest';
import type { Speaker } from '../../../../shared/model.js';
import { suggestQuotes } from '../../../../shared/suggest/suggest.js';
import { invert } from '../history/commands.js';
import { acceptCommand } from './accept-commands.js';

// “No,” 0-5 · Ana Ruiz 6-14 · said 15-19 · “Never.” 21-29 (continues the same attribution).
const text = '“No,” Ana Ruiz said. “Never.”';
const labels = { QUOTE: 'QUOTE', SOURCE: 'SOURCE', CUE: 'CUE' };
const ids = () => {
  let n = 0;
  return (prefix: string) => `${prefix}_${(n += 1)}`;
};

describe('acceptCommand', () => {
  it('makes one batch: the new speaker, each quote with provenance, source and cue made once and linked', () => {
    const command = acceptCommand(suggestQuotes(text), { docId: 'a.txt', spans: [], registry: [], labels, annotator: 'ana', now: 'T', newId: ids() });
    expect(command?.kind).toBe('batch');
    if (command?.kind !== 'batch') return;
    expect(command.title).toBe('accept 2 suggestions');
    const provenance = (id: string) => ({ from: 'suggester', sourceSpanId: id, decidedBy: 'ana', decidedAt: 'T', suggested: true });
    expect(command.commands).toEqual([
      { kind: 'create-speaker', speaker: { id: 'sp_1', name: 'Ana Ruiz', aliases: [], kind: 'person', affiliation: '', role: '' } },
      { kind: 'create-span', docId: 'a.txt', span: { id: 's_2', start: 0, end: 5, label: 'QUOTE', provenance: provenance('sg_0_5'), attrs: { form: 'direct' }, speakerId: 'sp_1' }, relations: [] },
      { kind: 'create-span', docId: 'a.txt', span: { id: 's_3', start: 6, end: 14, label: 'SOURCE', provenance: provenance('sg_0_5'), speakerId: 'sp_1' }, relations: [] },
      { kind: 'add-relation', docId: 'a.txt', relation: { id: 'r_4', head: 's_2', child: 's_3', label: 'source' } },
      { kind: 'create-span', docId: 'a.txt', span: { id: 's_5', start: 15, end: 19, label: 'CUE', provenance: provenance('sg_0_5') }, relations: [] },
      { kind: 'add-relation', docId: 'a.txt', relation: { id: 'r_6', head: 's_2', child: 's_5', label: 'cue' } },
      // The second quote reuses the speaker, source mention and cue the first one made.
      { kind: 'create-span', docId: 'a.txt', span: { id: 's_7', start: 21, end: 29, label: 'QUOTE', provenance: provenance('sg_21_29'), attrs: { form: 'direct' }, speakerId: 'sp_1' }, relations: [] },
      { kind: 'add-relation', docId: 'a.txt', relation: { id: 'r_8', head: 's_7', child: 's_3', label: 'source' } },
      { kind: 'add-relation', docId: 'a.txt', relation: { id: 'r_9', head: 's_7', child: 's_5', label: 'cue' } },
    ]);
    // Undo removes it all, last first.
    const undo = invert(command);
    expect(undo.kind === 'batch' && undo.commands.map((c) => c.kind)).toEqual(['delete-relation', 'delete-relation', 'delete-span', 'delete-relation', 'delete-span', 'delete-relation', 'delete-span', 'delete-span', 'delete-speaker']);
  });

  it('puts every new speaker before the document edits, so the edits are one run (one request) and undo deletes the speakers last', () => {
    const two = '“No,” Ana Ruiz said. Then “Yes,” Omar Tahir said.';
    const command = acceptCommand(suggestQuotes(two), { docId: 'a.txt', spans: [], registry: [], labels, annotator: 'ana', now: 'T', newId: ids() });
    const kinds = command?.kind === 'batch' ? command.commands.map((c) => c.kind) : [];
    expect(kinds.slice(0, 2)).toEqual(['create-speaker', 'create-speaker']);
    expect(kinds.slice(2).every((k) => k === 'create-span' || k === 'add-relation')).toBe(true);
    const undo = invert(command!);
    expect(undo.kind === 'batch' && undo.commands.slice(-2).map((c) => c.kind)).toEqual(['delete-speaker', 'delete-speaker']);
  });

  it('links registry speakers and existing spans instead of making new ones', () => {
    const ruiz: Speaker = { id: 'sp_ruiz', name: 'Ana Ruiz', aliases: [], kind: 'person', affiliation: '', role: '' };
    const [first] = suggestQuotes(text);
    const command = acceptCommand([first!], { docId: 'a.txt', spans: [{ id: 's_cue', start: 15, end: 19, label: 'CUE' }], registry: [ruiz], labels, annotator: 'ana', now: 'T', newId: ids() });
    expect(command?.kind === 'batch' && command.commands.map((c) => [c.kind, c.kind === 'add-relation' ? c.relation.child : c.kind === 'create-span' ? c.span.speakerId : null])).toEqual([
      ['create-span', 'sp_ruiz'],
      ['create-span', 'sp_ruiz'],
      ['add-relation', 's_2'],
      ['add-relation', 's_cue'],
    ]);
    expect(acceptCommand([], { docId: 'a.txt', spans: [], registry: [], labels, annotator: 'ana', now: 'T', newId: ids() })).toBeNull();
  });
});
