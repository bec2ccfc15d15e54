import { webApi } from '@slack/bolt';

/** Why the app could not start: Slack refused the token, or could not be reached in time. */
export class StartError extends Error {
  override readonly name = 'StartError';
  readonly code: 'refused' | 'unreachable';
  constructor(code: 'refused' | 'unreachable', message: string) {
    super(message);
    this.code = code;
  }
}

/** Web API errors that mean the token itself is wrong: retrying cannot help. */
const REFUSED = new Set([
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
  'no_permission',
  'team_access_not_granted',
  'not_allowed_token_type',
  'missing_scope',
]);

/** The error code Slack gave, when it gave one ("invalid_auth"). */
export const slackErrorOf = (error: unknown): string | undefined => {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
};

/** True when Slack says the token is not (or no longer) good: the app cannot work until it is replaced. */
export const isRefusedToken = (error: unknown) => REFUSED.has(slackErrorOf(error) ?? '');

export interface VerifyOptions {
  /** How long to keep trying through network failures and 5xx answers (default 60 s). */
  deadlineMs: number;
  /** Per-request timeout (default 5 s). */
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
  log: (message: string) => void;
}

const defaults: VerifyOptions = {
  deadlineMs: 60_000,
  timeoutMs: 5_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  log: () => undefined,
};

/**
 * Checks the bot token with `auth.test` before anything is served, with our own retries:
 * a transient failure (network, timeout, 5xx, 429) is retried with backoff until the
 * deadline; a refused token fails at once. Returns the bot's ids, which Bolt then uses
 * instead of an `auth.test` of its own (whose failed promise it would cache forever).
 */
export async function verifyBotToken(
  token: string,
  clientOptions: webApi.WebClientOptions,
  partial: Partial<VerifyOptions> = {},
): Promise<{ botId: string; botUserId: string; teamId?: string; teamName?: string }> {
  const options = { ...defaults, ...partial };
  const client = new webApi.WebClient(token, {
    ...clientOptions,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs,
  });
  const deadline = Date.now() + options.deadlineMs;
  let wait = 500;
  for (let attempt = 1; ; attempt++) {
    try {
      const result = await client.auth.test();
      if (!result.bot_id || !result.user_id)
        throw new StartError(
          'refused',
          'SLACK_BOT_TOKEN is not a bot token: use the Bot User OAuth Token (xoxb-…)',
        );
      return {
        botId: result.bot_id,
        botUserId: result.user_id,
        ...(result.team_id ? { teamId: result.team_id } : {}),
        ...(result.team ? { teamName: result.team } : {}),
      };
    } catch (error) {
      if (error instanceof StartError) throw error;
      if (isRefusedToken(error))
        throw new StartError(
          'refused',
          `Slack refused SLACK_BOT_TOKEN (${slackErrorOf(error)}): copy the Bot User OAuth Token again from OAuth & Permissions, or reinstall the app`,
        );
      const retryAfter = (error as { retryAfter?: number }).retryAfter;
      const pause = retryAfter !== undefined ? retryAfter * 1000 : wait;
      if (Date.now() + pause >= deadline)
        throw new StartError(
          'unreachable',
          `Slack could not be reached to check SLACK_BOT_TOKEN for ${Math.round(options.deadlineMs / 1000)} s (${describe(error)}): check the network${clientOptions.slackApiUrl ? ' and SLACK_API_URL' : ''}, then start again`,
        );
      options.log(
        `auth.test failed (${describe(error)}), attempt ${attempt}: retrying in ${Math.round(pause / 100) / 10} s`,
      );
      await options.sleep(pause);
      wait = Math.min(wait * 2, 10_000);
    }
  }
}

function describe(error: unknown): string {
  const coded = error as { code?: string; statusCode?: number };
  if (coded?.statusCode) return `HTTP ${coded.statusCode}`;
  return slackErrorOf(error) ?? coded?.code ?? 'error';
}
