import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli.js';
import { LayerStore } from './store/annotations.js';
import { createApp } from './app.js';
import { DurableJSONFile, TEMP_LEFTOVER_AGE_MS } from './platform/durable-file.js';
import {
  acquireLayerLock,
  assertLayerLockHeld,
  HALF_WRITTEN_GRACE_MS,
  HEARTBEAT_MS,
  isStaleLock,
  lockFile,
  OTHER_HOST_STALE_MS,
  refreshHeldLocks,
  releaseLayerLocks,
} from './store/layer-lock.js';

async function corpusWith(text: string): Promise<{ dir: string; corpus: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-lock-'));
  const corpus = path.join(dir, 'corpus');
  await fs.mkdir(corpus);
  await fs.writeFile(path.join(corpus, 'a.txt'), text);
  return { dir, corpus };
}

/** The pid of a process that has ended (a crashed holder). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', ''], { stdio: 'ignore' });
  await new Promise((resolve) => child.once('exit', resolve));
  return child.pid!;
}

async function writeRecord(file: string, record: object, ageMs = 0): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, JSON.stringify(record));
  const when = new Date(Date.now() - ageMs);
  await fs.utimes(file, when, when);
}

function span(id: string) {
  return { id, docId: 'a.txt', start: 0, end: 1, label: 'QUOTE', quote: 'M', prefix: '', suffix: '', attrs: {}, note: '', author: 'maria', created: 'x', modified: 'x' };
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

describe('when a lock is stale', () => {
  const probe = (now: number) => ({ host: 'here', now, alive: (pid: number) => pid === 7 });
  const t0 = Date.parse('2026-11-24T12:00:00Z');

  it('the rule: same host by pid; another host by a heartbeat older than two minutes; an unreadable one after the grace', () => {
    expect(HEARTBEAT_MS).toBe(30_000);
    expect(OTHER_HOST_STALE_MS).toBe(120_000);
    const same = (pid: number) => ({ pid, host: 'here', what: 'app', since: '' });
    // Same host: the pid decides, however old the file (a holder idle for hours is still a holder).
    expect(isStaleLock(same(7), t0 - 10 * OTHER_HOST_STALE_MS, probe(t0))).toBe(false);
    expect(isStaleLock(same(8), t0, probe(t0))).toBe(true);
    // Another host: its pids mean nothing here, only its heartbeat (the file's mtime) counts.
    const far = { pid: 7, host: 'laptop-2', what: 'app', since: '' };
    expect(isStaleLock(far, t0 - OTHER_HOST_STALE_MS, probe(t0))).toBe(false);
    expect(isStaleLock(far, t0 - OTHER_HOST_STALE_MS - 1, probe(t0))).toBe(true);
    expect(isStaleLock({ ...far, pid: 8 }, t0 - 4 * HEARTBEAT_MS + 1000, probe(t0))).toBe(false);
    expect(isStaleLock(null, t0 - HALF_WRITTEN_GRACE_MS + 1, probe(t0))).toBe(false);
    expect(isStaleLock(null, t0 - HALF_WRITTEN_GRACE_MS, probe(t0))).toBe(true);
  });

  it("another host's lock is respected while it beats and taken over after two minutes of silence", async () => {
    const { corpus } = await corpusWith('Minister said yes.\n');
    const file = lockFile(corpus, 'maria');
    const record = { pid: process.pid, host: 'laptop-2.example', what: 'Quotebench app', since: '2026-11-24T12:00:00Z', nonce: 'a1b2c3d4e5f60718' };
    await writeRecord(file, record, OTHER_HOST_STALE_MS - 20_000);
    await expect(acquireLayerLock(corpus, 'maria')).rejects.toMatchObject({
      code: 'locked',
      message: `maria's layer is being written by Quotebench app (process ${process.pid} on laptop-2.example, since 2026-11-24T12:00:00Z). Close it there first; two writers would overwrite each other.`,
    });
    await writeRecord(file, record, OTHER_HOST_STALE_MS + 5000);
    const nonce = await acquireLayerLock(corpus, 'maria');
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toMatchObject({ pid: process.pid, host: os.hostname(), nonce });
    expect(nonce).toMatch(/^[0-9a-f]{32}$/);
    await releaseLayerLocks(corpus);
  });

  it('the heartbeat refreshes the mtime of a held lock and forgets one another process took over', async () => {
    const { corpus } = await corpusWith('Minister said yes.\n');
    const file = lockFile(corpus, 'maria');
    await acquireLayerLock(corpus, 'maria');
    const old = new Date(Date.now() - 60_000);
    await fs.utimes(file, old, old);
    await refreshHeldLocks();
    expect(Date.now() - (await fs.stat(file)).mtimeMs).toBeLessThan(5000);
    const other = otherProcess();
    await writeRecord(file, { pid: other.pid, host: os.hostname(), what: 'Other', since: 'now', nonce: '0011223344556677' }, 60_000);
    await refreshHeldLocks();
    // Not refreshed: it is not ours any more.
    expect(Date.now() - (await fs.stat(file)).mtimeMs).toBeGreaterThan(50_000);
    expect(() => assertLayerLockHeld(corpus, 'maria')).toThrow("This process does not hold the lock on maria's layer.");
    other.kill('SIGKILL');
  });
});

describe('taking over a stale lock', () => {
  it('skips the slot of a taker that died half-way and clears every slot when done', async () => {
    const { corpus } = await corpusWith('Minister said yes.\n');
    const file = lockFile(corpus, 'maria');
    const dead = await deadPid();
    await writeRecord(file, { pid: dead, host: os.hostname(), what: 'Crashed', since: 'then', nonce: 'deadbeefdeadbeef' });
    await writeRecord(`${file}.takeover-deadbeefdeadbeef-1`, { pid: dead, host: os.hostname(), what: 'Crashed taker', since: 'then', nonce: 'feedfacefeedface' });
    const nonce = await acquireLayerLock(corpus, 'maria');
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toMatchObject({ pid: process.pid, nonce });
    expect(await fs.readdir(path.dirname(file))).toEqual(['maria.lock']);
    await releaseLayerLocks(corpus);
  });

  it('waits for a live taker of the same stale lock, then names it', async () => {
    const { corpus } = await corpusWith('Minister said yes.\n');
    const file = lockFile(corpus, 'maria');
    const other = otherProcess();
    await writeRecord(file, { pid: await deadPid(), host: os.hostname(), what: 'Crashed', since: 'then', nonce: 'deadbeefdeadbeef' });
    const slot = `${file}.takeover-deadbeefdeadbeef-1`;
    await writeRecord(slot, { pid: other.pid, host: os.hostname(), what: 'Other taker', since: 'now', nonce: '0123456789abcdef' });
    const started = Date.now();
    await expect(acquireLayerLock(corpus, 'maria')).rejects.toMatchObject({ code: 'locked', message: expect.stringContaining(`being taken over by Other taker (process ${other.pid}`) });
    expect(Date.now() - started).toBeGreaterThan(2000);
    // The live taker's slot and the stale lock are left to it.
    expect((await fs.readdir(path.dirname(file))).sort()).toEqual(['maria.lock', 'maria.lock.takeover-deadbeefdeadbeef-1']);
    other.kill('SIGKILL');
  });
});

describe('never a write from a stale copy', () => {
  it('a lock taken over under a live holder stops its writes, naming the new holder; nothing is written', async () => {
    const { corpus } = await corpusWith('Minister said yes.\n');
    const store = new LayerStore(corpus, 'maria');
    await store.mutate('a.txt', '', (l) => void l.spans.push(span('s1')));
    const layer = path.join(corpus, '.quotebench', 'annotations', 'maria', 'a.txt.json');
    const before = await fs.readFile(layer, 'utf8');
    const other = otherProcess();
    await writeRecord(lockFile(corpus, 'maria'), { pid: other.pid, host: os.hostname(), what: 'quotebench import', since: 'now', nonce: '0011223344556677' });
    await expect(store.mutate('a.txt', '', (l) => void l.spans.push(span('s2')))).rejects.toMatchObject({
      code: 'locked',
      message: `maria's layer was taken over by quotebench import (process ${other.pid} on ${os.hostname()}, since now), so this process stopped writing it. Close it there, then try again.`,
    });
    // Asked again, it is refused at the lock, not at the write.
    await expect(store.mutate('a.txt', '', (l) => void l.spans.push(span('s2')))).rejects.toMatchObject({ code: 'locked', message: expect.stringContaining('is being written by quotebench import') });
    expect(await fs.readFile(layer, 'utf8')).toBe(before);
    expect((await store.load('a.txt')).spans.map((s) => s.id)).toEqual(['s1']);
    other.kill('SIGKILL');
  });

  it('a layer file changed on disk since it was read is read again and the edit applied to it; onReloaded is told', async () => {
    const { corpus } = await corpusWith('Minister said yes.\n');
    const reloaded: string[] = [];
    const store = new LayerStore(corpus, 'maria', { onReloaded: (docId) => reloaded.push(docId) });
    await store.mutate('a.txt', '', (l) => void l.spans.push(span('s1')));
    const layer = path.join(corpus, '.quotebench', 'annotations', 'maria', 'a.txt.json');
    // A hand edit (or a git checkout) adds a span behind the store's back.
    const onDisk = JSON.parse(await fs.readFile(layer, 'utf8'));
    onDisk.spans.push(span('by-hand'));
    await fs.writeFile(layer, JSON.stringify(onDisk));
    const { layer: after } = await store.mutate('a.txt', '', (l) => void l.spans.push(span('s2')));
    expect(after.spans.map((s) => s.id)).toEqual(['s1', 'by-hand', 's2']);
    expect(JSON.parse(await fs.readFile(layer, 'utf8')).spans.map((s: { id: string }) => s.id)).toEqual(['s1', 'by-hand', 's2']);
    expect(reloaded).toEqual(['a.txt']);
    // load() shows the disk too, and a file removed on disk is not resurrected from memory.
    await fs.rm(layer);
    expect((await store.load('a.txt')).spans).toEqual([]);
    expect(reloaded).toEqual(['a.txt', 'a.txt']);
    await releaseLayerLocks(corpus);
  });

  it('after the lock was let go and taken again, the layer is read from disk before the next write', async () => {
    const { corpus } = await corpusWith('Minister said yes.\n');
    const store = new LayerStore(corpus, 'maria');
    await store.mutate('a.txt', '', (l) => void l.spans.push(span('s1')));
    const reads = vi.spyOn(DurableJSONFile.prototype, 'readSync');
    try {
      await store.mutate('a.txt', '', (l) => void l.spans.push(span('s2')));
      expect(reads).toHaveBeenCalledTimes(0);
      await releaseLayerLocks(corpus);
      await store.mutate('a.txt', '', (l) => void l.spans.push(span('s3')));
      expect(reads).toHaveBeenCalledTimes(1);
    } finally {
      reads.mockRestore();
    }
    await releaseLayerLocks(corpus);
  });
});

describe('leftovers of killed writes', () => {
  it("taking a layer's lock removes its temp files whose writer is dead or that are over an hour old, and no others", async () => {
    const { corpus } = await corpusWith('Minister said yes.\n');
    const dir = path.join(corpus, '.quotebench', 'annotations', 'maria');
    await fs.mkdir(path.join(dir, 'sub'), { recursive: true });
    const dead = await deadPid();
    const names = {
      dead: path.join(dir, `.a.txt.json.${dead}.0123456789ab.tmp`),
      deadNested: path.join(dir, 'sub', `.b.txt.json.${dead}.0123456789ab.tmp`),
      old: path.join(dir, `.a.txt.json.${process.pid}.aaaaaaaaaaaa.tmp`),
      live: path.join(dir, `.a.txt.json.${process.pid}.bbbbbbbbbbbb.tmp`),
      notOurs: path.join(dir, `notes.${dead}.tmp`),
    };
    for (const f of Object.values(names)) await fs.writeFile(f, '{');
    const old = new Date(Date.now() - TEMP_LEFTOVER_AGE_MS - 60_000);
    await fs.utimes(names.old, old, old);
    await acquireLayerLock(corpus, 'maria');
    const left = async (f: string) => fs.stat(f).then(() => true, () => false);
    expect({ dead: await left(names.dead), deadNested: await left(names.deadNested), old: await left(names.old), live: await left(names.live), notOurs: await left(names.notOurs) }).toEqual({
      dead: false,
      deadNested: false,
      old: false,
      live: true,
      notOurs: true,
    });
    await releaseLayerLocks(corpus);
  });
});

describe('closing the corpus', () => {
  it('closeCorpus lets the lock go', async () => {
    const { dir, corpus } = await corpusWith('Minister said yes.\n');
    const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
    await app.dispatch('setAnnotator', { name: 'maria' });
    expect((await app.dispatch('createSpan', { docId: 'a.txt', start: 0, end: 8, label: 'SOURCE' })).ok).toBe(true);
    await fs.stat(lockFile(corpus, 'maria'));
    expect((await app.dispatch('closeCorpus', {})).ok).toBe(true);
    await expect(fs.stat(lockFile(corpus, 'maria'))).rejects.toThrow();
    await app.close();
  });
});
