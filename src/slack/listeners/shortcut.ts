import type { App } from '@slack/bolt';
import { answerRelated } from '../../core/answer.ts';
import type { Language } from '../../core/corpus.ts';
import { type SlackMessage, toMessage } from '../blocks.ts';
import { stripSlackMarkup } from '../escape.ts';
import { errorCode } from '../logger.ts';
import { notices } from '../notices.ts';
import { type ListenerContext, pageSize, stateFor, workspaceOf } from './context.ts';

/** The message shortcuts, in English and French. */
export const shortcuts = ['find_related_quotes', 'trouver_des_citations'] as const;

/** Find related quotes / Trouver des citations: the passages related to a message, privately. */
export function registerShortcuts(app: App, context: ListenerContext) {
  const { log } = context;
  app.shortcut(
    new RegExp(`^(${shortcuts.join('|')})$`),
    async ({ ack, shortcut, respond, client, body, context: bolt }) => {
      await ack();
      const started = performance.now();
      const id = shortcut.trigger_id;
      // The French shortcut sets the interface; the English one defers to the user's Slack language.
      const iface: Language | undefined = shortcut.callback_id === 'trouver_des_citations' ? 'fr' : undefined;
      const workspace = workspaceOf(body, bolt, client);
      const located = await context.userLanguage(shortcut.user.id, workspace);
      const locale = iface ?? located ?? 'en';
      /** Answers through the response_url; when it is missing or expired, as a private message in the channel. */
      const answerPrivately = async (message: { text: string; blocks?: SlackMessage['blocks'] }) => {
        try {
          if (!('response_url' in shortcut) || !shortcut.response_url) throw new Error('no response_url');
          await respond({ response_type: 'ephemeral', ...message });
        } catch (error) {
          log.warn(`[${id}] response_url failed (${errorCode(error)}): answering privately`);
          const channel = 'channel' in shortcut ? shortcut.channel?.id : undefined;
          if (!channel) throw error;
          await client.chat.postEphemeral({ channel, user: shortcut.user.id, ...message });
        }
      };
      try {
        if (!(await context.allow(workspace.team, shortcut.user.id))) {
          await answerPrivately({ text: notices[locale].rateLimited });
          context.limited('shortcut', 'message shortcut', id, started);
          return;
        }
        const text = 'message' in shortcut ? stripSlackMarkup(shortcut.message.text ?? '') : '';
        const reply = answerRelated(text, context.knowledge(), {
          ...(iface ? { interface: iface } : {}),
          ...(located ? { locale: located } : {}),
          limit: pageSize,
        });
        await answerPrivately(toMessage(reply, { state: stateFor(text, reply, locale, 'related') }));
        context.timed('shortcut', 'message shortcut', id, started, reply);
      } catch (error) {
        context.failed('shortcut', `[${id}] message shortcut failed`, error);
        await answerPrivately({ text: notices[locale].failure }).catch(() => undefined);
      }
    },
  );
}
