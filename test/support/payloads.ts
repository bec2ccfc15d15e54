import { botUserId } from './fake-slack.ts';

/** A slash command as Slack POSTs it (form fields), with overrides. */
export const slashCommand = (overrides: Partial<Record<string, string>> & { response_url: string }) => ({
  token: 'deprecated-verification-token',
  team_id: 'T0MISSION',
  team_domain: 'mission',
  channel_id: 'C0MEETING',
  channel_name: 'unga-r2p',
  user_id: 'U0DELEGATE',
  user_name: 'delegate',
  command: '/quote',
  text: '',
  api_app_id: 'A0QUOTES',
  is_enterprise_install: 'false',
  trigger_id: '1234.5678.abcdef',
  ...overrides,
});

let eventCounter = 0;

/** An Events API envelope around an event. */
export const eventEnvelope = (event: Record<string, unknown>, overrides: Record<string, unknown> = {}) => ({
  token: 'deprecated-verification-token',
  team_id: 'T0MISSION',
  api_app_id: 'A0QUOTES',
  event,
  type: 'event_callback',
  event_id: `Ev${String(++eventCounter).padStart(8, '0')}`,
  event_time: Math.floor(Date.now() / 1000),
  authorizations: [{ team_id: 'T0MISSION', user_id: botUserId, is_bot: true, is_enterprise_install: false }],
  is_ext_shared_channel: false,
  ...overrides,
});

/** An app_mention event; `thread_ts` when the mention is inside a thread. */
export const appMention = (text: string, overrides: Record<string, unknown> = {}) => ({
  type: 'app_mention',
  user: 'U0DELEGATE',
  text: `<@${botUserId}> ${text}`,
  ts: `${1_700_000_100 + ++eventCounter}.000200`,
  channel: 'C0MEETING',
  event_ts: `${1_700_000_100 + eventCounter}.000200`,
  ...overrides,
});

/**
 * A link_shared event as Slack sends it when a message holding links on the app's unfurl
 * domains is posted (`source: 'conversations_history'`), or typed (`'composer'`).
 */
export const linkShared = (
  links: Array<{ url: string; domain?: string }>,
  overrides: Record<string, unknown> = {},
) => {
  const ts = `${1_700_000_400 + ++eventCounter}.000100`;
  return {
    type: 'link_shared',
    channel: 'C0MEETING',
    is_bot_user_member: true,
    user: 'U0DELEGATE',
    message_ts: ts,
    unfurl_id: `C0MEETING.${ts}.${'ab'.repeat(20)}`,
    source: 'conversations_history',
    links: links.map((link) => ({
      domain: link.domain ?? new URL(link.url).hostname.replace(/^www\./, ''),
      url: link.url,
    })),
    event_ts: ts,
    ...overrides,
  };
};

/** A block_actions payload for a button of ours. */
export const blockActions = (
  button: { action_id: string; value: string },
  responseUrl: string,
  user = 'U0DELEGATE',
) => ({
  type: 'block_actions',
  user: { id: user, username: 'delegate', name: 'delegate', team_id: 'T0MISSION' },
  api_app_id: 'A0QUOTES',
  token: 'deprecated-verification-token',
  container: {
    type: 'message',
    message_ts: '1700000000.000100',
    channel_id: 'C0MEETING',
    is_ephemeral: true,
  },
  trigger_id: '1234.5678.abcdef',
  team: { id: 'T0MISSION', domain: 'mission' },
  channel: { id: 'C0MEETING', name: 'unga-r2p' },
  response_url: responseUrl,
  actions: [
    {
      type: 'button',
      action_id: button.action_id,
      block_id: 'answer_actions',
      text: { type: 'plain_text', text: 'button' },
      value: button.value,
      action_ts: '1700000001.000300',
    },
  ],
});

/** A message_action (message shortcut) payload. */
export const messageShortcut = (text: string, responseUrl: string) => ({
  type: 'message_action',
  token: 'deprecated-verification-token',
  action_ts: '1700000001.000400',
  team: { id: 'T0MISSION', domain: 'mission' },
  user: { id: 'U0DELEGATE', username: 'delegate', team_id: 'T0MISSION', name: 'delegate' },
  channel: { id: 'C0MEETING', name: 'unga-r2p' },
  callback_id: 'find_related_quotes',
  trigger_id: '1234.5678.abcdef',
  message_ts: '1700000000.000500',
  message: { type: 'message', user: 'U0OTHER', ts: '1700000000.000500', text },
  response_url: responseUrl,
});

export const appHomeOpened = (user = 'U0DELEGATE') => ({
  type: 'app_home_opened',
  user,
  channel: 'D0HOME',
  tab: 'home',
  event_ts: `${1_700_000_200 + ++eventCounter}.000100`,
});

/** A direct message to the app, with files when it shares some (Slack's file_share message). */
export const directMessage = (
  user: string,
  options: { text?: string; files?: Array<{ id: string; name: string }>; channel?: string } = {},
) => {
  const ts = `${1_700_000_300 + ++eventCounter}.000100`;
  return {
    type: 'message',
    ...(options.files ? { subtype: 'file_share', upload: true, display_as_bot: false } : {}),
    channel: options.channel ?? `D${user.slice(1)}`,
    channel_type: 'im',
    user,
    text: options.text ?? '',
    ts,
    event_ts: ts,
    ...(options.files
      ? {
          files: options.files.map((file) => ({
            id: file.id,
            name: file.name,
            title: file.name,
            mode: 'hosted',
            // Slack's message events carry a file's outline; the app asks files.info for the rest.
          })),
        }
      : {}),
  };
};

/** A view_submission payload: a modal's callback id, private metadata and submitted state. */
export const viewSubmission = (
  view: { callback_id: string; private_metadata?: string; values: Record<string, Record<string, unknown>> },
  user: string,
) => ({
  type: 'view_submission',
  team: { id: 'T0MISSION', domain: 'mission' },
  user: { id: user, username: 'editor', name: 'editor', team_id: 'T0MISSION' },
  api_app_id: 'A0QUOTES',
  token: 'deprecated-verification-token',
  trigger_id: '1234.5678.viewsub',
  view: {
    id: 'V0MODAL',
    team_id: 'T0MISSION',
    type: 'modal',
    callback_id: view.callback_id,
    private_metadata: view.private_metadata ?? '',
    blocks: [],
    state: { values: view.values },
    hash: '1700000000.abcdef',
    title: { type: 'plain_text', text: 'Modal' },
    close: null,
    submit: null,
    app_id: 'A0QUOTES',
    bot_id: 'B0QUOTES',
  },
  response_urls: [],
});
