import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlackEnv } from '../../src/config/slack-env.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import { type RunningSlackApp, startSlackApp } from '../../src/slack/app.ts';
import { loadArchiveKnowledge } from '../relevance/evaluate.ts';
import { type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { silentLogger } from '../support/logger.ts';
import { appMention, blockActions, eventEnvelope, slashCommand } from '../support/payloads.ts';
import { postForm, postJson, signingSecret } from '../support/slack-requests.ts';

let slack: FakeSlack;
let running: RunningSlackApp;
let archive: Knowledge;
let events: string;
let responses = 0;

beforeAll(async () => {
  slack = await startFakeSlack();
  archive = await loadArchiveKnowledge();
  running = await startSlackApp({
    config: parseSlackEnv({
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_SIGNING_SECRET: signingSecret,
      PORT: '0',
      SLACK_API_URL: slack.apiUrl,
      LOG_LEVEL: 'error',
      RATE_LIMIT_PER_MINUTE: '1000',
    }),
    knowledge: () => archive,
    retries: 0,
    logger: silentLogger(),
  });
  events = `http://127.0.0.1:${running.port}/slack/events`;
});

afterAll(async () => {
  await running?.stop();
  await slack?.close();
});

type Message = { text: string; blocks: Array<Record<string, unknown>> };
type Button = { action_id: string; value: string; text: { text: string } };
const nextResponseUrl = () => slack.responseUrl(`archive-${++responses}`);
const command = async (text: string, fields: Record<string, string> = {}) => {
  const res = await postForm(events, slashCommand({ response_url: nextResponseUrl(), text, ...fields }));
  expect(res.status).toBe(200);
  return (await res.json()) as Message;
};
const shown = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);
const buttons = (message: Message) =>
  (message.blocks.find((block) => block.block_id === 'answer_actions')?.elements ?? []) as Button[];
const click = async (button: Button) => {
  const url = nextResponseUrl();
  await postForm(events, { payload: JSON.stringify(blockActions(button, url)) });
  const posted = await slack.waitFor(() => slack.responses.find((r) => url.endsWith(r.id)));
  return posted.body as unknown as Message;
};

describe('answers over an archive, in Slack', () => {
  it('name the statement of every passage, with the id to type, and what the query preferred', async () => {
    const message = await command('un day 2019 climate');
    const blocks = shown(message);
    expect(blocks).toContain('`in:sg-un-day-2019-10-24`');
    expect(blocks).toContain('Statements of 2019 · un day first');
    expect(blocks).toContain('Searched for “un day climate”');
  });

  it('answer para 3 in a channel from the newest statement, saying so, with the others one tap away', async () => {
    const message = await command('para 3');
    const blocks = shown(message);
    expect(blocks).toContain('in:pm-peace-day-2024-09-21');
    expect(blocks).toContain('The newest statement with a ¶3.');
    const others = buttons(message).filter((b) => b.action_id === 'show_paragraph');
    expect(others.length).toBeGreaterThan(0);
    expect(others[0]!.text.text).toMatch(/^¶3 · /);
    const other = await click(others[0]!);
    const otherId = JSON.parse(others[0]!.value).t.split('in:')[1];
    expect(shown(other)).toContain(`in:${otherId}`);
    expect(shown(other)).not.toContain('The newest statement with a ¶3.');
  });

  it('answer para N in a thread from the statement the thread was about', async () => {
    const first = appMention('un day 2019 climate');
    await postJson(events, eventEnvelope(first));
    const thread = first.ts;
    await slack.waitFor(() =>
      slack.calls.find((call) => call.method === 'chat.postMessage' && call.args.thread_ts === thread),
    );
    const before = slack.calls.filter((call) => call.method === 'chat.postMessage').length;
    await postJson(events, eventEnvelope(appMention('para 9', { thread_ts: thread })));
    const [reply] = await slack.waitFor(() => {
      const posts = slack.calls.filter((call) => call.method === 'chat.postMessage');
      return posts.length > before ? posts.slice(before) : undefined;
    });
    expect(reply!.args.thread_ts).toBe(thread);
    const blocks = JSON.stringify(reply!.args.blocks);
    expect(blocks).toContain('in:sg-un-day-2019-10-24');
    expect(blocks).toContain('The statement of this conversation.');
  });

  it('offer what was said over time, newest first, paged like any answer', async () => {
    const message = await command('ceasefire');
    const history = buttons(message).find((b) => b.action_id === 'show_history');
    expect(history?.text.text).toBe('Over time');
    const timeline = await click(history!);
    const blocks = shown(timeline);
    expect(blocks).toContain('over time');
    // Newest first: the 2020 message before the 2017 one.
    expect(blocks.indexOf('21 September 2020')).toBeGreaterThan(-1);
    expect(blocks.indexOf('21 September 2020')).toBeLessThan(blocks.indexOf('21 September 2017'));
    const more = buttons(timeline).find((b) => b.action_id === 'more_results');
    if (more) expect(JSON.parse(more.value).t).toBe('history ceasefire');
  });

  it('list the statements of a year, grouped by year, each with its id', async () => {
    const blocks = shown(await command('statements 2023'));
    expect(blocks).toContain('3 statements for “2023”');
    expect(blocks).toContain('`in:sg-un-day-2023-10-24`');
    expect(blocks).not.toContain('in:sg-un-day-2019-10-24');
  });
});
