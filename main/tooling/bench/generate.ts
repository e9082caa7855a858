/**
 * Deterministic synthetic news text and layers for the bench: articles with straight and curly
 * quotes, emoji and CJK here and there; corpora of N articles with one or more annotators'
 * layers; one 1 MB article with 5,000 spans, a third of them overlapping another. Offsets are
 * code points, as at rest. The same seed always gives the same bytes.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { AnnotationFile, Span } from '../../../shared/model.js';
import { createOffsetMap, type OffsetMap } from '../../../shared/offsets.js';
import { spanContext } from '../../../shared/spans.js';
import { annotationFileSchema } from '../../../shared/schemas.js';
import { DATA_DIR } from '../../services/corpus/corpus.js';
import { LAYER_FORMAT, layerFile } from '../../services/store/annotations.js';

/** A seeded pseudo-random source (mulberry32): `next()` in [0, 1). */
export function seeded(seed: number): { next(): number; int(n: number): number; pick<T>(items: readonly T[]): T } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: (items) => items[int(items.length)]! };
}

type Rng = ReturnType<typeof seeded>;

const NAMES = ['Farhana Qureishi', 'Ahmed Kayani', 'Maria Lopez', 'Chen Wei', 'Tanaka Yuki', 'Olu Adebayo', 'Sofia Rossi', 'Jonas Berg', 'Priya Nair', 'Lena Novak'];
const ROLES = ['the finance minister', 'a spokesperson for the ministry', 'the mayor', 'an economist at the central bank', 'the union leader', 'a local shop owner', 'the opposition leader', 'a senior police officer'];
const SUBJECTS = ['The government', 'The council', 'Protesters', 'The central bank', 'Officials', 'Residents', 'The company', 'Analysts', 'The court', 'Farmers'];
const VERBS = ['announced', 'rejected', 'welcomed', 'criticised', 'postponed', 'defended', 'questioned', 'approved', 'demanded', 'reviewed'];
const OBJECTS = ['the new budget', 'a rise in fuel prices', 'the trade agreement', 'plans for a new railway', 'the election results', 'changes to the tax code', 'the water supply project', 'a ban on plastic bags', 'the hospital reforms', 'the curfew'];
const TAILS = ['on Tuesday', 'after weeks of talks', 'despite strong opposition', 'in a statement', 'late on Friday', 'at a press conference', 'without giving details', 'for the second time this year'];
const QUOTES = [
  'We will not accept a deal that hurts working families',
  'This is a historic day for the whole region',
  'Nobody told us anything before the decision was made',
  'The numbers simply do not add up',
  'We have listened, and we will act',
  'Prices have doubled since the spring',
  'It is too early to say what this means for investors',
  'Our doors remain open to dialogue',
];
const DECOR = [' 🙂', ' 👍🏽', ' 🇵🇰', ' (東京)', ' （北京）', ' 한국', ' 👨‍👩‍👧', ' café', ' naïve'];

function sentence(r: Rng): string {
  const kind = r.int(5);
  const decor = r.next() < 0.08 ? r.pick(DECOR) : '';
  if (kind === 0) return `“${r.pick(QUOTES)},” said ${r.pick(NAMES)}, ${r.pick(ROLES)}.${decor}`;
  if (kind === 1) return `${r.pick(NAMES)} said that ${r.pick(SUBJECTS).toLowerCase()} had ${r.pick(VERBS)} ${r.pick(OBJECTS)}.${decor}`;
  if (kind === 2) return `‘${r.pick(QUOTES)}’, ${r.pick(ROLES)} told reporters ${r.pick(TAILS)}.${decor}`;
  if (r.next() < 0.1) return `"${r.pick(QUOTES)}," a statement said.${decor}`;
  return `${r.pick(SUBJECTS)} ${r.pick(VERBS)} ${r.pick(OBJECTS)} ${r.pick(TAILS)}.${decor}`;
}

function paragraph(r: Rng): string {
  const n = 3 + r.int(4);
  return Array.from({ length: n }, () => sentence(r)).join(' ');
}

/** One news-like article of about `bytes` UTF-8 bytes: a headline line, then paragraphs. */
export function makeArticle(seed: number, bytes = 5000): string {
  const r = seeded(seed);
  const lines = [`${r.pick(SUBJECTS)} ${r.pick(VERBS)} ${r.pick(OBJECTS)}`, ''];
  let size = Buffer.byteLength(lines[0]!) + 2;
  while (size < bytes) {
    const p = paragraph(r);
    lines.push(p, '');
    size += Buffer.byteLength(p) + 2;
  }
  return lines.join('\n');
}

const LABELS = ['QUOTE', 'QUOTE', 'CLAIM', 'SOURCE', 'CUE'];

function span(text: string, map: OffsetMap, docId: string, n: number, start: number, end: number, label: string, author: string): Span {
  return { id: `s_${docId.replace(/[^a-z0-9]/gi, '')}_${n}`, docId, start, end, label, ...spanContext(text, map, start, end), attrs: {}, note: '', author, created: '2026-01-01T00:00:00.000Z', modified: '2026-01-01T00:00:00.000Z' };
}

/**
 * `count` spans over `text` in reading order: two thirds side by side without overlap, the
 * remaining third each overlapping one of those (starting inside it and running past its end).
 */
export function makeSpans(text: string, count: number, seed: number, opts: { docId: string; author: string }): Span[] {
  const r = seeded(seed);
  const map = createOffsetMap(text);
  const overlapping = Math.floor(count / 3);
  const base = count - overlapping;
  const slot = Math.floor(map.lengthCp / base);
  if (slot < 4) throw new Error(`text too short for ${count} spans`);
  const spans: Span[] = [];
  const bases: [number, number][] = [];
  for (let i = 0; i < base; i += 1) {
    const start = i * slot + r.int(Math.max(1, Math.floor(slot / 4)));
    const end = Math.min(start + 2 + r.int(Math.max(1, Math.floor(slot / 2))), (i + 1) * slot);
    bases.push([start, end]);
  }
  const extraFor = new Set<number>();
  while (extraFor.size < overlapping) extraFor.add(r.int(base));
  let n = 0;
  bases.forEach(([start, end], i) => {
    spans.push(span(text, map, opts.docId, n++, start, end, r.pick(LABELS), opts.author));
    if (extraFor.has(i)) {
      const s = start + 1 + r.int(Math.max(1, end - start - 1));
      const e = Math.min(map.lengthCp, end + 1 + r.int(Math.max(1, Math.floor(slot / 3))));
      spans.push(span(text, map, opts.docId, n++, Math.min(s, e - 1), e, r.pick(LABELS), opts.author));
    }
  });
  return spans;
}

/** A colleague's version of `spans`: most kept, some moved by a few characters or relabelled, some dropped, a few added. */
export function perturbSpans(text: string, spans: readonly Span[], seed: number, author: string): Span[] {
  const r = seeded(seed);
  const map = createOffsetMap(text);
  const out: Span[] = [];
  for (const s of spans) {
    const roll = r.next();
    if (roll < 0.1) continue;
    let { start, end, label } = s;
    if (roll < 0.3) {
      start = Math.max(0, start + r.int(5) - 2);
      end = Math.min(map.lengthCp, Math.max(start + 1, end + r.int(5) - 2));
    } else if (roll < 0.35) label = r.pick(LABELS);
    out.push({ ...span(text, map, s.docId, 0, start, end, label, author), id: `${s.id}_${author}` });
  }
  return out;
}

/** A Quotebench layer file holding `spans`. */
export function layerOf(docId: string, annotator: string, docSha256: string, spans: Span[]): AnnotationFile {
  // Parsed, so generated data can never drift from what the app reads and writes.
  return annotationFileSchema.parse({ schemaVersion: 1, docId, annotator, docSha256, status: 'in-progress', spans, relations: [], updated: '2026-01-01T00:00:00.000Z' });
}

/** The 1 MB article with 5,000 spans (a third overlapping another), for first paint and edits. */
export function makeBigArticle(seed: number): { text: string; spans: Span[] } {
  const text = makeArticle(seed, 1024 * 1024);
  return { text, spans: makeSpans(text, 5000, seed + 1, { docId: 'big.txt', author: 'bench' }) };
}

export interface CorpusSpec {
  /** Number of articles (spread over folders of 500). */
  docs: number;
  /** Spans per article in the first annotator's layer (0: no layers). */
  spansPerDoc: number;
  /** Annotators with a layer; the second and later are perturbed copies of the first. */
  annotators: string[];
  /** Article size in bytes. */
  bytes?: number;
  seed?: number;
}

/** Writes a corpus folder (articles and layers; no project.json, so the default schema applies) and answers the article ids. */
export async function writeCorpus(dir: string, spec: CorpusSpec): Promise<string[]> {
  const seed = spec.seed ?? 1;
  const ids: string[] = [];
  for (let i = 0; i < spec.docs; i += 1) {
    const id = `${String(Math.floor(i / 500)).padStart(3, '0')}/article-${String(i).padStart(5, '0')}.txt`;
    ids.push(id);
    const text = makeArticle(seed * 100_003 + i, spec.bytes ?? 5000);
    const file = path.join(dir, ...id.split('/'));
    if (i % 500 === 0) await fs.mkdir(path.dirname(file), { recursive: true });
    await fs.writeFile(file, text);
    if (spec.spansPerDoc === 0) continue;
    const sha = createHash('sha256').update(text).digest('hex');
    const first = makeSpans(text, spec.spansPerDoc, seed + i, { docId: id, author: spec.annotators[0]! });
    for (const [k, annotator] of spec.annotators.entries()) {
      const spans = k === 0 ? first : perturbSpans(text, first, seed + i * 7 + k, annotator);
      const out = layerFile(dir, annotator, id);
      if (i % 500 === 0) await fs.mkdir(path.dirname(out), { recursive: true });
      await fs.writeFile(out, LAYER_FORMAT.serialize(layerOf(id, annotator, sha, spans))); // as the app writes it
    }
  }
  await fs.mkdir(path.join(dir, DATA_DIR), { recursive: true });
  return ids;
}
