/** What the handler modules need from the app: the open corpus, its project and the annotator's layer. */
import type { LayerStore } from '../store/annotations.js';
import type { Corpus } from '../corpus/corpus.js';
import type { ProjectRegistry } from '../store/project.js';

export interface OpenCorpus {
  corpus: Corpus;
  /** project.json with every registry log folded in; `project.data` is the current registry. */
  project: ProjectRegistry;
  warnings: string[];
}

export interface HandlerContext {
  /** The open corpus, or an ApiError('no-corpus'). */
  need(): OpenCorpus;
  /** The current annotator's layer store, or an ApiError('no-annotator'). */
  layer(): LayerStore;
}
