import type { App } from '@slack/bolt';
import { answerRelated } from '../../core/answer.ts';
import type { Language } from '../../core/corpus.ts';
import { toMessage } from '../blocks.ts';
import { stripSlackMarkup } from '../escape.ts';
import { notices } from '../notices.ts';
import { type ListenerContext, pageSize, stateFor, workspaceOf } from './context.ts';
import { type Guarded, guard } from './guard.ts';
import { respondPrivately } from './respond.ts';

/** The message shortcuts, in English and French. */
export const shortcuts = ['find_related_quotes', 'trouver_des_citations'] as const;

/** Find related quotes / Trouver des citations: the passages related to a message, privately. */
export function registerShortcuts(app: App, context: ListenerContext) {
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
      // Answers through the response_url; when it is missing or expired, as a private message in the channel.
      const channel = 'channel' in shortcut ? shortcut.channel?.id : undefined;
      const origin = { respond, client, log: context.log, id, channel, user: shortcut.user.id };
      const answerPrivately = respondPrivately(
        origin,
        'response_url' in shortcut ? shortcut.response_url : undefined,
      );
      const request: Guarded = {
        surface: 'shortcut',
        id,
        what: 'message shortcut',
        started,
        limit: {
          team: workspace.team,
          user: shortcut.user.id,
          refuse: () => answerPrivately({ text: notices[locale].rateLimited }),
        },
        fail: () => answerPrivately({ text: notices[locale].failure }).catch(() => undefined),
      };
      await guard(context, request, async () => {
        const text = 'message' in shortcut ? stripSlackMarkup(shortcut.message.text ?? '') : '';
        const reply = answerRelated(text, context.knowledge(), {
          ...(iface ? { interface: iface } : {}),
          ...(located ? { locale: located } : {}),
          limit: pageSize,
        });
        await answerPrivately(toMessage(reply, { state: stateFor(text, reply, locale, 'related') }));
        return reply;
      });
    },
  );
}
