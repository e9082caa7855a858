/**
 * Rule-based suggestions (shared/suggest) against a corpus: the open suggestions of one document
 * for the app, and `quotebench suggest`, which writes every open suggestion into a layer as spans
 * marked `provenance.suggested`, with their links and speakers. Suggestions the layer already
 * covers, or that were rejected, are left out, so running it again adds nothing.
 */
import { randomBytes } from 'node:crypto';
import { suggestedProvenance, type AnnotationFile, type ProjectFile, type Relation, type Span, type Speaker } from '../../../shared/model.js';
import { createOffsetMap } from '../../../shared/offsets.js';
import { labelRole } from '../../../shared/schema.js';
import { spanContext } from '../../../shared/spans.js';
import { openSuggestions, planAccept, planRelations } from '../../../shared/suggest/layer.js';
import { suggestQuotes, type Suggestion, type SuggestedSpan } from '../../../shared/suggest/suggest.js';
import { normalizeName } from '../../../shared/speakers.js';
import { LayerStore, newSpanId } from '../store/annotations.js';
import { Corpus } from '../corpus/corpus.js';
import { acquireLayerLock } from '../store/layer-lock.js';
import { openProject } from '../store/project.js';
import { ApiError } from '../../../shared/result.js';
import { assertOwnDataDir } from '../platform/data-path.js';

/** The label names the project uses for the quote, source and cue roles (renamed labels included). */
export function suggestionLabels(project: ProjectFile): { QUOTE: string; SOURCE: string; CUE: string } | null {
  const find = (role: string) => project.schema.labels.find((l) => labelRole(project.schema.labels, l.name) === role)?.name;
  const quote = find('QUOTE');
  const source = find('SOURCE');
  const cue = find('CUE');
  return quote && source && cue ? { QUOTE: quote, SOURCE: source, CUE: cue } : null;
}

/** The open suggestions for one document's text in a layer, names matched to the registry. */
export function documentSuggestions(text: string, layer: Pick<AnnotationFile, 'spans' | 'rejectedSuggestions'>, project: ProjectFile): Suggestion[] {
  const labels = suggestionLabels(project);
  if (!labels) return [];
  return openSuggestions(suggestQuotes(text, project.speakers), layer, labels.QUOTE);
}

export interface SuggestReport {
  documents: { docId: string; quotes: number; spans: number; relations: number }[];
  newSpeakers: string[];
  written: boolean;
  /** Documents left out before anything was written: the article or the layer file could not be read. */
  skipped: { docId: string; message: string }[];
  /** Documents whose write failed (the others were written): with why. */
  failed: { docId: string; message: string }[];
}

export interface SuggestOptions {
  annotator: string;
  dryRun?: boolean;
  /**
   * Checked between documents: once aborted, the run stops with the signal's reason. Before the
   * writes nothing is written; during them each document written so far stays whole (one write
   * each, as when a write fails), and no further one is started.
   */
  signal?: AbortSignal;
}

function newSpeakerId(): string {
  return 'sp_' + randomBytes(8).toString('hex');
}

/**
 * Writes every open suggestion into `annotator`'s layer. The layer's lock is taken before
 * anything is written; new speakers join the registry before any layer names them.
 */
export async function suggestIntoLayer(corpusRoot: string, options: SuggestOptions): Promise<SuggestReport> {
  assertOwnDataDir(corpusRoot);
  // A dry run changes nothing at all: the project and the index are opened read-only.
  const projectDb = await openProject(corpusRoot, () => undefined, { readOnly: Boolean(options.dryRun) });
  const project = projectDb.data;
  const labels = suggestionLabels(project);
  if (!labels) throw new Error('the schema has no quote, source and cue labels to suggest into');
  const corpus = await Corpus.open(corpusRoot, project.settings.maxFileBytes, { readOnly: Boolean(options.dryRun) });
  const { docs } = await corpus.describe();
  const store = new LayerStore(corpus.root, options.annotator);
  if (!options.dryRun) await acquireLayerLock(corpus.root, options.annotator);
  const registry: Speaker[] = [...project.speakers];
  const added: Speaker[] = [];
  const now = new Date().toISOString();
  const planned: { docId: string; sha256: string; spans: Span[]; relations: Relation[]; quotes: number }[] = [];

  /** The registry id for a suggested speaker, adding a new entry the first time a name is met. */
  const speakerFor = (s: Suggestion): string | null => {
    if (!s.speaker) return null;
    if (s.speaker.speakerId) return s.speaker.speakerId;
    const same = added.find((x) => normalizeName(x.name) === normalizeName(s.speaker!.name) && x.kind === s.speaker!.kind);
    if (same) return same.id;
    const speaker: Speaker = { id: newSpeakerId(), name: s.speaker.name, aliases: s.speaker.aliases ?? [], kind: s.speaker.kind, affiliation: '', role: '' };
    added.push(speaker);
    registry.push(speaker);
    return speaker.id;
  };

  const skipped: SuggestReport['skipped'] = [];
  for (const doc of docs) {
    options.signal?.throwIfAborted();
    let text: string;
    let layer: Pick<AnnotationFile, 'spans' | 'rejectedSuggestions'>;
    try {
      text = (await corpus.readText(doc.id)).text;
      layer = (await store.read(doc.id)) ?? { spans: [], rejectedSuggestions: [] };
    } catch (error) {
      // One unreadable article or damaged layer file is reported; the other documents go on.
      if (!(error instanceof ApiError)) throw error;
      skipped.push({ docId: doc.id, message: error.message });
      continue;
    }
    // Names met in earlier documents are in `registry` now, so one speaker gets one entry.
    const open = openSuggestions(suggestQuotes(text, registry), layer, labels.QUOTE);
    if (open.length === 0) continue;
    const map = createOffsetMap(text);
    const spans: Span[] = [];
    const relations: Relation[] = [];
    const make = (s: SuggestedSpan, suggestionId: string, extra: Partial<Span>): Span => ({
      id: newSpanId(),
      docId: doc.id,
      start: s.start,
      end: s.end,
      label: labels[s.label],
      ...spanContext(text, map, s.start, s.end),
      attrs: {},
      note: '',
      author: options.annotator,
      created: now,
      modified: now,
      provenance: suggestedProvenance(suggestionId, options.annotator, now),
      ...extra,
    });
    for (const s of open) {
      const speakerId = speakerFor(s);
      const plan = planAccept(s, [...layer.spans, ...spans]);
      const quote = make(s.quote, s.id, { attrs: { form: s.quote.form }, ...(speakerId ? { speakerId } : {}) });
      spans.push(quote);
      const idOf = (p: typeof plan.source, extra: Partial<Span>) => {
        if (!p) return null;
        if ('existingId' in p) return p.existingId;
        const span = make(p.create, s.id, extra);
        spans.push(span);
        return span.id;
      };
      const sourceId = idOf(plan.source, speakerId ? { speakerId } : {});
      const cueId = idOf(plan.cue, {});
      relations.push(...planRelations(quote.id, sourceId, cueId, () => newSpanId().replace(/^s_/, 'r_')));
    }
    planned.push({ docId: doc.id, sha256: doc.sha256, spans, relations, quotes: open.length });
  }

  const report: SuggestReport = {
    documents: planned.map((p) => ({ docId: p.docId, quotes: p.quotes, spans: p.spans.length, relations: p.relations.length })),
    newSpeakers: added.map((s) => s.name),
    written: false,
    skipped,
    failed: [],
  };
  if (options.dryRun) return report;
  options.signal?.throwIfAborted();
  if (added.length > 0) await projectDb.change(options.annotator, added.map((speaker) => ({ op: 'speaker.create' as const, speaker })));
  for (const p of planned) {
    options.signal?.throwIfAborted();
    // Each document is one write, whole or not at all; one that fails is reported and the rest go on.
    try {
      await store.mutate(p.docId, p.sha256, (data) => {
        data.spans.push(...p.spans);
        data.relations.push(...p.relations);
        LayerStore.touch(data);
      });
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      report.failed.push({ docId: p.docId, message: error.message });
    }
  }
  report.written = true;
  return report;
}
