import type { Logger, RespondFn, webApi } from '@slack/bolt';
import type { SlackMessage } from '../blocks.ts';
import { errorCode } from '../logger.ts';

/** Where a request came from, to answer it privately when its response_url cannot be used. */
export interface Origin {
  respond: RespondFn;
  client: webApi.WebClient;
  log: Logger;
  /** The request's trigger id, for the log. */
  id: string | undefined;
  channel: string | undefined;
  user: string;
}

type Message = Exclude<Parameters<RespondFn>[0], string>;

/** Logs a Web API call that failed by its code: a notice that cannot be sent fails nothing else. */
export const logFailure = (log: Logger, id: string | undefined, method: string) => (failure: unknown) =>
  log.error(`[${id ?? '-'}] ${method} failed: ${errorCode(failure)}`);

/**
 * Answers through the response_url (in place, or in the channel); when it has expired,
 * tells the user so privately instead. Never throws: what fails is logged.
 */
export const respondOrTellExpired =
  (origin: Origin, expired: string) =>
  async (message: Message): Promise<void> => {
    const { log, id, channel, user } = origin;
    try {
      await origin.respond(message);
    } catch (error) {
      log.warn(`[${id ?? '-'}] response_url failed (${errorCode(error)}): telling the user`);
      if (!channel) return;
      await origin.client.chat
        .postEphemeral({ channel, user, text: expired })
        .catch(logFailure(log, id, 'chat.postEphemeral'));
    }
  };

/**
 * Answers privately through the response_url; when there is none or it has expired, as a
 * private message in the channel. Throws when neither can be used.
 */
export const respondPrivately =
  (origin: Origin, responseUrl: string | undefined) =>
  async (message: { text: string; blocks?: SlackMessage['blocks'] }): Promise<void> => {
    const { log, id, channel, user } = origin;
    try {
      if (!responseUrl) throw new Error('no response_url');
      await origin.respond({ response_type: 'ephemeral', ...message });
    } catch (error) {
      log.warn(`[${id ?? '-'}] response_url failed (${errorCode(error)}): answering privately`);
      if (!channel) throw error;
      await origin.client.chat.postEphemeral({ channel, user, ...message });
    }
  };
