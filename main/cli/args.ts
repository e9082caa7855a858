/**
 * What every `quotebench` command shares: the usage error, flag parsing, the CORPUS argument and
 * the lines that report left-out documents. Node built-ins and shared/printable only, so a
 * command's `--help` and its flag errors load no service.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { printable } from '../../shared/printable.js';

/** A mistake in the command line: printed as one line, exit code 2. */
export class UsageError extends Error {}

/** Where a command writes: `say` escapes control characters, `stdout` is raw (the data of `export --out -`). */
export interface CommandIO {
  say: { stdout: (text: string) => void; stderr: (text: string) => void };
  stdout: (text: string) => void;
  /** Resolves when the user stops a long-running command (Ctrl+C). */
  untilStopped: () => Promise<void>;
  /** Aborted by Ctrl+C while a command that reads or writes many documents runs (not serve, which waits on untilStopped). */
  signal?: AbortSignal;
}

/** One command's module, loaded by main/cli.ts only when that command runs. */
export interface CliCommand {
  /** Runs the command on the arguments after its name; answers the exit code (0 ok, 1 failure, 2 usage). */
  run(args: string[], io: CommandIO): Promise<number>;
}

/** A command's flags, as node:util's parseArgs takes them (`--help` / `-h` is added to every command). */
export type Flags = Record<string, { type: 'string' | 'boolean'; short?: string }>;

/** Parses a command's flags strictly; an unknown or malformed flag is a UsageError naming the command. */
export function parse(command: string, args: string[], options: Flags): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const r = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
    return { values: r.values as Record<string, string | boolean | undefined>, positionals: r.positionals };
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message.split('\n')[0]!.split('. To specify')[0]}`);
  }
}

/** The one CORPUS folder of a command, resolved; missing, extra or not a folder is a UsageError. */
export async function corpusArg(positionals: string[], command: string): Promise<string> {
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

/** A path as short as it can be said: relative when inside the working folder, else absolute. */
export function shownPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Spans an export left out (their text no longer matches), one line each. */
export function reportProblems(problems: { docId: string; spanId: string; message: string }[], say: Pick<CommandIO['say'], 'stderr'>): void {
  for (const p of problems) say.stderr(`quotebench: left out ${printable(p.docId)}${p.spanId ? ` ${p.spanId}` : ''}: ${p.message}\n`);
}

/** Documents an export or agreement left out whole (a damaged layer file, an unreadable article), one line each. */
export function reportSkipped(skipped: readonly { docId: string; message: string; annotator?: string }[], say: Pick<CommandIO['say'], 'stderr'>): void {
  for (const k of skipped) say.stderr(`quotebench: skipped ${printable(k.docId)}${k.annotator ? ` (${k.annotator})` : ''}: ${k.message}\n`);
}

/** The `--annotator NAME` of export, import and suggest, checked against ANNOTATOR_NAME_RE (shared/schemas.ts, loaded only here). */
export async function annotatorArg(command: string, value: string | boolean | undefined): Promise<string> {
  const { ANNOTATOR_NAME_RE } = await import('../../shared/schemas.js');
  if (typeof value !== 'string' || !ANNOTATOR_NAME_RE.test(value)) throw new UsageError(`${command}: --annotator NAME is required (letters, digits, space, . _ -)`);
  return value;
}
