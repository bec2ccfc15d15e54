import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Where a request came from: one label value per kind of Slack listener. */
export type Surface =
  | 'command'
  | 'action'
  | 'mention'
  | 'message'
  | 'panel'
  | 'shortcut'
  | 'home'
  | 'files'
  | 'view'
  | 'unfurl';

/** How a request ended. */
export type Outcome = 'answered' | 'rate_limited' | 'failed';

/** Latency buckets in seconds: Slack's 3 s deadline sits between the last two. */
const latencyBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10];

/**
 * The app's Prometheus metrics, in a registry of its own (one per app, so that several in
 * one process never mix): answers by surface, reply kind and outcome, the ack and the
 * answer's latency, reloads and their duration, Slack API errors by method, rate-limit
 * refusals, deliveries deduplicated, the statements loaded, and Node's own.
 */
export function createMetrics(options: { process?: boolean } = {}) {
  const registry = new Registry();
  if (options.process !== false) collectDefaultMetrics({ register: registry, prefix: 'quotes_' });
  const registers = [registry];
  return {
    registry,
    answers: new Counter({
      name: 'quotes_answers_total',
      help: 'Requests answered, by surface, reply kind and outcome',
      labelNames: ['surface', 'kind', 'outcome'] as const,
      registers,
    }),
    ackSeconds: new Histogram({
      name: 'quotes_ack_seconds',
      help: "Time from a request's arrival to its acknowledgement, by transport (Slack waits 3 s)",
      labelNames: ['transport'] as const,
      buckets: latencyBuckets,
      registers,
    }),
    answerSeconds: new Histogram({
      name: 'quotes_answer_seconds',
      help: 'Time from a request reaching a listener to its answer being sent',
      labelNames: ['surface'] as const,
      buckets: latencyBuckets,
      registers,
    }),
    reloads: new Counter({
      name: 'quotes_reloads_total',
      help: 'Reloads of the data, by outcome',
      labelNames: ['outcome'] as const,
      registers,
    }),
    reloadSeconds: new Histogram({
      name: 'quotes_reload_seconds',
      help: 'Duration of a reload of the data, read and indexed in a worker',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60],
      registers,
    }),
    slackErrors: new Counter({
      name: 'quotes_slack_api_errors_total',
      help: "Slack Web API calls that failed, by method and Slack's error (or HTTP status)",
      labelNames: ['method', 'error'] as const,
      registers,
    }),
    rateLimited: new Counter({
      name: 'quotes_rate_limit_refusals_total',
      help: 'Requests refused by the per-user rate limit',
      labelNames: ['surface'] as const,
      registers,
    }),
    deduplicated: new Counter({
      name: 'quotes_deliveries_deduplicated_total',
      help: 'Deliveries Slack sent again that were not answered twice',
      labelNames: ['surface'] as const,
      registers,
    }),
    statements: new Gauge({
      name: 'quotes_statements',
      help: 'Statements loaded and answering',
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

/** The Web API method of a call's URL: `https://slack.com/api/chat.postMessage` → `chat.postMessage`. */
export function apiMethodOf(url: string): string {
  const match = /\/api\/([A-Za-z0-9_.]+)(?:[?#]|$)/.exec(url);
  return match?.[1] ?? 'other';
}

type Fetch = typeof globalThis.fetch;

/**
 * `fetch` for Slack's Web API clients that counts every failed call by method: an HTTP
 * error status (429 included) or `ok: false` with Slack's error code. What the call
 * returns is left as it was.
 */
export function meteredFetch(metrics: Pick<Metrics, 'slackErrors'>, base: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = apiMethodOf(url);
    let response: Response;
    try {
      response = await base(input, init);
    } catch (error) {
      metrics.slackErrors.inc({ method, error: 'unreachable' });
      throw error;
    }
    if (!response.ok) metrics.slackErrors.inc({ method, error: `http_${response.status}` });
    else if ((response.headers.get('content-type') ?? '').includes('json')) {
      const body = (await response
        .clone()
        .json()
        .catch(() => undefined)) as { ok?: unknown; error?: unknown } | undefined;
      if (body && body.ok === false)
        metrics.slackErrors.inc({ method, error: typeof body.error === 'string' ? body.error : 'unknown' });
    }
    return response;
  };
}
