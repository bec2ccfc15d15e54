import type { Logger, webApi } from '@slack/bolt';
import { answer, answerRelated } from '../../core/answer.ts';
import type { Language } from '../../core/corpus.ts';
import { cleanInput } from '../../core/input.ts';
import type { Knowledge } from '../../core/knowledge-base.ts';
import type { Reply } from '../../core/reply.ts';
import type { Metrics, Surface } from '../../ops/metrics.ts';
import type { ConversationMemory, DeliveryLog, RateLimiter } from '../../ports/index.ts';
import type { Editors } from '../archive/editors.ts';
import type { ArchiveListeners } from '../archive/listeners.ts';
import type { Health } from '../http-server.ts';
import { errorCode } from '../logger.ts';
import { isRefusedToken, slackErrorOf } from '../start-auth.ts';
import type { ButtonState } from '../state.ts';
import type { Workspace } from '../team.ts';

export { type Workspace, workspaceOf } from '../team.ts';

/** Passages per slash-command answer; "More results" pages through the rest. */
export const pageSize = 1;

/** What every listener receives: built once by the app, never by a listener. */
export interface ListenerContext {
  knowledge: () => Knowledge;
  log: Logger;
  /** A client for replies that must be posted once (no automatic retries), with the workspace's token. */
  poster(workspace: Workspace): webApi.WebClient;
  deliveries: DeliveryLog;
  /** What each thread or direct message was last about (the statement of its last answer). */
  conversations: ConversationMemory;
  /** The per-user rate limit, keyed by workspace and user. */
  allow(team: string, user: string): Promise<boolean>;
  /** The user's Slack language within a short budget; undefined when unknown or late. */
  userLanguage(user: string | undefined, workspace: Workspace): Promise<Language | undefined>;
  /** The workspace's name, for the App Home; undefined when unknown. */
  workspaceName(workspace: Workspace): Promise<string | undefined>;
  editors: Editors;
  archive: ArchiveListeners;
  /** The domains whose links to statements of the archive unfurl (UNFURL_DOMAINS). */
  unfurlDomains: readonly string[];
  /** Logs a failure by its code, and counts it; a refused token makes the app not ready (`/readyz`). */
  failed(surface: Surface, what: string, error: unknown): void;
  /** One log line per request answered (its id, what it was, the reply kind, the time; never the text), and its metrics. */
  timed(surface: Surface, what: string, id: string | undefined, started: number, reply?: Reply): void;
  /** The same, for a request refused by the per-user rate limit. */
  limited(surface: Surface, what: string, id: string | undefined, started: number): void;
  /** Counts a delivery Slack sent again, which is not answered twice. */
  duplicate(surface: Surface): void;
}

export function createListenerContext(parts: {
  knowledge: () => Knowledge;
  log: Logger;
  poster: (token: string) => webApi.WebClient;
  deliveries: DeliveryLog;
  conversations: ConversationMemory;
  limiter: RateLimiter;
  userLanguage: (user: string | undefined, workspace: Workspace) => Promise<Language | undefined>;
  workspaceName: (team: string) => Promise<string | undefined>;
  editors: Editors;
  archive: ArchiveListeners;
  unfurlDomains: readonly string[];
  health: Health;
  metrics: Metrics;
}): ListenerContext {
  const { log, health, limiter, metrics } = parts;
  const seconds = (started: number) => (performance.now() - started) / 1000;
  return {
    knowledge: parts.knowledge,
    log,
    poster: (workspace) => (workspace.token ? parts.poster(workspace.token) : workspace.client),
    deliveries: parts.deliveries,
    conversations: parts.conversations,
    allow: (team, user) => limiter.allow(`rate:${team}:${user}`),
    userLanguage: parts.userLanguage,
    workspaceName: (workspace) => parts.workspaceName(workspace.team),
    editors: parts.editors,
    archive: parts.archive,
    unfurlDomains: parts.unfurlDomains,
    failed(surface, what, error) {
      log.error({ surface, error: errorCode(error) }, `${what}: ${errorCode(error)}`);
      metrics.answers.inc({ surface, kind: 'none', outcome: 'failed' });
      if (isRefusedToken(error)) health.failing(`Slack refused the token (${slackErrorOf(error)})`);
    },
    timed(surface, what, id, started, reply) {
      const elapsed = seconds(started);
      metrics.answers.inc({ surface, kind: reply?.kind ?? 'none', outcome: 'answered' });
      metrics.answerSeconds.observe({ surface }, elapsed);
      log.info(
        { req: id ?? '-', surface, kind: reply?.kind ?? 'none', ms: Number((elapsed * 1000).toFixed(1)) },
        `[${id ?? '-'}] ${what}${reply ? ` → ${reply.kind}` : ''} in ${(elapsed * 1000).toFixed(1)} ms`,
      );
    },
    limited(surface, what, id, started) {
      const elapsed = seconds(started);
      metrics.answers.inc({ surface, kind: 'none', outcome: 'rate_limited' });
      metrics.rateLimited.inc({ surface });
      log.info(
        { req: id ?? '-', surface, outcome: 'rate_limited', ms: Number((elapsed * 1000).toFixed(1)) },
        `[${id ?? '-'}] ${what} (rate limited) in ${(elapsed * 1000).toFixed(1)} ms`,
      );
    },
    duplicate(surface) {
      metrics.deduplicated.inc({ surface });
    },
  };
}

/** The state an answer's buttons carry, so that they can answer again on any instance. */
export const stateFor = (
  text: string,
  reply: Reply,
  iface: Language,
  mode: ButtonState['m'],
): ButtonState => ({
  t: cleanInput(text),
  l: reply.language,
  i: iface,
  o: 0,
  n: pageSize,
  m: mode,
});

/** The answer a button gives, again from the state it carries (the language shown travels as state, never as text). */
export function answerAgain(state: ButtonState, knowledge: Knowledge): Reply {
  const settings = { chosen: state.l, interface: state.i, offset: state.o, limit: state.n };
  return state.m === 'related'
    ? answerRelated(state.t, knowledge, settings)
    : answer(state.t, knowledge, settings);
}

/**
 * True the first time a delivery is seen. Keys are scoped by workspace: event ids and
 * message timestamps are unique only within one. A log that cannot be read must not
 * silence the bot: it answers (fail open).
 */
export async function firstDelivery(
  context: ListenerContext,
  surface: Surface,
  eventId: string | undefined,
  team: string,
  channel: string,
  ts: string,
): Promise<boolean> {
  try {
    const first = await context.deliveries.firstTime(
      `event:${team}:${eventId}`,
      `message:${team}:${channel}:${ts}`,
    );
    if (!first) context.duplicate(surface);
    return first;
  } catch (error) {
    context.log.warn(`[${eventId ?? '-'}] delivery log unavailable (${errorCode(error)}): answering`);
    return true;
  }
}
