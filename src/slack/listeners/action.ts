import type { App } from '@slack/bolt';
import { toMessage } from '../blocks.ts';
import { notices } from '../notices.ts';
import { decodeState } from '../state.ts';
import { teamOf } from '../team.ts';
import { answerAgain, type ListenerContext } from './context.ts';
import { type Guarded, guard } from './guard.ts';
import { respondOrTellExpired } from './respond.ts';

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
      context.log.warn(`[${id ?? '-'}] action ${actionId} without a user ignored`);
      return;
    }
    // Answers in place; when the response_url has expired, says so privately instead.
    const origin = { respond, client, log: context.log, id, channel: body.channel?.id, user: userId };
    const reply = respondOrTellExpired(origin, notices[language].expired);
    const privately = (text: string) => reply({ response_type: 'ephemeral', replace_original: false, text });
    // A button of a version that carried other state: nothing to answer again.
    if (!state) {
      await privately(notices.en.failure);
      return;
    }
    const request: Guarded = {
      surface: 'action',
      id,
      what: `action ${actionId}`,
      started,
      limit: { team: teamOf(body), user: userId, refuse: () => privately(notices[language].rateLimited) },
      fail: () => privately(notices[language].failure),
    };
    await guard(context, request, async () => {
      const answered = answerAgain(state, context.knowledge());
      const shared = actionId === 'share_in_channel';
      await reply({
        response_type: shared ? 'in_channel' : 'ephemeral',
        replace_original: !shared,
        ...toMessage(answered, shared ? { sharedBy: userId } : { state }),
      });
      return answered;
    });
  });
}
