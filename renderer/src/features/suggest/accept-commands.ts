/**
 * The undoable edit that accepts suggestions: per suggestion a QUOTE span (form, speaker,
 * provenance "suggested"), its SOURCE and CUE spans (reused when the layer already has the same
 * characters under that label) and the links, plus any new speaker, all in one batch. New
 * speakers come first, so the document's edits are one run that execute() sends as one
 * editDocument call (and its inverse likewise, the speakers deleted last).
 */
import { suggestedProvenance, type Span, type Speaker } from '../../../../shared/model.js';
import { normalizeName } from '../../../../shared/speakers.js';
import { planAccept } from '../../../../shared/suggest/layer.js';
import type { Suggestion } from '../../../../shared/suggest/suggest.js';
import type { Command } from '../history/commands.js';

export interface AcceptContext {
  docId: string;
  /** The layer's spans now. */
  spans: readonly Pick<Span, 'id' | 'start' | 'end' | 'label'>[];
  registry: readonly Speaker[];
  /** Label names for the three roles in this project's schema. */
  labels: { QUOTE: string; SOURCE: string; CUE: string };
  annotator: string;
  now: string;
  newId: (prefix: string) => string;
}

/** One batch that accepts every suggestion in `suggestions`, or null when there is none. */
export function acceptCommand(suggestions: readonly Suggestion[], ctx: AcceptContext): Command | null {
  if (suggestions.length === 0) return null;
  const speakers: Command[] = [];
  const commands: Command[] = [];
  const spans = [...ctx.spans];
  const registry = [...ctx.registry];
  const speakerId = (s: Suggestion): string | null => {
    if (!s.speaker) return null;
    if (s.speaker.speakerId && registry.some((r) => r.id === s.speaker!.speakerId)) return s.speaker.speakerId;
    const norm = normalizeName(s.speaker.name);
    const same = registry.find((r) => r.kind === s.speaker!.kind && [r.name, ...r.aliases].some((n) => normalizeName(n) === norm));
    if (same) return same.id;
    const speaker: Speaker = { id: ctx.newId('sp'), name: s.speaker.name, aliases: s.speaker.aliases ?? [], kind: s.speaker.kind, affiliation: '', role: '' };
    registry.push(speaker);
    speakers.push({ kind: 'create-speaker', speaker });
    return speaker.id;
  };
  for (const s of suggestions) {
    const who = speakerId(s);
    const provenance = suggestedProvenance(s.id, ctx.annotator, ctx.now);
    const plan = planAccept(s, spans);
    const quoteId = ctx.newId('s');
    const create = (id: string, start: number, end: number, label: string, extra: Partial<Span>) => {
      commands.push({ kind: 'create-span', docId: ctx.docId, span: { id, start, end, label, provenance, ...extra }, relations: [] });
      spans.push({ id, start, end, label });
    };
    create(quoteId, s.quote.start, s.quote.end, ctx.labels.QUOTE, { attrs: { form: s.quote.form }, ...(who ? { speakerId: who } : {}) });
    for (const [part, role] of [
      [plan.source, 'source'],
      [plan.cue, 'cue'],
    ] as const) {
      if (!part) continue;
      let child: string;
      if ('existingId' in part) child = part.existingId;
      else {
        child = ctx.newId('s');
        create(child, part.create.start, part.create.end, ctx.labels[part.create.label], role === 'source' && who ? { speakerId: who } : {});
      }
      commands.push({ kind: 'add-relation', docId: ctx.docId, relation: { id: ctx.newId('r'), head: quoteId, child, label: role } });
    }
  }
  return { kind: 'batch', title: suggestions.length === 1 ? 'accept suggestion' : `accept ${suggestions.length.toLocaleString('en')} suggestions`, commands: [...speakers, ...commands] };
}
