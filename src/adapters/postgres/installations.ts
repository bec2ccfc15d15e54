import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { type Dialect, dialects, migrate, type Sql } from './sql.ts';

/**
 * The schema, one step per version, in each engine's types (`dialects`): for PostgreSQL,
 * exactly the text that shipped. Never edit a step that has shipped: add one.
 */
export const installationSteps = (d: Dialect): string[] => [
  `CREATE TABLE quotes_installations (
     key text PRIMARY KEY,
     team_id text,
     enterprise_id text,
     is_enterprise_install ${d.boolean} NOT NULL,
     installation ${d.json} NOT NULL,
     installed_at ${d.timestamp} NOT NULL DEFAULT ${d.now}
   );`,
];

/** Org-wide Enterprise Grid installs are keyed by enterprise, all others by team. */
const keyOf = (query: {
  teamId?: string | undefined;
  enterpriseId?: string | undefined;
  isEnterpriseInstall?: boolean;
}) =>
  query.isEnterpriseInstall && query.enterpriseId ? `E:${query.enterpriseId}` : `T:${query.teamId ?? '-'}`;

/** Thrown when a workspace has no installation: it gets no answer, never another workspace's token. */
export class NoInstallationError extends Error {
  override readonly name = 'NoInstallationError';
}

export interface SqlInstallationStore extends InstallationStore {
  /** The workspaces installed, for logs and tests. */
  count(): Promise<number>;
}

/**
 * Bolt's installation store on SQL (PostgreSQL, or SQLite embedded in the process): one row
 * per installation, its schema migrated at start, the same queries on both engines (the
 * installation read back as JSON text, parsed here). Deleting is safe to repeat, since Slack
 * sends app_uninstalled and tokens_revoked in no set order.
 */
export async function sqlInstallationStore(
  sql: Sql,
  warn: (message: string) => void,
  cache: { freshMs?: number; staleMs?: number; now?: () => number } = {},
): Promise<SqlInstallationStore> {
  const dialect = dialects[sql.engine];
  await migrate(sql, 'installations', installationSteps(dialect));
  // Every request looks its workspace up: a minute's cache spares the database, and while it
  // is out of reach an installation seen in the last hour still answers its workspace.
  const freshMs = cache.freshMs ?? 60_000;
  const staleMs = cache.staleMs ?? 60 * 60_000;
  const now = cache.now ?? Date.now;
  const known = new Map<string, { installation: Installation; at: number }>();
  const remember = (key: string, installation: Installation) => {
    if (known.size >= 10_000) known.clear();
    known.set(key, { installation, at: now() });
  };
  return {
    async storeInstallation(installation: Installation) {
      const isEnterpriseInstall = installation.isEnterpriseInstall === true;
      const query = {
        teamId: installation.team?.id,
        enterpriseId: installation.enterprise?.id,
        isEnterpriseInstall,
      };
      await sql.query(
        `INSERT INTO quotes_installations (key, team_id, enterprise_id, is_enterprise_install, installation)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (key) DO UPDATE SET team_id = EXCLUDED.team_id, enterprise_id = EXCLUDED.enterprise_id,
           is_enterprise_install = EXCLUDED.is_enterprise_install, installation = EXCLUDED.installation, installed_at = ${dialect.now}`,
        [
          keyOf(query),
          query.teamId ?? null,
          query.enterpriseId ?? null,
          isEnterpriseInstall,
          JSON.stringify(installation),
        ],
      );
      known.delete(keyOf(query));
    },
    async fetchInstallation(query: InstallationQuery<boolean>) {
      const keys = [keyOf(query)];
      // A team of an organisation where the app was installed org-wide.
      if (!query.isEnterpriseInstall && query.enterpriseId) keys.push(`E:${query.enterpriseId}`);
      for (const key of keys) {
        const cached = known.get(key);
        if (cached && now() - cached.at < freshMs) return cached.installation;
        let rows: Array<{ installation: string }>;
        try {
          ({ rows } = await sql.query<{ installation: string }>(
            'SELECT CAST(installation AS text) AS installation FROM quotes_installations WHERE key = $1',
            [key],
          ));
        } catch (error) {
          if (cached && now() - cached.at < staleMs) {
            warn(
              `the installations database is out of reach: workspace ${key.slice(2)} answered from memory`,
            );
            return cached.installation;
          }
          throw error;
        }
        if (rows[0]) {
          const installation = JSON.parse(rows[0].installation) as Installation;
          remember(key, installation);
          return installation;
        }
      }
      warn(`no installation for workspace ${keyOf(query).slice(2)}: its request is not answered`);
      throw new NoInstallationError(`no installation for ${keyOf(query)}`);
    },
    async deleteInstallation(query: InstallationQuery<boolean>) {
      known.delete(keyOf(query));
      await sql.query('DELETE FROM quotes_installations WHERE key = $1', [keyOf(query)]);
    },
    async count() {
      const { rows } = await sql.query<{ n: number }>(
        'SELECT CAST(count(*) AS integer) AS n FROM quotes_installations',
      );
      return rows[0]?.n ?? 0;
    },
  };
}
