import { defaultMaxStatementBytes } from '../core/statement-rules.ts';

/**
 * The cap on one statement file: `STATEMENT_MAX_MB` megabytes, or 5 MB when unset or not
 * a positive number. The loader, the ingest, Slack's Add and the archive import all read it here.
 * @example maxFileBytesFrom({ STATEMENT_MAX_MB: '2' }) // => 2097152
 */
export const maxFileBytesFrom = (env: Record<string, string | undefined> = process.env) => {
  const value = Number(env.STATEMENT_MAX_MB?.trim());
  return Number.isFinite(value) && value > 0 ? Math.round(value * 1024 * 1024) : defaultMaxStatementBytes;
};
