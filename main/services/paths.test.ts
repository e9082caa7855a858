/**
 * The renderer names documents only by corpus-relative id: `..`, absolute paths and links that
 * leave the corpus are refused, and a symlink loop does not hang the scan.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from './app.js';

async function setup() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-paths-'));
  const corpus = path.join(dir, 'corpus');
  await fs.mkdir(path.join(corpus, 'sub'), { recursive: true });
  await fs.writeFile(path.join(corpus, 'a.txt'), 'Inside the corpus.\n');
  await fs.writeFile(path.join(dir, 'secret.txt'), 'Outside: do not read.\n');
  await fs.mkdir(path.join(dir, 'elsewhere'));
  await fs.writeFile(path.join(dir, 'elsewhere', 'b.txt'), 'Also outside.\n');
  await fs.symlink(path.join(dir, 'secret.txt'), path.join(corpus, 'link-out.txt'));
  await fs.symlink(path.join(dir, 'elsewhere'), path.join(corpus, 'dir-out'));
  await fs.symlink(path.join(corpus, 'a.txt'), path.join(corpus, 'sub', 'link-in.txt'));
  await fs.symlink(path.join(corpus, 'sub'), path.join(corpus, 'sub', 'loop'));
  const app = await createApp({ settingsDir: path.join(dir, 's'), mode: 'browser', initialCorpus: corpus });
  await app.dispatch('setAnnotator', { name: 'maria' });
  return { dir, corpus, app };
}

describe('paths', () => {
  it('refuses ids with .., absolute paths, backslashes and NUL before touching the disk', async () => {
    const { app } = await setup();
    for (const docId of ['../secret.txt', 'sub/../../secret.txt', '/etc/passwd', 'C:/Windows/win.ini', 'sub\\..\\a.txt', 'a.txt\u0000', './a.txt', 'sub//a.txt', '']) {
      const r = await app.dispatch('getDocument', { docId });
      expect(r.ok, docId).toBe(false);
      expect(!r.ok && r.error.code).toBe('invalid-args');
    }
    await app.close();
  });

  it('lists links that leave the corpus apart, never reads them, and survives a symlink loop', async () => {
    const { app } = await setup();
    const list = await app.dispatch('listDocuments', {});
    expect(list.ok).toBe(true);
    const value = list.ok ? (list.value as { documents: { id: string }[]; skipped: { id: string; message: string }[] }) : null;
    const ids = value!.documents.map((d) => d.id).sort();
    expect(ids).not.toContain('link-out.txt');
    expect(ids.some((id) => id.startsWith('dir-out/'))).toBe(false);
    expect(value!.skipped.find((s) => s.id === 'link-out.txt')?.message).toBe('link points outside the corpus folder');
    for (const docId of ['link-out.txt', 'dir-out/b.txt']) {
      const r = await app.dispatch('getDocument', { docId });
      expect(r.ok, docId).toBe(false);
      expect(JSON.stringify(r)).not.toContain('Outside');
    }
    await app.close();
  });
});
