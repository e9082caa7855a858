/**
 * Worker entry for computeAgreement: counts one run of documents and posts the accumulator's
 * state with the documents it left out. An article is read (to re-anchor a layer written on another text) only when needed, so
 * the corpus is opened only then.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { accumulateAgreement, type AgreementWorkerAnswer, type AgreementWorkerData, type SkippedLayer } from './agreement.js';
import { Corpus } from '../corpus/corpus.js';

const data = workerData as AgreementWorkerData;
let corpus: Promise<Corpus> | null = null;
const textOf = async (docId: string) => (await (corpus ??= Corpus.open(data.corpusRoot, data.project.settings.maxFileBytes))).readText(docId, { keep: false });
const skipped: SkippedLayer[] = [];
const acc = await accumulateAgreement(data.corpusRoot, data.annotators, data.project, data.docs, textOf, skipped);
parentPort?.postMessage({ state: acc.state(), skipped } satisfies AgreementWorkerAnswer);
