import { parentPort, workerData } from 'node:worker_threads';
import type { Glossary } from '../../core/glossary.ts';
import { type AlignUnit, alignParagraphs } from '../../core/ingest/align.ts';

/** Aligns two versions off the main thread; see `alignOffThread`. */
const { en, fr, glossary } = workerData as { en: AlignUnit[]; fr: AlignUnit[]; glossary?: Glossary };
try {
  parentPort?.postMessage({ ok: true, beads: alignParagraphs(en, fr, glossary) });
} catch (error) {
  parentPort?.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
}
