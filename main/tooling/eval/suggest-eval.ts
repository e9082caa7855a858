/**
 * `npm run eval:suggest [-- --no-misses] [--json] [GOLD_DIR...]`: runs the rule-based suggester on
 * gold sets (by default resources/eval/suggest-gold, the development set, suggest-heldout and suggest-heldout2, the held-out sets),
 * with an empty registry, and prints precision, recall and F1 for quotes (exact and overlap), cues
 * and source mentions, speaker accuracy, and the misses.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure, SpanCounts } from '../../../shared/agreement.js';
import { scoreSuggestions, type SuggestScore } from '../../../shared/suggest/score.js';
import { suggestQuotes } from '../../../shared/suggest/suggest.js';
import { loadGold } from './gold.js';

const fig = (f: Figure) => (f.value === null ? 'n/a' : f.value.toFixed(3));
const row = (name: string, c: SpanCounts) =>
  `${name.padEnd(22)} P ${fig(c.precision)}  R ${fig(c.recall)}  F1 ${fig(c.f1)}   (matched ${c.matched}, missed ${c.onlyA}, spurious ${c.onlyB})`;

/** The report as text. */
export function formatScore(score: SuggestScore, withMisses: boolean): string {
  const lines = [
    `Suggestions against the gold set: ${score.documents} documents`,
    row('quotes, exact', score.quotes.exact),
    row('quotes, overlap', score.quotes.overlap),
    row('cues, exact', score.cues.exact),
    row('cues, overlap', score.cues.overlap),
    row('sources, overlap', score.sources.overlap),
    `speaker accuracy, direct quotes   ${fig(score.speaker.direct.accuracy)}   (${score.speaker.direct.correct} of ${score.speaker.direct.total} matched direct quotes)`,
    `speaker accuracy, all quotes      ${fig(score.speaker.all.accuracy)}   (${score.speaker.all.correct} of ${score.speaker.all.total} matched quotes)`,
    `quote recall by form (overlap): ${Object.entries(score.quotes.recallByForm).map(([f, a]) => `${f} ${fig(a.accuracy)} (${a.correct}/${a.total})`).join(', ')}`,
  ];
  if (withMisses) {
    lines.push('', `Misses (${score.misses.length}):`);
    for (const m of score.misses) lines.push(`  ${m.docId} ${m.start}-${m.end} ${m.kind}: ${m.detail}: ${JSON.stringify(m.text.length > 90 ? m.text.slice(0, 87) + '…' : m.text)}`);
  }
  return lines.join('\n') + '\n';
}

/** The gold sets `npm run eval:suggest` scores when given none: the development set and the two held-out sets. */
export const GOLD_SETS = ['suggest-gold', 'suggest-heldout', 'suggest-heldout2'].map((n) => path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'resources', 'eval', n));

/** Each gold folder's score (suggestions made with an empty registry), by folder name. */
export async function scoreGoldSets(dirs: readonly string[]): Promise<Record<string, SuggestScore>> {
  const reports: Record<string, SuggestScore> = {};
  for (const dir of dirs) {
    const gold = await loadGold(dir);
    reports[path.basename(dir)] = scoreSuggestions(gold.map((g) => ({ gold: g, suggestions: suggestQuotes(g.text) })));
  }
  return reports;
}

async function main(argv: string[]): Promise<number> {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const positional = argv.filter((a) => !a.startsWith('--'));
  const reports = await scoreGoldSets(positional.length ? positional.map((p) => path.resolve(p)) : GOLD_SETS);
  if (flags.has('--json')) process.stdout.write(JSON.stringify(reports, null, 2) + '\n');
  else for (const [name, score] of Object.entries(reports)) process.stdout.write(`== ${name}\n` + formatScore(score, !flags.has('--no-misses')) + '\n');
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: Error) => {
      process.stderr.write(`eval:suggest: ${error.message}\n`);
      process.exit(1);
    },
  );
}
