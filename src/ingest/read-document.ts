import { readFile, stat } from 'node:fs/promises';
import { DocumentError } from '../core/errors.ts';
import type { SourceDocument } from '../core/ingest/document.ts';
import { defaultIngestLimits, type IngestLimits, tooLarge } from '../core/ingest/limits.ts';
import { startWorker } from '../worker.ts';

type WorkerAnswer =
  | { ok: true; document: SourceDocument }
  | { ok: false; code: DocumentError['code']; message: string };

/** Documents read at once, at most: each worker may take its whole heap cap, so a few editors at once cannot exhaust the host. */
export const concurrentReads = 2;

/** The reads under way and those waiting for a place, in order. */
const reads = { running: 0, waiting: [] as Array<() => void> };

/** How many documents are being read, and how many wait (tests, and a "yours is next" answer). */
export const documentReads = () => ({ running: reads.running, waiting: reads.waiting.length });

/**
 * Reads an untrusted document in a worker thread, with a heap cap and a time limit, so
 * that a corrupt file, a zip bomb or a pathological PDF can neither stall nor crash the
 * process; at most `concurrentReads` at once, the others waiting their turn in order.
 * Rejects with a DocumentError that says what is wrong.
 */
export async function readDocumentInWorker(
  bytes: Uint8Array,
  limits: IngestLimits = defaultIngestLimits,
): Promise<SourceDocument> {
  if (bytes.length > limits.maxFileBytes)
    throw new DocumentError('too_large', tooLarge(bytes.length, limits.maxFileBytes));
  if (reads.running >= concurrentReads) await new Promise<void>((resume) => reads.waiting.push(resume));
  reads.running += 1;
  try {
    return await readInWorker(bytes, limits);
  } finally {
    reads.running -= 1;
    reads.waiting.shift()?.();
  }
}

function readInWorker(bytes: Uint8Array, limits: IngestLimits): Promise<SourceDocument> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(new URL('./document-worker.ts', import.meta.url), {
      workerData: { bytes, limits },
      resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: 64 },
      stdout: true,
      stderr: true,
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(
            new DocumentError(
              'timeout',
              `took longer than ${limits.timeoutMs / 1000} s to read: it may be damaged`,
            ),
          ),
        ),
      limits.timeoutMs,
    );
    worker.on('message', (answer: WorkerAnswer) =>
      settle(() =>
        answer.ok ? resolve(answer.document) : reject(new DocumentError(answer.code, answer.message)),
      ),
    );
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new DocumentError(
                'too_complex',
                'needed more memory to read than any statement does (far too deep or too large once opened): it was not read',
              )
            : new DocumentError('corrupt', 'is damaged: it could not be read'),
        ),
      ),
    );
    worker.on('exit', () =>
      settle(() => reject(new DocumentError('corrupt', 'is damaged: it could not be read'))),
    );
  });
}

/**
 * Reads a document file from disk (its size checked before it is read) in a worker.
 * Errors name the file.
 */
export async function readDocumentFile(
  file: string,
  limits: IngestLimits = defaultIngestLimits,
): Promise<SourceDocument> {
  let size: number;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    size = info.size;
  } catch {
    throw new DocumentError('empty', `${file}: cannot read this file: check the path`);
  }
  if (size > limits.maxFileBytes)
    throw new DocumentError('too_large', `${file}: ${tooLarge(size, limits.maxFileBytes)}`);
  try {
    return await readDocumentInWorker(new Uint8Array(await readFile(file)), limits);
  } catch (error) {
    if (error instanceof DocumentError) throw new DocumentError(error.code, `${file}: ${error.message}`);
    throw error;
  }
}
