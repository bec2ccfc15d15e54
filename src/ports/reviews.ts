import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { Language, Source } from '../core/corpus.ts';
import type { Bead } from '../core/ingest/align.ts';
import type { StatementOverrides } from '../core/ingest/build-statement.ts';
import type { PlainStatement } from '../core/ingest/plain-text.ts';

/** How long a review waits for Add before it expires. */
export const reviewLifetimeMs = 24 * 60 * 60 * 1000;

const ReviewId = z.string().regex(/^[a-f0-9]{16}$/);

/**
 * A statement sent by an editor and waiting for an editor's decision: the documents as
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
  /**
   * The archive's statement this review goes into instead of a new one: completed with the
   * review's versions keeping hand work (update), or replaced whole. Chosen by the editor who
   * added that statement.
   */
  target: z.strictObject({ id: z.string(), mode: z.enum(['update', 'replace']) }).optional(),
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
  /** The reviews an editor opened in a workspace since `since` (the files they sent lately), newest first. */
  recentBy(team: string, user: string, since: Date): Promise<PendingReview[]>;
}

/** Newest first, for `recentBy`. */
export const newestFirst = (reviews: PendingReview[]) =>
  reviews.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
