import { createHash } from 'node:crypto';
import { type Statement, statementIdPattern } from '../core/corpus.ts';
import { chooseId, contentKey, isSameStatement } from '../core/ingest/identity.ts';
import { mergeStatement } from '../core/ingest/merge.ts';
import { toStatementYaml } from '../core/ingest/statement-yaml.ts';
import { checkStatementSource, type StatementRules } from '../core/statement-rules.ts';
import { type ArchiveStore, StatementExistsError } from '../ports/archive.ts';

/**
 * The one policy for adding a statement to the archive, whoever adds it (the ingest, Add
 * in Slack): what happens when it is new, when the same statement is there already (by
 * title, date and speaker, or by content under another id), when its id is another
 * statement's, when it replaces or updates one, and when two writers race. Each front end
 * only words the outcome.
 */

/** How an existing statement is treated: never touched, replaced whole, or re-read keeping hand work. */
export type WriteMode = 'new' | 'replace' | 'update';

export interface AddRequest {
  statement: Statement;
  mode: WriteMode;
  /** The statements loaded now: the same content under another id is found among them. */
  known: readonly Statement[];
  /** A comment written on top of the file. */
  note?: string;
  /** The loader's rules: what no instance would load is refused (a DataError), nothing written. */
  rules: StatementRules;
  /** The id was given by a person: used as it is, never derived anew. */
  idGiven?: boolean;
  /** Fields a person gave, which an update takes over the file's. */
  given?: ReadonlySet<string>;
}

export type AddOutcome =
  | {
      kind: 'written';
      action: 'added' | 'replaced' | 'updated';
      id: string;
      /** Where it went: a file, or "archive database: ID". */
      where: string;
      /** The statement as written (an update's merge included). */
      statement: Statement;
      fingerprint: string;
      /** What an update kept from the file, one line each. */
      kept: string[];
      /** The id the statement would have had, when another statement holds it. */
      idTaken?: string;
    }
  /** The same statement is in the archive (mode new): nothing was written. */
  | { kind: 'duplicate'; id: string; title: Statement['title']; where: string }
  /** An id a person gave is held (mode new): nothing was written. */
  | { kind: 'exists'; id: string; where: string }
  /** The statement to update does not load. */
  | { kind: 'unreadable'; id: string; where: string }
  /** An update would lose hand-made work of paragraphs the new documents no longer hold. */
  | { kind: 'would_lose'; where: string; orphaned: string[] }
  /** Another writer kept taking the id meanwhile. */
  | { kind: 'raced'; where: string };

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

/** Adds a statement to the archive by the one policy; written atomically, never over another statement silently. */
export async function addStatement(store: ArchiveStore, request: AddRequest): Promise<AddOutcome> {
  const { mode } = request;
  if (mode === 'new') {
    const key = contentKey(request.statement);
    const same = request.known.find((other) => contentKey(other) === key);
    if (same) return { kind: 'duplicate', id: same.id, title: same.title, where: store.locate(same.id) };
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    let statement = request.statement;
    let idTaken: string | undefined;
    // A new statement takes a free id; an update or a replacement goes to the id it names.
    if (!request.idGiven && mode === 'new') {
      const own = await store.get(statement.id);
      if (mode === 'new' && own && own !== 'unreadable' && isSameStatement(own, statement))
        return { kind: 'duplicate', id: own.id, title: own.title, where: store.locate(own.id) };
      const id = await pickId(store, statement);
      if (id !== statement.id) {
        idTaken = statement.id;
        statement = { ...statement, id };
      }
    }
    const where = store.locate(statement.id);
    const previous = await store.get(statement.id);
    if (previous !== undefined && mode === 'new')
      return previous !== 'unreadable' && isSameStatement(previous, statement)
        ? { kind: 'duplicate', id: previous.id, title: previous.title, where }
        : { kind: 'exists', id: statement.id, where };
    let kept: string[] = [];
    if (previous !== undefined && mode === 'update') {
      if (previous === 'unreadable') return { kind: 'unreadable', id: statement.id, where };
      const merged = mergeStatement(previous, statement, request.given);
      if (merged.orphaned.length > 0) return { kind: 'would_lose', where, orphaned: merged.orphaned };
      statement = merged.statement;
      kept = merged.kept;
    }
    const yaml = toStatementYaml(statement, request.note);
    const written = checkStatementSource(yaml, where, request.rules);
    try {
      const at = await store.write(statement.id, yaml, previous !== undefined);
      return {
        kind: 'written',
        action: previous === undefined ? 'added' : mode === 'update' ? 'updated' : 'replaced',
        id: statement.id,
        where: at,
        statement,
        fingerprint: fingerprintOf(written),
        kept,
        ...(idTaken ? { idTaken } : {}),
      };
    } catch (error) {
      // Someone wrote this id a moment ago: look again (theirs may be this very statement).
      if (!(error instanceof StatementExistsError)) throw error;
    }
  }
  return { kind: 'raced', where: store.locate(request.statement.id) };
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

/** What copying statements as they are written did, id by id. */
export interface Copied {
  written: string[];
  same: string[];
  refused: string[];
  /** Names that are no statement id ("../../x"): never a file name, never written. */
  invalid: string[];
}

/**
 * The same policy for statements moved as they are written (`npm run archive -- import`
 * and `export`, comments kept): a new one is written, the very same one left as it is,
 * one that differs replaced only when told, and a name that is no statement id never used.
 */
export async function copyStatements(
  statements: ReadonlyArray<{ id: string; source: string }>,
  store: {
    list(): Promise<Array<{ id: string; source: string }>>;
    write(id: string, source: string, replace: boolean): Promise<string>;
  },
  replace: boolean,
): Promise<Copied> {
  const existing = new Map((await store.list()).map((s) => [s.id, s.source]));
  const copied: Copied = { written: [], same: [], refused: [], invalid: [] };
  for (const { id, source } of statements) {
    if (!statementIdPattern.test(id)) {
      copied.invalid.push(id);
      continue;
    }
    const there = existing.get(id);
    if (there === source) {
      copied.same.push(id);
      continue;
    }
    if (there !== undefined && !replace) {
      copied.refused.push(id);
      continue;
    }
    try {
      await store.write(id, source, there !== undefined);
      copied.written.push(id);
    } catch (error) {
      if (!(error instanceof StatementExistsError)) throw error;
      copied.refused.push(id);
    }
  }
  return copied;
}
