import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on a TypeScript module of this project. The module is loaded
 * through tsx's `tsImport`, since the loader flags of the parent process do not carry into
 * workers on Node 20.
 * @example startTsWorker(new URL('./document-worker.ts', import.meta.url), { workerData })
 */
export function startTsWorker(module: URL, options: Omit<WorkerOptions, 'eval' | 'execArgv'> = {}): Worker {
  const manifest = createRequire(import.meta.url).resolve('tsx/package.json');
  const api = JSON.parse(readFileSync(manifest, 'utf8')).exports['./esm/api'].import.default as string;
  const tsx = pathToFileURL(join(dirname(manifest), api)).href;
  const entry = JSON.stringify(module.href);
  const source = `import(${JSON.stringify(tsx)}).then((tsx) => tsx.tsImport(${entry}, ${entry}))`;
  return new Worker(source, { ...options, eval: true, execArgv: [] });
}
