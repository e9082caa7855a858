import path from 'node:path';

/** The persisted index of a corpus, relative to its root (derived data: discarded when unusable). */
export const INDEX_FILE = path.join('.quotebench', 'index.json');
