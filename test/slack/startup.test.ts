import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSlackEnv } from '../../src/config/slack-env.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import { type RunningSlackApp, startSlackApp } from '../../src/slack/app.ts';
import { StartError } from '../../src/slack/start-auth.ts';
import { runScript } from '../support/cli.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { seedKnowledge } from '../support/knowledge.ts';
import { logLines, silentLogger } from '../support/logger.ts';
import {
  appMention,
  blockActions,
  eventEnvelope,
  messageShortcut,
  slashCommand,
} from '../support/payloads.ts';
import { postForm, postJson, signatureHeaders, signingSecret } from '../support/slack-requests.ts';

let slack: FakeSlack;
let knowledge: Knowledge;
const started: RunningSlackApp[] = [];

beforeAll(async () => {
  slack = await startFakeSlack();
  knowledge = await seedKnowledge();
});
afterEach(async () => {
  slack.fault = undefined;
  while (started.length > 0) await started.pop()!.stop();
});
afterAll(async () => {
  await slack?.close();
});

const config = (env: Record<string, string> = {}) =>
  parseSlackEnv({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: signingSecret,
    PORT: '0',
    SLACK_API_URL: slack.apiUrl,
    ...env,
  });

async function start(options: Partial<Parameters<typeof startSlackApp>[0]> = {}) {
  const running = await startSlackApp({
    config: config(),
    knowledge: () => knowledge,
    retries: 0,
    timeoutMs: 1000,
    logger: silentLogger([]),
    ...options,
  });
  started.push(running);
  return running;
}

const healthz = (port: number) => fetch(`http://127.0.0.1:${port}/healthz`);

describe('starting up', () => {
  it('fails at once, with a message that says what to do, when Slack refuses the token', async () => {
    slack.fault = (method) => (method === 'auth.test' ? { status: 200, error: 'invalid_auth' } : undefined);
    const checks = () => slack.calls.filter((call) => call.method === 'auth.test').length;
    const before = checks();
    const error = await start().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartError);
    expect((error as StartError).code).toBe('refused');
    expect((error as StartError).message).toContain('Slack refused SLACK_BOT_TOKEN (invalid_auth)');
    // At once: one check of the token, no retry of a refusal.
    expect(checks() - before).toBe(1);
  });

  it('retries through transient failures, answering /healthz 503 until it is ready, then 200', async () => {
    let failures = 0;
    slack.fault = (method) => (method === 'auth.test' && failures++ < 2 ? { status: 503 } : undefined);
    const lines: string[] = [];
    const running = await start({ logger: silentLogger(lines) });
    expect(failures).toBeGreaterThanOrEqual(3);
    expect(lines.some((line) => /auth\.test failed \(HTTP 503\), attempt 1: retrying/.test(line))).toBe(true);
    const ok = await healthz(running.port!);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, statements: 1 });
  });

  it('says /healthz 503 while the token is being checked', async () => {
    slack.fault = (method) => (method === 'auth.test' ? { status: 200, delayMs: 800 } : undefined);
    let early: Promise<Response> | undefined;
    const running = await start({
      onListening: (port) => {
        early = healthz(port);
      },
    });
    const answer = await early!;
    expect(answer.status).toBe(503);
    expect(await answer.json()).toMatchObject({ ok: false, status: 'starting' });
    expect((await healthz(running.port!)).status).toBe(200);
  });

  it('gives up after its deadline when Slack cannot be reached, with a clear message', async () => {
    slack.fault = (method) => (method === 'auth.test' ? { status: 500 } : undefined);
    const error = await start({ startDeadlineMs: 1200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartError);
    expect((error as StartError).code).toBe('unreachable');
    expect((error as StartError).message).toMatch(
      /Slack could not be reached to check SLACK_BOT_TOKEN for 1 s \(HTTP 500\)/,
    );
  });

  it('turns /healthz to 503 when Slack refuses the token later, so that the app is restarted', async () => {
    const running = await start();
    slack.fault = (method) =>
      method === 'chat.postMessage' ? { status: 200, error: 'token_revoked' } : undefined;
    await postJson(`http://127.0.0.1:${running.port}/slack/events`, eventEnvelope(appMention('veto')));
    await slack.waitFor(() => running.health.state === 'failing');
    const answer = await healthz(running.port!);
    expect(answer.status).toBe(503);
    expect(await answer.json()).toEqual({
      ok: false,
      status: 'failing',
      reason: 'Slack refused the token (token_revoked)',
    });
  });

  it('npm start exits 1 with one line, no stack, when the token is refused', async () => {
    slack.fault = (method) => (method === 'auth.test' ? { status: 200, error: 'invalid_auth' } : undefined);
    const { code, stderr } = await runScript('src/slack/main.ts', [], {
      env: {
        SLACK_BOT_TOKEN: 'xoxb-refused-token',
        SLACK_APP_TOKEN: '',
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        LOG_LEVEL: 'error',
        STATE_DIR: join(tmpdir(), `quotes-state-${process.pid}`),
      },
    });
    expect(code).toBe(1);
    expect(
      logLines(stderr)
        .filter((line) => line.level === 'error')
        .map((line) => line.msg),
    ).toEqual([
      'Cannot start: Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token again from OAuth & Permissions, or reinstall the app',
    ]);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stderr).not.toContain('xoxb-refused-token');
  });
});

describe('npm start on a port already in use', () => {
  it('exits 1 with one line naming the port', async () => {
    const { createServer } = await import('node:net');
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, resolve));
    const port = (busy.address() as { port: number }).port;
    try {
      const { code, stderr } = await runScript('src/slack/main.ts', [], {
        env: {
          SLACK_BOT_TOKEN: 'xoxb-test-token',
          SLACK_APP_TOKEN: '',
          SLACK_SIGNING_SECRET: signingSecret,
          SLACK_API_URL: slack.apiUrl,
          PORT: String(port),
          LOG_LEVEL: 'error',
          STATE_DIR: join(tmpdir(), `quotes-state-${process.pid}`),
        },
      });
      expect(code).toBe(1);
      expect(logLines(stderr).map((line) => line.msg)).toContain(
        `Cannot start: port ${port} is already in use: stop what uses it, or set PORT (HEALTH_PORT in Socket Mode) to a free port`,
      );
      expect(stderr).not.toMatch(/\n\s+at /);
    } finally {
      busy.close();
    }
  });
});

describe('answering whatever arrives', () => {
  const lines: string[] = [];
  let running: RunningSlackApp;
  let events: string;
  beforeAll(async () => {
    running = await startSlackApp({
      config: config(),
      knowledge: () => knowledge,
      retries: 0,
      timeoutMs: 1000,
      localeBudgetMs: 300,
      logger: silentLogger(lines),
      serverLimits: { headersTimeoutMs: 1000, requestTimeoutMs: 1500, maxConnections: 60 },
    });
    events = `http://127.0.0.1:${running.port}/slack/events`;
  });
  afterAll(async () => {
    await running.stop();
  });

  it('acknowledges an unknown button and tells the user privately, in their language', async () => {
    slack.locales.set('U0OLD', 'fr-FR');
    const response = await postForm(events, {
      payload: JSON.stringify(
        blockActions({ action_id: 'retired_button', value: '{}' }, slack.responseUrl('old-button'), 'U0OLD'),
      ),
    });
    expect(response.status).toBe(200);
    const posted = await slack.waitFor(() => slack.responses.find((r) => r.id === 'old-button'));
    expect(posted.body.text).toBe(
      "Ce bouton vient d'une version précédente de l'application. Veuillez relancer la commande.",
    );
  });

  it('acknowledges a button payload without a user instead of failing', async () => {
    const payload: Record<string, unknown> = blockActions(
      { action_id: 'swap_language', value: '{}' },
      slack.responseUrl('nouser'),
    );
    delete payload.user;
    const response = await postForm(events, { payload: JSON.stringify(payload) });
    expect(response.status).toBe(200);
  });

  it('acknowledges an unknown shortcut and a view submission nobody expects', async () => {
    const shortcut = {
      ...messageShortcut('veto', slack.responseUrl('old-shortcut')),
      callback_id: 'retired_shortcut',
    };
    expect((await postForm(events, { payload: JSON.stringify(shortcut) })).status).toBe(200);
    const view = {
      type: 'view_submission',
      team: { id: 'T0MISSION', domain: 'mission' },
      user: { id: 'U0DELEGATE', name: 'delegate', team_id: 'T0MISSION' },
      api_app_id: 'A0QUOTES',
      token: 'legacy',
      trigger_id: '1.2.3',
      view: {
        id: 'V1',
        type: 'modal',
        callback_id: 'retired_modal',
        state: { values: {} },
        hash: 'h',
        private_metadata: '',
      },
    };
    expect((await postForm(events, { payload: JSON.stringify(view) })).status).toBe(200);
  });

  it('answers the message shortcut privately in the channel when its response_url is missing or expired', async () => {
    for (const responseUrl of [undefined, slack.responseUrl('expired-shortcut')]) {
      const shortcut: Record<string, unknown> = {
        ...messageShortcut('Kigali Principles', responseUrl ?? ''),
      };
      if (!responseUrl) delete shortcut.response_url;
      const before = slack.calls.filter((call) => call.method === 'chat.postEphemeral').length;
      expect((await postForm(events, { payload: JSON.stringify(shortcut) })).status).toBe(200);
      const [posted] = await slack.waitFor(() => {
        const calls = slack.calls.filter((call) => call.method === 'chat.postEphemeral');
        return calls.length > before ? calls.slice(before) : undefined;
      });
      expect(posted!.args).toMatchObject({ channel: 'C0MEETING', user: 'U0DELEGATE' });
      expect(String(posted!.args.text)).toContain('Kigali');
    }
  });

  it('answers a mention whatever users.info does: hanging, failing or rate limited', async () => {
    for (const fault of [
      // Hangs far longer than the answer is waited for: an answer at all did not wait on it.
      { status: 200, delayMs: 60_000 },
      { status: 500 },
      { status: 429, retryAfterSeconds: 30 },
      { status: 200, raw: '{not json' },
    ]) {
      const user = `U0LOCALE${fault.status}${fault.delayMs ?? ''}${fault.raw ? 'raw' : ''}`;
      slack.fault = (method) => (method === 'users.info' ? fault : undefined);
      const before = slack.calls.length;
      await postJson(events, eventEnvelope(appMention('veto', { user, channel: 'C0LOCALE' })));
      const [posted] = await slack.waitFor(() => {
        const calls = slack.calls
          .slice(before)
          .filter((call) => call.method === 'chat.postMessage' && call.args.channel === 'C0LOCALE');
        return calls.length > 0 ? calls : undefined;
      }, 10_000);
      const asked = slack.calls.slice(before).filter((call) => call.method === 'users.info');
      expect(
        asked.map((call) => call.args.user),
        JSON.stringify(fault),
      ).toEqual([user]);
      expect(JSON.stringify(posted!.args.blocks), JSON.stringify(fault)).toContain('¶14');
    }
  }, 60_000);

  it('says a reply "may not have been posted" when Slack answers the post with something unreadable', async () => {
    slack.fault = (method) => (method === 'chat.postMessage' ? { status: 200, raw: '{not json' } : undefined);
    const before = slack.calls.filter((call) => call.method === 'chat.postEphemeral').length;
    await postJson(events, eventEnvelope(appMention('veto', { user: 'U0GARBLED' })));
    const [notice] = await slack.waitFor(() => {
      const calls = slack.calls.filter((call) => call.method === 'chat.postEphemeral');
      return calls.length > before ? calls.slice(before) : undefined;
    });
    expect(String(notice!.args.text)).toContain('it may not have been');
    expect(
      slack.calls.filter((call) => call.method === 'chat.postMessage' && call.args.channel === 'C0MEETING')
        .length,
    ).toBeGreaterThan(0);
  });

  it('shows what the user typed as text, not formatting, when nothing matches', async () => {
    const response = await postForm(
      events,
      slashCommand({ response_url: slack.responseUrl('echo'), text: '*zzqq* _xxqy_ `wwvq`' }),
    );
    const body = JSON.stringify(await response.json());
    expect(body).toContain('∗zzqq∗ ˍxxqyˍ ˋwwvqˋ');
    expect(body).not.toContain('*zzqq*');
  });

  it('refuses signatures that are not exactly what Slack specifies', async () => {
    const body = new URLSearchParams(
      slashCommand({ response_url: slack.responseUrl('sig'), text: 'veto' }),
    ).toString();
    const good = signatureHeaders(body);
    const send = (headers: Record<string, string>) =>
      fetch(events, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body,
      });
    expect((await send(good)).status).toBe(200);
    expect(
      (await send({ ...good, 'x-slack-signature': `${good['x-slack-signature']}=anything` })).status,
    ).toBe(401);
    const infinity = signatureHeaders(body, Number.POSITIVE_INFINITY);
    expect((await send({ ...infinity, 'x-slack-request-timestamp': 'Infinity' })).status).toBe(401);
    const old = signatureHeaders(body, Math.floor(Date.now() / 1000) - 400);
    expect((await send(old)).status).toBe(401);
  });

  it('keeps serving real requests while slow clients hold connections open', async () => {
    const port = running.port!;
    const sockets = Array.from({ length: 40 }, () => {
      const socket = connect(port, '127.0.0.1');
      socket.on('error', () => undefined);
      socket.resume();
      socket.write('POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n');
      return socket;
    });
    try {
      const response = await postForm(
        events,
        slashCommand({ response_url: slack.responseUrl('slow'), text: 'veto' }),
      );
      expect(response.status).toBe(200);
      expect(JSON.stringify(await response.json())).toContain('¶14');
      // The slow clients are cut off by the headers timeout.
      await slack.waitFor(() => sockets.every((socket) => socket.destroyed), 4000);
      expect(sockets.filter((socket) => !socket.destroyed)).toHaveLength(0);
    } finally {
      for (const socket of sockets) socket.destroy();
    }
  });
});
