/**
 * Pairs double quotation marks into quoted stretches. Pure; offsets here are UTF-16 (the
 * suggester converts to code points once, at its boundary).
 *
 * - Curly “…” and straight "…" pair separately. Single marks (‘…’, '…') are nested quotes,
 *   apostrophes or scare quotes in texts quoting with double marks; with `style: 'single'` (the
 *   British convention) they are the quotes instead, and an apostrophe inside a word or after a
 *   plural ("the teachers' union") is told apart by the characters around it.
 * - The news convention for a quote over several paragraphs: a paragraph that ends inside a
 *   quote leaves it open, and the next paragraph reopens it with an opening mark. That mark
 *   continues the same quote.
 * - A quote left open at a paragraph end whose next paragraph does not reopen it is dropped
 *   (a stray mark), and so is a closing mark without an opening one.
 */

/** One quoted stretch: `start`/`end` include the marks; `innerStart`/`innerEnd` exclude them. */
export interface QuoteRegion {
  start: number;
  end: number;
  innerStart: number;
  innerEnd: number;
  /** How many paragraphs the quote spans. */
  paragraphs: number;
}

const OPEN = '“';
const CLOSE = '”';
const STRAIGHT = '"';

function isBreak(c: string): boolean {
  return c === '\n' || c === '\r';
}

/** The index of the first character of the next paragraph that holds text, or -1. */
function nextParagraphStart(text: string, from: number): number {
  let i = from;
  while (i < text.length && (isBreak(text[i]!) || text[i] === ' ' || text[i] === '\t')) i += 1;
  return i < text.length ? i : -1;
}

/** What kind of mark `text[i]` is under `style`: an opening or closing quote, or neither. */
function markAt(text: string, i: number, style: 'double' | 'single'): { open: boolean; close: boolean; mark: string } {
  const c = text[i]!;
  if (style === 'double') return { open: c === OPEN || c === STRAIGHT, close: c === CLOSE || c === STRAIGHT, mark: c === STRAIGHT ? STRAIGHT : OPEN };
  if (c !== '‘' && c !== '’' && c !== "'") return { open: false, close: false, mark: '' };
  const before = i > 0 ? text[i - 1]! : ' ';
  const after = i + 1 < text.length ? text[i + 1]! : ' ';
  const wordBefore = /[\p{L}\p{N}.,!?…—-]/u.test(before);
  const wordAfter = /[\p{L}\p{N}“"…]/u.test(after);
  const mark = c === "'" ? "'" : '‘';
  return { open: c !== '’' && !wordBefore && wordAfter, close: c !== '‘' && wordBefore && !/[\p{L}\p{N}]/u.test(after), mark };
}

/** Every quoted stretch of `text`, in order; `style` picks double (default) or single marks. */
export function findQuoteRegions(text: string, style: 'double' | 'single' = 'double'): QuoteRegion[] {
  const regions: QuoteRegion[] = [];
  let open: { at: number; mark: string; paragraphs: number } | null = null;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isBreak(c)) {
      if (open) {
        const next = nextParagraphStart(text, i);
        const reopen = next >= 0 ? markAt(text, next, style) : null;
        if (reopen?.open && reopen.mark === open.mark) {
          open.paragraphs += 1;
          i = next + 1;
          continue;
        }
        open = null;
      }
      i += 1;
      continue;
    }
    const m = markAt(text, i, style);
    const straight = style === 'double' ? c === STRAIGHT : c === "'";
    if (open && m.close && (straight ? c === open.mark : open.mark !== "'" || c === "'")) {
      regions.push({ start: open.at, end: i + 1, innerStart: open.at + 1, innerEnd: i, paragraphs: open.paragraphs });
      open = null;
    } else if (m.open && (!open || !straight)) {
      // A second curly opening mark inside one paragraph: the first was a stray; start again here.
      open = { at: i, mark: m.mark, paragraphs: 1 };
    }
    i += 1;
  }
  return regions;
}
