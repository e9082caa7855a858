import { describe, expect, it } from 'vitest';
import type { Speaker } from '../model.js';
import { findQuoteRegions } from './quote-marks.js';
import { suggestQuotes, type Suggestion } from './suggest.js';

/** A suggestion reduced to what a test names: [start, end, text] for each span, the form and speaker. */
const brief = (s: Suggestion) => ({
  quote: [s.quote.start, s.quote.end, s.quote.text],
  form: s.quote.form,
  source: s.source ? [s.source.start, s.source.end, s.source.text] : null,
  cue: s.cue ? [s.cue.start, s.cue.end, s.cue.text] : null,
  speaker: s.speaker,
});

describe('findQuoteRegions', () => {
  it('pairs curly and straight marks separately and keeps nested single quotes inside', () => {
    const text = '“He said ‘no’,” she said. "Fine," he said.';
    expect(findQuoteRegions(text).map((r) => [r.start, r.end])).toEqual([
      [0, 15],
      [26, 33],
    ]);
  });

  it('continues a quote that a paragraph leaves open and the next one reopens', () => {
    const text = '“One.\n\n“Two,” she said.\n“Stray\nNext.';
    // The first quote runs from 0 over the break to the closing mark at 12; the stray mark at 24 is dropped.
    expect(findQuoteRegions(text)).toEqual([{ start: 0, end: 13, innerStart: 1, innerEnd: 12, paragraphs: 2 }]);
  });

  it('drops a closing mark without an opening one', () => {
    expect(findQuoteRegions('a” b “c” d')).toEqual([{ start: 5, end: 8, innerStart: 6, innerEnd: 7, paragraphs: 1 }]);
  });
});

describe('suggestQuotes', () => {
  it('finds a direct quote, its cue and source after it, in code points', () => {
    // The emoji is one code point (two UTF-16 units): every offset after it is one less than in UTF-16.
    const [s, ...rest] = suggestQuotes('👍 “We stay,” the mayor said.');
    expect(rest).toEqual([]);
    expect(brief(s!)).toEqual({
      quote: [2, 12, '“We stay,”'],
      form: 'direct',
      source: [13, 22, 'the mayor'],
      cue: [23, 27, 'said'],
      speaker: { name: 'the mayor', kind: 'anonymous', speakerId: null },
    });
    expect(s!.id).toBe('sg_2_12');
  });

  it('reads "said NAME, apposition" after a straight-quoted quote', () => {
    expect(suggestQuotes('"Go home," said Ana Ruiz, a nurse.').map(brief)).toEqual([
      { quote: [0, 10, '"Go home,"'], form: 'direct', source: [16, 24, 'Ana Ruiz'], cue: [11, 15, 'said'], speaker: { name: 'Ana Ruiz', kind: 'person', speakerId: null } },
    ]);
  });

  it('keeps a nested quote inside its quote', () => {
    const text = '“He told me, ‘Stay put,’ and I did,” Ali Reza said.';
    expect(suggestQuotes(text).map(brief)).toEqual([
      { quote: [0, 36, '“He told me, ‘Stay put,’ and I did,”'], form: 'direct', source: [37, 45, 'Ali Reza'], cue: [46, 50, 'said'], speaker: { name: 'Ali Reza', kind: 'person', speakerId: null } },
    ]);
  });

  it('takes a quote over two paragraphs as one, attributed after its end', () => {
    const text = 'Rain fell.\n\n“We waited.\n\n“Then we left,” said Lena Ortiz.';
    const [s] = suggestQuotes(text);
    expect(brief(s!)).toEqual({
      quote: [12, 40, '“We waited.\n\n“Then we left,”'],
      form: 'direct',
      source: [46, 56, 'Lena Ortiz'],
      cue: [41, 45, 'said'],
      speaker: { name: 'Lena Ortiz', kind: 'person', speakerId: null },
    });
  });

  it('skips scare quotes and titles', () => {
    expect(suggestQuotes('The so-called “reform” failed. Her book “Blue Water” sold well. He called it "brave".')).toEqual([]);
  });

  it('reads "X said: “…”" with the cue before the quote', () => {
    expect(suggestQuotes('Omar Tahir, the lawyer, said: “We will appeal.”').map(brief)).toEqual([
      { quote: [30, 47, '“We will appeal.”'], form: 'direct', source: [0, 10, 'Omar Tahir'], cue: [24, 28, 'said'], speaker: { name: 'Omar Tahir', kind: 'person', speakerId: null } },
    ]);
  });

  it('resolves a pronoun to the last named speaker that fits, by title', () => {
    const text = 'Ms Sara Khan said the vote was fair. Mr Omar Ali said it was not.\n“We will see,” she said.';
    const quotes = suggestQuotes(text);
    expect(quotes.map((q) => [q.quote.text, q.speaker?.name])).toEqual([
      ['the vote was fair', 'Ms Sara Khan'],
      ['it was not', 'Mr Omar Ali'],
      ['“We will see,”', 'Ms Sara Khan'],
    ]);
    expect(brief(quotes[2]!).source).toEqual([81, 84, 'she']);
  });

  it('gives a standalone quote after an attributed one the same speaker, source and cue', () => {
    const [a, b] = suggestQuotes('“No,” Ali Reza said. “Never.”');
    expect(brief(b!)).toEqual({ ...brief(a!), quote: [21, 29, '“Never.”'] });
  });

  it('proposes indirect quotes for "X said (that) …" and gives descriptions an anonymous speaker', () => {
    expect(suggestQuotes('A senior security official said that the road would reopen.').map(brief)).toEqual([
      {
        quote: [37, 58, 'the road would reopen'],
        form: 'indirect',
        source: [0, 26, 'A senior security official'],
        cue: [27, 31, 'said'],
        speaker: { name: 'a senior security official', kind: 'anonymous', speakerId: null },
      },
    ]);
    expect(suggestQuotes('Officials privy to the discussions said talks had stalled.').map((s) => [s.quote.text, s.speaker])).toEqual([
      ['talks had stalled', { name: 'officials privy to the discussions', kind: 'anonymous', speakerId: null }],
    ]);
  });

  it('reads "according to" before and after the content, and "…, X said."', () => {
    expect(suggestQuotes('According to a port official, the ships will wait.').map(brief)).toEqual([
      { quote: [30, 49, 'the ships will wait'], form: 'indirect', source: [13, 28, 'a port official'], cue: [0, 12, 'According to'], speaker: { name: 'a port official', kind: 'anonymous', speakerId: null } },
    ]);
    expect(suggestQuotes('The ships will wait a week, according to the harbour master.').map((s) => [s.quote.text, s.cue?.text, s.source?.text])).toEqual([
      ['The ships will wait a week', 'according to', 'the harbour master'],
    ]);
    expect(suggestQuotes('Talks will resume on Monday, officials said on Friday.').map((s) => [s.quote.text, s.cue?.text, s.source?.text])).toEqual([
      ['Talks will resume on Monday', 'said', 'officials'],
    ]);
    expect(suggestQuotes('Prices fell by a third, according to figures released on Monday.')).toEqual([]);
  });

  it('makes a mixed quote of reported speech with a quoted fragment', () => {
    expect(suggestQuotes('Ana Ruiz called the plan “a disgrace”.').map(brief)).toEqual([
      { quote: [16, 37, 'the plan “a disgrace”'], form: 'mixed', source: [0, 8, 'Ana Ruiz'], cue: [9, 15, 'called'], speaker: { name: 'Ana Ruiz', kind: 'person', speakerId: null } },
    ]);
  });

  it('matches names to the registry by alias and spelling, and descriptions by exact wording', () => {
    const sp = (id: string, name: string, aliases: string[], kind: Speaker['kind']): Speaker => ({ id, name, aliases, kind, affiliation: '', role: '' });
    const registry = [sp('qureshi', 'Farhana Qureshi', ['Minister Qureshi'], 'person'), sp('anon', 'a senior ministry official', [], 'anonymous')];
    const found = suggestQuotes('“No,” Ms Qureishi said. A senior ministry official said the deal was off. A junior ministry official said it was not.', registry);
    expect(found.map((s) => s.speaker)).toEqual([
      { name: 'Farhana Qureshi', kind: 'person', speakerId: 'qureshi' },
      { name: 'a senior ministry official', kind: 'anonymous', speakerId: 'anon' },
      { name: 'a junior ministry official', kind: 'anonymous', speakerId: null },
    ]);
  });

  it('reads a text that quotes with single marks, telling quotes from apostrophes', () => {
    const text = "'We won't stop,' said Ana Ruiz. The union's view is clear.";
    expect(suggestQuotes(text).map(brief)).toEqual([
      { quote: [0, 16, "'We won't stop,'"], form: 'direct', source: [22, 30, 'Ana Ruiz'], cue: [17, 21, 'said'], speaker: { name: 'Ana Ruiz', kind: 'person', speakerId: null } },
    ]);
  });

  it('gives both halves of a split quote the attribution between them', () => {
    const text = '“We open at dawn,” the mayor said, “and close at dusk.”';
    expect(suggestQuotes(text).map((s) => [s.quote.start, s.quote.end, s.cue?.text, s.speaker?.name])).toEqual([
      [0, 18, 'said', 'the mayor'],
      [35, 55, 'said', 'the mayor'],
    ]);
  });

  it('skips a dateline and drops role words before a name', () => {
    const [s] = suggestQuotes('KESTREL BAY — Water Minister Farhana Qureshi said the talks would resume.');
    expect([s!.source?.text, s!.speaker?.name, s!.quote.text]).toEqual(['Farhana Qureshi', 'Farhana Qureshi', 'the talks would resume']);
  });
});
