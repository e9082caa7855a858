/**
 * The suggester's measured quality: each gold set meets the targets (quote overlap F1 and
 * speaker accuracy on direct quotes at least 0.85), and the figures docs/SUGGESTIONS.md states for
 * the suggester as it is now are the ones `npm run eval:suggest` prints.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Figure } from '../../../shared/agreement.js';
import { formatScore, GOLD_SETS, scoreGoldSets } from './suggest-eval.js';

const value = (f: Figure) => f.value ?? Number.NaN;
const three = (f: Figure) => value(f).toFixed(3);

describe('npm run eval:suggest', async () => {
  const reports = await scoreGoldSets(GOLD_SETS);

  it.each(Object.keys(reports))('%s meets the targets: quote overlap F1 >= 0.85, speaker accuracy on direct quotes >= 0.85', (name) => {
    const r = reports[name]!;
    expect(value(r.quotes.overlap.f1)).toBeGreaterThanOrEqual(0.85);
    expect(value(r.speaker.direct.accuracy)).toBeGreaterThanOrEqual(0.85);
    expect(r.speaker.direct.total).toBeGreaterThanOrEqual(20);
  });

  it('prints every figure the issue names', () => {
    const text = formatScore(reports['suggest-gold']!, false);
    for (const line of ['quotes, exact', 'quotes, overlap', 'cues, exact', 'sources, overlap', 'speaker accuracy, direct quotes', 'speaker accuracy, all quotes']) expect(text).toContain(line);
  });

  it('docs/SUGGESTIONS.md states the figures of the suggester as it is now', async () => {
    const md = await fs.readFile(path.join(import.meta.dirname, '..', '..', '..', 'docs', 'SUGGESTIONS.md'), 'utf8');
    const rows: Record<string, string> = { 'suggest-gold': 'development, now', 'suggest-heldout': 'held-out, now', 'suggest-heldout2': 'second held-out, now (no longer unseen)' };
    for (const [name, label] of Object.entries(rows)) {
      const r = reports[name]!;
      const o = r.quotes.overlap;
      const cells = [
        three(r.quotes.exact.f1),
        `${three(o.precision)} / ${three(o.recall)} / ${three(o.f1)}`,
        three(r.cues.exact.f1),
        three(r.sources.overlap.f1),
        `${three(r.speaker.direct.accuracy)} (${r.speaker.direct.correct}/${r.speaker.direct.total})`,
        `${three(r.speaker.all.accuracy)} (${r.speaker.all.correct}/${r.speaker.all.total})`,
      ];
      expect(md, name).toContain(`| ${label} | ${cells.join(' | ')} |`);
    }
  });
});
