/**
 * watchChanges: main watches what a window shows and publishes `changes` events (the channel
 * that replaced the renderer's long poll of waitForChanges).
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppEvent } from '../../shared/events.js';
import { createApp, type QuotebenchApp } from './app.js';
import { TEXT_TOKEN } from './handlers/change-feed.js';
import { openProject } from './store/project.js';

type Changes = Extract<AppEvent, { type: 'changes' }>;
const TEXT = 'The minister said “we stay” on Monday.\n';
let dir: string;
let corpus: string;
let app: QuotebenchApp;
let seen: Changes[];

async function call<T>(method: string, args: unknown = {}): Promise<T> {
  const r = await app.dispatch(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
  return r.value as T;
}

/** The next `changes` event for `watcher` after the `after`th. */
async function next(watcher: string, after: number): Promise<Changes> {
  await expect.poll(() => seen.filter((e) => e.watcher === watcher).length, { timeout: 5000 }).toBeGreaterThan(after);
  return seen.filter((e) => e.watcher === watcher)[after]!;
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-watch-'));
  corpus = path.join(dir, 'corpus');
  await fs.mkdir(corpus);
  await fs.writeFile(path.join(corpus, 'a.txt'), TEXT);
  app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
  await call('setAnnotator', { name: 'ana' });
  await call('getDocument', { docId: 'a.txt' });
  seen = [];
  app.events.subscribe((e) => e.type === 'changes' && seen.push(e));
});

afterEach(async () => {
  await app.close();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('watchChanges', () => {
  it('sends the versions at once, then only what changed on disk or in the registry', async () => {
    await call('watchChanges', { watcher: 'window-1-1', registry: -1, docId: 'a.txt', layers: ['ana'], tokens: {} });
    const first = await next('window-1-1', 0);
    expect(first.seen.notices).toEqual([]);
    expect(Object.keys(first.seen.tokens).sort()).toEqual([TEXT_TOKEN, 'ana'].sort());
    // Its own save is not news.
    await call('createSpan', { docId: 'a.txt', start: 4, end: 12, label: 'SOURCE' });
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(seen).toHaveLength(1);
    // Another writer adds a speaker: the registry moves.
    const other = await openProject(corpus, () => undefined);
    await other.change('bob', [{ op: 'speaker.create', speaker: { id: 'sp_bob0000000000001', name: 'Ana Ruiz', aliases: [], kind: 'person', affiliation: '', role: '' } }]);
    const registry = await next('window-1-1', 1);
    expect(registry.seen.registry).toBeGreaterThan(first.seen.registry);
    // The article changes.
    await fs.writeFile(path.join(corpus, 'a.txt'), TEXT.replace('Monday', 'Tuesday'));
    const text = await next('window-1-1', 2);
    expect(text.seen.tokens[TEXT_TOKEN]).not.toBe(first.seen.tokens[TEXT_TOKEN]);
  });

  it('starts from what the window knows, is replaced by a new watch of the same id, and stops on unwatch and on close of the corpus', async () => {
    await call('watchChanges', { watcher: 'window-1-1', registry: -1, docId: 'a.txt', layers: ['ana'], tokens: {} });
    const first = await next('window-1-1', 0);
    // A window that knows the current versions hears nothing.
    await call('watchChanges', { watcher: 'window-1-2', registry: first.seen.registry, docId: 'a.txt', layers: ['ana'], tokens: first.seen.tokens });
    expect(await call('unwatchChanges', { watcher: 'window-1-1' })).toEqual({ watching: true });
    expect(await call('unwatchChanges', { watcher: 'window-1-1' })).toEqual({ watching: false });
    await fs.writeFile(path.join(corpus, 'a.txt'), TEXT.replace('Monday', 'Friday'));
    const changed = await next('window-1-2', 0);
    expect(changed.seen.tokens[TEXT_TOKEN]).not.toBe(first.seen.tokens[TEXT_TOKEN]);
    expect(seen.filter((e) => e.watcher === 'window-1-1')).toHaveLength(1);
    await call('closeCorpus');
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await call('unwatchChanges', { watcher: 'window-1-2' })).toEqual({ watching: false });
  });
});
