import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Statement } from './core/corpus';
import { parseDataFile, parseStatementFile } from './core/data-file';
import { DataError } from './core/errors';
import { GlossaryFile } from './core/glossary';
import { buildKnowledge, type Knowledge } from './core/knowledge-base';

/** The data folder: `DATA_DIR`, or `data` when unset or empty. */
export const dataDirFrom = (env: NodeJS.ProcessEnv = process.env) =>
  env.DATA_DIR?.trim() ? env.DATA_DIR.trim() : 'data';

/**
 * Reads and validates every data file under `dataDir` (statements/*.yml, glossary.yml)
 * and builds the search index. Throws a DataError naming the file and the place.
 */
export async function loadKnowledge(dataDir: string): Promise<Knowledge> {
  const statements = await loadStatements(dataDir);
  const glossary = await loadGlossary(dataDir);
  return buildKnowledge(statements, glossary);
}

export async function loadStatements(dataDir: string): Promise<Statement[]> {
  const folder = join(dataDir, 'statements');
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => /\.ya?ml$/i.test(name)).sort();
  } catch {
    throw new DataError(folder, ['folder not found: create it and put one .yml file per statement in it']);
  }
  if (names.length === 0) throw new DataError(folder, ['no statement files (*.yml) in this folder']);
  const statements: Statement[] = [];
  const ids = new Map<string, string>();
  for (const name of names) {
    const file = join(folder, name);
    const statement = parseStatementFile(await readFile(file, 'utf8'), displayPath(file));
    const other = ids.get(statement.id);
    if (other) throw new DataError(displayPath(file), [`id: "${statement.id}" is already used by ${other}`]);
    ids.set(statement.id, displayPath(file));
    statements.push(statement);
  }
  return statements;
}

async function loadGlossary(dataDir: string): Promise<GlossaryFile> {
  const file = join(dataDir, 'glossary.yml');
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    return { entries: [] };
  }
  return parseDataFile(source, displayPath(file), GlossaryFile);
}

const displayPath = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
};
