/** `quotebench import`: brat, Quotebench JSONL or Prodigy annotations into one annotator's layer. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseLabelMap } from '../../shared/formats/label-map.js';
import type { ImportFormat } from '../services/formats/import.js';
import { annotatorArg, corpusArg, parse, shownPath, UsageError, type CommandIO } from './args.js';

/** `quotebench import --help`. */
export const HELP = `Usage: quotebench import CORPUS --format F --annotator NAME [--map FROM=TO,...] [--dry-run] [--replace] SOURCE

Reads annotations into NAME's layer. brat: every DOC.ann under the folder SOURCE goes to the
corpus document DOC.txt with the same relative path. jsonl / prodigy: each line goes to the
document with the same id (prodigy: meta.id), or with exactly the same text; Prodigy lines
answered "reject" or "ignore" are left out. Unknown labels join the schema.
Everything is checked first; if any text at the given offsets differs from the document, a
document is unknown or a line is malformed, the import is refused with a report and nothing is
written.

Options:
  --format F          brat | jsonl | prodigy
  --annotator NAME    the layer to write (a new name makes a new layer)
  --map FROM=TO,...   rename labels on the way in, e.g. Content=QUOTE,Source=SOURCE,Cue=CUE
  --dry-run           print what would be imported; write nothing
  --replace           replace documents that already have spans in that layer (else refused)
  -h, --help          this help`;

/** `--map Content=QUOTE,Source=SOURCE` as a rename table; a malformed pair is a usage error. */
export function parseMap(text: string | undefined): Record<string, string> {
  const parsed = parseLabelMap(text ?? '');
  if ('error' in parsed) throw new UsageError(`import: --map ${parsed.error}`);
  return parsed.map;
}

/** Runs `quotebench import ARGS…`; refused imports write nothing and exit 1. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse('import', args, {
    format: { type: 'string' },
    annotator: { type: 'string' },
    map: { type: 'string' },
    'dry-run': { type: 'boolean' },
    replace: { type: 'boolean' },
  });
  if (values.help) return io.say.stdout(HELP + '\n'), 0;
  const say = io.say;
  if (positionals.length !== 2) throw new UsageError('import: give CORPUS and SOURCE (a brat folder or a .jsonl file)');
  const corpus = await corpusArg(positionals.slice(0, 1), 'import');
  const [{ IMPORT_FORMATS, importLayer }, { setLockHolderName }] = await Promise.all([import('../services/formats/import.js'), import('../services/store/layer-lock.js')]);
  const format = values.format as string | undefined;
  if (!format || !(IMPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`import: --format must be one of ${IMPORT_FORMATS.join(', ')}`);
  const annotator = await annotatorArg('import', values.annotator);
  const map = parseMap(values.map as string | undefined);
  const source = path.resolve(positionals[1]!);
  let sourceStat;
  try {
    sourceStat = await fs.stat(source);
  } catch {
    throw new UsageError(`import: no such ${format === 'brat' ? 'folder' : 'file'}: ${positionals[1]}`);
  }
  if (format === 'brat' && !sourceStat.isDirectory()) throw new UsageError(`import: brat reads a folder of .ann files, and ${positionals[1]} is not a folder`);
  if (format !== 'brat' && !sourceStat.isFile()) throw new UsageError(`import: ${format} reads a .jsonl file, and ${positionals[1]} is not a file`);
  setLockHolderName('quotebench import');
  const report = await importLayer(corpus, source, { format: format as ImportFormat, annotator, map, dryRun: Boolean(values['dry-run']), replace: Boolean(values.replace), warn: (m) => say.stderr(`quotebench: ${m}\n`), ...(io.signal ? { signal: io.signal } : {}) });
  if (report.problems.length > 0) {
    say.stderr(`quotebench: import refused, nothing was written (${report.problems.length} problem${report.problems.length === 1 ? '' : 's'}):\n`);
    for (const p of report.problems.slice(0, 200)) say.stderr(`  ${shownPath(p.file)}${p.line ? `:${p.line}` : ''}: ${p.message}\n`);
    if (report.problems.length > 200) say.stderr(`  … and ${report.problems.length - 200} more\n`);
    return 1;
  }
  const spans = report.documents.reduce((n, d) => n + d.spans, 0);
  const relations = report.documents.reduce((n, d) => n + d.relations, 0);
  const what = `${report.documents.length} documents, ${spans} spans, ${relations} links${report.newLabels.length ? `; new labels ${report.newLabels.join(', ')}` : ''}${report.newSpeakers ? `; ${report.newSpeakers} new speakers` : ''}${report.newTargets ? `; ${report.newTargets} new targets` : ''}${report.skipped ? `; ${report.skipped} rejected or ignored lines left out` : ''}`;
  if (values['dry-run']) {
    say.stdout(`Dry run: would import into ${annotator}: ${what}\n`);
    for (const d of report.documents) say.stdout(`  ${d.docId}: ${d.spans} spans, ${d.relations} links\n`);
  } else say.stdout(`Imported into ${annotator}: ${what}\n`);
  return 0;
}
