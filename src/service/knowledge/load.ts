import { resolve } from 'node:path';
import { isMarkedAsUntransferable } from 'node:worker_threads';
import type { DataConfig } from '../../config/data-env.ts';
import type { Statement } from '../../core/corpus.ts';
import { parseDataFile } from '../../core/data-file.ts';
import { DataError } from '../../core/errors.ts';
import { GlossaryFile } from '../../core/glossary.ts';
import {
  buildKnowledge,
  buildKnowledgeInSteps,
  buildSearchParts,
  type Knowledge,
} from '../../core/knowledge-base.ts';
import {
  indexDataTransfer,
  loadQuoteIndex,
  loadQuoteIndexInSteps,
  type QuoteIndexData,
  quoteIndexToData,
} from '../../core/search/index.ts';
import { admitStatements, type SkippedFile } from '../../core/statement-rules.ts';
import { ThemesFile } from '../../core/themes/taxonomy.ts';
import type { ArchiveReader } from '../../ports/archive.ts';
import { archiveProblem, databaseReader } from '../archive.ts';
import { startWorker } from '../worker.ts';
import { originOf, readSnapshot, type SnapshotContents, snapshotKeyOf, writeSnapshot } from './snapshot.ts';
import { type DataSources, readSources } from './sources.ts';

export interface LoadOptions {
  /** Where to keep the index snapshot; no snapshot when absent. */
  cacheDir?: string;
  /** Largest statement file read, in bytes (default 5 MB; `STATEMENT_MAX_MB`). */
  maxFileBytes?: number;
  /** Notes for the operator; `warn` for what went wrong (never data). */
  log?: (message: string, level?: 'info' | 'warn') => void;
  /** postgres://…: the statements come from the archive database, not the data folder. */
  databaseUrl?: string;
  /**
   * The stamp of the data last loaded: when the data still has it, nothing is built and the
   * load answers `unchanged` (a change heard twice, by its file and by its signal, reloads once).
   */
  unchangedSince?: string;
}

/** The load options of a configuration: the snapshot folder, the statement file cap, the archive database. */
export const loadOptionsFor = (config: DataConfig): LoadOptions => ({
  ...(config.cacheDir ? { cacheDir: config.cacheDir } : {}),
  maxFileBytes: config.maxStatementBytes,
  ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
});

/** How the last load went, for logs and benchmarks. */
export interface LoadReport {
  /** unchanged: the data still has the stamp `unchangedSince` gave; nothing was built. */
  source: 'snapshot' | 'built' | 'unchanged';
  /** What the data loaded was: the files' identities, or the archive's content hash. */
  stamp?: string;
  ms: number;
  snapshotProblem?: string;
  /** Statement files left out (each breaks a rule), with why. */
  skipped: SkippedFile[];
}

/** The data as read: unchanged since the last load, a snapshot of the very same data, or the statements admitted, to be built. */
type DataRead =
  | { from: 'unchanged'; stamp: string }
  | ({ glossary: GlossaryFile; themes: ThemesFile; stamp: string } & (
      | { from: 'snapshot'; contents: SnapshotContents }
      | {
          from: 'sources';
          statements: Statement[];
          skipped: SkippedFile[];
          snapshotProblem?: string;
          /** Saves what was built as this data's snapshot (when there is a cache folder); never throws. */
          save(contents: () => SnapshotContents): Promise<void>;
        }
    ));

/**
 * Reads the sources, and the snapshot of the very same data when there is one; else
 * validates the statements, leaving out (and logging) any that breaks a rule.
 */
async function readData(dataDir: string, options: LoadOptions): Promise<DataRead> {
  let archive: ArchiveReader | undefined;
  if (options.databaseUrl) {
    try {
      archive = databaseReader(options.databaseUrl);
    } catch (error) {
      throw new DataError('the archive', [archiveProblem(error)]);
    }
  }
  const sources = await readSources(dataDir, {
    ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
    ...(archive ? { archive } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  // The files' identities (no file opened), or the database rows' content.
  const stamp = sources.identities ?? sources.key;
  if (options.unchangedSince === stamp) return { from: 'unchanged', stamp };
  const glossary = sources.glossary
    ? parseDataFile(sources.glossary.source, sources.glossary.file, GlossaryFile)
    : { entries: [] };
  const themes = sources.themes
    ? parseDataFile(sources.themes.source, sources.themes.file, ThemesFile)
    : { themes: [] };
  let snapshotProblem: string | undefined;
  if (options.cacheDir) {
    try {
      // Files whose identities match the snapshot's are not read at all.
      const known = sources.identities
        ? await snapshotKeyOf(options.cacheDir, sources.identities)
        : undefined;
      const contents = await readSnapshot(options.cacheDir, known ?? sources.key);
      if (contents) return { from: 'snapshot', contents, glossary, themes, stamp };
    } catch (error) {
      snapshotProblem = error instanceof Error ? error.message : String(error);
      options.log?.(`index snapshot unusable (${snapshotProblem}): rebuilding it`, 'warn');
    }
  }
  // One statement that breaks a rule is left out and reported; the others answer.
  const { admitted, skipped } = admitStatements(
    sources.statements.map((source) => ({ file: source.file, read: () => source.source })),
    themes,
  );
  for (const { file, problems } of skipped) options.log?.(`${file} skipped: ${problems.join('; ')}`, 'warn');
  return {
    from: 'sources',
    statements: admitted.map((entry) => entry.statement),
    skipped,
    ...(snapshotProblem ? { snapshotProblem } : {}),
    glossary,
    themes,
    stamp,
    save: (contents) => saveSnapshot(dataDir, options, sources, contents),
  };
}

async function saveSnapshot(
  dataDir: string,
  options: LoadOptions,
  sources: DataSources,
  contents: () => SnapshotContents,
) {
  if (!options.cacheDir) return;
  const origin = originOf(
    options.databaseUrl ? { databaseUrl: options.databaseUrl } : { folder: resolve(dataDir) },
  );
  await writeSnapshot(
    options.cacheDir,
    { key: sources.key, ...(sources.identities ? { identities: sources.identities } : {}), origin },
    contents(),
  ).catch((error: unknown) =>
    options.log?.(
      `could not save the index snapshot: ${error instanceof Error ? error.message : String(error)}`,
      'warn',
    ),
  );
}

const reportOf = (read: DataRead, ms: number): LoadReport =>
  read.from === 'unchanged'
    ? { source: 'unchanged', stamp: read.stamp, ms, skipped: [] }
    : read.from === 'snapshot'
      ? { source: 'snapshot', stamp: read.stamp, ms, skipped: read.contents.skipped }
      : {
          source: 'built',
          stamp: read.stamp,
          ms,
          skipped: read.skipped,
          ...(read.snapshotProblem ? { snapshotProblem: read.snapshotProblem } : {}),
        };

/** A load's result: the knowledge, or none when the data is unchanged since `unchangedSince`. */
export type Loaded =
  | { knowledge: Knowledge; report: LoadReport }
  | { knowledge?: undefined; report: LoadReport & { source: 'unchanged' } };

/**
 * Reads and validates every data file under `dataDir` (statements/*.yml, glossary.yml,
 * themes.yml), or the archive database's statements, and builds the search index, or loads
 * it from a snapshot of the very same data. A statement that breaks a rule is left out,
 * logged and reported in `skipped`; a bad glossary or themes file, or no statement folder,
 * throws a DataError naming the file and the place.
 */
export async function loadKnowledge(dataDir: string, options: LoadOptions = {}): Promise<Knowledge> {
  return (await loadKnowledgeWithReport(dataDir, options)).knowledge;
}

/**
 * Reads, validates and indexes the data on this thread, from a snapshot of the very same
 * data when there is one (and saves one when there was none).
 */
export async function loadKnowledgeWithReport(
  dataDir: string,
  options: LoadOptions = {},
): Promise<{ knowledge: Knowledge; report: LoadReport }> {
  const started = performance.now();
  // Loads whatever the stamp: a caller of this one needs a knowledge.
  const { unchangedSince: _, ...always } = options;
  const read = await readData(dataDir, always);
  if (read.from === 'unchanged') throw new Error('unreachable: loaded without a stamp');
  let knowledge: Knowledge;
  if (read.from === 'snapshot') {
    knowledge = knowledgeFromParts({ ...read.contents, glossary: read.glossary, themes: read.themes });
  } else {
    knowledge = buildKnowledge(read.statements, read.glossary, read.themes, { skipped: read.skipped });
    await read.save(() => snapshotContentsOf(knowledge));
  }
  return { knowledge, report: reportOf(read, performance.now() - started) };
}

/** A knowledge as its snapshot keeps it. */
export const snapshotContentsOf = (knowledge: Knowledge): SnapshotContents => ({
  statements: [...knowledge.statements],
  index: quoteIndexToData(knowledge.index),
  tags: [...knowledge.tags] as Array<[string, string[]]>,
  skipped: [...knowledge.skipped],
});

/**
 * Everything a knowledge is made of, as plain data that can cross to another thread:
 * the statements, the serialized index and tags, the glossary and the themes.
 */
export interface KnowledgeParts extends SnapshotContents {
  glossary: GlossaryFile;
  themes: ThemesFile;
}

/** The knowledge of parts made elsewhere (a snapshot, a worker): the index is loaded, not built. */
function knowledgeFromParts(parts: KnowledgeParts): Knowledge {
  return buildKnowledge(parts.statements, parts.glossary, parts.themes, {
    skipped: parts.skipped,
    prebuilt: { index: loadQuoteIndex(parts.index), tags: new Map(parts.tags) },
  });
}

/**
 * For the reload worker: only what it sends, packed. From a snapshot, its parts as read;
 * else the index and tags alone (no glossary, resolver or search tables: the thread that
 * answers assembles those), saved as the snapshot on the way.
 */
export async function loadPartsForWorker(
  dataDir: string,
  options: LoadOptions,
): Promise<{ packed?: PackedParts; report: LoadReport }> {
  const started = performance.now();
  const read = await readData(dataDir, options);
  if (read.from === 'unchanged') return { report: reportOf(read, performance.now() - started) };
  let contents: SnapshotContents;
  if (read.from === 'snapshot') contents = read.contents;
  else {
    const built = buildSearchParts(read.statements, read.themes);
    contents = {
      statements: built.statements,
      index: quoteIndexToData(built.index),
      tags: [...built.tags] as Array<[string, string[]]>,
      skipped: read.skipped,
    };
    await read.save(() => contents);
  }
  return {
    packed: packParts({ ...contents, glossary: read.glossary, themes: read.themes }),
    report: reportOf(read, performance.now() - started),
  };
}

/**
 * Parts as the worker sends them: the index's typed arrays moved (not copied) with the
 * message, the statements as one JSON text each, so that the thread that answers receives
 * them at once and parses them a slice at a time.
 */
export interface PackedParts {
  statements: string[];
  rest: string;
  index: QuoteIndexData;
  transfer: ArrayBuffer[];
}

function packParts(parts: KnowledgeParts): PackedParts {
  const { statements, index, ...rest } = parts;
  const { data, transfer } = indexDataTransfer(index, isMarkedAsUntransferable);
  return {
    statements: statements.map((statement) => JSON.stringify(statement)),
    rest: JSON.stringify(rest),
    index: data,
    transfer,
  };
}

/** Lets the event loop run: between slices of work on the thread that answers. */
const pause = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The knowledge of packed parts, assembled in slices between which answers go on: a
 * reload stalls the thread that answers for one slice at most, not for the whole load.
 */
async function knowledgeFromPacked(packed: PackedParts): Promise<Knowledge> {
  const statements: Statement[] = [];
  for (let i = 0; i < packed.statements.length; i += 200) {
    for (const source of packed.statements.slice(i, i + 200)) statements.push(JSON.parse(source));
    await pause();
  }
  const rest = JSON.parse(packed.rest) as Omit<KnowledgeParts, 'statements' | 'index'>;
  await pause();
  const index = await loadQuoteIndexInSteps(packed.index, pause);
  await pause();
  const tags = new Map(rest.tags);
  await pause();
  return buildKnowledgeInSteps(
    statements,
    rest.glossary,
    rest.themes,
    { prebuilt: { index, tags }, skipped: rest.skipped },
    pause,
  );
}

/** What the reload worker posts back. */
export type WorkerMessage =
  | { log: string; level?: 'info' | 'warn' }
  | { parts: PackedParts; report: LoadReport }
  | { unchanged: LoadReport }
  | { error: string };

/**
 * Loads the knowledge with the reading, parsing and indexing done in a worker thread, so
 * that a reload never stalls answers: the thread that answers only turns the finished
 * parts into a knowledge. Rejects with the data error's message when the data is bad.
 */
export function loadKnowledgeInWorker(
  dataDir: string,
  options?: LoadOptions & { unchangedSince?: undefined },
): Promise<{ knowledge: Knowledge; report: LoadReport }>;
export function loadKnowledgeInWorker(dataDir: string, options: LoadOptions): Promise<Loaded>;
export function loadKnowledgeInWorker(dataDir: string, options: LoadOptions = {}): Promise<Loaded> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const worker = startWorker(new URL('./load-worker.ts', import.meta.url), {
      workerData: {
        dataDir,
        cacheDir: options.cacheDir,
        maxFileBytes: options.maxFileBytes,
        databaseUrl: options.databaseUrl,
        unchangedSince: options.unchangedSince,
      },
    });
    let settled = false;
    worker.on('message', (message: WorkerMessage) => {
      if ('log' in message) {
        options.log?.(message.log, message.level);
        return;
      }
      settled = true;
      void worker.terminate();
      if ('error' in message) reject(new Error(message.error));
      else if ('unchanged' in message)
        resolve({
          report: { ...message.unchanged, source: 'unchanged', ms: performance.now() - started },
        });
      else {
        knowledgeFromPacked(message.parts).then((knowledge) => {
          resolve({ knowledge, report: { ...message.report, ms: performance.now() - started } });
        }, reject);
      }
    });
    worker.on('error', (error) => {
      if (!settled) reject(error);
      settled = true;
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`the reload worker stopped (code ${code})`));
      settled = true;
    });
  });
}
