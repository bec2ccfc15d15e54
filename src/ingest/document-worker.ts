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
        : // A structure nested past any reader's stack (200,000 nested tags) is no damage: too complex.
          error instanceof RangeError && /call stack/i.test(error.message)
          ? {
              ok: false,
              code: 'too_complex',
              message: 'is nested far too deeply to read (no statement is): it was not read',
            }
          : { ok: false, code: 'corrupt', message: 'is damaged: it could not be read' },
    ),
);
