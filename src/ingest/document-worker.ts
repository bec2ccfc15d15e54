import { parentPort, workerData } from 'node:worker_threads';
import { DocumentError } from '../core/errors.ts';
import { readDocument } from '../core/ingest/formats/detect.ts';
import type { IngestLimits } from '../core/ingest/limits.ts';

/** Reads one document off the main thread; see `readDocumentInWorker`. */
const { bytes, limits } = workerData as { bytes: Uint8Array; limits: IngestLimits };
readDocument(bytes, limits).then(
  (document) => parentPort?.postMessage({ ok: true, document }),
  (error: unknown) =>
    parentPort?.postMessage(
      error instanceof DocumentError
        ? { ok: false, code: error.code, message: error.message }
        : { ok: false, code: 'corrupt', message: 'is damaged: it could not be read' },
    ),
);
