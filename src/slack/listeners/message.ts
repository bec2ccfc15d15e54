import type { App } from '@slack/bolt';
import { firstDelivery, type ListenerContext, workspaceOf } from './context.ts';
import { answerMessage } from './conversation.ts';
import { receiveFiles } from './files.ts';

/** A message event in a direct message, as far as the app reads it. */
interface DirectMessage {
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
    const message = event as unknown as DirectMessage;
    if (message.channel_type !== 'im' || message.bot_id) return;
    if (message.subtype !== undefined && message.subtype !== 'file_share') return;
    const user = message.user;
    if (!user || user === bolt.botUserId) return;
    const { channel, ts } = message;
    const eventId = 'event_id' in body ? String(body.event_id) : undefined;
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
    await answerMessage(
      context,
      { eventId, team, user, channel, ts, text: message.text, ...threadTs },
      workspace,
    );
  });
}
