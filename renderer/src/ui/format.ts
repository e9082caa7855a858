/** Number and date formatting for the UI (fixed to en-US so tests and screenshots agree). */

const integer = new Intl.NumberFormat('en-US');

/** "2,431 chars": text lengths are counted in code points, as everywhere in the app. */
export function formatChars(length: number): string {
  return `${integer.format(length)} ${length === 1 ? 'char' : 'chars'}`;
}

/** "3 spans", "1 span". */
export function formatSpans(count: number): string {
  return `${integer.format(count)} ${count === 1 ? 'span' : 'spans'}`;
}

/** A thousands-separated integer. */
export function formatInt(n: number): string {
  return integer.format(n);
}

/** An ISO timestamp as a short local date and time; the raw text when it is not a date. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** The last path segment of a document id: its file name; for an article of a dump, `DUMP.jsonl › KEY`. */
export function fileName(docId: string): string {
  const parts = docId.split('/');
  const last = parts[parts.length - 1]!;
  const dump = parts.length > 1 ? parts[parts.length - 2]! : '';
  return /\.jsonl$/i.test(dump) ? `${dump} › ${last}` : last;
}
