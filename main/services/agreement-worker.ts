/**
 * Worker entry for computeAgreement: counts one run of documents and posts the accumulator's
 * state. An article is read (to re-anchor a layer written on another text) only when needed, so
 * the corpus is opened only then.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { accumulateAgreement, type AgreementWorkerData } from './agreement.js';
import { Corpus } from './corpus.js';

const data = workerData as AgreementWorkerData;
let corpus: Promise<Corpus> | null = null;
const textOf = async (docId: string) => (await (corpus ??= Corpus.open(data.corpusRoot, data.project.settings.maxFileBytes))).readText(docId, { keep: false });
const acc = await accumulateAgreement(data.corpusRoot, data.annotators, data.project, data.docs, textOf);
parentPort?.postMessage(acc.state());
