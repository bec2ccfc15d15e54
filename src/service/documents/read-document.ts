import { fork } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { DocumentError } from '../../core/errors.ts';
import type { SourceDocument } from '../../core/ingest/document.ts';
import { defaultIngestLimits, type IngestLimits, tooComplex, tooLarge } from '../../core/ingest/limits.ts';
import { turns } from './turns.ts';

/** What the reading process answers about one document. */
export type ReadAnswer =
  | { ok: true; document: SourceDocument }
  | { ok: false; code: DocumentError['code']; message: string };

/** What the reading process says: that it is ready for the document, then its answer. */
export type ReaderMessage = { ready: true } | ReadAnswer;

/** The document and the limits the reading process is given. */
export interface ReadRequest {
  bytes: Uint8Array;
  limits: IngestLimits;
}

/** Documents read at once, at most: each reading process may take its whole memory cap, so the host budgets this many times `readMemoryMb`. */
export const concurrentReads = 2;

/** The reads under way and those waiting for a place, in order. */
const reads = turns(concurrentReads);

/** How many documents are being read, and how many wait (tests, and a "yours is next" answer). */
export const documentReads = () => reads.counts();

/** Options of one read. */
export interface ReadDocumentOptions {
  /**
   * Called once, when the read must wait for a place because `concurrentReads` documents
   * are being read already: its place in line, 1 when it is next.
   */
  onQueued?: (position: number) => void;
}

/**
 * Reads an untrusted document in a process of its own, so that a corrupt file, a zip bomb
 * or a pathological PDF can neither stall nor crash the app nor take its memory: the read
 * is stopped past the time limit, past the heap cap, and when the process's whole memory
 * (heap, buffers, decoded streams) grows more than `readMemoryMb`. At most
 * `concurrentReads` at once, the others waiting their turn in order (`onQueued` tells them
 * their place). Rejects with a DocumentError that says what is wrong with the file, or
 * with an Error when the reading process could not be started (no fault of the file's).
 * @example await readDocumentInWorker(bytes, limits, { onQueued: (n) => say(t.queued(n)) })
 */
export async function readDocumentInWorker(
  bytes: Uint8Array,
  limits: IngestLimits = defaultIngestLimits,
  options: ReadDocumentOptions = {},
): Promise<SourceDocument> {
  if (bytes.length > limits.maxFileBytes)
    throw new DocumentError('too_large', tooLarge(bytes.length, limits.maxFileBytes));
  return reads.run(() => readInProcess(bytes, limits), options.onQueued);
}

/** The reading process's module: it reads in a worker thread and watches its own memory. */
const readerModule = fileURLToPath(new URL('./document-worker.ts', import.meta.url));

/**
 * Why a process of its own rather than a worker thread watched from here: a process's
 * memory is the read's alone (two reads at once in one process cannot be told apart, so
 * a bomb could get a sound file stopped), it is watched from a thread that does nothing
 * else (this one may be busy answering), and all of it goes back to the system at the end.
 */
function readInProcess(bytes: Uint8Array, limits: IngestLimits): Promise<SourceDocument> {
  return new Promise((resolve, reject) => {
    const reader = fork(readerModule, [], {
      // Structured clone: the bytes and the document cross as they are, not as JSON.
      serialization: 'advanced',
      // Neither the app's flags (an inspector port, a preloaded module) nor its environment
      // (tokens, database URLs): the process that opens untrusted files holds no secret.
      execArgv: [],
      env: {},
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let started = false;
    // The end of its standard error, to say why it could not start.
    let errors = '';
    reader.stderr?.on('data', (chunk: Buffer) => {
      errors = (errors + chunk.toString()).slice(-2000);
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      reader.kill('SIGKILL');
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
    reader.on('message', (message: ReaderMessage) => {
      if ('ready' in message) {
        started = true;
        reader.send({ bytes, limits } satisfies ReadRequest);
        return;
      }
      settle(() =>
        message.ok ? resolve(message.document) : reject(new DocumentError(message.code, message.message)),
      );
    });
    // It could not be started, or spoken to: no fault of the file's.
    reader.on('error', (error) => settle(() => reject(error)));
    reader.on('exit', (code, signal) =>
      settle(() =>
        reject(
          !started
            ? new Error(
                `the document reader did not start (${signal ?? `exit code ${code}`}): ${errors.trim()}`,
              )
            : // Killed mid-read: by its own memory watch or, past it, by the system for its memory.
              signal === 'SIGKILL'
              ? new DocumentError('too_complex', tooComplex)
              : new DocumentError('corrupt', 'is damaged: it could not be read'),
        ),
      ),
    );
  });
}

/** Options of `watchMemory`. */
export interface MemoryWatch {
  /** How much the process's resident memory may grow over what it was when the watch started, in bytes. */
  limitBytes: number;
  /** Called once, when the memory has grown past the limit: by how much. */
  onOver: (grown: number) => void;
  /** How often the memory is read, in milliseconds (a read may pass the limit by what it allocates meanwhile). */
  everyMs?: number;
  /** The process's resident memory in bytes (tests give their own). */
  rss?: () => number;
}

/**
 * Watches the process's resident memory (everything: heap, buffers, native allocations)
 * and calls `onOver` once it has grown more than `limitBytes` since the watch started.
 * Returns a function that stops the watch.
 * @example const stop = watchMemory({ limitBytes: 768 * 2 ** 20, onOver: () => process.exit(1) })
 */
export function watchMemory({
  limitBytes,
  onOver,
  everyMs = 20,
  rss = process.memoryUsage.rss,
}: MemoryWatch): () => void {
  const start = rss();
  const timer = setInterval(() => {
    const grown = rss() - start;
    if (grown <= limitBytes) return;
    clearInterval(timer);
    onOver(grown);
  }, everyMs);
  return () => clearInterval(timer);
}

/**
 * Reads a document file from disk (its size checked before it is read) in a process of
 * its own, as `readDocumentInWorker` does. Errors name the file.
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
