/** `quotebench serve`: the full UI and its API in a browser, on 127.0.0.1 only. */
import fs from 'node:fs/promises';
import path from 'node:path';
import { defaultSettingsDir, packageRoot } from './paths.js';
import { corpusArg, parse, UsageError, type CommandIO } from './args.js';

/** `quotebench serve --help`. */
export const HELP = `Usage: quotebench serve CORPUS [--port N] [--settings-dir DIR]

Serves the Quotebench UI and its API on http://127.0.0.1 only. Every API call needs the
per-run token that is part of the printed URL; requests from other hosts or origins are refused.

Options:
  --port N            port to listen on (default: a free port)
  --settings-dir DIR  where settings.json (annotator name, recent corpora) lives
                      (default: $QUOTEBENCH_HOME, else $XDG_CONFIG_HOME/quotebench, else ~/.config/quotebench)
  -h, --help          this help`;

/** Runs `quotebench serve ARGS…` until the user stops it. */
export async function run(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse('serve', args, { port: { type: 'string' }, 'settings-dir': { type: 'string' } });
  if (values.help) return io.say.stdout(HELP + '\n'), 0;
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
  const [{ setLockHolderName }, { createApp }, { startServer }] = await Promise.all([import('../services/store/layer-lock.js'), import('../services/app.js'), import('../server/http-server.js')]);
  setLockHolderName('Quotebench (quotebench serve)');
  const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: corpus });
  let server;
  try {
    server = await startServer({ dispatch: app.dispatch, events: app.events, staticDir, port });
  } catch (error) {
    throw new UsageError(`cannot listen on 127.0.0.1:${port} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  io.say.stdout(`Quotebench is serving ${corpus} at ${server.url}\nOpen that address in a browser on this machine. Press Ctrl+C to stop.\n`);
  await io.untilStopped();
  await server.close();
  await app.close();
  return 0;
}
