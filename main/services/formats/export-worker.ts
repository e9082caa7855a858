/**
 * The entry of a parallel export's worker thread (ExportPool in export-pool.ts): opens the
 * project, the corpus and the layer read-only once, says it is ready, then formats each batch of
 * document ids it is sent, one after another, answering its output as UTF-8 bytes (moved, not
 * copied), its counts and its problems.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveExport, type ExportWorkerData } from './export-pool.js';

if (parentPort && (workerData as ExportWorkerData | null)?.quotebenchExport) await serveExport(parentPort, workerData as ExportWorkerData);
