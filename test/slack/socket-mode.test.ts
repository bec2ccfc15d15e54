import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlackEnv } from '../../src/config/slack-env.ts';
import { type RunningSlackApp, startSlackApp } from '../../src/slack/app.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { seedKnowledge } from '../support/knowledge.ts';
import { silentLogger } from '../support/logger.ts';
import { appMention, blockActions, eventEnvelope, slashCommand } from '../support/payloads.ts';

let slack: FakeSlack;
let running: RunningSlackApp;

beforeAll(async () => {
  slack = await startFakeSlack();
  const knowledge = await seedKnowledge();
  const config = parseSlackEnv({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_APP_TOKEN: 'xapp-test-token',
    HEALTH_PORT: '0',
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: 'error',
  });
  expect(config.mode).toBe('socket');
  running = await startSlackApp({ config, knowledge: () => knowledge, retries: 0, logger: silentLogger() });
  await slack.waitFor(() => slack.socket.connections.length > 0 || undefined);
});

afterAll(async () => {
  await running?.stop();
  await slack?.close();
});

const ackFor = (envelopeId: string) => () =>
  slack.socket.received.find((message) => message.envelope_id === envelopeId);

describe('the Slack app in Socket Mode', () => {
  it('opens the connection with the app-level token', () => {
    const open = slack.calls.find((call) => call.method === 'apps.connections.open');
    expect(open?.token).toBe('xapp-test-token');
  });

  it('acks a slash command envelope with the answer as its payload', async () => {
    const payload = slashCommand({ response_url: slack.responseUrl('socket-1'), text: 'veto' });
    slack.sendEnvelope({
      envelope_id: 'env-command',
      type: 'slash_commands',
      payload,
      accepts_response_payload: true,
    });
    const ack = await slack.waitFor(ackFor('env-command'));
    const body = ack.payload as { response_type: string; text: string; blocks: unknown[] };
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toContain('¶14');
    expect(JSON.stringify(body.blocks)).toContain('suspension of the *veto*');
  });

  it('acks an events envelope and answers the mention in its thread', async () => {
    const event = appMention('Kigali');
    slack.sendEnvelope({
      envelope_id: 'env-event',
      type: 'events_api',
      payload: eventEnvelope(event),
      accepts_response_payload: false,
      retry_attempt: 0,
      retry_reason: '',
    });
    await slack.waitFor(ackFor('env-event'));
    const post = await slack.waitFor(() => slack.calls.find((call) => call.method === 'chat.postMessage'));
    expect(post.args.thread_ts).toBe(event.ts);
    expect(JSON.stringify(post.args.blocks)).toContain('Kigali');
  });

  it('acks an interactive envelope and answers through the response_url', async () => {
    const payload = slashCommand({ response_url: slack.responseUrl('socket-2'), text: 'veto' });
    slack.sendEnvelope({
      envelope_id: 'env-command-2',
      type: 'slash_commands',
      payload,
      accepts_response_payload: true,
    });
    const ack = await slack.waitFor(ackFor('env-command-2'));
    const actions = (
      ack.payload as {
        blocks: Array<{ block_id?: string; elements?: Array<{ action_id: string; value: string }> }>;
      }
    ).blocks.find((block) => block.block_id === 'answer_actions')!;
    const swap = actions.elements!.find((element) => element.action_id === 'swap_language')!;
    slack.sendEnvelope({
      envelope_id: 'env-action',
      type: 'interactive',
      payload: blockActions(swap, slack.responseUrl('socket-swap')),
      accepts_response_payload: false,
    });
    await slack.waitFor(ackFor('env-action'));
    const posted = await slack.waitFor(() =>
      slack.responses.find((response) => response.id === 'socket-swap'),
    );
    expect(JSON.stringify(posted.body)).toContain('FR · traduction');
  });
});
