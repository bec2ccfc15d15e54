import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { isReviewId, newestFirst, PendingReview, type ReviewStore } from '../../ports/reviews.ts';

/** The review as the next version, to be stored by `update`. */
const moved = (review: PendingReview): PendingReview => ({ ...review, version: review.version + 1 });

/** Reviews in process memory: for a single instance without a writable STATE_DIR. */
export function memoryReviewStore(): ReviewStore {
  const reviews = new Map<string, PendingReview>();
  return {
    async put(review) {
      reviews.set(review.id, PendingReview.parse(structuredClone(review)));
    },
    async get(id) {
      const review = reviews.get(id);
      return review ? structuredClone(review) : undefined;
    },
    async update(next) {
      if (reviews.get(next.id)?.version !== next.version) return undefined;
      const stored = moved(next);
      reviews.set(next.id, structuredClone(stored));
      return stored;
    },
    async delete(id, version) {
      if (reviews.get(id)?.version !== version) return false;
      return reviews.delete(id);
    },
    async recentBy(team, user, since) {
      return newestFirst(
        [...reviews.values()]
          .filter((r) => r.team === team && r.user === user && Date.parse(r.createdAt) >= since.getTime())
          .map((r) => structuredClone(r)),
      );
    },
    async sweep(now) {
      let removed = 0;
      for (const [id, review] of reviews)
        if (Date.parse(review.expiresAt) <= now.getTime()) {
          reviews.delete(id);
          removed++;
        }
      return removed;
    },
  };
}

/** How long a file store's lock on one review may be held before it counts as left by a crash. */
const lockTtlMs = 10_000;

/**
 * Reviews as files under `dir` (STATE_DIR/reviews): each written whole (temporary file,
 * then rename); a change is compared and written under a lock file that only one process
 * can create, so two processes never both win.
 */
export async function fileReviewStore(dir: string): Promise<ReviewStore> {
  await mkdir(dir, { recursive: true });
  const fileOf = (id: string) => join(dir, `${id}.json`);
  const lockOf = (id: string) => join(dir, `${id}.lock`);
  const read = async (id: string): Promise<PendingReview | undefined> => {
    if (!isReviewId(id)) return undefined;
    let text: string;
    try {
      text = await readFile(fileOf(id), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const parsed = PendingReview.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  };
  const write = async (review: PendingReview) => {
    const temporary = join(dir, `.${review.id}.${randomBytes(4).toString('hex')}.tmp`);
    const handle = await open(temporary, 'wx');
    try {
      await handle.writeFile(JSON.stringify(review), 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, fileOf(review.id));
  };
  /** Runs `work` holding the review's lock; a lock older than `lockTtlMs` was left by a crash and is broken. */
  const locked = async <T>(id: string, work: () => Promise<T>): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        await (await open(lockOf(id), 'wx')).close();
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const lockedAt = await stat(lockOf(id)).then(
        (info) => info.mtimeMs,
        () => undefined,
      );
      if (lockedAt !== undefined && Date.now() - lockedAt >= lockTtlMs) {
        // Moved aside first: of two processes breaking it, one wins the rename.
        const aside = join(dir, `.${id}.${randomBytes(4).toString('hex')}.stale`);
        if (
          await rename(lockOf(id), aside).then(
            () => true,
            () => false,
          )
        )
          await unlink(aside).catch(() => undefined);
        continue;
      }
      if (attempt >= 200) throw new Error('review lock held too long');
      await new Promise((resume) => setTimeout(resume, 10));
    }
    try {
      return await work();
    } finally {
      await unlink(lockOf(id)).catch(() => undefined);
    }
  };
  return {
    put: write,
    get: read,
    async update(next) {
      if (!isReviewId(next.id)) return undefined;
      return locked(next.id, async () => {
        if ((await read(next.id))?.version !== next.version) return undefined;
        const stored = moved(next);
        await write(stored);
        return stored;
      });
    },
    async delete(id, version) {
      if (!isReviewId(id)) return false;
      return locked(id, async () => {
        if ((await read(id))?.version !== version) return false;
        await unlink(fileOf(id));
        return true;
      });
    },
    async recentBy(team, user, since) {
      const found: PendingReview[] = [];
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const id = name.replace(/\.json$/, '');
        if (!name.endsWith('.json') || !isReviewId(id)) continue;
        // Only files written since then can hold a review opened since then.
        const info = await stat(fileOf(id)).catch(() => undefined);
        if (!info || info.mtimeMs < since.getTime()) continue;
        const review = await read(id);
        if (review?.team === team && review.user === user && Date.parse(review.createdAt) >= since.getTime())
          found.push(review);
      }
      return newestFirst(found);
    },
    async sweep(now) {
      let removed = 0;
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const id = name.replace(/\.json$/, '');
        if (!name.endsWith('.json') || !isReviewId(id)) continue;
        const review = await read(id);
        // A record that no longer reads is as good as expired.
        if (!review || Date.parse(review.expiresAt) <= now.getTime()) {
          await unlink(fileOf(id)).catch(() => undefined);
          removed++;
        }
      }
      return removed;
    },
  };
}
