import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { Language, Source } from '../../core/corpus.ts';
import type { Bead } from '../../core/ingest/align.ts';
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
  /** The two versions' alignment, made once off the thread that answers: every rebuild reuses it. */
  beads: z
    .array(
      z.custom<Bead>(
        (value) =>
          typeof value === 'object' &&
          value !== null &&
          Array.isArray((value as Bead).en) &&
          Array.isArray((value as Bead).fr),
      ),
    )
    .optional(),
  /**
   * pending: waiting for a decision; adding: an Add holds it (since `claim.at`; a claim older
   * than `claimTtlMs` was left by an Add that crashed, and the review is open again); added.
   */
  status: z.enum(['pending', 'adding', 'added']),
  /** Moves on by one with every change: a change is written only over the version it was made from. */
  version: z.number().int().nonnegative().default(0),
  /** Who is adding it, and since when, while its status is adding. */
  claim: z.strictObject({ by: z.string(), at: z.iso.datetime() }).optional(),
  /** Who added it, when, the statement id it was added as, and that statement's fingerprint. */
  outcome: z
    .strictObject({
      by: z.string(),
      at: z.iso.datetime(),
      id: z.string().optional(),
      fingerprint: z.string().optional(),
    })
    .optional(),
});
export type PendingReview = z.infer<typeof PendingReview>;

export const newReviewId = () => randomBytes(8).toString('hex');
export const isReviewId = (value: unknown): value is string => ReviewId.safeParse(value).success;

/** How long an Add holds its review: far longer than an Add takes, far shorter than a meeting. */
export const claimTtlMs = 2 * 60_000;

/**
 * Where a review stands: open (Edit, Add and Discard may act), being added, added, or
 * expired. A review whose Add crashed or lost its database is open again once the claim's
 * time has passed, so a fault never locks it.
 */
export function reviewState(
  review: PendingReview,
  now: Date,
  ttlMs = claimTtlMs,
): 'open' | 'adding' | 'added' | 'expired' {
  if (Date.parse(review.expiresAt) <= now.getTime()) return 'expired';
  if (review.status === 'added') return 'added';
  if (review.status === 'adding' && review.claim && now.getTime() - Date.parse(review.claim.at) < ttlMs)
    return 'adding';
  return 'open';
}

/**
 * Where pending reviews are kept (several instances share the file or database one).
 * Every change after the first is a compare-and-set on the review's version, so that
 * Edit, Add and Discard, from double clicks, two editors or two instances, act once each
 * on the review they saw and never on one that changed meanwhile.
 */
export interface ReviewStore {
  /** Keeps a new review. */
  put(review: PendingReview): Promise<void>;
  get(id: string): Promise<PendingReview | undefined>;
  /**
   * Writes `next` in place of the review if it is still at `next.version`; returns what was
   * stored (its version moved on by one), or undefined when the review changed or is gone.
   */
  update(next: PendingReview): Promise<PendingReview | undefined>;
  /** Forgets a review still at `version` (discarded: nothing of it is kept); false when it changed or is gone. */
  delete(id: string, version: number): Promise<boolean>;
  /** Forgets the reviews whose time has passed; returns how many. */
  sweep(now: Date): Promise<number>;
}

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
