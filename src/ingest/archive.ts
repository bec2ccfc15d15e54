import { createHash } from 'node:crypto';
import type { Statement } from '../core/corpus.ts';
import { chooseId, contentKey, isSameStatement } from '../core/ingest/identity.ts';
import { toStatementYaml } from '../core/ingest/statement-yaml.ts';
import { checkStatementSource, type StatementRules } from '../core/statement-rules.ts';
import { type ArchiveStore, StatementExistsError } from '../ports/archive.ts';

/** What adding a statement to the archive did. */
export type AddOutcome =
  | { kind: 'added'; id: string; where: string; fingerprint: string }
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
 * winner's statement and reports a duplicate. The file is held to the loader's rules
 * (`rules`): what no instance would load is refused (a DataError), and nothing is written.
 */
export async function addToArchive(
  store: ArchiveStore,
  statement: Statement,
  known: readonly Statement[],
  note: string,
  rules: StatementRules,
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
    const written = checkStatementSource(yaml, store.locate(id), rules);
    try {
      return {
        kind: 'added',
        id,
        where: await store.write(id, yaml, false),
        fingerprint: fingerprintOf(written),
      };
    } catch (error) {
      // Someone wrote this id a moment ago: look again (theirs may be this very statement).
      if (!(error instanceof StatementExistsError)) throw error;
    }
  }
  throw new StatementExistsError(statement.id);
}

/**
 * A statement's fingerprint: it changes with anything the statement holds (a counterpart
 * filled in by hand, a theme, a date), not with the file's comments, layout or key order.
 */
export function fingerprintOf(statement: Statement): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([, v]) => v !== undefined)
              .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(canonical(statement)))
    .digest('hex')
    .slice(0, 24);
}
