import { type Logger, LogLevel } from '@slack/bolt';
import { asText, isFields, redact } from '../ops/log.ts';

export { redact };

/** A line's fields with every string value redacted (ids and counts pass as they are). */
const redactFields = (fields: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(fields).map(([key, value]) => [key, typeof value === 'string' ? redact(value) : value]),
  );

const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/** Lines to stderr as `[LEVEL] name message`, at or above the level set (what Bolt's console logger does). */
function consoleLogger(): Logger {
  let level = LogLevel.INFO;
  let name = 'quotes';
  const at =
    (lineLevel: LogLevel) =>
    (...messages: unknown[]) => {
      if (order.indexOf(lineLevel) >= order.indexOf(level))
        process.stderr.write(
          `[${lineLevel.toUpperCase()}] ${name} ${messages
            .filter((m) => !isFields(m))
            .map(String)
            .join(' ')}\n`,
        );
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
 * The one logger of the Slack app: the process's (or the one given) behind a filter that
 * redacts every line at every level, Bolt's and its clients' included. A plain object
 * given first, before a message, is the line's fields (`{ req, surface, ms }`).
 */
export function redactingLogger(base: Logger = consoleLogger()): Logger {
  const wrap =
    (write: (...messages: unknown[]) => void) =>
    (...messages: unknown[]) => {
      const [first, ...rest] = messages;
      if (isFields(first) && rest.length > 0)
        write(redactFields(first), ...rest.map((message) => redact(asText(message))));
      else write(...messages.map((message) => redact(asText(message))));
    };
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
