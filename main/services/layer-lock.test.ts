import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../cli.js';
import { createApp } from './app.js';
import { acquireLayerLock, HALF_WRITTEN_GRACE_MS, lockFile, releaseLayerLocks } from './layer-lock.js';

async function corpusWith(text: string): Promise<{ dir: string; corpus: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-lock-'));
  const corpus = path.join(dir, 'corpus');
  await fs.mkdir(corpus);
  await fs.writeFile(path.join(corpus, 'a.txt'), text);
  return { dir, corpus };
}

/** A live process that is not this one (it holds the lock in these tests). */
function otherProcess() {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  return child;
}

describe('one writer per layer', () => {
  it('a second process is refused with who holds the lock; a lock of a dead process is taken over', async () => {
    const { dir, corpus } = await corpusWith('Minister said yes.\n');
    const other = otherProcess();
    const file = lockFile(corpus, 'maria');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify({ pid: other.pid, host: os.hostname(), what: 'Quotebench app', since: '2026-11-24T23:00:00Z' }));

    const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
    await app.dispatch('setAnnotator', { name: 'maria' });
    const refused = await app.dispatch('createSpan', { docId: 'a.txt', start: 0, end: 8, label: 'SOURCE' });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.error).toMatchObject({ code: 'locked' });
    expect(!refused.ok && refused.error.message).toContain(`Quotebench app (process ${other.pid} on ${os.hostname()}`);
    await expect(fs.stat(path.join(corpus, '.quotebench', 'annotations', 'maria', 'a.txt.json'))).rejects.toThrow();

    // The other process ends without cleaning up: its lock is stale and the write goes through.
    other.kill('SIGKILL');
    await new Promise((resolve) => other.once('exit', resolve));
    const ok = await app.dispatch('createSpan', { docId: 'a.txt', start: 0, end: 8, label: 'SOURCE' });
    expect(ok.ok).toBe(true);
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toMatchObject({ pid: process.pid });

    // Reading never needs the lock; closing the corpus lets it go.
    await app.close();
    await expect(fs.stat(file)).rejects.toThrow();
  });

  it('a lock file another process has just created but not yet written is taken; one left empty by a crash is stale', async () => {
    const { corpus } = await corpusWith('Minister said yes.\n');
    const file = lockFile(corpus, 'maria');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, '');
    await expect(acquireLayerLock(corpus, 'maria')).rejects.toMatchObject({ code: 'locked', message: expect.stringContaining('being locked by another process right now') });
    expect(await fs.readFile(file, 'utf8')).toBe('');
    const old = new Date(Date.now() - HALF_WRITTEN_GRACE_MS - 1000);
    await fs.utimes(file, old, old);
    await acquireLayerLock(corpus, 'maria');
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname() });
    await releaseLayerLocks(corpus);
    await expect(fs.stat(file)).rejects.toThrow();
  });

  it('a CLI import into a layer the app is writing is refused and names the app', async () => {
    const { dir, corpus } = await corpusWith('Minister said yes.\n');
    const other = otherProcess();
    const file = lockFile(corpus, 'maria');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify({ pid: other.pid, host: os.hostname(), what: 'Quotebench app', since: 'now' }));
    const source = path.join(dir, 'in.jsonl');
    await fs.writeFile(source, JSON.stringify({ id: 'a.txt', text: 'Minister said yes.\n', spans: [{ start: 0, end: 8, label: 'SOURCE' }] }) + '\n');
    let err = '';
    const code = await runCli(['import', corpus, '--format', 'jsonl', '--annotator', 'maria', source], { stdout: () => undefined, stderr: (t) => (err += t) });
    other.kill('SIGKILL');
    expect(code).toBe(1);
    expect(err).toContain(`maria's layer is being written by Quotebench app (process ${other.pid}`);
  });

  it('quotebench suggest into a layer the app is writing is refused and writes nothing', async () => {
    const { corpus } = await corpusWith('“No,” Ana Ruiz said.\n');
    const other = otherProcess();
    const file = lockFile(corpus, 'maria');
    await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, JSON.stringify({ pid: other.pid, host: os.hostname(), what: 'Quotebench app', since: 'now' }));
    let err = '';
    const code = await runCli(['suggest', corpus, '--annotator', 'maria'], { stdout: () => undefined, stderr: (t) => (err += t) });
    other.kill('SIGKILL');
    expect(code).toBe(1);
    expect(err).toContain(`maria's layer is being written by Quotebench app (process ${other.pid}`);
    await expect(fs.stat(path.join(corpus, '.quotebench', 'annotations', 'maria'))).rejects.toThrow();
    await expect(fs.stat(path.join(corpus, '.quotebench', 'project.json'))).rejects.toThrow();
  });
});
