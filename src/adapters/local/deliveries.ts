import { appendFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DeliveryLog } from '../../ports/index.ts';
import { createSeenSet } from './seen.ts';

/**
 * The in-process delivery logs (the port is in src/ports): in memory (one process,
 * forgotten at restart), or on disk (survives a restart). With REDIS_URL, the shared one
 * in src/adapters/redis/redis.ts.
 */
export type { DeliveryLog };

/** How long a delivery is remembered: Slack retries within minutes. */
export const deliveryTtlMs = 15 * 60 * 1000;

export function memoryDeliveryLog(ttlMs = deliveryTtlMs): DeliveryLog {
  const seen = createSeenSet(ttlMs);
  return {
    firstTime: async (...keys) => seen.firstTime(...keys),
    close: async () => undefined,
  };
}

/**
 * A delivery log kept in a small journal under the state folder: each new delivery is
 * appended (expiry and key) before it is answered, the live entries are read back at
 * start, and the journal is rewritten without its expired entries (atomically) once it
 * has grown. A retry that arrives after a restart is still answered once.
 */
export async function fileDeliveryLog(
  stateDir: string,
  options: { ttlMs?: number; now?: () => number; compactEvery?: number } = {},
): Promise<DeliveryLog> {
  const ttlMs = options.ttlMs ?? deliveryTtlMs;
  const now = options.now ?? Date.now;
  const compactEvery = options.compactEvery ?? 5000;
  await mkdir(stateDir, { recursive: true });
  const file = join(stateDir, 'deliveries.log');
  const live = new Map<string, number>();
  try {
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      const tab = line.indexOf('\t');
      const expires = Number(line.slice(0, tab));
      if (tab > 0 && expires > now()) live.set(line.slice(tab + 1), expires);
    }
  } catch {
    // No journal yet.
  }
  let appended = 0;
  let writing = Promise.resolve();
  const compact = async () => {
    const at = now();
    for (const [key, expires] of live) if (expires <= at) live.delete(key);
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, [...live].map(([key, expires]) => `${expires}\t${key}\n`).join(''));
    await rename(temporary, file);
  };
  await compact();
  return {
    async firstTime(...keys) {
      const at = now();
      if (keys.some((key) => (live.get(key) ?? 0) > at)) return false;
      const expires = at + ttlMs;
      for (const key of keys) live.set(key, expires);
      const lines = keys.map((key) => `${expires}\t${key.replace(/[\t\n]/g, ' ')}\n`).join('');
      // Writes are chained so that a compaction never races an append.
      writing = writing.then(async () => {
        await appendFile(file, lines);
        appended += keys.length;
        if (appended >= compactEvery) {
          appended = 0;
          await compact();
        }
      });
      await writing;
      return true;
    },
    close: () => writing,
  };
}
