import type { SlackConfig } from '../config/slack-env.ts';
import { createHealth } from '../ops/health.ts';
import { createMetrics } from '../ops/metrics.ts';
import { openPorts } from '../service/compose.ts';
import { type LoadOptions, type LoadReport, loadKnowledgeWithReport } from '../service/knowledge/load.ts';
import { type WatchOptions, watchKnowledge } from '../service/knowledge/watch.ts';
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
    let running: RunningSlackApp | undefined;
    // Every port, chosen once from the configuration (the archive first: its schema is
    // migrated before anything reads it).
    const ports = await openPorts(
      {
        dataDir: config.dataDir,
        stateDir: config.stateDir,
        ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
        ...(config.redisUrl ? { redisUrl: config.redisUrl } : {}),
        rateLimitPerMinute: config.rateLimitPerMinute,
        oauth: config.oauth !== undefined,
      },
      {
        warn: (message) => (running ? running.app.logger.warn(message) : warn(message)),
        echo: (line) => running?.app.logger.info(`audit ${line}`),
        redisDown: (down) =>
          health.dependency(
            'redis',
            down ? 'out of reach: deliveries and rate limits are kept per instance meanwhile' : undefined,
          ),
      },
    );
    closers.push(() => ports.close());
    const { archive, signals } = ports;
    const { knowledge, report } = await loadKnowledgeWithReport(config.dataDir, load);
    metrics.statements.set(knowledge.statements.length);

    const watched = watchKnowledge(config.dataDir, knowledge, {
      ...load,
      ...(report.stamp ? { stamp: report.stamp } : {}),
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

    running = await startSlackApp({
      ...options,
      config,
      metrics,
      health,
      knowledge: watched.get,
      deliveryLog: ports.deliveries,
      conversations: ports.conversations,
      rateLimiter: ports.limiter,
      reviews: ports.reviews,
      audit: ports.audit,
      archive: archive.store,
      ...(ports.installations ? { installationStore: ports.installations } : {}),
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
