import { createHash } from 'node:crypto';
import { type BigIntStats, lstatSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { readdir, readFile, realpath } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import type { DataConfig } from '../../config/data-env.ts';
import { parseDataFile } from '../../core/data-file.ts';
import { DataError } from '../../core/errors.ts';
import { indexVersion } from '../../core/search/index.ts';
import {
  checkStatementSize,
  defaultMaxStatementBytes,
  type StatementRules,
} from '../../core/statement-rules.ts';
import { ThemesFile } from '../../core/themes/taxonomy.ts';
import type { ArchiveReader } from '../../ports/archive.ts';
import { archiveProblem } from '../archive.ts';

/**
 * Where a load's data comes from: the data folder's files (statements/*.yml, glossary.yml,
 * themes.yml), or, for the statements, the archive port when the archive is a database.
 * Nothing here parses a statement: the sources are text, read on first use.
 */

/** A data file as read, before validation. */
export interface SourceFile {
  file: string;
  readonly source: string;
  /** The file as read, for the snapshot key. */
  readonly bytes?: Buffer;
  /** Name, inode, size and modification time: equal identities, unchanged file. */
  identity?: string;
}

export interface DataSources {
  statements: SourceFile[];
  glossary?: SourceFile;
  themes?: SourceFile;
  /** A hash of every data file and of the index version: the snapshot's key (reads every file). */
  readonly key: string;
  /** A hash of every data file's identity, read without opening the files; undefined for an archive database. */
  identities?: string;
}

export interface SourceOptions {
  /** Largest statement read, in bytes (default 5 MB; `STATEMENT_MAX_MB`). */
  maxFileBytes?: number;
  /** The statements come from this archive (the database), not from the data folder's files. */
  archive?: ArchiveReader;
  /** Notes for the operator; `warn` for what went wrong (never data). */
  log?: (message: string, level?: 'info' | 'warn') => void;
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

/**
 * The data sources under `dataDir`: every file inside it (links resolved), within the size
 * cap, named for errors; throws a DataError when the statement folder is missing or empty
 * (an archive database may be empty: a deployment's first start).
 */
export async function readSources(dataDir: string, options: SourceOptions = {}): Promise<DataSources> {
  const folder = join(dataDir, 'statements');
  const maxFileBytes = options.maxFileBytes ?? defaultMaxStatementBytes;
  let names: string[] = [];
  let root: string;
  try {
    root = await realpath(dataDir);
    if (!options.archive) names = (await readdir(folder)).filter((name) => /\.ya?ml$/i.test(name)).sort();
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
  const statements = options.archive
    ? await archiveSources(options.archive, maxFileBytes)
    : names
        .map((name) => readInside(join(folder, name)))
        .filter((file): file is SourceFile => file !== undefined);
  // An archive database may be empty (a deployment's first start: answers say how to fill
  // it); a folder without statements is more likely the wrong DATA_DIR, and is refused.
  if (statements.length === 0 && !options.archive)
    throw new DataError(folder, ['no statement files (*.yml) in this folder']);
  const glossary = readInside(join(dataDir, 'glossary.yml'));
  const themes = readInside(join(dataDir, 'themes.yml'));
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
  if (!options.archive) {
    const hash = createHash('sha256').update(indexVersion);
    for (const part of parts) hash.update('\u0000').update(part?.identity ?? '-');
    sources.identities = hash.digest('hex').slice(0, 32);
  }
  if (glossary) sources.glossary = glossary;
  if (themes) sources.themes = themes;
  return sources;
}

/** The statements of the archive port, each named for errors where the archive says it is. */
async function archiveSources(archive: ArchiveReader, maxFileBytes: number): Promise<SourceFile[]> {
  try {
    return (await archive.list()).map(({ id, source }) => ({
      file: archive.locate(id),
      get source() {
        checkStatementSize(Buffer.byteLength(source, 'utf8'), archive.locate(id), maxFileBytes);
        return source;
      },
      bytes: Buffer.from(source),
    }));
  } catch (error) {
    throw new DataError('the archive', [archiveProblem(error)]);
  }
}

const displayPath = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
};
