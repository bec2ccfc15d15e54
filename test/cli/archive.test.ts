import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { main as archive } from '../../src/cli/archive.ts';
import { main as ingest } from '../../src/cli/ingest.ts';
import { freshDatabase } from '../support/databases.ts';
import { seedStatementId } from '../support/knowledge.ts';

const postgresUrl = inject('postgresUrl');

const run = async (command: typeof archive, argv: string[], env: NodeJS.ProcessEnv) => {
  let stdout = '';
  let stderr = '';
  const code = await command(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
  });
  return { code, stdout, stderr };
};

describe('npm run archive without a database', () => {
  it('says there is nothing to move, exit 2', async () => {
    const result = await run(archive, ['import'], { DATA_DIR: 'data' });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL is not set');
  });

  it('says, in one line and exit 1, that the archive database is out of reach or not a PostgreSQL URL', async () => {
    const refused = await run(archive, ['export', '/tmp'], {
      DATABASE_URL: 'postgres://quotes@127.0.0.1:1/quotes',
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      'Cannot open the archive: the archive database is out of reach (ECONNREFUSED): check DATABASE_URL and that PostgreSQL is running\n',
    );
    const wrong = await run(ingest, ['x.txt'], {
      DATA_DIR: 'data',
      DATABASE_URL: 'mysql://quotes@host/quotes',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('DATABASE_URL must be a PostgreSQL URL');
  });

  it('refuses an unknown action or option, exit 2', async () => {
    expect((await run(archive, ['move'], { DATABASE_URL: 'postgres://x/y' })).code).toBe(2);
    expect((await run(archive, ['import', '--force'], { DATABASE_URL: 'postgres://x/y' })).code).toBe(2);
  });
});

describe.skipIf(!postgresUrl)('npm run archive and npm run ingest with a database', () => {
  let env: NodeJS.ProcessEnv;
  let folder: string;
  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'quotes-archive-cli-'));
    cpSync('data/statements', folder, { recursive: true });
    env = { DATA_DIR: 'data', DATABASE_URL: await freshDatabase(postgresUrl), STATE_DIR: folder };
  });

  it('imports a folder, then leaves what is the same', async () => {
    const first = await run(archive, ['import', folder], env);
    expect(first).toMatchObject({ code: 0, stdout: 'Statements imported: 1   unchanged: 0\n' });
    const again = await run(archive, ['import', folder], env);
    expect(again.stdout).toBe('Statements imported: 0   unchanged: 1\n');
  });

  it('refuses a changed statement unless --replace, and a bad file before importing anything', async () => {
    const file = join(folder, `${seedStatementId}.yml`);
    writeFileSync(file, readFileSync(file, 'utf8').replace('# ', '# Corrected: '));
    const refused = await run(archive, ['import', folder], env);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`add --replace to overwrite them:\n  ${seedStatementId}`);
    expect((await run(archive, ['import', folder, '--replace'], env)).code).toBe(0);
    writeFileSync(join(folder, 'broken.yml'), 'id: broken\ntitle: 3\n');
    const bad = await run(archive, ['import', folder], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('Nothing was imported');
    expect(bad.stderr).toContain('broken.yml');
  });

  it('refuses at the door what the instances would refuse to load: an unknown theme, a file over the cap, no plain file', async () => {
    const other = mkdtempSync(join(tmpdir(), 'quotes-archive-door-'));
    const seed = readFileSync(join('data/statements', `${seedStatementId}.yml`), 'utf8');
    const themed = seed
      .replace(`id: ${seedStatementId}`, 'id: themed-2016-09-06')
      .replace(/\n {2}- n: 1\n/, '\n  - n: 1\n    themes: [no-such-theme]\n');
    expect(themed).toContain('no-such-theme');
    writeFileSync(join(other, 'themed.yml'), themed);
    const unknown = await run(archive, ['import', other], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Nothing was imported');
    expect(unknown.stderr).toContain('unknown theme "no-such-theme"');
    rmSync(join(other, 'themed.yml'));
    writeFileSync(join(other, 'big.yml'), seed.replace(`id: ${seedStatementId}`, 'id: big-2016-09-06'));
    const capped = await run(archive, ['import', other], { ...env, STATEMENT_MAX_MB: '0.001' });
    expect(capped.code).toBe(1);
    expect(capped.stderr).toContain('big.yml');
    expect(capped.stderr).toContain('STATEMENT_MAX_MB');
    rmSync(join(other, 'big.yml'));
    execFileSync('mkfifo', [join(other, 'pipe.yml')]);
    const piped = await run(archive, ['import', other], env);
    expect(piped.code).toBe(1);
    expect(piped.stderr).toContain('pipe.yml: not a plain file: skipped');
    // Nothing of it reached the archive.
    const out = mkdtempSync(join(tmpdir(), 'quotes-export-door-'));
    await run(archive, ['export', out], env);
    expect(readdirSync(out)).toEqual([`${seedStatementId}.yml`]);
  });

  it('never writes outside the folder it exports to, whatever id a row holds', async () => {
    const client = new pg.Client({ connectionString: env.DATABASE_URL });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO quotes_statements (id, source, content) VALUES ('../../escaped', 'id: x', '{}')`,
      );
      const parent = mkdtempSync(join(tmpdir(), 'quotes-export-parent-'));
      const out = join(parent, 'a', 'b');
      const result = await run(archive, ['export', out], env);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('Not exported, not a statement id (1):\n  "../../escaped"');
      expect(readdirSync(parent)).toEqual(['a']);
    } finally {
      await client.query(`DELETE FROM quotes_statements WHERE id = '../../escaped'`);
      await client.end();
    }
  });

  it('exports the very files it holds', async () => {
    const out = mkdtempSync(join(tmpdir(), 'quotes-export-'));
    const result = await run(archive, ['export', out], env);
    expect(result.stdout).toBe('Statements exported: 1   unchanged: 0\n');
    expect(readdirSync(out)).toEqual([`${seedStatementId}.yml`]);
    expect(readFileSync(join(out, `${seedStatementId}.yml`), 'utf8')).toContain('# Corrected: ');
  });

  it('ingests into the database when DATABASE_URL is set', async () => {
    const versions = ['en', 'fr'].flatMap((l) => [
      `--${l}`,
      `test/fixtures/align/published/pm-syria-2018-04-13.${l}.txt`,
    ]);
    const result = await run(ingest, versions, env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Wrote archive database: canada-prime-minister-airstrikes-2018-04-13');
    const again = await run(ingest, versions, env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(
      'archive database: canada-prime-minister-airstrikes-2018-04-13 already exists',
    );
  });
});
