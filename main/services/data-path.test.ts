import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from './app.js';
import { assertOwnDataPath, corpusRootOf, LinkedDataPathError } from './platform/data-path.js';
import { quarantine, writeFileDurable } from './platform/durable-file.js';
import { acquireLayerLock, releaseLayerLocks } from './store/layer-lock.js';

let dir: string;
let corpus: string;
let outside: string;

beforeEach(async () => {
  dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'qb-datapath-')));
  corpus = path.join(dir, 'corpus');
  outside = path.join(dir, 'outside');
  await fs.mkdir(path.join(corpus, '.quotebench', 'annotations'), { recursive: true });
  await fs.mkdir(outside);
  await fs.writeFile(path.join(outside, 'keep.json'), '{"mine": true}\n');
  await fs.writeFile(path.join(corpus, 'a.txt'), 'Alpha\n“Yes,” she said.\n');
});

const listing = async (folder: string) => (await fs.readdir(folder)).sort();

describe('assertOwnDataPath', () => {
  it('accepts real folders and paths not created yet, refuses a link at any depth and a path outside .quotebench', async () => {
    assertOwnDataPath(corpus, path.join(corpus, '.quotebench', 'annotations', 'ana', 'sub', 'a.txt.json'));
    await fs.symlink(outside, path.join(corpus, '.quotebench', 'locks'));
    expect(() => assertOwnDataPath(corpus, path.join(corpus, '.quotebench', 'locks', 'ana.lock'))).toThrow(LinkedDataPathError);
    expect(() => assertOwnDataPath(corpus, path.join(corpus, '.quotebench', 'locks'))).toThrow(`${path.join(corpus, '.quotebench', 'locks')} is a link (to ${outside}).`);
    await fs.symlink(path.join(outside, 'keep.json'), path.join(corpus, '.quotebench', 'index.json'));
    expect(() => assertOwnDataPath(corpus, path.join(corpus, '.quotebench', 'index.json'))).toThrow(LinkedDataPathError);
    expect(() => assertOwnDataPath(corpus, path.join(corpus, 'a.txt'))).toThrow(/is not inside the corpus's \.quotebench folder/);
    expect(() => assertOwnDataPath(corpus, path.join(corpus, '.quotebench', '..', 'a.txt'))).toThrow(/is not inside/);
    expect(corpusRootOf(path.join(corpus, '.quotebench', 'annotations', 'x.json'))).toBe(corpus);
    expect(corpusRootOf(path.join(dir, 'settings', 'settings.json'))).toBeNull();
  });

  it('every writer refuses: durable writes, quarantine, the lock; nothing lands outside', async () => {
    await fs.symlink(outside, path.join(corpus, '.quotebench', 'annotations', 'ana'));
    await expect(writeFileDurable(path.join(corpus, '.quotebench', 'annotations', 'ana', 'a.txt.json'), '{}')).rejects.toThrow(LinkedDataPathError);
    await expect(quarantine(path.join(corpus, '.quotebench', 'annotations', 'ana', 'keep.json'))).rejects.toThrow(LinkedDataPathError);
    await fs.symlink(outside, path.join(corpus, '.quotebench', 'locks'));
    await expect(acquireLayerLock(corpus, 'ana')).rejects.toThrow(LinkedDataPathError);
    // A layer file that is itself a link is not written through either.
    await fs.mkdir(path.join(corpus, '.quotebench', 'annotations', 'ben'));
    await fs.symlink(path.join(outside, 'keep.json'), path.join(corpus, '.quotebench', 'annotations', 'ben', 'a.txt.json'));
    await expect(writeFileDurable(path.join(corpus, '.quotebench', 'annotations', 'ben', 'a.txt.json'), '{}')).rejects.toThrow(LinkedDataPathError);
    expect(await listing(outside)).toEqual(['keep.json']);
    expect(await fs.readFile(path.join(outside, 'keep.json'), 'utf8')).toBe('{"mine": true}\n');
    await releaseLayerLocks(corpus);
  });

  it('the app refuses to open a corpus whose annotator folder is a link, and writes nothing there', async () => {
    await fs.symlink(outside, path.join(corpus, '.quotebench', 'annotations', 'ana'));
    await expect(createApp({ settingsDir: path.join(dir, 'settings'), mode: 'browser', initialCorpus: corpus })).rejects.toThrow(
      `${path.join(corpus, '.quotebench', 'annotations', 'ana')} is a link (to ${outside}). Quotebench keeps a corpus's own data only in real files and folders under .quotebench and never writes through a link; replace the link with the folder or file itself.`,
    );
    expect(await listing(outside)).toEqual(['keep.json']);
    expect(await listing(path.join(corpus, '.quotebench'))).toEqual(['annotations']);
  });
});
