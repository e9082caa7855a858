/** Handlers for suggestions in the app: the open ones of a document, rejecting one, and taking a rejection back. */
import type { RejectedSuggestion } from '../../shared/model.js';
import { createOffsetMap } from '../../shared/offsets.js';
import { ApiError } from '../../shared/result.js';
import { validateRange } from '../../shared/spans.js';
import { LayerStore } from './annotations.js';
import type { HandlerContext } from './context.js';
import type { Handlers } from './dispatch.js';
import { documentSuggestions } from './suggest.js';

export function suggestHandlers(ctx: HandlerContext): Pick<Handlers, 'getSuggestions' | 'rejectSuggestion' | 'unrejectSuggestion'> {
  /** The document and the quote text at [start, end), after checking the range and the id. */
  const checked = async (method: string, docId: string, suggestionId: string, start: number, end: number) => {
    const { corpus } = ctx.need();
    const doc = await corpus.readText(docId);
    const map = createOffsetMap(doc.text);
    const problem = validateRange(map, start, end);
    if (problem) throw new ApiError('invalid-args', `${method}: ${problem}`);
    if (suggestionId !== `sg_${start}_${end}`) throw new ApiError('invalid-args', `${method}: ${suggestionId} is not the suggestion at ${start}-${end}`);
    return { doc, quote: doc.text.slice(map.toUtf16(start), map.toUtf16(end)) };
  };
  return {
    getSuggestions: async ({ docId }) => {
      const { corpus, project } = ctx.need();
      const doc = await corpus.readText(docId);
      // The layer as the app holds it (re-anchored on opening), never written here.
      const layer = await ctx.layer().load(docId, doc.sha256);
      return { suggestions: documentSuggestions(doc.text, layer, project.data) };
    },
    rejectSuggestion: async ({ docId, suggestionId, start, end }) => {
      const store = ctx.layer();
      const { doc, quote } = await checked('rejectSuggestion', docId, suggestionId, start, end);
      const { result, layer } = await store.mutate(docId, doc.sha256, (data) => {
        const list = (data.rejectedSuggestions ??= []);
        const same = list.find((r) => r.start === start && r.end === end && r.quote === quote);
        if (same) return same;
        const rejected: RejectedSuggestion = { id: suggestionId, start, end, quote, by: store.annotator, at: new Date().toISOString() };
        list.push(rejected);
        LayerStore.touch(data);
        return rejected;
      });
      return { rejected: result, status: layer.status };
    },
    unrejectSuggestion: async ({ docId, suggestionId, start, end }) => {
      const store = ctx.layer();
      const { doc, quote } = await checked('unrejectSuggestion', docId, suggestionId, start, end);
      const { result, layer } = await store.mutate(docId, doc.sha256, (data) => {
        const list = data.rejectedSuggestions ?? [];
        const at = list.findIndex((r) => r.start === start && r.end === end && r.quote === quote);
        if (at < 0) return null;
        const [removed] = list.splice(at, 1);
        LayerStore.touch(data);
        return removed!;
      });
      return { removed: result, status: layer.status };
    },
  };
}
