/**
 * From one Quotebench JSONL or Prodigy-style line to a layer's content: the inverse of
 * toJsonlRecord and toProdigyRecord. Pure; the caller has already matched the line to a
 * document and checked that its `text` is the document's text. Every span's `text`, when given,
 * must equal the document at its offsets (code points); anything else is a problem, never a guess.
 */
import { DOC_STATUSES, SPEAKER_KINDS, STANCE_VALUES, type AnnotationEvent, type DocStatus, type Relation, type Span, type Speaker, type StanceValue, type Target } from '../model.js';
import { createOffsetMap } from '../offsets.js';
import { spanContext } from '../spans.js';
import { ID_RE, LABEL_NAME_RE } from '../schemas.js';

export interface RecordImportOptions {
  format: 'jsonl' | 'prodigy';
  docId: string;
  /** The document's text (equal to the line's `text`). */
  text: string;
  annotator: string;
  now: string;
  /** The label a span gets in the layer (after --map and label renames). */
  label: (raw: string) => string;
  /** Makes a fresh id with a prefix (`s` span, `r` relation). */
  newId: (prefix: string) => string;
}

/** What one line gives: the layer's content, the registry entries it carries, and its problems. */
export interface RecordImport {
  spans: Span[];
  relations: Relation[];
  events: AnnotationEvent[];
  speakers: Speaker[];
  targets: Target[];
  status: DocStatus;
  problems: string[];
}

/** A label name the schema accepts (shared/schemas.ts LABEL_NAME_RE). */
export const LABEL_NAME = LABEL_NAME_RE;
const ID = ID_RE;
/** Span keys that are not attributes. */
const SPAN_KEYS = new Set(['id', 'start', 'end', 'label', 'text', 'fragments', 'speaker', 'stance', 'target', 'note', 'norms', 'provenance', 'token_start', 'token_end']);

function obj(x: unknown): Record<string, unknown> | null {
  return typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : null;
}

function list(x: unknown): unknown[] {
  return Array.isArray(x) ? x : [];
}

const isInt = (x: unknown): x is number => Number.isInteger(x);

/** Why `fragments` cannot be the pieces of a span covering [start, end), or null. */
function fragmentProblem(fragments: unknown, start: number, end: number): string | null {
  if (!Array.isArray(fragments) || fragments.length < 2) return 'fragments must list two or more [start, end] pieces';
  let previous = -1;
  for (const f of fragments) {
    if (!Array.isArray(f) || f.length !== 2 || !isInt(f[0]) || !isInt(f[1])) return `fragment ${JSON.stringify(f)} is not [start, end]`;
    if (f[1] <= f[0]) return `fragment ${f[0]}-${f[1]} is empty`;
    if (f[0] < previous) return `fragment ${f[0]}-${f[1]} overlaps the one before or is out of order`;
    previous = f[1];
  }
  const first = fragments[0] as number[];
  const last = fragments[fragments.length - 1] as number[];
  if (first[0] !== start || last[1] !== end) return `fragments ${first[0]}…${last[1]} do not cover the span ${start}-${end}`;
  return null;
}

/** Converts one JSONL or Prodigy line (already matched to its document). */
export function recordToLayer(rec: Record<string, unknown>, options: RecordImportOptions): RecordImport {
  const { text, docId, format } = options;
  const map = createOffsetMap(text);
  const problems: string[] = [];
  const spans: Span[] = [];
  const ids = new Set<string>();
  for (const [k, raw] of list(rec.spans).entries()) {
    const where = `span ${k + 1}`;
    const s = obj(raw);
    if (!s || !isInt(s.start) || !isInt(s.end) || typeof s.label !== 'string') {
      problems.push(`${where} needs integer start, end and a label`);
      continue;
    }
    const { start, end } = s;
    if (start < 0 || end <= start || end > map.lengthCp) {
      problems.push(`${where} ${start}-${end} is not a range inside the text (0-${map.lengthCp})`);
      continue;
    }
    const found = text.slice(map.toUtf16(start), map.toUtf16(end));
    if (s.text !== undefined && s.text !== found) {
      problems.push(`${where} at ${start}-${end}: expected ${JSON.stringify(s.text)}, found ${JSON.stringify(found)}`);
      continue;
    }
    const label = options.label(s.label);
    if (!LABEL_NAME.test(label)) {
      problems.push(`${where}: ${JSON.stringify(label)} is not a valid label name (rename it with --map)`);
      continue;
    }
    const id = format === 'jsonl' && typeof s.id === 'string' && ID.test(s.id) && !ids.has(s.id) ? s.id : options.newId('s');
    if (format === 'jsonl' && s.id !== undefined && id !== s.id) {
      problems.push(`${where}: id ${JSON.stringify(s.id)} is not a unique id of letters, digits, _ or -`);
      continue;
    }
    ids.add(id);
    const span: Span = { id, docId, start, end, label, ...spanContext(text, map, start, end), attrs: {}, note: '', author: options.annotator, created: options.now, modified: options.now };
    if (format === 'jsonl') {
      for (const [key, v] of Object.entries(s)) if (!SPAN_KEYS.has(key) && typeof v === 'string' && LABEL_NAME.test(key)) span.attrs[key] = v;
      if (s.fragments != null) {
        const problem = fragmentProblem(s.fragments, start, end);
        if (problem) {
          problems.push(`${where}: ${problem}`);
          continue;
        }
        span.fragments = (s.fragments as [number, number][]).map(([a, b]) => [a, b]);
      }
      if (typeof s.note === 'string') span.note = s.note;
      if (s.norms != null) {
        const norms = list(s.norms).map(obj);
        if (!Array.isArray(s.norms) || norms.some((n) => !n || typeof n.type !== 'string' || typeof n.ref !== 'string' || typeof n.text !== 'string')) {
          problems.push(`${where}: norms must be [{"type", "ref", "text"}]`);
          continue;
        }
        span.norms = norms.map((n) => ({ type: n!.type as string, ref: n!.ref as string, text: n!.text as string }));
      }
      if (s.provenance != null) {
        const p = obj(s.provenance);
        const strings = ['from', 'sourceSpanId', 'decidedBy', 'decidedAt'] as const;
        if (!p || strings.some((k) => typeof p[k] !== 'string') || (p.edited != null && typeof p.edited !== 'boolean') || (p.suggested != null && typeof p.suggested !== 'boolean')) {
          problems.push(`${where}: provenance must be {"from", "sourceSpanId", "decidedBy", "decidedAt", "edited"?, "suggested"?}`);
          continue;
        }
        span.provenance = { from: p.from as string, sourceSpanId: p.sourceSpanId as string, decidedBy: p.decidedBy as string, decidedAt: p.decidedAt as string, ...(p.edited != null ? { edited: p.edited as boolean } : {}), ...(p.suggested != null ? { suggested: p.suggested as boolean } : {}) };
      }
      if (typeof s.speaker === 'string') span.speakerId = s.speaker;
      if (s.stance != null) {
        if (!STANCE_VALUES.includes(s.stance as StanceValue) || typeof s.target !== 'string') {
          problems.push(`${where}: stance must be FAVOR, AGAINST or NONE with a target id, found ${JSON.stringify(s.stance)} / ${JSON.stringify(s.target ?? null)}`);
          continue;
        }
        span.stance = { targetId: s.target, value: s.stance as StanceValue };
      }
    }
    spans.push(span);
  }

  const events: AnnotationEvent[] = [];
  const relations: Relation[] = [];
  if (format === 'jsonl') {
    const eventIds = new Set(list(rec.events).map((e) => obj(e)?.id).filter((x): x is string => typeof x === 'string'));
    for (const [k, raw] of list(rec.events).entries()) {
      const e = obj(raw);
      const args = list(e?.args).map(obj);
      if (!e || typeof e.id !== 'string' || !ID.test(e.id) || typeof e.type !== 'string' || typeof e.trigger !== 'string' || !Array.isArray(e.args) || args.some((a) => !a || typeof a.role !== 'string' || typeof a.ref !== 'string')) {
        problems.push(`event ${k + 1} needs id, type, trigger and args [{"role", "ref"}]`);
        continue;
      }
      const missing = [e.trigger, ...args.map((a) => a!.ref as string)].filter((ref) => !ids.has(ref) && !eventIds.has(ref));
      if (!ids.has(e.trigger) || missing.length > 0) {
        problems.push(`event ${e.id}: ${!ids.has(e.trigger) ? `its trigger ${e.trigger} is not a span of this line` : `refers to ${missing.join(', ')}, not a span or event of this line`}`);
        continue;
      }
      const event: AnnotationEvent = { id: e.id, type: e.type, trigger: e.trigger, args: args.map((a) => ({ role: a!.role as string, ref: a!.ref as string })) };
      const attrs = obj(e.attrs);
      if (attrs) event.attrs = Object.fromEntries(Object.entries(attrs).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      if (typeof e.note === 'string') event.note = e.note;
      events.push(event);
    }
    const relationIds = new Set<string>();
    for (const [k, raw] of list(rec.relations).entries()) {
      const r = obj(raw);
      if (!r || typeof r.head !== 'string' || typeof r.child !== 'string' || typeof r.label !== 'string' || !ids.has(r.head) || !ids.has(r.child)) {
        problems.push(`relation ${k + 1} needs a label and head and child span ids of this line`);
        continue;
      }
      if (r.event != null && (typeof r.event !== 'string' || !eventIds.has(r.event))) {
        problems.push(`relation ${k + 1}: event ${JSON.stringify(r.event)} is not an event of this line`);
        continue;
      }
      const id = typeof r.id === 'string' && ID.test(r.id) && !relationIds.has(r.id) ? r.id : options.newId('r');
      relationIds.add(id);
      const relation: Relation = { id, head: r.head, child: r.child, label: r.label };
      if (typeof r.event === 'string') relation.event = r.event;
      if (Array.isArray(r.roles) && r.roles.length === 2 && r.roles.every((x) => typeof x === 'string')) relation.roles = [r.roles[0] as string, r.roles[1] as string];
      if (typeof r.note === 'string') relation.note = r.note;
      relations.push(relation);
    }
  } else {
    // Prodigy names a relation's ends by their spans (head_span / child_span), not by id.
    const find = (x: unknown): Span | undefined => {
      const ref = obj(x);
      if (!ref || !isInt(ref.start) || !isInt(ref.end)) return undefined;
      const at = spans.filter((s) => s.start === ref.start && s.end === ref.end);
      return (typeof ref.label === 'string' ? at.find((s) => s.label === options.label(ref.label as string)) : undefined) ?? at[0];
    };
    for (const [k, raw] of list(rec.relations).entries()) {
      const r = obj(raw);
      const head = find(r?.head_span);
      const child = find(r?.child_span);
      if (!r || typeof r.label !== 'string' || !head || !child) {
        problems.push(`relation ${k + 1} needs a label, and a head_span and child_span that are spans of this line`);
        continue;
      }
      relations.push({ id: options.newId('r'), head: head.id, child: child.id, label: r.label });
    }
  }

  const speakers: Speaker[] = [];
  const targets: Target[] = [];
  if (format === 'jsonl') {
    for (const sp of list(rec.speakers).map(obj)) {
      if (!sp || typeof sp.id !== 'string' || typeof sp.name !== 'string') continue;
      speakers.push({
        id: sp.id,
        name: sp.name,
        aliases: list(sp.aliases).filter((a): a is string => typeof a === 'string'),
        kind: SPEAKER_KINDS.includes(sp.kind as Speaker['kind']) ? (sp.kind as Speaker['kind']) : 'person',
        affiliation: typeof sp.affiliation === 'string' ? sp.affiliation : '',
        role: typeof sp.role === 'string' ? sp.role : '',
      });
    }
    for (const t of list(rec.targets).map(obj)) if (t && typeof t.id === 'string' && typeof t.label === 'string') targets.push({ id: t.id, label: t.label });
  }
  const status = format === 'jsonl' && DOC_STATUSES.includes(rec.status as DocStatus) ? (rec.status as DocStatus) : 'in-progress';
  return { spans, relations, events, speakers, targets, status, problems };
}
