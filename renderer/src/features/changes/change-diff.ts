/** What a waitForChanges answer says changed in the open document, against the versions known before. */

/** The key of the article's own version among the tokens (main/services/handlers/change-feed.ts). */
export const TEXT_TOKEN = ':text';

export interface DocumentChanges {
  /** The article's text changed on disk. */
  text: boolean;
  /** Your own layer changed on disk, written by another process. */
  own: boolean;
  /** Colleagues' (or the adjudicated) layers that changed, in name order. */
  others: string[];
}

/** Compares two sets of versions of the same document; a key missing before counts as unchanged (first answer). */
export function documentChanges(before: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>, me: string | null): DocumentChanges {
  const differs = (key: string) => before[key] !== undefined && after[key] !== undefined && before[key] !== after[key];
  const others = Object.keys(after)
    .filter((k) => k !== TEXT_TOKEN && k !== me && differs(k))
    .sort();
  return { text: differs(TEXT_TOKEN), own: me !== null && differs(me), others };
}

/** One sentence for the analyst, or null when nothing they see changed. */
export function describeChanges(docId: string, c: DocumentChanges): string | null {
  if (c.text) return `${docId} changed on disk; it was read again.`;
  const parts: string[] = [];
  if (c.own) parts.push('Your layer');
  if (c.others.length > 0) parts.push(`${c.others.join(', ')}'s layer${c.others.length === 1 ? '' : 's'}`);
  if (parts.length === 0) return null;
  return `${parts.join(' and ')} of ${docId} changed in another window or process; shown as it is now.`;
}
