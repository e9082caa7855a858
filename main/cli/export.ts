/** `quotebench export`: one annotator's layer in an export format, to a new file or standard output. */
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
// Two numbers for the help text; workers.ts itself imports only Node built-ins.
import { MAX_JOBS, MIN_DOCS_FOR_WORKERS } from '../services/platform/workers.js';
import type { ExportFormat } from '../services/formats/export.js';
import { annotatorArg, corpusArg, parse, reportProblems, reportSkipped, UsageError, type CommandIO } from './args.js';

/** `quotebench export --help`. */
export const HELP = `Usage: quotebench export CORPUS --format F --annotator NAME --out PATH [--status S] [--bom] [--jobs N] [--force]

Writes one annotator's layer. Offsets are Unicode code points: every span's "text" equals
Python's doc_text[start:end]. Spans whose text no longer matches the file are left out and listed.

Options:
  --format F       jsonl | quotes-jsonl | quotes-csv | w3c | prodigy | brat
  --annotator NAME whose layer to export (any layer in the corpus, adjudicated included)
  --out PATH       the file to write (a new file; see --force), or - for standard output;
                   for brat a new or empty folder (DOC.txt and DOC.ann per document).
                   Never inside the corpus's .quotebench folder nor onto one of its articles
  --force          replace PATH when it exists (atomically: the old file stays whole until the
                   new one is complete); never an article or a file of .quotebench
  --status S       only documents with this status: todo | in-progress | done
  --bom            quotes-csv: begin with a UTF-8 byte-order mark (for spreadsheet software)
  --jobs N         threads that read and format documents, 1 to 64 (default: one per core,
                   at most ${MAX_JOBS}); a corpus of fewer than ${MIN_DOCS_FOR_WORKERS} documents, and brat, use one
  -h, --help       this help`;

/** Runs `quotebench export ARGS…`. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse('export', args, {
    format: { type: 'string' },
    annotator: { type: 'string' },
    out: { type: 'string' },
    status: { type: 'string' },
    bom: { type: 'boolean' },
    jobs: { type: 'string' },
    force: { type: 'boolean' },
  });
  if (values.help) return io.say.stdout(HELP + '\n'), 0;
  const say = io.say;
  const corpus = await corpusArg(positionals, 'export');
  const [{ EXPORT_FORMATS, exportBratFolder, exportLayer }, { listLayerNames }, { exportTargetProblem, placeExport, tempBeside }] = await Promise.all([
    import('../services/formats/export.js'),
    import('../services/analysis/agreement.js'),
    import('../services/formats/export-target.js'),
  ]);
  const format = values.format as string | undefined;
  if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`export: --format must be one of ${EXPORT_FORMATS.join(', ')}`);
  const annotator = await annotatorArg('export', values.annotator);
  const status = values.status as string | undefined;
  if (status !== undefined && !['todo', 'in-progress', 'done'].includes(status)) throw new UsageError('export: --status must be todo, in-progress or done');
  const out = values.out as string | undefined;
  if (!out) throw new UsageError('export: --out PATH is required (- for standard output)');
  const layers = await listLayerNames(corpus);
  if (!layers.includes(annotator)) throw new Error(`export: no layer for ${annotator} in this corpus (layers: ${layers.join(', ') || 'none'})`);
  const jobs = values.jobs as string | undefined;
  if (jobs !== undefined && (!/^\d+$/.test(jobs) || Number(jobs) < 1 || Number(jobs) > 64)) throw new UsageError(`export: --jobs must be a whole number from 1 to 64 (threads that read and format documents), got ${JSON.stringify(jobs)}`);
  const options = {
    format: format as ExportFormat,
    annotator,
    status: status as 'todo' | 'in-progress' | 'done' | undefined,
    bom: Boolean(values.bom),
    ...(jobs !== undefined ? { jobs: Number(jobs) } : {}),
    warn: (message: string) => say.stderr(`quotebench: ${message}\n`),
    ...(io.signal ? { signal: io.signal } : {}),
  };
  const force = Boolean(values.force);
  if (out !== '-') {
    // Refused before anything is read or written: the corpus's own files are out of an export's reach.
    const problem = await exportTargetProblem(corpus, out, { force, folder: format === 'brat' });
    if (problem) throw new UsageError(`export: ${problem}`);
  }
  if (format === 'brat') {
    if (out === '-') throw new UsageError('export: brat writes a folder; give --out FOLDER');
    const summary = await exportBratFolder(corpus, options, path.resolve(out));
    say.stderr(`quotebench: exported ${summary.documents} documents (${summary.records} annotation lines) to ${out}\n`);
    reportProblems(summary.problems, say);
    reportSkipped(summary.skipped, say);
    return 0;
  }
  if (out === '-') {
    const summary = await exportLayer(corpus, options, (chunk) => io.stdout(typeof chunk === 'string' ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8')));
    reportProblems(summary.problems, say);
    reportSkipped(summary.skipped, say);
    return 0;
  }
  const target = path.resolve(out);
  try {
    if (!(await fs.stat(path.dirname(target))).isDirectory()) throw new Error();
  } catch {
    throw new UsageError(`export: the folder of ${out} does not exist`);
  }
  // Write beside the target, then put it in place: a failed export never leaves half a file,
  // and without --force never replaces one.
  const tmp = tempBeside(target);
  const stream = createWriteStream(tmp, { encoding: 'utf8' });
  const write = (chunk: string | Uint8Array) => (stream.write(chunk) ? undefined : new Promise<void>((resolve) => stream.once('drain', () => resolve())));
  try {
    const summary = await exportLayer(corpus, options, write);
    await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
    await placeExport(tmp, target, force);
    say.stderr(`quotebench: exported ${summary.records} ${format === 'jsonl' || format === 'prodigy' ? 'documents' : format === 'w3c' ? 'annotations' : 'quotes'} from ${summary.documents} documents to ${out}\n`);
    reportProblems(summary.problems, say);
    reportSkipped(summary.skipped, say);
  } catch (error) {
    stream.destroy();
    await fs.rm(tmp, { force: true });
    throw error;
  }
  return 0;
}
