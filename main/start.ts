/**
 * `npm start`: opens the desktop app, the first time on the bundled sample corpus and after that
 * on the last corpus (QUOTEBENCH_CORPUS names one explicitly). Where no Electron binary can be
 * obtained (offline machines, CI), says so in one line and serves the same UI in browser mode
 * instead. QUOTEBENCH_BROWSER=1 skips the Electron attempt.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { browserCorpus, packageRoot, runCli } from './cli.js';

async function main(): Promise<number> {
  const root = await packageRoot();
  const sample = path.join(root, 'resources', 'sample-corpus');
  const chosen = process.env.QUOTEBENCH_CORPUS || null;
  if (process.env.QUOTEBENCH_BROWSER !== '1') {
    const electron = findElectron(root);
    if (electron.ok) {
      // The app reopens its last corpus itself; the sample is for a first start (no recent corpus).
      const env = { ...process.env, ...(chosen ? { QUOTEBENCH_CORPUS: chosen } : { QUOTEBENCH_FIRST_CORPUS: sample }) };
      const child = spawn(electron.path, [root], { stdio: 'inherit', env });
      return new Promise((resolve) => {
        child.on('error', (error) => {
          console.log(`Electron could not start (${error.message}); starting browser mode instead.`);
          resolve(browser(chosen ?? browserCorpus(sample)));
        });
        child.on('exit', (code) => resolve(code ?? 0));
      });
    }
    console.log(`Electron is not available on this machine (${electron.reason}); starting browser mode instead.`);
  }
  return browser(chosen ?? browserCorpus(sample));
}

/** Asks the electron package for its binary (it downloads it on first use, where it can). */
function findElectron(root: string): { ok: true; path: string } | { ok: false; reason: string } {
  const pkg = path.join(root, 'node_modules', 'electron');
  if (!fs.existsSync(pkg)) return { ok: false, reason: 'the electron package is not installed' };
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const binary = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  if (r.status === 0 && binary && fs.existsSync(binary)) return { ok: true, path: binary };
  if (r.status === 0 && binary) return { ok: false, reason: `there is no Electron binary at ${binary}` };
  const why = (r.stderr ?? '').split('\n').find((l) => /Error|failed/.test(l))?.trim() ?? `exit ${r.status ?? r.signal}`;
  return { ok: false, reason: `its binary could not be downloaded: ${why.slice(0, 120)}` };
}

function browser(corpus: string): Promise<number> {
  return runCli(['serve', corpus], { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
}

main().then((code) => process.exit(code));
