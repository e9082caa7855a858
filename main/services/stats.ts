/** Corpus statistics for `quotebench stats`: documents, skipped files, annotators, span counts. */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { DocStatus, SkipReason } from '../../shared/model.js';
import { Corpus, DATA_DIR } from './corpus.js';
import { LayerStore } from './annotations.js';
import { openProject } from './project.js';
import { assertOwnDataDir } from './data-path.js';
import { resolveLabel } from '../../shared/schema.js';

export interface AnnotatorStats {
  name: string;
  /** Documents with a layer file. */
  documents: number;
  spans: number;
  byLabel: Record<string, number>;
  byStatus: Record<DocStatus, number>;
}

export interface CorpusStats {
  corpus: string;
  documents: number;
  skipped: { id: string; reason: SkipReason; message: string }[];
  annotators: AnnotatorStats[];
  spansByLabel: Record<string, number>;
  totalSpans: number;
  warnings: string[];
}

/** Reads a corpus folder without writing anything to it (damaged files are reported, not moved). */
export async function computeStats(corpusRoot: string, opts: { maxFileBytes?: number } = {}): Promise<CorpusStats> {
  const warnings: string[] = [];
  // A linked data folder is refused before project.json is read through it.
  assertOwnDataDir(corpusRoot);
  const project = await openProject(corpusRoot, (m) => warnings.push(m), { readOnly: true });
  // readOnly: not even the index is saved (stats promises to write nothing).
  const corpus = await Corpus.open(corpusRoot, opts.maxFileBytes ?? project.data.settings.maxFileBytes, { readOnly: true });
  const { docs, skipped } = await corpus.describe();
  const annotationsDir = path.join(corpus.root, DATA_DIR, 'annotations');
  let names: string[] = [];
  try {
    names = (await fs.readdir(annotationsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    names = [];
  }
  const spansByLabel: Record<string, number> = {};
  const annotators: AnnotatorStats[] = [];
  for (const name of names) {
    const store = new LayerStore(corpus.root, name, { readOnly: true });
    const a: AnnotatorStats = { name, documents: 0, spans: 0, byLabel: {}, byStatus: { todo: 0, 'in-progress': 0, done: 0 } };
    for (const d of docs) {
      try {
        const layer = await store.read(d.id);
        if (!layer) {
          a.byStatus.todo += 1;
          continue;
        }
        a.documents += 1;
        a.byStatus[layer.status] += 1;
        for (const s of layer.spans) {
          // A renamed label counts under its current name, as every export writes it.
          const label = resolveLabel(project.data.schema, s.label);
          a.spans += 1;
          a.byLabel[label] = (a.byLabel[label] ?? 0) + 1;
          spansByLabel[label] = (spansByLabel[label] ?? 0) + 1;
        }
      } catch (error) {
        warnings.push((error as Error).message);
      }
    }
    annotators.push(a);
  }
  return {
    corpus: corpus.root,
    documents: docs.length,
    skipped: skipped.map((s) => ({ id: s.id, reason: s.reason, message: s.message })),
    annotators,
    spansByLabel,
    totalSpans: annotators.reduce((n, a) => n + a.spans, 0),
    warnings,
  };
}
