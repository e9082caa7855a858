/**
 * What the document list needs of a layer file without parsing it: its size, mtime, span count
 * and status from its first bytes (readLayerHeader).
 */
import fs from 'node:fs';
import type { DocStatus } from '../../../shared/model.js';
import type { LayerEntry } from '../corpus/corpus-index.js';

/** The layer files' current schema version (LAYER_VERSIONING in annotations.ts). */
export const LAYER_VERSION = 1;

/** Span count and status, as the list shows them. */
type LayerSummary = Pick<LayerEntry, 'spanCount' | 'status'>;

/** A layer file as seen: size and mtime, and its header when it has the canonical shape. */
export interface SeenLayer {
  size: number;
  mtimeMs: number;
  header: LayerSummary | null;
}

/** Bytes enough for the header of any layer file in the canonical shape (`"in-progress"`, a nine-digit count). */
const HEADER_BYTES = 128;
/** The canonical start of a layer file, exactly as LAYER_FORMAT writes it at the current version. */
const HEADER = new RegExp(`^\\{\\n  "schemaVersion": ${LAYER_VERSION},\\n  "status": "(todo|in-progress|done)",\\n  "spanCount": (0|[1-9][0-9]{0,8}),\\n  "`);
/** How every file LAYER_FORMAT writes ends (the last key's value closes on its own line, then the object). */
const TRAILER = '\n}\n';

/**
 * Span count and status from the first bytes of a layer file of `size` bytes, when it starts
 * exactly as LAYER_FORMAT writes it and ends as it does; null for anything else (written by hand
 * or by another tool, an older version, a truncated file), whose caller parses the whole file.
 * Display data only: opening a document always reads and checks the whole file.
 */
export function readLayerHeader(file: string, size: number): LayerSummary | null {
  const fd = fs.openSync(file, 'r');
  try {
    return headerAt(fd, size);
  } finally {
    fs.closeSync(fd);
  }
}

/** readLayerHeader on an open file. */
function headerAt(fd: number, size: number): LayerSummary | null {
  if (size < HEADER_BYTES) return null; // a tiny file is parsed whole; a canonical layer is never this small
  const head = Buffer.allocUnsafe(HEADER_BYTES);
  const tail = Buffer.allocUnsafe(TRAILER.length);
  if (fs.readSync(fd, head, 0, HEADER_BYTES, 0) !== HEADER_BYTES) return null;
  if (fs.readSync(fd, tail, 0, TRAILER.length, size - TRAILER.length) !== TRAILER.length) return null;
  if (tail.toString('latin1') !== TRAILER) return null;
  const m = HEADER.exec(head.toString('latin1'));
  return m ? { status: m[1] as DocStatus, spanCount: Number(m[2]) } : null;
}

/**
 * Size, mtime and header of a layer file in one open (no separate stat: the first sight of a
 * file, with nothing in the index to compare); undefined when there is no such file; null as the
 * header of something that is not a regular file.
 */
export function statAndHeader(file: string): SeenLayer | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
    throw error;
  }
  try {
    const st = fs.fstatSync(fd);
    return { size: st.size, mtimeMs: st.mtimeMs, header: st.isFile() ? headerAt(fd, st.size) : null };
  } finally {
    fs.closeSync(fd);
  }
}
