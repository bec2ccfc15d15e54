import { join } from 'node:path';
import { fileAuditLog } from '../adapters/local/audit.ts';
import { memoryConversations } from '../adapters/local/conversations.ts';
import { fileDeliveryLog, memoryDeliveryLog } from '../adapters/local/deliveries.ts';
import { memoryRateLimiter } from '../adapters/local/rate-limit.ts';
import { fileReviewStore, memoryReviewStore } from '../adapters/local/reviews.ts';
import { postgresChangeSignal } from '../adapters/postgres/archive.ts';
import { type SqlInstallationStore, sqlInstallationStore } from '../adapters/postgres/installations.ts';
import { embeddedSql, postgresPool, postgresSql } from '../adapters/postgres/sql.ts';
import {
  connectRedis,
  redisChangeSignal,
  redisConversations,
  redisDeliveryLog,
  redisRateLimiter,
} from '../adapters/redis/redis.ts';
import { DataError, errorCode } from '../core/errors.ts';
import type { AuditLog } from '../ports/audit.ts';
import type { ChangeSignal, ConversationMemory, DeliveryLog, RateLimiter } from '../ports/index.ts';
import type { ReviewStore } from '../ports/reviews.ts';
import { archiveProblem, type OpenArchive, openArchive } from './archive.ts';

/** What the composition reads of the configuration (parsed once, by the entry point). */
export interface PortsConfig {
  dataDir: string;
  stateDir: string;
  databaseUrl?: string;
  redisUrl?: string;
  rateLimitPerMinute: number;
  /** Many workspaces: their installations are kept too. */
  oauth: boolean;
}

/** What the composition tells the operator and the health report. */
export interface PortsHooks {
  warn(message: string): void;
  /** Each audit line, for the log. */
  echo(line: string): void;
  /** Redis out of reach (true) or back (false). */
  redisDown(down: boolean): void;
}

/** Every port the app needs, each chosen once from the configuration, and how to close them all. */
export interface Ports {
  archive: OpenArchive;
  deliveries: DeliveryLog;
  conversations: ConversationMemory;
  limiter: RateLimiter;
  /** How instances tell each other the archive changed (Redis, the archive database). */
  signals: ChangeSignal[];
  reviews: ReviewStore;
  audit: AuditLog;
  installations?: SqlInstallationStore;
  close(): Promise<void>;
}

/**
 * Chooses every port once, from the configuration: the archive (PostgreSQL with
 * DATABASE_URL, else the folder of files; its schema migrated first), deliveries, rate
 * limits, conversations and change signals (Redis with REDIS_URL, else this process and
 * STATE_DIR), reviews and the audit log (the archive database, else STATE_DIR, else
 * memory), and the workspaces' installations with OAuth. Whatever fails to open closes
 * what was opened before it.
 */
export async function openPorts(config: PortsConfig, hooks: PortsHooks): Promise<Ports> {
  const closers: Array<() => unknown> = [];
  const close = async () => {
    for (const closer of closers.reverse()) await Promise.resolve(closer()).catch(() => undefined);
    closers.length = 0;
  };
  try {
    const archive = await openArchive({
      dataDir: config.dataDir,
      stateDir: config.stateDir,
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    }).catch((error: unknown) => {
      throw new DataError('the archive', [archiveProblem(error)]);
    });
    closers.push(() => archive.close());

    let deliveries: DeliveryLog;
    let conversations: ConversationMemory = memoryConversations();
    let limiter: RateLimiter;
    const signals: ChangeSignal[] = [];
    if (config.redisUrl) {
      const link = connectRedis(config.redisUrl, hooks.warn, { onState: hooks.redisDown });
      closers.push(() => link.close());
      if (!(await link.ready(3000)))
        hooks.warn(
          'Redis is out of reach at start: answering anyway, and reconnecting (see the README on several instances)',
        );
      deliveries = redisDeliveryLog(link);
      conversations = redisConversations(link);
      limiter = redisRateLimiter(link, config.rateLimitPerMinute);
      const signal = redisChangeSignal(link);
      closers.push(() => signal.close());
      signals.push(signal);
    } else {
      try {
        deliveries = await fileDeliveryLog(config.stateDir);
      } catch (error) {
        hooks.warn(
          `STATE_DIR ${config.stateDir} cannot be written (${errorCode(error)}): deliveries are remembered in memory only, so a retry after a restart may be answered twice`,
        );
        deliveries = memoryDeliveryLog();
      }
      limiter = memoryRateLimiter(config.rateLimitPerMinute);
    }
    const opened = deliveries;
    closers.push(() => opened.close());
    if (config.databaseUrl) {
      const notices = postgresChangeSignal(config.databaseUrl, hooks.warn);
      closers.push(() => notices.close());
      signals.push(notices);
    }

    // Many workspaces: their installations in the archive database, or embedded in STATE_DIR.
    let installations: SqlInstallationStore | undefined;
    if (config.oauth) {
      const sql = config.databaseUrl
        ? postgresSql(postgresPool(config.databaseUrl))
        : await embeddedSql(join(config.stateDir, 'installations'));
      closers.push(() => sql.close());
      installations = await sqlInstallationStore(sql, hooks.warn);
    }

    // Reviews and the audit log: in the archive database when there is one (any instance
    // may receive the click), else in STATE_DIR.
    let reviews: ReviewStore;
    let audit: AuditLog;
    if (archive.database) {
      reviews = archive.database.reviews();
      audit = archive.database.audit(hooks.echo);
    } else {
      try {
        reviews = await fileReviewStore(join(config.stateDir, 'reviews'));
      } catch (error) {
        hooks.warn(
          `STATE_DIR ${config.stateDir} cannot be written (${errorCode(error)}): statements sent for review are kept in memory only, and lost at a restart`,
        );
        reviews = memoryReviewStore();
      }
      audit = fileAuditLog(join(config.stateDir, 'audit.log'), hooks.echo);
    }
    return {
      archive,
      deliveries,
      conversations,
      limiter,
      signals,
      reviews,
      audit,
      ...(installations ? { installations } : {}),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
