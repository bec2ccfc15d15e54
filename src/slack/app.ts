import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import {
  App,
  HTTPReceiver,
  type InstallationStore,
  type Logger,
  LogLevel,
  SocketModeReceiver,
  type webApi,
} from '@slack/bolt';
import oauth from '@slack/oauth';
import { memoryAuditLog } from '../adapters/local/audit.ts';
import { memoryConversations } from '../adapters/local/conversations.ts';
import { type DeliveryLog, memoryDeliveryLog } from '../adapters/local/deliveries.ts';
import { filesArchive } from '../adapters/local/files-archive.ts';
import { memoryRateLimiter } from '../adapters/local/rate-limit.ts';
import { memoryReviewStore } from '../adapters/local/reviews.ts';
import type { SlackConfig } from '../config/slack-env.ts';
import { defaultIngestLimits, type IngestLimits } from '../core/ingest/limits.ts';
import type { Knowledge } from '../core/knowledge-base.ts';
import { defaultMaxStatementBytes } from '../core/statement-rules.ts';
import { type Ops, serveOps } from '../ops/health.ts';
import { createMetrics, type Metrics, meteredFetch } from '../ops/metrics.ts';
import type { ArchiveStore } from '../ports/archive.ts';
import type { AuditLog } from '../ports/audit.ts';
import type { ConversationMemory, RateLimiter } from '../ports/index.ts';
import type { ReviewStore } from '../ports/reviews.ts';
import { createEditors } from './archive/editors.ts';
import { registerArchiveListeners } from './archive/listeners.ts';
import type { SlackMessage } from './blocks.ts';
import { createHealth, type Health, type ServerLimits, serveHttp } from './http-server.ts';
import { createListenerContext } from './listeners/context.ts';
import { registerListeners } from './listeners/index.ts';
import { createLocaleCache } from './locale.ts';
import { errorCode, redactingLogger } from './logger.ts';
import { installedPage, installFailedPage, installPage } from './oauth-pages.ts';
import { replyClient } from './post.ts';
import { botScopes } from './scopes.ts';
import { isRefusedToken, StartError, slackErrorOf, verifyBotToken } from './start-auth.ts';
import type { Workspace } from './team.ts';

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
  /** What each conversation was last about (default: in memory). */
  conversations?: ConversationMemory;
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
  /** With OAuth (many workspaces): where installations are kept; required then. */
  installationStore?: InstallationStore;
  /** With OAuth: how long an install link's state is valid (default 10 minutes). */
  oauthStateSeconds?: number;
  /** The app's metrics, served at `/metrics` (default: a registry of its own, without Node's process metrics). */
  metrics?: Metrics;
  /** Readiness, when the composition reports its dependencies in it (default: the app's own). */
  health?: Health;
}

export interface RunningSlackApp {
  app: App;
  /** The HTTP port, in HTTP mode. */
  port?: number;
  /** Where `/livez`, `/readyz` and `/metrics` answer. */
  healthPort: number;
  health: Health;
  metrics: Metrics;
  stop(): Promise<void>;
}

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
  const health = options.health ?? createHealth();
  const metrics = options.metrics ?? createMetrics({ process: false });
  const ops: Ops = {
    health,
    statements: () => options.knowledge().statements.length,
    skipped: () => options.knowledge().skipped,
    metrics: metrics.registry,
  };
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: options.retries ?? 3, factor: 1.6, maxRetryTime: 20_000 },
    timeout: options.timeoutMs ?? 10_000,
    fetch: meteredFetch(metrics),
  };
  const logger = redactingLogger(options.logger);
  logger.setLevel(levels[config.logLevel]);
  const common = {
    // No conversation store: the app keeps no per-conversation state (and several instances share none).
    convoStore: false as const,
    clientOptions: { ...clientOptions, logger },
    logger,
    logLevel: levels[config.logLevel],
  };
  const verify = (token: string) =>
    verifyBotToken(token, clientOptions, {
      ...(options.startDeadlineMs !== undefined ? { deadlineMs: options.startDeadlineMs } : {}),
      log: (message) => logger.warn(message),
    });

  if (config.mode === 'socket') {
    // No HTTP server receives Slack's requests: the operations endpoints get one of their own.
    const opsServer = await serveOps(config.healthPort, ops);
    const token = config.botToken!;
    let verified: Awaited<ReturnType<typeof verify>>;
    try {
      verified = await verify(token);
    } catch (error) {
      await opsServer.close();
      throw error;
    }
    const { teamName, ...ids } = verified;
    const receiver = new SocketModeReceiver({
      appToken: config.appToken!,
      logger,
      logLevel: levels[config.logLevel],
      // What apps.connections.open is called with: SLACK_API_URL, timeouts, the metered fetch.
      installerOptions: { clientOptions },
    });
    timeSocketAcks(receiver, metrics);
    const app = new App({ ...common, token, ...ids, receiver });
    const listeners = wireListeners(app, options, health, metrics, async () => teamName);
    try {
      await app.start();
    } catch (error) {
      listeners.close();
      await app.stop().catch(() => undefined);
      await opsServer.close();
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
      healthPort: opsServer.port,
      health,
      metrics,
      stop: async () => {
        await app.stop();
        listeners.close();
        await opsServer.close();
      },
    };
  }

  if (!config.signingSecret) throw new Error('HTTP mode needs a signing secret');
  // The operations endpoints share Slack's port unless HEALTH_PORT gives them their own.
  const shared = config.healthPort === config.port;
  const http = await serveHttp({
    port: config.port,
    health,
    ...(shared ? { ops } : {}),
    onAck: (seconds) => metrics.ackSeconds.observe({ transport: 'http' }, seconds),
    ...(options.serverLimits ? { limits: options.serverLimits } : {}),
    ...(config.oauth ? { oauth: true } : {}),
  });
  let opsServer: { port: number; close(): Promise<void> } | undefined;
  try {
    opsServer = shared ? undefined : await serveOps(config.healthPort, ops);
  } catch (error) {
    await http.close();
    throw error;
  }
  const closeServers = async () => {
    await http.close();
    await opsServer?.close();
  };
  options.onListening?.(http.port);
  const receiverOptions = {
    signingSecret: config.signingSecret,
    endpoints: '/slack/events',
    logger,
    logLevel: levels[config.logLevel],
    // Whatever no listener acknowledged is acknowledged before Slack's 3 s deadline, never left to time out.
    unhandledRequestTimeoutMillis: 2_500,
    unhandledRequestHandler: ({ logger: log, response }: { logger: Logger; response: ServerResponse }) => {
      log.warn('a request no listener acknowledged was acknowledged empty');
      if (!response.headersSent) response.writeHead(200).end();
    },
    processEventErrorHandler: async ({
      error,
      logger: log,
      response,
    }: {
      error: unknown;
      logger: Logger;
      response: ServerResponse;
    }) => {
      log.error(`a request failed before any listener: ${errorCode(error)}`);
      if (!response.headersSent) response.writeHead(200).end();
      return true;
    },
  };
  let app: App;
  let workspaceName: (team: string) => Promise<string | undefined>;
  if (config.oauth) {
    // Many workspaces: each installs through /slack/install, and each request is answered
    // with the token of the workspace it came from (Bolt authorizes it from the store).
    const store = options.installationStore;
    if (!store) throw new Error('OAuth needs an installation store');
    const receiver = new HTTPReceiver({
      ...receiverOptions,
      clientId: config.oauth.clientId,
      clientSecret: config.oauth.clientSecret,
      stateSecret: config.oauth.stateSecret,
      scopes: [...botScopes],
      installationStore: store,
      installerOptions: {
        installPath: '/slack/install',
        redirectUriPath: '/slack/oauth_redirect',
        directInstall: false,
        stateVerification: true,
        stateStore: new oauth.ClearStateStore(config.oauth.stateSecret, options.oauthStateSeconds ?? 600),
        // oauth.v2.access goes to SLACK_API_URL too, so that everything can run offline.
        clientOptions,
        renderHtmlForInstallPath: installPage,
        callbackOptions: {
          success: (installation, _options, _req, res) => {
            logger.info(
              `installed in ${installation.isEnterpriseInstall ? `enterprise ${installation.enterprise?.id}` : `workspace ${installation.team?.id}`}`,
            );
            res
              .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
              .end(installedPage(installation));
          },
          failure: (error, _options, _req, res) => {
            logger.warn(`an installation did not complete: ${errorCode(error)}`);
            res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' }).end(installFailedPage());
          },
        },
      },
    });
    app = new App({ ...common, receiver });
    workspaceName = async (team) => {
      try {
        const found = await store.fetchInstallation({
          teamId: team,
          enterpriseId: undefined,
          isEnterpriseInstall: false,
        });
        return found.team?.name ?? found.enterprise?.name;
      } catch {
        try {
          const org = await store.fetchInstallation({
            teamId: undefined,
            enterpriseId: team,
            isEnterpriseInstall: true,
          });
          return org.enterprise?.name;
        } catch {
          return undefined;
        }
      }
    };
    http.route(receiver.requestListener);
  } else {
    const token = config.botToken!;
    let verified: Awaited<ReturnType<typeof verify>>;
    try {
      verified = await verify(token);
    } catch (error) {
      await closeServers();
      throw error;
    }
    const { teamName, ...ids } = verified;
    const receiver = new HTTPReceiver(receiverOptions);
    app = new App({ ...common, token, ...ids, receiver });
    workspaceName = async () => teamName;
    http.route(receiver.requestListener);
  }
  const listeners = wireListeners(app, options, health, metrics, workspaceName);
  health.ready();
  return {
    app,
    port: http.port,
    healthPort: opsServer?.port ?? http.port,
    health,
    metrics,
    stop: async () => {
      await closeServers();
      listeners.close();
    },
  };
}

/**
 * Times each Socket Mode acknowledgement, from the envelope's arrival to the ack sent
 * back. The client hands every listener of `slack_event` the same object, so a listener
 * put before Bolt's wraps the ack that Bolt then takes.
 */
function timeSocketAcks(receiver: SocketModeReceiver, metrics: Metrics) {
  const client = receiver.client;
  type Envelope = { ack: (response?: Record<string, unknown>) => Promise<void> };
  const others = client.listeners('slack_event') as Array<(event: Envelope) => void>;
  client.removeAllListeners('slack_event');
  client.on('slack_event', (event: Envelope) => {
    const arrived = performance.now();
    const ack = event.ack;
    event.ack = async (response) => {
      try {
        await ack(response);
      } finally {
        metrics.ackSeconds.observe({ transport: 'socket' }, (performance.now() - arrived) / 1000);
      }
    };
  });
  for (const listener of others) client.on('slack_event', listener);
}

/**
 * Builds what the listeners share (the ports, the locale cache, the editors, the archive's
 * listeners) and registers every listener. Returns how to stop what it started.
 */
function wireListeners(
  app: App,
  options: SlackAppOptions,
  health: Health,
  metrics: Metrics,
  workspaceName: (team: string) => Promise<string | undefined>,
): { close(): void } {
  const { config } = options;
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    timeout: options.timeoutMs ?? 10_000,
    fetch: meteredFetch(metrics),
  };
  const log = app.logger;
  // Reply clients, one per workspace token (bounded all the same).
  const posters = new Map<string, webApi.WebClient>();
  const poster = (token: string) => {
    let client = posters.get(token);
    if (!client) {
      if (posters.size >= 1000) posters.clear();
      client = replyClient(token, { ...clientOptions, logger: log });
      posters.set(token, client);
    }
    return client;
  };
  const locales = createLocaleCache({ ...clientOptions, logger: log }, (message) => log.warn(message), {
    ...(options.localeBudgetMs !== undefined ? { budgetMs: options.localeBudgetMs } : {}),
  });
  const userLanguage = (user: string | undefined, workspace: Workspace) =>
    locales.languageOf(user, workspace);
  const editors = createEditors(config.editors, (message) => log.warn(message));
  const archive = registerArchiveListeners(app, {
    editors,
    reviews: options.reviews ?? memoryReviewStore(),
    audit: options.audit ?? memoryAuditLog((line) => log.info(`audit ${line}`)),
    knowledge: options.knowledge,
    archive:
      options.archive ?? filesArchive(join(config.dataDir, 'statements'), join(config.stateDir, 'removed')),
    announce: options.announce ?? (async () => undefined),
    limits: options.ingestLimits ?? defaultIngestLimits,
    maxStatementBytes: config.maxStatementBytes ?? defaultMaxStatementBytes,
    ...(config.apiUrl ? { apiUrl: config.apiUrl } : {}),
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
      conversations: options.conversations ?? memoryConversations(),
      limiter: options.rateLimiter ?? memoryRateLimiter(config.rateLimitPerMinute),
      userLanguage,
      workspaceName,
      editors,
      archive,
      unfurlDomains: config.unfurlDomains,
      health,
      metrics,
    }),
    { store: config.oauth ? options.installationStore : undefined, health },
  );
  return archive;
}

export type { SlackMessage };
