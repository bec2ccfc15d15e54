import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Language, Source } from '../../core/corpus.ts';
import type { StatementOverrides } from '../../core/ingest/build-statement.ts';
import type { PlainStatement } from '../../core/ingest/plain-text.ts';

/** How long a review waits for Add before it expires. */
export const reviewLifetimeMs = 24 * 60 * 60 * 1000;

const ReviewId = z.string().regex(/^[a-f0-9]{16}$/);

/**
 * A statement sent from Slack and waiting for an editor's decision: the documents as
 * read (never the files themselves), what the editor corrected, and where its review
 * message is. Nothing in it is searchable.
 */
export const PendingReview = z.strictObject({
  id: ReviewId,
  team: z.string(),
  /** The editor who sent the files. */
  user: z.string(),
  language: Language,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  /** The direct message holding the review, and the review message's ts once posted. */
  channel: z.string(),
  ts: z.string().optional(),
  documents: z
    .array(
      z.strictObject({
        version: z.custom<PlainStatement>(
          (value) =>
            typeof value === 'object' &&
            value !== null &&
            Array.isArray((value as PlainStatement).paragraphs),
        ),
        source: Source,
      }),
    )
    .min(1)
    .max(2),
  overrides: z.custom<StatementOverrides>((value) => typeof value === 'object' && value !== null),
  status: z.enum(['pending', 'added']),
  /** Who added it, when, and the statement id it was added as. */
  outcome: z.strictObject({ by: z.string(), at: z.iso.datetime(), id: z.string().optional() }).optional(),
});
export type PendingReview = z.infer<typeof PendingReview>;

export const newReviewId = () => randomBytes(8).toString('hex');
export const isReviewId = (value: unknown): value is string => ReviewId.safeParse(value).success;

/** Where pending reviews are kept (several instances share the file one). */
export interface ReviewStore {
  put(review: PendingReview): Promise<void>;
  get(id: string): Promise<PendingReview | undefined>;
  /**
   * True for the first caller only, until released or `claimTtlMs` has passed: one Add,
   * Discard or Remove at a time per review, whatever the double clicks, editors or
   * instances, and never a review locked by an Add that crashed.
   */
  claim(id: string): Promise<boolean>;
  release(id: string): Promise<void>;
  /** Forgets a review now (discarded: nothing of it is kept). */
  delete(id: string): Promise<void>;
  /** Forgets the reviews whose time has passed; returns how many. */
  sweep(now: Date): Promise<number>;
}

/** How long a claim holds: far longer than an Add takes, far shorter than a meeting. */
export const claimTtlMs = 2 * 60_000;

/** Reviews in process memory: for a single instance without a writable STATE_DIR. */
export function memoryReviewStore(ttlMs = claimTtlMs, now: () => number = Date.now): ReviewStore {
  const reviews = new Map<string, PendingReview>();
  const claims = new Map<string, number>();
  return {
    async put(review) {
      reviews.set(review.id, structuredClone(review));
    },
    async get(id) {
      const review = reviews.get(id);
      return review ? structuredClone(review) : undefined;
    },
    async claim(id) {
      const at = claims.get(id);
      if (at !== undefined && now() - at < ttlMs) return false;
      claims.set(id, now());
      return true;
    },
    async release(id) {
      claims.delete(id);
    },
    async delete(id) {
      reviews.delete(id);
    },
    async sweep(now) {
      let removed = 0;
      for (const [id, review] of reviews)
        if (Date.parse(review.expiresAt) <= now.getTime()) {
          reviews.delete(id);
          claims.delete(id);
          removed++;
        }
      return removed;
    },
  };
}

/**
 * Reviews as files under `dir` (STATE_DIR/reviews): each written whole (temporary file,
 * then rename), claims taken by creating a file that must not exist, so that two
 * processes never both win.
 */
export async function fileReviewStore(
  dir: string,
  ttlMs = claimTtlMs,
  now: () => number = Date.now,
): Promise<ReviewStore> {
  await mkdir(dir, { recursive: true });
  const fileOf = (id: string) => join(dir, `${id}.json`);
  const claimOf = (id: string) => join(dir, `${id}.claim`);
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
  const forget = async (id: string) => {
    await unlink(fileOf(id)).catch(() => undefined);
    await unlink(claimOf(id)).catch(() => undefined);
  };
  return {
    async put(review) {
      const temporary = join(dir, `.${review.id}.${randomBytes(4).toString('hex')}.tmp`);
      const handle = await open(temporary, 'wx');
      try {
        await handle.writeFile(JSON.stringify(review), 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, fileOf(review.id));
    },
    get: read,
    async claim(id) {
      if (!isReviewId(id)) return false;
      const take = async () => {
        try {
          await (await open(claimOf(id), 'wx')).close();
          return true;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
          throw error;
        }
      };
      if (await take()) return true;
      // A claim older than `ttlMs` was left by an Add that crashed: moved aside (one process
      // wins the rename), then taken anew, exclusively.
      const claimedAt = await stat(claimOf(id)).then(
        (info) => info.mtimeMs,
        () => undefined,
      );
      if (claimedAt === undefined || now() - claimedAt < ttlMs) return false;
      const aside = join(dir, `.${id}.${randomBytes(4).toString('hex')}.stale`);
      try {
        await rename(claimOf(id), aside);
      } catch {
        return false;
      }
      await unlink(aside).catch(() => undefined);
      return take();
    },
    async release(id) {
      if (isReviewId(id)) await unlink(claimOf(id)).catch(() => undefined);
    },
    async delete(id) {
      if (isReviewId(id)) await unlink(fileOf(id)).catch(() => undefined);
    },
    async sweep(now) {
      let removed = 0;
      for (const name of await readdir(dir).catch(() => [] as string[])) {
        const id = name.replace(/\.json$/, '');
        if (!name.endsWith('.json') || !isReviewId(id)) continue;
        const review = await read(id);
        // A record that no longer reads is as good as expired.
        if (!review || Date.parse(review.expiresAt) <= now.getTime()) {
          await forget(id);
          removed++;
        }
      }
      return removed;
    },
  };
}
