/**
 * `npm start` where Electron cannot start: one line saying so, then browser mode on the last
 * corpus (the bundled sample corpus on a first start). Runs main/start.ts as npm start does,
 * with the electron package pointed at a folder holding no binary. Needs the built renderer.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserCorpus } from './cli.js';

const startScript = path.join(import.meta.dirname, 'start.ts');

describe('npm start', () => {
  it('says in one line that Electron cannot start, then serves the last corpus in browser mode', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-start-'));
    const corpus = path.join(dir, 'corpus');
    await fs.mkdir(corpus);
    await fs.writeFile(path.join(corpus, 'a.txt'), 'Title\nBody.\n');
    const home = path.join(dir, 'home');
    await fs.mkdir(home);
    await fs.writeFile(path.join(home, 'settings.json'), JSON.stringify({ schemaVersion: 1, annotator: 'ana', recent: [{ path: corpus, openedAt: '2026-01-01T00:00:00.000Z' }], lastCorpus: corpus }));
    const child = spawn(process.execPath, ['--import', 'tsx', startScript], {
      env: { ...process.env, QUOTEBENCH_HOME: home, QUOTEBENCH_CORPUS: '', QUOTEBENCH_BROWSER: '', ELECTRON_OVERRIDE_DIST_PATH: path.join(dir, 'no-electron') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (d) => {
        out += d;
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+)\n/.exec(out);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`npm start exited ${code} before serving:\n${out}${err}`)));
    });
    const lines = out.split('\n');
    expect(lines[0]).toBe(`Electron is not available on this machine (there is no Electron binary at ${path.join(dir, 'no-electron', 'electron')}); starting browser mode instead.`);
    expect(lines[1]).toBe(`Quotebench is serving ${await fs.realpath(corpus)} at ${url}`);
    const page = await fetch(url.split('#')[0]!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Quotebench</title>');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(err).toBe('');
    await fs.rm(dir, { recursive: true, force: true });
  }, 120_000);

  it('browser mode opens the last corpus, else the sample corpus', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-start-'));
    const sample = path.join(dir, 'sample');
    expect(browserCorpus(sample, path.join(dir, 'no-settings'))).toBe(sample);
    await fs.writeFile(path.join(dir, 'settings.json'), '{ not json');
    expect(browserCorpus(sample, dir)).toBe(sample);
    await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify({ lastCorpus: path.join(dir, 'moved-away') }));
    expect(browserCorpus(sample, dir)).toBe(sample);
    await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify({ lastCorpus: null }));
    expect(browserCorpus(sample, dir)).toBe(sample);
    await fs.mkdir(path.join(dir, 'last'));
    await fs.writeFile(path.join(dir, 'settings.json'), JSON.stringify({ lastCorpus: path.join(dir, 'last') }));
    expect(browserCorpus(sample, dir)).toBe(path.join(dir, 'last'));
    await fs.rm(dir, { recursive: true, force: true });
  });
});
