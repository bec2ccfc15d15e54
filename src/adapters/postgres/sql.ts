import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite';
import pg from 'pg';

/** What a statement sent to the database returns. */
export interface Rows<T> {
  rows: T[];
  /** Rows inserted, updated or deleted (rows returned, for a statement that returns rows). */
  count: number;
}

export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<Rows<T>>;

export type Engine = 'postgres' | 'sqlite';

/**
 * One SQL dialect, two engines: a PostgreSQL server (DATABASE_URL), or SQLite through Node's
 * own `node:sqlite`, embedded in the process with its file in a folder (no server to run).
 * Queries are written once, with PostgreSQL's `$1..$n` parameters, in the SQL both engines
 * share (`ON CONFLICT`, `CAST`, `CURRENT_TIMESTAMP`); what cannot be shared (column types,
 * how migrations are serialised) is in `dialects`, and only there.
 */
export interface Sql {
  readonly engine: Engine;
  query: Query;
  /**
   * Runs `run` in one transaction, committed when it resolves, rolled back when it throws.
   * Inside, use the `query` it is given, not `Sql.query`.
   */
  transaction<T>(run: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** What differs between the engines, for schemas and migrations. */
export interface Dialect {
  boolean: string;
  json: string;
  timestamp: string;
  /** The current time, as a column default or in a query. */
  now: string;
  /**
   * Taken first in a migration's transaction (`$1`: the schema's name), where the
   * transaction alone does not serialise migrations.
   */
  migrationLock: string | undefined;
}

/**
 * The one place where the engines differ. PostgreSQL's entries are what the schemas shipped
 * with: never change them. SQLite has no boolean, JSON or time types (stored as integer 0/1,
 * JSON text and 'YYYY-MM-DD HH:MM:SS' UTC text); its BEGIN IMMEDIATE takes the database's
 * write lock, which serialises migrations across connections and processes by itself.
 */
export const dialects: Readonly<Record<Engine, Dialect>> = {
  postgres: {
    boolean: 'boolean',
    json: 'jsonb',
    timestamp: 'timestamptz',
    now: 'now()',
    migrationLock: 'SELECT pg_advisory_xact_lock(hashtext($1))',
  },
  sqlite: {
    boolean: 'integer',
    json: 'text',
    timestamp: 'text',
    now: 'CURRENT_TIMESTAMP',
    migrationLock: undefined,
  },
};

/** A PostgreSQL server, through a pool of connections. */
export function postgresSql(pool: pg.Pool): Sql {
  const over =
    (client: pg.Pool | pg.PoolClient): Query =>
    async (text, params) => {
      const result = await client.query(text, params as unknown[]);
      return { rows: result.rows, count: result.rowCount ?? 0 };
    };
  return {
    engine: 'postgres',
    query: over(pool),
    async transaction(run) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await run(over(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

let sqlite: typeof import('node:sqlite') | undefined;

/**
 * `node:sqlite`, loaded without the ExperimentalWarning that Node 22 prints when it is first
 * loaded (Node 24 and 26 print none): that warning only, and only while loading it; every
 * other warning still goes through. Loaded at first use, so that the server, on PostgreSQL,
 * never loads it.
 */
function loadSqlite(): typeof import('node:sqlite') {
  if (sqlite) return sqlite;
  const emitWarning = process.emitWarning;
  process.emitWarning = function (this: unknown, warning: string | Error, ...rest: unknown[]) {
    const type = typeof rest[0] === 'string' ? rest[0] : (rest[0] as { type?: string } | undefined)?.type;
    const message = typeof warning === 'string' ? warning : warning.message;
    const name = typeof warning === 'string' ? type : warning.name;
    if (name === 'ExperimentalWarning' && message.startsWith('SQLite is an experimental feature')) return;
    return (emitWarning as (...args: unknown[]) => void).call(process, warning, ...rest);
  } as typeof process.emitWarning;
  try {
    sqlite = process.getBuiltinModule('node:sqlite');
  } finally {
    process.emitWarning = emitWarning;
  }
  return sqlite;
}

/** The file `embeddedSql` keeps its database in, inside its folder. */
export const embeddedFile = 'store.sqlite';

/** PostgreSQL's `$n` parameters as SQLite's `?n`, leaving quoted strings, identifiers and comments alone. */
const parameters = /('(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*)|\$(\d+)/g;
const toSqliteParameters = (text: string) =>
  text.replace(parameters, (match, skipped: string | undefined, n: string | undefined) =>
    skipped !== undefined ? match : `?${n}`,
  );

/** A value as SQLite binds it: booleans as 1 and 0, dates as ISO text, objects as JSON text, like pg. */
const toSqliteValue = (value: unknown): SQLInputValue => {
  if (value === undefined || value === null) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && !ArrayBuffer.isView(value)) return JSON.stringify(value);
  return value as SQLInputValue;
};

/**
 * The queue of each database file open in this process: whatever runs on it, one after the
 * other. A connection waiting for SQLite's write lock waits synchronously (the busy timeout),
 * which would block the very event loop that the transaction holding the lock needs to end;
 * so connections of one process to one file wait here instead, and the busy timeout is only
 * ever spent on another process.
 */
const queues = new Map<string, { tail: Promise<unknown>; users: number }>();

/**
 * SQLite in a folder (`node:sqlite`, no dependency): WAL journal, a busy timeout for another
 * process on the same file, and transactions (BEGIN IMMEDIATE) that run one after the other:
 * a transaction, or a query, asked for while one is open waits for it to end, so that no
 * statement of another lands in it.
 */
export async function embeddedSql(dir: string): Promise<Sql> {
  mkdirSync(dir, { recursive: true });
  const { DatabaseSync } = loadSqlite();
  const file = resolve(dir, embeddedFile);
  // Earlier releases kept this folder in PGlite, which only PGlite reads: say so, once, the
  // first time, rather than let its installations go missing without a word.
  if (!existsSync(file) && existsSync(join(dir, 'PG_VERSION')))
    process.emitWarning(
      `${dir} holds a PGlite database of an earlier release, which is not read any more: what it held (installations) must be made again (install the app again in each workspace)`,
      { code: 'QUOTES_PGLITE_NOT_READ' },
    );
  const db: DatabaseSync = new DatabaseSync(file);
  try {
    db.exec('PRAGMA busy_timeout = 5000');
    db.exec('PRAGMA journal_mode = WAL');
  } catch (error) {
    db.close();
    throw error;
  }
  const statements = new Map<string, StatementSync>();
  const prepare = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      if (statements.size >= 100) statements.clear();
      statement = db.prepare(toSqliteParameters(text));
      statements.set(text, statement);
    }
    return statement;
  };
  const execute = <T>(text: string, params: unknown[] = []): Rows<T> => {
    const statement = prepare(text);
    const values = params.map(toSqliteValue);
    if (statement.columns().length === 0) {
      const { changes } = statement.run(...values);
      return { rows: [], count: Number(changes) };
    }
    const rows = statement.all(...values).map((row) => ({ ...row }) as T);
    return { rows, count: rows.length };
  };
  const queue = queues.get(file) ?? { tail: Promise.resolve(), users: 0 };
  queues.set(file, queue);
  queue.users++;
  const exclusive = <T>(task: () => T | Promise<T>): Promise<T> => {
    const result = queue.tail.then(task);
    queue.tail = result.catch(() => undefined);
    return result;
  };
  let closed = false;
  return {
    engine: 'sqlite',
    query: (text, params) => exclusive(() => execute(text, params)),
    transaction: (run) =>
      exclusive(async () => {
        let open = true;
        const query: Query = async (text, params) => {
          if (!open) throw new Error('a query of a transaction that has ended');
          return execute(text, params);
        };
        db.exec('BEGIN IMMEDIATE');
        try {
          const result = await run(query);
          db.exec('COMMIT');
          return result;
        } catch (error) {
          if (db.isTransaction) db.exec('ROLLBACK');
          throw error;
        } finally {
          open = false;
        }
      }),
    close: () =>
      exclusive(() => {
        if (closed) return;
        closed = true;
        statements.clear();
        db.close();
        if (--queue.users === 0 && queues.get(file) === queue) queues.delete(file);
      }),
  };
}

/** Opens a pool on a PostgreSQL URL whose idle connections never crash the process when the server goes. */
export function postgresPool(url: string): pg.Pool {
  // A hung server must not hold a request: a connection waits 3 s at most, a query 10 s.
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 3000,
    query_timeout: 10_000,
  });
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Applies a schema's steps in order, once each, in one transaction that instances starting
 * together take one at a time (an advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite),
 * so that they migrate once. Never edit a step that has shipped: add one.
 */
export async function migrate(sql: Sql, schema: string, steps: readonly string[]): Promise<void> {
  const dialect = dialects[sql.engine];
  await sql.transaction(async (query) => {
    if (dialect.migrationLock) await query(dialect.migrationLock, [schema]);
    await query(
      `CREATE TABLE IF NOT EXISTS quotes_schema (name text NOT NULL, version integer NOT NULL, applied_at ${dialect.timestamp} NOT NULL DEFAULT ${dialect.now}, PRIMARY KEY (name, version))`,
    );
    const done = new Set(
      (
        await query<{ version: number }>('SELECT version FROM quotes_schema WHERE name = $1', [schema])
      ).rows.map((row) => row.version),
    );
    for (const [k, step] of steps.entries()) {
      if (done.has(k + 1)) continue;
      for (const statement of step
        .split(/;\s*$/m)
        .map((s) => s.trim())
        .filter(Boolean))
        await query(statement);
      await query('INSERT INTO quotes_schema (name, version) VALUES ($1, $2)', [schema, k + 1]);
    }
  });
}
