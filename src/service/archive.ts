import { join } from 'node:path';
import { filesArchive } from '../adapters/local/files-archive.ts';
import { postgresArchive, postgresArchiveReader } from '../adapters/postgres/archive.ts';
import { postgresAuditLog, postgresReviewStore } from '../adapters/postgres/reviews.ts';
import { connectRedis, redisChangeSignal } from '../adapters/redis/redis.ts';
import { ConfigError, errorCode } from '../core/errors.ts';
import type { ArchiveReader, ArchiveStore } from '../ports/archive.ts';
import type { AuditLog } from '../ports/audit.ts';
import type { ReviewStore } from '../ports/reviews.ts';

/** Where the archive is, from the configuration. */
export interface ArchiveSettings {
  dataDir: string;
  stateDir: string;
  /** postgres://…: the archive lives in PostgreSQL. */
  databaseUrl?: string;
  /** redis://…: changes are announced to every instance. */
  redisUrl?: string;
  /** A folder of files to use whatever else is set (the ingest's --out). */
  folder?: string;
}

export interface OpenArchive {
  store: ArchiveStore;
  /**
   * When the archive is the database: the reviews and the audit log kept there too (any
   * instance may receive a click). Its connections stay inside.
   */
  database?: { reviews(): ReviewStore; audit(echo?: (line: string) => void): AuditLog };
  /** Tells every instance the archive changed (PostgreSQL notifies by itself; Redis when set). */
  announce(): Promise<void>;
  close(): Promise<void>;
}

/** Why the archive could not be opened, in one line for the operator (never a URL or a password). */
export const archiveProblem = (error: unknown) =>
  error instanceof ConfigError
    ? error.message
    : `the archive database is out of reach (${errorCode(error)}): check DATABASE_URL and that PostgreSQL is running`;

/** A PostgreSQL URL, or a ConfigError that says what one looks like (never the value). */
export function checkDatabaseUrl(url: string): string {
  if (!/^postgres(ql)?:\/\//.test(url))
    throw new ConfigError(
      'DATABASE_URL must be a PostgreSQL URL such as postgres://user:password@host:5432/quotes',
    );
  return url;
}

/**
 * Opens the archive the configuration names: PostgreSQL when DATABASE_URL is set (its
 * schema migrated), else the folder of statement files under DATA_DIR, as always.
 */
export async function openArchive(settings: ArchiveSettings): Promise<OpenArchive> {
  const keepDir = join(settings.stateDir, 'removed');
  const database =
    settings.folder === undefined && settings.databaseUrl
      ? await postgresArchive(checkDatabaseUrl(settings.databaseUrl))
      : undefined;
  const store = database ?? filesArchive(settings.folder ?? join(settings.dataDir, 'statements'), keepDir);
  return {
    store,
    ...(database
      ? {
          database: {
            reviews: () => postgresReviewStore(database.pool),
            audit: (echo?: (line: string) => void) => postgresAuditLog(database.pool, echo),
          },
        }
      : {}),
    async announce() {
      if (!settings.redisUrl) return;
      const link = connectRedis(settings.redisUrl, () => undefined);
      try {
        if (await link.ready(2000)) {
          const signal = redisChangeSignal(link);
          await signal.announce();
          signal.close();
        }
      } finally {
        await link.close();
      }
    },
    close: () => store.close(),
  };
}

/**
 * The archive database as a load reads it (one query a listing, no migration): for a
 * configuration whose statements live there. A folder's statements are read as files.
 */
export const databaseReader = (databaseUrl: string): ArchiveReader =>
  postgresArchiveReader(checkDatabaseUrl(databaseUrl));
