/** `quotebench stats`: documents, files that cannot be annotated, annotators and span counts. */
import type { CorpusStats } from '../services/analysis/stats.js';
import { corpusArg, parse, type CommandIO } from './args.js';

/** `quotebench stats --help`. */
export const HELP = `Usage: quotebench stats CORPUS [--json]

Prints documents (.txt files and articles of .jsonl dumps), files that cannot be annotated
(with reasons), and span counts per label, overall and per annotator, with each annotator's
documents by status. Reads only; writes nothing.

Options:
  --json       machine-readable JSON instead of a table
  -h, --help   this help`;

/** Runs `quotebench stats ARGS…`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse('stats', args, { json: { type: 'boolean' } });
  if (values.help) return io.say.stdout(HELP + '\n'), 0;
  const corpus = await corpusArg(positionals, 'stats');
  const { computeStats } = await import('../services/analysis/stats.js');
  const stats = await computeStats(corpus);
  io.say.stdout(values.json ? JSON.stringify(stats, null, 2) + '\n' : formatStats(stats));
  return 0;
}

function formatStats(s: CorpusStats): string {
  const lines = [`Corpus: ${s.corpus}`, `Documents: ${s.documents}`, `Cannot be annotated: ${s.skipped.length}`];
  for (const k of s.skipped) lines.push(`  ${k.id}: ${k.message}`);
  lines.push(`Annotators: ${s.annotators.length}`);
  for (const a of s.annotators) {
    const labels = Object.entries(a.byLabel).map(([l, n]) => `${l} ${n}`).join(', ') || 'no spans';
    lines.push(`  ${a.name}: ${a.spans} spans in ${a.documents} documents (${labels}); done ${a.byStatus.done}, in progress ${a.byStatus['in-progress']}, todo ${a.byStatus.todo}`);
  }
  lines.push(`Spans: ${s.totalSpans}`);
  for (const w of s.warnings) lines.push(`Warning: ${w}`);
  return lines.join('\n') + '\n';
}
