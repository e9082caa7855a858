/**
 * Builds a hostile corpus into a folder, for tests only (nothing of it is committed): invalid
 * UTF-8, a binary file, an empty file, a 50 MB file (sparse, so it costs no disk or time), a
 * folder nested 60 deep, 20,000 small articles, names with spaces, Unicode and 200 characters,
 * a folder link loop and a file link loop, an unreadable file and a FIFO named like an article.
 * Answers what opening it must list, so tests compare against it.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SkipReason } from '../../../shared/model.js';

/** What opening the generated corpus must show. */
export interface HostileCorpus {
  root: string;
  /** Every file that must be listed apart, with its reason and the exact message. */
  skipped: { id: string; reason: SkipReason; message: string }[];
  /** How many annotatable documents the corpus holds. */
  documentCount: number;
  /** Documents worth opening by hand: the deepest, the odd names. */
  samples: { deep: string; spaces: string; unicode: string; long: string };
  /** Cases that could not be made as intended here, and why (e.g. chmod 000 is readable by root). */
  notes: string[];
}

export interface HostileOptions {
  /** How many small articles (default 20,000), spread over folders of 500. */
  manyFiles?: number;
  /** Nesting depth of the deep folder (default 60). */
  depth?: number;
}

const HUGE_BYTES = 50 * 1024 * 1024;

/** Writes the hostile corpus into `root` (created; should be new and empty). */
export async function makeHostileCorpus(root: string, options: HostileOptions = {}): Promise<HostileCorpus> {
  const many = options.manyFiles ?? 20_000;
  const depth = options.depth ?? 60;
  await fs.mkdir(root, { recursive: true });
  const file = async (rel: string, content: string | Buffer) => {
    const full = path.join(root, ...rel.split('/'));
    await fs.mkdir(path.dirname(full), { recursive: true });
    await fs.writeFile(full, content);
  };
  const skipped: HostileCorpus['skipped'] = [];
  const notes: string[] = [];
  let documentCount = 0;
  const article = (n: number | string) => `Article ${n}\n\nThe spokesperson said “nothing has changed” on Tuesday.\n`;

  // Bytes that are not text.
  await file('bad/invalid-utf8.txt', Buffer.from([0x48, 0x69, 0x20, 0xc3, 0x28, 0x0a]));
  skipped.push({ id: 'bad/invalid-utf8.txt', reason: 'not-utf8', message: 'not valid UTF-8 (invalid byte at offset 3)' });
  await file('bad/binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
  skipped.push({ id: 'bad/binary.txt', reason: 'binary', message: 'binary file (NUL byte at offset 8)' });
  await file('bad/empty.txt', '');
  skipped.push({ id: 'bad/empty.txt', reason: 'empty', message: 'empty file' });
  // 50 MB without writing 50 MB: a sparse file (the scan refuses it by size before reading).
  const huge = await fs.open(path.join(root, 'bad', 'huge.txt'), 'w');
  await huge.truncate(HUGE_BYTES);
  await huge.close();
  skipped.push({ id: 'bad/huge.txt', reason: 'too-large', message: 'too large to annotate (50.0 MB; the limit is 5.0 MB)' });

  // Deep folders.
  const deepDir = Array.from({ length: depth }, (_, i) => `d${i + 1}`).join('/');
  const deep = `${deepDir}/deepest.txt`;
  await file(deep, article('at the bottom'));
  documentCount += 1;

  // Many small articles.
  for (let start = 0; start < many; start += 500) {
    const folder = path.join(root, 'many', `batch-${String(start / 500).padStart(3, '0')}`);
    await fs.mkdir(folder, { recursive: true });
    const end = Math.min(many, start + 500);
    await Promise.all(Array.from({ length: end - start }, (_, k) => fs.writeFile(path.join(folder, `article-${String(start + k).padStart(5, '0')}.txt`), article(start + k))));
  }
  documentCount += many;

  // Odd names.
  const spaces = 'names/with  several spaces .txt';
  const unicode = 'names/Ünïcødé — 北京 ✓ كراچی 👍🏽.txt';
  const long = `names/${'n'.repeat(196)}.txt`;
  for (const id of [spaces, unicode, long]) await file(id, article(id));
  documentCount += 3;

  // Link loops: a folder linking to its parent, and two files linking to each other.
  await fs.mkdir(path.join(root, 'loop'), { recursive: true });
  await fs.symlink('..', path.join(root, 'loop', 'up'));
  await fs.symlink('loop-b.txt', path.join(root, 'loop', 'loop-a.txt'));
  await fs.symlink('loop-a.txt', path.join(root, 'loop', 'loop-b.txt'));
  skipped.push({ id: 'loop/loop-a.txt', reason: 'unreadable', message: 'link loop' });
  skipped.push({ id: 'loop/loop-b.txt', reason: 'unreadable', message: 'link loop' });

  // Unreadable: chmod 000 stops everyone but root; a FIFO named like an article stops root too
  // (reading it would block forever, so the scan must never open it).
  await file('locked/no-permission.txt', article('locked'));
  await fs.chmod(path.join(root, 'locked', 'no-permission.txt'), 0o000);
  if (process.getuid?.() === 0) {
    documentCount += 1;
    notes.push('running as root: chmod 000 does not stop reading, so locked/no-permission.txt opens as a document; the FIFO is the unreadable case');
  } else skipped.push({ id: 'locked/no-permission.txt', reason: 'unreadable', message: 'cannot be read (EACCES)' });
  try {
    execFileSync('mkfifo', [path.join(root, 'locked', 'pipe.txt')]);
    skipped.push({ id: 'locked/pipe.txt', reason: 'unreadable', message: 'not a regular file' });
  } catch {
    notes.push('mkfifo is not available here: no FIFO case');
  }
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id, 'en', { numeric: true });
  return { root, skipped: skipped.sort(byId), documentCount, samples: { deep, spaces, unicode, long }, notes };
}
