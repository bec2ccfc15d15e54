import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlackEnv } from '../../src/config/slack-env.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import { startSlackApp } from '../../src/slack/app.ts';
import { redact } from '../../src/slack/logger.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { seedKnowledge } from '../support/knowledge.ts';
import { silentLogger } from '../support/logger.ts';
import { appMention, eventEnvelope, slashCommand } from '../support/payloads.ts';
import { postForm, postJson, signingSecret } from '../support/slack-requests.ts';

let slack: FakeSlack;
let knowledge: Knowledge;
beforeAll(async () => {
  slack = await startFakeSlack();
  knowledge = await seedKnowledge();
});
afterAll(async () => {
  await slack?.close();
});

/** What must never be in a log line, at any level. */
const secrets = [
  /xoxb-logs-secret/,
  /xapp-logs-secret/,
  /secret-ticket-123/,
  /\/response\/logs-/,
  /v0=[0-9a-f]{64}/,
  new RegExp(signingSecret),
];

describe('logs at debug level', () => {
  it('show what happened in HTTP mode, never a token, a response_url or a signature', async () => {
    const lines: string[] = [];
    const running = await startSlackApp({
      config: parseSlackEnv({
        SLACK_BOT_TOKEN: 'xoxb-logs-secret-token',
        SLACK_SIGNING_SECRET: signingSecret,
        PORT: '0',
        SLACK_API_URL: slack.apiUrl,
        LOG_LEVEL: 'debug',
      }),
      knowledge: () => knowledge,
      retries: 0,
      logger: silentLogger(lines),
    });
    const events = `http://127.0.0.1:${running.port}/slack/events`;
    await postForm(events, slashCommand({ response_url: slack.responseUrl('logs-command'), text: 'veto' }));
    await postJson(events, eventEnvelope(appMention('veto', { user: 'U0LOGS' })));
    await slack.waitFor(() =>
      slack.calls.some((call) => call.method === 'chat.postMessage' && call.args.channel === 'C0MEETING'),
    );
    await running.stop();
    expect(lines.some((line) => line.startsWith('debug'))).toBe(true);
    for (const line of lines) for (const secret of secrets) expect(line).not.toMatch(secret);
  });

  it('show the Socket Mode connection without its ticket or the app token', async () => {
    const lines: string[] = [];
    const running = await startSlackApp({
      config: parseSlackEnv({
        SLACK_BOT_TOKEN: 'xoxb-logs-secret-token',
        SLACK_APP_TOKEN: 'xapp-logs-secret-token',
        HEALTH_PORT: '0',
        SLACK_API_URL: slack.apiUrl,
        LOG_LEVEL: 'debug',
      }),
      knowledge: () => knowledge,
      retries: 0,
      logger: silentLogger(lines),
    });
    await running.stop();
    expect(lines.some((line) => /socket/i.test(line))).toBe(true);
    for (const line of lines) for (const secret of secrets) expect(line).not.toMatch(secret);
  });

  it('redacts each kind of secret, however it is written', () => {
    expect(redact('Bearer xoxb-1-2-abc and xapp-1-A0-xyz')).toBe(
      'Bearer xoxb-[redacted] and xapp-[redacted]',
    );
    expect(redact('wss://wss-primary.slack.com/link/?ticket=abc-123&app_id=A0')).toBe(
      'wss://wss-primary.slack.com/link/?ticket=[redacted]&app_id=[redacted]',
    );
    expect(redact("{ response_url: 'https://hooks.slack.com/commands/T0/1/abc' }")).toBe(
      "{ response_url: '[redacted]' }",
    );
    expect(redact('response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT0&x=1')).toBe(
      'response_url=[redacted]&x=1',
    );
    expect(redact(`x-slack-signature: v0=${'a'.repeat(64)}`)).toBe('x-slack-signature: v0=[redacted]');
    // What an OAuth install carries.
    expect(redact('GET /slack/oauth_redirect?code=123.456.abc&state=eyJhbGci')).toBe(
      'GET /slack/oauth_redirect?code=[redacted]&state=[redacted]',
    );
    expect(redact("{ client_secret: 'abcdef0123', cookie: 'slack-app-oauth-state=eyJ0; Path=/' }")).toBe(
      "{ client_secret: '[redacted]', cookie: 'slack-app-oauth-state=[redacted]; Path=/' }",
    );
  });
});
