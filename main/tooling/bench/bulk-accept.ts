/**
 * The bulk-accept measurement (issue 13, item 4): a 1 MB article with 2,000 quote suggestions,
 * all accepted through dispatch the way the renderer sends them (new speakers, then one
 * editDocument call), beside a single-span save into the same layer; the same accept's undo; a
 * save in another document made while the accept runs; the longest event-loop block; and the
 * old way (a call and a layer rewrite per span) on a smaller count.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DocumentEdit, EditResult } from '../../../shared/api.js';
import type { Span } from '../../../shared/model.js';
import { normalizeName } from '../../../shared/speakers.js';
import type { Suggestion } from '../../../shared/suggest/suggest.js';
import { createApp, type QuotebenchApp } from '../../services/app.js';
import { seeded } from './generate.js';
import { limitRow, median, ratioRow, time } from './stats.js';
import type { BenchResult } from './types.js';

const NAMES = ['Amina Qureshi', 'Tobias Renner', 'Ines Calder', 'Farhana Qureishi', 'Omar Tahir', 'Ana Ruiz', 'Hamid Kayani', 'Lena Borg', 'Yusuf Malik', 'Clara Weiss', 'Rafael Soto', 'Nadia Haddad'];
const WORDS = 'the talks went on for hours while officials in the capital waited for answers about border security and the aid that was promised after the floods'.split(' ');

/** A news-like article of about `bytes` bytes holding `quotes` attributed direct quotes, sentence-cased, one paragraph each among plain ones. */
export function quotedArticle(bytes: number, quotes: number, seed = 13): string {
  const rnd = seeded(seed);
  const sentence = (n: number) => {
    const words = Array.from({ length: n }, () => rnd.pick(WORDS));
    return words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1) + ' ' + words.slice(1).join(' ');
  };
  const quoteLine = () => {
    const name = rnd.pick(NAMES);
    return rnd.int(2) === 0 ? `${sentence(8)}. “${sentence(10)},” ${name} said.` : `${sentence(6)}. “${sentence(12)},” said ${name}.`;
  };
  const lines = ['Harbour council and the water deal', ''];
  let size = 0;
  for (let q = 0; q < quotes; q += 1) {
    const line = quoteLine();
    lines.push(line, '');
    size += line.length + 2;
  }
  // Plain paragraphs between the quotes up to the size wanted.
  const fillers: string[] = [];
  while (size < bytes) {
    const line = `${sentence(14)}. ${sentence(12)}.`;
    fillers.push(line);
    size += line.length + 2;
  }
  const body: string[] = [];
  const quoteLines = lines.slice(2).filter((l) => l !== '');
  const every = Math.max(1, Math.floor(fillers.length / Math.max(1, quoteLines.length)));
  for (let i = 0, f = 0; i < quoteLines.length; i += 1) {
    body.push(quoteLines[i]!, '');
    for (let k = 0; k < every && f < fillers.length; k += 1, f += 1) body.push(fillers[f]!, '');
  }
  return [lines[0], '', ...body].join('\n');
}

/**
 * What the renderer sends to accept `suggestions` (renderer/src/features/suggest/accept-commands.ts):
 * the new speakers, then per suggestion its quote, source and cue spans (reused when already
 * made) and the two links, with caller-chosen ids.
 */
export function acceptPlan(suggestions: readonly Suggestion[], tag = 'b', labels = { QUOTE: 'QUOTE', SOURCE: 'SOURCE', CUE: 'CUE' }): { speakers: { id: string; name: string }[]; edits: DocumentEdit[] } {
  let n = 0;
  const id = (p: string) => `${p}_${tag}${(n += 1).toString(36)}`;
  const speakers: { id: string; name: string }[] = [];
  const byName = new Map<string, string>();
  const made = new Map<string, string>();
  const edits: DocumentEdit[] = [];
  for (const s of suggestions) {
    let who: string | undefined;
    if (s.speaker) {
      const key = normalizeName(s.speaker.name);
      who = byName.get(key);
      if (!who) {
        who = id('sp');
        byName.set(key, who);
        speakers.push({ id: who, name: s.speaker.name });
      }
    }
    const quoteId = id('s');
    edits.push({ op: 'createSpan', id: quoteId, start: s.quote.start, end: s.quote.end, label: labels.QUOTE, suggestion: s.id, attrs: { form: s.quote.form }, ...(who ? { speakerId: who } : {}) });
    for (const [part, role] of [
      [s.source, 'source'],
      [s.cue, 'cue'],
    ] as const) {
      if (!part) continue;
      const key = `${part.label}:${part.start}:${part.end}`;
      let child = made.get(key);
      if (!child) {
        child = id('s');
        made.set(key, child);
        edits.push({ op: 'createSpan', id: child, start: part.start, end: part.end, label: labels[part.label as 'SOURCE' | 'CUE'], suggestion: s.id, ...(role === 'source' && who ? { speakerId: who } : {}) });
      }
      edits.push({ op: 'addRelation', id: id('r'), head: quoteId, child, label: role });
    }
  }
  return { speakers, edits };
}

/** The edits that undo `results` (what the renderer's inverse sends): last first. */
export function undoEdits(results: readonly EditResult[]): DocumentEdit[] {
  return [...results].reverse().flatMap((r): DocumentEdit[] => (r.op === 'createSpan' ? [{ op: 'deleteSpan', spanId: r.span.id }] : r.op === 'addRelation' ? [{ op: 'deleteRelation', relationId: r.relation.id }] : []));
}

/**
 * Watches the event loop with a 2 ms timer and answers the longest gap between its ticks: how
 * long the main process could answer nothing (monitorEventLoopDelay missed blocks shorter runs
 * here).
 */
function loopWatch(): { stop: () => number } {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 2);
  return {
    stop: () => {
      clearInterval(timer);
      return Math.max(longest, performance.now() - last);
    },
  };
}

async function ok<T>(app: QuotebenchApp, method: string, args: unknown): Promise<T> {
  const r = await app.dispatch(method, args);
  if (!r.ok) throw new Error(`${method}: ${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** The bulk-accept rows: `count` suggestions (2,000; fewer with --quick) in an article of `bytes`. */
export async function bulkAcceptBench(opts: { runs: number; quick: boolean; tmp: string; log: (m: string) => void }): Promise<BenchResult[]> {
  const count = opts.quick ? 300 : 2000;
  const bytes = opts.quick ? 150_000 : 1_000_000;
  const oldCount = opts.quick ? 10 : 20;
  const text = quotedArticle(bytes, count + 50);
  const accept: number[] = [];
  const undo: number[] = [];
  const single: number[] = [];
  const otherAlone: number[] = [];
  const otherDuring: number[] = [];
  const blocked: number[] = [];
  const singleBlocked: number[] = [];
  const oldWay: number[] = [];
  let layerBytes = 0;
  let editCount = 0;
  for (let run = 0; run < opts.runs; run += 1) {
    const root = path.join(opts.tmp, `bulk-${run}`);
    await fs.mkdir(root, { recursive: true });
    await fs.writeFile(path.join(root, 'big.txt'), text);
    await fs.writeFile(path.join(root, 'other.txt'), 'Another article, where a colleague keeps working.\n');
    const app = await createApp({ settingsDir: path.join(opts.tmp, `bulk-settings-${run}`), mode: 'browser', initialCorpus: root, log: () => undefined });
    await ok(app, 'setAnnotator', { name: 'alice' });
    await ok(app, 'getDocument', { docId: 'big.txt' });
    await ok(app, 'getDocument', { docId: 'other.txt' });
    const { suggestions } = await ok<{ suggestions: Suggestion[] }>(app, 'getSuggestions', { docId: 'big.txt' });
    if (suggestions.length < count) throw new Error(`the article has ${suggestions.length} suggestions, fewer than ${count}`);
    if (run === 0) opts.log(`bulk: ${text.length.toLocaleString('en')} characters, ${suggestions.length} suggestions, accepting ${count}`);
    otherAlone.push(await time(() => ok(app, 'createSpan', { docId: 'other.txt', start: 0, end: 7, label: 'QUOTE' })));

    const plan = acceptPlan(suggestions.slice(0, count));
    editCount = plan.edits.length;
    let results: EditResult[] = [];
    let during = 0;
    const loop = loopWatch();
    accept.push(
      await time(async () => {
        for (const s of plan.speakers) await ok(app, 'createSpeaker', { id: s.id, name: s.name, kind: 'person' });
        const batch = ok<{ results: EditResult[] }>(app, 'editDocument', { docId: 'big.txt', edits: plan.edits });
        // Another document's save, sent while the accept runs: it must not wait for it.
        const t0 = performance.now();
        await ok(app, 'createSpan', { docId: 'other.txt', start: 8, end: 15, label: 'QUOTE' });
        during = performance.now() - t0;
        results = (await batch).results;
      }),
    );
    otherDuring.push(during);
    blocked.push(loop.stop());
    layerBytes = (await fs.stat(path.join(root, '.quotebench', 'annotations', 'alice', 'big.txt.json'))).size;
    const singleLoop = loopWatch();
    single.push(await time(() => ok(app, 'createSpan', { docId: 'big.txt', start: 0, end: 7, label: 'QUOTE' })));
    singleBlocked.push(singleLoop.stop());
    undo.push(await time(() => ok(app, 'editDocument', { docId: 'big.txt', edits: undoEdits(results) })));

    if (run === 0) {
      // The old way, one call per span (and a second for its fields), on the layer holding the rest.
      // The prefix of the same plan: its speaker ids are those the accept created.
      const rest = acceptPlan(suggestions.slice(0, count - oldCount), 'p');
      for (const s of rest.speakers) await ok(app, 'createSpeaker', { id: s.id, name: s.name, kind: 'person' });
      await ok(app, 'editDocument', { docId: 'big.txt', edits: rest.edits });
      const tail = acceptPlan(suggestions.slice(count - oldCount, count), 't').edits;
      oldWay.push(
        await time(async () => {
          for (const e of tail) {
            if (e.op === 'createSpan') {
              const { span } = await ok<{ span: Span }>(app, 'createSpan', { docId: 'big.txt', id: e.id, start: e.start, end: e.end, label: e.label, suggestion: e.suggestion });
              await ok(app, 'updateSpan', { docId: 'big.txt', spanId: span.id, patch: { attrs: e.attrs ?? {}, note: '' } });
            } else if (e.op === 'addRelation') await ok(app, 'addRelation', { docId: 'big.txt', id: e.id, head: e.head, child: e.child, label: e.label });
          }
        }),
      );
    }
    await app.close();
    await fs.rm(root, { recursive: true, force: true });
  }
  const label = `accept ${count.toLocaleString('en')} suggestions, ${(bytes / 1e6).toFixed(bytes >= 1e6 ? 0 : 2)} MB article`;
  const oldPer = median(oldWay) / oldCount;
  return [
    limitRow({
      name: label,
      unit: 'ms',
      samples: accept,
      max: 2000,
      target: '< 2000 ms',
      baselineName: 'one createSpan into the same layer afterwards',
      baselineSamples: single,
      note: `${editCount.toLocaleString('en')} edits: the new speakers, then one editDocument through dispatch, one durable write of a ${(layerBytes / 1e6).toFixed(1)} MB layer file`,
    }),
    limitRow({ name: `undo of that accept`, unit: 'ms', samples: undo, max: 2000, target: '< 2000 ms', baselineName: 'the accept (row above)', baselineSamples: accept, note: 'one editDocument deleting every link and span, last first' }),
    ratioRow({
      name: `a save in another document during the accept`,
      unit: 'ms',
      samples: otherDuring,
      baselineName: 'the accept itself (row above)',
      baselineSamples: accept,
      maxRatio: 0.5,
      target: '<= 0.5x the accept (never queued behind it)',
      note: `a createSpan in another document sent right after the accept's editDocument; alone it takes ${median(otherAlone).toFixed(0)} ms`,
    }),
    ratioRow({
      name: 'longest event-loop block during the accept',
      unit: 'ms',
      samples: blocked,
      baselineName: 'the same during one createSpan into the layer the accept made',
      baselineSamples: singleBlocked,
      maxRatio: 1.5,
      target: '<= 1.5x baseline',
      note: 'longest gap between ticks of a 2 ms timer: edits are checked and spans built in slices; what is left is applying them and what any save of that layer costs (copying and serialising it in LayerStore.mutate)',
    }),
    limitRow({
      name: `old way: ${oldCount} suggestions as single calls into the same layer`,
      unit: 'ms',
      samples: oldWay,
      max: Number.POSITIVE_INFINITY,
      target: 'context only',
      note: `createSpan + updateSpan per span, addRelation per link, each a layer rewrite: ${oldPer.toFixed(0)} ms per suggestion, about ${((oldPer * count) / 1000).toFixed(0)} s for ${count.toLocaleString('en')}`,
    }),
  ];
}
