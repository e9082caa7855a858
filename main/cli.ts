/**
 * The `quotebench` command line: the same services as the desktop app, under plain Node.
 * `runCli` is exported so tests run it in-process; cli-bin.ts is the installed entry point.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createApp } from './services/app.js';
import { EXPORT_FORMATS, exportBratFolder, exportLayer, MAX_JOBS, MIN_DOCS_FOR_WORKERS, type ExportFormat } from './services/export.js';
import { IMPORT_FORMATS, importLayer, type ImportFormat } from './services/import.js';
import { computeStats, type CorpusStats } from './services/stats.js';
import { ANNOTATOR_NAME_RE } from '../shared/api.js';
import { createWriteStream, readFileSync, statSync } from 'node:fs';
import { startServer } from './server/http-server.js';
import { parseLabelMap } from '../shared/formats/label-map.js';
import { computeAgreement, formatAgreement, listLayerNames } from './services/agreement.js';
import { setLockHolderName } from './services/layer-lock.js';
import { suggestIntoLayer } from './services/suggest.js';
import { exportTargetProblem, placeExport, tempBeside } from './services/export-target.js';
import { printable, printableLines } from '../shared/printable.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolves when the user stops a long-running command (Ctrl+C); tests resolve it themselves. */
  untilStopped?: () => Promise<void>;
}

class UsageError extends Error {}

const HELP: Record<string, string> = {
  main: `Usage: quotebench COMMAND [options]

Commands:
  serve CORPUS [--port N] [--settings-dir DIR]   the full UI in a browser, on 127.0.0.1 only
  stats CORPUS [--json]                          documents, skipped files, annotators, span counts
  export CORPUS --format F --annotator NAME --out PATH [--status S] [--bom] [--jobs N] [--force]
                                                 one layer as JSONL, quotes table, brat, W3C or Prodigy
  import CORPUS --format F --annotator NAME [--map FROM=TO,...] [--dry-run] [--replace] SOURCE
                                                 brat, JSONL or Prodigy annotations into a layer
  agreement CORPUS --annotators A,B[,C...] [--json]
                                                 span F1, Cohen's kappa, Krippendorff's alpha
  suggest CORPUS --annotator NAME [--dry-run]
                                                 rule-based quote, cue and speaker suggestions into a layer

Run "quotebench COMMAND --help" for a command's options.
Offsets in every file and export are Unicode code points.`,
  serve: `Usage: quotebench serve CORPUS [--port N] [--settings-dir DIR]

Serves the Quotebench UI and its API on http://127.0.0.1 only. Every API call needs the
per-run token that is part of the printed URL; requests from other hosts or origins are refused.

Options:
  --port N            port to listen on (default: a free port)
  --settings-dir DIR  where settings.json (annotator name, recent corpora) lives
                      (default: $QUOTEBENCH_HOME, else $XDG_CONFIG_HOME/quotebench, else ~/.config/quotebench)
  -h, --help          this help`,
  stats: `Usage: quotebench stats CORPUS [--json]

Prints documents (.txt files and articles of .jsonl dumps), files that cannot be annotated
(with reasons), and span counts per label, overall and per annotator, with each annotator's
documents by status. Reads only; writes nothing.

Options:
  --json       machine-readable JSON instead of a table
  -h, --help   this help`,
  export: `Usage: quotebench export CORPUS --format F --annotator NAME --out PATH [--status S] [--bom] [--jobs N] [--force]

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
  -h, --help       this help`,
  agreement: `Usage: quotebench agreement CORPUS --annotators A,B[,C...] [--json]

Compares annotators' layers over the documents any of them annotated. Spans match exactly (same
label and characters) or by overlap (same label, shared characters >= half of the shorter span);
the first annotator is the reference for precision and recall. For matched quotes: Cohen's kappa
on stance, form and speaker per pair, and Krippendorff's alpha (nominal) across all annotators.
A figure that cannot be computed says so, with the reason. The JSON shape is in docs/FORMATS.md.

Options:
  --annotators A,B    two or more layer names (folders under .quotebench/annotations)
  --json              the full report as JSON
  -h, --help          this help`,
  suggest: `Usage: quotebench suggest CORPUS --annotator NAME [--dry-run]

Proposes quotes (direct, indirect, mixed), their cues and source mentions and their speakers in
every document, with the rule-based suggester (no model, no network), and writes them into NAME's
layer as spans whose provenance says "suggested". Quotes the layer already has, and suggestions
rejected in the app, are left out, so running it again adds nothing. Speaker names are matched to
the registry (aliases and spellings too); new ones join it. Measured figures: docs/SUGGESTIONS.md.

Options:
  --annotator NAME    the layer to write (a new name makes a new layer)
  --dry-run           print what would be added; write nothing
  -h, --help          this help`,
  import: `Usage: quotebench import CORPUS --format F --annotator NAME [--map FROM=TO,...] [--dry-run] [--replace] SOURCE

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
  -h, --help          this help`,
};

/** The default settings folder for the command line. */
export function defaultSettingsDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.QUOTEBENCH_HOME) return env.QUOTEBENCH_HOME;
  const base = env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
  return path.join(base, 'quotebench');
}

/** Browser mode's corpus: the last one `quotebench serve` had open (its settings), else the sample. */
export function browserCorpus(sample: string, settingsDir = defaultSettingsDir()): string {
  try {
    const settings = JSON.parse(readFileSync(path.join(settingsDir, 'settings.json'), 'utf8')) as { lastCorpus?: unknown };
    const last = settings.lastCorpus;
    if (typeof last === 'string' && statSync(last).isDirectory()) return last;
  } catch {
    // No settings yet, unreadable, or the last corpus moved away: the sample corpus.
  }
  return sample;
}

/** The package root (the folder holding package.json), from this file's location in src or dist. */
export async function packageRoot(): Promise<string> {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      await fs.access(path.join(dir, 'package.json'));
      return dir;
    } catch {
      const up = path.dirname(dir);
      if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
      dir = up;
    }
  }
}

async function corpusArg(positionals: string[], command: string): Promise<string> {
  if (positionals.length === 0) throw new UsageError(`${command} needs a CORPUS folder (see quotebench ${command} --help)`);
  if (positionals.length > 1) throw new UsageError(`${command} takes one CORPUS folder, got ${positionals.length} arguments`);
  const folder = path.resolve(positionals[0]!);
  let st;
  try {
    st = await fs.stat(folder);
  } catch {
    throw new UsageError(`no such folder: ${positionals[0]}`);
  }
  if (!st.isDirectory()) throw new UsageError(`not a folder: ${positionals[0]}`);
  return folder;
}

type Flags = Record<string, { type: 'string' | 'boolean'; short?: string }>;

function parse(command: string, args: string[], options: Flags): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const r = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message.split('\n')[0]!.split('. To specify')[0]}`);
  }
}

/** Runs one command line; returns the exit code (0 ok, 1 failure, 2 usage). */
/** `--map Content=QUOTE,Source=SOURCE` as a rename table; a malformed pair is a usage error. */
export function parseMap(text: string | undefined): Record<string, string> {
  const parsed = parseLabelMap(text ?? '');
  if ('error' in parsed) throw new UsageError(`import: --map ${parsed.error}`);
  return parsed.map;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  // Everything the CLI says (not the data of `export --out -`) goes out printable: names, ids and
  // problem text come from the input and may hold control characters (ESC[2J in a .ann line).
  const say = { stdout: (text: string) => io.stdout(printableLines(text)), stderr: (text: string) => io.stderr(printableLines(text)) };
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      say.stdout(HELP.main + '\n');
      return command ? 0 : 2;
    }
    if (command === 'stats') {
      const { values, positionals } = parse('stats', rest, { json: { type: 'boolean' } });
      if (values.help) return say.stdout(HELP.stats + '\n'), 0;
      const stats = await computeStats(await corpusArg(positionals, 'stats'));
      say.stdout(values.json ? JSON.stringify(stats, null, 2) + '\n' : formatStats(stats));
      return 0;
    }
    if (command === 'serve') {
      const { values, positionals } = parse('serve', rest, { port: { type: 'string' }, 'settings-dir': { type: 'string' } });
      if (values.help) return say.stdout(HELP.serve + '\n'), 0;
      const corpus = await corpusArg(positionals, 'serve');
      let port = 0;
      if (values.port !== undefined) {
        port = Number(values.port);
        if (!/^\d+$/.test(String(values.port)) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got ${values.port}`);
      }
      const staticDir = path.join(await packageRoot(), 'dist', 'renderer');
      try {
        await fs.access(path.join(staticDir, 'index.html'));
      } catch {
        throw new UsageError('the UI is not built: run "npm run build" first');
      }
      const settingsDir = typeof values['settings-dir'] === 'string' ? path.resolve(values['settings-dir']) : defaultSettingsDir();
      setLockHolderName('Quotebench (quotebench serve)');
      const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: corpus });
      let server;
      try {
        server = await startServer({ dispatch: app.dispatch, events: app.events, staticDir, port });
      } catch (error) {
        throw new UsageError(`cannot listen on 127.0.0.1:${port} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
      }
      say.stdout(`Quotebench is serving ${corpus} at ${server.url}\nOpen that address in a browser on this machine. Press Ctrl+C to stop.\n`);
      await (io.untilStopped ?? untilSignal)();
      await server.close();
      await app.close();
      return 0;
    }
    if (command === 'export') {
      const { values, positionals } = parse('export', rest, {
        format: { type: 'string' },
        annotator: { type: 'string' },
        out: { type: 'string' },
        status: { type: 'string' },
        bom: { type: 'boolean' },
        jobs: { type: 'string' },
        force: { type: 'boolean' },
      });
      if (values.help) return say.stdout(HELP.export + '\n'), 0;
      const corpus = await corpusArg(positionals, 'export');
      const format = values.format as string | undefined;
      if (!format || !(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`export: --format must be one of ${EXPORT_FORMATS.join(', ')}`);
      const annotator = values.annotator as string | undefined;
      if (!annotator || !ANNOTATOR_NAME_RE.test(annotator)) throw new UsageError('export: --annotator NAME is required (letters, digits, space, . _ -)');
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
    if (command === 'import') {
      const { values, positionals } = parse('import', rest, {
        format: { type: 'string' },
        annotator: { type: 'string' },
        map: { type: 'string' },
        'dry-run': { type: 'boolean' },
        replace: { type: 'boolean' },
      });
      if (values.help) return say.stdout(HELP.import + '\n'), 0;
      if (positionals.length !== 2) throw new UsageError('import: give CORPUS and SOURCE (a brat folder or a .jsonl file)');
      const corpus = await corpusArg(positionals.slice(0, 1), 'import');
      const format = values.format as string | undefined;
      if (!format || !(IMPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`import: --format must be one of ${IMPORT_FORMATS.join(', ')}`);
      const annotator = values.annotator as string | undefined;
      if (!annotator || !ANNOTATOR_NAME_RE.test(annotator)) throw new UsageError('import: --annotator NAME is required (letters, digits, space, . _ -)');
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
      const report = await importLayer(corpus, source, { format: format as ImportFormat, annotator, map, dryRun: Boolean(values['dry-run']), replace: Boolean(values.replace), warn: (m) => say.stderr(`quotebench: ${m}\n`) });
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
    if (command === 'agreement') {
      const { values, positionals } = parse('agreement', rest, { annotators: { type: 'string' }, json: { type: 'boolean' } });
      if (values.help) return say.stdout(HELP.agreement + '\n'), 0;
      const corpus = await corpusArg(positionals, 'agreement');
      const names = ((values.annotators as string | undefined) ?? '').split(',').map((n) => n.trim()).filter(Boolean);
      if (names.length < 2) throw new UsageError('agreement: --annotators needs at least two names, e.g. --annotators maria,omar');
      if (new Set(names).size !== names.length) throw new UsageError('agreement: an annotator is named twice');
      for (const n of names) if (!ANNOTATOR_NAME_RE.test(n)) throw new UsageError(`agreement: "${n}" is not an annotator name`);
      const report = await computeAgreement(corpus, names);
      say.stdout(values.json ? JSON.stringify(report, null, 2) + '\n' : formatAgreement(report));
      return 0;
    }
    if (command === 'suggest') {
      const { values, positionals } = parse('suggest', rest, { annotator: { type: 'string' }, 'dry-run': { type: 'boolean' } });
      if (values.help) return say.stdout(HELP.suggest + '\n'), 0;
      const corpus = await corpusArg(positionals, 'suggest');
      const annotator = values.annotator as string | undefined;
      if (!annotator || !ANNOTATOR_NAME_RE.test(annotator)) throw new UsageError('suggest: --annotator NAME is required (letters, digits, space, . _ -)');
      setLockHolderName('quotebench suggest');
      const report = await suggestIntoLayer(corpus, { annotator, dryRun: Boolean(values['dry-run']) });
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
    throw new UsageError(`unknown command "${command}" (try quotebench --help)`);
  } catch (error) {
    if (error instanceof UsageError) {
      say.stderr(`quotebench: ${error.message}\n`);
      return 2;
    }
    say.stderr(`quotebench: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}

/** A path as short as it can be said: relative when inside the working folder, else absolute. */
function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

function reportProblems(problems: { docId: string; spanId: string; message: string }[], say: Pick<CliIO, 'stderr'>): void {
  for (const p of problems) say.stderr(`quotebench: left out ${printable(p.docId)}${p.spanId ? ` ${p.spanId}` : ''}: ${p.message}\n`);
}

/** Documents an export or agreement left out whole (a damaged layer file, an unreadable article), one line each. */
function reportSkipped(skipped: readonly { docId: string; message: string; annotator?: string }[], say: Pick<CliIO, 'stderr'>): void {
  for (const k of skipped) say.stderr(`quotebench: skipped ${printable(k.docId)}${k.annotator ? ` (${k.annotator})` : ''}: ${k.message}\n`);
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
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

// Run when executed directly (tsx main/cli.ts ...).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then((code) => process.exit(code));
}
