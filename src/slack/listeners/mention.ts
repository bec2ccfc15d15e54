import type { App } from '@slack/bolt';
import { teamOf } from '../team.ts';
import { firstDelivery, type ListenerContext, workspaceOf } from './context.ts';
import { answerMessage } from './conversation.ts';

/** A mention is answered once, in its thread. */
export function registerMentions(app: App, context: ListenerContext) {
  app.event('app_mention', async ({ event, body, client, context: bolt }) => {
    const eventId = 'event_id' in body ? String(body.event_id) : undefined;
    if (('bot_id' in event && event.bot_id) || ('subtype' in event && event.subtype === 'bot_message'))
      return;
    if (!event.user || event.user === bolt.botUserId) return;
    const team = teamOf(body);
    if (!(await firstDelivery(context, 'mention', eventId, team, event.channel, event.ts))) {
      context.log.info(`[${eventId ?? '-'}] redelivered app_mention ignored (retry ${bolt.retryNum ?? 0})`);
      return;
    }
    await answerMessage(
      context,
      {
        eventId,
        team,
        user: event.user,
        channel: event.channel,
        ts: event.ts,
        text: event.text,
        threadTs: event.thread_ts ?? event.ts,
      },
      workspaceOf(body, bolt, client),
    );
  });
}
