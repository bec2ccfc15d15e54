import { webApi } from '@slack/bolt';
import type { Language } from '../core/corpus.ts';

export interface LocaleOptions {
  /** How long an answer waits for a user's locale before it goes on in the fallback language. */
  budgetMs: number;
  /** How long a locale is remembered. */
  ttlMs: number;
  /** How long a failed lookup is remembered (not retried on every message). */
  failureTtlMs: number;
  /** Users remembered at most. */
  maxEntries: number;
}

export const defaultLocaleOptions: LocaleOptions = {
  budgetMs: 500,
  ttlMs: 60 * 60 * 1000,
  failureTtlMs: 5 * 60 * 1000,
  maxEntries: 50_000,
};

/**
 * The users' Slack languages, looked up with `users.info` on a client of their own (no
 * retries, a rate limit refused rather than waited out, a short timeout), so that a slow
 * or failing lookup never delays a reply: an answer waits at most `budgetMs`, then goes
 * on in the fallback language while the lookup finishes for next time.
 */
export function createLocaleCache(
  clientOptions: webApi.WebClientOptions,
  log: (message: string) => void,
  partial: Partial<LocaleOptions> = {},
) {
  const options = { ...defaultLocaleOptions, ...partial };
  // One client per workspace token (a few; bounded all the same).
  const clients = new Map<string, webApi.WebClient>();
  const clientFor = (token: string) => {
    let client = clients.get(token);
    if (!client) {
      if (clients.size >= 1000) clients.clear();
      client = new webApi.WebClient(token, {
        ...clientOptions,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        timeout: Math.max(options.budgetMs * 4, 1000),
      });
      clients.set(token, client);
    }
    return client;
  };
  const known = new Map<string, { language: Language | undefined; expires: number }>();
  const pending = new Map<string, Promise<Language | undefined>>();

  /** Users are remembered per workspace: a user id means something only within its workspace. */
  const lookup = (key: string, user: string, token: string): Promise<Language | undefined> => {
    const inFlight = pending.get(key);
    if (inFlight) return inFlight;
    const client = clientFor(token);
    const info = client.users.info({ user, include_locale: true });
    const request = info
      .then(
        (info) => {
          const locale = info.user?.locale?.toLowerCase() ?? '';
          const language: Language | undefined = locale.startsWith('fr')
            ? 'fr'
            : locale.startsWith('en')
              ? 'en'
              : undefined;
          remember(key, language, options.ttlMs);
          return language;
        },
        (error: unknown) => {
          log(
            `users.info failed (${(error as { code?: string })?.code ?? 'error'}): the fallback language is used for ${Math.round(options.failureTtlMs / 60_000)} min`,
          );
          remember(key, undefined, options.failureTtlMs);
          return undefined;
        },
      )
      .finally(() => pending.delete(key));
    pending.set(key, request);
    return request;
  };

  const remember = (user: string, language: Language | undefined, ttl: number) => {
    if (known.size >= options.maxEntries) known.clear();
    known.set(user, { language, expires: Date.now() + ttl });
  };

  return {
    /** The user's language if known within the budget; undefined means "use the fallback". */
    async languageOf(
      user: string | undefined,
      workspace: { team: string; token: string | undefined },
    ): Promise<Language | undefined> {
      if (!user || !workspace.token) return undefined;
      const key = `${workspace.team}:${user}`;
      const cached = known.get(key);
      if (cached && cached.expires > Date.now()) return cached.language;
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), options.budgetMs);
      });
      try {
        return await Promise.race([lookup(key, user, workspace.token), late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

export type LocaleCache = ReturnType<typeof createLocaleCache>;
