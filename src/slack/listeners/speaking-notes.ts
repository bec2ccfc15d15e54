import type { App } from '@slack/bolt';
import { notedQuotes, toSpeakingNotes } from '../../core/replies/speaking-notes.ts';
import { toNotesMessage } from '../blocks.ts';
import { notices } from '../notices.ts';
import { decodeNotesState } from '../state.ts';
import { onAnswerAction } from './action.ts';
import { answerAgain, type ListenerContext } from './context.ts';

/** The Speaking notes buttons under each quote: the quote and its citation, or with its counterpart too. */
export const notesActions = ['speaking_notes', 'speaking_notes_counterpart'] as const;

/**
 * Speaking notes: the answer is answered again from the state the button carries, its quote
 * found by paragraph, and given as plain text in a new private message (the answer stays).
 * A quote no longer in the answer (the data changed since) is not guessed at: the user is
 * asked to run the command again.
 */
export function registerSpeakingNotes(app: App, context: ListenerContext) {
  onAnswerAction(
    app,
    context,
    notesActions,
    decodeNotesState,
    async ({ state, actionId, language, reply, privately }) => {
      const answered = answerAgain(state, context.knowledge());
      const noted = notedQuotes(answered).find((quote) => quote.paragraph === state.p);
      if (!noted) {
        await privately(notices[language].expired);
        return answered;
      }
      const notes = toSpeakingNotes(noted, answered.language, actionId === 'speaking_notes_counterpart');
      await reply({ response_type: 'ephemeral', replace_original: false, ...toNotesMessage(notes) });
      return answered;
    },
  );
}
