import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Installation } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  NoInstallationError,
  type SqlInstallationStore,
  sqlInstallationStore,
} from '../../../src/adapters/postgres/installations.ts';
import {
  embeddedFile,
  embeddedSql,
  postgresPool,
  postgresSql,
  type Sql,
} from '../../../src/adapters/postgres/sql.ts';
import { freshDatabase } from '../../support/databases.ts';

const postgresUrl = inject('postgresUrl');

/** What every installation carries besides where it is installed and its token. */
const installed = (token: string) => ({
  bot: { token, scopes: ['chat:write'], id: 'B0BOT', userId: 'U0BOT' },
  user: { id: 'U0ADMIN', token: undefined, scopes: undefined },
  tokenType: 'bot' as const,
  appId: 'A0APP',
  authVersion: 'v2' as const,
});

/** An installation as Bolt hands it over: in one workspace, or org-wide in an organisation. */
const teamInstall = (team: string, token: string, enterprise?: string): Installation =>
  ({
    team: { id: team, name: `Workspace ${team}` },
    enterprise: enterprise ? { id: enterprise, name: `Org ${enterprise}` } : undefined,
    isEnterpriseInstall: false,
    ...installed(token),
  }) as Installation;

const orgInstall = (enterprise: string, token: string): Installation =>
  ({
    team: undefined,
    enterprise: { id: enterprise, name: `Org ${enterprise}` },
    isEnterpriseInstall: true,
    ...installed(token),
  }) as Installation;

interface Engine {
  name: string;
  skip: boolean;
  /** A new, empty place for one describe block: how to open it (again), and how to remove it. */
  setup(): Promise<{ open(): Promise<Sql>; remove(): void }>;
}

const engines: Engine[] = [
  {
    name: 'PostgreSQL',
    skip: !postgresUrl,
    async setup() {
      const url = await freshDatabase(postgresUrl);
      return { open: async () => postgresSql(postgresPool(url)), remove: () => undefined };
    },
  },
  {
    name: 'SQLite (node:sqlite)',
    skip: false,
    async setup() {
      const dir = mkdtempSync(join(tmpdir(), 'quotes-sqlite-'));
      return {
        open: () => embeddedSql(join(dir, 'installations')),
        remove: () => rmSync(dir, { recursive: true, force: true }),
      };
    },
  },
];

/** The installations table's columns as the first release created them on PostgreSQL. */
const installationColumns = [
  'key text',
  'team_id text',
  'enterprise_id text',
  'is_enterprise_install boolean',
  'installation jsonb',
  'installed_at timestamp with time zone',
];

/** "name type" of each column of these tables, in table then column order. */
async function columnsOf(sql: Sql, tables: string[]) {
  const { rows } = await sql.query<{ column_name: string; data_type: string }>(
    'SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ANY($1) ORDER BY table_name, ordinal_position',
    [tables],
  );
  return rows.map((row) => `${row.column_name} ${row.data_type}`);
}

/** An installation as Bolt asks for it: by team, by organisation, or org-wide. */
const findIn = (
  store: SqlInstallationStore,
  teamId: string | undefined,
  enterpriseId: string | undefined,
  isEnterpriseInstall: boolean,
) => store.fetchInstallation({ teamId, enterpriseId, isEnterpriseInstall });

for (const engine of engines) {
  describe.skipIf(engine.skip)(`the installation store on ${engine.name}`, () => {
    let place: Awaited<ReturnType<Engine['setup']>>;
    let sql: Sql;
    let store: SqlInstallationStore;
    const warnings: string[] = [];
    const warn = (message: string) => warnings.push(message);
    const find = (teamId: string | undefined, enterpriseId: string | undefined, org: boolean) =>
      findIn(store, teamId, enterpriseId, org);
    beforeAll(async () => {
      place = await engine.setup();
      // Two instances (two connections) starting at once migrate once.
      const [a, b] = await Promise.all([place.open(), place.open()]);
      const [first] = await Promise.all([sqlInstallationStore(a, warn), sqlInstallationStore(b, warn)]);
      await b.close();
      sql = a;
      store = first;
    });
    afterAll(async () => {
      await sql?.close();
      place?.remove();
    });

    it('migrated once', async () => {
      const { rows } = await sql.query<{ version: number }>(
        'SELECT version FROM quotes_schema WHERE name = $1',
        ['installations'],
      );
      expect(rows).toEqual([{ version: 1 }]);
    });

    it('saves an installation and fetches it by its team, and no other team’s', async () => {
      await store.storeInstallation(teamInstall('T0GENEVA', 'xoxb-geneva'));
      const got = await find('T0GENEVA', undefined, false);
      expect(got).toEqual(JSON.parse(JSON.stringify(teamInstall('T0GENEVA', 'xoxb-geneva'))));
      await expect(find('T0STRANGER', undefined, false)).rejects.toBeInstanceOf(NoInstallationError);
      expect(warnings.at(-1)).toBe('no installation for workspace T0STRANGER: its request is not answered');
      expect(await store.count()).toBe(1);
    });

    it('replaces an installation installed again', async () => {
      await store.storeInstallation(teamInstall('T0GENEVA', 'xoxb-geneva-2'));
      const got = await find('T0GENEVA', undefined, false);
      expect(got.bot?.token).toBe('xoxb-geneva-2');
      expect(await store.count()).toBe(1);
    });

    it('fetches an org-wide install for any team of the organisation, a team’s own install first', async () => {
      await store.storeInstallation(orgInstall('E0MINISTRY', 'xoxb-org'));
      await store.storeInstallation(teamInstall('T0VIENNA', 'xoxb-vienna', 'E0MINISTRY'));
      const orgWide = await find('T0NEWYORK', 'E0MINISTRY', true);
      expect(orgWide.bot?.token).toBe('xoxb-org');
      expect(orgWide.isEnterpriseInstall).toBe(true);
      const fallback = await find('T0NEWYORK', 'E0MINISTRY', false);
      expect(fallback.bot?.token).toBe('xoxb-org');
      const own = await find('T0VIENNA', 'E0MINISTRY', false);
      expect(own.bot?.token).toBe('xoxb-vienna');
      expect(await store.count()).toBe(3);
    });

    it('survives being closed and opened again', async () => {
      await sql.close();
      sql = await place.open();
      store = await sqlInstallationStore(sql, warn);
      expect(await store.count()).toBe(3);
      const got = await find('T0GENEVA', undefined, false);
      expect(got.bot?.token).toBe('xoxb-geneva-2');
    });

    it('deletes by team and by organisation, safely twice', async () => {
      for (let k = 0; k < 2; k++) {
        await store.deleteInstallation!({
          teamId: 'T0GENEVA',
          enterpriseId: undefined,
          isEnterpriseInstall: false,
        });
        await store.deleteInstallation!({
          teamId: 'T0NEWYORK',
          enterpriseId: 'E0MINISTRY',
          isEnterpriseInstall: true,
        });
      }
      await expect(find('T0GENEVA', undefined, false)).rejects.toBeInstanceOf(NoInstallationError);
      await expect(find('T0NEWYORK', 'E0MINISTRY', true)).rejects.toBeInstanceOf(NoInstallationError);
      // The organisation's team with its own install keeps it.
      const own = await find('T0VIENNA', 'E0MINISTRY', false);
      expect(own.bot?.token).toBe('xoxb-vienna');
      expect(await store.count()).toBe(1);
    });

    it('speaks one dialect: $n parameters (repeated, out of order), counts of changes, plain rows', async () => {
      await sql.query('CREATE TABLE quotes_sql_test (k text PRIMARY KEY, v integer NOT NULL, note text)');
      const inserted = await sql.query(
        'INSERT INTO quotes_sql_test (k, v, note) VALUES ($2, $1, $3), ($4, $1, $3)',
        [7, 'a', '$1 stays', 'b'],
      );
      expect(inserted).toEqual({ rows: [], count: 2 });
      expect((await sql.query('UPDATE quotes_sql_test SET v = v + 1 WHERE v = $1', [7])).count).toBe(2);
      expect((await sql.query('DELETE FROM quotes_sql_test WHERE k = $1', ['none'])).count).toBe(0);
      const { rows, count } = await sql.query<{ k: string; v: number; note: string }>(
        "SELECT k, v, note FROM quotes_sql_test WHERE note = '$1 stays' AND (k = $1 OR k = $2) ORDER BY k",
        ['a', 'b'],
      );
      expect(rows).toEqual([
        { k: 'a', v: 8, note: '$1 stays' },
        { k: 'b', v: 8, note: '$1 stays' },
      ]);
      expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
      expect(count).toBe(2);
    });

    it('rolls a failing transaction back, whole, and commits the next', async () => {
      await expect(
        sql.transaction(async (query) => {
          await query('INSERT INTO quotes_sql_test (k, v) VALUES ($1, $2)', ['rolled-back', 1]);
          await query('INSERT INTO quotes_sql_test (k, v) VALUES ($1, $2)', ['a', 1]); // a duplicate key
        }),
      ).rejects.toThrow();
      await expect(
        sql.transaction(async (query) => {
          await query('INSERT INTO quotes_sql_test (k, v) VALUES ($1, $2)', ['thrown', 1]);
          throw new Error('changed my mind');
        }),
      ).rejects.toThrow('changed my mind');
      const committed = await sql.transaction(async (query) => {
        await query('INSERT INTO quotes_sql_test (k, v) VALUES ($1, $2)', ['committed', 1]);
        return 'done';
      });
      expect(committed).toBe('done');
      const { rows } = await sql.query<{ k: string }>('SELECT k FROM quotes_sql_test ORDER BY k');
      expect(rows.map((row) => row.k)).toEqual(['a', 'b', 'committed']);
    });
  });
}

describe.skipIf(!postgresUrl)('the installation store on a PostgreSQL database of an earlier release', () => {
  let sql: Sql;
  beforeAll(async () => {
    sql = postgresSql(postgresPool(await freshDatabase(postgresUrl)));
  });
  afterAll(async () => {
    await sql?.close();
  });

  it('keeps its shipped schema and rows, and goes on working', async () => {
    // What the earlier release created, word for word, and a row it wrote.
    await sql.query(
      'CREATE TABLE IF NOT EXISTS quotes_schema (name text NOT NULL, version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (name, version))',
    );
    await sql.query(`CREATE TABLE quotes_installations (
     key text PRIMARY KEY,
     team_id text,
     enterprise_id text,
     is_enterprise_install boolean NOT NULL,
     installation jsonb NOT NULL,
     installed_at timestamptz NOT NULL DEFAULT now()
   )`);
    await sql.query("INSERT INTO quotes_schema (name, version) VALUES ('installations', 1)");
    await sql.query(
      `INSERT INTO quotes_installations (key, team_id, enterprise_id, is_enterprise_install, installation)
       VALUES ('T:T0OLD', 'T0OLD', NULL, false, $1)`,
      [JSON.stringify(teamInstall('T0OLD', 'xoxb-old'))],
    );
    const store = await sqlInstallationStore(sql, () => undefined);
    expect((await findIn(store, 'T0OLD', undefined, false)).bot?.token).toBe('xoxb-old');
    await store.storeInstallation(orgInstall('E0NEW', 'xoxb-new'));
    expect(await store.count()).toBe(2);
    expect(await columnsOf(sql, ['quotes_installations'])).toEqual(installationColumns);
  });

  it('creates the same schema in a new database', async () => {
    const fresh = postgresSql(postgresPool(await freshDatabase(postgresUrl)));
    try {
      await sqlInstallationStore(fresh, () => undefined);
      expect(await columnsOf(fresh, ['quotes_installations', 'quotes_schema'])).toEqual([
        ...installationColumns,
        'name text',
        'version integer',
        'applied_at timestamp with time zone',
      ]);
    } finally {
      await fresh.close();
    }
  });
});

describe('the embedded store (node:sqlite)', () => {
  let dir: string;
  let sql: Sql;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quotes-sqlite-'));
    sql = await embeddedSql(dir);
    await sql.query('CREATE TABLE quotes_log (k integer PRIMARY KEY AUTOINCREMENT, entry text NOT NULL)');
  });
  afterAll(async () => {
    await sql?.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const entries = async () =>
    (await sql.query<{ entry: string }>('SELECT entry FROM quotes_log ORDER BY k')).rows.map(
      (row) => row.entry,
    );
  const pause = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('keeps its file in the folder, in WAL mode', async () => {
    expect(existsSync(join(dir, embeddedFile))).toBe(true);
    const { rows } = await sql.query<{ journal_mode: string }>('PRAGMA journal_mode');
    expect(rows[0]?.journal_mode).toBe('wal');
  });

  it('runs two transactions started together one after the other, never interleaved', async () => {
    const write = (name: string) =>
      sql.transaction(async (query) => {
        await query('INSERT INTO quotes_log (entry) VALUES ($1)', [`${name} begins`]);
        await pause();
        await query('INSERT INTO quotes_log (entry) VALUES ($1)', [`${name} ends`]);
        return name;
      });
    expect(await Promise.all([write('first'), write('second')])).toEqual(['first', 'second']);
    expect(await entries()).toEqual(['first begins', 'first ends', 'second begins', 'second ends']);
  });

  it('keeps a query asked for during a transaction out of it: the query waits, and survives its rollback', async () => {
    await sql.query('DELETE FROM quotes_log');
    const failing = sql.transaction(async (query) => {
      await query('INSERT INTO quotes_log (entry) VALUES ($1)', ['inside']);
      await pause();
      throw new Error('rolled back');
    });
    const outside = sql.query('INSERT INTO quotes_log (entry) VALUES ($1)', ['outside']);
    const next = sql.transaction(async (query) => {
      await query('INSERT INTO quotes_log (entry) VALUES ($1)', ['next']);
    });
    await expect(failing).rejects.toThrow('rolled back');
    expect((await outside).count).toBe(1);
    await next;
    expect(await entries()).toEqual(['outside', 'next']);
  });

  it('waits for another process’s transaction on the same file (the busy timeout), then writes', async () => {
    const script = `
      const { embeddedSql } = await import('./src/adapters/postgres/sql.ts');
      const sql = await embeddedSql(${JSON.stringify(dir)});
      await sql.transaction(async (query) => {
        await query('INSERT INTO quotes_log (entry) VALUES ($1)', ['other process']);
        process.stdout.write('locked\\n');
        await new Promise((resolve) => setTimeout(resolve, 300));
      });
      await sql.close();`;
    await sql.query('DELETE FROM quotes_log');
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: process.cwd(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
    await sql.transaction(async (query) => {
      await query('INSERT INTO quotes_log (entry) VALUES ($1)', ['this process']);
    });
    expect(await exited).toBe(0);
    expect(await entries()).toEqual(['other process', 'this process']);
  });

  it('says, once, that a folder of an earlier release’s PGlite database is not read', async () => {
    const old = join(dir, 'pglite');
    mkdirSync(old);
    writeFileSync(join(old, 'PG_VERSION'), '17\n');
    const warnings: Error[] = [];
    const listen = (warning: Error) => warnings.push(warning);
    process.on('warning', listen);
    try {
      for (let k = 0; k < 2; k++) {
        await (await embeddedSql(old)).close();
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      process.off('warning', listen);
    }
    expect(warnings.map((warning) => (warning as Error & { code?: string }).code)).toEqual([
      'QUOTES_PGLITE_NOT_READ',
    ]);
    expect(warnings[0]!.message).toContain('install the app again in each workspace');
  });

  it('refuses a query of a transaction that has ended', async () => {
    let leaked: ((text: string) => Promise<unknown>) | undefined;
    await sql.transaction(async (query) => {
      leaked = query;
    });
    await expect(leaked!('SELECT 1')).rejects.toThrow('a query of a transaction that has ended');
  });

  it('prints no ExperimentalWarning for SQLite, and lets every other warning through', async () => {
    const script = `
      const { embeddedSql } = await import('./src/adapters/postgres/sql.ts');
      const sql = await embeddedSql(${JSON.stringify(join(dir, 'child'))});
      await sql.query('SELECT 1 AS one');
      await sql.close();
      process.emitWarning('another feature is experimental', 'ExperimentalWarning');
      process.emitWarning('a warning of the app');`;
    const { stderr } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: process.cwd(),
    });
    expect(stderr).not.toContain('SQLite');
    expect(stderr).toContain('ExperimentalWarning: another feature is experimental');
    expect(stderr).toContain('Warning: a warning of the app');
  });
});

describe('installation lookups while the database is out of reach', () => {
  it('answer a workspace seen in the last hour from memory, and refuse one never seen', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quotes-installations-cache-'));
    const real = await embeddedSql(dir);
    let down = false;
    let queries = 0;
    // The same database, except that it stops answering when told.
    const flaky: Sql = {
      engine: real.engine,
      query: (text, params) => {
        queries += 1;
        return down ? Promise.reject(new Error('ECONNREFUSED')) : real.query(text, params);
      },
      transaction: (run) => real.transaction(run),
      close: () => real.close(),
    };
    let clock = 0;
    const warnings: string[] = [];
    const store = await sqlInstallationStore(flaky, (message) => warnings.push(message), {
      now: () => clock,
    });
    try {
      await store.storeInstallation(teamInstall('T0GENEVA', 'xoxb-geneva'));
      expect((await findIn(store, 'T0GENEVA', undefined, false)).bot?.token).toBe('xoxb-geneva');
      // Within a minute, the database is not asked again.
      const asked = queries;
      clock += 30_000;
      expect((await findIn(store, 'T0GENEVA', undefined, false)).bot?.token).toBe('xoxb-geneva');
      expect(queries).toBe(asked);
      // Past the minute, with the database down: the installation seen still answers.
      down = true;
      clock += 10 * 60_000;
      expect((await findIn(store, 'T0GENEVA', undefined, false)).bot?.token).toBe('xoxb-geneva');
      expect(warnings.at(-1)).toContain('answered from memory');
      await expect(findIn(store, 'T0NEVERSEEN', undefined, false)).rejects.toThrow('ECONNREFUSED');
      // Past the hour, memory is not trusted any more.
      clock += 60 * 60_000;
      await expect(findIn(store, 'T0GENEVA', undefined, false)).rejects.toThrow('ECONNREFUSED');
      // An uninstall forgets it at once.
      down = false;
      expect((await findIn(store, 'T0GENEVA', undefined, false)).bot?.token).toBe('xoxb-geneva');
      await store.deleteInstallation!({
        teamId: 'T0GENEVA',
        enterpriseId: undefined,
        isEnterpriseInstall: false,
      });
      await expect(findIn(store, 'T0GENEVA', undefined, false)).rejects.toBeInstanceOf(NoInstallationError);
    } finally {
      await real.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
