import type { App, webApi } from '@slack/bolt';
import { firstDelivery, type ListenerContext, workspaceOf } from './context.ts';
import { type Asked, answerMessage } from './conversation.ts';
import { receiveFiles } from './files.ts';

/** A message event in a direct message, as far as the app reads it. */
export interface DirectMessage {
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  channel: string;
  ts: string;
  thread_ts?: string;
  text?: string;
  files?: Array<{ id?: unknown; name?: unknown }>;
}

/** Direct messages to the app: files are statements to add (editors only); text is a question. */
export function registerDirectMessages(app: App, context: ListenerContext) {
  app.event('message', async ({ event, body, client, context: bolt }) => {
    await receiveDirectMessage(context, event as unknown as DirectMessage, { body, client, bolt });
  });
}

/** Where a message came from, as Bolt gives it. */
export interface Delivery {
  body: object;
  client: webApi.WebClient;
  bolt: { botToken?: string; botUserId?: string; retryNum?: number };
}

/**
 * One direct message: files go to the archive's review, text is answered, once per
 * delivery. In the side panel (`panel`), the answer is a full one in the panel's thread.
 */
export async function receiveDirectMessage(
  context: ListenerContext,
  message: DirectMessage,
  { body, client, bolt }: Delivery,
  panel?: Asked['panel'] & { onQuestion?: () => Promise<void> },
) {
  if (message.channel_type !== 'im' || message.bot_id) return;
  if (message.subtype !== undefined && message.subtype !== 'file_share') return;
  const user = message.user;
  if (!user || user === bolt.botUserId) return;
  const { channel, ts } = message;
  const eventId = 'event_id' in body ? String((body as { event_id: unknown }).event_id) : undefined;
  const workspace = workspaceOf(body, bolt, client);
  const { team } = workspace;
  if (!(await firstDelivery(context, 'message', eventId, team, channel, ts))) {
    context.log.info(`[${eventId ?? '-'}] redelivered message ignored (retry ${bolt.retryNum ?? 0})`);
    return;
  }
  const files = (message.files ?? []).flatMap((file) =>
    typeof file.id === 'string'
      ? [{ id: file.id, ...(typeof file.name === 'string' ? { name: file.name } : {}) }]
      : [],
  );
  if (files.length > 0) {
    await receiveFiles(
      context,
      { eventId, user, channel, threadTs: message.thread_ts ?? ts, files },
      workspace,
    );
    return;
  }
  if (!message.text?.trim()) return;
  const threadTs = message.thread_ts ? { threadTs: message.thread_ts } : {};
  await panel?.onQuestion?.();
  await answerMessage(
    context,
    {
      eventId,
      team,
      user,
      channel,
      ts,
      text: message.text,
      ...threadTs,
      ...(panel ? { panel: panel.channel ? { channel: panel.channel } : {} } : {}),
    },
    workspace,
  );
}
