/** `quotebench suggest`: rule-based quote, cue and speaker suggestions written into a layer. */
import { printable } from '../../shared/printable.js';
import { annotatorArg, corpusArg, parse, reportSkipped, type CommandIO } from './args.js';

/** `quotebench suggest --help`. */
export const HELP = `Usage: quotebench suggest CORPUS --annotator NAME [--dry-run]

Proposes quotes (direct, indirect, mixed), their cues and source mentions and their speakers in
every document, with the rule-based suggester (no model, no network), and writes them into NAME's
layer as spans whose provenance says "suggested". Quotes the layer already has, and suggestions
rejected in the app, are left out, so running it again adds nothing. Speaker names are matched to
the registry (aliases and spellings too); new ones join it. Measured figures: docs/SUGGESTIONS.md.

Options:
  --annotator NAME    the layer to write (a new name makes a new layer)
  --dry-run           print what would be added; write nothing
  -h, --help          this help`;

/** Runs `quotebench suggest ARGS…`; exits 1 when a document could not be written. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse('suggest', args, { annotator: { type: 'string' }, 'dry-run': { type: 'boolean' } });
  if (values.help) return io.say.stdout(HELP + '\n'), 0;
  const say = io.say;
  const corpus = await corpusArg(positionals, 'suggest');
  const annotator = await annotatorArg('suggest', values.annotator);
  const [{ setLockHolderName }, { suggestIntoLayer }] = await Promise.all([import('../services/store/layer-lock.js'), import('../services/analysis/suggest.js')]);
  setLockHolderName('quotebench suggest');
  const report = await suggestIntoLayer(corpus, { annotator, dryRun: Boolean(values['dry-run']), ...(io.signal ? { signal: io.signal } : {}) });
  const quotes = report.documents.reduce((n, d) => n + d.quotes, 0);
  const spans = report.documents.reduce((n, d) => n + d.spans, 0);
  const links = report.documents.reduce((n, d) => n + d.relations, 0);
  const n = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const what = `${n(quotes, 'quote')} (${n(spans, 'span')}, ${n(links, 'link')}) in ${n(report.documents.length, 'document')}${report.newSpeakers.length ? `; ${n(report.newSpeakers.length, 'new speaker')}` : ''}`;
  say.stdout(values['dry-run'] ? `Dry run: would suggest into ${annotator}: ${what}\n` : `Suggested into ${annotator}: ${what}\n`);
  const failed = new Set(report.failed.map((f) => f.docId));
  for (const d of report.documents) say.stdout(`  ${printable(d.docId)}: ${n(d.quotes, 'quote')}${failed.has(d.docId) ? ' (not written, see below)' : ''}\n`);
  if (values['dry-run'] && report.newSpeakers.length) say.stdout(`  new speakers: ${report.newSpeakers.join(', ')}\n`);
  reportSkipped(report.skipped, say);
  for (const f of report.failed) say.stderr(`quotebench: not written ${printable(f.docId)}: ${f.message}\n`);
  if (report.failed.length > 0) {
    say.stderr(`quotebench: ${n(report.failed.length, 'document')} could not be written (listed above); every other document was\n`);
    return 1;
  }
  return 0;
}
