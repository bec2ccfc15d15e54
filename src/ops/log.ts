import { inspect } from 'node:util';
import type { Logger as BoltLogger } from '@slack/bolt';
import { LogLevel } from '@slack/bolt';
import { type DestinationStream, type Logger, pino } from 'pino';

/**
 * Removes what must never reach a log: tokens, Socket Mode tickets, response URLs (each
 * lets anyone answer in a user's name for 30 minutes), request signatures, and what an
 * OAuth install carries (its code, its state, the client secret).
 * @example redact('token=xoxb-123-abc') // => 'token=xoxb-[redacted]'
 */
export function redact(text: string): string {
  return text
    .replace(/\b(xox[a-z]|xapp)-[A-Za-z0-9-]+/g, '$1-[redacted]')
    .replace(/([?&](?:ticket|app_id|token|code|state|client_secret)=)[^&\s"'\\]+/gi, '$1[redacted]')
    .replace(/((?:client_secret|slack-app-oauth-state)["']?\s*[:=]\s*["']?)[^\s"'&,;}]+/gi, '$1[redacted]')
    .replace(/(https?(?::|%3A)(?:\/|%2F){2}hooks\.slack\.com)[^\s"'\\,&]*/gi, '$1/[redacted]')
    .replace(/(response_url["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, '$1[redacted]')
    .replace(/v0=[0-9a-f]{16,}/gi, 'v0=[redacted]');
}

export type LogLevelName = 'debug' | 'info' | 'warn' | 'error';
export type LogFormat = 'json' | 'pretty';

/** The process's one logger: pino, so that fields stay fields. */
export type Log = Logger;

export interface LogOptions {
  level: LogLevelName;
  /** JSON lines (production, collectors) or readable lines (a person at a terminal). */
  format: LogFormat;
  /** Where lines go (default: standard error, the one stream of every log line). */
  write?: (line: string) => void;
}

/** Field names whose values are secrets wherever they appear in a log line's fields. */
const secretFields = [
  'token',
  'botToken',
  'appToken',
  'clientSecret',
  'client_secret',
  'signingSecret',
  'response_url',
  'responseUrl',
  'authorization',
  'password',
  'databaseUrl',
  'redisUrl',
];

/**
 * The process's logger: JSON lines with `time`, `level` and `msg` (and a request's `req`
 * id when it has one) or, for a terminal, one readable line each; every string redacted.
 * @example createLog({ level: 'info', format: 'json' }).info({ req: 'Ev1' }, 'answered')
 */
export function createLog(options: LogOptions): Log {
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const destination: DestinationStream = {
    write: options.format === 'json' ? write : (line: string) => write(readableLine(line)),
  };
  return pino(
    {
      level: options.level,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [...secretFields, ...secretFields.map((field) => `*.${field}`)],
        censor: '[redacted]',
      },
      hooks: {
        logMethod(args, method) {
          method.apply(
            this,
            args.map((arg) => (typeof arg === 'string' ? redact(arg) : arg)) as Parameters<typeof method>,
          );
        },
      },
    },
    destination,
  );
}

/** The format when LOG_FORMAT does not say: readable on a terminal, JSON lines otherwise. */
export const defaultLogFormat = (isTerminal: boolean | undefined): LogFormat =>
  isTerminal ? 'pretty' : 'json';

/** One JSON line as a person reads it: `17:40:02 INFO  message  req=… ms=…`. */
export function readableLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return json;
  }
  const { time, level, msg, ...fields } = entry;
  const clock = typeof time === 'string' ? time.slice(11, 19) : '';
  const extra = Object.entries(fields)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  return `${clock} ${String(level).toUpperCase().padEnd(5)} ${String(msg ?? '')}${extra ? `  ${extra}` : ''}\n`;
}

const boltLevels: Record<LogLevelName, LogLevel> = {
  debug: LogLevel.DEBUG,
  info: LogLevel.INFO,
  warn: LogLevel.WARN,
  error: LogLevel.ERROR,
};

/**
 * A log message as text, on one line: strings as they are, an error as its name, code and
 * first line (never its stack: a failed OAuth redirect is one line, not twelve), anything
 * else inspected.
 */
export const asText = (value: unknown): string => {
  if (typeof value === 'string') return value;
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    const first = value.message.split('\n')[0];
    return `${value.name}${typeof code === 'string' ? ` (${code})` : ''}${first ? `: ${first}` : ''}`;
  }
  return inspect(value, { depth: 4, breakLength: Number.POSITIVE_INFINITY });
};

/** True for a plain object given first to a log call: the line's fields. */
export const isFields = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

/**
 * Bolt's logger interface over the process's logger, so that Bolt, its clients and our
 * listeners write the same lines. A plain object first is kept as the line's fields.
 */
export function boltLogger(log: Log): BoltLogger {
  const at =
    (level: LogLevelName) =>
    (...messages: unknown[]) => {
      const [first, ...rest] = messages;
      if (isFields(first) && rest.length > 0) log[level](first, rest.map(asText).join(' '));
      else log[level](messages.map(asText).join(' '));
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    setLevel: (level) => {
      const name = (Object.keys(boltLevels) as LogLevelName[]).find((key) => boltLevels[key] === level);
      if (name) log.level = name;
    },
    getLevel: () => boltLevels[log.level as LogLevelName] ?? LogLevel.INFO,
    setName: () => undefined,
  };
}
