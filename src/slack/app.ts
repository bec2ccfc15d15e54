import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, type Logger, LogLevel, type webApi } from '@slack/bolt';
import type { SlackConfig } from '../config/slack-env';
import { answer, answerRelated } from '../core/answer';
import type { Language } from '../core/corpus';
import type { Knowledge } from '../core/knowledge-base';
import { messages } from '../core/messages';
import type { Reply } from '../core/reply';
import { type MessageOptions, type SlackMessage, toMessage } from './blocks';
import { stripSlackMarkup } from './escape';
import { toHomeView } from './home';
import { postReply, replyClient, UnconfirmedPostError } from './post';
import { createRateLimiter } from './rate-limit';
import { createSeenSet } from './seen';
import { type ButtonState, decodeState } from './state';

/** What the Slack adapter needs: its configuration and the current knowledge (which may be reloaded). */
export interface SlackAppOptions {
  config: SlackConfig;
  knowledge: () => Knowledge;
  logger?: Logger;
  /** Web API retries (Slack's client default retries for half an hour; tests use 0). */
  retries?: number;
  /** Web API request timeout in milliseconds (default 10 s). */
  timeoutMs?: number;
}

export interface RunningSlackApp {
  app: App;
  /** The HTTP port, in HTTP mode. */
  port?: number;
  stop(): Promise<void>;
}

/** Passages per slash-command answer; "More results" pages through the rest. */
const pageSize = 1;
/** How long a delivery is remembered, to answer a redelivered event once. */
const dedupTtlMs = 15 * 60 * 1000;
const localeTtlMs = 60 * 60 * 1000;
const maxClockSkewSeconds = 5 * 60;

const levels: Record<SlackConfig['logLevel'], LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/**
 * Builds the Bolt app around `answer` and starts it: Socket Mode when an app token is
 * set, else HTTP on `/slack/events` with `/healthz`. Listeners only parse what Slack
 * sent, call the core, render and reply.
 */
export async function startSlackApp(options: SlackAppOptions): Promise<RunningSlackApp> {
  const { config } = options;
  const clientOptions = {
    ...(config.apiUrl ? { slackApiUrl: config.apiUrl } : {}),
    retryConfig: { retries: options.retries ?? 3, factor: 1.6, maxRetryTime: 20_000 },
    timeout: options.timeoutMs ?? 10_000,
  };
  const common = {
    token: config.botToken,
    clientOptions,
    ...(options.logger ? { logger: options.logger } : {}),
    logLevel: levels[config.logLevel],
  };
  if (config.mode === 'socket') {
    const app = new App({ ...common, socketMode: true, appToken: config.appToken! });
    registerListeners(app, options, replyClient(config.botToken, { ...clientOptions, logger: app.logger }));
    await app.start();
    return { app, stop: () => app.stop().then(() => undefined) };
  }

  if (!config.signingSecret) throw new Error('HTTP mode needs a signing secret');
  const receiver = new HTTPReceiver({
    signingSecret: config.signingSecret,
    endpoints: '/slack/events',
    customRoutes: [
      {
        path: '/healthz',
        method: ['GET'],
        handler: (_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ ok: true, statements: options.knowledge().statements.length }));
        },
      },
    ],
    ...(options.logger ? { logger: options.logger } : {}),
    logLevel: levels[config.logLevel],
  });
  const app = new App({ ...common, receiver });
  registerListeners(app, options, replyClient(config.botToken, { ...clientOptions, logger: app.logger }));
  const server = createServer((req, res) => {
    if (isFromTheFuture(req)) {
      res.writeHead(401).end();
      return;
    }
    try {
      receiver.requestListener(req, res);
    } catch {
      if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }
  });
  const port = await listen(server, config.port);
  return {
    app,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Bolt refuses stale timestamps but accepts far-future ones: refuse those too. */
function isFromTheFuture(req: IncomingMessage): boolean {
  const header = req.headers['x-slack-request-timestamp'];
  const timestamp = Number(Array.isArray(header) ? header[0] : header);
  return Number.isFinite(timestamp) && timestamp - Date.now() / 1000 > maxClockSkewSeconds;
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve((server.address() as AddressInfo).port));
  });
}

function registerListeners(app: App, options: SlackAppOptions, poster: webApi.WebClient) {
  const seen = createSeenSet(dedupTtlMs);
  const limiter = createRateLimiter(options.config.rateLimitPerMinute);
  const locales = new Map<string, { language: Language | undefined; expires: number }>();
  const log = app.logger;

  /** The user's Slack locale (users.info, cached); undefined when unknown. */
  const userLanguage = async (
    client: webApi.WebClient,
    user: string | undefined,
  ): Promise<Language | undefined> => {
    if (!user) return undefined;
    const cached = locales.get(user);
    if (cached && cached.expires > Date.now()) return cached.language;
    let language: Language | undefined;
    try {
      const info = await client.users.info({ user, include_locale: true });
      const locale = info.user?.locale?.toLowerCase() ?? '';
      language = locale.startsWith('fr') ? 'fr' : locale.startsWith('en') ? 'en' : undefined;
    } catch (error) {
      log.warn(`users.info failed: ${errorCode(error)}`);
    }
    if (locales.size > 50_000) locales.clear();
    locales.set(user, { language, expires: Date.now() + localeTtlMs });
    return language;
  };

  const stateFor = (text: string, reply: Reply, iface: Language, mode: ButtonState['m']): ButtonState => ({
    t: text.slice(0, 600),
    l: reply.language,
    i: iface,
    o: 0,
    n: pageSize,
    m: mode,
  });

  const rerun = (state: ButtonState): Reply => {
    const settings = { language: state.i, offset: state.o, limit: state.n };
    return state.m === 'related'
      ? answerRelated(state.t, options.knowledge(), { ...settings, language: state.l })
      : answer(`${state.t} lang:${state.l}`, options.knowledge(), settings);
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
        await ack({ response_type: 'ephemeral', text: messages[iface].rateLimited });
        timed(`command ${command.command} (rate limited)`, command.trigger_id, started);
        return;
      }
      const text = stripSlackMarkup(command.text ?? '');
      const reply = answer(text, options.knowledge(), { language: iface, limit: pageSize });
      await ack({
        response_type: 'ephemeral',
        ...toMessage(reply, { state: stateFor(text, reply, iface, 'command') }),
      });
      timed(`command ${command.command}`, command.trigger_id, started, reply);
    } catch (error) {
      log.error(`[${command.trigger_id}] command ${command.command} failed: ${errorCode(error)}`);
      await ack({ response_type: 'ephemeral', text: messages[iface].failure });
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
      /** Answers in place; when the response_url has expired, says so privately instead. */
      const reply = async (message: Parameters<typeof respond>[0]) => {
        try {
          await respond(message);
        } catch (error) {
          log.warn(`[${id ?? '-'}] response_url failed (${errorCode(error)}): telling the user`);
          const channel = body.channel?.id;
          if (channel) {
            await client.chat
              .postEphemeral({ channel, user: body.user.id, text: messages[language].expired })
              .catch((failure: unknown) =>
                log.error(`[${id ?? '-'}] chat.postEphemeral failed: ${errorCode(failure)}`),
              );
          }
        }
      };
      try {
        if (!state) {
          await reply({ response_type: 'ephemeral', replace_original: false, text: messages.en.failure });
          return;
        }
        if (!limiter.allow(body.user.id)) {
          await reply({
            response_type: 'ephemeral',
            replace_original: false,
            text: messages[language].rateLimited,
          });
          return;
        }
        const answered = rerun(state);
        if (actionId === 'share_in_channel') {
          await reply({
            response_type: 'in_channel',
            replace_original: false,
            ...toMessage(answered, { sharedBy: body.user.id }),
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
        log.error(`[${id ?? '-'}] action ${actionId} failed: ${errorCode(error)}`);
        await reply({
          response_type: 'ephemeral',
          replace_original: false,
          text: messages[language].failure,
        });
      }
    },
  );

  app.event('app_mention', async ({ event, body, client, context }) => {
    const started = performance.now();
    const eventId = 'event_id' in body ? String(body.event_id) : undefined;
    if (('bot_id' in event && event.bot_id) || ('subtype' in event && event.subtype === 'bot_message'))
      return;
    if (!event.user || event.user === context.botUserId) return;
    if (!seen.firstTime(`event:${eventId}`, `message:${event.channel}:${event.ts}`)) {
      log.info(`[${eventId ?? '-'}] redelivered app_mention ignored (retry ${context.retryNum ?? 0})`);
      return;
    }
    const thread_ts = event.thread_ts ?? event.ts;
    const locale = (await userLanguage(client, event.user)) ?? 'en';
    try {
      if (!limiter.allow(event.user)) {
        // A refusal goes to the user alone, not to the thread.
        await client.chat.postEphemeral({
          channel: event.channel,
          user: event.user,
          thread_ts,
          text: messages[locale].rateLimited,
        });
        timed('app_mention (rate limited)', eventId, started);
        return;
      }
      const text = stripSlackMarkup(event.text);
      const reply = answer(text, options.knowledge(), { language: locale, limit: 3 });
      const mention: MessageOptions = {
        compact: { command: reply.language === 'fr' ? '/citation' : '/quote' },
      };
      await postReply(poster, { channel: event.channel, thread_ts, ...toMessage(reply, mention) });
      timed('app_mention', eventId, started, reply);
    } catch (error) {
      log.error(`[${eventId ?? '-'}] app_mention failed: ${errorCode(error)}`);
      await client.chat
        .postEphemeral({
          channel: event.channel,
          user: event.user,
          thread_ts,
          text:
            error instanceof UnconfirmedPostError ? messages[locale].unconfirmed : messages[locale].failure,
        })
        .catch((failure: unknown) =>
          log.error(`[${eventId ?? '-'}] chat.postEphemeral failed: ${errorCode(failure)}`),
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
      const locale = iface ?? (await userLanguage(client, shortcut.user.id)) ?? 'en';
      try {
        if (!limiter.allow(shortcut.user.id)) {
          await respond({ response_type: 'ephemeral', text: messages[locale].rateLimited });
          return;
        }
        const text = 'message' in shortcut ? stripSlackMarkup(shortcut.message.text ?? '') : '';
        const reply = answerRelated(text, options.knowledge(), { language: locale, limit: pageSize });
        await respond({
          response_type: 'ephemeral',
          ...toMessage(reply, { state: stateFor(text, reply, locale, 'related') }),
        });
        timed('message shortcut', id, started, reply);
      } catch (error) {
        log.error(`[${id}] message shortcut failed: ${errorCode(error)}`);
        await respond({ response_type: 'ephemeral', text: messages[locale].failure }).catch(() => undefined);
      }
    },
  );

  app.event('app_home_opened', async ({ event, client, body }) => {
    if (event.tab && event.tab !== 'home') return;
    const started = performance.now();
    const eventId = 'event_id' in body ? String(body.event_id) : undefined;
    const language = (await userLanguage(client, event.user)) ?? 'en';
    try {
      await client.views.publish({ user_id: event.user, view: toHomeView(options.knowledge(), language) });
      timed('app_home_opened', eventId, started);
    } catch (error) {
      log.error(`[${eventId ?? '-'}] views.publish failed: ${errorCode(error)}`);
    }
  });

  app.error(async (error) => {
    log.error(`unhandled error: ${errorCode(error)}`);
  });
}

/** An error's code or name, never its message (which may quote what a user wrote). */
function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const coded = error as { code?: unknown; name?: unknown; data?: { error?: unknown } };
    const apiError = typeof coded.data?.error === 'string' ? ` (${coded.data.error})` : '';
    return `${String(coded.code ?? coded.name ?? 'error')}${apiError}`;
  }
  return 'error';
}

export type { SlackMessage };
