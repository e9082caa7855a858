/** `quotebench agreement`: span F1, Cohen's kappa and Krippendorff's alpha between annotators' layers. */
import { corpusArg, parse, UsageError, type CommandIO } from './args.js';

/** `quotebench agreement --help`. */
export const HELP = `Usage: quotebench agreement CORPUS --annotators A,B[,C...] [--json]

Compares annotators' layers over the documents any of them annotated. Spans match exactly (same
label and characters) or by overlap (same label, shared characters >= half of the shorter span);
the first annotator is the reference for precision and recall. For matched quotes: Cohen's kappa
on stance, form and speaker per pair, and Krippendorff's alpha (nominal) across all annotators.
A figure that cannot be computed says so, with the reason. The JSON shape is in docs/FORMATS.md.

Options:
  --annotators A,B    two or more layer names (folders under .quotebench/annotations)
  --json              the full report as JSON
  -h, --help          this help`;

/** Runs `quotebench agreement ARGS…`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse('agreement', args, { annotators: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) return io.say.stdout(HELP + '\n'), 0;
  const corpus = await corpusArg(positionals, 'agreement');
  const names = ((values.annotators as string | undefined) ?? '').split(',').map((n) => n.trim()).filter(Boolean);
  if (names.length < 2) throw new UsageError('agreement: --annotators needs at least two names, e.g. --annotators maria,omar');
  if (new Set(names).size !== names.length) throw new UsageError('agreement: an annotator is named twice');
  const [{ ANNOTATOR_NAME_RE }, { computeAgreement, formatAgreement }] = await Promise.all([import('../../shared/schemas.js'), import('../services/analysis/agreement.js')]);
  for (const n of names) if (!ANNOTATOR_NAME_RE.test(n)) throw new UsageError(`agreement: "${n}" is not an annotator name`);
  const report = await computeAgreement(corpus, names, undefined, io.signal ? { signal: io.signal } : {});
  io.say.stdout(values.json ? JSON.stringify(report, null, 2) + '\n' : formatAgreement(report));
  return 0;
}
