import type { Glossary } from '../../core/glossary.ts';
import type { AlignUnit, Bead } from '../../core/ingest/align.ts';
import { assertAlignable } from '../../core/ingest/build-statement.ts';
import { startWorker } from '../worker.ts';
import { turns } from './turns.ts';

/** How long an alignment may take, and the heap its worker may use. */
export interface AlignLimits {
  /** Milliseconds before the worker is stopped: the largest statements align in a few seconds. */
  timeoutMs: number;
  /** Heap of the worker, in megabytes (the table itself lives in typed arrays, outside it). */
  workerHeapMb: number;
}

export const defaultAlignLimits: AlignLimits = { timeoutMs: 30_000, workerHeapMb: 256 };

/** The smallest heap a worker is given, whatever the limits say (5,000 paragraphs a side need about 32 MB). */
const minimumHeapMb = 8;

/** Why an alignment off the main thread gave no beads (versions over the limit are an IngestError instead). */
export type AlignmentProblem = 'timeout' | 'too_complex' | 'failed';

export class AlignmentError extends Error {
  override readonly name = 'AlignmentError';
  readonly code: AlignmentProblem;
  constructor(code: AlignmentProblem, message: string) {
    super(message);
    this.code = code;
  }
}

type WorkerAnswer = { ok: true; beads: Bead[] } | { ok: false; message: string };

/** Alignments run at once, at most: the others wait their turn, so a few editors at once cannot exhaust the host. */
export const concurrentAlignments = 2;

const alignments = turns(concurrentAlignments);

/** How many alignments run off the main thread, and how many wait for a place. */
export const alignmentsUnderWay = () => alignments.counts();

/**
 * Aligns the paragraphs of two versions (as `alignParagraphs` does, with the same beads)
 * in a worker thread, with a heap cap and a time limit, so that the thread answering
 * Slack never waits on it. Versions over `maxAlignedParagraphs` are refused at once with
 * an IngestError (`too_many_paragraphs`), no worker started; a worker that fails, runs
 * out of memory or out of time rejects with an AlignmentError. At most
 * `concurrentAlignments` run at once.
 * @example const beads = await alignOffThread(['Thank you.'], ['Merci.']);
 */
export async function alignOffThread(
  en: AlignUnit[],
  fr: AlignUnit[],
  glossary?: Glossary,
  limits: AlignLimits = defaultAlignLimits,
): Promise<Bead[]> {
  assertAlignable(en.length, fr.length);
  return alignments.run(() => alignInWorker(en, fr, glossary, limits));
}

function alignInWorker(
  en: AlignUnit[],
  fr: AlignUnit[],
  glossary: Glossary | undefined,
  limits: AlignLimits,
): Promise<Bead[]> {
  return new Promise((resolve, reject) => {
    // Only plain data crosses to the worker: the glossary's map of terms (a Map clones) and its longest key.
    const terms = glossary ? { byKey: glossary.byKey, longestKey: glossary.longestKey } : undefined;
    let worker: ReturnType<typeof startWorker>;
    try {
      worker = startWorker(new URL('./align-worker.ts', import.meta.url), {
        workerData: { en, fr, glossary: terms },
        resourceLimits: {
          // Below a few megabytes V8 cannot even start the worker, and aborts the whole process.
          maxOldGenerationSizeMb: Math.max(minimumHeapMb, limits.workerHeapMb),
          maxYoungGenerationSizeMb: 64,
        },
        stdout: true,
        stderr: true,
      });
    } catch {
      reject(new AlignmentError('failed', 'the paragraphs could not be handed to the alignment'));
      return;
    }
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
            new AlignmentError(
              'timeout',
              `aligning ${en.length} English and ${fr.length} French paragraphs took longer than ${limits.timeoutMs / 1000} s: it was stopped`,
            ),
          ),
        ),
      limits.timeoutMs,
    );
    worker.on('message', (answer: WorkerAnswer) =>
      settle(() =>
        answer.ok
          ? resolve(answer.beads)
          : reject(new AlignmentError('failed', `the alignment failed: ${answer.message}`)),
      ),
    );
    worker.on('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AlignmentError(
                'too_complex',
                `aligning ${en.length} English and ${fr.length} French paragraphs needed more memory than allowed: it was stopped`,
              )
            : new AlignmentError('failed', 'the alignment failed'),
        ),
      ),
    );
    worker.on('exit', () =>
      settle(() => reject(new AlignmentError('failed', 'the alignment stopped early'))),
    );
  });
}
