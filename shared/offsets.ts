/**
 * The one boundary between UTF-16 offsets (JavaScript strings, the DOM) and Unicode code point
 * offsets (everything at rest and in every export, like Python's `str`).
 */

/** Converts offsets of one text between UTF-16 code units and code points. */
export interface OffsetMap {
  readonly length16: number;
  readonly lengthCp: number;
  /** Code point offset of a UTF-16 offset; inside a surrogate pair it rounds down to the pair. */
  toCodePoint(utf16: number): number;
  /** UTF-16 offset of a code point offset. */
  toUtf16(codePoint: number): number;
}

/**
 * Builds the map once per text in O(n); each lookup is a binary search over the astral
 * characters only, so a text without them converts by identity.
 */
export function createOffsetMap(text: string): OffsetMap {
  // UTF-16 index of every high surrogate that starts a valid pair, ascending.
  const astral: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        astral.push(i);
        i += 1;
      }
    }
  }
  const length16 = text.length;
  const lengthCp = length16 - astral.length;

  return {
    length16,
    lengthCp,
    toCodePoint(utf16) {
      checkRange(utf16, length16, 'UTF-16 offset');
      // Each pair starting before utf16 takes two units but one code point; an index inside a
      // pair counts that pair too, which rounds it down to the pair's start.
      return utf16 - countBelow(astral, utf16);
    },
    toUtf16(codePoint) {
      checkRange(codePoint, lengthCp, 'code point offset');
      // astral[k] - k is the code point offset of the k-th astral character.
      let lo = 0;
      let hi = astral.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (astral[mid]! - mid < codePoint) lo = mid + 1;
        else hi = mid;
      }
      return codePoint + lo;
    },
  };
}

/** Number of entries of the ascending array `sorted` that are < value. */
function countBelow(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function checkRange(value: number, max: number, what: string): void {
  if (!Number.isInteger(value) || value < 0 || value > max) throw new RangeError(`${what} ${value} is outside 0..${max}`);
}

/** Length of a text in code points. */
export function codePointLength(text: string): number {
  return createOffsetMap(text).lengthCp;
}

/** `text[start:end]` in code points, as Python slices a `str`. */
export function sliceCodePoints(text: string, start: number, end: number): string {
  const map = createOffsetMap(text);
  return text.slice(map.toUtf16(start), map.toUtf16(end));
}
