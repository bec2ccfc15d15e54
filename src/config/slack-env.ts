import { z } from 'zod';
import { ConfigError } from '../core/errors.ts';
import { type DataConfig, parseDataEnv } from './data-env.ts';

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    schema.optional(),
  );

const portProblem = 'must be a port number from 0 to 65535, such as 3000';
const portNumber = z.coerce
  .number({ error: portProblem })
  .int({ error: portProblem })
  .min(0, portProblem)
  .max(65_535, portProblem);

/**
 * Where links unfurl unless UNFURL_DOMAINS says otherwise (their subdomains too): Global
 * Affairs Canada's statements (international.gc.ca, the missions to the UN included), the
 * Government of Canada's news (canada.ca), the Prime Minister's (pm.gc.ca), the UN's sites
 * (un.org: press.un.org, www.un.org, news.un.org…) and its official documents, the verbatim
 * records of meetings among them (undocs.org). Slack takes five at most; manifest.yml lists
 * the same (a test keeps them in step).
 */
export const defaultUnfurlDomains: readonly string[] = [
  'international.gc.ca',
  'canada.ca',
  'pm.gc.ca',
  'un.org',
  'undocs.org',
];

/** A domain as Slack's manifest schema accepts one in `features.unfurl_domains`. */
const unfurlDomain = /^(?![.-])[-a-z0-9.]+[a-z0-9]$/;

/** The Slack app's environment. Empty values count as unset. */
export const SlackEnv = z.object({
  SLACK_BOT_TOKEN: optional(
    z.string().regex(/^xoxb-/, 'must be the bot token that starts with xoxb- (OAuth & Permissions page)'),
  ),
  SLACK_APP_TOKEN: optional(
    z.string().regex(/^xapp-/, 'must be an app-level token that starts with xapp- (Basic Information page)'),
  ),
  SLACK_SIGNING_SECRET: optional(
    z.string().min(8, 'looks too short: copy the Signing Secret from Basic Information'),
  ),
  SLACK_CLIENT_ID: optional(
    z
      .string()
      .regex(/^\d+\.\d+$/, 'must be the Client ID from Basic Information → App Credentials, such as 123.456'),
  ),
  SLACK_CLIENT_SECRET: optional(
    z.string().min(16, 'looks too short: copy the Client Secret from Basic Information → App Credentials'),
  ),
  SLACK_STATE_SECRET: optional(
    z.string().min(16, 'must be a random string of at least 16 characters (it signs the OAuth state)'),
  ),
  PORT: optional(portNumber).transform((port) => port ?? 3000),
  HEALTH_PORT: optional(portNumber),
  SLACK_API_URL: optional(
    z.url({ protocol: /^https?$/, error: 'must be a URL such as https://slack.com/api/' }),
  ),
  LOG_LEVEL: optional(
    z.enum(['debug', 'info', 'warn', 'error'], { error: 'must be debug, info, warn or error' }),
  ).transform((level) => level ?? 'info'),
  LOG_FORMAT: optional(z.enum(['json', 'pretty'], { error: 'must be json or pretty' })),
  DATA_DIR: optional(z.string()).transform((dir) => dir ?? 'data'),
  STATE_DIR: optional(z.string()).transform((dir) => dir ?? 'var'),
  RATE_LIMIT_PER_MINUTE: optional(
    z.coerce
      .number({ error: 'must be a whole number of requests per minute, such as 20' })
      .int()
      .min(1)
      .max(10_000),
  ).transform((limit) => limit ?? 20),
  REDIS_URL: optional(
    z.string().regex(/^rediss?:\/\//, 'must be a Redis URL such as redis://redis:6379 (rediss:// for TLS)'),
  ),
  DATABASE_URL: optional(
    z
      .string()
      .regex(
        /^postgres(ql)?:\/\//,
        'must be a PostgreSQL URL such as postgres://user:password@host:5432/quotes',
      ),
  ),
  ARCHIVE_EDITORS: optional(
    z
      .string()
      .transform((list) => list.split(/[\s,]+/).filter(Boolean))
      .pipe(
        z
          .array(
            z
              .string()
              .regex(
                /^[UWS][A-Z0-9]{2,}$/,
                'must list Slack user ids (U… or W…) and user-group ids (S…), separated by commas, such as U012ABCDEF,S0EDITORS',
              ),
          )
          .max(1000),
      ),
  ).transform((ids) => ids ?? []),
  UNFURL_DOMAINS: optional(
    z
      .string()
      .transform((list) => [
        ...new Set(
          list
            .toLowerCase()
            .split(/[\s,]+/)
            .filter(Boolean),
        ),
      ])
      .pipe(
        z
          .array(
            z
              .string()
              .max(255)
              .regex(
                unfurlDomain,
                'must list domains such as un.org or international.gc.ca, separated by commas (no https:// and no path)',
              ),
          )
          .min(1, 'must list at least one domain, such as un.org')
          .max(
            5,
            'must list at most five domains: Slack unfurls the links of five domains per app (features.unfurl_domains in manifest.yml)',
          ),
      ),
  ).transform((domains) => domains ?? [...defaultUnfurlDomains]),
});

const isSet = (value: string | undefined) => value !== undefined && value.trim() !== '';

/** Problems no single field shows: what is required, and what is required together. */
const oauthVariables = ['SLACK_CLIENT_ID', 'SLACK_CLIENT_SECRET', 'SLACK_STATE_SECRET'] as const;

function missingVariables(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const oauth = oauthVariables.filter((name) => isSet(env[name]));
  if (oauth.length > 0) {
    // Many workspaces: installed through OAuth, each with its own token, over HTTP.
    for (const name of oauthVariables)
      if (!isSet(env[name]))
        problems.push(
          `${name} is required with ${oauth.join(' and ')}: the three OAuth variables go together`,
        );
    if (isSet(env.SLACK_APP_TOKEN))
      problems.push(
        'SLACK_APP_TOKEN must be empty with OAuth: installing in many workspaces works over HTTP',
      );
    if (isSet(env.SLACK_BOT_TOKEN))
      problems.push(
        'SLACK_BOT_TOKEN must be empty with OAuth: each workspace gets its own token when it installs the app',
      );
    if (!isSet(env.SLACK_SIGNING_SECRET))
      problems.push(
        'SLACK_SIGNING_SECRET is required with OAuth: copy the Signing Secret from Basic Information',
      );
    return problems;
  }
  if (!isSet(env.SLACK_BOT_TOKEN)) {
    problems.push(
      'SLACK_BOT_TOKEN is required: copy the Bot User OAuth Token (xoxb-…) from OAuth & Permissions',
    );
  }
  if (!isSet(env.SLACK_APP_TOKEN) && !isSet(env.SLACK_SIGNING_SECRET)) {
    problems.push(
      'SLACK_SIGNING_SECRET is required in HTTP mode: copy the Signing Secret from Basic Information, or set SLACK_APP_TOKEN for Socket Mode',
    );
  }
  return problems;
}

/** The Slack app's configuration: the data's (`DataConfig`, read as every entry point reads it) and Slack's own. */
export interface SlackConfig extends DataConfig {
  /** The one workspace's bot token; absent when workspaces install through OAuth. */
  botToken?: string;
  /** Many workspaces: installed through Slack's OAuth flow, each with its own token. */
  oauth?: { clientId: string; clientSecret: string; stateSecret: string };
  appToken?: string;
  signingSecret?: string;
  port: number;
  /** Where `/livez`, `/readyz` and `/metrics` are served: PORT unless HEALTH_PORT says otherwise (Socket Mode too). */
  healthPort: number;
  apiUrl?: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** JSON lines, or readable lines; unset: readable on a terminal, JSON otherwise. */
  logFormat?: 'json' | 'pretty';
  mode: 'socket' | 'http';
  /** Requests a user may make per minute before a polite refusal. */
  rateLimitPerMinute: number;
  /** Who may add statements from Slack: user ids, and user-group ids whose members may. None: adding is off. */
  editors: { users: string[]; groups: string[] };
  /** The domains whose links to statements of the archive unfurl (their subdomains too); five at most. */
  unfurlDomains: readonly string[];
}

/**
 * Reads the Slack configuration from an environment (tests pass their own), or throws a
 * ConfigError that names each bad variable and how to fix it, never its value.
 */
export function parseSlackEnv(env: Record<string, string | undefined>): SlackConfig {
  const result = SlackEnv.safeParse(env);
  const problems = [
    ...missingVariables(env),
    ...(result.success
      ? []
      : result.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')} ${issue.message}`)),
  ];
  if (!result.success || problems.length > 0) {
    const lines = [...new Set(problems)].map((problem) => `  ${problem}`).join('\n');
    throw new ConfigError(
      `The Slack app cannot start: fix these variables in .env (see .env.example):\n${lines}`,
    );
  }
  const value = result.data;
  // What every entry point reads about the data, read the same way here.
  const data = parseDataEnv(env);
  const config: SlackConfig = {
    port: value.PORT,
    healthPort: value.HEALTH_PORT ?? value.PORT,
    logLevel: value.LOG_LEVEL,
    dataDir: value.DATA_DIR,
    stateDir: value.STATE_DIR,
    rateLimitPerMinute: value.RATE_LIMIT_PER_MINUTE,
    editors: {
      users: value.ARCHIVE_EDITORS.filter((id) => !id.startsWith('S')),
      groups: value.ARCHIVE_EDITORS.filter((id) => id.startsWith('S')),
    },
    mode: value.SLACK_APP_TOKEN ? 'socket' : 'http',
    unfurlDomains: value.UNFURL_DOMAINS,
    maxStatementBytes: data.maxStatementBytes,
  };
  if (data.cacheDir) config.cacheDir = data.cacheDir;
  if (value.LOG_FORMAT) config.logFormat = value.LOG_FORMAT;
  if (value.SLACK_BOT_TOKEN) config.botToken = value.SLACK_BOT_TOKEN;
  if (value.SLACK_CLIENT_ID && value.SLACK_CLIENT_SECRET && value.SLACK_STATE_SECRET)
    config.oauth = {
      clientId: value.SLACK_CLIENT_ID,
      clientSecret: value.SLACK_CLIENT_SECRET,
      stateSecret: value.SLACK_STATE_SECRET,
    };
  if (value.SLACK_APP_TOKEN) config.appToken = value.SLACK_APP_TOKEN;
  if (value.REDIS_URL) config.redisUrl = value.REDIS_URL;
  if (value.DATABASE_URL) config.databaseUrl = value.DATABASE_URL;
  if (value.SLACK_SIGNING_SECRET) config.signingSecret = value.SLACK_SIGNING_SECRET;
  if (value.SLACK_API_URL)
    config.apiUrl = value.SLACK_API_URL.endsWith('/') ? value.SLACK_API_URL : `${value.SLACK_API_URL}/`;
  return config;
}
