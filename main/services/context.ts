/** What the handler modules need from the app: the open corpus, its project and the annotator's layer. */
import type { Low } from 'lowdb';
import type { ProjectFile } from '../../shared/model.js';
import type { LayerStore } from './annotations.js';
import type { Corpus } from './corpus.js';

export interface OpenCorpus {
  corpus: Corpus;
  project: Low<ProjectFile>;
  warnings: string[];
}

export interface HandlerContext {
  /** The open corpus, or an ApiError('no-corpus'). */
  need(): OpenCorpus;
  /** The current annotator's layer store, or an ApiError('no-annotator'). */
  layer(): LayerStore;
}
