/**
 * Review and adjudication: colleagues' layers against the reviewer's, decisions written into the
 * adjudicated layer (`annotations/adjudicated/`) with provenance on every span. Colleagues' layers
 * are only ever read.
 */
import type { DocumentReview } from '../../../shared/api.js';
import type { AnnotationFile, Relation, Span } from '../../../shared/model.js';
import { ApiError } from '../../../shared/result.js';
import { reviewCounts, reviewItems, type ReviewDecision, type ReviewItem } from '../../../shared/review.js';
import { computeAgreement, listLayerNames } from '../analysis/agreement.js';
import { LayerStore, newSpanId } from '../store/annotations.js';
import type { HandlerContext } from './context.js';
import type { Handlers } from './dispatch.js';

type ReviewHandlers = Pick<Handlers, 'listLayers' | 'getReview' | 'decideReview' | 'acceptUnanimous' | 'decideReviewMany' | 'getAgreement' | 'editAdjudicated'>;

/** The layer decisions go into. */
export const ADJUDICATED = 'adjudicated';

/** Each reviewed annotator's links (quote → source, quote → cue) in the document under review. */
type Links = Map<string, readonly Relation[]>;

/**
 * Copies into the adjudicated layer the links of the accepted version (`sourceId`, now `newId`)
 * whose other end has been accepted too, in whichever annotator's version: a quote accepted after
 * its source mention gets its source link, and the other way round.
 */
function carryLinks(data: AnnotationFile, relations: readonly Relation[], sourceId: string, newId: string): void {
  const adjudicatedOf = (spanId: string) => data.decisions?.find((d) => d.action === 'accepted' && d.spanId && d.spanIds.includes(spanId))?.spanId;
  for (const r of relations) {
    const other = r.head === sourceId ? r.child : r.child === sourceId ? r.head : null;
    const counterpart = other === null ? undefined : adjudicatedOf(other);
    if (!counterpart) continue;
    const [head, child] = r.head === sourceId ? [newId, counterpart] : [counterpart, newId];
    if (data.relations.some((x) => x.head === head && x.child === child && x.label === r.label)) continue;
    data.relations.push({ id: newSpanId().replace(/^s_/, 'r_'), head, child, label: r.label });
  }
}

export function reviewHandlers(ctx: HandlerContext): ReviewHandlers {
  // One store per corpus, so writes to the adjudicated layer are queued like any layer's.
  let adjudicated: LayerStore | null = null;
  const adjudicatedStore = () => {
    const { corpus } = ctx.need();
    if (!adjudicated || adjudicated.corpusRoot !== corpus.root) adjudicated = new LayerStore(corpus.root, ADJUDICATED, { textOf: (docId) => corpus.readText(docId) });
    return adjudicated;
  };

  const reviewer = () => {
    const store = ctx.layer();
    if (store.annotator === ADJUDICATED) throw new ApiError('invalid-args', 'Review as yourself: the adjudicated layer is written by review decisions.');
    return store;
  };

  async function review(docId: string, annotators: readonly string[]): Promise<{ review: DocumentReview; sha256: string; links: Links }> {
    const { corpus, project } = ctx.need();
    const store = reviewer();
    const colleagues = annotators.filter((a) => a !== store.annotator && a !== ADJUDICATED);
    if (colleagues.length === 0) throw new ApiError('invalid-args', 'Choose at least one colleague to review against.');
    const doc = await corpus.readText(docId);
    // Every side as it reads against the current text: a changed article is re-anchored in memory.
    const text = async () => doc;
    const mine = await store.readCurrent(docId, doc.sha256, text);
    const layers = [{ annotator: store.annotator, spans: mine?.spans ?? [] }];
    const links: Links = new Map([[store.annotator, mine?.relations ?? []]]);
    for (const name of colleagues) {
      const l = await new LayerStore(corpus.root, name, { readOnly: true }).readCurrent(docId, doc.sha256, text);
      layers.push({ annotator: name, spans: l?.spans ?? [] });
      links.set(name, l?.relations ?? []);
    }
    const adj = await adjudicatedStore().readCurrent(docId, doc.sha256, text);
    const items = reviewItems(layers, project.data, adj?.decisions ?? []);
    return { review: { reviewer: store.annotator, items, counts: reviewCounts(items), adjudicated: adj?.spans ?? [] }, sha256: doc.sha256, links };
  }

  /** Records `action` on `item` in the adjudicated layer, replacing an earlier decision on it. */
  function decide(data: AnnotationFile, item: ReviewItem, action: 'accept' | 'reject' | 'undo', from: string | undefined, by: string, links: Links): void {
    const previous = item.decision;
    if (previous) {
      data.decisions = (data.decisions ?? []).filter((d) => d !== previous && !(d.at === previous.at && d.spanIds.join() === previous.spanIds.join()));
      if (previous.spanId) {
        data.spans = data.spans.filter((s) => s.id !== previous.spanId);
        data.relations = data.relations.filter((r) => r.head !== previous.spanId && r.child !== previous.spanId);
      }
    }
    if (action === 'undo') return;
    const at = new Date().toISOString();
    const spanIds = item.versions.map((v) => v.span.id);
    if (action === 'reject') {
      (data.decisions ??= []).push({ spanIds, action: 'rejected', by, at });
      return;
    }
    const version = item.versions.find((v) => v.annotator === from) ?? (from === undefined ? item.versions[0] : undefined);
    if (!version) throw new ApiError('invalid-args', `${from} has no version of this span`);
    const source = version.span;
    const span: Span = {
      ...structuredClone(source),
      id: newSpanId(),
      author: version.annotator,
      modified: at,
      provenance: { from: version.annotator, sourceSpanId: source.id, decidedBy: by, decidedAt: at },
    };
    data.spans.push(span);
    carryLinks(data, links.get(version.annotator) ?? [], source.id, span.id);
    const decision: ReviewDecision = { spanIds, action: 'accepted', from: version.annotator, spanId: span.id, by, at };
    (data.decisions ??= []).push(decision);
  }

  return {
    listLayers: async () => {
      const { corpus } = ctx.need();
      let current: string | null = null;
      try {
        current = ctx.layer().annotator;
      } catch {
        current = null;
      }
      const { docs } = await corpus.describe();
      const layers = [];
      for (const name of await listLayerNames(corpus.root)) {
        const store = new LayerStore(corpus.root, name, { readOnly: true });
        let documents = 0;
        let spans = 0;
        for (const d of docs) {
          const l = await store.read(d.id).catch(() => null);
          if (!l) continue;
          documents += 1;
          spans += l.spans.length;
        }
        layers.push({ name, documents, spans });
      }
      return { current, layers };
    },
    getReview: async ({ docId, annotators }) => (await review(docId, annotators)).review,
    decideReview: async ({ docId, annotators, key, action, from }) => {
      const { review: before, sha256, links } = await review(docId, annotators);
      const item = before.items.find((i) => i.key === key);
      if (!item) throw new ApiError('not-found', 'That span is no longer under review (a layer changed); the list is refreshed.');
      const by = reviewer().annotator;
      await adjudicatedStore().mutate(docId, sha256, (data) => {
        decide(data, item, action, from, by, links);
        LayerStore.touch(data);
      });
      return (await review(docId, annotators)).review;
    },
    acceptUnanimous: async ({ docId, annotators }) => {
      const { corpus } = ctx.need();
      const ids = docId ? [docId] : (await corpus.describe()).docs.map((d) => d.id);
      const by = reviewer().annotator;
      let accepted = 0;
      const decided: { docId: string; keys: string[] }[] = [];
      for (const id of ids) {
        const { review: r, sha256, links } = await review(id, annotators);
        const todo = r.items.filter((i) => i.state === 'agree' && !i.decision);
        if (todo.length === 0) continue;
        await adjudicatedStore().mutate(id, sha256, (data) => {
          for (const item of todo) decide(data, item, 'accept', item.versions[0]!.annotator, by, links);
          LayerStore.touch(data);
        });
        accepted += todo.length;
        decided.push({ docId: id, keys: todo.map((i) => i.key) });
      }
      return { accepted, documents: decided.length, decided };
    },
    decideReviewMany: async ({ docId, annotators, keys, action }) => {
      const { review: r, sha256, links } = await review(docId, annotators);
      const byKey = new Map(r.items.map((i) => [i.key, i]));
      // An undo takes back what was decided; an accept (redo) decides what is open, as the first time.
      const items = keys.flatMap((k) => {
        const item = byKey.get(k);
        return item && (action === 'undo' ? item.decision : !item.decision) ? [item] : [];
      });
      if (items.length === 0) return { changed: 0 };
      const by = reviewer().annotator;
      await adjudicatedStore().mutate(docId, sha256, (data) => {
        for (const item of items) decide(data, item, action, item.versions[0]!.annotator, by, links);
        LayerStore.touch(data);
      });
      return { changed: items.length };
    },
    editAdjudicated: async ({ docId, annotators, spanId, patch }) => {
      const { corpus, project } = ctx.need();
      const labels = project.data.schema.labels;
      if (patch.label !== undefined && !labels.some((l) => l.name === patch.label)) throw new ApiError('invalid-args', `Unknown label ${patch.label}`);
      if (patch.speakerId && !project.data.speakers.some((s) => s.id === patch.speakerId)) throw new ApiError('not-found', `No speaker ${patch.speakerId}`);
      if (patch.stance && !project.data.targets.some((t) => t.id === patch.stance!.targetId)) throw new ApiError('not-found', `No target ${patch.stance.targetId}`);
      const doc = await corpus.readText(docId);
      reviewer();
      await adjudicatedStore().mutate(docId, doc.sha256, (data) => {
        const span = data.spans.find((s) => s.id === spanId);
        if (!span) throw new ApiError('not-found', 'That span is not in the adjudicated layer (accept a version first).');
        if (patch.label !== undefined) span.label = patch.label;
        if (patch.speakerId !== undefined) span.speakerId = patch.speakerId;
        if (patch.stance !== undefined) span.stance = patch.stance;
        if (patch.form !== undefined) {
          if (patch.form === null) delete span.attrs.form;
          else span.attrs.form = patch.form;
        }
        span.modified = new Date().toISOString();
        if (span.provenance) span.provenance.edited = true;
        LayerStore.touch(data);
      });
      return (await review(docId, annotators)).review;
    },
    getAgreement: async ({ annotators }) => {
      const { corpus, project } = ctx.need();
      try {
        return await computeAgreement(corpus.root, annotators, project.data);
      } catch (error) {
        throw new ApiError('not-found', (error as Error).message);
      }
    },
  };
}
