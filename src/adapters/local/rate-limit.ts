import type { RateLimiter } from '../../ports/index.ts';

/**
 * A per-user sliding window: at most `limit` requests in `windowMs`. Memory stays bounded:
 * a user's old requests are dropped at each check, and idle users are swept.
 */
export function createRateLimiter(limit: number, windowMs = 60_000, now: () => number = Date.now) {
  const requests = new Map<string, number[]>();
  const sweep = (at: number) => {
    for (const [user, times] of requests) {
      if ((times.at(-1) ?? 0) <= at - windowMs) requests.delete(user);
    }
  };
  return {
    /** Records a request; false when the key is over the limit (the request is then not counted). */
    allow(user: string): boolean {
      const at = now();
      if (requests.size > 10_000) sweep(at);
      const times = (requests.get(user) ?? []).filter((time) => time > at - windowMs);
      if (times.length >= limit) {
        requests.set(user, times);
        return false;
      }
      times.push(at);
      requests.set(user, times);
      return true;
    },
    get users() {
      return requests.size;
    },
  };
}

/** The in-process rate limiter as the port (src/ports) the listeners use. */
export function memoryRateLimiter(
  limit: number,
  windowMs = 60_000,
  now: () => number = Date.now,
): RateLimiter {
  const limiter = createRateLimiter(limit, windowMs, now);
  return { allow: async (key) => limiter.allow(key) };
}
