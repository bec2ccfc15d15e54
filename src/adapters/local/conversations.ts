import type { ConversationMemory } from '../../ports/index.ts';

/** How long a conversation is remembered: a meeting's day. */
export const conversationTtlMs = 24 * 60 * 60 * 1000;

/**
 * The conversations of one process: a bounded map (the oldest forgotten first past
 * `max`), each entry kept `ttlMs`. With REDIS_URL, the shared one in redis.ts.
 */
export function memoryConversations(
  options: { ttlMs?: number; max?: number; now?: () => number } = {},
): ConversationMemory {
  const ttlMs = options.ttlMs ?? conversationTtlMs;
  const max = options.max ?? 20_000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, { statement: string; until: number }>();
  return {
    async remember(key, statement) {
      entries.delete(key);
      entries.set(key, { statement, until: now() + ttlMs });
      if (entries.size > max) entries.delete(entries.keys().next().value!);
    },
    async recall(key) {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.until <= now()) {
        entries.delete(key);
        return undefined;
      }
      return entry.statement;
    },
  };
}
