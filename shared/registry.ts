/**
 * The corpus-wide registry (label schema, speakers, targets, merges) as changes from several
 * writers. Each annotator appends its changes to a log of its own; every process folds the base
 * (project.json) and all logs into the same registry, whatever order the logs arrived in:
 * changes are applied in (clock, writer, seq) order, where `clock` is a Lamport clock (one more
 * than the largest clock the writer had seen), so a change always comes after every change its
 * writer saw, and concurrent changes are ordered the same way on every machine.
 */
import { z } from 'zod';
import type { LabelDef, ProjectFile, Speaker, StanceValue, Target } from './model.js';
import { entityIdSchema as entityId, labelListSchema, speakerFields, speakerSchema, stanceLabelsSchema, targetLabelSchema } from './schemas.js';

/** The registry part of a project: what the logs change. */
export type RegistryState = Pick<ProjectFile, 'schema' | 'speakers' | 'targets' | 'speakerRedirects'>;

/** The changes a writer may record, each as its own object shape (op and its fields). */
const changeShapes = [
  z.object({ op: z.literal('speaker.create'), speaker: speakerSchema }).strict(),
  z.object({ op: z.literal('speaker.update'), id: entityId, patch: z.object(speakerFields).partial().strict() }).strict(),
  z.object({ op: z.literal('speaker.delete'), id: entityId }).strict(),
  z.object({ op: z.literal('speaker.merge'), keepId: entityId, mergeId: entityId }).strict(),
  /** Undo of a merge: both speakers as they were before it. */
  z.object({ op: z.literal('speaker.unmerge'), keep: speakerSchema, merged: speakerSchema }).strict(),
  z.object({ op: z.literal('target.create'), target: z.object({ id: entityId, label: targetLabelSchema }).strict() }).strict(),
  z.object({ op: z.literal('target.update'), id: entityId, label: targetLabelSchema }).strict(),
  z.object({ op: z.literal('target.delete'), id: entityId }).strict(),
  z.object({ op: z.literal('schema.set'), schema: z.object({ labels: labelListSchema, stanceLabels: stanceLabelsSchema.optional() }).strict() }).strict(),
] as const;

/** One change to the registry, as a writer records it. */
export const registryChangeSchema = z.discriminatedUnion('op', changeShapes);

/** One change to the registry. */
export type RegistryChange = z.infer<typeof registryChangeSchema>;

/** Where a change stands in its writer's log and in the total order. */
export const registryMetaSchema = z
  .object({
    /** Lamport clock: one more than the largest clock the writer had folded when it wrote this. */
    clock: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    /** 1, 2, 3… within the writer's log. */
    seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
    /** When it was written (ISO 8601); for people, never for ordering. */
    at: z.string().max(64),
  })
  .strict();

/** A change as read from a log (one line: its meta and the change's fields side by side); `writer` is the log's name, never taken from the line. */
export type RegistryEvent = z.infer<typeof registryMetaSchema> & RegistryChange & { writer: string };

/** One log line: the meta and one change's fields side by side. */
export const registryLineSchema = z.discriminatedUnion(
  'op',
  changeShapes.map((shape) => shape.extend(registryMetaSchema.shape)) as unknown as readonly [(typeof changeShapes)[number], ...(typeof changeShapes)[number][]],
);

/** Checks one parsed log line; answers the event or why it is not one. */
export function checkRegistryLine(writer: string, parsed: unknown): RegistryEvent | string {
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'is not an object';
  const checked = registryLineSchema.safeParse(parsed);
  if (checked.success) return { ...(checked.data as object), writer } as RegistryEvent;
  const issue = checked.error.issues[0];
  return `is not a registry change (${issue?.path.join('.') || 'line'}: ${issue?.message ?? 'invalid'})`;
}

/** One log line for `change` (no newline): meta first, then the change's fields. */
export function registryLine(meta: z.infer<typeof registryMetaSchema>, change: RegistryChange): string {
  return JSON.stringify({ clock: meta.clock, seq: meta.seq, at: meta.at, ...change });
}

/** The total order of changes: clock, then writer (code unit order), then seq. */
export function compareEvents(a: RegistryEvent, b: RegistryEvent): number {
  if (a.clock !== b.clock) return a.clock - b.clock;
  if (a.writer !== b.writer) return a.writer < b.writer ? -1 : 1;
  return a.seq - b.seq;
}

/** A speaker's aliases without blanks, duplicates or its own name; every field trimmed. */
export function cleanSpeaker(s: Speaker): Speaker {
  const name = s.name.trim();
  const aliases = [...new Set(s.aliases.map((a) => a.trim()).filter((a) => a && a !== name))];
  return { id: s.id, name, aliases, kind: s.kind, affiliation: s.affiliation.trim(), role: s.role.trim() };
}

/** A deep copy of a label list (plain JSON data). */
function cloneLabels(labels: readonly LabelDef[]): LabelDef[] {
  return JSON.parse(JSON.stringify(labels)) as LabelDef[];
}

/** What a fold changed that a person may want to hear of (a merge made elsewhere, a deletion). */
export interface FoldNotice {
  writer: string;
  message: string;
}

/** Mutable state of one fold: speakers and targets by id (insertion order kept), redirects. */
class Folding {
  readonly speakers = new Map<string, Speaker>();
  readonly targets = new Map<string, Target>();
  readonly redirects = new Map<string, string>();
  labels: LabelDef[];
  stanceLabels: Record<StanceValue, string> | undefined;

  constructor(base: RegistryState) {
    for (const s of base.speakers) if (!this.speakers.has(s.id)) this.speakers.set(s.id, { ...s, aliases: [...s.aliases] });
    for (const t of base.targets) if (!this.targets.has(t.id)) this.targets.set(t.id, { ...t });
    for (const [from, to] of Object.entries(base.speakerRedirects ?? {})) this.redirects.set(from, to);
    this.labels = cloneLabels(base.schema.labels);
    this.stanceLabels = base.schema.stanceLabels ? { ...base.schema.stanceLabels } : undefined;
  }

  /** The live speaker id `id` stands for now (through merges), or null. */
  resolve(id: string): string | null {
    const seen = new Set<string>();
    let current = id;
    while (!this.speakers.has(current)) {
      const next = this.redirects.get(current);
      if (next === undefined || seen.has(current)) return null;
      seen.add(current);
      current = next;
    }
    return current;
  }

  apply(e: RegistryEvent, notices: FoldNotice[] | null): void {
    switch (e.op) {
      case 'speaker.create':
        if (this.speakers.has(e.speaker.id)) return; // the first creation of an id wins
        this.speakers.set(e.speaker.id, cleanSpeaker(e.speaker));
        this.redirects.delete(e.speaker.id);
        return;
      case 'speaker.update': {
        const live = this.speakers.get(e.id);
        if (live) {
          this.speakers.set(e.id, cleanSpeaker({ ...live, ...e.patch }));
          return;
        }
        // An edit of a speaker that was merged away lands on the speaker it was merged into, as
        // the merge itself would have taken it: names become aliases, empty fields are filled.
        const into = this.resolve(e.id);
        if (!into) return;
        const keep = this.speakers.get(into)!;
        this.speakers.set(
          into,
          cleanSpeaker({
            ...keep,
            aliases: [...keep.aliases, ...(e.patch.name ? [e.patch.name] : []), ...(e.patch.aliases ?? [])],
            affiliation: keep.affiliation || (e.patch.affiliation ?? ''),
            role: keep.role || (e.patch.role ?? ''),
          }),
        );
        return;
      }
      case 'speaker.delete': {
        const gone = this.speakers.get(e.id);
        if (!gone) return;
        this.speakers.delete(e.id);
        notices?.push({ writer: e.writer, message: `${e.writer} deleted the speaker ${gone.name}` });
        return;
      }
      case 'speaker.merge': {
        const keepId = this.resolve(e.keepId);
        const mergeId = this.resolve(e.mergeId);
        // Merged already (either way round), or one side deleted: nothing left to merge.
        if (!keepId || !mergeId || keepId === mergeId) return;
        const keep = this.speakers.get(keepId)!;
        const merged = this.speakers.get(mergeId)!;
        this.speakers.set(
          keepId,
          cleanSpeaker({ ...keep, aliases: [...keep.aliases, merged.name, ...merged.aliases], affiliation: keep.affiliation || merged.affiliation, role: keep.role || merged.role }),
        );
        this.speakers.delete(mergeId);
        this.redirects.set(mergeId, keepId);
        notices?.push({ writer: e.writer, message: `${e.writer} merged ${merged.name} into ${keep.name}` });
        return;
      }
      case 'speaker.unmerge': {
        if (this.speakers.has(e.keep.id)) this.speakers.set(e.keep.id, cleanSpeaker(e.keep));
        if (!this.speakers.has(e.merged.id)) this.speakers.set(e.merged.id, cleanSpeaker(e.merged));
        if (this.redirects.get(e.merged.id) === e.keep.id) this.redirects.delete(e.merged.id);
        return;
      }
      case 'target.create':
        if (!this.targets.has(e.target.id)) this.targets.set(e.target.id, { id: e.target.id, label: e.target.label.trim() });
        return;
      case 'target.update': {
        const t = this.targets.get(e.id);
        if (t) this.targets.set(e.id, { ...t, label: e.label.trim() });
        return;
      }
      case 'target.delete':
        this.targets.delete(e.id);
        return;
      case 'schema.set':
        this.labels = cloneLabels(e.schema.labels);
        if (e.schema.stanceLabels) this.stanceLabels = { ...e.schema.stanceLabels };
        return;
    }
  }

  state(): RegistryState {
    const out: RegistryState = {
      schema: { labels: this.labels, ...(this.stanceLabels ? { stanceLabels: this.stanceLabels } : {}) },
      speakers: [...this.speakers.values()],
      targets: [...this.targets.values()],
    };
    if (this.redirects.size > 0) out.speakerRedirects = Object.fromEntries([...this.redirects].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return out;
  }
}

/**
 * Folds `events` (in any order) onto `base`. The same base and the same set of events give the
 * same registry, deep-equal, in every process. `notices` collects what people may want to hear
 * of; pass only the events that are new to the caller if it should report only those.
 */
export function foldRegistry(base: RegistryState, events: readonly RegistryEvent[], notices?: { since: (e: RegistryEvent) => boolean; out: FoldNotice[] }): RegistryState {
  const folding = new Folding(base);
  const ordered = [...events].sort(compareEvents);
  for (const e of ordered) folding.apply(e, notices && notices.since(e) ? notices.out : null);
  return folding.state();
}

/** The clock a new change gets: one more than every clock folded so far. */
export function nextClock(events: readonly Pick<RegistryEvent, 'clock'>[]): number {
  let max = 0;
  for (const e of events) if (e.clock > max) max = e.clock;
  return max + 1;
}

/**
 * Parses one log's text. Complete lines only (a line without its newline is a write cut short
 * and is not yet part of the log); a line that is not a valid change is reported and skipped.
 */
export function parseRegistryLog(writer: string, text: string, firstLine = 1): { events: RegistryEvent[]; problems: { line: number; message: string }[] } {
  const events: RegistryEvent[] = [];
  const problems: { line: number; message: string }[] = [];
  const end = text.lastIndexOf('\n') + 1;
  let line = firstLine;
  let at = 0;
  while (at < end) {
    const nl = text.indexOf('\n', at);
    const raw = text.slice(at, nl);
    at = nl + 1;
    if (raw.trim() !== '') {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        problems.push({ line, message: 'is not valid JSON' });
        line += 1;
        continue;
      }
      const checked = checkRegistryLine(writer, parsed);
      if (typeof checked === 'string') problems.push({ line, message: checked });
      else events.push(checked);
    }
    line += 1;
  }
  return { events, problems };
}
