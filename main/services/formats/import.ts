/**
 * Imports annotations into one annotator's layer from brat standoff folders, Quotebench JSONL or
 * Prodigy-style JSONL. Everything is checked first (document found, text at every offset as
 * stated, every line readable, no layer overwritten unasked); only when the whole source is
 * clean is anything written, so a refused import or a dry run writes nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAnn } from '../../../shared/formats/brat-ann.js';
import { bratToLayer } from '../../../shared/formats/brat-layer.js';
import { LABEL_NAME, recordToLayer } from '../../../shared/formats/record-layer.js';
import { resolveSpeakerId, type AnnotationEvent, type AnnotationFile, type LabelDef, type ProjectFile, type Span, type Speaker, type Target } from '../../../shared/model.js';
import { RESERVED_KEYS, resolveLabel } from '../../../shared/schema.js';
import { annotationEventSchema, describeProblem, MAX_LABELS, relationSchema, speakerSchema, spanSchema, targetSchema } from '../../../shared/schemas.js';
import type { z } from 'zod';
import { LayerStore, newSpanId } from '../store/annotations.js';
import { Corpus } from '../corpus/corpus.js';
import { openProject, type ProjectRegistry } from '../store/project.js';
import { acquireLayerLock } from '../store/layer-lock.js';
import { assertOwnDataDir } from '../platform/data-path.js';

export const IMPORT_FORMATS = ['brat', 'jsonl', 'prodigy'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportOptions {
  format: ImportFormat;
  annotator: string;
  /** Label renames on the way in, e.g. {Content: 'QUOTE'}. */
  map?: Record<string, string>;
  dryRun?: boolean;
  /** Replace layers that already hold spans (otherwise such documents are refused). */
  replace?: boolean;
  /** Called as sources are read: (done, total). */
  progress?: (done: number, total: number) => void;
  /** The app's own project and layer store, so its in-memory copies stay current (CLI: opened here). */
  project?: ProjectRegistry;
  store?: LayerStore;
  /** Told about project.json (damaged: moved aside when, and only when, the import writes). */
  warn?: (message: string) => void;
  /**
   * Whose registry log records the speakers, targets and labels the import adds: the app's own
   * annotator when the app imports into another layer (one writer per log); `annotator` otherwise.
   */
  registryWriter?: string;
  /**
   * Checked between documents: once aborted, the import stops with the signal's reason. While
   * checking nothing is written yet; while writing, what it wrote is put back first (as on a failure).
   */
  signal?: AbortSignal;
}

/** One reason the import was refused: where, and what was expected against what was found. */
export interface ImportProblem {
  file: string;
  /** 1-based line in `file`; 0 when the problem is about the whole file. */
  line: number;
  message: string;
}

export interface ImportReport {
  documents: { docId: string; spans: number; relations: number }[];
  newLabels: string[];
  newSpeakers: number;
  newTargets: number;
  /** Prodigy lines left out on purpose (answer "reject" or "ignore"). */
  skipped: number;
  problems: ImportProblem[];
  written: boolean;
}

interface PlannedDoc {
  docId: string;
  sha256: string;
  spans: Span[];
  relations: AnnotationFile['relations'];
  events: AnnotationEvent[];
  status: AnnotationFile['status'];
}

const PALETTE = ['#d9534f', '#17a2b8', '#8e6c8a', '#6f9a3b', '#c77c02', '#3d6fb6', '#b5527e', '#5c7f7a'];
const KEYS = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A key for a new label: its first letter when free, else the first free one; '' when none is left. */
export function freeKey(name: string, taken: ReadonlySet<string>): string {
  const free = (k: string) => KEYS.includes(k) && !taken.has(k) && !RESERVED_KEYS.includes(k);
  const first = name[0]?.toLowerCase() ?? '';
  return free(first) ? first : ([...KEYS].find(free) ?? '');
}

/** The first code point where two texts differ, and a few characters of each from there. */
function firstDifference(expected: string, found: string): string {
  const a = Array.from(expected);
  const b = Array.from(found);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const from = Math.max(0, i - 10);
  const show = (x: string[]) => JSON.stringify(x.slice(from, i + 20).join(''));
  return `first difference at character ${i}: expected ${show(a)}, found ${show(b)}`;
}

/**
 * A JSON.parse failure without the snippet of the line V8 puts in its message: the source is a
 * path the renderer named, so the answer must not carry pieces of a file that is not an import.
 */
export function notJsonMessage(error: unknown): string {
  const at = /position (\d+)/.exec((error as Error).message ?? '');
  return at ? `not valid JSON (at character ${Number(at[1]) + 1})` : 'not valid JSON';
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/** Reads, checks and (unless dry-run or refused) writes an import. */
export async function importLayer(corpusRoot: string, source: string, options: ImportOptions): Promise<ImportReport> {
  const warn = options.warn ?? (() => undefined);
  if (!options.project) assertOwnDataDir(corpusRoot);
  // Read-only while checking: a dry run or a refused import changes nothing at all (not even a
  // damaged project.json is moved aside, nor the index saved). Opened for writing only to write.
  let projectDb = options.project ?? (await openProject(corpusRoot, warn, { readOnly: true }));
  let project: ProjectFile = projectDb.data;
  const corpus = await Corpus.open(corpusRoot, project.settings.maxFileBytes, { readOnly: true });
  const { docs } = await corpus.describe();
  const byId = new Map(docs.map((d) => [d.id, d]));
  const bySha = new Map(docs.map((d) => [d.sha256, d]));
  const report: ImportReport = { documents: [], newLabels: [], newSpeakers: 0, newTargets: 0, skipped: 0, problems: [], written: false };
  const problem = (file: string, line: number, message: string) => report.problems.push({ file, line, message });
  const newLabels: string[] = [];
  const speakers = new Map<string, Speaker>();
  const targets = new Map<string, Target>();
  const planned: PlannedDoc[] = [];
  const now = new Date().toISOString();
  const newId = (prefix: string) => newSpanId().replace(/^s_/, `${prefix}_`);
  // A label the schema knows under a former name keeps its current name.
  const layerLabel = (raw: string) => resolveLabel(project.schema, options.map?.[raw] ?? raw);
  const noteLabel = (label: string) => {
    if (!project.schema.labels.some((l) => l.name === label) && !newLabels.includes(label)) newLabels.push(label);
  };
  const plan = (file: string, line: number, doc: PlannedDoc) => {
    if (planned.some((p) => p.docId === doc.docId)) problem(file, line, `${doc.docId} is imported twice`);
    else planned.push(doc);
  };

  if (options.format === 'brat') {
    let files: string[];
    try {
      files = await annFiles(source);
    } catch (error) {
      problem(source, 0, `cannot read the folder (${errorCode(error)})`);
      return report;
    }
    if (files.length === 0) problem(source, 0, 'no .ann files in this folder');
    for (const [n, rel] of files.entries()) {
      options.signal?.throwIfAborted();
      options.progress?.(n, files.length);
      const file = path.join(source, rel);
      // DOC.ann goes to DOC.txt, or to the dump article DOC (which a brat export writes as DOC.txt + DOC.ann).
      const base = rel.split(path.sep).join('/').replace(/\.ann$/, '');
      const docId = byId.has(`${base}.txt`) || !byId.has(base) ? `${base}.txt` : base;
      const doc = byId.get(docId);
      if (!doc) {
        problem(file, 0, `no document ${docId} in the corpus`);
        continue;
      }
      let annText: string;
      try {
        annText = await fs.readFile(file, 'utf8');
      } catch (error) {
        problem(file, 0, `cannot read the file (${errorCode(error)})`);
        continue;
      }
      const { doc: parsed, problems } = parseAnn(annText);
      for (const p of problems) problem(file, p.line, p.message);
      const text = (await corpus.readText(doc.id)).text;
      const made = bratToLayer(parsed, { docId: doc.id, text, annotator: options.annotator, now, map: options.map ?? {}, newId });
      const lineOf = lineIndex(annText);
      for (const p of made.problems) problem(file, lineOf(p.message), p.message);
      for (const m of shapeProblems(made)) problem(file, 0, m);
      for (const sp of made.spans) {
        sp.label = resolveLabel(project.schema, sp.label);
        if (LABEL_NAME.test(sp.label)) noteLabel(sp.label);
        else problem(file, 0, `label ${JSON.stringify(sp.label)} is not a valid label name (rename it with --map)`);
      }
      plan(file, 0, { docId: doc.id, sha256: doc.sha256, spans: made.spans, relations: made.relations, events: made.events, status: 'in-progress' });
    }
  } else {
    let raw: string;
    try {
      raw = await fs.readFile(source, 'utf8');
    } catch (error) {
      problem(source, 0, `cannot read the file (${errorCode(error)})`);
      return report;
    }
    const lines = raw.replace(/^\uFEFF/, '').split('\n');
    for (const [i, line] of lines.entries()) {
      if (i % 50 === 0) {
        options.signal?.throwIfAborted();
        options.progress?.(i, lines.length);
      }
      const lineNo = i + 1;
      if (line.trim() === '') continue;
      const bad = (message: string) => problem(source, lineNo, message);
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch (error) {
        bad(notJsonMessage(error));
        continue;
      }
      const rec = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
      if (!rec || typeof rec.text !== 'string' || !Array.isArray(rec.spans)) {
        bad('expected an object with "text" and "spans"');
        continue;
      }
      if (options.format === 'prodigy' && (rec.answer === 'reject' || rec.answer === 'ignore')) {
        report.skipped += 1;
        continue;
      }
      const meta = typeof rec.meta === 'object' && rec.meta !== null ? (rec.meta as Record<string, unknown>) : {};
      const wantedId = options.format === 'prodigy' && typeof meta.id === 'string' ? meta.id : rec.id;
      const text = rec.text.replace(/^\uFEFF/, '');
      const sha = createHash('sha256').update(text, 'utf8').digest('hex');
      const named = typeof wantedId === 'string' ? byId.get(wantedId) : undefined;
      const doc = named?.sha256 === sha ? named : bySha.get(sha);
      if (!doc) {
        if (named) bad(`${named.id}: the text differs from the corpus file (${firstDifference(text, (await corpus.readText(named.id)).text)})`);
        else bad(`no document in the corpus has the id ${JSON.stringify(wantedId ?? null)} or exactly this text`);
        continue;
      }
      const made = recordToLayer(rec, { format: options.format, docId: doc.id, text, annotator: options.annotator, now, label: layerLabel, newId });
      for (const m of made.problems) bad(`${doc.id}: ${m}`);
      for (const m of shapeProblems(made)) bad(`${doc.id}: ${m}`);
      // Registry entries go through the API's own definitions: one that the UI could neither edit nor delete is refused here.
      for (const [k, sp] of made.speakers.entries()) {
        const checked = speakerSchema.safeParse(sp);
        if (checked.success) speakers.set(checked.data.id, checked.data);
        else bad(`speaker ${k + 1}: ${describeProblem(checked.error)}`);
      }
      for (const [k, t] of made.targets.entries()) {
        const checked = targetSchema.safeParse(t);
        if (checked.success) targets.set(checked.data.id, checked.data);
        else bad(`target ${k + 1}: ${describeProblem(checked.error)}`);
      }
      const knownSpeaker = (id: string) => speakers.has(id) || project.speakers.some((x) => x.id === resolveSpeakerId(project, id));
      const knownTarget = (id: string) => targets.has(id) || project.targets.some((x) => x.id === id);
      for (const sp of made.spans) {
        noteLabel(sp.label);
        if (sp.speakerId && !knownSpeaker(sp.speakerId)) bad(`${doc.id}: span ${sp.id} names speaker ${sp.speakerId}, which is neither in the line nor in the registry`);
        if (sp.stance && !knownTarget(sp.stance.targetId)) bad(`${doc.id}: span ${sp.id} names target ${sp.stance.targetId}, which is neither in the line nor in the registry`);
      }
      plan(source, lineNo, { docId: doc.id, sha256: doc.sha256, spans: made.spans, relations: made.relations, events: made.events, status: made.status });
    }
    options.progress?.(lines.length, lines.length);
  }

  const store = options.store && options.store.annotator === options.annotator ? options.store : new LayerStore(corpus.root, options.annotator);
  for (const p of planned) {
    let existing: AnnotationFile | null;
    try {
      existing = await store.read(p.docId);
    } catch (error) {
      problem(source, 0, `${p.docId}: ${(error as Error).message} Repair or remove it before importing.`);
      continue;
    }
    if (!options.replace && existing && existing.spans.length > 0) {
      problem(source, 0, `${p.docId}: ${options.annotator} already has ${existing.spans.length} spans there (use --replace, or import into another annotator)`);
    }
  }
  report.documents = planned.map((p) => ({ docId: p.docId, spans: p.spans.length, relations: p.relations.length }));
  report.newLabels = newLabels;
  const addSpeakers = [...speakers.values()].filter((s) => !project.speakers.some((x) => x.id === s.id));
  const addTargets = [...targets.values()].filter((t) => !project.targets.some((x) => x.id === t.id));
  report.newSpeakers = addSpeakers.length;
  report.newTargets = addTargets.length;
  if (project.schema.labels.length + newLabels.length > MAX_LABELS) {
    problem(source, 0, `the schema would have ${project.schema.labels.length + newLabels.length} labels, more than ${MAX_LABELS} (map the new ones onto existing labels with --map)`);
  }
  if (report.problems.length > 0 || options.dryRun) return report;
  options.signal?.throwIfAborted();
  // One writer: the layer's lock is taken before anything (project.json included) is written.
  await acquireLayerLock(corpus.root, options.annotator);
  if (!options.project) {
    projectDb = await openProject(corpusRoot, warn);
    project = projectDb.data;
  }
  const projectBefore = structuredClone(project);
  const written: { docId: string; before: AnnotationFile | null }[] = [];
  let registryWritten = false;
  try {
    await writePlan();
  } catch (error) {
    // A write failed (disk full, permissions): put back what this import wrote, so it is all or nothing.
    const undo: string[] = [];
    for (const w of written.reverse()) {
      try {
        const before = w.before;
        if (before) await store.mutate(w.docId, before.docSha256, (data) => restore(data, before));
        else await store.discard(w.docId);
      } catch {
        undo.push(w.docId);
      }
    }
    if (registryWritten) {
      // The registry log is append-only: what the import added is taken back by changes that undo it.
      try {
        await projectDb.change(options.registryWriter ?? options.annotator, [
          ...addSpeakers.map((s) => ({ op: 'speaker.delete' as const, id: s.id })),
          ...addTargets.map((t) => ({ op: 'target.delete' as const, id: t.id })),
          ...(newLabels.length > 0 ? [{ op: 'schema.set' as const, schema: projectBefore.schema }] : []),
        ]);
      } catch {
        undo.push('the registry');
      }
    }
    // Cancelled, and all of it put back: the caller learns it was a cancel, not a failure.
    if (undo.length === 0 && options.signal?.aborted && error === options.signal.reason) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Import stopped while writing (${message}); ${undo.length === 0 ? 'what it had written was put back, nothing changed' : `could not put back ${undo.join(', ')}`}.`);
  }
  report.written = true;
  return report;

  /** Registry first, so no layer ever names a missing label or speaker; then each layer. */
  async function writePlan(): Promise<void> {
    await writeRegistry();
    for (const [n, p] of planned.entries()) {
      options.signal?.throwIfAborted();
      options.progress?.(n, planned.length);
      const before = await store.read(p.docId);
      await store.mutate(p.docId, p.sha256, (data) => {
        data.spans = p.spans;
        data.relations = p.relations;
        if (p.events.length > 0) data.events = p.events;
        else delete data.events;
        data.status = p.status;
      });
      written.push({ docId: p.docId, before });
    }
  }

  async function writeRegistry(): Promise<void> {
    if (newLabels.length + addSpeakers.length + addTargets.length > 0) {
      const labels = structuredClone(project.schema.labels);
      const keys = new Set(labels.map((l) => l.key));
      const colours = new Set(labels.map((l) => l.color));
      for (const [n, name] of newLabels.entries()) {
        const key = freeKey(name, keys);
        keys.add(key);
        const color = PALETTE.find((c) => !colours.has(c)) ?? PALETTE[n % PALETTE.length]!;
        colours.add(color);
        const def: LabelDef = { name, color, key, attributes: [] };
        labels.push(def);
      }
      registryWritten = true;
      await projectDb.change(options.registryWriter ?? options.annotator, [
        ...(newLabels.length > 0 ? [{ op: 'schema.set' as const, schema: project.schema.stanceLabels ? { labels, stanceLabels: project.schema.stanceLabels } : { labels } }] : []),
        ...addSpeakers.map((speaker) => ({ op: 'speaker.create' as const, speaker })),
        ...addTargets.map((target) => ({ op: 'target.create' as const, target })),
      ]);
    }
  }
}

/**
 * Why spans, links and events made from a source are not what a layer file may hold (the schemas
 * the API and the layer reader use), one sentence each: an import never writes what they refuse.
 */
function shapeProblems(made: { spans: readonly Span[]; relations: readonly AnnotationFile['relations'][number][]; events: readonly AnnotationEvent[] }): string[] {
  const out: string[] = [];
  const check = (schema: z.ZodType, items: readonly { id: string }[], what: string) => {
    items.forEach((item, k) => {
      const checked = schema.safeParse(item);
      if (!checked.success) out.push(`${what} ${k + 1}: ${describeProblem(checked.error)}`);
    });
  };
  check(spanSchema, made.spans, 'span');
  check(relationSchema, made.relations, 'relation');
  check(annotationEventSchema, made.events, 'event');
  return out;
}

/** Makes `data` exactly `before` again (keys the import added, such as `events`, removed). */
function restore(data: AnnotationFile, before: AnnotationFile): void {
  const target = data as unknown as Record<string, unknown>;
  for (const key of Object.keys(target)) delete target[key];
  Object.assign(target, structuredClone(before));
}

/** Every .ann file under `dir`, as paths relative to it, sorted. */
async function annFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(sub: string): Promise<void> {
    for (const entry of await fs.readdir(path.join(dir, sub), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) await walk(rel);
      else if (entry.isFile() && entry.name.endsWith('.ann')) out.push(rel);
    }
  }
  await walk('');
  return out.sort();
}

/** For a problem message that starts with a brat id ("T3 …", "E1: …"), the line of that id in the file (0 when not found). */
function lineIndex(annText: string): (message: string) => number {
  const lines = new Map<string, number>();
  annText
    .replace(/^\uFEFF/, '')
    .split(/\r\n?|\n/)
    .forEach((l, i) => {
      const id = l.split('\t')[0];
      if (id && !lines.has(id)) lines.set(id, i + 1);
    });
  return (message) => lines.get(/^([TRENAM#]\d+)/.exec(message)?.[1] ?? '') ?? 0;
}
