import { join } from 'node:path';
import { App, HTTPReceiver, type Logger, LogLevel } from '@slack/bolt';
import { filesArchive } from '../adapters/files-archive';
import type { SlackConfig } from '../config/slack-env';
import { defaultIngestLimits, type IngestLimits } from '../core/ingest/limits';
import type { Knowledge } from '../core/knowledge-base';
import type { RateLimiter } from '../ports';
import type { ArchiveStore } from '../ports/archive';
import { type AuditLog, memoryAuditLog } from './archive/audit';
import { createEditors } from './archive/editors';
import { registerArchiveListeners } from './archive/listeners';
import { memoryReviewStore, type ReviewStore } from './archive/reviews';
import type { SlackMessage } from './blocks';
import { type DeliveryLog, memoryDeliveryLog } from './delivery-log';
import { createHealth, type Health, type ServerLimits, serveHttp } from './http-server';
import { createListenerContext } from './listeners/context';
import { registerListeners } from './listeners/index';
import { createLocaleCache } from './locale';
import { errorCode, redactingLogger } from './logger';
import { replyClient } from './post';
import { memoryRateLimiter } from './rate-limit';
import { isRefusedToken, StartError, slackErrorOf, verifyBotToken } from './start-auth';

/** What the Slack adapter needs: its configuration and the current knowledge (which may be reloaded). */
export interface SlackAppOptions {
  config: SlackConfig;
  knowledge: () => Knowledge;
  logger?: Logger;
  /** Web API retries (Slack's client default retries for half an hour; tests use 0). */
  retries?: number;
  /** Web API request timeout in milliseconds (default 10 s). */
  timeoutMs?: number;
  /** How long to keep trying to reach Slack at start (default 60 s). */
  startDeadlineMs?: number;
  /** How long an answer waits for the user's locale (default 500 ms). */
  localeBudgetMs?: number;
  /** HTTP server limits (timeouts, connections). */
  serverLimits?: Partial<ServerLimits>;
  /** Called once the HTTP server listens, before the token is checked (`/healthz` answers from then on). */
  onListening?: (port: number) => void;
  /** Where answered deliveries are remembered (default: in memory). */
  deliveryLog?: DeliveryLog;
  /** The per-user rate limit (default: in memory, RATE_LIMIT_PER_MINUTE). */
  rateLimiter?: RateLimiter;
  /** Where statements sent from Slack wait for review (default: in memory). */
  reviews?: ReviewStore;
  /** Where what editors do to the archive is recorded (default: the app's log only). */
  audit?: AuditLog;
  /** Where statements are added from Slack (default: the data folder's statements, removed ones kept in STATE_DIR/removed). */
  archive?: ArchiveStore;
  /** Tells every instance the archive changed (default: nothing to tell; the live reload sees the folder). */
  announce?: () => Promise<void>;
  /** The limits a document sent from Slack is read with (default: the ingest's). */
  ingestLimits?: IngestLimits;
  /** The clock (tests move it to expire reviews). */
  now?: () => Date;
}

export interface RunningSlackApp {
  app: App;
  /** The HTTP port, in HTTP mode. */
  port?: number;
  health: Health;
  stop(): Promise<void>;
}

/** Passages per slash-command answer; "More results" pages through the rest. */
const _pageSize = 1;

const levels: Record<SlackConfig['logLevel'], LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/**
 * Builds the Bolt app around `answer` and starts it: Socket Mode when an app token is
 * set, else HTTP on `/slack/events` with `/healthz`. The bot token is checked first, with
 * retries through transient failures (StartError when Slack refuses it or stays out of
 * reach); `/healthz` answers 503 until the app can answer. Listeners only parse what
 * Slack sent, call the core, render and reply.
 */
export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const { config } = options;
  const health = createHealth();
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: options.retries ?? 3, factor: 1.6, maxRetryTime: 20_000 },
    timeout: options.timeoutMs ?? 10_000,
  };
  const logger = redactingLogger(options.logger);
  logger.setLevel(levels[config.logLevel]);
  const common = {
    // No conversation store: the app keeps no per-conversation state (and several instances share none).
    convoStore: false as const,
    token: config.botToken,
    clientOptions: { ...clientOptions, logger },
    logger,
    logLevel: levels[config.logLevel],
  };
  const verify = () =>
    verifyBotToken(config.botToken, clientOptions, {
      ...(options.startDeadlineMs !== undefined ? { deadlineMs: options.startDeadlineMs } : {}),
      log: (message) => logger.warn(message),
    });

  if (config.mode === 'socket') {
    const ids = await verify();
    const app = new App({ ...common, ...ids, socketMode: true, appToken: config.appToken! });
    const listeners = wireListeners(app, options, health);
    try {
      await app.start();
    } catch (error) {
      listeners.close();
      await app.stop().catch(() => undefined);
      throw isRefusedToken(error)
        ? new StartError(
            'refused',
            `Slack refused SLACK_APP_TOKEN (${slackErrorOf(error)}): create an app-level token with connections:write (Basic Information → App-Level Tokens)`,
          )
        : new StartError(
            'unreachable',
            'Socket Mode could not connect to Slack: check the network and SLACK_APP_TOKEN',
          );
    }
    health.ready();
    return {
      app,
      health,
      stop: () =>
        app.stop().then(() => {
          listeners.close();
        }),
    };
  }

  if (!config.signingSecret) throw new Error('HTTP mode needs a signing secret');
  const http = await serveHttp({
    port: config.port,
    health,
    statements: () => options.knowledge().statements.length,
    ...(options.serverLimits ? { limits: options.serverLimits } : {}),
  });
  options.onListening?.(http.port);
  let ids: Awaited<ReturnType<typeof verify>>;
  try {
    ids = await verify();
  } catch (error) {
    await http.close();
    throw error;
  }
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: '/slack/events',
    logger,
    logLevel: levels[config.logLevel],
    // Whatever no listener acknowledged is acknowledged before Slack's 3 s deadline, never left to time out.
    unhandledRequestTimeoutMillis: 2_500,
    unhandledRequestHandler: ({ logger: log, response }) => {
      log.warn('a request no listener acknowledged was acknowledged empty');
      if (!response.headersSent) response.writeHead(200).end();
    },
    processEventErrorHandler: async ({ error, logger: log, response }) => {
      log.error(`a request failed before any listener: ${errorCode(error)}`);
      if (!response.headersSent) response.writeHead(200).end();
      return true;
    },
  });
  const app = new App({ ...common, ...ids, receiver });
  const listeners = wireListeners(app, options, health);
  http.route(receiver.requestListener);
  health.ready();
  return {
    app,
    port: http.port,
    health,
    stop: () =>
      http.close().then(() => {
        listeners.close();
      }),
  };
}

/**
 * Builds what the listeners share (the ports, the locale cache, the editors, the archive's
 * listeners) and registers every listener. Returns how to stop what it started.
 */
function wireListeners(app: App, options: SlackAppOptions, health: Health): { close(): void } {
  const { config } = options;
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    timeout: options.timeoutMs ?? 10_000,
  };
  const log = app.logger;
  const poster = replyClient(config.botToken, { ...clientOptions, logger: log });
  const locales = createLocaleCache(
    config.botToken,
    { ...clientOptions, logger: log },
    (message) => log.warn(message),
    {
      ...(options.localeBudgetMs !== undefined ? { budgetMs: options.localeBudgetMs } : {}),
    },
  );
  const userLanguage = (user: string | undefined) => locales.languageOf(user);
  const editors = createEditors(config.editors, poster, (message) => log.warn(message));
  const archive = registerArchiveListeners(app, {
    editors,
    reviews: options.reviews ?? memoryReviewStore(),
    audit: options.audit ?? memoryAuditLog((line) => log.info(`audit ${line}`)),
    knowledge: options.knowledge,
    archive:
      options.archive ?? filesArchive(join(config.dataDir, 'statements'), join(config.stateDir, 'removed')),
    announce: options.announce ?? (async () => undefined),
    limits: options.ingestLimits ?? defaultIngestLimits,
    ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
    botToken: config.botToken,
    userLanguage,
    log,
    now: options.now ?? (() => new Date()),
  });
  registerListeners(
    app,
    createListenerContext({
      knowledge: options.knowledge,
      log,
      poster,
      deliveries: options.deliveryLog ?? memoryDeliveryLog(),
      limiter: options.rateLimiter ?? memoryRateLimiter(config.rateLimitPerMinute),
      userLanguage,
      editors,
      archive,
      health,
    }),
  );
  return archive;
}

export type { SlackMessage };
