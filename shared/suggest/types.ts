/** The suggester's answer shapes, shared by its stages and its callers (shared/suggest/suggest.ts). */
import type { SpeakerKind } from '../model.js';

/** How a quote reports speech: the speaker's words in marks, a paraphrase, or a paraphrase holding quoted words. */
export type QuoteForm = 'direct' | 'indirect' | 'mixed';

/** A proposed span: label, code point offsets (half-open) and its text. */
export interface SuggestedSpan {
  label: 'QUOTE' | 'SOURCE' | 'CUE';
  start: number;
  end: number;
  text: string;
}

/** The speaker a suggestion proposes: a registry entry when one matched, else a new one. */
export interface SuggestedSpeaker {
  name: string;
  kind: SpeakerKind;
  /** The registry speaker the name matched, or null for a new speaker. */
  speakerId: string | null;
  /** Other names the text gives a new speaker (an acronym: "ISPR"); absent when none. */
  aliases?: string[];
}

/** One proposed quote with its source mention, cue and speaker. */
export interface Suggestion {
  /** Stable for the same quote range: `sg_START_END` (code points). */
  id: string;
  quote: SuggestedSpan & { form: QuoteForm };
  source: SuggestedSpan | null;
  cue: SuggestedSpan | null;
  speaker: SuggestedSpeaker | null;
}

/** A half-open range of UTF-16 offsets in the text: how the stages work before the answer is converted to code points. */
export interface Range {
  start: number;
  end: number;
}
