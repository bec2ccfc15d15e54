import type { Reply } from '../../core/reply.ts';
import type { Surface } from '../../ops/metrics.ts';
import type { ListenerContext } from './context.ts';

/** A request as the guard sees it: what to call it in the logs, whom it counts against, how to tell the user. */
export interface Guarded {
  surface: Surface;
  /** Slack's id for the request (a trigger or event id), at the head of its log lines. */
  id: string | undefined;
  /** What it is in the logs (`command /quote`, `app_mention`): never what was asked. */
  what: string;
  /** When it came, from `performance.now()`: its latency is logged from then. */
  started: number;
  /** Whose per-user rate limit it counts against, and how a refusal is told; without it (the App Home), never refused. */
  limit?: { team: string; user: string; refuse: () => Promise<unknown> };
  /** How a failure is told to the user, once it is logged and counted. */
  fail?: (error: unknown) => Promise<unknown>;
  /** The log's words once answered, when they say more than `what` ("files (2) in a direct message"). */
  answered?: string;
  /** The log line of a failure, when it is not "[id] what failed". */
  failure?: string;
}

/** What a request's work answered: the reply whose kind is logged, and what is left to do once it is logged. */
export type Outcome = Reply | { reply: Reply; afterwards: () => Promise<void> };

/**
 * Runs a listener's work the way every listener needs it, as Bolt's `use()` middleware
 * would: the per-user rate limit first (a refusal told and logged), then the work, then one
 * timed log line with the reply's kind and the metrics; a failure is logged by its code,
 * counted, and told to the user kindly.
 * @example await guard(context, { surface: 'command', id, what: 'command /quote', started, limit, fail }, work)
 */
export async function guard(
  context: ListenerContext,
  request: Guarded,
  work: () => Promise<Outcome | undefined>,
): Promise<void> {
  const { surface, id, what, started, limit } = request;
  try {
    if (limit && !(await context.allow(limit.team, limit.user))) {
      await limit.refuse();
      context.limited(surface, what, id, started);
      return;
    }
    const outcome = await work();
    const reply = outcome && 'afterwards' in outcome ? outcome.reply : outcome;
    context.timed(surface, request.answered ?? what, id, started, reply);
    if (outcome && 'afterwards' in outcome) await outcome.afterwards();
  } catch (error) {
    context.failed(surface, request.failure ?? `[${id ?? '-'}] ${what} failed`, error);
    await request.fail?.(error);
  }
}
