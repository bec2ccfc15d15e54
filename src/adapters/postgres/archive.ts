import pg from 'pg';
import type { Statement } from '../../core/corpus.ts';
import { parseStatementFile } from '../../core/data-file.ts';
import {
  type ArchiveReader,
  type ArchiveStore,
  type Removal,
  StatementExistsError,
  type StoredStatement,
} from '../../ports/archive.ts';
import type { ChangeSignal } from '../../ports/index.ts';
import { migrate, postgresPool, postgresSql, type Query } from './sql.ts';

/** The channel PostgreSQL notifies when the archive changes. */
export const archiveNotifyChannel = 'quotes_archive';

/** The archive's schema, one step per version (see `migrate`). */
const migrations: string[] = [
  `CREATE TABLE quotes_statements (
     id text PRIMARY KEY,
     source text NOT NULL,
     content jsonb NOT NULL,
     updated_at timestamptz NOT NULL DEFAULT now()
   );
   CREATE TABLE quotes_removed (
     id text NOT NULL,
     source text NOT NULL,
     removed_by text NOT NULL,
     removed_at timestamptz NOT NULL
   );
   CREATE TABLE quotes_archive (
     one boolean PRIMARY KEY DEFAULT true CHECK (one),
     version bigint NOT NULL DEFAULT 0
   );
   INSERT INTO quotes_archive DEFAULT VALUES;`,
  `CREATE TABLE quotes_reviews (
     id text PRIMARY KEY,
     record jsonb NOT NULL,
     expires_at timestamptz NOT NULL
   );
   CREATE TABLE quotes_review_claims (id text PRIMARY KEY);
   CREATE TABLE quotes_audit (
     at timestamptz NOT NULL,
     team text NOT NULL,
     user_id text NOT NULL,
     action text NOT NULL,
     statement text,
     review text
   );`,
  // Claims expire: a crashed or failed Add must not lock its review.
  `ALTER TABLE quotes_review_claims ADD COLUMN claimed_at timestamptz NOT NULL DEFAULT now();`,
  // A review's claim is now its own state (adding, since when), changed by compare-and-set on its version.
  `DROP TABLE quotes_review_claims;`,
];

/** Moves the archive's version on and tells every listening instance, inside the caller's transaction. */
async function changed(query: Query) {
  const { rows } = await query<{ version: string }>(
    'UPDATE quotes_archive SET version = version + 1 RETURNING version',
  );
  await query('SELECT pg_notify($1, $2)', [archiveNotifyChannel, rows[0]!.version]);
}

/** Where a statement is, for messages: the archive database, and its id. */
export const where = (id: string) => `archive database: ${id}`;

/**
 * The archive in PostgreSQL, the source of truth when DATABASE_URL is set: each
 * statement's file text as written (so an export gives back the very files, comments
 * included) and its validated content; removed statements are kept in a table of their
 * own. Every change moves the archive's version on and notifies in the same transaction.
 */
export async function postgresArchive(url: string): Promise<ArchiveStore & { pool: pg.Pool }> {
  const pool = postgresPool(url);
  const sql = postgresSql(pool);
  try {
    await migrate(sql, 'archive', migrations);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return {
    kind: 'postgres',
    where: 'the archive database',
    locate: where,
    pool,
    async list(): Promise<StoredStatement[]> {
      return (await pool.query<StoredStatement>('SELECT id, source FROM quotes_statements ORDER BY id')).rows;
    },
    async ids() {
      return (await pool.query<{ id: string }>('SELECT id FROM quotes_statements ORDER BY id')).rows.map(
        (r) => r.id,
      );
    },
    async get(id) {
      const { rows } = await pool.query<{ source: string }>(
        'SELECT source FROM quotes_statements WHERE id = $1',
        [id],
      );
      if (!rows[0]) return undefined;
      try {
        return parseStatementFile(rows[0].source, where(id));
      } catch {
        return 'unreadable';
      }
    },
    async write(id, source, replace) {
      const statement = parseStatementFile(source, where(id));
      return sql.transaction(async (query) => {
        const { count } = await query(
          replace
            ? `INSERT INTO quotes_statements (id, source, content) VALUES ($1, $2, $3)
               ON CONFLICT (id) DO UPDATE SET source = EXCLUDED.source, content = EXCLUDED.content, updated_at = now()`
            : 'INSERT INTO quotes_statements (id, source, content) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING',
          [id, source, JSON.stringify(statement)],
        );
        if (!count) throw new StatementExistsError(where(id));
        await changed(query);
        return where(id);
      });
    },
    remove(id, allowed, by, now) {
      return sql.transaction(async (query): Promise<Removal> => {
        const { rows } = await query<{ source: string }>(
          'SELECT source FROM quotes_statements WHERE id = $1 FOR UPDATE',
          [id],
        );
        if (!rows[0]) return { kind: 'missing' };
        let statement: Statement;
        try {
          statement = parseStatementFile(rows[0].source, where(id));
        } catch {
          return { kind: 'refused', reason: 'unreadable' };
        }
        const refusal = allowed(statement);
        if (refusal) return { kind: 'refused', reason: refusal };
        await query(
          'INSERT INTO quotes_removed (id, source, removed_by, removed_at) VALUES ($1, $2, $3, $4)',
          [id, rows[0].source, by, now.toISOString()],
        );
        await query('DELETE FROM quotes_statements WHERE id = $1', [id]);
        await changed(query);
        return { kind: 'removed', statement };
      });
    },
    async version() {
      const { rows } = await pool.query<{ version: string }>('SELECT version FROM quotes_archive');
      return rows[0]?.version ?? '0';
    },
    close: () => pool.end(),
  };
}

/**
 * The archive database read for a load (a reload runs it in a worker): one query a
 * listing, no migration; a database whose schema is not there yet holds none.
 */
export function postgresArchiveReader(url: string): ArchiveReader {
  return {
    where: 'the archive database',
    locate: where,
    async list() {
      const pool = postgresPool(url);
      try {
        return (await pool.query<StoredStatement>('SELECT id, source FROM quotes_statements ORDER BY id'))
          .rows;
      } catch (error) {
        if ((error as { code?: string }).code === '42P01') return [];
        throw error;
      } finally {
        await pool.end().catch(() => undefined);
      }
    },
  };
}

/**
 * PostgreSQL's LISTEN/NOTIFY as the archive's change signal: a connection of its own,
 * listening, and reconnecting (every 1 to 5 s) when it is lost.
 */
export function postgresChangeSignal(
  url: string,
  warn: (message: string) => void,
): ChangeSignal & { close(): Promise<void> } {
  const listeners = new Set<() => void>();
  let client: pg.Client | undefined;
  let closed = false;
  let attempts = 0;
  let timer: NodeJS.Timeout | undefined;
  const connect = async () => {
    if (closed) return;
    const next = new pg.Client({ connectionString: url });
    next.on('error', () => undefined);
    next.on('end', () => {
      if (closed) return;
      if (attempts === 0) warn('the archive database connection for change notices was lost: reconnecting');
      schedule();
    });
    next.on('notification', (message) => {
      if (message.channel === archiveNotifyChannel) for (const listener of listeners) listener();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${archiveNotifyChannel}`);
      client = next;
      if (attempts > 0) for (const listener of listeners) listener(); // changes may have been missed meanwhile
      attempts = 0;
    } catch {
      await next.end().catch(() => undefined);
      schedule();
    }
  };
  const schedule = () => {
    if (closed || timer) return;
    attempts++;
    timer = setTimeout(
      () => {
        timer = undefined;
        void connect();
      },
      Math.min(1000 * attempts, 5000),
    );
    timer.unref();
  };
  void connect();
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    async announce() {
      await client
        ?.query('SELECT pg_notify($1, $2)', [archiveNotifyChannel, 'announce'])
        .catch(() => undefined);
    },
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      listeners.clear();
      await client?.end().catch(() => undefined);
    },
  };
}
