/**
 * The `quotebench` command line: the same services as the desktop app, under plain Node.
 * A table of commands; each command's module (main/cli/NAME.ts) is loaded only when that command
 * runs, and loads its services only after its flags are checked, so `--help` and a mistyped flag
 * answer without loading any service. `runCli` is exported so tests run it in-process;
 * cli-bin.ts is the installed entry point.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printableLines } from '../shared/printable.js';
import { UsageError, type CliCommand, type CommandIO } from './cli/args.js';

/** Settings folder, browser mode's corpus and the package root, for `npm start` (start.ts). */
export { browserCorpus, defaultSettingsDir, packageRoot } from './cli/paths.js';

/** Where `runCli` writes, and how a long-running command learns it should stop. */
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Resolves when the user stops a long-running command (Ctrl+C); tests resolve it themselves. */
  untilStopped?: () => Promise<void>;
}

/** Every command and how to load its module. */
const COMMANDS: Record<string, () => Promise<CliCommand>> = {
  serve: () => import('./cli/serve.js'),
  stats: () => import('./cli/stats.js'),
  export: () => import('./cli/export.js'),
  import: () => import('./cli/import.js'),
  agreement: () => import('./cli/agreement.js'),
  suggest: () => import('./cli/suggest.js'),
};

const HELP = `Usage: quotebench COMMAND [options]

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
Offsets in every file and export are Unicode code points.`;

/** Runs one command line; returns the exit code (0 ok, 1 failure, 2 usage). */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [command, ...rest] = argv;
  // Everything the CLI says (not the data of `export --out -`) goes out printable: names, ids and
  // problem text come from the input and may hold control characters (ESC[2J in a .ann line).
  const say = { stdout: (text: string) => io.stdout(printableLines(text)), stderr: (text: string) => io.stderr(printableLines(text)) };
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      say.stdout(HELP + '\n');
      return command ? 0 : 2;
    }
    // An own property only: `toString` or `__proto__` is an unknown command, not Object's.
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) throw new UsageError(`unknown command "${command}" (try quotebench --help)`);
    const commandIO: CommandIO = { say, stdout: io.stdout, untilStopped: io.untilStopped ?? untilSignal };
    if (command === 'serve') return await (await load()).run(rest, commandIO);
    // Ctrl+C stops the work between documents; what it wrote is removed or put back first.
    const { onInterrupt } = await import('./services/platform/cancel.js');
    const controller = new AbortController();
    const off = onInterrupt((reason) => controller.abort(reason));
    try {
      return await (await load()).run(rest, { ...commandIO, signal: controller.signal });
    } finally {
      off();
    }
  } catch (error) {
    if (error instanceof Error && (error.name === 'CancelledError' || error.name === 'AbortError')) {
      say.stderr('quotebench: stopped by Ctrl+C; nothing was left half-written.\n');
      return 130;
    }
    if (error instanceof UsageError) {
      say.stderr(`quotebench: ${error.message}\n`);
      return 2;
    }
    say.stderr(`quotebench: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

// Run when executed directly (node dist/main/cli.js …, tsx main/cli.ts …).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runCli(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }).then((code) => process.exit(code));
}
