/** `Content=QUOTE,Source=SOURCE,Cue=CUE`: label renames for an import. */

/** The rename table, or the first pair that is not FROM=TO (TO a valid label name). */
export function parseLabelMap(text: string): { map: Record<string, string> } | { error: string } {
  const map: Record<string, string> = {};
  for (const pair of text.split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([^=\s,]{1,64})\s*=\s*([A-Za-z][A-Za-z0-9_-]{0,31})$/.exec(pair);
    if (!m) return { error: `"${pair}" is not FROM=TO (TO a label name: a letter, then letters, digits, - or _)` };
    map[m[1]!] = m[2]!;
  }
  return { map };
}
