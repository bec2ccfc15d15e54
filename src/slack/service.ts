import { join } from 'node:path';
import { fileAuditLog } from '../adapters/local/audit.ts';
import { memoryConversations } from '../adapters/local/conversations.ts';
import { fileDeliveryLog, memoryDeliveryLog } from '../adapters/local/deliveries.ts';
import { memoryRateLimiter } from '../adapters/local/rate-limit.ts';
import { fileReviewStore, memoryReviewStore } from '../adapters/local/reviews.ts';
import { postgresChangeSignal } from '../adapters/postgres/archive.ts';
import { type SqlInstallationStore, sqlInstallationStore } from '../adapters/postgres/installations.ts';
import { postgresAuditLog, postgresReviewStore } from '../adapters/postgres/reviews.ts';
import { embeddedSql, postgresPool, postgresSql } from '../adapters/postgres/sql.ts';
import {
  connectRedis,
  type RedisLink,
  redisChangeSignal,
  redisConversations,
  redisDeliveryLog,
  redisRateLimiter,
} from '../adapters/redis/redis.ts';
import { archiveProblem, openArchive } from '../archive-store.ts';
import type { SlackConfig } from '../config/slack-env.ts';
import { DataError, errorCode } from '../core/errors.ts';
import { type LoadOptions, type LoadReport, loadKnowledgeWithReport } from '../knowledge.ts';
import { createHealth } from '../ops/health.ts';
import { createMetrics } from '../ops/metrics.ts';
import type { AuditLog } from '../ports/audit.ts';
import type { ChangeSignal, ConversationMemory, DeliveryLog, RateLimiter } from '../ports/index.ts';
import type { ReviewStore } from '../ports/reviews.ts';
import { type WatchOptions, watchKnowledge } from '../watch.ts';
import { type RunningSlackApp, type SlackAppOptions, startSlackApp } from './app.ts';

/** Everything one instance of the app runs, and how to stop it. */
export interface RunningService {
  app: RunningSlackApp;
  report: LoadReport;
  statements: () => number;
  stop(): Promise<void>;
}

export interface ServiceOptions extends Partial<Omit<SlackAppOptions, 'config' | 'knowledge'>> {
  /** How the data is loaded (snapshot folder, file cap). */
  load?: LoadOptions;
  /** Notes for the operator (the log): never data; `warn` for what went wrong. */
  note?: (message: string, level?: 'info' | 'warn') => void;
  /** How often the archive's version is checked, as a safety net for missed change signals (default 3 s). */
  versionCheckMs?: number;
  /** Told after each reload attempt (tests). */
  onReload?: WatchOptions['onReload'];
}

/**
 * One instance of the app, composed from the configuration: the knowledge (from the data
 * folder, or the archive database), kept current by the live reload and the change
 * signals; the ports, on Redis when REDIS_URL is set (else in this process and STATE_DIR);
 * the archive store; then the Slack app itself. Throws what stops a start (bad data,
 * Slack refusing the token, a port in use) after closing what it opened.
 */
export async function startService(
  config: SlackConfig,
  options: ServiceOptions = {},
): Promise<RunningService> {
  const note = options.note ?? (() => undefined);
  const warn = (message: string) => note(message, 'warn');
  const metrics = options.metrics ?? createMetrics();
  const health = options.health ?? createHealth();
  const closers: Array<() => unknown> = [];
  const closeAll = async () => {
    for (const close of closers.reverse()) await Promise.resolve(close()).catch(() => undefined);
    closers.length = 0;
  };
  try {
    const load: LoadOptions = {
      ...options.load,
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
      log: note,
    };
    // The archive first: with a database, its schema is migrated before anything reads it.
    const archive = await openArchive({
      dataDir: config.dataDir,
      stateDir: config.stateDir,
      ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    }).catch((error: unknown) => {
      throw new DataError('the archive', [archiveProblem(error)]);
    });
    closers.push(() => archive.close());
    const { knowledge, report } = await loadKnowledgeWithReport(config.dataDir, load);
    metrics.statements.set(knowledge.statements.length);

    let link: RedisLink | undefined;
    let deliveries: DeliveryLog;
    let conversations: ConversationMemory = memoryConversations();
    let limiter: RateLimiter;
    const signals: ChangeSignal[] = [];
    if (config.redisUrl) {
      link = connectRedis(config.redisUrl, warn, {
        onState: (down) =>
          health.dependency(
            'redis',
            down ? 'out of reach: deliveries and rate limits are kept per instance meanwhile' : undefined,
          ),
      });
      closers.push(() => link?.close());
      if (!(await link.ready(3000)))
        warn(
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
        warn(
          `STATE_DIR ${config.stateDir} cannot be written (${errorCode(error)}): deliveries are remembered in memory only, so a retry after a restart may be answered twice`,
        );
        deliveries = memoryDeliveryLog();
      }
      limiter = memoryRateLimiter(config.rateLimitPerMinute);
    }
    closers.push(() => deliveries.close());

    if (config.databaseUrl) {
      const notices = postgresChangeSignal(config.databaseUrl, warn);
      closers.push(() => notices.close());
      signals.push(notices);
    }
    const watched = watchKnowledge(config.dataDir, knowledge, {
      ...load,
      signals,
      onReload: (outcome) => {
        metrics.reloads.inc({ outcome: outcome.ok ? 'ok' : 'failed' });
        metrics.reloadSeconds.observe(outcome.ms / 1000);
        if (outcome.ok) metrics.statements.set(outcome.knowledge.statements.length);
        options.onReload?.(outcome);
      },
      ...(config.databaseUrl || config.redisUrl
        ? { version: { read: () => archive.store.version(), everyMs: options.versionCheckMs ?? 3000 } }
        : {}),
    });
    closers.push(() => watched.close());

    let running: RunningSlackApp | undefined;
    // Many workspaces: their installations in the archive database, or embedded in STATE_DIR.
    let installations: SqlInstallationStore | undefined;
    if (config.oauth) {
      const sql = config.databaseUrl
        ? postgresSql(postgresPool(config.databaseUrl))
        : await embeddedSql(join(config.stateDir, 'installations'));
      closers.push(() => sql.close());
      installations = await sqlInstallationStore(sql, (message) =>
        running ? running.app.logger.warn(message) : warn(message),
      );
    }
    // Reviews of statements sent from Slack, and the audit log: in the archive database
    // when there is one (any instance may receive the click), else in STATE_DIR.
    let reviews: ReviewStore;
    let audit: AuditLog;
    const echo = (line: string) => running?.app.logger.info(`audit ${line}`);
    if (archive.pool) {
      reviews = postgresReviewStore(archive.pool);
      audit = postgresAuditLog(archive.pool, echo);
    } else {
      try {
        reviews = await fileReviewStore(join(config.stateDir, 'reviews'));
      } catch (error) {
        warn(
          `STATE_DIR ${config.stateDir} cannot be written (${errorCode(error)}): statements sent for review are kept in memory only, and lost at a restart`,
        );
        reviews = memoryReviewStore();
      }
      audit = fileAuditLog(join(config.stateDir, 'audit.log'), echo);
    }
    running = await startSlackApp({
      ...options,
      config,
      metrics,
      health,
      knowledge: watched.get,
      deliveryLog: deliveries,
      conversations,
      rateLimiter: limiter,
      reviews,
      audit,
      archive: archive.store,
      ...(installations ? { installationStore: installations } : {}),
      announce: async () => {
        for (const signal of signals) await signal.announce();
      },
    });
    const app = running;
    return {
      app,
      report,
      statements: () => watched.get().statements.length,
      async stop() {
        await app.stop();
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
