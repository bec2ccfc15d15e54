import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { ChangeSignal, ConversationMemory, DeliveryLog, RateLimiter } from '../../ports/index.ts';
import { conversationTtlMs, memoryConversations } from '../local/conversations.ts';
import { memoryDeliveryLog } from '../local/deliveries.ts';

/** How long a delivery is remembered in Redis: at least Slack's retry window (10 minutes). */
export const redisDeliveryTtlSeconds = 15 * 60;

/** The channel on which instances announce that the archive changed. */
export const archiveChannel = 'quotes:archive-changed';

export interface RedisLink {
  client: Redis;
  /** Says, at most once a minute, that Redis is out of reach and what the app does meanwhile. */
  degraded(what: string): void;
  /** Waits for the first connection, up to `timeoutMs`; false when Redis is not there (the app starts anyway). */
  ready(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** The longest a Redis command may take before the app goes on without it (a hung server). */
export const redisCommandTimeoutMs = 500;

/**
 * One connection to Redis for the app. Commands fail at once while Redis is out of reach
 * (no offline queue: an answer never waits on Redis), and after `redisCommandTimeoutMs`
 * when it hangs; the client reconnects by itself, every 0.2 s to 2 s. The degradation is
 * logged once a minute, and the recovery once; `onState` hears both (readiness shows it).
 */
export function connectRedis(
  url: string,
  warn: (message: string) => void,
  options: { now?: () => number; onState?: (down: boolean) => void } = {},
): RedisLink {
  const now = options.now ?? Date.now;
  const client = new Redis(url, {
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    commandTimeout: redisCommandTimeoutMs,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
  });
  let lastWarned = 0;
  let down = false;
  const recovered = () => {
    if (down) {
      warn('Redis is back: shared deliveries and rate limits resumed');
      options.onState?.(false);
    }
    down = false;
    lastWarned = 0;
  };
  const degraded = (what: string) => {
    if (!down) options.onState?.(true);
    down = true;
    if (now() - lastWarned < 60_000) return;
    lastWarned = now();
    warn(`Redis is out of reach: ${what}; reconnecting`);
  };
  // Without a listener, ioredis reports connection errors on the console; they are logged here instead.
  client.on('error', () => degraded('still answering'));
  client.on('ready', recovered);
  // A hung server keeps its connection open and fails nothing by itself (the rate limiter
  // falls back without a word): a ping every 2 s tells when it stops answering, and when
  // it answers again.
  const probe = setInterval(() => {
    if (client.status !== 'ready') return;
    client.ping().then(recovered, () => degraded('still answering'));
  }, 2000);
  probe.unref();
  return {
    client,
    degraded,
    ready: (timeoutMs = 3000) =>
      client.status === 'ready'
        ? Promise.resolve(true)
        : new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => {
              client.off('ready', onReady);
              resolve(false);
            }, timeoutMs);
            const onReady = () => {
              clearTimeout(timer);
              resolve(true);
            };
            client.once('ready', onReady);
          }),
    async close() {
      clearInterval(probe);
      client.disconnect();
    },
  };
}

/** Sets every key unless one exists: one atomic step, so two instances never both answer. */
const firstTimeScript = `
for i, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then return 0 end
end
for i, key in ipairs(KEYS) do
  redis.call('SET', key, '1', 'EX', ARGV[1])
end
return 1`;

/**
 * Deliveries shared by every instance: a Slack retry that lands on another instance gets
 * no second reply. While Redis is out of reach the log fails open, to this instance's own
 * memory: each instance still answers a delivery once, but a retry that lands on another
 * instance during the outage may be answered twice. A delegate mid-meeting is better
 * served by a rare double answer than by silence.
 */
export function redisDeliveryLog(link: RedisLink, ttlSeconds = redisDeliveryTtlSeconds): DeliveryLog {
  const local = memoryDeliveryLog(ttlSeconds * 1000);
  return {
    async firstTime(...keys) {
      const scoped = keys.map((key) => `quotes:delivery:${key}`);
      try {
        const first = (await link.client.eval(firstTimeScript, scoped.length, ...scoped, ttlSeconds)) === 1;
        // Remembered locally too, so that the same instance needs no Redis to see a retry.
        await local.firstTime(...keys);
        return first;
      } catch {
        link.degraded('deliveries are remembered per instance meanwhile');
        return local.firstTime(...keys);
      }
    },
    close: async () => undefined,
  };
}

/**
 * What each conversation was last about, shared by every instance (a thread's next
 * question may reach another one), for a day; while Redis is out of reach, each instance
 * remembers on its own.
 */
export function redisConversations(
  link: RedisLink,
  ttlSeconds = conversationTtlMs / 1000,
): ConversationMemory {
  const local = memoryConversations({ ttlMs: ttlSeconds * 1000 });
  return {
    async remember(key, statement) {
      await local.remember(key, statement);
      try {
        await link.client.set(`quotes:conversation:${key}`, statement, 'EX', ttlSeconds);
      } catch {
        link.degraded('conversations are remembered per instance meanwhile');
      }
    },
    async recall(key) {
      try {
        return (await link.client.get(`quotes:conversation:${key}`)) ?? (await local.recall(key));
      } catch {
        link.degraded('conversations are remembered per instance meanwhile');
        return local.recall(key);
      }
    },
  };
}

/**
 * The per-user rate limit shared by every instance (rate-limiter-flexible on Redis, a
 * fixed window of a minute). While Redis is out of reach, each instance limits on its own
 * (its insurance limiter in memory).
 */
export function redisRateLimiter(link: RedisLink, perMinute: number): RateLimiter {
  const limiter = new RateLimiterRedis({
    storeClient: link.client,
    keyPrefix: 'quotes:rate',
    points: perMinute,
    duration: 60,
    insuranceLimiter: new RateLimiterMemory({ points: perMinute, duration: 60 }),
  });
  return {
    async allow(key) {
      try {
        await limiter.consume(key);
        return true;
      } catch (error) {
        if (error instanceof RateLimiterRes) return false;
        link.degraded('rate limits are counted per instance meanwhile');
        return true;
      }
    },
  };
}

/**
 * "The archive changed", announced on a Redis channel: every instance subscribed reloads.
 * A subscription needs its own connection, which reconnects and resubscribes by itself.
 */
export function redisChangeSignal(link: RedisLink): ChangeSignal & { close(): void } {
  const subscriber = link.client.duplicate({ enableOfflineQueue: true });
  subscriber.on('error', () => link.degraded('archive changes are seen by the periodic check meanwhile'));
  const listeners = new Set<() => void>();
  subscriber.on('message', (channel) => {
    if (channel === archiveChannel) for (const listener of listeners) listener();
  });
  void subscriber.subscribe(archiveChannel).catch(() => undefined);
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => listeners.delete(onChange);
    },
    async announce() {
      try {
        await link.client.publish(archiveChannel, String(Date.now()));
      } catch {
        link.degraded('other instances will see the change at their periodic check');
      }
    },
    close() {
      listeners.clear();
      subscriber.disconnect();
    },
  };
}
