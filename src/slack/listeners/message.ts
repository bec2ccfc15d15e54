import type { App } from '@slack/bolt';
import { errorCode } from '../logger.ts';
import { notices } from '../notices.ts';
import { firstDelivery, type ListenerContext, workspaceOf } from './context.ts';
import { answerMessage } from './conversation.ts';

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
  const { log } = context;
  app.event('message', async ({ event, body, client, context: bolt }) => {
    const message = event as unknown as DirectMessage;
    if (message.channel_type !== 'im' || message.bot_id) return;
    if (message.subtype !== undefined && message.subtype !== 'file_share') return;
    if (!message.user || message.user === bolt.botUserId) return;
    const eventId = 'event_id' in body ? String(body.event_id) : undefined;
    const workspace = workspaceOf(body, bolt, client);
    const { team } = workspace;
    if (!(await firstDelivery(context, 'message', eventId, team, message.channel, message.ts))) {
      log.info(`[${eventId ?? '-'}] redelivered message ignored (retry ${bolt.retryNum ?? 0})`);
      return;
    }
    const files = (message.files ?? []).flatMap((file) =>
      typeof file.id === 'string'
        ? [{ id: file.id, ...(typeof file.name === 'string' ? { name: file.name } : {}) }]
        : [],
    );
    if (files.length === 0) {
      if (!message.text?.trim()) return;
      await answerMessage(
        context,
        {
          eventId,
          team,
          user: message.user,
          channel: message.channel,
          ts: message.ts,
          text: message.text,
          ...(message.thread_ts ? { threadTs: message.thread_ts } : {}),
        },
        workspace,
      );
      return;
    }
    const started = performance.now();
    const language = (await context.userLanguage(message.user, workspace)) ?? 'en';
    const threadTs = message.thread_ts ?? message.ts;
    try {
      if (!(await context.allow(team, message.user))) {
        await client.chat.postEphemeral({
          channel: message.channel,
          user: message.user,
          text: notices[language].rateLimited,
        });
        context.limited('files', 'files in a direct message', eventId, started);
        return;
      }
      await context.archive.receive({
        client,
        token: workspace.token,
        team,
        user: message.user,
        channel: message.channel,
        threadTs,
        files,
        language,
      });
      context.timed('files', `files (${files.length}) in a direct message`, eventId, started);
    } catch (error) {
      context.failed('files', `[${eventId ?? '-'}] files in a direct message failed`, error);
      await client.chat
        .postMessage({
          channel: message.channel,
          thread_ts: threadTs,
          text: notices[language].archive.failed,
        })
        .catch((failure: unknown) =>
          log.error(`[${eventId ?? '-'}] chat.postMessage failed: ${errorCode(failure)}`),
        );
    }
  });
}
