/**
 * Read-side handlers over the whole corpus: search across text and annotations, and the counts
 * behind the overview charts. Both read the current annotator's layer.
 */
import type { SearchHit, SearchResult } from '../../../shared/api.js';
import { resolveSpeakerId, type AnnotationFile, type Span } from '../../../shared/model.js';
import { createOffsetMap } from '../../../shared/offsets.js';
import { findSpeakers } from '../../../shared/speakers.js';
import type { HandlerContext } from './context.js';
import type { Handlers } from './dispatch.js';
import { missingFields } from '../../../shared/spans.js';
import type { LabelDef } from '../../../shared/model.js';
import { labelRole } from '../../../shared/schema.js';

type InsightHandlers = Pick<Handlers, 'searchCorpus' | 'getOverview'>;

const SNIPPET = 60;

/** The line around [start16, end16), cut to SNIPPET characters each side. */
function snippet(text: string, start16: number, end16: number): { before: string; match: string; after: string } {
  const lineStart = Math.max(text.lastIndexOf('\n', start16 - 1) + 1, start16 - SNIPPET);
  let lineEnd = text.indexOf('\n', end16);
  if (lineEnd < 0) lineEnd = text.length;
  lineEnd = Math.min(lineEnd, end16 + SNIPPET);
  return { before: text.slice(lineStart, start16), match: text.slice(start16, end16), after: text.slice(end16, lineEnd) };
}

function isIncompleteQuote(s: Span, labels: readonly LabelDef[]): boolean {
  return missingFields(s, labelRole(labels, s.label)).length > 0;
}

function lacks(s: Span, labels: readonly LabelDef[], field: 'speaker' | 'stance'): boolean {
  return missingFields(s, labelRole(labels, s.label)).includes(field);
}

export function insightHandlers(ctx: HandlerContext): InsightHandlers {
  return {
    searchCorpus: async (args) => {
      const open = ctx.need();
      const store = ctx.layer();
      const project = open.project.data;
      const { docs } = await open.corpus.describe();
      const hits: SearchHit[] = [];
      let total = 0;
      const q = args.query.trim().toLowerCase();
      const speakerIds = args.speaker ? new Set(findSpeakers(project.speakers, args.speaker).filter((m) => m.score < 0.4).map((m) => m.speaker.id)) : null;
      const speakerName = (id?: string | null) => (id ? project.speakers.find((s) => s.id === resolveSpeakerId(project, id))?.name : undefined);
      const targetLabel = (id?: string) => (id ? project.targets.find((t) => t.id === id)?.label : undefined);

      for (const d of docs) {
        const doc = await open.corpus.readText(d.id);
        const map = createOffsetMap(doc.text);
        if (args.scope === 'text') {
          if (!q) continue;
          const lower = doc.text.toLowerCase();
          // toLowerCase keeps UTF-16 length for almost all text; skip the rare document where it does not.
          if (lower.length !== doc.text.length) continue;
          for (let i = lower.indexOf(q); i >= 0; i = lower.indexOf(q, i + Math.max(1, q.length))) {
            total += 1;
            if (hits.length < args.limit) hits.push({ docId: d.id, title: d.title, start: map.toCodePoint(i), end: map.toCodePoint(i + q.length), ...snippet(doc.text, i, i + q.length) });
          }
          continue;
        }
        let layer: AnnotationFile;
        try {
          layer = await store.load(d.id, d.sha256);
        } catch {
          continue;
        }
        for (const s of layer.spans) {
          if (args.label && s.label !== args.label) continue;
          if (speakerIds && !(s.speakerId && speakerIds.has(resolveSpeakerId(project, s.speakerId)))) continue;
          if (args.stance && s.stance?.value !== args.stance) continue;
          if (args.targetId && s.stance?.targetId !== args.targetId) continue;
          if (args.incomplete && !isIncompleteQuote(s, open.project.data.schema.labels)) continue;
          if (args.missing && !lacks(s, open.project.data.schema.labels, args.missing)) continue;
          const name = speakerName(s.speakerId);
          if (q && !s.quote.toLowerCase().includes(q) && !(name ?? '').toLowerCase().includes(q) && !s.note.toLowerCase().includes(q)) continue;
          total += 1;
          if (hits.length >= args.limit) continue;
          const s16 = map.toUtf16(Math.min(s.start, map.lengthCp));
          const e16 = map.toUtf16(Math.min(s.end, map.lengthCp));
          hits.push({
            docId: d.id,
            title: d.title,
            start: s.start,
            end: s.end,
            ...snippet(doc.text, s16, e16),
            spanId: s.id,
            label: s.label,
            speakerName: name,
            stance: s.stance?.value,
            targetLabel: targetLabel(s.stance?.targetId),
          });
        }
      }
      return { hits, total } satisfies SearchResult;
    },

    getOverview: async () => {
      const open = ctx.need();
      const store = ctx.layer();
      const project = open.project.data;
      const { docs } = await open.corpus.describe();
      const progress = { todo: 0, inProgress: 0, done: 0 };
      const documents = [];
      const perSpeaker = new Map<string, { quotes: number; FAVOR: number; AGAINST: number; NONE: number }>();
      const perTarget = new Map<string, { FAVOR: number; AGAINST: number; NONE: number }>();
      let unattributed = 0;
      for (const d of docs) {
        let layer: AnnotationFile;
        try {
          layer = await store.load(d.id, d.sha256);
        } catch {
          continue;
        }
        if (layer.status === 'done') progress.done += 1;
        else if (layer.status === 'in-progress') progress.inProgress += 1;
        else progress.todo += 1;
        const quotes = layer.spans.filter((s) => labelRole(open.project.data.schema.labels, s.label) === 'QUOTE');
        documents.push({
          id: d.id,
          title: d.title,
          status: layer.status,
          spans: layer.spans.length,
          quotes: quotes.length,
          quotesWithSpeaker: quotes.filter((q) => q.speakerId).length,
          quotesWithStance: quotes.filter((q) => q.stance).length,
        });
        for (const q of quotes) {
          if (!q.speakerId) unattributed += 1;
          else {
            const id = resolveSpeakerId(project, q.speakerId);
            const c = perSpeaker.get(id) ?? { quotes: 0, FAVOR: 0, AGAINST: 0, NONE: 0 };
            c.quotes += 1;
            if (q.stance) c[q.stance.value] += 1;
            perSpeaker.set(id, c);
          }
          if (q.stance) {
            const t = perTarget.get(q.stance.targetId) ?? { FAVOR: 0, AGAINST: 0, NONE: 0 };
            t[q.stance.value] += 1;
            perTarget.set(q.stance.targetId, t);
          }
        }
      }
      const speakerInfo = (id: string) => project.speakers.find((s) => s.id === id);
      const speakers = [...perSpeaker.entries()].sort((a, b) => b[1].quotes - a[1].quotes || a[0].localeCompare(b[0]));
      return {
        progress,
        documents,
        quotesPerSpeaker: speakers.map(([id, c]) => ({ speakerId: id, name: speakerInfo(id)?.name ?? id, kind: speakerInfo(id)?.kind ?? 'person', quotes: c.quotes })),
        stanceBySpeaker: speakers
          .filter(([, c]) => c.FAVOR + c.AGAINST + c.NONE > 0)
          .map(([id, c]) => ({ speakerId: id, name: speakerInfo(id)?.name ?? id, FAVOR: c.FAVOR, AGAINST: c.AGAINST, NONE: c.NONE })),
        stanceByTarget: [...perTarget.entries()].map(([id, c]) => ({ targetId: id, label: project.targets.find((t) => t.id === id)?.label ?? id, ...c })),
        unattributed,
      };
    },
  };
}
