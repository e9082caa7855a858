/**
 * Imports annotations into one annotator's layer from brat standoff folders, Quotebench JSONL or
 * Prodigy-style JSONL. Everything is checked first (document found, text at every offset as
 * stated, every line readable); only when the whole source is clean is anything written, so a
 * refused import writes nothing.
 */
import { createHash } from 'node:crypto';
import type { Low } from 'lowdb';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseAnn } from '../../shared/formats/brat-ann.js';
import { bratToLayer } from '../../shared/formats/brat-layer.js';
import type { AnnotationEvent, AnnotationFile, LabelDef, ProjectFile, Relation, Span, Speaker, Target } from '../../shared/model.js';
import { CONTEXT_CHARS } from '../../shared/model.js';
import { createOffsetMap } from '../../shared/offsets.js';
import { RESERVED_KEYS } from '../../shared/schema.js';
import { spanContext } from '../../shared/spans.js';
import { LayerStore, newSpanId } from './annotations.js';
import { Corpus } from './corpus.js';
import { openProject } from './project.js';

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
  project?: Low<ProjectFile>;
  store?: LayerStore;
}

/** One reason the import was refused: where, and what was expected against what was found. */
export interface ImportProblem {
  file: string;
  line: number;
  message: string;
}

export interface ImportReport {
  documents: { docId: string; spans: number; relations: number }[];
  newLabels: string[];
  newSpeakers: number;
  newTargets: number;
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

function obj(x: unknown): Record<string, unknown> | null {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
}

/** Reads, checks and (unless dry-run or refused) writes an import. */
export async function importLayer(corpusRoot: string, source: string, options: ImportOptions): Promise<ImportReport> {
  const warnings: string[] = [];
  const projectDb = options.project ?? (await openProject(corpusRoot, (m) => warnings.push(m)));
  const project: ProjectFile = projectDb.data;
  const corpus = await Corpus.open(corpusRoot, project.settings.maxFileBytes);
  const { docs } = await corpus.describe();
  const byId = new Map(docs.map((d) => [d.id, d]));
  const bySha = new Map(docs.map((d) => [d.sha256, d]));
  const report: ImportReport = { documents: [], newLabels: [], newSpeakers: 0, newTargets: 0, problems: [], written: false };
  const problem = (line: number, message: string) => report.problems.push({ file: source, line, message });
  const labels = new Set(project.schema.labels.map((l) => l.name));
  const newLabels: string[] = [];
  const speakers = new Map<string, Speaker>();
  const targets = new Map<string, Target>();
  const planned: PlannedDoc[] = [];
  const now = new Date().toISOString();
  const mapLabel = (l: string) => options.map?.[l] ?? l;

  const addLabel = (label: string) => {
    if (!labels.has(label)) {
      labels.add(label);
      newLabels.push(label);
    }
  };
  const plan = (file: string, line: number, doc: PlannedDoc) => {
    if (planned.some((p) => p.docId === doc.docId)) report.problems.push({ file, line, message: `${doc.docId} is imported twice` });
    else planned.push(doc);
  };

  if (options.format === 'brat') {
    let files: string[];
    try {
      files = await annFiles(source);
    } catch (error) {
      report.problems.push({ file: source, line: 0, message: `cannot read the folder (${(error as NodeJS.ErrnoException).code ?? error})` });
      return report;
    }
    if (files.length === 0) report.problems.push({ file: source, line: 0, message: 'no .ann files in this folder' });
    for (const [n, rel] of files.entries()) {
      options.progress?.(n, files.length);
      const file = path.join(source, rel);
      const docId = rel.split(path.sep).join('/').replace(/\.ann$/, '.txt');
      const doc = byId.get(docId);
      if (!doc) {
        report.problems.push({ file, line: 0, message: `no document ${docId} in the corpus` });
        continue;
      }
      const annText = await fs.readFile(file, 'utf8');
      const { doc: parsed, problems } = parseAnn(annText);
      for (const p of problems) report.problems.push({ file, line: p.line, message: p.message });
      const text = (await corpus.readText(doc.id)).text;
      const made = bratToLayer(parsed, { docId: doc.id, text, annotator: options.annotator, now, map: options.map ?? {}, newId: (prefix) => newSpanId().replace(/^s_/, `${prefix}_`) });
      const lineOf = lineIndex(annText);
      for (const p of made.problems) report.problems.push({ file, line: lineOf(p.message), message: p.message });
      for (const sp of made.spans) {
        if (!/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(sp.label)) report.problems.push({ file, line: 0, message: `label ${JSON.stringify(sp.label)} is not a valid label name (map it with --map)` });
        else addLabel(sp.label);
      }
      plan(file, 0, { docId: doc.id, sha256: doc.sha256, spans: made.spans, relations: made.relations, events: made.events, status: 'in-progress' });
    }
  } else {
    let raw: string;
    try {
      raw = await fs.readFile(source, 'utf8');
    } catch (error) {
      problem(0, `cannot read the file (${(error as NodeJS.ErrnoException).code ?? error})`);
      return report;
    }
    const lines = raw.split('\n');
    for (const [i, line] of lines.entries()) {
      if (i % 50 === 0) options.progress?.(i, lines.length);
      const lineNo = i + 1;
      if (line.trim() === '') continue;
      let rec: Record<string, unknown> | null;
      try {
        rec = obj(JSON.parse(line));
      } catch (error) {
        problem(lineNo, `not valid JSON (${(error as Error).message})`);
        continue;
      }
      if (!rec || typeof rec.text !== 'string' || !Array.isArray(rec.spans)) {
        problem(lineNo, 'expected an object with "text" and "spans"');
        continue;
      }
      const meta = obj(rec.meta) ?? {};
      const wantedId = options.format === 'jsonl' ? rec.id : (meta.id ?? rec.id);
      const text = rec.text.startsWith('\uFEFF') ? rec.text.slice(1) : rec.text;
      const sha = createHash('sha256').update(text, 'utf8').digest('hex');
      const doc = (typeof wantedId === 'string' && byId.get(wantedId)) || bySha.get(sha);
      if (!doc) {
        problem(lineNo, `no document in the corpus has id ${JSON.stringify(wantedId ?? null)} or this exact text`);
        continue;
      }
      const docText = (await corpus.readText(doc.id)).text;
      if (docText !== text) {
        const at = [...docText].findIndex((c, k) => c !== [...text][k]);
        problem(lineNo, `${doc.id}: the text differs from the corpus file (first difference at character ${at < 0 ? Math.min(docText.length, text.length) : at})`);
        continue;
      }
      const map = createOffsetMap(docText);
      const spans: Span[] = [];
      const ids = new Set<string>();
      for (const [k, rawSpan] of rec.spans.entries()) {
        const s = obj(rawSpan);
        if (!s || !Number.isInteger(s.start) || !Number.isInteger(s.end) || typeof s.label !== 'string') {
          problem(lineNo, `${doc.id}: span ${k + 1} needs integer start, end and a label`);
          continue;
        }
        const start = s.start as number;
        const end = s.end as number;
        if (start < 0 || end <= start || end > map.lengthCp) {
          problem(lineNo, `${doc.id}: span ${k + 1} ${start}-${end} is outside the text (0-${map.lengthCp})`);
          continue;
        }
        const found = text.slice(map.toUtf16(start), map.toUtf16(end));
        if (typeof s.text === 'string' && s.text !== found) {
          problem(lineNo, `${doc.id}: span ${k + 1} at ${start}-${end}: expected ${JSON.stringify(s.text)}, found ${JSON.stringify(found)}`);
          continue;
        }
        const label = mapLabel(s.label);
        if (!/^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(label)) {
          problem(lineNo, `${doc.id}: span ${k + 1}: label ${JSON.stringify(label)} is not a valid label name`);
          continue;
        }
        addLabel(label);
        const id = typeof s.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(s.id) && !ids.has(s.id) ? s.id : newSpanId();
        ids.add(id);
        const attrs: Record<string, string> = {};
        for (const [key, v] of Object.entries(s)) {
          if (['id', 'start', 'end', 'label', 'text', 'fragments', 'speaker', 'stance', 'target', 'note', 'norms', 'token_start', 'token_end'].includes(key)) continue;
          if (typeof v === 'string' && /^[A-Za-z][A-Za-z0-9_-]{0,31}$/.test(key)) attrs[key] = v;
        }
        const span: Span = { id, docId: doc.id, start, end, label, ...spanContext(text, map, start, end), attrs, note: typeof s.note === 'string' ? s.note : '', author: options.annotator, created: now, modified: now };
        if (Array.isArray(s.fragments) && s.fragments.length > 1) span.fragments = (s.fragments as [number, number][]).map(([a, b]) => [a, b]);
        if (Array.isArray(s.norms)) span.norms = s.norms.map(obj).filter((x): x is Record<string, unknown> => x !== null).map((x) => ({ type: String(x.type ?? ''), ref: String(x.ref ?? ''), text: String(x.text ?? '') }));
        if (typeof s.speaker === 'string') span.speakerId = s.speaker;
        if (typeof s.stance === 'string' && ['FAVOR', 'AGAINST', 'NONE'].includes(s.stance) && typeof s.target === 'string') {
          span.stance = { targetId: s.target, value: s.stance as 'FAVOR' | 'AGAINST' | 'NONE' };
        }
        spans.push(span);
      }
      const relations: Relation[] = [];
      const events: AnnotationEvent[] = [];
      if (options.format === 'jsonl') {
        for (const [k, r] of (Array.isArray(rec.relations) ? rec.relations : []).map(obj).entries()) {
          if (!r || typeof r.head !== 'string' || typeof r.child !== 'string' || typeof r.label !== 'string' || !ids.has(r.head) || !ids.has(r.child)) {
            problem(lineNo, `${doc.id}: relation ${k + 1} needs head and child span ids from this line and a label`);
            continue;
          }
          const relation: Relation = { id: typeof r.id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(r.id) ? r.id : newSpanId().replace(/^s_/, 'r_'), head: r.head, child: r.child, label: r.label };
          if (typeof r.event === 'string') relation.event = r.event;
          if (Array.isArray(r.roles) && r.roles.length === 2 && r.roles.every((x) => typeof x === 'string')) relation.roles = [r.roles[0] as string, r.roles[1] as string];
          relations.push(relation);
        }
        for (const e of (Array.isArray(rec.events) ? rec.events : []).map(obj)) {
          if (!e || typeof e.id !== 'string' || typeof e.type !== 'string' || typeof e.trigger !== 'string' || !Array.isArray(e.args)) {
            problem(lineNo, `${doc.id}: an event needs id, type, trigger and args`);
            continue;
          }
          const args = e.args.map(obj).filter((a): a is Record<string, unknown> => a !== null && typeof a.role === 'string' && typeof a.ref === 'string').map((a) => ({ role: a.role as string, ref: a.ref as string }));
          const event: AnnotationEvent = { id: e.id, type: e.type, trigger: e.trigger, args };
          const attrs = obj(e.attrs);
          if (attrs) event.attrs = Object.fromEntries(Object.entries(attrs).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
          if (typeof e.note === 'string') event.note = e.note;
          events.push(event);
        }
      }
      if (options.format === 'jsonl') {
        for (const sp of Array.isArray(rec.speakers) ? rec.speakers : []) {
          const o = obj(sp);
          if (o && typeof o.id === 'string' && typeof o.name === 'string') {
            speakers.set(o.id, { id: o.id, name: o.name, aliases: Array.isArray(o.aliases) ? o.aliases.filter((a): a is string => typeof a === 'string') : [], kind: (['person', 'organization', 'group', 'anonymous'].includes(String(o.kind)) ? o.kind : 'person') as Speaker['kind'], affiliation: typeof o.affiliation === 'string' ? o.affiliation : '', role: typeof o.role === 'string' ? o.role : '' });
          }
        }
        for (const t of Array.isArray(rec.targets) ? rec.targets : []) {
          const o = obj(t);
          if (o && typeof o.id === 'string' && typeof o.label === 'string') targets.set(o.id, { id: o.id, label: o.label });
        }
      }
      for (const sp of spans) {
        if (sp.speakerId && !speakers.has(sp.speakerId) && !project.speakers.some((x) => x.id === sp.speakerId)) problem(lineNo, `${doc.id}: span ${sp.id} names speaker ${sp.speakerId}, which is neither in the file nor in the registry`);
        if (sp.stance && !targets.has(sp.stance.targetId) && !project.targets.some((x) => x.id === sp.stance!.targetId)) problem(lineNo, `${doc.id}: span ${sp.id} names target ${sp.stance.targetId}, which is neither in the file nor in the registry`);
      }
      const status = rec.status === 'done' || rec.status === 'in-progress' ? rec.status : 'in-progress';
      plan(source, lineNo, { docId: doc.id, sha256: doc.sha256, spans, relations, events, status });
    }
  }

  const store = options.store && options.store.annotator === options.annotator ? options.store : new LayerStore(corpus.root, options.annotator);
  if (!options.replace) {
    for (const p of planned) {
      const existing = await store.read(p.docId).catch(() => null);
      if (existing && existing.spans.length > 0) report.problems.push({ file: source, line: 0, message: `${p.docId}: ${options.annotator} already has ${existing.spans.length} spans there (use --replace, or import into another annotator)` });
    }
  }
  report.documents = planned.map((p) => ({ docId: p.docId, spans: p.spans.length, relations: p.relations.length }));
  report.newLabels = newLabels;
  const addSpeakers = [...speakers.values()].filter((s) => !project.speakers.some((x) => x.id === s.id));
  const addTargets = [...targets.values()].filter((t) => !project.targets.some((x) => x.id === t.id));
  report.newSpeakers = addSpeakers.length;
  report.newTargets = addTargets.length;
  if (report.problems.length > 0 || options.dryRun) return report;

  // Everything checked: now write. Registry first, so no layer ever points at a missing speaker.
  const keys = new Set(project.schema.labels.map((l) => l.key));
  for (const [n, name] of newLabels.entries()) {
    const key = [...'bhwyzk4567890'].find((k) => !keys.has(k) && !RESERVED_KEYS.includes(k)) ?? '9';
    keys.add(key);
    const def: LabelDef = { name, color: PALETTE[n % PALETTE.length]!, key, attributes: [] };
    project.schema.labels.push(def);
  }
  project.speakers.push(...addSpeakers);
  project.targets.push(...addTargets);
  await projectDb.write();
  for (const p of planned) {
    await store.mutate(p.docId, p.sha256, (data) => {
      data.spans = p.spans;
      data.relations = p.relations;
      if (p.events.length > 0) data.events = p.events;
      else delete data.events;
      data.status = p.status;
    });
  }
  report.written = true;
  return report;
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
  annText.split(/\r?\n/).forEach((l, i) => {
    const id = l.split('\t')[0];
    if (id && !lines.has(id)) lines.set(id, i + 1);
  });
  return (message) => lines.get(/^([TRENAM#]\d+)/.exec(message)?.[1] ?? '') ?? 0;
}

export { CONTEXT_CHARS };
