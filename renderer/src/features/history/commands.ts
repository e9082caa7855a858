/**
 * Every edit the analyst makes, as data with an exact inverse. The app-wide undo stack holds
 * these; undoing runs the inverse through the same API as the edit itself, so undo covers
 * spans, links, status, speakers (merges included) and targets alike, in any document.
 */
import type { MergeResult } from '../../../../shared/api.js';
import type { Orphan } from '../../../../shared/anchoring.js';
import type { DocStatus, LabelDef, Relation, Span, Speaker, Stance, StanceValue, Target } from '../../../../shared/model.js';

/** The fields of a span that updateSpan changes; `null` removes an attribute, speaker, stance or fragments. */
export interface SpanPatch {
  label?: string;
  attrs?: Record<string, string | null>;
  note?: string;
  speakerId?: string | null;
  stance?: Stance | null;
  fragments?: [number, number][] | null;
}

/** The editable fields of a registry speaker. */
export type SpeakerFields = Pick<Speaker, 'name' | 'aliases' | 'kind' | 'affiliation' | 'role'>;

/** The editable schema: labels (names, colours, keys, attributes) and stance names. */
export interface SchemaFields {
  labels: LabelDef[];
  stanceLabels: Record<StanceValue, string>;
}

/** A span to create: its range and label, and, when restoring a deleted one, everything else. */
export type SpanDraft = Pick<Span, 'start' | 'end' | 'label'> & Partial<Span>;

/** A suggestion as a rejection records it: its id and quote range in code points. */
export interface SuggestionRef {
  suggestionId: string;
  start: number;
  end: number;
}

/** One undoable edit. */
export type Command =
  /** `docSha256`: the text the range was chosen on; main refuses it when the article changed since. */
  | { kind: 'create-span'; docId: string; span: SpanDraft; relations: Relation[]; docSha256?: string }
  /** `docSha256`: the text the span was deleted from, so undo refuses to restore it on a changed text. */
  | { kind: 'delete-span'; docId: string; span: Span; relations: Relation[]; docSha256?: string }
  /** `docSha256` (fragment edits): the text the fragments were chosen on; main refuses them when the article changed since. */
  | { kind: 'update-span'; docId: string; spanId: string; before: SpanPatch; after: SpanPatch; docSha256?: string }
  | { kind: 'add-relation'; docId: string; relation: Pick<Relation, 'head' | 'child' | 'label'> & Partial<Relation> }
  | { kind: 'delete-relation'; docId: string; relation: Relation }
  | { kind: 'set-status'; docId: string; before: DocStatus; after: DocStatus }
  | { kind: 'merge-speakers'; keepId: string; mergeId: string; result: MergeResult | null }
  | { kind: 'unmerge-speakers'; result: MergeResult }
  | { kind: 'create-speaker'; speaker: Partial<Speaker> & Pick<Speaker, 'name' | 'kind'> }
  | { kind: 'delete-speaker'; speaker: Speaker }
  | { kind: 'update-speaker'; id: string; before: Partial<SpeakerFields>; after: Partial<SpeakerFields> }
  | { kind: 'create-target'; target: Partial<Target> & Pick<Target, 'label'> }
  | { kind: 'delete-target'; target: Target }
  | { kind: 'update-target'; id: string; before: string; after: string }
  /** The schema editor's save: `renames` turn `before`'s label names into `after`'s (spans follow). */
  | { kind: 'update-schema'; before: SchemaFields; after: SchemaFields; renames: { from: string; to: string }[] }
  /** An orphan (a span lost when the article changed) placed at code points `place`, or deleted (`place` null). */
  | { kind: 'resolve-orphan'; docId: string; orphan: Orphan; place: [number, number] | null; docSha256?: string }
  /** The inverse: the orphan back in the orphan list exactly as it was (a placed one leaves the spans). */
  | { kind: 'restore-orphan'; docId: string; orphan: Orphan; place: [number, number] | null; docSha256?: string }
  | { kind: 'reject-suggestion'; docId: string; suggestion: SuggestionRef }
  | { kind: 'unreject-suggestion'; docId: string; suggestion: SuggestionRef }
  /** Review: accept every undecided unanimous item in one document (`docId`) or the corpus (null); `decided` is what main accepted. */
  | { kind: 'accept-unanimous'; annotators: string[]; docId: string | null; decided: ReviewDecided[] | null }
  /** Review: accept again (redo) or undo the decisions on these items, one write per document. */
  | { kind: 'review-decisions'; annotators: string[]; decided: ReviewDecided[]; action: 'accept' | 'undo' }
  /** Review: one item's decision (`key`, reviewed against `annotators`) goes from `before` to `after`; the inverse swaps them. */
  | { kind: 'review-decision'; docId: string; annotators: string[]; key: string; before: ReviewChoice; after: ReviewChoice }
  | { kind: 'batch'; title: string; commands: Command[] };

/** A review item's decision state: one side's version accepted, rejected, or undecided (null). */
export type ReviewChoice = { action: 'accepted'; from?: string } | { action: 'rejected' } | null;

/** Review items decided together in one document, by key. */
export interface ReviewDecided {
  docId: string;
  keys: string[];
}

/**
 * The command that reverses `command` as it was executed (ids, the merge result and removed
 * relations filled in by main). A batch is reversed in reverse order.
 */
export function invert(command: Command): Command {
  switch (command.kind) {
    case 'create-span':
      return { kind: 'delete-span', docId: command.docId, span: command.span as Span, relations: command.relations, ...sha(command) };
    case 'delete-span':
      return { kind: 'create-span', docId: command.docId, span: command.span, relations: command.relations, ...sha(command) };
    case 'update-span':
      return { ...command, before: command.after, after: command.before };
    case 'add-relation':
      return { kind: 'delete-relation', docId: command.docId, relation: command.relation as Relation };
    case 'delete-relation':
      return { kind: 'add-relation', docId: command.docId, relation: command.relation };
    case 'set-status':
      return { ...command, before: command.after, after: command.before };
    case 'merge-speakers':
      if (!command.result) throw new Error('A merge can be undone only after it ran');
      return { kind: 'unmerge-speakers', result: command.result };
    case 'unmerge-speakers':
      return { kind: 'merge-speakers', keepId: command.result.before.keep.id, mergeId: command.result.before.merged.id, result: null };
    case 'create-speaker':
      return { kind: 'delete-speaker', speaker: command.speaker as Speaker };
    case 'delete-speaker':
      return { kind: 'create-speaker', speaker: command.speaker };
    case 'update-speaker':
      return { ...command, before: command.after, after: command.before };
    case 'create-target':
      return { kind: 'delete-target', target: command.target as Target };
    case 'delete-target':
      return { kind: 'create-target', target: command.target };
    case 'update-target':
      return { ...command, before: command.after, after: command.before };
    case 'update-schema':
      return { kind: 'update-schema', before: command.after, after: command.before, renames: command.renames.map(({ from, to }) => ({ from: to, to: from })) };
    case 'resolve-orphan':
    case 'restore-orphan':
      return { ...command, kind: command.kind === 'resolve-orphan' ? 'restore-orphan' : 'resolve-orphan' };
    case 'reject-suggestion':
      return { kind: 'unreject-suggestion', docId: command.docId, suggestion: command.suggestion };
    case 'unreject-suggestion':
      return { kind: 'reject-suggestion', docId: command.docId, suggestion: command.suggestion };
    case 'accept-unanimous':
      if (!command.decided) throw new Error('Accepting unanimous spans can be undone only after it ran');
      return { kind: 'review-decisions', annotators: command.annotators, decided: command.decided, action: 'undo' };
    case 'review-decisions':
      return { ...command, action: command.action === 'undo' ? 'accept' : 'undo' };
    case 'review-decision':
      return { ...command, before: command.after, after: command.before };
    case 'batch':
      return { kind: 'batch', title: command.title, commands: [...command.commands].reverse().map(invert) };
  }
}

function sha(command: { docSha256?: string }): { docSha256?: string } {
  return command.docSha256 ? { docSha256: command.docSha256 } : {};
}

/** The document a command belongs to, or null for corpus-wide edits (registry, merges). */
export function commandDocId(command: Command): string | null {
  switch (command.kind) {
    case 'create-span':
    case 'delete-span':
    case 'update-span':
    case 'add-relation':
    case 'delete-relation':
    case 'set-status':
    case 'resolve-orphan':
    case 'restore-orphan':
    case 'reject-suggestion':
    case 'unreject-suggestion':
    case 'review-decision':
      return command.docId;
    case 'batch': {
      const ids = new Set(command.commands.map(commandDocId));
      return ids.size === 1 ? ([...ids][0] ?? null) : null;
    }
    default:
      return null;
  }
}

/** A short description for "Undid …" messages. */
export function describe(command: Command): string {
  switch (command.kind) {
    case 'create-span':
      return `create ${command.span.label} span`;
    case 'delete-span':
      return `delete ${command.span.label} span`;
    case 'update-span':
      return `change ${Object.keys(command.after).join(', ') || 'span'}`;
    case 'add-relation':
      return `link ${command.relation.label}`;
    case 'delete-relation':
      return `unlink ${command.relation.label}`;
    case 'set-status':
      return `mark ${command.after}`;
    case 'merge-speakers':
      return 'merge speakers';
    case 'unmerge-speakers':
      return 'unmerge speakers';
    case 'create-speaker':
      return `add speaker ${command.speaker.name}`;
    case 'delete-speaker':
      return `delete speaker ${command.speaker.name}`;
    case 'update-speaker':
      return `edit speaker`;
    case 'create-target':
      return `add target ${command.target.label}`;
    case 'delete-target':
      return `delete target ${command.target.label}`;
    case 'update-target':
      return 'rename target';
    case 'update-schema':
      return 'change labels';
    case 'resolve-orphan':
      return `${command.place ? 'place' : 'delete'} orphaned ${command.orphan.span.label} span`;
    case 'restore-orphan':
      return `put back orphaned ${command.orphan.span.label} span`;
    case 'reject-suggestion':
      return 'reject suggestion';
    case 'unreject-suggestion':
      return 'restore suggestion';
    case 'accept-unanimous':
    case 'review-decisions': {
      const n = (command.decided ?? []).reduce((sum, d) => sum + d.keys.length, 0);
      return command.decided ? `accept ${n.toLocaleString('en')} unanimous span${n === 1 ? '' : 's'}` : 'accept unanimous spans';
    }
    case 'review-decision':
      return describeChoice(command.after);
    case 'batch':
      return command.title;
  }
}

function describeChoice(choice: ReviewChoice): string {
  if (choice === null) return 'undo review decision';
  return choice.action === 'rejected' ? 'reject review item' : `accept ${choice.from ? `${choice.from}’s` : 'the first'} version`;
}

/** The patch that turns `span` back into its `field` values before `patch` (for update-span's `before`). */
export function patchBefore(span: Span, patch: SpanPatch): SpanPatch {
  const before: SpanPatch = {};
  if (patch.label !== undefined) before.label = span.label;
  if (patch.attrs !== undefined) before.attrs = Object.fromEntries(Object.keys(patch.attrs).map((k) => [k, span.attrs[k] ?? null]));
  if (patch.note !== undefined) before.note = span.note;
  if (patch.speakerId !== undefined) before.speakerId = span.speakerId ?? null;
  if (patch.stance !== undefined) before.stance = span.stance ?? null;
  // A one-piece span is restored as one piece over its old range (null would keep the new cover).
  if (patch.fragments !== undefined) before.fragments = span.fragments ?? [[span.start, span.end]];
  return before;
}

/** The fields to restore on a span re-created with createSpan (which sets only range, label and a default form). */
export function restorePatch(created: Span, saved: SpanDraft): SpanPatch | null {
  const patch: SpanPatch = {};
  if (saved.attrs) {
    const attrs: Record<string, string | null> = { ...saved.attrs };
    for (const key of Object.keys(created.attrs)) if (!(key in saved.attrs)) attrs[key] = null;
    if (Object.keys(attrs).some((k) => (created.attrs[k] ?? null) !== attrs[k])) patch.attrs = attrs;
  }
  if (saved.note) patch.note = saved.note;
  if (saved.speakerId) patch.speakerId = saved.speakerId;
  if (saved.stance) patch.stance = saved.stance;
  if (saved.fragments && saved.fragments.length > 1) patch.fragments = saved.fragments;
  return Object.keys(patch).length > 0 ? patch : null;
}
