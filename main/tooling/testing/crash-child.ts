/**
 * Child process for the crash-safety soak test: opens a corpus and makes edits as fast as it
 * can, printing "ack ID" after each write the API acknowledged. The test kills it with SIGKILL.
 */
import { createApp } from '../../services/app.js';

const [corpus, settingsDir, seedText] = process.argv.slice(2);
if (!corpus || !settingsDir) throw new Error('usage: crash-child CORPUS SETTINGS_DIR SEED');
let seed = Number(seedText ?? 1);
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const app = await createApp({ settingsDir, mode: 'browser', initialCorpus: corpus });
await app.dispatch('setAnnotator', { name: 'soak' });
const docs = ['a.txt', 'b.txt'];
process.stdout.write('ready\n');
for (let i = 0; ; i += 1) {
  const docId = docs[i % docs.length]!;
  if (i % 7 === 6) {
    const r = await app.dispatch('createSpeaker', { name: `Speaker ${process.pid}-${i}`, kind: 'person' });
    if (r.ok) process.stdout.write(`speaker ${(r.value as { id: string }).id}\n`);
    continue;
  }
  const start = Math.floor(random() * 50);
  const r = await app.dispatch('createSpan', { docId, start, end: start + 1 + Math.floor(random() * 20), label: 'QUOTE' });
  if (r.ok) process.stdout.write(`ack ${docId} ${(r.value as { span: { id: string } }).span.id}\n`);
}
