/**
 * Handlers for suggestions in the app: the open ones of a document. Rejecting one and taking a
 * rejection back are layer edits (span-handlers.ts), so a batch can carry them too.
 */
import type { HandlerContext } from './context.js';
import type { Handlers } from './dispatch.js';
import { documentSuggestions } from '../analysis/suggest.js';

/** The handler that lists a document's open suggestions. */
export function suggestHandlers(ctx: HandlerContext): Pick<Handlers, 'getSuggestions'> {
  return {
    getSuggestions: async ({ docId }) => {
      const { corpus, project } = ctx.need();
      const doc = await corpus.readText(docId);
      // The layer as the app holds it (re-anchored on opening), never written here.
      const layer = await ctx.layer().load(docId, doc.sha256);
      return { suggestions: documentSuggestions(doc.text, layer, project.data) };
    },
  };
}
