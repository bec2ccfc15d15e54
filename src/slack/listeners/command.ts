import type { App } from '@slack/bolt';
import { answer } from '../../core/answer.ts';
import type { Language } from '../../core/corpus.ts';
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
      const reply = answer(text, context.knowledge(), { interface: iface, limit: pageSize });
      await ack({
        response_type: 'ephemeral',
        ...toMessage(reply, { state: stateFor(text, reply, iface, 'command') }),
      });
      context.timed('command', `command ${command.command}`, command.trigger_id, started, reply);
    } catch (error) {
      context.failed('command', `[${command.trigger_id}] command ${command.command} failed`, error);
      await ack({ response_type: 'ephemeral', text: notices[iface].failure });
    }
  });
}
