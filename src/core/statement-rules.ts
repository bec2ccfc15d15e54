import type { Statement } from './corpus.ts';
import { parseStatementFile } from './data-file.ts';
import { DataError } from './errors.ts';
import { tooLarge } from './ingest/limits.ts';
import type { ThemesFile } from './themes/taxonomy.ts';

/**
 * The rules every statement is held to wherever it enters or is read: the loader, the
 * ingest, Slack's Add and the archive import. What the loader would refuse is refused at
 * the door with the same words, and nothing is written.
 */
export interface StatementRules {
  /** Largest statement file, in bytes (`STATEMENT_MAX_MB`). */
  maxFileBytes: number;
  /** The themes a statement may name. */
  themes: ThemesFile;
}

/** The default cap on one statement file: 5 MB. */
export const defaultMaxStatementBytes = 5 * 1024 * 1024;

/** A validated statement and the file it came from. */
export interface StatementFile {
  statement: Statement;
  file: string;
}

/** A statement file the loader left out, and why (the file and the places, never its text). */
export interface SkippedFile {
  file: string;
  problems: string[];
}

/**
 * Refuses a statement file over the cap, before it is read.
 * @example checkStatementSize(6 * 1024 * 1024, 'x.yml', 5 * 1024 * 1024) // throws DataError
 */
export function checkStatementSize(size: number, file: string, maxFileBytes: number): void {
  if (size > maxFileBytes)
    throw new DataError(file, [`${tooLarge(size, maxFileBytes)} for a data file (STATEMENT_MAX_MB)`]);
}

/**
 * A statement file's text checked by every rule: its size, its schema and the themes it
 * names. Throws a DataError naming the file and the places.
 */
export function checkStatementSource(source: string, file: string, rules: StatementRules): Statement {
  checkStatementSize(Buffer.byteLength(source, 'utf8'), file, rules.maxFileBytes);
  const statement = parseStatementFile(source, file);
  checkThemeReferences([{ statement, file }], rules.themes);
  return statement;
}

/** Hand-set themes and curated summaries must name themes that exist. */
export function checkThemeReferences(files: readonly StatementFile[], themes: ThemesFile): void {
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

/**
 * The statements that load, and those left out: a file that breaks a rule (`read` may
 * throw the size rule's DataError), or repeats an id a file before it took, is skipped so
 * that the others still answer.
 */
export function admitStatements(
  files: ReadonlyArray<{ file: string; read: () => string }>,
  themes: ThemesFile,
): { admitted: StatementFile[]; skipped: SkippedFile[] } {
  const admitted: StatementFile[] = [];
  const skipped: SkippedFile[] = [];
  const ids = new Map<string, string>();
  for (const { file, read } of files) {
    try {
      const statement = parseStatementFile(read(), file);
      checkThemeReferences([{ statement, file }], themes);
      const other = ids.get(statement.id);
      if (other) throw new DataError(file, [`id: "${statement.id}" is already used by ${other}`]);
      ids.set(statement.id, file);
      admitted.push({ statement, file });
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      skipped.push({ file: error.file, problems: error.problems });
    }
  }
  return { admitted, skipped };
}
