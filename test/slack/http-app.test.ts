import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSlackEnv } from '../../src/config/slack-env.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import { type RunningSlackApp, startSlackApp } from '../../src/slack/app.ts';
import { type ApiCall, type FakeSlack, startFakeSlack } from '../support/fake-slack.ts';
import { seedKnowledge } from '../support/knowledge.ts';
import { silentLogger } from '../support/logger.ts';
import {
  appHomeOpened,
  appMention,
  blockActions,
  directMessage,
  eventEnvelope,
  messageShortcut,
  slashCommand,
} from '../support/payloads.ts';
import { postForm, postJson, signingSecret, slackTimestamp } from '../support/slack-requests.ts';

let slack: FakeSlack;
let running: RunningSlackApp;
let knowledge: Knowledge;
let events: string;
let responseCount = 0;

beforeAll(async () => {
  slack = await startFakeSlack();
  knowledge = await seedKnowledge();
  const config = parseSlackEnv({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_APP_TOKEN: '',
    PORT: '0',
    SLACK_API_URL: slack.apiUrl,
    LOG_LEVEL: 'error',
    RATE_LIMIT_PER_MINUTE: '1000',
  });
  running = await startSlackApp({ config, knowledge: () => knowledge, retries: 0, logger: silentLogger() });
  events = `http://127.0.0.1:${running.port}/slack/events`;
});

afterAll(async () => {
  await running?.stop();
  await slack?.close();
});

const nextResponseUrl = () => slack.responseUrl(`r${++responseCount}`);
type Message = { response_type?: string; text: string; blocks: Array<Record<string, unknown>> };
const command = async (fields: Partial<Record<string, string>>) => {
  const res = await postForm(events, slashCommand({ response_url: nextResponseUrl(), ...fields }));
  expect(res.status).toBe(200);
  return (await res.json()) as Message;
};
const blockText = (message: { blocks: unknown[] }) => JSON.stringify(message.blocks);
const buttons = (message: Message) =>
  (message.blocks.find((block) => block.block_id === 'answer_actions')?.elements ?? []) as Array<{
    action_id: string;
    value: string;
    text: { text: string };
  }>;
const postsAfter =
  (count: number, method = 'chat.postMessage') =>
  () => {
    const posts = slack.calls.filter((call) => call.method === method);
    return posts.length > count ? posts.slice(count) : undefined;
  };
const countOf = (method: string) => slack.calls.filter((call) => call.method === method).length;

describe('the Slack app over HTTP', () => {
  it('answers /quote veto in the ack body: ephemeral, quote first with the match in bold, French beneath, citation, buttons', async () => {
    const before = slack.calls.length;
    const message = await command({ text: 'veto' });
    expect(message.response_type).toBe('ephemeral');
    expect(message.text).toContain('¶14');
    const blocks = blockText(message);
    expect(blocks).toContain('suspension of the *veto*');
    expect(blocks).toContain('suspension du *veto*');
    expect(blocks).toContain('FR · translation');
    expect(blocks).toContain('6 September 2016, ¶14');
    expect(buttons(message).map((b) => b.text.text)).toEqual(['Show in French', 'Share in channel']);
    // The answer traveled in the HTTP response: no extra Web API call or response_url post was needed.
    expect(slack.calls.slice(before).filter((call: ApiCall) => call.method.startsWith('chat.'))).toEqual([]);
  });

  it('answers /citation in French: French text first marked as a translation, French labels and citation', async () => {
    const message = await command({ command: '/citation', text: 'veto' });
    const blocks = blockText(message);
    expect(blocks.indexOf('suspension du *veto*')).toBeLessThan(blocks.indexOf('suspension of the *veto*'));
    expect(blocks).toContain('FR · traduction');
    expect(blocks).toContain('6 septembre 2016, ¶14');
    expect(buttons(message).map((b) => b.text.text)).toEqual([
      'Afficher en anglais',
      'Partager dans le canal',
    ]);
  });

  it('follows the language of the query over the command', async () => {
    const message = await command({ command: '/quote', text: 'conseil de securite' });
    expect(blockText(message)).toContain('prononcé en anglais');
  });

  it('offers "More results" when there are more passages, and pages with the state in the button', async () => {
    const message = await command({ text: 'peace operations' });
    const more = buttons(message).find((b) => b.action_id === 'more_results');
    expect(more?.text.text).toMatch(/^More results \(\d+\)$/);
    const url = nextResponseUrl();
    const res = await postForm(events, { payload: JSON.stringify(blockActions(more!, url)) });
    expect(res.status).toBe(200);
    const posted = await slack.waitFor(() => slack.responses.find((r) => url.endsWith(r.id)));
    expect(posted.body.replace_original).toBe(true);
    expect(blockText(posted.body as unknown as Message)).not.toEqual(blockText(message));
    expect(JSON.parse(buttons(posted.body as unknown as Message)[0]!.value).o).toBe(1);
  });

  it('swaps the language with the button', async () => {
    const message = await command({ text: 'veto' });
    const swap = buttons(message).find((b) => b.action_id === 'swap_language')!;
    const url = nextResponseUrl();
    await postForm(events, { payload: JSON.stringify(blockActions(swap, url)) });
    const posted = await slack.waitFor(() => slack.responses.find((r) => url.endsWith(r.id)));
    const blocks = blockText(posted.body as unknown as Message);
    expect(blocks.indexOf('suspension du *veto*')).toBeLessThan(blocks.indexOf('suspension of the *veto*'));
    expect(posted.body.replace_original).toBe(true);
  });

  it('shares the answer in the channel, saying who shared it', async () => {
    const message = await command({ text: 'veto' });
    const share = buttons(message).find((b) => b.action_id === 'share_in_channel')!;
    const url = nextResponseUrl();
    await postForm(events, { payload: JSON.stringify(blockActions(share, url, 'U0SHARER')) });
    const posted = await slack.waitFor(() => slack.responses.find((r) => url.endsWith(r.id)));
    expect(posted.body.response_type).toBe('in_channel');
    expect(blockText(posted.body as unknown as Message)).toContain('Shared by <@U0SHARER>');
    expect(blockText(posted.body as unknown as Message)).not.toContain('"actions"');
  });

  it('answers empty text with help', async () => {
    expect(blockText(await command({ text: '' }))).toContain('Find what Canada said');
    expect(blockText(await command({ command: '/citation', text: '  ' }))).toContain(
      'Retrouver ce que le Canada a dit',
    );
  });

  it('accepts the whole command language: para, themes, filters', async () => {
    expect(blockText(await command({ text: 'para 14' }))).toContain('¶14');
    expect(blockText(await command({ text: 'themes' }))).toContain('■');
    expect(blockText(await command({ text: 'theme veto' }))).toContain('Veto restraint');
    expect(blockText(await command({ text: 'peace operations ¶20-21' }))).toContain('¶2');
  });

  it('answers a mention at top level in a thread under it, once', async () => {
    const seen = countOf('chat.postMessage');
    const event = appMention('what did we say about peacekeeper training?');
    const res = await postJson(events, eventEnvelope(event));
    expect(res.status).toBe(200);
    const [post] = await slack.waitFor(postsAfter(seen));
    expect(post!.args.thread_ts).toBe(event.ts);
    expect(post!.args.channel).toBe('C0MEETING');
    expect(blockText(post!.args as { blocks: unknown[] })).toContain('*training*');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(countOf('chat.postMessage')).toBe(seen + 1);
  });

  it('answers a mention inside a thread in that thread', async () => {
    const seen = countOf('chat.postMessage');
    const event = appMention('veto', { thread_ts: '1700000000.000001' });
    await postJson(events, eventEnvelope(event));
    const [post] = await slack.waitFor(postsAfter(seen));
    expect(post!.args.thread_ts).toBe('1700000000.000001');
  });

  it('answers a mention with no query with a short help in the thread', async () => {
    const seen = countOf('chat.postMessage');
    await postJson(events, eventEnvelope(appMention('')));
    const [post] = await slack.waitFor(postsAfter(seen));
    expect(String(post!.args.text)).toContain('Find what Canada said');
    expect((post!.args.blocks as unknown[]).length).toBeLessThanOrEqual(4);
    expect(JSON.stringify(post!.args.blocks)).toContain('Full help: /quote help');
  });

  it('answers a redelivered event once', async () => {
    const seen = countOf('chat.postMessage');
    const envelope = eventEnvelope(appMention('kigali'));
    await postJson(events, envelope);
    await postJson(events, envelope, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    await slack.waitFor(postsAfter(seen));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(countOf('chat.postMessage')).toBe(seen + 1);
  });

  it('answers mentions in the user’s Slack language when the text does not say', async () => {
    slack.locales.set('U0FRANCO', 'fr-CA');
    const seen = countOf('chat.postMessage');
    await postJson(events, eventEnvelope(appMention('veto', { user: 'U0FRANCO' })));
    const [post] = await slack.waitFor(postsAfter(seen));
    expect(blockText(post!.args as { blocks: unknown[] })).toContain('prononcé en anglais');
  });

  it('answers the message shortcut with related quotes, ephemerally', async () => {
    const url = nextResponseUrl();
    const payload = messageShortcut(
      'Can someone remind me of our line on the Kigali Principles for peacekeeping mandates?',
      url,
    );
    const res = await postForm(events, { payload: JSON.stringify(payload) });
    expect(res.status).toBe(200);
    const posted = await slack.waitFor(() => slack.responses.find((r) => url.endsWith(r.id)));
    expect(posted.body.response_type).toBe('ephemeral');
    const blocks = blockText(posted.body as unknown as Message);
    expect(blocks).toContain('Passages related to this message');
    expect(blocks).toContain('¶8');
  });

  it('publishes the App Home with examples, statements and themes', async () => {
    const seen = countOf('views.publish');
    await postJson(events, eventEnvelope(appHomeOpened()));
    const [publish] = await slack.waitFor(postsAfter(seen, 'views.publish'));
    expect(publish!.args.user_id).toBe('U0DELEGATE');
    const view = JSON.stringify(publish!.args.view);
    expect(view).toContain('/quote veto');
    expect(view).toContain('/citation');
    expect(view).toContain('Canadian Statement at the United Nations General Assembly');
    expect(view).toContain('Veto restraint');
    // No ARCHIVE_EDITORS here: adding from Slack is off, and the App Home says so, with no button.
    expect(view).toContain('Adding statements from Slack is off');
    expect(view).not.toContain('archive_open_add');
  });

  it('with no editors configured, answers files sent in a direct message without reading them', async () => {
    const seen = countOf('chat.postMessage');
    slack.files.set('F0OFF', { name: 'statement.docx', filetype: 'docx', bytes: new Uint8Array([80, 75]) });
    const message = directMessage('U0DELEGATE', { files: [{ id: 'F0OFF', name: 'statement.docx' }] });
    await postJson(events, eventEnvelope(message));
    const [reply] = await slack.waitFor(postsAfter(seen));
    expect(reply!.args.thread_ts).toBe(message.ts);
    expect(String(reply!.args.text)).toContain('Adding statements from Slack is off in this workspace');
    expect(slack.calls.filter((call) => call.method === 'files.info')).toEqual([]);
    expect(slack.downloads).toEqual([]);
  });

  it('answers a question sent in a direct message, in the conversation, once', async () => {
    const seen = countOf('chat.postMessage');
    const message = directMessage('U0DELEGATE', { text: 'veto' });
    const envelope = eventEnvelope(message);
    await postJson(events, envelope);
    await postJson(events, envelope, {
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    const [reply] = await slack.waitFor(postsAfter(seen));
    expect(reply!.args.channel).toBe(message.channel);
    expect(reply!.args.thread_ts).toBeUndefined();
    expect(JSON.stringify(reply!.args.blocks)).toContain('suspension of the *veto*');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(countOf('chat.postMessage')).toBe(seen + 1);
  });

  it('answers url_verification', async () => {
    const res = await postJson(events, { token: 'x', challenge: 'challenge-123', type: 'url_verification' });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('challenge-123');
  });

  it('refuses a bad signature, missing signature headers, and stale or future timestamps with 401', async () => {
    const fields = slashCommand({ response_url: nextResponseUrl(), text: 'veto' });
    const now = slackTimestamp();
    expect((await postForm(events, fields, { secret: 'not-the-secret-at-all' })).status).toBe(401);
    expect((await postForm(events, fields, { unsigned: true })).status).toBe(401);
    expect((await postForm(events, fields, { timestamp: now - 6 * 60 })).status).toBe(401);
    expect((await postForm(events, fields, { timestamp: now + 6 * 60 })).status).toBe(401);
  });

  it('answers GET /healthz', async () => {
    const res = await fetch(`http://127.0.0.1:${running.port}/healthz`);
    expect(res.status).toBe(200);
  });

  it('never lets markup from a query ping anyone or disguise a link', async () => {
    const hostile =
      '<!channel> <!here> <@U123> <#C999|general> <https://evil.example|click> *bold* _it_ ~x~ `c` veto';
    const message = await command({ text: hostile });
    const all = `${message.text} ${blockText(message)}`;
    for (const raw of ['<!channel>', '<!here>', '<@U123>', '<#C999', '<https://evil'])
      expect(all).not.toContain(raw);
    const echoed = await command({ text: '&lt;!channel&gt; <b>zzq</b> *zzq*' });
    const text = `${echoed.text} ${blockText(echoed)}`;
    expect(text).not.toMatch(/<!channel>|<b>/);
    expect(text).not.toContain('&#39;');

    const seen = countOf('chat.postMessage');
    await postJson(events, eventEnvelope(appMention('<!channel> <@U123> *veto*')));
    const [post] = await slack.waitFor(postsAfter(seen));
    const posted = JSON.stringify(post!.args);
    for (const raw of ['<!channel>', '<@U123>']) expect(posted).not.toContain(raw);
  });
});
