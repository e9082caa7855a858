/**
 * Pairs double quotation marks into quoted stretches. Pure; offsets here are UTF-16 (the
 * suggester converts to code points once, at its boundary).
 *
 * - Curly “…” and straight "…" pair separately; single marks (‘…’, '…') are never top-level
 *   quotes here: they are nested quotes, apostrophes, or scare quotes.
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

/** Every quoted stretch of `text`, in order. */
export function findQuoteRegions(text: string): QuoteRegion[] {
  const regions: QuoteRegion[] = [];
  let open: { at: number; mark: string; paragraphs: number } | null = null;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (isBreak(c)) {
      if (open) {
        const next = nextParagraphStart(text, i);
        const reopens = next >= 0 && (text[next] === OPEN || text[next] === STRAIGHT) && (open.mark === STRAIGHT ? text[next] === STRAIGHT : text[next] === OPEN);
        if (reopens) {
          open.paragraphs += 1;
          i = next + 1;
          continue;
        }
        open = null;
      }
      i += 1;
      continue;
    }
    if (c === OPEN) {
      // A second opening mark inside one paragraph: the first was a stray; start again here.
      open = { at: i, mark: OPEN, paragraphs: 1 };
    } else if (c === CLOSE) {
      if (open && open.mark === OPEN) {
        regions.push({ start: open.at, end: i + 1, innerStart: open.at + 1, innerEnd: i, paragraphs: open.paragraphs });
        open = null;
      }
    } else if (c === STRAIGHT) {
      if (open && open.mark === STRAIGHT) {
        regions.push({ start: open.at, end: i + 1, innerStart: open.at + 1, innerEnd: i, paragraphs: open.paragraphs });
        open = null;
      } else if (!open) open = { at: i, mark: STRAIGHT, paragraphs: 1 };
    }
    i += 1;
  }
  return regions;
}
