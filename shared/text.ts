/** Plain-text helpers: paragraphs, titles and line endings. */

/** A paragraph's text in UTF-16 offsets, without its line terminator. */
export interface Paragraph {
  start: number;
  end: number;
}

/**
 * One paragraph per line (split at \n, \r\n or a lone \r). Every line, empty ones included,
 * yields a paragraph, so the terminators are exactly the gaps between paragraphs.
 */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      out.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i += 1;
      start = i + 1;
    }
  }
  out.push({ start, end: text.length });
  return out;
}

/** The first line that is not blank, trimmed and cut at `maxCodePoints` code points ("…" when cut). */
export function documentTitle(text: string, maxCodePoints = 200): string {
  // The first line holding a non-blank character (\S is trim()'s complement), found without
  // splitting the whole text: listing 10,000 articles reads only their first lines.
  const found = /[^\r\n]*\S[^\r\n]*/.exec(text);
  if (!found) return '';
  const line = found[0].trim();
  if (line.length <= maxCodePoints) return line;
  const cps = Array.from(line);
  return cps.length > maxCodePoints ? cps.slice(0, maxCodePoints).join('').trimEnd() + '…' : line;
}

/** Which line terminators a text uses. */
export function lineEndingStyle(text: string): 'lf' | 'crlf' | 'cr' | 'mixed' | 'none' {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const cr = (text.match(/\r/g) ?? []).length - crlf;
  const kinds = [lf > 0, crlf > 0, cr > 0].filter(Boolean).length;
  if (kinds === 0) return 'none';
  if (kinds > 1) return 'mixed';
  return lf > 0 ? 'lf' : crlf > 0 ? 'crlf' : 'cr';
}
