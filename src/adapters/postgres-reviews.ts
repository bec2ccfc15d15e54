import type pg from 'pg';
import type { AuditEntry, AuditLog } from '../slack/archive/audit.ts';
import { claimTtlMs, isReviewId, PendingReview, type ReviewStore } from '../slack/archive/reviews.ts';

/**
 * Pending reviews in the archive database, for several instances: a review posted by one
 * instance is found by whichever instance Slack's button click reaches. Claims are rows
 * that only one insert can create.
 */
export function postgresReviewStore(pool: pg.Pool, ttlMs = claimTtlMs): ReviewStore {
  return {
    async put(review) {
      await pool.query(
        `INSERT INTO quotes_reviews (id, record, expires_at) VALUES ($1, $2, $3)
         ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record, expires_at = EXCLUDED.expires_at`,
        [review.id, JSON.stringify(review), review.expiresAt],
      );
    },
    async get(id) {
      if (!isReviewId(id)) return undefined;
      const { rows } = await pool.query<{ record: unknown }>(
        'SELECT record FROM quotes_reviews WHERE id = $1',
        [id],
      );
      if (!rows[0]) return undefined;
      const parsed = PendingReview.safeParse(rows[0].record);
      return parsed.success ? parsed.data : undefined;
    },
    async claim(id) {
      if (!isReviewId(id)) return false;
      // A new claim, or one left by an Add that crashed or failed more than `ttlMs` ago.
      const { rowCount } = await pool.query(
        `INSERT INTO quotes_review_claims (id, claimed_at) VALUES ($1, now())
         ON CONFLICT (id) DO UPDATE SET claimed_at = now()
         WHERE quotes_review_claims.claimed_at < now() - make_interval(secs => $2)`,
        [id, ttlMs / 1000],
      );
      return rowCount === 1;
    },
    async release(id) {
      await pool.query('DELETE FROM quotes_review_claims WHERE id = $1', [id]);
    },
    async delete(id) {
      await pool.query('DELETE FROM quotes_reviews WHERE id = $1', [id]);
    },
    async sweep(now) {
      const { rowCount } = await pool.query('DELETE FROM quotes_reviews WHERE expires_at <= $1', [
        now.toISOString(),
      ]);
      await pool.query('DELETE FROM quotes_review_claims WHERE id NOT IN (SELECT id FROM quotes_reviews)');
      return rowCount ?? 0;
    },
  };
}

/** The audit log in the archive database: one row per action, whichever instance did it; never a statement's text. */
export function postgresAuditLog(pool: pg.Pool, echo?: (line: string) => void): AuditLog {
  return {
    async record(entry: AuditEntry) {
      const at = new Date().toISOString();
      echo?.(JSON.stringify({ at, ...entry }));
      await pool.query(
        'INSERT INTO quotes_audit (at, team, user_id, action, statement, review) VALUES ($1, $2, $3, $4, $5, $6)',
        [at, entry.team, entry.user, entry.action, entry.statement ?? null, entry.review ?? null],
      );
    },
  };
}
