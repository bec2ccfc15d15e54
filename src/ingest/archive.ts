import type { Statement } from '../core/corpus.ts';
import { parseStatementFile } from '../core/data-file.ts';
import { chooseId, contentKey, isSameStatement } from '../core/ingest/identity.ts';
import { toStatementYaml } from '../core/ingest/statement-yaml.ts';
import { type ArchiveStore, StatementExistsError } from '../ports/archive.ts';

/** What adding a statement to the archive did. */
export type AddOutcome =
  | { kind: 'added'; id: string; where: string }
  /** The same statement is in the archive already: nothing was written. */
  | { kind: 'duplicate'; id: string; title: Statement['title'] };

/**
 * The id a new statement takes in a store: its own when free or held by the same
 * statement, else a distinct one. Only the ids that share its stem are read.
 */
export async function pickId(store: ArchiveStore, statement: Statement): Promise<string> {
  const ids = new Set(await store.ids());
  const stem = statement.id.replace(/-\d{4}-\d{2}-\d{2}$/, '');
  const holders = new Map<string, Statement | 'unreadable' | undefined>();
  for (const id of ids) if (id.startsWith(stem)) holders.set(id, await store.get(id));
  return chooseId(statement, (id) => (ids.has(id) ? (holders.get(id) ?? 'unreadable') : undefined));
}

/**
 * Adds a new statement to the archive with the ingest's guarantees: written atomically and
 * never over another (a distinct id is taken instead), and a statement already there (the
 * same title, date and speaker, or the same content as one of `known`) is recognised and
 * not written twice. Safe when two people add at once: the loser of the race finds the
 * winner's statement and reports a duplicate.
 */
export async function addToArchive(
  store: ArchiveStore,
  statement: Statement,
  known: readonly Statement[],
  note: string,
): Promise<AddOutcome> {
  const key = contentKey(statement);
  const same = known.find((other) => contentKey(other) === key);
  if (same) return { kind: 'duplicate', id: same.id, title: same.title };
  for (let attempt = 0; attempt < 3; attempt++) {
    const own = await store.get(statement.id);
    if (own && own !== 'unreadable' && isSameStatement(own, statement))
      return { kind: 'duplicate', id: own.id, title: own.title };
    const id = await pickId(store, statement);
    const held = await store.get(id);
    if (held === 'unreadable') throw new StatementExistsError(id);
    if (held) return { kind: 'duplicate', id: held.id, title: held.title };
    const yaml = toStatementYaml({ ...statement, id }, note);
    parseStatementFile(yaml, `${id}.yml`);
    try {
      return { kind: 'added', id, where: await store.write(id, yaml, false) };
    } catch (error) {
      // Someone wrote this id a moment ago: look again (theirs may be this very statement).
      if (!(error instanceof StatementExistsError)) throw error;
    }
  }
  throw new StatementExistsError(statement.id);
}
