import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { z } from 'zod';
import type { Statement } from './core/corpus';
import { parseDataFile, parseStatementFile } from './core/data-file';
import { DataError } from './core/errors';
import { GlossaryFile } from './core/glossary';
import { buildKnowledge, type Knowledge } from './core/knowledge-base';
import { ThemesFile } from './core/themes/taxonomy';

/** The data folder: `DATA_DIR`, or `data` when unset or empty. */
export const dataDirFrom = (env: NodeJS.ProcessEnv = process.env) =>
  env.DATA_DIR?.trim() ? env.DATA_DIR.trim() : 'data';

/**
 * Reads and validates every data file under `dataDir` (statements/*.yml, glossary.yml, themes.yml)
 * and builds the search index. Throws a DataError naming the file and the place.
 */
export async function loadKnowledge(dataDir: string): Promise<Knowledge> {
  const files = await loadStatementFiles(dataDir);
  const statements = files.map((entry) => entry.statement);
  const glossary = await loadOptional(join(dataDir, 'glossary.yml'), GlossaryFile, { entries: [] });
  const themes = await loadOptional(join(dataDir, 'themes.yml'), ThemesFile, { themes: [] });
  checkThemeReferences(files, themes);
  return buildKnowledge(statements, glossary, themes);
}

/** Hand-set themes and curated summaries must name themes that exist. */
function checkThemeReferences(files: readonly StatementFile[], themes: ThemesFile) {
  const known = new Set(themes.themes.map((theme) => theme.id));
  const list = [...known].join(', ') || '(none: data/themes.yml is missing)';
  for (const { statement, file } of files) {
    const problems: string[] = [];
    statement.paragraphs.forEach((paragraph, index) => {
      for (const id of paragraph.themes ?? []) {
        if (!known.has(id))
          problems.push(
            `paragraphs[${index}] (¶${paragraph.n}).themes: unknown theme "${id}"; known themes: ${list}`,
          );
      }
    });
    for (const id of Object.keys(statement.summaries ?? {})) {
      if (!known.has(id)) problems.push(`summaries.${id}: unknown theme "${id}"; known themes: ${list}`);
    }
    if (problems.length > 0) throw new DataError(file, problems);
  }
}

/** A validated statement and the file it came from. */
export interface StatementFile {
  statement: Statement;
  file: string;
}

/** Reads every statement file of `dataDir/statements/`, refusing the first bad one. */
export async function loadStatementFiles(dataDir: string): Promise<StatementFile[]> {
  const folder = join(dataDir, 'statements');
  let names: string[];
  try {
    names = (await readdir(folder)).filter((name) => /\.ya?ml$/i.test(name)).sort();
  } catch {
    throw new DataError(folder, ['folder not found: create it and put one .yml file per statement in it']);
  }
  if (names.length === 0) throw new DataError(folder, ['no statement files (*.yml) in this folder']);
  const statements: StatementFile[] = [];
  const ids = new Map<string, string>();
  for (const name of names) {
    const file = join(folder, name);
    const statement = parseStatementFile(await readFile(file, 'utf8'), displayPath(file));
    const other = ids.get(statement.id);
    if (other) throw new DataError(displayPath(file), [`id: "${statement.id}" is already used by ${other}`]);
    ids.set(statement.id, displayPath(file));
    statements.push({ statement, file: displayPath(file) });
  }
  return statements;
}

/** A data file that may be absent (then `fallback`), but never malformed. */
async function loadOptional<S extends z.ZodType>(
  file: string,
  schema: S,
  fallback: z.output<S>,
): Promise<z.output<S>> {
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch {
    return fallback;
  }
  return parseDataFile(source, displayPath(file), schema);
}

const displayPath = (file: string) => {
  const rel = relative(process.cwd(), file);
  return rel.startsWith('..') ? file : rel;
};
