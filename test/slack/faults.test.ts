import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseSlackEnv } from '../../src/config/slack-env.ts';
import { type RunningSlackApp, startSlackApp } from '../../src/slack/app.ts';
import { encodeState } from '../../src/slack/state.ts';
import { botUserId, type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { seedKnowledge } from '../support/knowledge.ts';
import { silentLogger } from '../support/logger.ts';
import { appMention, blockActions, eventEnvelope, slashCommand } from '../support/payloads.ts';
import { postForm, postJson, signingSecret } from '../support/slack-requests.ts';

let slack: FakeSlack;
let running: RunningSlackApp;
let events: string;
const lines: string[] = [];

beforeAll(async () => {
  slack = await startFakeSlack();
  const knowledge = await seedKnowledge();
  const config = parseSlackEnv({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: signingSecret,
    PORT: '0',
    SLACK_API_URL: slack.apiUrl,
    RATE_LIMIT_PER_MINUTE: '3',
  });
  running = await startSlackApp({
    config,
    knowledge: () => knowledge,
    retries: 2,
    timeoutMs: 500,
    logger: silentLogger(lines),
  });
  events = `http://127.0.0.1:${running.port}/slack/events`;
});

afterEach(() => {
  slack.fault = undefined;
});

afterAll(async () => {
  await running?.stop();
  await slack?.close();
});

const count = (method: string) => slack.calls.filter((call) => call.method === method).length;
const newCalls = (method: string, before: number) => () => {
  const calls = slack.calls.filter((call) => call.method === method);
  return calls.length > before ? calls.slice(before) : undefined;
};
let user = 0;
const freshUser = () => `U0USER${++user}`;

describe('the Slack app under faults and abuse', () => {
  it('limits each user to the configured requests a minute, politely and in their language', async () => {
    const who = freshUser();
    const send = (command = '/quote') =>
      postForm(
        events,
        slashCommand({ response_url: slack.responseUrl('rl'), user_id: who, command, text: 'veto' }),
      ).then((res) => res.json() as Promise<{ text: string; blocks?: unknown }>);
    for (let i = 0; i < 3; i++) expect((await send()).blocks).toBeDefined();
    const refused = await send('/citation');
    expect(refused.text).toContain('Vous avez envoyé de nombreuses demandes');
    expect(refused.blocks).toBeUndefined();
    const other = await postForm(
      events,
      slashCommand({ response_url: slack.responseUrl('rl'), user_id: freshUser(), text: 'veto' }),
    );
    expect(JSON.stringify(await other.json())).toContain('¶14');
  });

  it('honours Retry-After on a 429 and then answers once', async () => {
    let limited = 0;
    slack.fault = (method) =>
      method === 'chat.postMessage' && limited++ === 0 ? { status: 429, retryAfterSeconds: 1 } : undefined;
    const before = slack.calls.length;
    await postJson(events, eventEnvelope(appMention('veto', { user: freshUser() })));
    const posts = () => slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    await slack.waitFor(() => posts().find((call) => call.result?.ok === true), 15_000);
    // Give a stray third post the time to show up, if there were one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const [refused, retried, ...more] = posts();
    expect(more).toEqual([]);
    // The 429 first, then the same message once more, posted.
    expect(refused!.status).toBe(429);
    expect(retried!.status).toBe(200);
    expect(retried!.result?.ok).toBe(true);
    expect(retried!.args).toEqual(refused!.args);
    expect(limited).toBe(2);
  }, 30_000);

  it('ends 5xx answers in a logged error and a private friendly message, with bounded retries', async () => {
    slack.fault = (method) => (method === 'chat.postMessage' ? { status: 500 } : undefined);
    const before = count('chat.postMessage');
    const ephemeral = count('chat.postEphemeral');
    const who = freshUser();
    await postJson(events, eventEnvelope(appMention('veto', { user: who })));
    const [notice] = await slack.waitFor(newCalls('chat.postEphemeral', ephemeral), 15_000);
    expect(notice!.args.user).toBe(who);
    expect(String(notice!.args.text)).toContain('Something went wrong on our side');
    expect(count('chat.postMessage') - before).toBeLessThanOrEqual(3);
    expect(lines.some((line) => line.includes('app_mention failed'))).toBe(true);
  });

  it('never hangs on a slow Slack, and never posts twice what may already be posted', async () => {
    // Slack takes far longer to answer than the notice is waited for: a notice at all did not wait on it.
    slack.fault = (method) => (method === 'chat.postMessage' ? { status: 200, delayMs: 60_000 } : undefined);
    const ephemeral = count('chat.postEphemeral');
    const posts = count('chat.postMessage');
    await postJson(events, eventEnvelope(appMention('veto', { user: freshUser() })));
    const [notice] = await slack.waitFor(newCalls('chat.postEphemeral', ephemeral), 15_000);
    expect(String(notice!.args.text)).toContain('did not confirm');
    const [post, ...again] = slack.calls.filter((call) => call.method === 'chat.postMessage').slice(posts);
    expect(post).toBeDefined();
    expect(again).toEqual([]);
    // The notice came while the post was still unanswered.
    expect(post!.result).toBeUndefined();
  }, 30_000);

  it('tells the user privately when a button’s response_url has expired', async () => {
    const ephemeral = count('chat.postEphemeral');
    const value = encodeState({ t: 'veto', l: 'fr', i: 'fr', o: 0, n: 1, m: 'command' });
    const payload = blockActions(
      { action_id: 'swap_language', value },
      slack.responseUrl('expired-1'),
      freshUser(),
    );
    const res = await postForm(events, { payload: JSON.stringify(payload) });
    expect(res.status).toBe(200);
    const [notice] = await slack.waitFor(newCalls('chat.postEphemeral', ephemeral));
    expect(String(notice!.args.text)).toContain('Cette réponse a expiré');
  });

  it('never answers other bots or itself', async () => {
    const before = count('chat.postMessage');
    await postJson(events, eventEnvelope(appMention('veto', { bot_id: 'B0OTHER', user: 'U0OTHERBOT' })));
    await postJson(events, eventEnvelope(appMention('veto', { user: botUserId })));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(count('chat.postMessage')).toBe(before);
  });

  it('logs request ids, kinds and latency, never what was asked', async () => {
    const secret = 'confidential-position-on-zanzibar';
    await postForm(
      events,
      slashCommand({ response_url: slack.responseUrl('log'), user_id: freshUser(), text: secret }),
    );
    await postJson(events, eventEnvelope(appMention(secret, { user: freshUser() })));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      lines.some((line) => /\[1234\.5678\.abcdef\] command \/quote → quotes in [\d.]+ ms/.test(line)),
    ).toBe(true);
    expect(lines.join('\n')).not.toContain('zanzibar');
  });
});
