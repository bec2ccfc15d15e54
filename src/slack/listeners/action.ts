import type { App } from '@slack/bolt';
import { answer, answerRelated } from '../../core/answer.ts';
import type { Reply } from '../../core/reply.ts';
import { toMessage } from '../blocks.ts';
import { errorCode } from '../logger.ts';
import { notices } from '../notices.ts';
import { type ButtonState, decodeState } from '../state.ts';
import { teamOf } from '../team.ts';
import type { ListenerContext } from './context.ts';

/** The buttons under an answer. */
export const answerActions = [
  'swap_language',
  'share_in_channel',
  'more_results',
  'show_paragraph',
  'show_history',
] as const;

/** Swap language, share in channel, more results: answered again from the state the button carries. */
export function registerAnswerActions(app: App, context: ListenerContext) {
  const { log } = context;
  const rerun = (state: ButtonState): Reply => {
    // The language shown travels as state, never as text added to the query.
    const settings = { chosen: state.l, interface: state.i, offset: state.o, limit: state.n };
    return state.m === 'related'
      ? answerRelated(state.t, context.knowledge(), settings)
      : answer(state.t, context.knowledge(), settings);
  };

  app.action(new RegExp(`^(${answerActions.join('|')})$`), async ({ ack, action, body, respond, client }) => {
    await ack();
    const started = performance.now();
    const state = decodeState('value' in action ? action.value : undefined);
    const actionId = 'action_id' in action ? action.action_id : 'unknown';
    const id = 'trigger_id' in body ? body.trigger_id : undefined;
    const language = state?.i ?? 'en';
    // A payload without a user cannot be answered or rate limited: acknowledged, logged, dropped.
    const userId: string | undefined = body.user?.id;
    if (!userId) {
      log.warn(`[${id ?? '-'}] action ${actionId} without a user ignored`);
      return;
    }
    /** Answers in place; when the response_url has expired, says so privately instead. */
    const reply = async (message: Parameters<typeof respond>[0]) => {
      try {
        await respond(message);
      } catch (error) {
        log.warn(`[${id ?? '-'}] response_url failed (${errorCode(error)}): telling the user`);
        const channel = body.channel?.id;
        if (channel) {
          await client.chat
            .postEphemeral({ channel, user: userId, text: notices[language].expired })
            .catch((failure: unknown) =>
              log.error(`[${id ?? '-'}] chat.postEphemeral failed: ${errorCode(failure)}`),
            );
        }
      }
    };
    try {
      if (!state) {
        await reply({ response_type: 'ephemeral', replace_original: false, text: notices.en.failure });
        return;
      }
      if (!(await context.allow(teamOf(body), userId))) {
        await reply({
          response_type: 'ephemeral',
          replace_original: false,
          text: notices[language].rateLimited,
        });
        context.limited('action', `action ${actionId}`, id, started);
        return;
      }
      const answered = rerun(state);
      if (actionId === 'share_in_channel') {
        await reply({
          response_type: 'in_channel',
          replace_original: false,
          ...toMessage(answered, { sharedBy: userId }),
        });
      } else {
        await reply({
          response_type: 'ephemeral',
          replace_original: true,
          ...toMessage(answered, { state }),
        });
      }
      context.timed('action', `action ${actionId}`, id, started, answered);
    } catch (error) {
      context.failed('action', `[${id ?? '-'}] action ${actionId} failed`, error);
      await reply({ response_type: 'ephemeral', replace_original: false, text: notices[language].failure });
    }
  });
}
