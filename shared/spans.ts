/** Span helpers that work in code points, the unit at rest. */
import { CONTEXT_CHARS } from './model.js';
import type { OffsetMap } from './offsets.js';

/** The span's text and up to CONTEXT_CHARS code points of context on each side. */
export function spanContext(text: string, map: OffsetMap, startCp: number, endCp: number): { quote: string; prefix: string; suffix: string } {
  const at = (cp: number) => map.toUtf16(Math.max(0, Math.min(map.lengthCp, cp)));
  return {
    quote: text.slice(at(startCp), at(endCp)),
    prefix: text.slice(at(startCp - CONTEXT_CHARS), at(startCp)),
    suffix: text.slice(at(endCp), at(endCp + CONTEXT_CHARS)),
  };
}

/** Reading order: start ascending, then longer first, then label and id. */
export function compareSpans(a: { start: number; end: number; label: string; id: string }, b: { start: number; end: number; label: string; id: string }): number {
  return a.start - b.start || b.end - a.end || cmp(a.label, b.label) || cmp(a.id, b.id);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** null when [startCp, endCp) is a non-empty range inside the text, else why not. */
export function validateRange(map: OffsetMap, startCp: number, endCp: number): string | null {
  if (!Number.isInteger(startCp) || !Number.isInteger(endCp)) return 'offsets must be whole numbers';
  if (startCp < 0) return `start ${startCp} is negative`;
  if (endCp <= startCp) return `end ${endCp} must be greater than start ${startCp}`;
  if (endCp > map.lengthCp) return `end ${endCp} is past the end of the text (${map.lengthCp} characters)`;
  return null;
}

/** What a quote still lacks: its speaker and its stance. Other labels lack nothing. `role`: the label's meaning (labelRole), when it was renamed. */
export function missingFields(span: { label: string; speakerId?: string | null; stance?: unknown }, role: string | null = span.label): ('speaker' | 'stance')[] {
  if (role !== 'QUOTE') return [];
  const missing: ('speaker' | 'stance')[] = [];
  if (!span.speakerId) missing.push('speaker');
  if (!span.stance) missing.push('stance');
  return missing;
}
