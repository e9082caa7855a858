/**
 * Ctrl+C during a long command: `quotebench export` stops between documents, removes the file it
 * was writing, says so in one line and exits 130; nothing is left beside the target.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeCorpus } from '../tooling/bench/generate.js';
import { runQuotebench } from '../tooling/testing/run-cli.js';

describe('Ctrl+C', () => {
  it('stops an export while it writes: exit 130, one line, no file and no temp file left', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'qb-interrupt-'));
    const corpus = path.join(dir, 'corpus');
    await writeCorpus(corpus, { docs: 3000, spansPerDoc: 5, annotators: ['alice'] });
    const outDir = path.join(dir, 'out');
    await fs.mkdir(outDir);
    const running = runQuotebench('export', corpus, '--format', 'jsonl', '--annotator', 'alice', '--out', path.join(outDir, 'a.jsonl'), '--jobs', '1');
    // Ctrl+C once the export has started writing beside its target.
    let sent = false;
    const watching = (async () => {
      while (!sent) {
        if ((await fs.readdir(outDir)).some((n) => n.endsWith('.tmp'))) {
          sent = true;
          process.emit('SIGINT');
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    })();
    const r = await running;
    sent = true;
    await watching;
    expect(r.code).toBe(130);
    expect(r.err).toBe('quotebench: stopped by Ctrl+C; nothing was left half-written.\n');
    expect(await fs.readdir(outDir)).toEqual([]);
    // Once the command is over, Ctrl+C is the process's again: no listener is left behind.
    expect(process.listeners('SIGINT').some((l) => l.toString().includes('abort'))).toBe(false);
  }, 60_000);
});
