/**
 * Text from bad input (a file name, a line of a `.ann` file, an id) made safe to print on a
 * terminal: control characters would otherwise act (ESC[2J clears the screen, CR overwrites a
 * line, bidirectional overrides reorder what is shown). Each is shown as a `\uXXXX` escape,
 * which is also how JSON writes it, so JSON text stays valid JSON with the same values.
 */

/** C0 controls, DEL, C1 controls, and the bidirectional embedding, override and isolate marks. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
/** The same, except line feed and tab (for whole messages of several lines). */
const UNSAFE_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

const escape = (c: string) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');

/** One value (an id, a path, a message) as printable text: every control character escaped, line breaks too. */
export function printable(text: string): string {
  return text.replace(UNSAFE, escape);
}

/** Text of several lines as printable text: control characters escaped, line feeds and tabs kept. */
export function printableLines(text: string): string {
  return text.replace(UNSAFE_IN_LINES, escape);
}
