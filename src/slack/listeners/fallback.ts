import type { App } from '@slack/bolt';
import { modalIds } from '../archive/modals.ts';
import { reviewActions } from '../archive/review-message.ts';
import { openAddAction } from '../home.ts';
import { errorCode } from '../logger.ts';
import { notices } from '../notices.ts';
import { unfurlActions } from '../unfurl.ts';
import { answerActions } from './action.ts';
import { type ListenerContext, workspaceOf } from './context.ts';
import { shortcuts } from './shortcut.ts';
import { notesActions } from './speaking-notes.ts';

const noneOf = (ids: readonly string[]) => new RegExp(`^(?!(?:${ids.join('|')})$)`);

/**
 * What no other listener handles (a button or shortcut of an older version, a stray
 * view) is acknowledged at once and answered with a short private note; the last
 * resort logs what failed, by its code.
 */
export function registerFallbacks(app: App, context: ListenerContext) {
  const { log } = context;
  app.action(
    noneOf([
      ...answerActions,
      ...notesActions,
      openAddAction,
      ...Object.values(reviewActions),
      ...Object.values(unfurlActions),
    ]),
    async ({ ack, body, action, respond, client, context: bolt }) => {
      await ack();
      const id = 'trigger_id' in body ? body.trigger_id : undefined;
      log.warn(
        `[${id ?? '-'}] unknown action ${'action_id' in action ? action.action_id : '?'} answered as outdated`,
      );
      if (!body.user?.id) return;
      const language = (await context.userLanguage(body.user.id, workspaceOf(body, bolt, client))) ?? 'en';
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: notices[language].outdated,
      }).catch((error: unknown) => log.warn(`[${id ?? '-'}] response_url failed: ${errorCode(error)}`));
    },
  );
  app.shortcut(noneOf(shortcuts), async ({ ack, shortcut, respond, body, client, context: bolt }) => {
    await ack();
    log.warn(`[${shortcut.trigger_id}] unknown shortcut ${shortcut.callback_id} answered as outdated`);
    const language = (await context.userLanguage(shortcut.user?.id, workspaceOf(body, bolt, client))) ?? 'en';
    if ('response_url' in shortcut && shortcut.response_url)
      await respond({ response_type: 'ephemeral', text: notices[language].outdated }).catch(
        (error: unknown) => log.warn(`[${shortcut.trigger_id}] response_url failed: ${errorCode(error)}`),
      );
  });
  app.view(noneOf(Object.values(modalIds)), async ({ ack, view }) => {
    await ack();
    log.warn(`view ${view.callback_id || '(no callback id)'} submitted but not expected: closed`);
  });
  app.error(async (error) => {
    log.error(`unhandled error: ${errorCode(error)}`);
  });
}
