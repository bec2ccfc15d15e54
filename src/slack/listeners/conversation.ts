import { answer } from '../../core/answer.ts';
import { statementOfReply } from '../../core/reply.ts';
import { type MessageOptions, toMessage } from '../blocks.ts';
import { stripSlackMarkup } from '../escape.ts';
import { errorCode } from '../logger.ts';
import { notices } from '../notices.ts';
import { postReply, UnconfirmedPostError } from '../post.ts';
import type { ListenerContext, Workspace } from './context.ts';

/** A message that asks something: who, where, and the delivery it came in. */
export interface Asked {
  eventId: string | undefined;
  team: string;
  user: string;
  channel: string;
  ts: string;
  text: string;
  /** The thread to answer in (a mention); none for a direct message. */
  threadTs?: string;
}

/**
 * Answers a message that asks something (a mention, or a direct message to the app):
 * in its thread for a mention, in the conversation for a direct message, posted once.
 */
export async function answerMessage(context: ListenerContext, asked: Asked, workspace: Workspace) {
  const { client } = workspace;
  const started = performance.now();
  const { eventId, user, channel } = asked;
  const kind = asked.threadTs ? 'app_mention' : 'direct message';
  const surface = asked.threadTs ? 'mention' : 'message';
  const located = await context.userLanguage(user, workspace);
  const locale = located ?? 'en';
  const thread = asked.threadTs ? { thread_ts: asked.threadTs } : {};
  try {
    if (!(await context.allow(asked.team, user))) {
      // A refusal goes to the user alone, not to the thread.
      await client.chat.postEphemeral({ channel, user, ...thread, text: notices[locale].rateLimited });
      context.limited(surface, kind, eventId, started);
      return;
    }
    // A thread, or the direct message: what it was about decides which statement "para 3" means.
    const conversation = `${asked.team}:${channel}:${asked.threadTs ?? ''}`;
    const about = await context.conversations.recall(conversation);
    const reply = answer(stripSlackMarkup(asked.text), context.knowledge(), {
      ...(located ? { locale: located } : {}),
      ...(about ? { conversation: about } : {}),
      limit: 3,
    });
    const compact: MessageOptions = {
      compact: { command: reply.language === 'fr' ? '/citation' : '/quote' },
    };
    await postReply(context.poster(workspace), { channel, ...thread, ...toMessage(reply, compact) });
    const answered = statementOfReply(reply);
    if (answered) await context.conversations.remember(conversation, answered);
    context.timed(surface, kind, eventId, started, reply);
  } catch (error) {
    context.failed(surface, `[${eventId ?? '-'}] ${kind} failed`, error);
    await client.chat
      .postEphemeral({
        channel,
        user,
        ...thread,
        text: error instanceof UnconfirmedPostError ? notices[locale].unconfirmed : notices[locale].failure,
      })
      .catch((failure: unknown) =>
        context.log.error(`[${eventId ?? '-'}] chat.postEphemeral failed: ${errorCode(failure)}`),
      );
  }
}
