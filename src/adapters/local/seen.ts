/**
 * Remembers keys for a while: Slack redelivers events (the same event_id, or the same
 * channel and ts), and each must be answered once. Memory is bounded: past `maxKeys`, the
 * oldest keys go first (reached only above ~80 events a second for the whole TTL).
 */
export function createSeenSet(ttlMs: number, maxKeys = 100_000, now: () => number = Date.now) {
  const seen = new Map<string, number>();
  const sweep = (at: number) => {
    for (const [key, expires] of seen) {
      if (expires > at && seen.size <= maxKeys) break;
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
