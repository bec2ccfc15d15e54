import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { z } from 'zod';
import type { Statement } from './core/corpus';
import { parseDataFile, parseStatementFile } from './core/data-file';
import { DataError } from './core/errors';
import { GlossaryFile } from './core/glossary';
import { buildKnowledge, type Knowledge } from './core/knowledge-base';
import {
  indexVersion,
  loadQuoteIndex,
  type QuoteIndexJSON,
  quoteIndexToJSON,
} from './core/search/quote-index';
import { ThemesFile } from './core/themes/taxonomy';

/** The data folder: `DATA_DIR`, or `data` when unset or empty. */
export const dataDirFrom = (env: NodeJS.ProcessEnv = process.env) =>
  env.DATA_DIR?.trim() ? env.DATA_DIR.trim() : 'data';

/** The snapshot folder: `INDEX_CACHE_DIR`, `.cache/index` when unset, none when "off". */
export const cacheDirFrom = (env: NodeJS.ProcessEnv = process.env) => {
  const value = env.INDEX_CACHE_DIR?.trim();
  if (value === 'off') return undefined;
  return value || join('.cache', 'index');
};

export interface LoadOptions {
  /** Where to keep the index snapshot; no snapshot when absent. */
  cacheDir?: string;
  /** Progress and snapshot notes (never data). */
  log?: (message: string) => void;
}

/** How the last load went, for logs and benchmarks. */
export interface LoadReport {
  source: 'snapshot' | 'built';
  ms: number;
  snapshotProblem?: string;
}

/** A data file as read from disk, before validation. */
interface SourceFile {
  file: string;
  source: string;
}

interface DataSources {
  statements: SourceFile[];
  glossary?: SourceFile;
  themes?: SourceFile;
  /** A hash of every data file and of the index version: the snapshot's key. */
  key: string;
}

/**
 * Reads and validates every data file under `dataDir` (statements/*.yml, glossary.yml,
 * themes.yml) and builds the search index, or loads it from a snapshot of the very same
 * data. Throws a DataError naming the file and the place.
 */
export async function loadKnowledge(dataDir: string, options: LoadOptions = {}): Promise<Knowledge> {
  return (await loadKnowledgeWithReport(dataDir, options)).knowledge;
}

export async function loadKnowledgeWithReport(
  dataDir: string,
  options: LoadOptions = {},
): Promise<{ knowledge: Knowledge; report: LoadReport }> {
  const started = performance.now();
  const sources = await readSources(dataDir);
  const glossary = sources.glossary
    ? parseDataFile(sources.glossary.source, sources.glossary.file, GlossaryFile)
    : { entries: [] };
  const themes = sources.themes
    ? parseDataFile(sources.themes.source, sources.themes.file, ThemesFile)
    : { themes: [] };
  let snapshotProblem: string | undefined;
  if (options.cacheDir) {
    try {
      const snapshot = await readSnapshot(options.cacheDir, sources.key);
      if (snapshot) {
        const knowledge = buildKnowledge(snapshot.statements, glossary, themes, {
          prebuilt: { index: loadQuoteIndex(snapshot.index), tags: new Map(snapshot.tags) },
        });
        return { knowledge, report: { source: 'snapshot', ms: performance.now() - started } };
      }
    } catch (error) {
      snapshotProblem = error instanceof Error ? error.message : String(error);
      options.log?.(`index snapshot unusable (${snapshotProblem}): rebuilding it`);
    }
  }
  const files = sources.statements.map(({ file, source }) => ({
    file,
    statement: parseStatementFile(source, file),
  }));
  checkUniqueIds(files);
  checkThemeReferences(files, themes);
  const knowledge = buildKnowledge(
    files.map((entry) => entry.statement),
    glossary,
    themes,
  );
  if (options.cacheDir) {
    await writeSnapshot(options.cacheDir, sources.key, knowledge).catch((error: unknown) =>
      options.log?.(
        `could not save the index snapshot: ${error instanceof Error ? error.message : String(error)}`,
      ),
    );
  }
  const report: LoadReport = { source: 'built', ms: performance.now() - started };
  if (snapshotProblem) report.snapshotProblem = snapshotProblem;
  return { knowledge, report };
}

export async function readSources(dataDir: string): Promise<DataSources> {
  const folder = join(dataDir, 'statements');
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => /\.ya?ml$/i.test(name)).sort();
  } catch {
    throw new DataError(folder, ['folder not found: create it and put one .yml file per statement in it']);
  }
  if (names.length === 0) throw new DataError(folder, ['no statement files (*.yml) in this folder']);
  const statements = await Promise.all(
    names.map(async (name) => {
      const file = join(folder, name);
      return { file: displayPath(file), source: await readFile(file, 'utf8') };
    }),
  );
  const optional = async (name: string): Promise<SourceFile | undefined> => {
    const file = join(dataDir, name);
    try {
      return { file: displayPath(file), source: await readFile(file, 'utf8') };
    } catch {
      return undefined;
    }
  };
  const glossary = await optional('glossary.yml');
  const themes = await optional('themes.yml');
  const hash = createHash('sha256').update(indexVersion);
  for (const part of [...statements, glossary, themes]) {
    hash
      .update('\u0000')
      .update(part?.file ?? '-')
      .update('\u0000')
      .update(part?.source ?? '');
  }
  const sources: DataSources = { statements, key: hash.digest('hex').slice(0, 32) };
  if (glossary) sources.glossary = glossary;
  if (themes) sources.themes = themes;
  return sources;
}

/** A validated statement and the file it came from. */
export interface StatementFile {
  statement: Statement;
  file: string;
}

function checkUniqueIds(files: readonly StatementFile[]) {
  const ids = new Map<string, string>();
  for (const { statement, file } of files) {
    const other = ids.get(statement.id);
    if (other) throw new DataError(file, [`id: "${statement.id}" is already used by ${other}`]);
    ids.set(statement.id, file);
  }
}

/** Hand-set themes and curated summaries must name themes that exist. */
function checkThemeReferences(files: readonly StatementFile[], themes: ThemesFile) {
  const known = new Set(themes.themes.map((theme) => theme.id));
  const list = [...known].join(', ') || '(none: data/themes.yml is missing)';
  for (const { statement, file } of files) {
    const problems: string[] = [];
    statement.paragraphs.forEach((paragraph, index) => {
      for (const id of paragraph.themes ?? []) {
        if (!known.has(id)) {
          problems.push(
            `paragraphs[${index}] (¶${paragraph.n}).themes: unknown theme "${id}"; known themes: ${list}`,
          );
        }
      }
    });
    for (const id of Object.keys(statement.summaries ?? {})) {
      if (!known.has(id)) problems.push(`summaries.${id}: unknown theme "${id}"; known themes: ${list}`);
    }
    if (problems.length > 0) throw new DataError(file, problems);
  }
}

const SnapshotMeta = z.strictObject({
  format: z.literal(1),
  key: z.string(),
  statements: z.number().int().nonnegative(),
  paragraphs: z.number().int().nonnegative(),
});

/** The snapshot of `key`, or undefined when there is none; throws when it exists but is unusable. */
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
  const [statements, fr, en, extra] = await Promise.all(
    ['statements.json', 'index-fr.json', 'index-en.json', 'extra.json'].map(async (name) =>
      JSON.parse(await readFile(join(dir, name), 'utf8')),
    ),
  );
  if (!Array.isArray(statements) || statements.length !== meta.statements)
    throw new Error('statements do not match');
  const paragraphs = (statements as Statement[]).reduce(
    (sum, statement) => sum + statement.paragraphs.length,
    0,
  );
  if (paragraphs !== meta.paragraphs || extra?.tags?.length !== paragraphs)
    throw new Error('paragraphs do not match');
  if (fr?.serializationVersion !== 2 || en?.serializationVersion !== 2)
    throw new Error('unknown index format');
  return {
    statements: statements as Statement[],
    index: { fr, en, words: extra.words } as QuoteIndexJSON,
    tags: extra.tags as Array<[string, string[]]>,
  };
}

/** Saves the snapshot atomically (a temporary folder, then a rename), and drops older ones. */
export async function writeSnapshot(cacheDir: string, key: string, knowledge: Knowledge) {
  await mkdir(cacheDir, { recursive: true });
  const temporary = join(cacheDir, `.tmp-${key}-${process.pid}-${Date.now()}`);
  await mkdir(temporary);
  const index = quoteIndexToJSON(knowledge.index);
  const statements = [...knowledge.statements];
  const meta = { format: 1, key, statements: statements.length, paragraphs: knowledge.paragraphs.size };
  await writeFile(join(temporary, 'statements.json'), JSON.stringify(statements));
  await writeFile(join(temporary, 'index-fr.json'), JSON.stringify(index.fr));
  await writeFile(join(temporary, 'index-en.json'), JSON.stringify(index.en));
  await writeFile(
    join(temporary, 'extra.json'),
    JSON.stringify({ words: index.words, tags: [...knowledge.tags] }),
  );
  await writeFile(join(temporary, 'meta.json'), JSON.stringify(meta));
  const target = join(cacheDir, key);
  await rm(target, { recursive: true, force: true });
  await rename(temporary, target);
  for (const name of await readdir(cacheDir)) {
    if (name !== key && !name.startsWith('.tmp-'))
      await rm(join(cacheDir, name), { recursive: true, force: true });
  }
}

const displayPath = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
};
