/**
 * Child process for the lock tests: one LayerStore for CORPUS and ANNOTATOR, driven by lines on
 * stdin. `load DOC` reads the document's layer into the store's memory ("loaded DOC N");
 * `write DOC ID` adds a span with that id ("ack ID" once the write resolved, else "err CODE").
 * It prints "ready" first and stays alive until it is killed or stdin ends.
 */
import readline from 'node:readline';
import { LayerStore } from '../../services/store/annotations.js';
import { setLockHolderName } from '../../services/store/layer-lock.js';

const [corpus, annotator] = process.argv.slice(2);
if (!corpus || !annotator) throw new Error('usage: lock-child CORPUS ANNOTATOR');
setLockHolderName(`lock-child ${process.pid}`);
const store = new LayerStore(corpus, annotator);

async function handle(line: string): Promise<string> {
  const [command, docId, id] = line.trim().split(' ');
  if (command === 'load' && docId) return `loaded ${docId} ${(await store.load(docId)).spans.length}`;
  if (command === 'write' && docId && id) {
    try {
      await store.mutate(docId, '', (layer) => {
        layer.spans.push({ id, docId, start: 0, end: 1, label: 'QUOTE', quote: 'x', prefix: '', suffix: '', attrs: {}, note: '', author: store.annotator, created: '2026-01-01T00:00:00Z', modified: '2026-01-01T00:00:00Z' });
      });
      return `ack ${id}`;
    } catch (error) {
      return `err ${(error as { code?: string }).code ?? 'error'} ${(error as Error).message}`;
    }
  }
  return `err usage ${line}`;
}

const lines = readline.createInterface({ input: process.stdin });
let chain = Promise.resolve();
lines.on('line', (line) => {
  chain = chain.then(async () => {
    process.stdout.write((await handle(line)).replace(/\n/g, ' ') + '\n');
  });
});
process.stdout.write('ready\n');
