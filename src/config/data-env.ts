import { join } from 'node:path';
import { defaultMaxStatementBytes } from '../core/statement-rules.ts';

/**
 * What every entry point (the Slack app, `npm run ask`, `ingest`, `archive`) reads of the
 * environment about the data: parsed once, by the entry point, into this typed config that
 * every part then receives. `src/config/slack-env.ts` adds Slack's own variables.
 */
export interface DataConfig {
  /** The data folder: `DATA_DIR`, or `data` when unset or empty. */
  dataDir: string;
  /** What must survive a restart: `STATE_DIR`, or `var`. */
  stateDir: string;
  /** The index snapshot folder: `INDEX_CACHE_DIR`, `.cache/index` when unset, none when "off". */
  cacheDir?: string;
  /** Largest statement file, in bytes: `STATEMENT_MAX_MB`, or 5 MB. */
  maxStatementBytes: number;
  /** The shared archive database: `DATABASE_URL`. */
  databaseUrl?: string;
  /** Changes announced to every instance: `REDIS_URL`. */
  redisUrl?: string;
}

/**
 * The cap on one statement file: `STATEMENT_MAX_MB` megabytes, or 5 MB when unset or not
 * a positive number.
 * @example maxFileBytesFrom({ STATEMENT_MAX_MB: '2' }) // => 2097152
 */
export const maxFileBytesFrom = (env: Record<string, string | undefined>) => {
  const value = Number(env.STATEMENT_MAX_MB?.trim());
  return Number.isFinite(value) && value > 0 ? Math.round(value * 1024 * 1024) : defaultMaxStatementBytes;
};

/**
 * Reads the data configuration from an environment (tests pass their own).
 * @example parseDataEnv({ DATA_DIR: ' ', INDEX_CACHE_DIR: 'off' }) // => { dataDir: 'data', stateDir: 'var', maxStatementBytes: 5242880 }
 */
export function parseDataEnv(env: Record<string, string | undefined>): DataConfig {
  // Each variable by its name (a test checks .env.example against what the code reads).
  const given = (value: string | undefined) => value?.trim() || undefined;
  const cache = given(env.INDEX_CACHE_DIR);
  const config: DataConfig = {
    dataDir: given(env.DATA_DIR) ?? 'data',
    stateDir: given(env.STATE_DIR) ?? 'var',
    maxStatementBytes: maxFileBytesFrom(env),
  };
  if (cache !== 'off') config.cacheDir = cache ?? join('.cache', 'index');
  const databaseUrl = given(env.DATABASE_URL);
  if (databaseUrl) config.databaseUrl = databaseUrl;
  const redisUrl = given(env.REDIS_URL);
  if (redisUrl) config.redisUrl = redisUrl;
  return config;
}
