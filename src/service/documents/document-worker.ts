import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { DocumentError } from '../../core/errors.ts';
import { type IngestLimits, tooComplex } from '../../core/ingest/limits.ts';
import { startWorker } from '../worker.ts';
import { type ReadAnswer, type ReaderMessage, type ReadRequest, watchMemory } from './read-document.ts';

// Reads one document for `readDocumentInWorker`, in two parts: the process it starts
// (`serve`), and the worker thread that process starts on this same module (`read`).

const corrupt: ReadAnswer = { ok: false, code: 'corrupt', message: 'is damaged: it could not be read' };
const outOfMemory: ReadAnswer = { ok: false, code: 'too_complex', message: tooComplex };

/**
 * The reading process: takes the document from its parent, reads it in a worker thread
 * (whose heap is capped), and from this main thread, which does nothing else, watches the
 * whole process's memory: past `readMemoryMb` it stops the read, says so, and is gone.
 */
function serve(): void {
  const say = (message: ReaderMessage, then?: () => void) => process.send?.(message, undefined, {}, then);
  // The app is gone (or has stopped the read): nothing is left to do.
  process.on('disconnect', () => process.exit(0));
  process.once('message', ({ bytes, limits }: ReadRequest) => {
    let answered = false;
    const answer = (message: ReadAnswer, then?: () => void) => {
      if (answered) return;
      answered = true;
      stopWatch();
      say(message, then);
    };
    const stopWatch = watchMemory({
      limitBytes: limits.readMemoryMb * 1024 * 1024,
      onOver: () => {
        void worker.terminate();
        // Gone at once once it is said, whatever the reading thread is doing.
        answer(outOfMemory, () => process.kill(process.pid, 'SIGKILL'));
      },
    });
    const worker = startWorker(new URL(import.meta.url), {
      workerData: { bytes, limits } satisfies ReadRequest,
      resourceLimits: { maxOldGenerationSizeMb: limits.workerHeapMb, maxYoungGenerationSizeMb: 64 },
      // pdf.js's warnings about damaged files go nowhere.
      stdout: true,
      stderr: true,
    });
    worker.on('message', (message: ReadAnswer) => answer(message));
    worker.on('error', (error: Error & { code?: string }) =>
      answer(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory : corrupt),
    );
    worker.on('exit', () => answer(corrupt));
  });
  say({ ready: true });
}

/** The reading thread: reads the document and answers with it or with what is wrong with it. */
async function read({ bytes, limits }: { bytes: Uint8Array; limits: IngestLimits }): Promise<void> {
  // Loaded here only: the process's main thread, which only watches, never loads the readers.
  const { readDocument } = await import('../../core/ingest/formats/detect.ts');
  await readDocument(bytes, limits).then(
    (document) => parentPort?.postMessage({ ok: true, document } satisfies ReadAnswer),
    (error: unknown) =>
      parentPort?.postMessage(
        (error instanceof DocumentError
          ? { ok: false, code: error.code, message: error.message }
          : // A structure nested past any reader's stack (200,000 nested tags) is no damage: too complex.
            error instanceof RangeError && /call stack/i.test(error.message)
            ? {
                ok: false,
                code: 'too_complex',
                message: 'is nested far too deeply to read (no statement is): it was not read',
              }
            : corrupt) satisfies ReadAnswer,
      ),
  );
}

if (isMainThread) serve();
else void read(workerData as ReadRequest);
