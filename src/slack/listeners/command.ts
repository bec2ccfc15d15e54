import type { App } from '@slack/bolt';
import { answer } from '../../core/answer.ts';
import type { Language } from '../../core/corpus.ts';
import { statementOfReply } from '../../core/reply.ts';
import { toMessage } from '../blocks.ts';
import { stripSlackMarkup } from '../escape.ts';
import { notices } from '../notices.ts';
import { type ListenerContext, pageSize, stateFor } from './context.ts';

/** /quote and /citation: the answer travels in the acknowledgement itself. */
export function registerCommands(app: App, context: ListenerContext) {
  app.command(/.*/, async ({ command, ack }) => {
    const started = performance.now();
    const iface: Language = /citation/i.test(command.command) ? 'fr' : 'en';
    try {
      if (!(await context.allow(command.team_id ?? '-', command.user_id))) {
        await ack({ response_type: 'ephemeral', text: notices[iface].rateLimited });
        context.limited('command', `command ${command.command}`, command.trigger_id, started);
        return;
      }
      const text = stripSlackMarkup(command.text ?? '');
      // In a direct message with the app, what the last answer there was about decides which
      // statement "para 3" means; in a channel, the newest does, saying so.
      const direct = command.channel_id?.startsWith('D') === true;
      const conversation = `${command.team_id ?? '-'}:${command.channel_id}:`;
      const about = direct ? await context.conversations.recall(conversation) : undefined;
      const reply = answer(text, context.knowledge(), {
        interface: iface,
        limit: pageSize,
        ...(about ? { conversation: about } : {}),
      });

      await ack({
        response_type: 'ephemeral',
        ...toMessage(reply, { state: stateFor(text, reply, iface, 'command') }),
      });
      context.timed('command', `command ${command.command}`, command.trigger_id, started, reply);
      const answered = direct ? statementOfReply(reply) : undefined;
      if (answered) await context.conversations.remember(conversation, answered);
    } catch (error) {
      context.failed('command', `[${command.trigger_id}] command ${command.command} failed`, error);
      await ack({ response_type: 'ephemeral', text: notices[iface].failure });
    }
  });
}
