/** Shares every edit the analyst can make, each undoable, plus undo and redo. */
import { createContext, useContext } from 'react';
import type { DocumentReview } from '../../../../shared/api.js';
import type { Relation, Speaker, StanceValue } from '../../../../shared/model.js';
import type { ReviewItem } from '../../../../shared/review.js';
import type { Suggestion } from '../../../../shared/suggest/suggest.js';
import type { SchemaFields, SpanPatch, SpeakerFields } from './commands.js';

/**
 * Paints a span about to be created before the views draw it (the document view uses a custom
 * highlight), so the keypress's own frame shows it with no DOM change; the views then draw it in
 * the frame after.
 */
export interface SpanPreview {
  /** Paints the new span `spanId` now; false when it cannot (the views then draw it at once). */
  show(spanId: string): boolean;
  /** Takes the painting away (nothing when it is gone already); called when the edit is over, whatever its outcome. */
  drop(spanId: string): void;
}

/** The edits. Offsets named `…16` are UTF-16 (the DOM's); everything sent to main is code points. */
export interface EditApi {
  /** `preview`, when given, paints the span before the views draw it (see SpanPreview). */
  createSpan(start16: number, end16: number, label: string, preview?: SpanPreview): Promise<boolean>;
  deleteSelected(): void;
  toggleDone(): void;
  updateSpan(spanId: string, patch: SpanPatch): Promise<boolean>;
  /** Links the span to a registry speaker (null unlinks). */
  setSpeaker(spanId: string, speakerId: string | null): Promise<boolean>;
  /** Creates a speaker and links the span to it, as one undoable edit. */
  createSpeakerFor(spanId: string, fields: SpeakerFields): Promise<boolean>;
  /** Sets the quote's stance toward `targetId` (null clears the stance). */
  setStance(spanId: string, targetId: string | null, value: StanceValue | null): Promise<boolean>;
  /** Creates a target and gives the quote a stance toward it, as one undoable edit. */
  createTargetFor(spanId: string, label: string, value: StanceValue): Promise<boolean>;
  /** Links a quote to its SOURCE mention or CUE; a source mention's speaker carries over to a quote without one. */
  link(headId: string, childId: string, label: 'source' | 'cue'): Promise<boolean>;
  unlink(relation: Relation): Promise<boolean>;
  /** Adds UTF-16 [start16, end16) as a fragment of the span. */
  addFragment(spanId: string, start16: number, end16: number): Promise<boolean>;
  removeFragment(spanId: string, index: number): Promise<boolean>;
  /** Places the open document's orphan `spanId` at UTF-16 [start16, end16) of the text shown. */
  placeOrphan(spanId: string, start16: number, end16: number): Promise<boolean>;
  /** Deletes the open document's orphan `spanId`. */
  deleteOrphan(spanId: string): Promise<boolean>;
  mergeSpeakers(keepId: string, mergeId: string): Promise<boolean>;
  updateSpeaker(speaker: Speaker, patch: Partial<SpeakerFields>): Promise<boolean>;
  deleteSpeaker(speaker: Speaker): Promise<boolean>;
  createTarget(label: string): Promise<boolean>;
  renameTarget(id: string, label: string): Promise<boolean>;
  deleteTarget(id: string): Promise<boolean>;
  /** Saves the schema editor's labels and stance names (renames carry the spans along); undoable. */
  updateSchema(before: SchemaFields, after: SchemaFields, renames: { from: string; to: string }[]): Promise<boolean>;
  /** Accepts suggestions as spans, links and new speakers, in one undoable edit. */
  acceptSuggestions(suggestions: readonly Suggestion[]): Promise<boolean>;
  /** Rejects a suggestion of the open document so it is not proposed again; undoable. */
  rejectSuggestion(suggestion: Suggestion): Promise<boolean>;
  /** Review: accepts every undecided unanimous span in the open document or the whole corpus, as one undoable edit. */
  acceptUnanimous(scope: 'document' | 'corpus'): Promise<boolean>;
  /**
   * Review: accepts one side's version of an item of the open document (`from`; the first when
   * omitted), rejects it, or undoes its decision, as one undoable edit. Answers the document's
   * review as main recorded it, or null when nothing was recorded.
   */
  decideReview(item: ReviewItem, action: 'accept' | 'reject' | 'undo', from?: string): Promise<DocumentReview | null>;
  undo(): void;
  redo(): void;
  canUndo: boolean;
  canRedo: boolean;
}

/** Filled by EditProvider. */
export const EditContext = createContext<EditApi | null>(null);

/** The edits; throws only on a wiring mistake. */
export function useEdits(): EditApi {
  const value = useContext(EditContext);
  if (!value) throw new Error('useEdits() needs an EditProvider');
  return value;
}
