import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** What a statement sent to the database returns. */
export interface Rows<T> {
  rows: T[];
  /** Rows inserted, updated or deleted. */
  count: number;
}

export type Query = <T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<Rows<T>>;

/**
 * One SQL dialect (PostgreSQL's), two engines: a PostgreSQL server (DATABASE_URL), or
 * PGlite, PostgreSQL compiled to WebAssembly, embedded in the process with its files in a
 * folder (no server to run). The same schema and the same queries serve both.
 */
export interface Sql {
  readonly engine: 'postgres' | 'embedded';
  query: Query;
  transaction<T>(run: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

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

/** PGlite in a folder: one process at a time, which is what the single-instance mode is. */
export async function embeddedSql(dir: string): Promise<Sql> {
  mkdirSync(dir, { recursive: true });
  const db = await PGlite.create(dir);
  const over =
    (target: Pick<PGlite, 'query'>): Query =>
    async (text, params) => {
      const result = await target.query(text, params as unknown[]);
      return { rows: result.rows as never[], count: result.affectedRows ?? 0 };
    };
  return {
    engine: 'embedded',
    query: over(db),
    transaction: (run) => db.transaction((tx) => run(over(tx))),
    close: () => db.close(),
  };
}

/** Opens a pool on a PostgreSQL URL whose idle connections never crash the process when the server goes. */
export function postgresPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max: 4, idleTimeoutMillis: 10_000 });
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Applies a schema's steps in order, once each, under an advisory lock so that instances
 * starting together migrate once. Never edit a step that has shipped: add one.
 */
export async function migrate(sql: Sql, schema: string, steps: readonly string[]): Promise<void> {
  await sql.transaction(async (query) => {
    await query('SELECT pg_advisory_xact_lock(hashtext($1))', [schema]);
    await query(
      'CREATE TABLE IF NOT EXISTS quotes_schema (name text NOT NULL, version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (name, version))',
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
