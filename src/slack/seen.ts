/**
 * Remembers keys for a while: Slack redelivers events (the same event_id, or the same
 * channel and ts), and each must be answered once.
 */
export function createSeenSet(ttlMs: number, now: () => number = Date.now) {
  const seen = new Map<string, number>();
  const sweep = (at: number) => {
    for (const [key, expires] of seen) {
      if (expires > at) break;
      seen.delete(key);
    }
  };
  return {
    /** True the first time a key (or any of several keys of one delivery) is seen within the TTL. */
    firstTime(...keys: string[]): boolean {
      const at = now();
      sweep(at);
      if (keys.some((key) => seen.has(key))) return false;
      for (const key of keys) seen.set(key, at + ttlMs);
      return true;
    },
    get size() {
      return seen.size;
    },
  };
}
