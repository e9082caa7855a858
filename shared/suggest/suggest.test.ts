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
    // A by-line inside the sentence: the content starts after its comma.
    expect(suggestQuotes('Ana Ruiz spoke first. Instead, she said, the port needs more cranes this year.').map((x) => [x.quote.text, x.quote.form, x.source?.text])).toEqual([['the port needs more cranes this year', 'indirect', 'she']]);
    // "called" as convened: the quoted word further on labels nothing the verb names.
    expect(suggestQuotes('Ana Ruiz has called a rare cross-party meeting for Thursday, although she dismissed the report as a cover for “disarray” at the port.')).toEqual([]);
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

  describe('patterns from real articles (issue: speakers cut at punctuation, pronouns, inverted cues, follow-on quotes, headlines)', () => {
    const spans = (text: string, registry: Speaker[] = []) =>
      suggestQuotes(text, registry).map((s) => ({ quote: [s.quote.start, s.quote.end, s.quote.text], source: s.source && [s.source.start, s.source.end, s.source.text], cue: s.cue && [s.cue.start, s.cue.end, s.cue.text], speaker: s.speaker }));

    it('reads an organisation with its bracketed acronym whole, and the acronym later as the same speaker', () => {
      // The emoji is one code point: every offset after it is one less than in UTF-16.
      const text = '👍 The Inter-Agency Media Cell (IAMC) confirmed that the talks had ended. A statement issued by the IAMC said that the border was open.';
      const cell = { name: 'Inter-Agency Media Cell', kind: 'organization', speakerId: null, aliases: ['IAMC'] };
      expect(spans(text)).toEqual([
        { quote: [52, 71, 'the talks had ended'], source: [2, 36, 'The Inter-Agency Media Cell (IAMC)'], cue: [37, 46, 'confirmed'], speaker: cell },
        { quote: [114, 133, 'the border was open'], source: [95, 103, 'the IAMC'], cue: [104, 108, 'said'], speaker: cell },
      ]);
    });

    it('matches a bracketed acronym to a registry entry that has it as an alias', () => {
      const registry: Speaker[] = [{ id: 'cell', name: 'Army Media Cell', aliases: ['IAMC'], kind: 'organization', affiliation: '', role: '' }];
      expect(spans('The Inter-Agency Media Cell (IAMC) said the talks had ended.', registry)[0]!.speaker).toEqual({ name: 'Army Media Cell', kind: 'organization', speakerId: 'cell' });
    });

    it("drops a possessive owner and keeps 'of' inside an organisation's name", () => {
      expect(spans("Britain's Ministry of Defence said the ship had left port.")).toEqual([
        { quote: [35, 57, 'the ship had left port'], source: [10, 29, 'Ministry of Defence'], cue: [30, 34, 'said'], speaker: { name: 'Ministry of Defence', kind: 'organization', speakerId: null } },
      ]);
    });

    it('reads a capitalised group description as anonymous, not as a name', () => {
      expect(spans('Defence analysts say the talks will fail.')).toEqual([
        { quote: [21, 40, 'the talks will fail'], source: [0, 16, 'Defence analysts'], cue: [17, 20, 'say'], speaker: { name: 'Defence analysts', kind: 'anonymous', speakerId: null } },
      ]);
    });

    it('resolves a personal pronoun to the person, not to the capitals of a title ("of Public Affairs")', () => {
      const text = 'Captain Omar Reyes, Special Assistant for Public Affairs to the Chief of Staff, spoke first. He said the talks had gone well.';
      expect(spans(text)).toEqual([
        { quote: [101, 124, 'the talks had gone well'], source: [93, 95, 'He'], cue: [96, 100, 'said'], speaker: { name: 'Omar Reyes', kind: 'person', speakerId: null } },
      ]);
      expect(spans('Ilka Vasko, Director of Public Affairs at the port, said the quay was safe.')[0]!.speaker).toEqual({ name: 'Ilka Vasko', kind: 'person', speakerId: null });
    });

    it('takes the object of "quoted X as saying" as the speaker', () => {
      expect(spans('State radio quoted a foreign ministry spokesman as saying, “The border stays open.”')).toEqual([
        {
          quote: [59, 83, '“The border stays open.”'],
          source: [19, 47, 'a foreign ministry spokesman'],
          cue: [51, 57, 'saying'],
          speaker: { name: 'a foreign ministry spokesman', kind: 'anonymous', speakerId: null },
        },
      ]);
    });

    it('reads an inverted by-line after a quote with the wider lexicon ("reacted", "retorted"), stopping at "to"', () => {
      expect(spans('“It is unfair,” reacted a senior officer to the report.')).toEqual([
        { quote: [0, 15, '“It is unfair,”'], source: [24, 40, 'a senior officer'], cue: [16, 23, 'reacted'], speaker: { name: 'a senior officer', kind: 'anonymous', speakerId: null } },
      ]);
      expect(spans('“The offer is final,” retorted Piet Harrow.').map((s) => [s.cue, s.source])).toEqual([[[22, 30, 'retorted'], [31, 42, 'Piet Harrow']]]);
      // Without a quote these verbs report nothing.
      expect(spans('The minister reacted angrily to the report on Monday.')).toEqual([]);
    });

    it('gives a quote paragraph the attribution that introduces it ("X told reporters:"), not an earlier statement', () => {
      const text = 'A statement issued by the Harbour Board said the port would reopen.\n\nBea Okonkwo told reporters:\n\n“We did not choose this strike.”';
      expect(spans(text)).toEqual([
        { quote: [45, 66, 'the port would reopen'], source: [22, 39, 'the Harbour Board'], cue: [40, 44, 'said'], speaker: { name: 'the Harbour Board', kind: 'organization', speakerId: null } },
        { quote: [98, 130, '“We did not choose this strike.”'], source: [69, 80, 'Bea Okonkwo'], cue: [81, 85, 'told'], speaker: { name: 'Bea Okonkwo', kind: 'person', speakerId: null } },
      ]);
    });

    it('proposes nothing in a headline, but reads a first line that ends like a sentence, and one with quotation marks', () => {
      expect(spans('Minister says talks will resume\n\nThe minister said the talks would resume.').map((s) => s.quote)).toEqual([[51, 73, 'the talks would resume']]);
      expect(spans('The port will reopen next week, officials said.\nNothing else changed.').map((s) => s.quote)).toEqual([[0, 30, 'The port will reopen next week']]);
      expect(spans('“We will not back down,” says union\n\nThe strike goes on.').map((s) => s.quote)).toEqual([[0, 24, '“We will not back down,”']]);
    });

    it('reads no report in an infinitive "say", nor a speaker in a question, nor in a "privy to" appositive', () => {
      expect(spans('When contacted, the army refused to say what was discussed at the meeting.')).toEqual([]);
      expect(spans('Are we supposed to say: “Thank you for the bombs.”').map((s) => [s.quote, s.speaker])).toEqual([[[24, 50, '“Thank you for the bombs.”'], null]]);
      expect(spans('An American official, privy to the talks, told reporters that the deal was close.')).toEqual([
        { quote: [62, 80, 'the deal was close'], source: [0, 20, 'An American official'], cue: [42, 46, 'told'], speaker: { name: 'an American official', kind: 'anonymous', speakerId: null } },
      ]);
    });

    it('reads what a name owns as a description ("Gilani’s office"), and notes a person opening a sentence for a later pronoun', () => {
      expect(spans('Gilani’s office said the minister would fly to New York.')).toEqual([
        { quote: [21, 55, 'the minister would fly to New York'], source: [0, 15, 'Gilani’s office'], cue: [16, 20, 'said'], speaker: { name: 'Gilani’s office', kind: 'organization', speakerId: null } },
      ]);
      expect(spans('A senior police officer declined to comment. However, he added that the road was closed.')).toEqual([
        { quote: [68, 87, 'the road was closed'], source: [54, 56, 'he'], cue: [57, 62, 'added'], speaker: { name: 'a senior police officer', kind: 'anonymous', speakerId: null } },
      ]);
    });

    it('joins a longer name to one met before only when it ends in the same word', () => {
      const text = 'Fighters of the Haqqani Network crossed the river. Sirajuddin Haqqani said the fighters had left.';
      expect(spans(text).map((s) => [s.source, s.speaker?.name])).toEqual([[[51, 69, 'Sirajuddin Haqqani'], 'Sirajuddin Haqqani']]);
    });

    it('never joins a one-word short form to an organisation named before', () => {
      expect(spans('The Tehreek Media Front (TMF) released a video. Pakistan said 17 soldiers had died.').map((s) => s.speaker?.name)).toEqual(['Pakistan']);
      const registry: Speaker[] = [{ id: 'mil', name: 'the Pakistani military', aliases: [], kind: 'organization', affiliation: '', role: '' }];
      expect(spans('Pakistan said 17 soldiers had died.', registry)[0]!.speaker).toEqual({ name: 'Pakistan', kind: 'person', speakerId: null });
    });
  });
});
