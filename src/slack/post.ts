import { webApi } from '@slack/bolt';
import { slackErrorOf } from './start-auth.ts';

/** The outcome of posting a reply: posted, refused, or unknown (the request may have reached Slack). */
export class UnconfirmedPostError extends Error {
  override readonly name = 'UnconfirmedPostError';
}

export interface PostOptions {
  /** Attempts in all, the first included. */
  attempts: number;
  /** Longest wait honoured from a Retry-After header, in seconds. */
  maxRetryAfterSeconds: number;
  sleep: (ms: number) => Promise<void>;
}

const defaults: PostOptions = {
  attempts: 3,
  maxRetryAfterSeconds: 30,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * A WebClient for posting replies that never retries by itself, so that `postReply`
 * decides: a message must appear once, and a request that timed out may have been posted.
 */
export const replyClient = (token: string, options: webApi.WebClientOptions): webApi.WebClient =>
  new webApi.WebClient(token, { ...options, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });

/**
 * Posts a message at most once. Retries only what Slack says it did not do: a 429 after its
 * Retry-After, a 5xx after a short pause, a bounded number of times. A timeout or a network
 * error is not retried (the message may be there already): it throws UnconfirmedPostError.
 */
export async function postReply(
  client: webApi.WebClient,
  args: webApi.ChatPostMessageArguments,
  partial: Partial<PostOptions> = {},
): Promise<void> {
  const options = { ...defaults, ...partial };
  for (let attempt = 1; ; attempt++) {
    try {
      await client.chat.postMessage(args);
      return;
    } catch (error) {
      const coded = error as { code?: string; retryAfter?: number; statusCode?: number };
      const last = attempt >= options.attempts;
      if (coded.code === 'slack_webapi_rate_limited_error' && !last) {
        await options.sleep(Math.min(coded.retryAfter ?? 1, options.maxRetryAfterSeconds) * 1000);
        continue;
      }
      if (coded.code === 'slack_webapi_http_error' && (coded.statusCode ?? 0) >= 500 && !last) {
        await options.sleep(250 * attempt);
        continue;
      }
      if (coded.code === 'slack_webapi_request_error')
        throw new UnconfirmedPostError('the post was not confirmed');
      // An answer Slack's client could not read (not JSON): the message may have been posted.
      const said = slackErrorOf(error);
      if (coded.code === 'slack_webapi_platform_error' && !(said && /^[a-z0-9_]+$/.test(said)))
        throw new UnconfirmedPostError('the answer to the post could not be read');
      throw error;
    }
  }
}
