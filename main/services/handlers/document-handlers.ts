/**
 * Handlers for one document as the annotator sees it: opening it (with its layer, or a colleague's
 * read-only), and placing, deleting or restoring the spans a changed article left orphaned.
 */
import type { Span } from '../../../shared/model.js';
import { createOffsetMap } from '../../../shared/offsets.js';
import { ApiError } from '../../../shared/result.js';
import { spanContext, validateRange } from '../../../shared/spans.js';
import { LayerStore } from '../store/annotations.js';
import type { HandlerContext } from './context.js';
import type { Handlers } from './dispatch.js';
import { refuseStale } from './span-handlers.js';

type DocumentHandlers = Pick<Handlers, 'getDocument' | 'resolveOrphan' | 'restoreOrphan'>;

/** The document handlers over the open corpus and the current annotator's layer. */
export function documentHandlers(ctx: HandlerContext): DocumentHandlers {
  const handlers: DocumentHandlers = {
    getDocument: async ({ docId, layer: other }) => {
      const { corpus } = ctx.need();
      const store = ctx.layer();
      const doc = await corpus.readText(docId);
      if (other && other !== store.annotator) {
        // Someone else's layer (or the adjudicated one): read as it is on disk, never written here.
        // Read-only: a changed article is re-anchored in memory only.
        const l = await new LayerStore(corpus.root, other, { readOnly: true }).readCurrent(docId, doc.sha256, async () => doc);
        return { doc, annotator: other, readOnly: true, status: l?.status ?? 'todo', spans: l?.spans ?? [], relations: l?.relations ?? [], orphans: l?.orphans ?? [] };
      }
      let l = await store.load(docId, doc.sha256);
      // A changed article is re-anchored by the first write after the change; opening it is one.
      if (l.docSha256 && l.docSha256 !== doc.sha256) l = (await store.mutate(docId, doc.sha256, () => undefined)).layer;
      const reanchored = store.takeReanchored(docId);
      return { doc, annotator: store.annotator, status: l.status, spans: l.spans, relations: l.relations, orphans: l.orphans ?? [], ...(reanchored ? { reanchored } : {}) };
    },
    resolveOrphan: async ({ docId, spanId, action, start, end, docSha256 }) => {
      const { corpus } = ctx.need();
      const store = ctx.layer();
      const doc = await corpus.readText(docId);
      if (action === 'place') refuseStale(docId, doc.sha256, docSha256);
      const map = createOffsetMap(doc.text);
      if (action === 'place') {
        const problem = validateRange(map, start!, end!);
        if (problem) throw new ApiError('invalid-args', `resolveOrphan: ${problem}`);
      }
      await store.mutate(docId, doc.sha256, (data) => {
        const orphan = data.orphans?.find((o) => o.span.id === spanId);
        if (!orphan) throw new ApiError('not-found', `No orphaned span ${spanId} in ${docId}`);
        data.orphans = data.orphans!.filter((o) => o !== orphan);
        if (data.orphans.length === 0) delete data.orphans;
        if (action === 'delete') return;
        const span: Span = { ...orphan.span, start: start!, end: end!, ...spanContext(doc.text, map, start!, end!), modified: new Date().toISOString() };
        delete span.fragments;
        data.spans.push(span);
        const ids = new Set(data.spans.map((s) => s.id));
        for (const r of orphan.relations) if (ids.has(r.head) && ids.has(r.child) && !data.relations.some((x) => x.id === r.id)) data.relations.push(r);
        LayerStore.touch(data);
      });
      return handlers.getDocument({ docId });
    },
    restoreOrphan: async ({ docId, orphan }) => {
      const { corpus } = ctx.need();
      const store = ctx.layer();
      const doc = await corpus.readText(docId);
      if (orphan.span.docId !== docId) throw new ApiError('invalid-args', `restoreOrphan: the span belongs to ${orphan.span.docId}, not ${docId}`);
      const id = orphan.span.id;
      await store.mutate(docId, doc.sha256, (data) => {
        if (data.orphans?.some((o) => o.span.id === id)) throw new ApiError('conflict', `${id} is already an orphan in ${docId}`);
        // A placed orphan is taken out of the spans again, with the links it brought back.
        data.spans = data.spans.filter((s) => s.id !== id);
        data.relations = data.relations.filter((r) => r.head !== id && r.child !== id);
        data.orphans = [...(data.orphans ?? []), orphan];
      });
      return handlers.getDocument({ docId });
    },
  };
  return handlers;
}
