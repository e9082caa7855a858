/**
 * A deterministic synthetic article for the renderer benchmarks: news-like paragraphs (one per
 * line, with curly quotes and an emoji now and then so code points and UTF-16 differ) and spans
 * on word boundaries, a third of them overlapping another span (nested in it or crossing its end).
 * Offsets are code points, as at rest.
 */
import { createHash } from 'node:crypto';
import type { AnnotationFile, Span } from '../../../shared/model.js';
import { CONTEXT_CHARS } from '../../../shared/model.js';
import { seededRandom } from '../../../shared/random.js';
import { annotationFileSchema } from '../../../shared/schemas.js';

/** One generated span, in code points. */
export interface BigSpan {
  start: number;
  end: number;
  label: string;
}

/** The article text and its spans (sorted by start, longer first). */
export interface BigArticle {
  text: string;
  spans: BigSpan[];
  /** How many spans overlap another span. */
  overlapping: number;
}

const WORDS = (
  'the minister said officials would meet on tuesday to discuss border security and the talks were described as ' +
  'frank a senior official who asked not to be named told reporters that pressure had grown after the attack ' +
  'army spokesman denied any link with the network while analysts in the capital warned of a long dispute over aid ' +
  'lawmakers demanded answers and the embassy issued a statement calling for calm restraint and continued cooperation'
).split(' ');

const LABELS = ['QUOTE', 'CLAIM', 'SOURCE', 'CUE'];

/** Builds about `chars` UTF-16 units of text in paragraphs of about `paragraphChars`, and `spanCount` spans. */
export function makeBigArticle(opts: { chars: number; spanCount: number; paragraphChars?: number; seed?: number }): BigArticle {
  const rnd = seededRandom(opts.seed ?? 7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const paragraphChars = opts.paragraphChars ?? 600;
  const parts: string[] = [];
  // Word starts and ends in UTF-16, to place spans on word boundaries.
  const wordStarts: number[] = [];
  const wordEnds: number[] = [];
  let length = 0;
  const push = (s: string) => {
    parts.push(s);
    length += s.length;
  };
  while (length < opts.chars) {
    const paraStart = length;
    let sentenceStart = true;
    while (length - paraStart < paragraphChars) {
      let word = pick(WORDS);
      if (sentenceStart) word = word[0]!.toUpperCase() + word.slice(1);
      if (rnd() < 0.02) word = `“${word}”`;
      if (rnd() < 0.004) word = `${word} 👍🏽`;
      wordStarts.push(length);
      push(word);
      wordEnds.push(length);
      sentenceStart = rnd() < 0.08;
      push(sentenceStart ? '. ' : ' ');
    }
    parts[parts.length - 1] = '.';
    length -= 1;
    push('\n');
  }
  const text = parts.join('');

  // UTF-16 index -> code point index, in one pass.
  const cp = new Int32Array(text.length + 1);
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    cp[i] = count;
    const c = text.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff)) count += 1;
  }
  cp[text.length] = count;

  // Two thirds are laid side by side in equal slots of words; the rest each overlap one of them.
  const overlapping = Math.floor(opts.spanCount / 3);
  const base = opts.spanCount - overlapping;
  const slot = Math.max(4, Math.floor(wordStarts.length / base));
  const spans: BigSpan[] = [];
  for (let i = 0; i < base; i += 1) {
    const first = i * slot;
    if (first + 3 >= wordStarts.length) break;
    const words = 2 + Math.floor(rnd() * Math.max(1, Math.min(10, slot - 3)));
    const last = Math.min(first + words, wordStarts.length - 1, first + slot - 2);
    spans.push({ start: cp[wordStarts[first]!]!, end: cp[wordEnds[last]!]!, label: pick(LABELS) });
    if (i % 2 === 0 && spans.length + (base - i - 1) < opts.spanCount) {
      // Nested: the base span's last words, or crossing: from its middle to the next word after it.
      const nested = i % 4 === 0;
      const from = first + Math.max(1, Math.floor((last - first) / 2));
      const to = nested ? last : last + 1;
      if (from <= to) spans.push({ start: cp[wordStarts[from]!]!, end: cp[wordEnds[to]!]!, label: pick(LABELS) });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  return { text, spans, overlapping: countOverlapping(spans) };
}

/** How many spans overlap at least one other span. */
export function countOverlapping(spans: readonly BigSpan[]): number {
  const hit = new Uint8Array(spans.length);
  let open = -1;
  let openEnd = -1;
  for (let i = 0; i < spans.length; i += 1) {
    const s = spans[i]!;
    if (open >= 0 && s.start < openEnd) {
      hit[i] = 1;
      hit[open] = 1;
    }
    if (s.end > openEnd) {
      open = i;
      openEnd = s.end;
    }
  }
  return hit.reduce((n, x) => n + x, 0);
}

/** The annotation layer file holding `article`'s spans, as the app writes it. */
export function layerFileFor(article: BigArticle, docId: string, annotator: string): AnnotationFile {
  const points = Array.from(article.text);
  const when = '2026-01-01T00:00:00.000Z';
  const spans: Span[] = article.spans.map((s, i) => ({
    id: `s_bench${String(i).padStart(5, '0')}`,
    docId,
    start: s.start,
    end: s.end,
    label: s.label,
    quote: points.slice(s.start, s.end).join(''),
    prefix: points.slice(Math.max(0, s.start - CONTEXT_CHARS), s.start).join(''),
    suffix: points.slice(s.end, s.end + CONTEXT_CHARS).join(''),
    attrs: {},
    note: '',
    author: annotator,
    created: when,
    modified: when,
  }));
  // Parsed, so the fixture can never drift from what the app reads and writes.
  return annotationFileSchema.parse({
    schemaVersion: 1,
    docId,
    annotator,
    docSha256: createHash('sha256').update(article.text, 'utf8').digest('hex'),
    status: 'in-progress',
    spans,
    relations: [],
    updated: when,
  });
}
