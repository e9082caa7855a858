/** Handlers that edit spans and relations in the current annotator's layer. */
import type { Relation, Span } from '../../shared/model.js';
import { createOffsetMap } from '../../shared/offsets.js';
import { ApiError } from '../../shared/result.js';
import { spanContext, validateRange } from '../../shared/spans.js';
import { LayerStore, newSpanId } from './annotations.js';
import type { HandlerContext } from './context.js';
import type { Handlers } from './dispatch.js';

type SpanHandlers = Pick<Handlers, 'updateSpan' | 'addRelation' | 'deleteRelation'>;

/** Sorted, non-overlapping, non-empty pieces inside the text, or why not. */
/** A range chosen on a text the caller saw (`seen`) is refused when the article has changed since. */
export function refuseStale(docId: string, current: string, seen: string | undefined): void {
  if (seen !== undefined && seen !== current) throw new ApiError('stale', `${docId} changed on disk since it was shown. It has been opened again: select the text again.`);
}

export function checkFragments(fragments: [number, number][], lengthCp: number): string | null {
  const sorted = [...fragments].sort((a, b) => a[0] - b[0]);
  for (let i = 0; i < sorted.length; i += 1) {
    const [s, e] = sorted[i]!;
    if (e <= s) return `fragment ${s}-${e} is empty`;
    if (e > lengthCp) return `fragment ${s}-${e} is past the end of the text (${lengthCp} characters)`;
    if (i > 0 && s < sorted[i - 1]![1]) return `fragments ${sorted[i - 1]![0]}-${sorted[i - 1]![1]} and ${s}-${e} overlap`;
  }
  return null;
}

export function spanHandlers(ctx: HandlerContext): SpanHandlers {
  return {
    updateSpan: async ({ docId, spanId, patch, docSha256 }) => {
      const { corpus, project } = ctx.need();
      const store = ctx.layer();
      const labels = project.data.schema.labels;
      if (patch.label !== undefined && !labels.some((l) => l.name === patch.label)) throw new ApiError('invalid-args', `Unknown label ${patch.label}`);
      if (patch.speakerId && !project.data.speakers.some((s) => s.id === patch.speakerId)) throw new ApiError('not-found', `No speaker ${patch.speakerId}`);
      if (patch.stance && !project.data.targets.some((t) => t.id === patch.stance!.targetId)) throw new ApiError('not-found', `No target ${patch.stance.targetId}`);
      const doc = await corpus.readText(docId);
      const map = createOffsetMap(doc.text);
      let fragments: [number, number][] | null | undefined = patch.fragments;
      if (fragments) {
        refuseStale(docId, doc.sha256, docSha256);
        const problem = checkFragments(fragments, map.lengthCp);
        if (problem) throw new ApiError('invalid-args', `updateSpan: ${problem}`);
        fragments = [...fragments].sort((a, b) => a[0] - b[0]);
      }
      const { result, layer } = await store.mutate(docId, doc.sha256, (data) => {
        const span = data.spans.find((s) => s.id === spanId);
        if (!span) throw new ApiError('not-found', `No span ${spanId} in ${docId}`);
        if (patch.label !== undefined) span.label = patch.label;
        if (patch.attrs) {
          for (const [k, v] of Object.entries(patch.attrs)) {
            if (v === null) delete span.attrs[k];
            else span.attrs[k] = v;
          }
        }
        if (patch.note !== undefined) span.note = patch.note;
        if (patch.speakerId !== undefined) span.speakerId = patch.speakerId;
        if (patch.stance !== undefined) span.stance = patch.stance;
        if (fragments === null) delete span.fragments;
        else if (fragments) {
          const start = fragments[0]![0];
          const end = fragments[fragments.length - 1]![1];
          if (fragments.length === 1) delete span.fragments;
          else span.fragments = fragments;
          Object.assign(span, { start, end }, spanContext(doc.text, map, start, end));
        }
        const problem = validateRange(map, span.start, span.end);
        if (problem) throw new ApiError('invalid-args', `updateSpan: ${problem}`);
        span.modified = new Date().toISOString();
        LayerStore.touch(data);
        return { ...span } as Span;
      });
      return { span: result, status: layer.status };
    },
    addRelation: async ({ docId, id, head, child, label }) => {
      const { corpus } = ctx.need();
      const store = ctx.layer();
      const doc = await corpus.readText(docId);
      const { result, layer } = await store.mutate(docId, doc.sha256, (data) => {
        if (head === child) throw new ApiError('invalid-args', 'A span cannot be linked to itself');
        for (const sid of [head, child]) if (!data.spans.some((s) => s.id === sid)) throw new ApiError('not-found', `No span ${sid} in ${docId}`);
        if (id && data.relations.some((r) => r.id === id)) throw new ApiError('conflict', `A relation with id ${id} already exists`);
        if (data.relations.some((r) => r.head === head && r.child === child && r.label === label)) throw new ApiError('conflict', 'These spans are already linked');
        const relation: Relation = { id: id ?? newSpanId().replace(/^s_/, 'r_'), head, child, label };
        data.relations.push(relation);
        LayerStore.touch(data);
        return relation;
      });
      return { relation: result, status: layer.status };
    },
    deleteRelation: async ({ docId, relationId }) => {
      const { corpus } = ctx.need();
      const store = ctx.layer();
      const doc = await corpus.readText(docId);
      const { result, layer } = await store.mutate(docId, doc.sha256, (data) => {
        const index = data.relations.findIndex((r) => r.id === relationId);
        if (index < 0) throw new ApiError('not-found', `No relation ${relationId} in ${docId}`);
        const [deleted] = data.relations.splice(index, 1);
        LayerStore.touch(data);
        return deleted!;
      });
      return { deleted: result, status: layer.status };
    },
  };
}
