import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { Statement } from '../core/corpus';
import { parseStatementFile } from '../core/data-file';
import { chooseId, contentKey, isSameStatement } from '../core/ingest/identity';
import { toStatementYaml } from '../core/ingest/statement-yaml';
import { FileExistsError, writeStatementFile } from './statement-files';

/** What adding a statement to the folder of statement files did. */
export type AddOutcome =
  | { kind: 'added'; id: string; file: string }
  /** The same statement is in the archive already: nothing was written. */
  | { kind: 'duplicate'; id: string; title: Statement['title'] };

/** The statement a file holds; `unreadable` when it does not load; undefined when there is no file. */
function holderIn(dir: string) {
  return (id: string): Statement | 'unreadable' | undefined => {
    const file = join(dir, `${id}.yml`);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
    try {
      return parseStatementFile(text, file);
    } catch {
      return 'unreadable';
    }
  };
}

/**
 * Adds a new statement to a folder of statement files with the ingest's guarantees: the
 * file is written atomically and never over another (a distinct id is taken instead), and
 * a statement already there (the same title, date and speaker, or the same content as one
 * of `known`) is recognised and not written twice. Safe when two people add at once: the
 * loser of the race finds the winner's file and reports a duplicate.
 */
export async function addToArchive(
  dir: string,
  statement: Statement,
  known: readonly Statement[],
  note: string,
): Promise<AddOutcome> {
  const key = contentKey(statement);
  const same = known.find((other) => contentKey(other) === key);
  if (same) return { kind: 'duplicate', id: same.id, title: same.title };
  const holder = holderIn(dir);
  for (let attempt = 0; attempt < 3; attempt++) {
    const own = holder(statement.id);
    if (own && own !== 'unreadable' && isSameStatement(own, statement))
      return { kind: 'duplicate', id: own.id, title: own.title };
    const id = chooseId(statement, holder);
    const held = holder(id);
    if (held === 'unreadable') throw new FileExistsError(join(dir, `${id}.yml`));
    if (held) return { kind: 'duplicate', id: held.id, title: held.title };
    const chosen = { ...statement, id };
    const yaml = toStatementYaml(chosen, note);
    parseStatementFile(yaml, `${id}.yml`);
    try {
      const file = await writeStatementFile(dir, id, yaml, false);
      return { kind: 'added', id, file };
    } catch (error) {
      // Someone wrote this id a moment ago: look again (theirs may be this very statement).
      if (!(error instanceof FileExistsError)) throw error;
    }
  }
  throw new FileExistsError(join(dir, `${statement.id}.yml`));
}

/** What removing a statement did. */
export type RemoveOutcome =
  | { kind: 'removed'; statement: Statement; keptAs: string }
  | { kind: 'missing' }
  /** `allowed` said no, or the file no longer loads: nothing was moved. */
  | { kind: 'refused'; reason: string };

/**
 * Takes a statement out of the archive, keeping its file: it is moved to `keepDir` under
 * its id and the time, so that nothing is lost. `allowed` sees the statement the file
 * holds now and returns why it may not be removed (another statement took its place,
 * someone else added it), or undefined.
 */
export async function removeFromArchive(
  dir: string,
  keepDir: string,
  id: string,
  allowed: (statement: Statement) => string | undefined,
  now: Date,
): Promise<RemoveOutcome> {
  const file = join(dir, `${id}.yml`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return { kind: 'missing' };
  }
  let statement: Statement;
  try {
    statement = parseStatementFile(text, file);
  } catch {
    return { kind: 'refused', reason: 'unreadable' };
  }
  const refusal = allowed(statement);
  if (refusal) return { kind: 'refused', reason: refusal };
  await mkdir(keepDir, { recursive: true });
  const keptAs = join(keepDir, `${id}.${now.toISOString().replace(/[:.]/g, '-')}.yml`);
  try {
    await rename(file, keptAs);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    // Another file system: copy, then remove.
    await copyFile(file, keptAs);
    await unlink(file);
  }
  return { kind: 'removed', statement, keptAs };
}
