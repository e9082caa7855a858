/**
 * Handlers for the corpus-wide registry: the label schema, speakers (with fuzzy duplicate
 * suggestions, merge and its undo) and stance targets. Every change is one line appended to the
 * current annotator's registry log (main/services/store/project.ts), after the logs were read again, so
 * a check ("exists", "in use") is made against what every process has written. A speaker or
 * target is deleted only when no layer of any annotator links to it.
 */
import fs from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { cleanSpeaker } from '../../../shared/registry.js';
import { resolveSpeakerId, type AnnotationFile, type Speaker, type Target } from '../../../shared/model.js';
import { ApiError } from '../../../shared/result.js';
import { labelRole, resolveLabel, validateLabels } from '../../../shared/schema.js';
import { findDuplicateSpeakers } from '../../../shared/speakers.js';
import { layerDir, LayerStore } from '../store/annotations.js';
import type { HandlerContext, OpenCorpus } from './context.js';
import type { Handlers } from './dispatch.js';

type RegistryHandlers = Pick<
  Handlers,
  | 'listSpeakers'
  | 'createSpeaker'
  | 'updateSpeaker'
  | 'deleteSpeaker'
  | 'mergeSpeakers'
  | 'unmergeSpeakers'
  | 'createTarget'
  | 'updateTarget'
  | 'deleteTarget'
  | 'updateSchema'
>;

function newId(prefix: string): string {
  return prefix + randomBytes(8).toString('hex');
}

/** Every layer file of every annotator for the corpus's documents (read-only). */
async function* everyLayer(open: OpenCorpus): AsyncGenerator<{ annotator: string; layer: AnnotationFile }> {
  const { docs } = await open.corpus.describe();
  let annotators: string[] = [];
  try {
    annotators = (await fs.readdir(layerDir(open.corpus.root, ''), { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    return;
  }
  for (const annotator of annotators) {
    const store = new LayerStore(open.corpus.root, annotator, { readOnly: true });
    for (const d of docs) {
      let layer: AnnotationFile | null = null;
      try {
        layer = await store.read(d.id);
      } catch {
        layer = null; // a damaged file is reported where it is opened, not here
      }
      if (layer) yield { annotator, layer };
    }
  }
}

export function registryHandlers(ctx: HandlerContext): RegistryHandlers {
  async function speakerInUse(open: OpenCorpus, id: string): Promise<number> {
    let n = 0;
    for await (const { layer } of everyLayer(open)) {
      for (const s of layer.spans) if (s.speakerId && resolveSpeakerId(open.project.data, s.speakerId) === id) n += 1;
    }
    return n;
  }

  function findSpeaker(open: OpenCorpus, id: string): Speaker {
    const s = open.project.data.speakers.find((x) => x.id === id);
    if (!s) throw new ApiError('not-found', `No speaker ${id}`);
    return s;
  }

  return {
    listSpeakers: async () => {
      const open = ctx.need();
      const store = ctx.layer();
      await open.project.refresh(store.annotator);
      const counts = new Map<string, { quotes: number; links: number }>();
      const { docs } = await open.corpus.describe();
      for (const d of docs) {
        let layer: AnnotationFile;
        try {
          layer = await store.load(d.id, d.sha256);
        } catch {
          continue;
        }
        for (const s of layer.spans) {
          if (!s.speakerId) continue;
          const id = resolveSpeakerId(open.project.data, s.speakerId);
          const c = counts.get(id) ?? { quotes: 0, links: 0 };
          c.links += 1;
          if (labelRole(open.project.data.schema.labels, s.label) === 'QUOTE') c.quotes += 1;
          counts.set(id, c);
        }
      }
      const speakers = open.project.data.speakers.map((s) => ({ ...s, quoteCount: counts.get(s.id)?.quotes ?? 0, linkCount: counts.get(s.id)?.links ?? 0 }));
      return { speakers, duplicates: findDuplicateSpeakers(open.project.data.speakers) };
    },

    createSpeaker: async (args) => {
      const { project } = ctx.need();
      const writer = ctx.layer().annotator;
      await project.refresh(writer);
      const id = args.id ?? newId('sp_');
      if (project.data.speakers.some((s) => s.id === id) || project.data.speakerRedirects?.[id]) throw new ApiError('conflict', `A speaker with id ${id} already exists`);
      const speaker = cleanSpeaker({ id, name: args.name, aliases: args.aliases, kind: args.kind, affiliation: args.affiliation, role: args.role });
      await project.change(writer, [{ op: 'speaker.create', speaker }]);
      return speaker;
    },

    updateSpeaker: async ({ id, patch }) => {
      const open = ctx.need();
      const writer = ctx.layer().annotator;
      await open.project.refresh(writer);
      findSpeaker(open, id);
      await open.project.change(writer, [{ op: 'speaker.update', id, patch }]);
      return { ...findSpeaker(open, id) };
    },

    deleteSpeaker: async ({ id }) => {
      const open = ctx.need();
      const writer = ctx.layer().annotator;
      await open.project.refresh(writer);
      const speaker = findSpeaker(open, id);
      const uses = await speakerInUse(open, id);
      if (uses > 0) throw new ApiError('conflict', `${speaker.name} is linked from ${uses} span${uses === 1 ? '' : 's'}; unlink or merge before deleting`);
      await open.project.change(writer, [{ op: 'speaker.delete', id }]);
      return { deleted: speaker };
    },

    mergeSpeakers: async ({ keepId, mergeId }) => {
      const open = ctx.need();
      const store = ctx.layer();
      await open.project.refresh(store.annotator);
      const keep = findSpeaker(open, keepId);
      const merged = findSpeaker(open, mergeId);
      const before = { keep: structuredClone(keep), merged: structuredClone(merged) };
      // Rewire this annotator's layer; other layers resolve the old id through the redirect.
      const rewired: { docId: string; spanId: string }[] = [];
      const { docs } = await open.corpus.describe();
      for (const d of docs) {
        const layer = await store.load(d.id, d.sha256).catch(() => null);
        if (!layer || !layer.spans.some((s) => s.speakerId === mergeId)) continue;
        await store.mutate(d.id, d.sha256, (data) => {
          for (const s of data.spans) {
            if (s.speakerId === mergeId) {
              s.speakerId = keepId;
              rewired.push({ docId: d.id, spanId: s.id });
            }
          }
        });
      }
      await open.project.change(store.annotator, [{ op: 'speaker.merge', keepId, mergeId }]);
      return { keep: { ...findSpeaker(open, keepId) }, before, rewired };
    },

    unmergeSpeakers: async ({ keep, merged, rewired }) => {
      const open = ctx.need();
      const store = ctx.layer();
      await open.project.refresh(store.annotator);
      findSpeaker(open, keep.id);
      if (open.project.data.speakers.some((s) => s.id === merged.id)) throw new ApiError('conflict', `${merged.name} exists already`);
      await open.project.change(store.annotator, [{ op: 'speaker.unmerge', keep: cleanSpeaker(keep), merged: cleanSpeaker(merged) }]);
      const byDoc = new Map<string, Set<string>>();
      for (const r of rewired) byDoc.set(r.docId, (byDoc.get(r.docId) ?? new Set()).add(r.spanId));
      for (const [docId, spanIds] of byDoc) {
        const doc = await open.corpus.readText(docId);
        await store.mutate(docId, doc.sha256, (data) => {
          for (const s of data.spans) if (spanIds.has(s.id) && s.speakerId === keep.id) s.speakerId = merged.id;
        });
      }
      return { speakers: [{ ...findSpeaker(open, keep.id) }, { ...findSpeaker(open, merged.id) }] };
    },

    createTarget: async ({ id, label }) => {
      const { project } = ctx.need();
      const writer = ctx.layer().annotator;
      await project.refresh(writer);
      const target: Target = { id: id ?? newId('tg_'), label: label.trim() };
      if (project.data.targets.some((t) => t.id === target.id)) throw new ApiError('conflict', `A target with id ${target.id} already exists`);
      await project.change(writer, [{ op: 'target.create', target }]);
      return target;
    },

    updateTarget: async ({ id, label }) => {
      const { project } = ctx.need();
      const writer = ctx.layer().annotator;
      await project.refresh(writer);
      if (!project.data.targets.some((t) => t.id === id)) throw new ApiError('not-found', `No target ${id}`);
      await project.change(writer, [{ op: 'target.update', id, label: label.trim() }]);
      return { ...project.data.targets.find((t) => t.id === id)! };
    },

    updateSchema: async ({ labels, stanceLabels, renames }) => {
      const open = ctx.need();
      const store = ctx.layer();
      await open.project.refresh(store.annotator);
      const problem = validateLabels(labels);
      if (problem) throw new ApiError('invalid-args', `Schema: ${problem}`);
      const next = structuredClone(labels);
      for (const { from, to } of renames) {
        const label = next.find((l) => l.name === to);
        if (!label) throw new ApiError('invalid-args', `Schema: rename ${from} → ${to}, but there is no label ${to}`);
        if (from !== to) label.formerNames = [...new Set([...(label.formerNames ?? []), from])].filter((n) => n !== to);
      }
      const schema = { labels: next, stanceLabels: stanceLabels ?? open.project.data.schema.stanceLabels };
      // Refuse to drop a label this annotator still uses; rename it instead.
      const { docs } = await open.corpus.describe();
      const stale = new Map<string, number>();
      const renameDocs: { id: string; sha256: string }[] = [];
      for (const d of docs) {
        const layer = await store.load(d.id, d.sha256).catch(() => null);
        if (!layer) continue;
        let touched = false;
        for (const s of layer.spans) {
          const current = resolveLabel(schema, s.label);
          if (current !== s.label) touched = true;
          if (!schema.labels.some((l) => l.name === current)) stale.set(s.label, (stale.get(s.label) ?? 0) + 1);
        }
        if (touched) renameDocs.push(d);
      }
      if (stale.size > 0) {
        const list = [...stale].map(([l, n]) => `${l} (${n} span${n === 1 ? '' : 's'})`).join(', ');
        throw new ApiError('conflict', `Schema: labels still in use would disappear: ${list}. Rename them instead.`);
      }
      await open.project.change(store.annotator, [{ op: 'schema.set', schema: schema.stanceLabels ? schema : { labels: schema.labels } }]);
      for (const d of renameDocs) {
        await store.mutate(d.id, d.sha256, (data) => {
          for (const s of data.spans) s.label = resolveLabel(schema, s.label);
        });
      }
      return open.project.data;
    },

    deleteTarget: async ({ id }) => {
      const open = ctx.need();
      const writer = ctx.layer().annotator;
      await open.project.refresh(writer);
      const target = open.project.data.targets.find((t) => t.id === id);
      if (!target) throw new ApiError('not-found', `No target ${id}`);
      let uses = 0;
      for await (const { layer } of everyLayer(open)) for (const s of layer.spans) if (s.stance?.targetId === id) uses += 1;
      if (uses > 0) throw new ApiError('conflict', `“${target.label}” is the target of ${uses} stance${uses === 1 ? '' : 's'}; change them before deleting`);
      await open.project.change(writer, [{ op: 'target.delete', id }]);
      return { deleted: target };
    },
  };
}
