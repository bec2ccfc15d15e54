import { answer } from '../../core/answer.ts';
import { statementOfReply } from '../../core/reply.ts';
import { compactPassages, type MessageOptions, toMessage } from '../blocks.ts';
import { stripSlackMarkup } from '../escape.ts';
import { notices } from '../notices.ts';
import { postReply, UnconfirmedPostError } from '../post.ts';
import { type ListenerContext, pageSize, stateFor, type Workspace } from './context.ts';
import { type Guarded, guard } from './guard.ts';
import { logFailure } from './respond.ts';

/** A message that asks something: who, where, and the delivery it came in. */
export interface Asked {
  eventId: string | undefined;
  team: string;
  user: string;
  channel: string;
  ts: string;
  text: string;
  /** The thread to answer in (a mention, a side-panel thread); none for a direct message. */
  threadTs?: string;
  /**
   * Asked in the side panel: answered in full with the answer's buttons, as /quote does,
   * and Post to the channel the panel is beside (`channel`, when its context names one).
   */
  panel?: { channel?: string };
}

/**
 * Answers a message that asks something (a mention, or a direct message to the app):
 * in its thread for a mention, in the conversation for a direct message, posted once.
 */
export async function answerMessage(context: ListenerContext, asked: Asked, workspace: Workspace) {
  const started = performance.now();
  const { eventId, user, channel } = asked;
  const located = await context.userLanguage(user, workspace);
  const notice = notices[located ?? 'en'];
  const thread = asked.threadTs ? { thread_ts: asked.threadTs } : {};
  // Refusals and failures go to the user alone, not to the thread.
  const tell = (text: string) => workspace.client.chat.postEphemeral({ channel, user, ...thread, text });
  const request: Guarded = {
    surface: asked.panel ? 'panel' : asked.threadTs ? 'mention' : 'message',
    id: eventId,
    what: asked.panel ? 'side panel message' : asked.threadTs ? 'app_mention' : 'direct message',
    started,
    limit: { team: asked.team, user, refuse: () => tell(notice.rateLimited) },
    fail: (error) =>
      tell(error instanceof UnconfirmedPostError ? notice.unconfirmed : notice.failure).catch(
        logFailure(context.log, eventId, 'chat.postEphemeral'),
      ),
  };
  await guard(context, request, async () => {
    // A thread, or the direct message: what it was about decides which statement "para 3" means.
    const conversation = `${asked.team}:${channel}:${asked.threadTs ?? ''}`;
    const about = await context.conversations.recall(conversation);
    const text = stripSlackMarkup(asked.text);
    const reply = answer(text, context.knowledge(), {
      ...(located ? { locale: located } : {}),
      ...(about ? { conversation: about } : {}),
      // A compact answer shows `compactPassages` and points to the slash command for more: no more
      // is asked. The side panel is made for reading: a page, with the buttons.
      limit: asked.panel ? pageSize : compactPassages,
    });
    const options: MessageOptions = asked.panel
      ? {
          panel: true,
          state: {
            ...stateFor(text, reply, located ?? reply.language, 'command'),
            ...(asked.panel.channel ? { c: asked.panel.channel } : {}),
          },
        }
      : { compact: { command: reply.language === 'fr' ? '/citation' : '/quote' } };
    await postReply(context.poster(workspace), { channel, ...thread, ...toMessage(reply, options) });
    const answered = statementOfReply(reply);
    if (answered) await context.conversations.remember(conversation, answered);
    return reply;
  });
}
