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
  log: (message) => parentPort?.postMessage({ log: message }),
}).then(
  (parts) => parentPort?.postMessage({ parts }, parts.transfer),
  (error: unknown) =>
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }),
);
