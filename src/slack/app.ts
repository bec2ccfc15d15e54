import { join } from 'node:path';
import { App, HTTPReceiver, type Logger, LogLevel } from '@slack/bolt';
import { filesArchive } from '../adapters/files-archive';
import type { SlackConfig } from '../config/slack-env';
import { answer, answerRelated } from '../core/answer';
import type { Language } from '../core/corpus';
import { defaultIngestLimits, type IngestLimits } from '../core/ingest/limits';
import { cleanInput } from '../core/input';
import type { Knowledge } from '../core/knowledge-base';
import type { Reply } from '../core/reply';
import type { ArchiveStore } from '../ports/archive';
import { type AuditLog, memoryAuditLog } from './archive/audit';
import { createEditors } from './archive/editors';
import { registerArchiveListeners } from './archive/listeners';
import { modalIds } from './archive/modals';
import { reviewActions } from './archive/review-message';
import { memoryReviewStore, type ReviewStore } from './archive/reviews';
import { type MessageOptions, type SlackMessage, toMessage } from './blocks';
import { type DeliveryLog, memoryDeliveryLog } from './delivery-log';
import { stripSlackMarkup } from './escape';
import { type HomeArchive, openAddAction, toHomeView } from './home';
import { createHealth, type Health, type ServerLimits, serveHttp } from './http-server';
import { createLocaleCache } from './locale';
import { errorCode, redactingLogger } from './logger';
import { notices } from './notices';
import { postReply, replyClient, UnconfirmedPostError } from './post';
import { createRateLimiter } from './rate-limit';
import { isRefusedToken, StartError, slackErrorOf, verifyBotToken } from './start-auth';
import { type ButtonState, decodeState } from './state';
import { teamOf } from './team';

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
const pageSize = 1;

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
    const listeners = registerListeners(app, options, health);
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
  const listeners = registerListeners(app, options, health);
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

function registerListeners(app: App, options: SlackAppOptions, health: Health): { close(): void } {
  const { config } = options;
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    timeout: options.timeoutMs ?? 10_000,
  };
  const log = app.logger;
  const poster = replyClient(config.botToken, { ...clientOptions, logger: log });
  const seen = options.deliveryLog ?? memoryDeliveryLog();
  const limiter = createRateLimiter(config.rateLimitPerMinute);
  const locales = createLocaleCache(
    config.botToken,
    { ...clientOptions, logger: log },
    (message) => log.warn(message),
    {
      ...(options.localeBudgetMs !== undefined ? { budgetMs: options.localeBudgetMs } : {}),
    },
  );
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
    userLanguage: (user) => locales.languageOf(user),
    log,
    now: options.now ?? (() => new Date()),
  });

  /** Logs a failure by its code; a refused token makes the app unhealthy, so that it gets restarted. */
  const failed = (what: string, error: unknown) => {
    log.error(`${what}: ${errorCode(error)}`);
    if (isRefusedToken(error)) health.failing(`Slack refused the token (${slackErrorOf(error)})`);
  };

  /** The user's Slack language within a short budget; undefined when unknown or late. */
  const userLanguage = (user: string | undefined) => locales.languageOf(user);

  const stateFor = (text: string, reply: Reply, iface: Language, mode: ButtonState['m']): ButtonState => ({
    t: cleanInput(text),
    l: reply.language,
    i: iface,
    o: 0,
    n: pageSize,
    m: mode,
  });

  const rerun = (state: ButtonState): Reply => {
    // The language shown travels as state, never as text added to the query.
    const settings = { chosen: state.l, interface: state.i, offset: state.o, limit: state.n };
    return state.m === 'related'
      ? answerRelated(state.t, options.knowledge(), settings)
      : answer(state.t, options.knowledge(), settings);
  };

  /** One log line per request: its id, what it was, the reply kind and the time; never the text. */
  const timed = (kind: string, id: string | undefined, started: number, reply?: Reply) =>
    log.info(
      `[${id ?? '-'}] ${kind}${reply ? ` → ${reply.kind}` : ''} in ${(performance.now() - started).toFixed(1)} ms`,
    );

  app.command(/.*/, async ({ command, ack }) => {
    const started = performance.now();
    const iface: Language = /citation/i.test(command.command) ? 'fr' : 'en';
    try {
      if (!limiter.allow(command.user_id)) {
        await ack({ response_type: 'ephemeral', text: notices[iface].rateLimited });
        timed(`command ${command.command} (rate limited)`, command.trigger_id, started);
        return;
      }
      const text = stripSlackMarkup(command.text ?? '');
      const reply = answer(text, options.knowledge(), { interface: iface, limit: pageSize });
      await ack({
        response_type: 'ephemeral',
        ...toMessage(reply, { state: stateFor(text, reply, iface, 'command') }),
      });
      timed(`command ${command.command}`, command.trigger_id, started, reply);
    } catch (error) {
      failed(`[${command.trigger_id}] command ${command.command} failed`, error);
      await ack({ response_type: 'ephemeral', text: notices[iface].failure });
    }
  });

  app.action(
    /^(swap_language|share_in_channel|more_results)$/,
    async ({ ack, action, body, respond, client }) => {
      await ack();
      const started = performance.now();
      const state = decodeState('value' in action ? action.value : undefined);
      const actionId = 'action_id' in action ? action.action_id : 'unknown';
      const id = 'trigger_id' in body ? body.trigger_id : undefined;
      const language = state?.i ?? 'en';
      // A payload without a user cannot be answered or rate limited: acknowledged, logged, dropped.
      const userId: string | undefined = body.user?.id;
      if (!userId) {
        log.warn(`[${id ?? '-'}] action ${actionId} without a user ignored`);
        return;
      }
      /** Answers in place; when the response_url has expired, says so privately instead. */
      const reply = async (message: Parameters<typeof respond>[0]) => {
        try {
          await respond(message);
        } catch (error) {
          log.warn(`[${id ?? '-'}] response_url failed (${errorCode(error)}): telling the user`);
          const channel = body.channel?.id;
          if (channel) {
            await client.chat
              .postEphemeral({ channel, user: userId, text: notices[language].expired })
              .catch((failure: unknown) =>
                log.error(`[${id ?? '-'}] chat.postEphemeral failed: ${errorCode(failure)}`),
              );
          }
        }
      };
      try {
        if (!state) {
          await reply({ response_type: 'ephemeral', replace_original: false, text: notices.en.failure });
          return;
        }
        if (!limiter.allow(userId)) {
          await reply({
            response_type: 'ephemeral',
            replace_original: false,
            text: notices[language].rateLimited,
          });
          return;
        }
        const answered = rerun(state);
        if (actionId === 'share_in_channel') {
          await reply({
            response_type: 'in_channel',
            replace_original: false,
            ...toMessage(answered, { sharedBy: userId }),
          });
        } else {
          await reply({
            response_type: 'ephemeral',
            replace_original: true,
            ...toMessage(answered, { state }),
          });
        }
        timed(`action ${actionId}`, id, started, answered);
      } catch (error) {
        failed(`[${id ?? '-'}] action ${actionId} failed`, error);
        await reply({
          response_type: 'ephemeral',
          replace_original: false,
          text: notices[language].failure,
        });
      }
    },
  );

  /**
   * Answers a message that asks something (a mention, or a direct message to the app)
   * once, whatever Slack's retries: in its thread for a mention, in the conversation for a
   * direct message.
   */
  const answerMessage = async (
    message: { eventId: string | undefined; team: string; user: string; channel: string; ts: string },
    text: string,
    threadTs: string | undefined,
    client: App['client'],
  ) => {
    const started = performance.now();
    const { eventId, user, channel } = message;
    const kind = threadTs ? 'app_mention' : 'direct message';
    const located = await userLanguage(user);
    const locale = located ?? 'en';
    const thread = threadTs ? { thread_ts: threadTs } : {};
    try {
      if (!limiter.allow(user)) {
        // A refusal goes to the user alone, not to the thread.
        await client.chat.postEphemeral({ channel, user, ...thread, text: notices[locale].rateLimited });
        timed(`${kind} (rate limited)`, eventId, started);
        return;
      }
      const reply = answer(stripSlackMarkup(text), options.knowledge(), {
        ...(located ? { locale: located } : {}),
        limit: 3,
      });
      const compact: MessageOptions = {
        compact: { command: reply.language === 'fr' ? '/citation' : '/quote' },
      };
      await postReply(poster, { channel, ...thread, ...toMessage(reply, compact) });
      timed(kind, eventId, started, reply);
    } catch (error) {
      failed(`[${eventId ?? '-'}] ${kind} failed`, error);
      await client.chat
        .postEphemeral({
          channel,
          user,
          ...thread,
          text: error instanceof UnconfirmedPostError ? notices[locale].unconfirmed : notices[locale].failure,
        })
        .catch((failure: unknown) =>
          log.error(`[${eventId ?? '-'}] chat.postEphemeral failed: ${errorCode(failure)}`),
        );
    }
  };

  /** True the first time a delivery is seen; a log that cannot be written must not silence the bot (fail open). */
  const firstDelivery = async (eventId: string | undefined, team: string, channel: string, ts: string) => {
    try {
      // Keys are scoped by workspace: event ids and message timestamps are unique only within one.
      return await seen.firstTime(`event:${team}:${eventId}`, `message:${team}:${channel}:${ts}`);
    } catch (error) {
      log.warn(`[${eventId ?? '-'}] delivery log unavailable (${errorCode(error)}): answering`);
      return true;
    }
  };

  app.event('app_mention', async ({ event, body, client, context }) => {
    const eventId = 'event_id' in body ? String(body.event_id) : undefined;
    if (('bot_id' in event && event.bot_id) || ('subtype' in event && event.subtype === 'bot_message'))
      return;
    if (!event.user || event.user === context.botUserId) return;
    const team = teamOf(body);
    if (!(await firstDelivery(eventId, team, event.channel, event.ts))) {
      log.info(`[${eventId ?? '-'}] redelivered app_mention ignored (retry ${context.retryNum ?? 0})`);
      return;
    }
    await answerMessage(
      { eventId, team, user: event.user, channel: event.channel, ts: event.ts },
      event.text,
      event.thread_ts ?? event.ts,
      client,
    );
  });

  // Direct messages to the app: files are statements to add (editors only); text is a question.
  app.event('message', async ({ event, body, client, context }) => {
    const message = event as unknown as {
      channel_type?: string;
      subtype?: string;
      bot_id?: string;
      user?: string;
      channel: string;
      ts: string;
      thread_ts?: string;
      text?: string;
      files?: Array<{ id?: unknown; name?: unknown }>;
    };
    if (message.channel_type !== 'im' || message.bot_id) return;
    if (message.subtype !== undefined && message.subtype !== 'file_share') return;
    if (!message.user || message.user === context.botUserId) return;
    const eventId = 'event_id' in body ? String(body.event_id) : undefined;
    const team = teamOf(body);
    if (!(await firstDelivery(eventId, team, message.channel, message.ts))) {
      log.info(`[${eventId ?? '-'}] redelivered message ignored (retry ${context.retryNum ?? 0})`);
      return;
    }
    const files = (message.files ?? []).flatMap((file) =>
      typeof file.id === 'string'
        ? [{ id: file.id, ...(typeof file.name === 'string' ? { name: file.name } : {}) }]
        : [],
    );
    if (files.length === 0) {
      if (!message.text?.trim()) return;
      await answerMessage(
        { eventId, team, user: message.user, channel: message.channel, ts: message.ts },
        message.text,
        message.thread_ts,
        client,
      );
      return;
    }
    const started = performance.now();
    const language = (await userLanguage(message.user)) ?? 'en';
    try {
      if (!limiter.allow(message.user)) {
        await client.chat.postEphemeral({
          channel: message.channel,
          user: message.user,
          text: notices[language].rateLimited,
        });
        timed('files in a direct message (rate limited)', eventId, started);
        return;
      }
      await archive.receive({
        client,
        team,
        user: message.user,
        channel: message.channel,
        threadTs: message.thread_ts ?? message.ts,
        files,
        language,
      });
      timed(`files (${files.length}) in a direct message`, eventId, started);
    } catch (error) {
      failed(`[${eventId ?? '-'}] files in a direct message failed`, error);
      await client.chat
        .postMessage({
          channel: message.channel,
          thread_ts: message.thread_ts ?? message.ts,
          text: notices[language].archive.failed,
        })
        .catch((failure: unknown) =>
          log.error(`[${eventId ?? '-'}] chat.postMessage failed: ${errorCode(failure)}`),
        );
    }
  });

  app.shortcut(
    /^(find_related_quotes|trouver_des_citations)$/,
    async ({ ack, shortcut, respond, client }) => {
      await ack();
      const started = performance.now();
      const id = shortcut.trigger_id;
      // The French shortcut sets the interface; the English one defers to the user's Slack language.
      const iface: Language | undefined = shortcut.callback_id === 'trouver_des_citations' ? 'fr' : undefined;
      const located = await userLanguage(shortcut.user.id);
      const locale = iface ?? located ?? 'en';
      /** Answers through the response_url; when it is missing or expired, as a private message in the channel. */
      const answerPrivately = async (message: { text: string; blocks?: SlackMessage['blocks'] }) => {
        try {
          if (!('response_url' in shortcut) || !shortcut.response_url) throw new Error('no response_url');
          await respond({ response_type: 'ephemeral', ...message });
        } catch (error) {
          log.warn(`[${id}] response_url failed (${errorCode(error)}): answering privately`);
          const channel = 'channel' in shortcut ? shortcut.channel?.id : undefined;
          if (!channel) throw error;
          await client.chat.postEphemeral({ channel, user: shortcut.user.id, ...message });
        }
      };
      try {
        if (!limiter.allow(shortcut.user.id)) {
          await answerPrivately({ text: notices[locale].rateLimited });
          return;
        }
        const text = 'message' in shortcut ? stripSlackMarkup(shortcut.message.text ?? '') : '';
        const reply = answerRelated(text, options.knowledge(), {
          ...(iface ? { interface: iface } : {}),
          ...(located ? { locale: located } : {}),
          limit: pageSize,
        });
        await answerPrivately(toMessage(reply, { state: stateFor(text, reply, locale, 'related') }));
        timed('message shortcut', id, started, reply);
      } catch (error) {
        failed(`[${id}] message shortcut failed`, error);
        await answerPrivately({ text: notices[locale].failure }).catch(() => undefined);
      }
    },
  );

  app.event('app_home_opened', async ({ event, client, body }) => {
    if (event.tab && event.tab !== 'home') return;
    const started = performance.now();
    const eventId = 'event_id' in body ? String(body.event_id) : undefined;
    const language = (await userLanguage(event.user)) ?? 'en';
    try {
      const adding: HomeArchive = !editors.configured
        ? { kind: 'off' }
        : (await editors.mayAdd(event.user))
          ? { kind: 'editor' }
          : { kind: 'viewer', editors: editors.mentions };
      await client.views.publish({
        user_id: event.user,
        view: toHomeView(options.knowledge(), language, adding),
      });
      timed('app_home_opened', eventId, started);
    } catch (error) {
      failed(`[${eventId ?? '-'}] views.publish failed`, error);
    }
  });

  // What no listener above handles is acknowledged at once and answered with a short private note.
  app.action(
    new RegExp(
      `^(?!(?:${['swap_language', 'share_in_channel', 'more_results', openAddAction, ...Object.values(reviewActions)].join('|')})$)`,
    ),
    async ({ ack, body, action, respond }) => {
      await ack();
      const id = 'trigger_id' in body ? body.trigger_id : undefined;
      log.warn(
        `[${id ?? '-'}] unknown action ${'action_id' in action ? action.action_id : '?'} answered as outdated`,
      );
      if (!body.user?.id) return;
      const language = (await userLanguage(body.user.id)) ?? 'en';
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: notices[language].outdated,
      }).catch((error: unknown) => log.warn(`[${id ?? '-'}] response_url failed: ${errorCode(error)}`));
    },
  );
  app.shortcut(/^(?!(?:find_related_quotes|trouver_des_citations)$)/, async ({ ack, shortcut, respond }) => {
    await ack();
    log.warn(`[${shortcut.trigger_id}] unknown shortcut ${shortcut.callback_id} answered as outdated`);
    const language = (await userLanguage(shortcut.user?.id)) ?? 'en';
    if ('response_url' in shortcut && shortcut.response_url)
      await respond({ response_type: 'ephemeral', text: notices[language].outdated }).catch(
        (error: unknown) => log.warn(`[${shortcut.trigger_id}] response_url failed: ${errorCode(error)}`),
      );
  });
  app.view(new RegExp(`^(?!(?:${Object.values(modalIds).join('|')})$)`), async ({ ack, view }) => {
    await ack();
    log.warn(`view ${view.callback_id || '(no callback id)'} submitted but not expected: closed`);
  });

  app.error(async (error) => {
    log.error(`unhandled error: ${errorCode(error)}`);
  });
  return archive;
}

export type { SlackMessage };
