/**
 * One clean process for a memory figure: `open ROOT SETTINGS DOCS` opens the corpus as the app
 * does; `export ROOT ANNOTATOR OUT` runs the JSONL export; `idle` loads nothing. Prints one JSON
 * line with resident and heap sizes in MB (after a GC when --expose-gc is given).
 */
import { createApp } from '../../services/app.js';
import { exportLayer } from '../../services/formats/export.js';
import { fileWriter } from './node-bench.js';

const MB = 1024 * 1024;

function figures(extra: Record<string, number> = {}): string {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return JSON.stringify({ rssMB: m.rss / MB, heapUsedMB: m.heapUsed / MB, maxRssMB: process.resourceUsage().maxRSS / 1024, ...extra });
}

async function main(): Promise<void> {
  const [mode, ...args] = process.argv.slice(2);
  if (mode === 'open') {
    const [root, settingsDir, docs] = args as [string, string, string];
    const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: root, log: () => undefined });
    await app.dispatch('getSession', {});
    const list = await app.dispatch('listDocuments', {});
    if (!list.ok || (list.value as { documents: unknown[] }).documents.length !== Number(docs)) throw new Error(`listDocuments failed: ${JSON.stringify(list).slice(0, 200)}`);
    // Measured while the corpus is open: the app object is still referenced here.
    process.stdout.write(figures() + '\n');
    await app.close();
  } else if (mode === 'export') {
    const [root, annotator, out] = args as [string, string, string];
    const w = fileWriter(out);
    await exportLayer(root, { format: 'jsonl', annotator }, w.write);
    await w.end();
    process.stdout.write(figures() + '\n');
  } else if (mode === 'idle') {
    process.stdout.write(figures() + '\n');
  } else throw new Error(`unknown mode ${mode}`);
}

await main();
