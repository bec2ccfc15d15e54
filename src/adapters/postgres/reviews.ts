import type pg from 'pg';
import type { AuditEntry, AuditLog } from '../../ports/audit.ts';
import { isReviewId, newestFirst, PendingReview, type ReviewStore } from '../../ports/reviews.ts';

/**
 * Pending reviews in the archive database, for several instances: a review posted by one
 * instance is found by whichever instance Slack's button click reaches. A change is one
 * statement that compares the review's version and writes, so only one of two wins.
 */
export function postgresReviewStore(pool: pg.Pool): ReviewStore {
  /** The stored version: records written before versions existed are at 0. */
  const version = "COALESCE((record->>'version')::int, 0)";
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
    async update(next) {
      if (!isReviewId(next.id)) return undefined;
      const stored = { ...next, version: next.version + 1 };
      const { rowCount } = await pool.query(
        `UPDATE quotes_reviews SET record = $2, expires_at = $3 WHERE id = $1 AND ${version} = $4`,
        [next.id, JSON.stringify(stored), stored.expiresAt, next.version],
      );
      return rowCount === 1 ? stored : undefined;
    },
    async delete(id, expected) {
      if (!isReviewId(id)) return false;
      const { rowCount } = await pool.query(`DELETE FROM quotes_reviews WHERE id = $1 AND ${version} = $2`, [
        id,
        expected,
      ]);
      return rowCount === 1;
    },
    async recentBy(team, user, since) {
      const { rows } = await pool.query<{ record: unknown }>(
        `SELECT record FROM quotes_reviews
          WHERE record->>'team' = $1 AND record->>'user' = $2 AND record->>'createdAt' >= $3`,
        [team, user, since.toISOString()],
      );
      return newestFirst(
        rows.flatMap(({ record }) => {
          const parsed = PendingReview.safeParse(record);
          return parsed.success ? [parsed.data] : [];
        }),
      );
    },
    async sweep(now) {
      const { rowCount } = await pool.query('DELETE FROM quotes_reviews WHERE expires_at <= $1', [
        now.toISOString(),
      ]);
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
