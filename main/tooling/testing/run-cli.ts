/** Test helper: runs one `quotebench` command line in-process and captures what it printed. */
import { runCli } from '../../cli.js';

/** The exit code and everything written to standard output and standard error. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs `quotebench ARGV…` in-process. */
export async function runQuotebench(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { stdout: (t) => (out += t), stderr: (t) => (err += t) });
  return { code, out, err };
}
