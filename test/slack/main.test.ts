import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { main as archive } from '../../src/cli/archive.ts';
import { runScript } from '../support/cli.ts';
import { freshDatabase } from '../support/databases.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { logLines as parseLogLines } from '../support/logger.ts';
import { slashCommand } from '../support/payloads.ts';
import { postForm, signingSecret } from '../support/slack-requests.ts';

let slack: FakeSlack;
beforeAll(async () => {
  slack = await startFakeSlack();
});
afterAll(async () => {
  await slack?.close();
});

const baseEnv = {
  SLACK_BOT_TOKEN: '',
  SLACK_APP_TOKEN: '',
  SLACK_SIGNING_SECRET: '',
  PORT: '',
  LOG_LEVEL: '',
  SLACK_API_URL: '',
};

/** The environment of an app run against the fake Slack, in HTTP mode on a free port. */
const appEnv = (env: Record<string, string> = {}) => ({
  ...process.env,
  ...baseEnv,
  SLACK_BOT_TOKEN: 'xoxb-test-token',
  SLACK_SIGNING_SECRET: signingSecret,
  SLACK_API_URL: slack.apiUrl,
  PORT: '0',
  STATE_DIR: mkdtempSync(join(tmpdir(), 'quotes-state-')),
  ...env,
});

/** Runs `npm start`'s entry point as a process against the fake Slack. */
async function startMain(env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['src/slack/main.ts'], {
    env: appEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const port = await slack.waitFor(() => output.match(/listening on port (\d+)/)?.[1], 15_000);
  return { child, port, output: () => output };
}

/** Standard error as JSON lines, each with its time and level. */
function logLines(stderr: string) {
  return parseLogLines(stderr).map((entry) => {
    expect(Number.isNaN(Date.parse(entry.time))).toBe(false);
    expect(['debug', 'info', 'warn', 'error', 'fatal']).toContain(entry.level);
    return entry;
  });
}

describe('npm start', () => {
  it('refuses a bad configuration with one clear message, exit code 1, no stack and no token', async () => {
    const { code, stderr, stdout } = await runScript('src/slack/main.ts', [], {
      env: { ...baseEnv, SLACK_BOT_TOKEN: 'not-a-bot-token-TOPSECRET' },
    });
    expect(code).toBe(1);
    const [line, ...more] = logLines(stderr);
    expect(more).toEqual([]);
    expect(line!.level).toBe('error');
    expect(line!.msg).toContain('SLACK_BOT_TOKEN must be the bot token that starts with xoxb-');
    expect(line!.msg).toContain('SLACK_SIGNING_SECRET is required in HTTP mode');
    expect(`${stdout}${stderr}`).not.toContain('TOPSECRET');
    expect(stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('stops with one line when the archive database is out of reach, never its URL', async () => {
    const { code, stderr } = await runScript('src/slack/main.ts', [], {
      env: appEnv({ DATABASE_URL: 'postgres://quotes:PASSWORD@127.0.0.1:1/quotes' }),
    });
    expect(code).toBe(1);
    expect(logLines(stderr).map((line) => line.msg)).toContain(
      'Cannot load the data:\n  the archive: the archive database is out of reach (ECONNREFUSED): check DATABASE_URL and that PostgreSQL is running',
    );
    expect(stderr).not.toContain('PASSWORD');
  });

  it('serves slash commands over HTTP and stops cleanly on SIGTERM', async () => {
    const { child, port, output } = await startMain();
    const res = await postForm(
      `http://127.0.0.1:${port}/slack/events`,
      slashCommand({ response_url: slack.responseUrl('main'), text: 'veto' }),
    );
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain('¶14');
    const exit = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(output()).not.toContain('veto');
  });

  it('npm start runs the app in the very process it starts, so SIGTERM to it stops the app', async () => {
    const { readFileSync } = await import('node:fs');
    const npm = spawn('npm', ['start', '--silent'], { env: appEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    npm.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    await slack.waitFor(() => /listening on port/.test(output) || undefined, 20_000);
    // The process npm started: its command line is node running the entry point itself.
    const children = readFileSync(`/proc/${npm.pid}/task/${npm.pid}/children`, 'utf8').trim().split(/\s+/);
    const app = children.find((pid) =>
      readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('src/slack/main.ts'),
    );
    expect(app).toBeDefined();
    expect(readFileSync(`/proc/${app}/cmdline`, 'utf8').split('\0')[0]).toMatch(/node$/);
    const exited = new Promise<number | null>((resolve) => npm.on('exit', resolve));
    process.kill(Number(app), 'SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM received: stopping');
  }, 30_000);

  it('warns at start when debug logging is on, and logs no token even then', async () => {
    const { child, port, output } = await startMain({ LOG_LEVEL: 'debug' });
    try {
      await postForm(
        `http://127.0.0.1:${port}/slack/events`,
        slashCommand({ response_url: slack.responseUrl('debug'), text: 'veto' }),
      );
      expect(output()).toContain('LOG_LEVEL=debug: logs may show what users typed');
      expect(output()).not.toContain('xoxb-test-token');
    } finally {
      child.kill('SIGTERM');
    }
  });

  it('picks up a statement added while it runs, and answers from it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quotes-start-'));
    cpSync('data', dir, { recursive: true });
    const { child, port, output } = await startMain({ DATA_DIR: dir, INDEX_CACHE_DIR: join(dir, '.cache') });
    try {
      const ask = async () => {
        const res = await postForm(
          `http://127.0.0.1:${port}/slack/events`,
          slashCommand({ response_url: slack.responseUrl('reload'), text: 'hospitals schools' }),
        );
        return JSON.stringify(await res.json());
      };
      expect(await ask()).toContain('No passage matches');
      cpSync(
        'test/fixtures/statements/test-poc-open-debate-2019-05-23.yml',
        join(dir, 'statements', 'second.yml'),
      );
      await slack.waitFor(() => (output().includes('data reloaded') ? true : undefined), 15_000);
      expect(await ask()).toContain('Attacks on *hospitals* and *schools*');
      // Removed, then added back: both reloads find the index snapshot already built for
      // their data (the one of the start, then the one of the first reload).
      const reloads = () => output().split('data reloaded').length - 1;
      rmSync(join(dir, 'statements', 'second.yml'));
      await slack.waitFor(() => (reloads() >= 2 ? true : undefined), 15_000);
      expect(await ask()).toContain('No passage matches');
      cpSync(
        'test/fixtures/statements/test-poc-open-debate-2019-05-23.yml',
        join(dir, 'statements', 'second.yml'),
      );
      await slack.waitFor(() => (reloads() >= 3 ? true : undefined), 15_000);
      expect(output()).not.toContain('data not reloaded');
      expect(output().match(/data reloaded[^"]*index snapshot/g)?.length).toBeGreaterThanOrEqual(2);
      expect(await ask()).toContain('Attacks on *hospitals* and *schools*');
    } finally {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

const postgresUrl = inject('postgresUrl');

describe.skipIf(!postgresUrl)('a deployment from zero, in the README order', () => {
  it('starts on an empty archive database, is ready, says how to add a statement, then answers once they are imported', async () => {
    const databaseUrl = await freshDatabase(postgresUrl!);
    const { child, port, output } = await startMain({ DATABASE_URL: databaseUrl, INDEX_CACHE_DIR: 'off' });
    try {
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      const ask = async (text: string) => {
        const res = await postForm(
          `http://127.0.0.1:${port}/slack/events`,
          slashCommand({ response_url: slack.responseUrl('zero'), text }),
        );
        return JSON.stringify(await res.json());
      };
      expect(await ask('veto')).toContain('No statement is loaded yet');
      expect(await ask('statements')).toContain('npm run archive -- import');
      const imported = await archive(['import', 'data/statements'], {
        stdout: () => undefined,
        stderr: () => undefined,
        env: { DATABASE_URL: databaseUrl, DATA_DIR: 'data' },
      });
      expect(imported).toBe(0);
      await slack.waitFor(() => (output().includes('data reloaded: 1 statement') ? true : undefined), 15_000);
      expect(await ask('veto')).toContain('¶14');
    } finally {
      child.kill('SIGTERM');
    }
  }, 40_000);
});
