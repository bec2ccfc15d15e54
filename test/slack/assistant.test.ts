import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ArchiveApp, startArchiveApp } from '../support/archive-app.ts';
import type { ApiCall, FakeSlack } from '../support/fake-slack.ts';
import { blockActions } from '../support/payloads.ts';

/**
 * The Agents & AI Apps side panel, with Slack's payloads: a thread started beside a
 * meeting's channel, questions answered in it, a passage posted to that channel.
 */

const delegate = 'U0DELEGATE';
const francophone = 'U0FRANCO';
const meeting = 'C0MEETING';
let app: ArchiveApp;
let slack: FakeSlack;
let counter = 0;
let responses = 0;

beforeAll(async () => {
  app = await startArchiveApp({ editors: ['U0EDITOR'], locales: { [francophone]: 'fr-CA' } });
  slack = app.slack;
});
afterAll(() => app?.close());

type Button = { action_id: string; value: string; text: { text: string }; confirm?: unknown };
const callsSince = (count: number, method: string) =>
  slack.calls.slice(count).filter((c) => c.method === method);
const buttonsOf = (call: ApiCall) =>
  (call.args.blocks as Array<{ type: string; elements?: Button[] }>)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

/** Slack's assistant_thread_started: the user opened the panel beside `viewing`. */
const started = (user: string, viewing?: string) => {
  const thread = `${1_700_001_000 + ++counter}.000100`;
  const channel = `D${user.slice(1)}`;
  return {
    channel,
    thread,
    event: {
      type: 'assistant_thread_started',
      assistant_thread: {
        user_id: user,
        context: viewing ? { channel_id: viewing, team_id: 'T0MISSION', enterprise_id: null } : {},
        channel_id: channel,
        thread_ts: thread,
      },
      event_ts: thread,
    },
  };
};
/** A message the user typed in the panel's thread. */
const asked = (user: string, channel: string, thread: string, text: string) => {
  const ts = `${1_700_002_000 + ++counter}.000100`;
  return { type: 'message', channel, channel_type: 'im', user, text, ts, event_ts: ts, thread_ts: thread };
};

describe('the side panel', () => {
  let channel = '';
  let thread = '';

  it('greets a thread started beside a channel, names that channel, and suggests prompts in the user’s language', async () => {
    const count = slack.calls.length;
    const opened = started(delegate, meeting);
    ({ channel, thread } = opened);
    await app.send(opened.event);
    const greeting = await slack.waitFor(() => callsSince(count, 'chat.postMessage')[0]);
    expect(greeting.args.channel).toBe(channel);
    expect(greeting.args.thread_ts).toBe(thread);
    expect(String(greeting.args.text)).toContain(`<#${meeting}>`);
    // The context travels in the greeting's metadata, where later messages read it back.
    expect(greeting.args.metadata).toMatchObject({ event_payload: { channel_id: meeting } });
    const prompts = await slack.waitFor(() => callsSince(count, 'assistant.threads.setSuggestedPrompts')[0]);
    const given = prompts.args.prompts as Array<{ title: string; message: string }>;
    expect(given.length).toBeGreaterThanOrEqual(2);
    expect(given.length).toBeLessThanOrEqual(4);
    expect(given.map((p) => p.message)).toEqual(expect.arrayContaining(['themes', 'statements']));

    const french = started(francophone);
    const before = slack.calls.length;
    await app.send(french.event);
    const theirs = await slack.waitFor(() => callsSince(before, 'assistant.threads.setSuggestedPrompts')[0]);
    expect((theirs.args.prompts as Array<{ message: string }>).map((p) => p.message)).toContain('thèmes');
    const hello = await slack.waitFor(() => callsSince(before, 'chat.postMessage')[0]);
    expect(String(hello.args.text)).toContain('Demandez-moi');
    expect(String(hello.args.text)).not.toContain('<#');
  });

  it('answers a question in the thread with the buttons, titles the thread once, and offers Post to the channel', async () => {
    const count = slack.calls.length;
    await app.send(asked(delegate, channel, thread, 'veto restraint'));
    const answer = await slack.waitFor(() =>
      callsSince(count, 'chat.postMessage').find((c) => c.args.thread_ts === thread),
    );
    expect(answer.args.channel).toBe(channel);
    const buttons = buttonsOf(answer);
    const actions = buttons.map((b) => b.action_id);
    expect(actions).toContain('swap_language');
    expect(actions).toContain('post_to_channel');
    expect(actions).not.toContain('share_in_channel');
    expect(buttons.find((b) => b.action_id === 'post_to_channel')?.confirm).toBeDefined();
    expect(callsSince(count, 'assistant.threads.setTitle').map((c) => c.args.title)).toEqual([
      'veto restraint',
    ]);
    expect(callsSince(count, 'assistant.threads.setStatus')).toHaveLength(1);

    // A second question: answered, the title kept.
    const again = slack.calls.length;
    await app.send(asked(delegate, channel, thread, 'para 14'));
    await slack.waitFor(() => callsSince(again, 'chat.postMessage').find((c) => c.args.thread_ts === thread));
    expect(callsSince(again, 'assistant.threads.setTitle')).toEqual([]);

    // Post to the channel I'm viewing: the passage, its counterpart and citation, there.
    const post = buttons.find((b) => b.action_id === 'post_to_channel')!;
    const pressed = slack.calls.length;
    await app.interact(blockActions(post, slack.responseUrl(`p${++responses}`), delegate));
    const shared = await slack.waitFor(() =>
      callsSince(pressed, 'chat.postMessage').find((c) => c.args.channel === meeting),
    );
    expect(JSON.stringify(shared.args.blocks)).toContain(`<@${delegate}>`);
    expect(JSON.stringify(shared.args.blocks)).toMatch(/¶\d+/);
    const told = await slack.waitFor(() =>
      slack.responses.find((r) => JSON.stringify(r.body).includes(`Posted in <#${meeting}>`)),
    );
    expect(JSON.stringify(told.body)).toContain('ephemeral');
  });

  it('says how to invite the app when it is not in the channel, and posts nothing', async () => {
    const count = slack.calls.length;
    await app.send(asked(delegate, channel, thread, 'peacekeepers'));
    const answer = await slack.waitFor(() =>
      callsSince(count, 'chat.postMessage').find((c) => c.args.thread_ts === thread),
    );
    const post = buttonsOf(answer).find((b) => b.action_id === 'post_to_channel')!;
    slack.fault = (method) =>
      method === 'chat.postMessage' ? { status: 200, error: 'not_in_channel' } : undefined;
    try {
      await app.interact(blockActions(post, slack.responseUrl(`p${++responses}`), delegate));
      const told = await slack.waitFor(() =>
        slack.responses.find((r) => JSON.stringify(r.body).includes('/invite @Quotes')),
      );
      expect(JSON.stringify(told.body)).toContain(`<#${meeting}>`);
    } finally {
      slack.fault = undefined;
    }
  });

  it('answers a question Slack delivers twice once, and sets no status for the second delivery', async () => {
    const fresh = started(delegate, meeting);
    await app.send(fresh.event);
    await slack.waitFor(() =>
      slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts === fresh.thread),
    );
    const count = slack.calls.length;
    const question = asked(delegate, fresh.channel, fresh.thread, 'protection of civilians');
    await app.send(question);
    await app.send(question);
    await slack.waitFor(() =>
      callsSince(count, 'chat.postMessage').find((c) => c.args.thread_ts === fresh.thread),
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(
      callsSince(count, 'chat.postMessage').filter((c) => c.args.thread_ts === fresh.thread),
    ).toHaveLength(1);
    expect(callsSince(count, 'assistant.threads.setStatus')).toHaveLength(1);
    expect(callsSince(count, 'assistant.threads.setTitle')).toHaveLength(1);
  });

  it('answers a thread beside no channel without a Post button', async () => {
    const alone = started(delegate);
    await app.send(alone.event);
    await slack.waitFor(() =>
      slack.calls.find((c) => c.method === 'chat.postMessage' && c.args.thread_ts === alone.thread),
    );
    const count = slack.calls.length;
    await app.send(asked(delegate, alone.channel, alone.thread, 'veto'));
    const answer = await slack.waitFor(() =>
      callsSince(count, 'chat.postMessage').find((c) => c.args.thread_ts === alone.thread),
    );
    const actions = buttonsOf(answer).map((b) => b.action_id);
    expect(actions).toContain('swap_language');
    expect(actions).not.toContain('post_to_channel');
    expect(actions).not.toContain('share_in_channel');
  });
});
