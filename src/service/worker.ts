import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on a TypeScript module of this project. Node runs TypeScript by
 * stripping its types, in workers as in the main thread, so no loader is involved.
 * @example startWorker(new URL('../document-worker.ts', import.meta.url), { workerData })
 */
export function startWorker(module: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  return new Worker(module, options);
}
