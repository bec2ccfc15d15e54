import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { filesArchive } from '../adapters/local/files-archive.ts';
import { parseDataEnv } from '../config/data-env.ts';
import { DataError } from '../core/errors.ts';
import { checkStatementSize, checkStatementSource, type StatementRules } from '../core/statement-rules.ts';
import { type Copied, copyStatements } from '../service/add-statement.ts';
import { archiveProblem, openArchive } from '../service/archive.ts';
import { statementRulesFor } from '../service/knowledge/sources.ts';
import { type CommandIo, parseCommandLine, runAsCommand } from './entry.ts';

const USAGE = `Usage:
  npm run archive -- import [DIR] [--replace]
      copy the statement files of DIR into the archive database
  npm run archive -- export [DIR] [--replace]
      write every statement of the archive database as a file in DIR

DIR defaults to DATA_DIR/statements. DATABASE_URL names the database (postgres://…).
A statement that differs from the one already there is refused unless --replace;
one that is the same is left as it is. Every file is checked before anything is imported.
Exit codes: 0 done, 1 something was refused or could not be reached, 2 bad options.`;

export type ArchiveIo = CommandIo;

/** `npm run archive`: moves statements between a folder of files and the archive database. */
export async function main(argv: readonly string[], io: ArchiveIo): Promise<number> {
  const parsed = parseCommandLine(
    argv,
    { replace: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    USAGE,
    io,
  );
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [action, dirArg, ...extra] = positionals;
  if ((action !== 'import' && action !== 'export') || extra.length > 0) {
    io.stderr(`Say import or export, then at most one folder.\n\n${USAGE}\n`);
    return 2;
  }
  // The environment, parsed once for this command.
  const config = parseDataEnv(io.env);
  const { databaseUrl } = config;
  if (!databaseUrl) {
    io.stderr(
      'DATABASE_URL is not set: the archive is the folder of files already, so there is nothing to move.\n',
    );
    return 2;
  }
  const dir = dirArg ?? join(config.dataDir, 'statements');
  let archive: Awaited<ReturnType<typeof openArchive>>;
  try {
    archive = await openArchive(config);
  } catch (error) {
    io.stderr(`Cannot open the archive: ${archiveProblem(error)}\n`);
    return 1;
  }
  const replace = values.replace === true;
  try {
    if (action === 'import') {
      let names: string[];
      try {
        names = (await readdir(dir)).filter((name) => /\.ya?ml$/i.test(name)).sort();
      } catch {
        io.stderr(`Cannot read the folder ${dir}: check the path.\n`);
        return 1;
      }
      // Every file is checked first, by the loader's own rules (a plain file, its size, its
      // schema, the themes it names): what the instances would refuse to load is refused here,
      // and a bad one stops the import before anything is written.
      const files: Array<{ id: string; source: string; file: string }> = [];
      const problems: string[] = [];
      let rules: StatementRules;
      try {
        rules = await statementRulesFor(config);
      } catch (error) {
        io.stderr(`Nothing was imported: ${error instanceof Error ? error.message : String(error)}\n`);
        return 1;
      }
      for (const name of names) {
        const file = join(dir, name);
        try {
          const info = await lstat(file);
          // A link, a folder or a pipe named *.yml is no statement file (and a pipe would wait forever).
          if (!info.isFile()) throw new DataError(file, ['not a plain file: skipped']);
          checkStatementSize(info.size, file, rules.maxFileBytes);
          const source = await readFile(file, 'utf8');
          files.push({ id: checkStatementSource(source, file, rules).id, source, file });
        } catch (error) {
          problems.push(error instanceof DataError ? error.message : `${file}: ${String(error)}`);
        }
      }
      const seen = new Map<string, string>();
      for (const { id, file } of files) {
        const other = seen.get(id);
        if (other) problems.push(`${file}: id: "${id}" is already used by ${other}`);
        seen.set(id, file);
      }
      if (problems.length > 0) {
        io.stderr(
          `Nothing was imported: fix these files first:\n${problems.map((p) => `  ${p.replace(/\n/g, '\n  ')}`).join('\n')}\n`,
        );
        return 1;
      }
      return report(io, 'imported', await copyStatements(files, archive.store, replace), replace);
    }
    const target = filesArchive(dir, join(dir, '.removed'));
    return report(io, 'exported', await copyStatements(await archive.store.list(), target, replace), replace);
  } finally {
    await archive.announce().catch(() => undefined);
    await archive.close();
  }
}

function report(io: ArchiveIo, verb: string, copied: Copied, replace: boolean): number {
  const lines = [`Statements ${verb}: ${copied.written.length}   unchanged: ${copied.same.length}`];
  if (copied.refused.length > 0)
    lines.push(
      `Not ${verb}, they differ from what is there (${copied.refused.length})${replace ? '' : ': add --replace to overwrite them'}:`,
      ...copied.refused.map((id) => `  ${id}`),
    );
  if (copied.invalid.length > 0)
    lines.push(
      `Not ${verb}, not a statement id (${copied.invalid.length}):`,
      ...copied.invalid.map((id) => `  ${JSON.stringify(id)}`),
    );
  io.stdout(`${lines.join('\n')}\n`);
  return copied.refused.length + copied.invalid.length > 0 ? 1 : 0;
}

runAsCommand(
  import.meta.url,
  main,
  (error) => `The archive command failed: ${error instanceof Error ? error.name : 'error'}`,
);
