/**
 * Test fixture: the export worker with a fault chosen by the test (`workerData.test.fault`):
 * `start` throws before it opens anything; `exit` exits (code 3) when its second batch arrives;
 * `throw` throws an uncaught error then. Either way that batch is never answered. Otherwise it
 * is the real worker (serveExport).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { serveExport, type ExportWorkerData } from '../../services/formats/export-pool.js';

const fault = (workerData as ExportWorkerData).test?.fault;
if (fault === 'start') throw new Error('cannot load the export module');
let batches = 0;
parentPort!.on('message', (m: object) => {
  if ('recycle' in m) return;
  batches += 1;
  if (batches < 2) return;
  if (fault === 'exit') process.exit(3);
  // Thrown from the listener, before serveExport's own sees the batch: it is never answered.
  if (fault === 'throw') throw new Error('boom in the worker');
});
await serveExport(parentPort!, workerData as ExportWorkerData);
