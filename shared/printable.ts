/**
 * Text from bad input (a file name, a line of a `.ann` file, an id) made safe to print on a
 * terminal: control characters would otherwise act (ESC[2J clears the screen, CR overwrites a
 * line, bidirectional overrides reorder what is shown). Each is shown as a `\uXXXX` escape,
 * which is also how JSON writes it, so JSON text stays valid JSON with the same values.
 */

/** C0 controls, DEL, C1 controls, and the bidirectional embedding, override and isolate marks. */
function unsafe(code: number): boolean {
  return code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

function escaped(text: string, keepLines: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    out += unsafe(code) && !(keepLines && (code === 0x0a || code === 0x09)) ? '\\u' + code.toString(16).padStart(4, '0') : text[i];
  }
  return out;
}

/** One value (an id, a path, a message) as printable text: every control character escaped, line breaks too. */
export function printable(text: string): string {
  return escaped(text, false);
}

/** Text of several lines as printable text: control characters escaped, line feeds and tabs kept. */
export function printableLines(text: string): string {
  return escaped(text, true);
}
