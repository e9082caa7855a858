/**
 * The suggester's first stage: the text's quotes (paired quotation marks, quote-marks.ts), which
 * of them read as speech, the headline, and the sentences with their quotes masked out (frames),
 * so the later stages never look inside quoted words.
 */
import { splitParagraphs } from '../text.js';
import { ABBREVIATIONS } from './lexicon.js';
import { findQuoteRegions, type QuoteRegion } from './quote-marks.js';
import type { Range } from './types.js';

/** A sentence of the text and the quotes inside it (a quote counts as one token). */
export interface Sentence extends Range {
  quotes: QuoteRegion[];
}

/** Stands for every character of a quote in a frame: no rule matches it. */
export const MASK = '\uE000';
const isBreak = (c: string | undefined) => c === '\n' || c === '\r';
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\u00a0';

/** [start, end) without the white space at either end. */
export function trimRange(text: string, start: number, end: number): Range {
  let s = start;
  let e = end;
  while (s < e && /\s/.test(text[s]!)) s += 1;
  while (e > s && /\s/.test(text[e - 1]!)) e -= 1;
  return { start: s, end: e };
}

const DATELINE = /^\p{Lu}[\p{Lu}\s.,'’-]{1,40}\s[—–-]\s+/u;

/** Sentences over the whole text; a quote is one token, so a quote over paragraphs stays in one sentence. */
export function splitSentences(text: string, regions: readonly QuoteRegion[]): Sentence[] {
  const out: Sentence[] = [];
  let start = -1;
  let quotes: QuoteRegion[] = [];
  let qi = 0;
  const close = (end: number) => {
    if (start >= 0) {
      const r = trimRange(text, start, end);
      if (r.end > r.start) out.push({ ...r, quotes });
    }
    start = -1;
    quotes = [];
  };
  let i = 0;
  while (i < text.length) {
    while (qi < regions.length && regions[qi]!.start < i) qi += 1;
    const c = text[i]!;
    if (qi < regions.length && regions[qi]!.start === i) {
      const q = regions[qi]!;
      qi += 1;
      if (start < 0) start = i;
      quotes.push(q);
      i = q.end;
      const inner = text.slice(q.innerStart, q.innerEnd).trimEnd();
      if (/[.!?…]$/.test(inner)) {
        let j = i;
        while (isSpace(text[j])) j += 1;
        if (j >= text.length || isBreak(text[j]) || (j > i && /[\p{Lu}“"]/u.test(text[j]!))) close(i);
      }
      continue;
    }
    if (isBreak(c)) {
      close(i);
      i += 1;
      continue;
    }
    if (start < 0 && !/\s/.test(c)) {
      start = i;
      // A dateline ("KESTREL BAY — ") opens the paragraph, not the sentence.
      const dateline = (i === 0 || isBreak(text[i - 1])) && DATELINE.exec(text.slice(i, i + 80));
      if (dateline) {
        i += dateline[0].length;
        start = i;
        continue;
      }
    }
    if (c === '.' || c === '!' || c === '?') {
      const word = /([\p{L}]+)$/u.exec(text.slice(Math.max(0, i - 12), i))?.[1]?.toLowerCase() ?? '';
      const decimal = c === '.' && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '');
      const next = text[i + 1];
      if (!decimal && !(c === '.' && ABBREVIATIONS.has(word)) && (next === undefined || isSpace(next) || isBreak(next))) {
        close(i + 1);
        i += 1;
        continue;
      }
    }
    i += 1;
  }
  close(text.length);
  return out;
}

/**
 * A quote that reads as speech: it spans paragraphs, or starts like a sentence and ends in
 * punctuation or holds a sentence end. One starting in lower case is the rest of a split quote
 * ("“We open at dawn,” she said, “and close at dusk.”") when `previous` is speech; else a fragment.
 */
export function isSpeech(text: string, q: QuoteRegion, previous?: QuoteRegion): boolean {
  const inner = text.slice(q.innerStart, q.innerEnd).trim();
  if (q.paragraphs > 1) return true;
  if (/^\p{Ll}/u.test(inner) && !(previous && isSpeech(text, previous) && /^[\s,\p{L}]*[,:]\s*$/u.test(text.slice(previous.end, q.start)))) return false;
  if (/[,.!?…;:—–-]$/.test(inner)) return true;
  return /[.!?]\s+\p{Lu}/u.test(inner);
}

/** The sentence's text with its quotes masked, so rules never look inside quoted words. */
export function frameOf(text: string, s: Sentence): string {
  let out = '';
  let at = s.start;
  for (const q of s.quotes) {
    out += text.slice(at, q.start) + MASK.repeat(q.end - q.start);
    at = q.end;
  }
  return out + text.slice(at, s.end);
}

/** Comma-separated pieces of [start, end). */
export function pieces(frame: string, offset: number, start: number, end: number): Range[] {
  const out: Range[] = [];
  let at = start;
  for (let i = start; i <= end; i += 1) {
    if (i === end || frame[i - offset] === ',' || frame[i - offset] === ';') {
      if (i > at) out.push({ start: at, end: i });
      at = i + 1;
    }
  }
  return out;
}

/** The sentence's end without its final punctuation. */
export function contentEnd(text: string, s: Sentence): number {
  let e = s.end;
  while (e > s.start && /[.!?\s]/.test(text[e - 1]!)) e -= 1;
  return e;
}

/** The text's quotes: double marks, or single marks where those are what quote speech (the British convention). */
export function quoteRegions(text: string): QuoteRegion[] {
  const double = findQuoteRegions(text);
  const speechCount = (regions: QuoteRegion[]) => regions.filter((q, k) => isSpeech(text, q, regions[k - 1])).length;
  if (!/[‘']/.test(text)) return double;
  const single = findQuoteRegions(text, 'single');
  return speechCount(single) > speechCount(double) ? single : double;
}

/**
 * The headline: the document's first non-empty line (its title, as shared/text.ts documentTitle
 * reads it) when it does not end like a sentence and holds no quotation marks. "Minister says
 * talks will resume" reports nothing; a first line ending in a full stop is the story's lede.
 */
export function headline(text: string, regions: readonly QuoteRegion[]): Range | null {
  const first = splitParagraphs(text).find((p) => text.slice(p.start, p.end).trim() !== '');
  if (!first) return null;
  const line = trimRange(text, first.start, first.end);
  if (/[.!?…]$/.test(text.slice(line.start, line.end))) return null;
  if (regions.some((q) => q.start < line.end && q.end > line.start)) return null;
  return line;
}
