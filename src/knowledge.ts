import { createHash } from 'node:crypto';
import { type BigIntStats, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { isMarkedAsUntransferable } from 'node:worker_threads';
import { z } from 'zod';
import { readArchiveSources, where } from './adapters/postgres/archive.ts';
import type { DataConfig } from './config/data-env.ts';
import type { Statement } from './core/corpus.ts';
import { parseDataFile } from './core/data-file.ts';
import { DataError } from './core/errors.ts';
import { GlossaryFile } from './core/glossary.ts';
import { buildKnowledge, buildKnowledgeInSteps, type Knowledge } from './core/knowledge-base.ts';
import {
  indexDataTransfer,
  indexVersion,
  loadQuoteIndex,
  loadQuoteIndexInSteps,
  type QuoteIndexData,
  quoteIndexToData,
} from './core/search/index.ts';
import {
  admitStatements,
  checkStatementSize,
  defaultMaxStatementBytes,
  type SkippedFile,
  type StatementRules,
} from './core/statement-rules.ts';
import { ThemesFile } from './core/themes/taxonomy.ts';
import { archiveProblem } from './service/archive.ts';
import { startWorker } from './worker.ts';

export interface LoadOptions {
  /** Where to keep the index snapshot; no snapshot when absent. */
  cacheDir?: string;
  /** Largest statement file read, in bytes (default 5 MB; `STATEMENT_MAX_MB`). */
  maxFileBytes?: number;
  /** Progress and snapshot notes (never data). */
  /** Notes for the operator; `warn` for what went wrong (never data). */
  log?: (message: string, level?: 'info' | 'warn') => void;
  /** postgres://…: the statements come from the archive database, not the data folder. */
  databaseUrl?: string;
}

/**
 * The rules a statement coming in from a terminal is held to: the configuration's cap,
 * and the themes of the data folder (none when it has no themes.yml). Throws a DataError
 * for a themes file that does not load.
 */
export async function statementRulesFor(config: DataConfig): Promise<StatementRules> {
  const file = join(config.dataDir, 'themes.yml');
  let source: string | undefined;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    source = undefined;
  }
  return {
    maxFileBytes: config.maxStatementBytes,
    themes: source === undefined ? { themes: [] } : parseDataFile(source, file, ThemesFile),
  };
}

/** The load options of a configuration: the snapshot folder, the statement file cap, the archive database. */
export const loadOptionsFor = (config: DataConfig): LoadOptions => ({
  ...(config.cacheDir ? { cacheDir: config.cacheDir } : {}),
  maxFileBytes: config.maxStatementBytes,
  ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
});

/**
 * Everything a knowledge is made of, as plain data that can cross to another thread:
 * the statements, the serialized index and tags, the glossary and the themes.
 */
export interface KnowledgeParts {
  statements: Statement[];
  index: QuoteIndexData;
  tags: Array<[string, string[]]>;
  glossary: GlossaryFile;
  themes: ThemesFile;
  report: LoadReport;
}

/** How the last load went, for logs and benchmarks. */
export interface LoadReport {
  source: 'snapshot' | 'built';
  ms: number;
  snapshotProblem?: string;
  /** Statement files left out (each breaks a rule), with why. */
  skipped: SkippedFile[];
}

/** A data file as read from disk, before validation. */
interface SourceFile {
  file: string;
  readonly source: string;
  /** The file as read, for the snapshot key. */
  readonly bytes?: Buffer;
  /** Name, inode, size and modification time: equal identities, unchanged file. */
  identity?: string;
}

/** A data file read on first use (its bytes for the key, its text for parsing). */
function lazySource(file: string, path: string, identity: string): SourceFile {
  let bytes: Buffer | undefined;
  let text: string | undefined;
  return {
    file,
    identity,
    get bytes() {
      bytes ??= readFileSync(path);
      return bytes;
    },
    get source() {
      text ??= this.bytes!.toString('utf8');
      return text;
    },
  };
}

/** A data file over the size cap: never read; reading it throws the size rule's DataError. */
function oversizeSource(file: string, identity: string, size: number, maxFileBytes: number): SourceFile {
  return {
    file,
    identity,
    bytes: Buffer.from(identity),
    get source(): string {
      checkStatementSize(size, file, maxFileBytes);
      return '';
    },
  };
}

interface DataSources {
  statements: SourceFile[];
  glossary?: SourceFile;
  themes?: SourceFile;
  /** A hash of every data file and of the index version: the snapshot's key (reads every file). */
  readonly key: string;
  /** A hash of every data file's identity, read without opening the files; undefined for the archive database. */
  identities?: string;
}

/**
 * Reads and validates every data file under `dataDir` (statements/*.yml, glossary.yml,
 * themes.yml) and builds the search index, or loads it from a snapshot of the very same
 * data. A statement file that breaks a rule is left out, logged and reported in
 * `skipped`; a bad glossary or themes file, or no statement folder, throws a DataError
 * naming the file and the place.
 */
export async function loadKnowledge(dataDir: string, options: LoadOptions = {}): Promise<Knowledge> {
  return (await loadKnowledgeWithReport(dataDir, options)).knowledge;
}

export async function loadKnowledgeWithReport(
  dataDir: string,
  options: LoadOptions = {},
): Promise<{ knowledge: Knowledge; report: LoadReport }> {
  const started = performance.now();
  const parts = await loadKnowledgeParts(dataDir, options, (built) => built);
  return { knowledge: parts.knowledge, report: { ...parts.report, ms: performance.now() - started } };
}

/**
 * Reads, validates and indexes the data folder, from a snapshot of the very same data when
 * there is one. `finish` turns the result into what the caller needs: the knowledge itself
 * on the thread that answers, or its parts as plain data in a worker.
 */
async function loadKnowledgeParts<T>(
  dataDir: string,
  options: LoadOptions,
  finish: (built: { knowledge: Knowledge; report: LoadReport; parts: () => KnowledgeParts }) => T,
): Promise<T> {
  const started = performance.now();
  const sources = await readSources(dataDir, options);
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
      const snapshot = await readSnapshot(options.cacheDir, known ?? sources.key);
      if (snapshot) {
        const parts: KnowledgeParts = {
          ...snapshot,
          glossary,
          themes,
          report: { source: 'snapshot', ms: performance.now() - started, skipped: snapshot.skipped },
        };
        return finish({ knowledge: knowledgeFromParts(parts), report: parts.report, parts: () => parts });
      }
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
  const knowledge = buildKnowledge(
    admitted.map((entry) => entry.statement),
    glossary,
    themes,
    { skipped },
  );
  if (options.cacheDir) {
    await writeSnapshot(
      options.cacheDir,
      sources.key,
      knowledge,
      sources.identities,
      originOf(dataDir, options),
    ).catch((error: unknown) =>
      options.log?.(
        `could not save the index snapshot: ${error instanceof Error ? error.message : String(error)}`,
        'warn',
      ),
    );
  }
  const report: LoadReport = { source: 'built', ms: performance.now() - started, skipped };
  if (snapshotProblem) report.snapshotProblem = snapshotProblem;
  return finish({
    knowledge,
    report,
    parts: () => ({
      statements: [...knowledge.statements],
      index: quoteIndexToData(knowledge.index),
      tags: [...knowledge.tags] as Array<[string, string[]]>,
      glossary,
      themes,
      report,
    }),
  });
}

/** The knowledge of parts made elsewhere (a snapshot, a worker): the index is loaded, not built. */
export function knowledgeFromParts(parts: KnowledgeParts): Knowledge {
  return buildKnowledge(parts.statements, parts.glossary, parts.themes, {
    skipped: parts.report.skipped,
    prebuilt: { index: loadQuoteIndex(parts.index), tags: new Map(parts.tags) },
  });
}

/** For the reload worker: the parts of the knowledge, packed to be sent back to the thread that answers. */
export const loadPartsForWorker = (dataDir: string, options: LoadOptions) =>
  loadKnowledgeParts(dataDir, options, (built) => packParts(built.parts()));

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

export function packParts(parts: KnowledgeParts): PackedParts {
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
export async function knowledgeFromPacked(
  packed: PackedParts,
): Promise<{ knowledge: Knowledge; report: LoadReport }> {
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
  const knowledge = await buildKnowledgeInSteps(
    statements,
    rest.glossary,
    rest.themes,
    { prebuilt: { index, tags }, skipped: rest.report.skipped },
    pause,
  );
  return { knowledge, report: rest.report };
}

/**
 * Loads the knowledge with the reading, parsing and indexing done in a worker thread, so
 * that a reload never stalls answers: the thread that answers only turns the finished
 * parts into a knowledge. Rejects with the data error's message when the data is bad.
 */
export function loadKnowledgeInWorker(
  dataDir: string,
  options: LoadOptions = {},
): Promise<{ knowledge: Knowledge; report: LoadReport }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const worker = startWorker(new URL('./load-worker.ts', import.meta.url), {
      workerData: {
        dataDir,
        cacheDir: options.cacheDir,
        maxFileBytes: options.maxFileBytes,
        databaseUrl: options.databaseUrl,
      },
    });
    let settled = false;
    type Message = { log: string; level?: 'info' | 'warn' } | { parts: PackedParts } | { error: string };
    worker.on('message', (message: Message) => {
      if ('log' in message) {
        options.log?.(message.log, message.level);
        return;
      }
      settled = true;
      void worker.terminate();
      if ('error' in message) reject(new Error(message.error));
      else {
        knowledgeFromPacked(message.parts).then(({ knowledge, report }) => {
          resolve({ knowledge, report: { ...report, ms: performance.now() - started } });
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

export async function readSources(dataDir: string, options: LoadOptions = {}): Promise<DataSources> {
  const folder = join(dataDir, 'statements');
  const maxFileBytes = options.maxFileBytes ?? defaultMaxStatementBytes;
  let names: string[] = [];
  let root: string;
  try {
    root = await realpath(dataDir);
    if (!options.databaseUrl) names = (await readdir(folder)).filter((name) => /\.ya?ml$/i.test(name)).sort();
  } catch {
    throw new DataError(folder, ['folder not found: create it and put one .yml file per statement in it']);
  }
  // Files are read one after the other with the synchronous calls: at 10,000 statements,
  // as many promises at once spend more in the thread pool than in reading (1.3 s against
  // 0.4 s). Loads run at start or in the reload worker, never on a thread that answers.
  const insideRoot = (real: string) => real === root || real.startsWith(`${root}${sep}`);
  const folderInside = new Map<string, boolean>();
  /** Reads a data file that is inside the data folder (links resolved) and within the size cap. */
  const readInside = (file: string): SourceFile | undefined => {
    let info: BigIntStats;
    try {
      info = lstatSync(file, { bigint: true });
    } catch {
      return undefined;
    }
    // A plain file is where its folder is; only a link needs resolving.
    let inside: boolean;
    if (info.isSymbolicLink()) {
      try {
        inside = insideRoot(realpathSync.native(file));
        info = statSync(file, { bigint: true });
      } catch {
        return undefined;
      }
    } else {
      const parent = dirname(file);
      inside = folderInside.get(parent) ?? insideRoot(realpathSync.native(parent));
      folderInside.set(parent, inside);
    }
    if (!inside) {
      options.log?.(`${displayPath(file)} ignored: it points outside the data folder`, 'warn');
      return undefined;
    }
    if (!info.isFile()) return undefined;
    const size = Number(info.size);
    // Read only if the snapshot's identities do not match: then hashed as bytes, and
    // decoded only if the snapshot cannot be used at all.
    const identity = [displayPath(file), info.dev, info.ino, info.size, info.mtimeNs, info.ctimeNs].join(':');
    // One over the cap is never read: its identity stands for its bytes, and reading it is the size rule's refusal.
    if (size > maxFileBytes) return oversizeSource(displayPath(file), identity, size, maxFileBytes);
    return lazySource(displayPath(file), file, identity);
  };
  const statements = options.databaseUrl
    ? await readDatabaseStatements(options.databaseUrl, maxFileBytes)
    : names
        .map((name) => readInside(join(folder, name)))
        .filter((file): file is SourceFile => file !== undefined);
  // An archive database may be empty (a deployment's first start: answers say how to fill
  // it); a folder without statements is more likely the wrong DATA_DIR, and is refused.
  if (statements.length === 0 && !options.databaseUrl)
    throw new DataError(folder, ['no statement files (*.yml) in this folder']);
  const optional = (name: string) => readInside(join(dataDir, name));
  const glossary = await optional('glossary.yml');
  const themes = await optional('themes.yml');
  const parts = [...statements, glossary, themes];
  let key: string | undefined;
  const sources: DataSources = {
    statements,
    get key() {
      if (key === undefined) {
        const hash = createHash('sha256').update(indexVersion);
        for (const part of parts) {
          hash
            .update('\u0000')
            .update(part?.file ?? '-')
            .update('\u0000')
            .update(part?.bytes ?? part?.source ?? '');
        }
        key = hash.digest('hex').slice(0, 32);
      }
      return key;
    },
  };
  if (!options.databaseUrl) {
    const hash = createHash('sha256').update(indexVersion);
    for (const part of parts) hash.update('\u0000').update(part?.identity ?? '-');
    sources.identities = hash.digest('hex').slice(0, 32);
  }
  if (glossary) sources.glossary = glossary;
  if (themes) sources.themes = themes;
  return sources;
}

/** The statements of the archive database, each named for errors as "archive database: ID". */
async function readDatabaseStatements(url: string, maxFileBytes: number): Promise<SourceFile[]> {
  try {
    return (await readArchiveSources(url)).map(({ id, source }) => ({
      file: where(id),
      get source() {
        checkStatementSize(Buffer.byteLength(source, 'utf8'), where(id), maxFileBytes);
        return source;
      },
      bytes: Buffer.from(source),
    }));
  } catch (error) {
    throw new DataError('the archive', [archiveProblem(error)]);
  }
}

const SnapshotMeta = z.strictObject({
  format: z.literal(2),
  key: z.string(),
  /** The data files' identities when it was made (name, inode, size, times). */
  identities: z.string().optional(),
  /** Where its data came from (a hash of the data folder or the archive database): snapshots of others are left alone. */
  origin: z.string().optional(),
  statements: z.number().int().nonnegative(),
  paragraphs: z.number().int().nonnegative(),
  /** Statement files this data leaves out, with why. */
  skipped: z.array(z.strictObject({ file: z.string(), problems: z.array(z.string()) })).default([]),
});

/**
 * The snapshot of `key`, or undefined when there is none; throws when it exists but is
 * unusable. Its index is typed arrays in V8's serialization, read back without parsing.
 */
async function readSnapshot(cacheDir: string, key: string) {
  const dir = join(cacheDir, key);
  let metaSource: string;
  try {
    metaSource = await readFile(join(dir, 'meta.json'), 'utf8');
  } catch {
    return undefined;
  }
  const meta = SnapshotMeta.parse(JSON.parse(metaSource));
  if (meta.key !== key) throw new Error('snapshot key mismatch');
  // Read whole, at once: decoding 60 MB in chunks as a stream would cost twice as much.
  const statements = JSON.parse(readFileSync(join(dir, 'statements.json'), 'utf8')) as Statement[];
  const { index, tags } = deserialize(readFileSync(join(dir, 'index.bin'))) as {
    index: QuoteIndexData;
    tags: Array<[string, string[]]>;
  };
  if (!Array.isArray(statements) || statements.length !== meta.statements)
    throw new Error('statements do not match');
  const paragraphs = statements.reduce((sum, statement) => sum + statement.paragraphs.length, 0);
  if (
    paragraphs !== meta.paragraphs ||
    tags?.length !== paragraphs ||
    typeof index?.ids !== 'string' ||
    index.fr?.field?.length !== paragraphs ||
    index.en?.field?.length !== paragraphs
  )
    throw new Error('paragraphs do not match');
  if (!(index.fr?.docs instanceof Uint32Array) || !(index.en?.docs instanceof Uint32Array))
    throw new Error('unknown index format');
  return { statements, index, tags, skipped: meta.skipped };
}

/** The key of the snapshot made from files of these identities, if there is one. */
async function snapshotKeyOf(cacheDir: string, identities: string): Promise<string | undefined> {
  let names: string[];
  try {
    names = await readdir(cacheDir);
  } catch {
    return undefined;
  }
  for (const name of names) {
    if (name.startsWith('.tmp-')) continue;
    try {
      const meta = SnapshotMeta.parse(JSON.parse(await readFile(join(cacheDir, name, 'meta.json'), 'utf8')));
      if (meta.identities === identities && meta.key === name) return meta.key;
    } catch {
      // Not a snapshot, or an unreadable one: the content key decides.
    }
  }
  return undefined;
}

/** Saves the snapshot atomically (a temporary folder, then a rename), and drops older ones. */
export async function writeSnapshot(
  cacheDir: string,
  key: string,
  knowledge: Knowledge,
  identities?: string,
  origin?: string,
) {
  await mkdir(cacheDir, { recursive: true });
  const temporary = join(cacheDir, `.tmp-${key}-${process.pid}-${Date.now()}`);
  await mkdir(temporary);
  const statements = [...knowledge.statements];
  const meta = {
    format: 2,
    key,
    ...(identities ? { identities } : {}),
    ...(origin ? { origin } : {}),
    statements: statements.length,
    paragraphs: knowledge.paragraphs.size,
    skipped: knowledge.skipped,
  };
  await writeFile(join(temporary, 'statements.json'), JSON.stringify(statements));
  await writeFile(
    join(temporary, 'index.bin'),
    serialize({ index: quoteIndexToData(knowledge.index), tags: [...knowledge.tags] }),
  );
  await writeFile(join(temporary, 'meta.json'), JSON.stringify(meta));
  const target = join(cacheDir, key);
  await rm(target, { recursive: true, force: true });
  await rename(temporary, target);
  await pruneSnapshots(cacheDir, key, origin);
}

/**
 * Where a load's data comes from, as a short hash (never the URL itself): instances that
 * share a cache folder but not their data prune only their own snapshots.
 */
export const originOf = (dataDir: string, options: LoadOptions) =>
  createHash('sha256')
    .update(options.databaseUrl ? `database:${options.databaseUrl}` : `folder:${resolve(dataDir)}`)
    .digest('hex')
    .slice(0, 16);

/** Snapshots kept besides the newest: an undone change, or another instance's data, loads from its own. */
const snapshotsKept = 3;

/**
 * Drops all but the newest snapshots of this origin (by the time they were written); never
 * the one just written, and never another origin's (another instance's data in a shared cache).
 */
async function pruneSnapshots(cacheDir: string, key: string, origin?: string) {
  const own: Array<{ name: string; at: number }> = [];
  for (const name of await readdir(cacheDir)) {
    if (name === key || name.startsWith('.tmp-')) continue;
    let theirs: string | undefined;
    try {
      theirs = SnapshotMeta.safeParse(JSON.parse(await readFile(join(cacheDir, name, 'meta.json'), 'utf8')))
        .data?.origin;
    } catch {
      // Not a snapshot that says where it came from: an older release's, pruned as before.
    }
    if (origin && theirs && theirs !== origin) continue;
    const at = await stat(join(cacheDir, name)).then(
      (info) => info.mtimeMs,
      () => 0,
    );
    own.push({ name, at });
  }
  own.sort((a, b) => b.at - a.at);
  for (const { name } of own.slice(snapshotsKept - 1))
    await rm(join(cacheDir, name), { recursive: true, force: true });
}

const displayPath = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
};
