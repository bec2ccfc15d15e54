import type { App } from '@slack/bolt';
import { answer } from '../../core/answer.ts';
import type { Language } from '../../core/corpus.ts';
import { statementOfReply } from '../../core/reply.ts';
import { toMessage } from '../blocks.ts';
import { stripSlackMarkup } from '../escape.ts';
import { notices } from '../notices.ts';
import { type ListenerContext, pageSize, stateFor } from './context.ts';
import { type Guarded, guard } from './guard.ts';

/** /quote and /citation: the answer travels in the acknowledgement itself. */
export function registerCommands(app: App, context: ListenerContext) {
  app.command(/.*/, async ({ command, ack }) => {
    const started = performance.now();
    const iface: Language = /citation/i.test(command.command) ? 'fr' : 'en';
    const team = command.team_id ?? '-';
    const say = (text: string) => ack({ response_type: 'ephemeral', text });
    const request: Guarded = {
      surface: 'command',
      id: command.trigger_id,
      what: `command ${command.command}`,
      started,
      limit: { team, user: command.user_id, refuse: () => say(notices[iface].rateLimited) },
      fail: () => say(notices[iface].failure),
    };
    await guard(context, request, async () => {
      const text = stripSlackMarkup(command.text ?? '');
      // In a direct message with the app, what the last answer there was about decides which
      // statement "para 3" means; in a channel, the newest does, saying so.
      const direct = command.channel_id?.startsWith('D') === true;
      const conversation = `${team}:${command.channel_id}:`;
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
      // Remembered once the answer is logged: its latency is what the user waited.
      const answered = direct ? statementOfReply(reply) : undefined;
      const afterwards = async () => {
        if (answered) await context.conversations.remember(conversation, answered);
      };
      return { reply, afterwards };
    });
  });
}
