import { parentPort, workerData } from 'node:worker_threads';
import { loadPartsForWorker, type WorkerMessage } from './load.ts';

/** Reads, parses and indexes the data off the thread that answers; see `loadKnowledgeInWorker`. */
const { dataDir, cacheDir, maxFileBytes, databaseUrl, unchangedSince } = workerData as {
  dataDir: string;
  cacheDir?: string;
  maxFileBytes?: number;
  databaseUrl?: string;
  unchangedSince?: string;
};
const post = (message: WorkerMessage, transfer?: ArrayBuffer[]) => parentPort?.postMessage(message, transfer);
loadPartsForWorker(dataDir, {
  ...(cacheDir ? { cacheDir } : {}),
  ...(maxFileBytes ? { maxFileBytes } : {}),
  ...(databaseUrl ? { databaseUrl } : {}),
  ...(unchangedSince ? { unchangedSince } : {}),
  log: (message, level) => post({ log: message, ...(level ? { level } : {}) }),
})
  .then(
    ({ packed, report }) =>
      packed ? post({ parts: packed, report }, packed.transfer) : post({ unchanged: report }),
    (error: unknown) => post({ error: describe(error) }),
  )
  .catch((error: unknown) => {
    // Posting the parts failed (they could not be sent): the reload says why instead of hanging.
    post({ error: `the reload could not send its result: ${describe(error)}` });
  });

function describe(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return error.message || error.name;
  return String(error);
}
