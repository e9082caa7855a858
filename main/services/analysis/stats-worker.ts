/**
 * Worker entry for computeStats: loads the layer reading modules at once, then counts the run of
 * documents it is sent in every layer and answers the counts.
 */
import { parentPort } from 'node:worker_threads';
import { countLayers, type StatsWorkerTask } from './stats.js';

// Loading annotations.js (lowdb, ajv, the schemas) is most of a worker's start: done before the run arrives.
await import('../store/annotations.js');
parentPort?.once('message', async (task: StatsWorkerTask) => {
  parentPort?.postMessage(await countLayers(task.corpusRoot, task.names, task.schema, task.docIds));
});
