import { inspect } from 'node:util';
import { type Logger, LogLevel } from '@slack/bolt';

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

const asText = (value: unknown) =>
  typeof value === 'string' ? value : inspect(value, { depth: 4, breakLength: Number.POSITIVE_INFINITY });

const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/** Lines to stderr as `[LEVEL] name message`, at or above the level set (what Bolt's console logger does). */
function consoleLogger(): Logger {
  let level = LogLevel.INFO;
  let name = 'quotes';
  const at =
    (lineLevel: LogLevel) =>
    (...messages: unknown[]) => {
      if (order.indexOf(lineLevel) >= order.indexOf(level))
        process.stderr.write(`[${lineLevel.toUpperCase()}] ${name} ${messages.map(String).join(' ')}\n`);
    };
  return {
    debug: at(LogLevel.DEBUG),
    info: at(LogLevel.INFO),
    warn: at(LogLevel.WARN),
    error: at(LogLevel.ERROR),
    setLevel: (next) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next) => {
      name = next;
    },
  };
}

/**
 * The one logger of the Slack app: Bolt's own (or the one given) behind a filter that
 * redacts every line at every level, Bolt's and its clients' included.
 */
export function redactingLogger(base: Logger = consoleLogger()): Logger {
  const wrap =
    (write: (...messages: unknown[]) => void) =>
    (...messages: unknown[]) =>
      write(...messages.map((message) => redact(asText(message))));
  return {
    debug: wrap((...m) => base.debug(...m)),
    info: wrap((...m) => base.info(...m)),
    warn: wrap((...m) => base.warn(...m)),
    error: wrap((...m) => base.error(...m)),
    setLevel: (level: LogLevel) => base.setLevel(level),
    getLevel: () => base.getLevel(),
    setName: (name: string) => base.setName(name),
  };
}

export { errorCode } from '../core/errors.ts';
