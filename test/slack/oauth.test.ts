import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import oauth from '@slack/oauth';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseSlackEnv } from '../../src/config/slack-env.ts';
import { type RunningService, startService } from '../../src/slack/service.ts';
import { freshDatabase } from '../support/databases.ts';
import { botUserId, type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { silentLogger } from '../support/logger.ts';
import { appHomeOpened, appMention, eventEnvelope } from '../support/payloads.ts';
import { type RunningServer, redisAvailable, startRedis } from '../support/servers.ts';
import { postJson, signingSecret } from '../support/slack-requests.ts';

const postgresUrl = inject('postgresUrl');
const stateSecret = 'test-state-secret-0123456789abcdef';

interface Setup {
  instances: RunningService[];
  logs: string[][];
  slack: FakeSlack;
  stop(): Promise<void>;
}

/** Starts `count` instances installed through OAuth, sharing what `env` names. */
async function start(count: number, env: (stateDir: string) => Record<string, string>): Promise<Setup> {
  const slack = await startFakeSlack();
  const stateDirs: string[] = [];
  const instances: RunningService[] = [];
  const logs: string[][] = [];
  for (let k = 0; k < count; k++) {
    const stateDir = mkdtempSync(join(tmpdir(), 'quotes-oauth-'));
    stateDirs.push(stateDir);
    const lines: string[] = [];
    logs.push(lines);
    const config = parseSlackEnv({
      SLACK_CLIENT_ID: '1111.2222',
      SLACK_CLIENT_SECRET: 'test-client-secret-0123456789',
      SLACK_STATE_SECRET: stateSecret,
      SLACK_SIGNING_SECRET: signingSecret,
      PORT: '0',
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: 'info',
      DATA_DIR: 'data',
      STATE_DIR: stateDir,
      RATE_LIMIT_PER_MINUTE: '1000',
      ...env(stateDir),
    });
    instances.push(await startService(config, { retries: 0, logger: silentLogger(lines) }));
  }
  return {
    instances,
    logs,
    slack,
    async stop() {
      for (const instance of instances) await instance.stop();
      await slack.close();
      for (const dir of stateDirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

const base = (instance: RunningService) => `http://127.0.0.1:${instance.app.port}`;

/** The install page of one instance: its Add to Slack link's state, and the cookie that goes with it. */
async function beginInstall(instance: RunningService) {
  const res = await fetch(`${base(instance)}/slack/install`);
  expect(res.status).toBe(200);
  const page = await res.text();
  expect(page).toContain('Add to Slack');
  const state = /[?&;]state=([^&"]+)/.exec(page.replace(/&amp;/g, '&'))?.[1];
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  expect(state).toBeTruthy();
  expect(cookie).toContain(state!);
  return { state: state!, cookie: cookie! };
}

const finishInstall = (instance: RunningService, code: string, state: string, cookie: string) =>
  fetch(`${base(instance)}/slack/oauth_redirect?code=${code}&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
  });

/** A mention from a workspace, as Slack sends it to an app installed there (or org-wide). */
const mentionFrom = (team: string, options: { enterprise?: string; orgWide?: boolean; user?: string } = {}) =>
  eventEnvelope(appMention('veto', { user: options.user ?? `U0${team}` }), {
    team_id: team,
    ...(options.enterprise ? { enterprise_id: options.enterprise } : {}),
    authorizations: [
      {
        team_id: options.orgWide ? null : team,
        enterprise_id: options.enterprise ?? null,
        user_id: botUserId,
        is_bot: true,
        is_enterprise_install: options.orgWide === true,
      },
    ],
  });

const uninstalled = (team: string, type: 'app_uninstalled' | 'tokens_revoked', enterprise?: string) =>
  eventEnvelope(
    type === 'app_uninstalled'
      ? { type, event_ts: '1700000000.1' }
      : { type, tokens: { oauth: [], bot: [botUserId] }, event_ts: '1700000000.2' },
    {
      team_id: team,
      ...(enterprise ? { enterprise_id: enterprise } : {}),
      authorizations: [
        {
          team_id: team,
          enterprise_id: enterprise ?? null,
          user_id: botUserId,
          is_bot: true,
          is_enterprise_install: enterprise !== undefined,
        },
      ],
    },
  );

/** The tests every set-up must pass. */
function suite(name: string, setup: () => Promise<Setup>) {
  describe(name, () => {
    let s: Setup;
    let a: RunningService;
    let b: RunningService;
    beforeAll(async () => {
      s = await setup();
      a = s.instances[0]!;
      b = s.instances.at(-1)!;
    }, 60_000);
    afterAll(async () => {
      await s?.stop();
    });
    const post = (instance: RunningService, payload: unknown) =>
      postJson(`${base(instance)}/slack/events`, payload).then((res) => expect(res.status).toBe(200));
    const repliesAfter = (count: number) =>
      s.slack.calls.slice(count).filter((call) => call.method === 'chat.postMessage');

    it('installs a second workspace through /slack/install, even when the redirect lands on another instance', async () => {
      s.slack.oauthCodes.set('code-geneva', {
        teamId: 'T0GENEVA',
        teamName: 'Mission to Geneva',
        token: 'xoxb-geneva',
      });
      const { state, cookie } = await beginInstall(a);
      const res = await finishInstall(b, 'code-geneva', state, cookie);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('Quotes is installed in Mission to Geneva');
      const exchange = s.slack.calls.find((call) => call.method === 'oauth.v2.access')!;
      expect(exchange.args.client_id).toBe('1111.2222');
    });

    it('answers a mention from that workspace with its own token, on any instance', async () => {
      for (const instance of s.instances) {
        const count = s.slack.calls.length;
        await post(instance, mentionFrom('T0GENEVA'));
        const [reply] = await s.slack.waitFor(() => {
          const found = repliesAfter(count);
          return found.length > 0 ? found : undefined;
        });
        expect(reply!.token).toBe('xoxb-geneva');
        expect(JSON.stringify(reply!.args.blocks)).toContain('veto');
      }
    });

    it('says in the App Home which workspace it is installed in, with that workspace’s token', async () => {
      const count = s.slack.calls.length;
      await post(
        b,
        eventEnvelope(appHomeOpened('U0T0GENEVA'), {
          team_id: 'T0GENEVA',
          authorizations: [
            { team_id: 'T0GENEVA', user_id: botUserId, is_bot: true, is_enterprise_install: false },
          ],
        }),
      );
      const publish = await s.slack.waitFor(() =>
        s.slack.calls.slice(count).find((call) => call.method === 'views.publish'),
      );
      expect(publish.token).toBe('xoxb-geneva');
      expect(JSON.stringify(publish.args.view)).toContain('Installed in *Mission to Geneva*');
    });

    it('answers two teams of an organisation from one org-wide install, with the organisation’s token', async () => {
      s.slack.oauthCodes.set('code-org', {
        enterpriseId: 'E0MINISTRY',
        enterpriseName: 'Global Affairs',
        orgWide: true,
        token: 'xoxb-org',
      });
      const { state, cookie } = await beginInstall(b);
      expect((await finishInstall(a, 'code-org', state, cookie)).status).toBe(200);
      for (const team of ['T0NEWYORK', 'T0VIENNA']) {
        const count = s.slack.calls.length;
        await post(a, mentionFrom(team, { enterprise: 'E0MINISTRY', orgWide: true }));
        const [reply] = await s.slack.waitFor(() => {
          const found = repliesAfter(count);
          return found.length > 0 ? found : undefined;
        });
        expect(reply!.token).toBe('xoxb-org');
      }
    });

    it('stops answering a workspace uninstalled (app_uninstalled twice), with a log line and no other token', async () => {
      await post(a, uninstalled('T0GENEVA', 'app_uninstalled'));
      await post(b, uninstalled('T0GENEVA', 'app_uninstalled'));
      const count = s.slack.calls.length;
      await post(b, mentionFrom('T0GENEVA'));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(repliesAfter(count)).toEqual([]);
      expect(s.logs.at(-1)!.some((line) => line.includes('no installation for workspace T0GENEVA'))).toBe(
        true,
      );
    });

    it('stops answering an organisation whose token was revoked (tokens_revoked twice)', async () => {
      await post(b, uninstalled('T0NEWYORK', 'tokens_revoked', 'E0MINISTRY'));
      await post(a, uninstalled('T0NEWYORK', 'tokens_revoked', 'E0MINISTRY'));
      const count = s.slack.calls.length;
      await post(a, mentionFrom('T0VIENNA', { enterprise: 'E0MINISTRY', orgWide: true }));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(repliesAfter(count)).toEqual([]);
    });

    it('refuses a forged or an expired state, and exchanges no code', async () => {
      s.slack.oauthCodes.set('code-forged', { teamId: 'T0FORGED', teamName: 'Forged', token: 'xoxb-forged' });
      const forged = await finishInstall(
        a,
        'code-forged',
        'forged-state',
        'slack-app-oauth-state=forged-state',
      );
      expect(forged.status).toBe(400);
      expect(await forged.text()).toContain('The installation did not complete');
      // Logged in one line each, never a stack trace.
      expect(s.logs[0]!.some((line) => /InvalidStateError|state/i.test(line))).toBe(true);
      for (const line of s.logs[0]!) expect(line).not.toMatch(/\n\s+at /);
      const expiredState = await new oauth.ClearStateStore(stateSecret, 600).generateStateParam(
        { scopes: [] },
        new Date(Date.now() - 60 * 60 * 1000),
      );
      const expired = await finishInstall(
        b,
        'code-forged',
        expiredState,
        `slack-app-oauth-state=${expiredState}`,
      );
      expect(expired.status).toBe(400);
      // A valid state from another browser (no cookie) is refused too.
      const { state } = await beginInstall(a);
      expect((await finishInstall(a, 'code-forged', state, 'other=1')).status).toBe(400);
      expect(s.slack.oauthCodes.has('code-forged')).toBe(true);
    });

    it('answers nothing to a workspace that never installed the app', async () => {
      const count = s.slack.calls.length;
      await post(a, mentionFrom('T0STRANGER'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(repliesAfter(count)).toEqual([]);
    });
  });
}

describe.skipIf(!postgresUrl || !redisAvailable())(
  'many workspaces on Redis and PostgreSQL, two instances',
  () => {
    let redis: RunningServer;
    beforeAll(async () => {
      redis = await startRedis();
    });
    afterAll(async () => {
      await redis?.stop();
    });
    suite('OAuth', async () => {
      const databaseUrl = await freshDatabase(postgresUrl);
      const { main: archive } = await import('../../src/cli/archive.ts');
      await archive(['import', 'data/statements'], {
        stdout: () => undefined,
        stderr: () => undefined,
        env: { DATABASE_URL: databaseUrl },
      });
      return start(2, () => ({ REDIS_URL: redis.url, DATABASE_URL: databaseUrl }));
    });
  },
);

describe('many workspaces on the embedded store, one instance', () => {
  suite('OAuth', () => start(1, () => ({})));
});
