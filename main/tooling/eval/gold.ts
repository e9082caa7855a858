/** Reads the suggestion gold set: Quotebench JSONL lines, each checked against its .txt beside it. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { recordToLayer } from '../../../shared/formats/record-layer.js';
import type { Speaker } from '../../../shared/model.js';
import type { GoldDocument } from '../../../shared/suggest/score.js';

/** A gold document with its text. */
export interface GoldEntry extends GoldDocument {
  text: string;
}

/** Every line of `dir/gold.jsonl`; throws with file:line on a line that does not fit its text. */
export async function loadGold(dir: string): Promise<GoldEntry[]> {
  const file = path.join(dir, 'gold.jsonl');
  const lines = (await fs.readFile(file, 'utf8')).split('\n');
  const out: GoldEntry[] = [];
  let n = 0;
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const rec = JSON.parse(line) as { id: string; text: string; speakers?: Speaker[] };
    const text = await fs.readFile(path.join(dir, rec.id), 'utf8');
    if (text !== rec.text) throw new Error(`${file}:${i + 1}: the text of ${rec.id} differs from ${rec.id} on disk`);
    const layer = recordToLayer(rec as unknown as Record<string, unknown>, {
      format: 'jsonl',
      docId: rec.id,
      text,
      annotator: 'gold',
      now: '',
      label: (l) => l,
      newId: (p) => `${p}_${(n += 1)}`,
    });
    if (layer.problems.length) throw new Error(`${file}:${i + 1}: ${layer.problems[0]}`);
    out.push({
      docId: rec.id,
      text,
      speakers: layer.speakers,
      spans: layer.spans.map((s) => ({ id: s.id, start: s.start, end: s.end, label: s.label, form: s.attrs.form, speakerId: s.speakerId ?? null, text: s.quote })),
    });
  }
  return out;
}
