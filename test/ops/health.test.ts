import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlackEnv } from '../../src/config/slack-env.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import { type RunningSlackApp, startSlackApp } from '../../src/slack/app.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { seedKnowledge } from '../support/knowledge.ts';
import { silentLogger } from '../support/logger.ts';
import { appMention, eventEnvelope, slashCommand } from '../support/payloads.ts';
import { postForm, postJson, signingSecret } from '../support/slack-requests.ts';

let slack: FakeSlack;
let knowledge: Knowledge;
const started: RunningSlackApp[] = [];

beforeAll(async () => {
  slack = await startFakeSlack();
  knowledge = await seedKnowledge();
});
afterAll(async () => {
  for (const running of started) await running.stop().catch(() => undefined);
  await slack?.close();
});

async function start(env: Record<string, string>) {
  const running = await startSlackApp({
    config: parseSlackEnv({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: 'error',
      ...env,
    }),
    knowledge: () => knowledge,
    retries: 0,
    logger: silentLogger(),
  });
  started.push(running);
  return running;
}

/** What `node scripts/healthcheck.mjs live|ready` exits with, against a port. */
const healthcheck = (which: 'live' | 'ready', env: Record<string, string>) =>
  new Promise<number>((resolve) => {
    execFile(
      process.execPath,
      ['scripts/healthcheck.mjs', which],
      { env: { ...process.env, PORT: '', HEALTH_PORT: '', ...env } },
      (error) => resolve(error ? Number((error as { code?: number }).code ?? -1) : 0),
    );
  });

const get = (port: number, path: string) => fetch(`http://127.0.0.1:${port}${path}`);

/** One sample of the Prometheus text, by its name and labels as printed. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-z_:]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries(
      (match[2] ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => {
          const [key, value] = pair.split('=');
          return [key!, JSON.parse(value!) as string];
        }),
    );
    if (Object.entries(labels).every(([key, value]) => found[key] === value)) return Number(match[3]);
  }
  return undefined;
}

describe('health in Socket Mode', () => {
  it('serves /livez, /readyz and /metrics on HEALTH_PORT, and the container check passes both ways', async () => {
    const running = await start({ SLACK_APP_TOKEN: 'xapp-test-token', HEALTH_PORT: '0' });
    await slack.waitFor(() => slack.socket.connections.length > 0 || undefined);
    expect(running.port).toBeUndefined();
    const port = running.healthPort;
    expect(port).toBeGreaterThan(0);
    expect((await get(port, '/livez')).status).toBe(200);
    const ready = await get(port, '/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ok: true, statements: knowledge.statements.length });
    expect((await get(port, '/slack/events')).status).toBe(404);
    expect(await healthcheck('live', { HEALTH_PORT: String(port) })).toBe(0);
    expect(await healthcheck('ready', { HEALTH_PORT: String(port) })).toBe(0);

    slack.sendEnvelope({
      envelope_id: 'env-health',
      type: 'slash_commands',
      payload: slashCommand({ response_url: slack.responseUrl('health-socket'), text: 'veto' }),
      accepts_response_payload: true,
    });
    await slack.waitFor(() => slack.socket.received.find((message) => message.envelope_id === 'env-health'));
    const metrics = await (await get(port, '/metrics')).text();
    expect(sample(metrics, 'quotes_ack_seconds_count', { transport: 'socket' })).toBeGreaterThanOrEqual(1);
    expect(
      sample(metrics, 'quotes_answers_total', { surface: 'command', kind: 'quotes', outcome: 'answered' }),
    ).toBe(1);
  });

  it('fails the container check when nothing answers on the port', async () => {
    const running = await start({ SLACK_APP_TOKEN: 'xapp-test-token', HEALTH_PORT: '0' });
    const port = running.healthPort;
    await running.stop();
    expect(await healthcheck('live', { HEALTH_PORT: String(port) })).toBe(1);
  });
});

describe('health in HTTP mode', () => {
  it('stays live but not ready once Slack revokes the token, so that it is reported and not restarted', async () => {
    const running = await start({ SLACK_SIGNING_SECRET: signingSecret, PORT: '0' });
    const port = running.port!;
    expect(running.healthPort).toBe(port);
    expect(await healthcheck('ready', { PORT: String(port) })).toBe(0);
    slack.fault = (method) =>
      method === 'chat.postMessage' ? { status: 200, error: 'token_revoked' } : undefined;
    try {
      await postJson(
        `http://127.0.0.1:${port}/slack/events`,
        eventEnvelope(appMention('veto', { user: 'U0REVOKED' })),
      );
      await slack.waitFor(async () => ((await get(port, '/readyz')).status === 503 ? true : undefined));
    } finally {
      slack.fault = undefined;
    }
    const ready = (await (await get(port, '/readyz')).json()) as { ok: boolean; reason: string };
    expect(ready).toMatchObject({ ok: false, status: 'failing' });
    expect(ready.reason).toContain('token_revoked');
    expect((await get(port, '/livez')).status).toBe(200);
    expect(await healthcheck('live', { PORT: String(port) })).toBe(0);
    expect(await healthcheck('ready', { PORT: String(port) })).toBe(1);
    const metrics = await (await get(port, '/metrics')).text();
    expect(
      sample(metrics, 'quotes_slack_api_errors_total', {
        method: 'chat.postMessage',
        error: 'token_revoked',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(metrics, 'quotes_answers_total', { surface: 'mention', outcome: 'failed' })).toBe(1);
  });

  it('counts answers, acks and refusals by the rate limit on /metrics', async () => {
    const running = await start({
      SLACK_SIGNING_SECRET: signingSecret,
      PORT: '0',
      RATE_LIMIT_PER_MINUTE: '2',
    });
    const events = `http://127.0.0.1:${running.port}/slack/events`;
    for (const text of ['veto', 'para 3', 'themes'])
      await postForm(
        events,
        slashCommand({ response_url: slack.responseUrl('metrics'), text, user_id: 'U0METRICS' }),
      );
    const metrics = await (await get(running.port!, '/metrics')).text();
    expect(sample(metrics, 'quotes_answers_total', { surface: 'command', kind: 'quotes' })).toBe(1);
    expect(sample(metrics, 'quotes_answers_total', { surface: 'command', kind: 'paragraph' })).toBe(1);
    expect(sample(metrics, 'quotes_rate_limit_refusals_total', { surface: 'command' })).toBe(1);
    expect(sample(metrics, 'quotes_ack_seconds_count', { transport: 'http' })).toBe(3);
    expect(sample(metrics, 'quotes_answer_seconds_count', { surface: 'command' })).toBe(2);
  });

  it('serves the operations endpoints on HEALTH_PORT alone when it differs from PORT', async () => {
    const running = await start({ SLACK_SIGNING_SECRET: signingSecret, PORT: '0', HEALTH_PORT: '0' });
    // PORT=0 and HEALTH_PORT=0 are equal: one server. A real second port is needed.
    expect(running.healthPort).toBe(running.port);
    const other = await start({
      SLACK_SIGNING_SECRET: signingSecret,
      PORT: '0',
      HEALTH_PORT: String(running.port! + 1),
    }).catch((error: unknown) => error);
    if (other instanceof Error) return; // that port was taken on this machine: nothing to check
    const separate = other as RunningSlackApp;
    expect(separate.healthPort).toBe(running.port! + 1);
    expect((await get(separate.port!, '/metrics')).status).toBe(404);
    expect((await get(separate.healthPort, '/metrics')).status).toBe(200);
    expect((await get(separate.healthPort, '/readyz')).status).toBe(200);
  });
});
