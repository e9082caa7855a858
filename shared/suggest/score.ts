/**
 * Scores suggestions against a gold layer, with the span matching rules of shared/agreement.ts
 * (gold is the reference): quotes exact and by overlap, cues and source mentions likewise, and
 * speaker accuracy on the quotes matched by overlap. A suggested speaker is right when its name,
 * looked up among the gold document's speakers with shared/speakers.ts, finds the gold speaker
 * first (or when it carries the gold speaker's registry id).
 */
import { matchSpans, spanCounts, type AgreementSpan, type Figure, type SpanCounts } from '../agreement.js';
import type { Speaker } from '../model.js';
import { findSpeakers } from '../speakers.js';
import type { Suggestion } from './suggest.js';

/** A gold span as the scorer needs it. */
export interface GoldSpan {
  id: string;
  start: number;
  end: number;
  label: string;
  form?: string;
  speakerId?: string | null;
  text: string;
}

/** One document of a gold set: its spans and the speakers they name. */
export interface GoldDocument {
  docId: string;
  spans: GoldSpan[];
  speakers: Speaker[];
}

/** A share of right answers, with its counts. */
export interface Accuracy {
  correct: number;
  total: number;
  accuracy: Figure;
}

/** One thing the suggester got wrong, for the list of misses. */
export interface Miss {
  docId: string;
  kind: 'missed' | 'spurious' | 'wrong-speaker' | 'no-speaker';
  label: string;
  start: number;
  end: number;
  text: string;
  detail: string;
}

/** The suggester scored against a gold set: the figures `npm run eval:suggest` prints. */
export interface SuggestScore {
  documents: number;
  quotes: { exact: SpanCounts; overlap: SpanCounts; recallByForm: Record<string, Accuracy> };
  cues: { exact: SpanCounts; overlap: SpanCounts };
  sources: { exact: SpanCounts; overlap: SpanCounts };
  speaker: { direct: Accuracy; all: Accuracy };
  misses: Miss[];
}

const asAgreement = (id: string, label: string, start: number, end: number): AgreementSpan => ({ id, label, pieces: [[start, end]], stance: '', form: '', speaker: '' });

function accuracy(correct: number, total: number): Accuracy {
  return { correct, total, accuracy: total === 0 ? { value: null, reason: 'nothing to compare' } : { value: correct / total } };
}

/** The suggestions' distinct spans of one label (shared source mentions and cues counted once). */
function suggestedSpans(suggestions: readonly Suggestion[], label: 'QUOTE' | 'SOURCE' | 'CUE'): AgreementSpan[] {
  const out = new Map<string, AgreementSpan>();
  for (const s of suggestions) {
    const span = label === 'QUOTE' ? s.quote : label === 'SOURCE' ? s.source : s.cue;
    if (span) out.set(`${span.start}:${span.end}`, asAgreement(`${label}:${span.start}:${span.end}`, label, span.start, span.end));
  }
  return [...out.values()];
}

/** Scores every document's suggestions against its gold. */
export function scoreSuggestions(docs: readonly { gold: GoldDocument; suggestions: readonly Suggestion[] }[]): SuggestScore {
  const totals: Record<string, Record<'exact' | 'overlap', [number, number, number]>> = {};
  const bump = (label: string, mode: 'exact' | 'overlap', c: [number, number, number]) => {
    const t = ((totals[label] ??= { exact: [0, 0, 0], overlap: [0, 0, 0] })[mode]);
    for (const i of [0, 1, 2] as const) t[i] += c[i];
  };
  const byForm: Record<string, [number, number]> = {};
  let directRight = 0;
  let directTotal = 0;
  let allRight = 0;
  let allTotal = 0;
  const misses: Miss[] = [];
  for (const { gold, suggestions } of docs) {
    const goldById = new Map(gold.spans.map((s) => [s.id, s]));
    for (const label of ['QUOTE', 'SOURCE', 'CUE'] as const) {
      const g = gold.spans.filter((s) => s.label === label).map((s) => asAgreement(s.id, label, s.start, s.end));
      const p = suggestedSpans(suggestions, label);
      for (const mode of ['exact', 'overlap'] as const) {
        const pairs = matchSpans(g, p, mode);
        bump(label, mode, [pairs.length, g.length - pairs.length, p.length - pairs.length]);
        if (label !== 'QUOTE' || mode !== 'overlap') continue;
        const matchedGold = new Map(pairs.map(([x, y]) => [x.id, y]));
        const matchedSuggested = new Set(pairs.map(([, y]) => y.id));
        for (const x of g) {
          const span = goldById.get(x.id)!;
          const form = span.form ?? '';
          const counts = (byForm[form] ??= [0, 0]);
          counts[1] += 1;
          const y = matchedGold.get(x.id);
          if (!y) {
            misses.push({ docId: gold.docId, kind: 'missed', label, start: span.start, end: span.end, text: span.text, detail: `${form} quote not found` });
            continue;
          }
          counts[0] += 1;
          const suggestion = suggestions.find((s) => `QUOTE:${s.quote.start}:${s.quote.end}` === y.id)!;
          const expected = gold.speakers.find((sp) => sp.id === span.speakerId);
          if (!expected) continue;
          const proposed = suggestion.speaker;
          const found = proposed ? (proposed.speakerId && gold.speakers.some((sp) => sp.id === proposed.speakerId) ? proposed.speakerId : findSpeakers(gold.speakers, proposed.name, 1)[0]?.speaker.id) : undefined;
          const right = found === expected.id;
          allTotal += 1;
          if (right) allRight += 1;
          if (form === 'direct') {
            directTotal += 1;
            if (right) directRight += 1;
          }
          if (!right) {
            misses.push({
              docId: gold.docId,
              kind: proposed ? 'wrong-speaker' : 'no-speaker',
              label,
              start: span.start,
              end: span.end,
              text: span.text,
              detail: proposed ? `speaker "${proposed.name}", gold "${expected.name}"` : `no speaker, gold "${expected.name}"`,
            });
          }
        }
        for (const s of suggestions) {
          if (!matchedSuggested.has(`QUOTE:${s.quote.start}:${s.quote.end}`)) misses.push({ docId: gold.docId, kind: 'spurious', label, start: s.quote.start, end: s.quote.end, text: s.quote.text, detail: `suggested ${s.quote.form} quote not in gold` });
        }
      }
    }
  }
  const counts = (label: string) => ({
    exact: spanCounts(...(totals[label]?.exact ?? [0, 0, 0])),
    overlap: spanCounts(...(totals[label]?.overlap ?? [0, 0, 0])),
  });
  return {
    documents: docs.length,
    quotes: { ...counts('QUOTE'), recallByForm: Object.fromEntries(Object.entries(byForm).sort().map(([f, [c, t]]) => [f, accuracy(c, t)])) },
    cues: counts('CUE'),
    sources: counts('SOURCE'),
    speaker: { direct: accuracy(directRight, directTotal), all: accuracy(allRight, allTotal) },
    misses: misses.sort((a, b) => a.docId.localeCompare(b.docId) || a.start - b.start),
  };
}
