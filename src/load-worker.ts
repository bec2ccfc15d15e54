import { parentPort, workerData } from 'node:worker_threads';
import { loadPartsForWorker } from './knowledge.ts';

/** Reads, parses and indexes the data folder off the thread that answers; see `loadKnowledgeInWorker`. */
const { dataDir, cacheDir, maxFileBytes, databaseUrl } = workerData as {
  dataDir: string;
  cacheDir?: string;
  maxFileBytes?: number;
  databaseUrl?: string;
};
loadPartsForWorker(dataDir, {
  ...(cacheDir ? { cacheDir } : {}),
  ...(maxFileBytes ? { maxFileBytes } : {}),
  ...(databaseUrl ? { databaseUrl } : {}),
  log: (message, level) => parentPort?.postMessage({ log: message, level }),
})
  .then(
    (parts) => parentPort?.postMessage({ parts }, parts.transfer),
    (error: unknown) => parentPort?.postMessage({ error: describe(error) }),
  )
  .catch((error: unknown) => {
    // Posting the parts failed (they could not be sent): the reload says why instead of hanging.
    parentPort?.postMessage({ error: `the reload could not send its result: ${describe(error)}` });
  });

function describe(error: unknown): string {
  if (error instanceof Error || error instanceof DOMException) return error.message || error.name;
  return String(error);
}
