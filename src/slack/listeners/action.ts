import type { App, webApi } from '@slack/bolt';
import type { Language } from '../../core/corpus.ts';
import type { Reply } from '../../core/reply.ts';
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
  'post_to_channel',
] as const;

/** What an answer's button press gives its handler, once the press is checked and guarded. */
export interface AnswerPress<S> {
  state: S;
  actionId: string;
  userId: string;
  language: Language;
  client: webApi.WebClient;
  /** Answers through the response_url (in place, or privately); says so when it has expired. */
  reply: ReturnType<typeof respondOrTellExpired>;
  privately: (text: string) => Promise<unknown>;
}

/**
 * A button under an answer: acknowledged at once, its state read back (a button of another
 * version is told so), rate limited and guarded, then `run` answers again from that state.
 */
export function onAnswerAction<S extends { i: Language }>(
  app: App,
  context: ListenerContext,
  actionIds: readonly string[],
  decode: (value: string | undefined) => S | undefined,
  run: (press: AnswerPress<S>) => Promise<Reply>,
) {
  app.action(new RegExp(`^(${actionIds.join('|')})$`), async ({ ack, action, body, respond, client }) => {
    await ack();
    const started = performance.now();
    const state = decode('value' in action ? action.value : undefined);
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
    await guard(context, request, () => run({ state, actionId, userId, language, client, reply, privately }));
  });
}

/** Swap language, share in channel, more results, post to the panel's channel: answered again from the state the button carries. */
export function registerAnswerActions(app: App, context: ListenerContext) {
  onAnswerAction(
    app,
    context,
    answerActions,
    decodeState,
    async ({ state, actionId, userId, language, client, reply, privately }) => {
      const answered = answerAgain(state, context.knowledge());
      // From the side panel: the answer goes to the channel beside it, where others see it.
      if (actionId === 'post_to_channel' && state.c) {
        const posted = await client.chat
          .postMessage({ channel: state.c, ...toMessage(answered, { sharedBy: userId }) })
          .then(
            () => true,
            (error: unknown) => {
              const code = (error as { data?: { error?: string } }).data?.error;
              if (code === 'not_in_channel' || code === 'channel_not_found' || code === 'is_archived')
                return false;
              throw error;
            },
          );
        await privately(
          posted ? notices[language].postedTo(state.c) : notices[language].notInChannel(state.c),
        );
        return answered;
      }
      const shared = actionId === 'share_in_channel';
      await reply({
        response_type: shared ? 'in_channel' : 'ephemeral',
        replace_original: !shared,
        // A panel's answer keeps Post to the channel beside it (its state carries that channel).
        ...toMessage(
          answered,
          shared ? { sharedBy: userId } : { state, ...(state.c ? { panel: true } : {}) },
        ),
      });
      return answered;
    },
  );
}
