import { type Logger, LogLevel } from '@slack/bolt';

const order = [LogLevel.DEBUG, LogLevel.INFO, LogLevel.WARN, LogLevel.ERROR];

/**
 * A Bolt logger that keeps, in memory, the lines at or above its level (tests read them;
 * nothing is printed). With `keep` false, nothing is kept (long load runs).
 */
export function silentLogger(lines: string[] = [], keep = true): Logger & { lines: string[] } {
  let level = LogLevel.INFO;
  const record =
    (name: LogLevel) =>
    (...messages: unknown[]) => {
      if (keep && order.indexOf(name) >= order.indexOf(level))
        lines.push(
          `${name} ${messages.map((m) => (typeof m === 'object' && m !== null ? JSON.stringify(m) : String(m))).join(' ')}`,
        );
    };
  return {
    lines,
    debug: record(LogLevel.DEBUG),
    info: record(LogLevel.INFO),
    warn: record(LogLevel.WARN),
    error: record(LogLevel.ERROR),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}

/** A log line of `npm start`, as JSON lines carry it. */
export interface LogEntry {
  time: string;
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** Standard error as the JSON lines it must be: each parsed (a line that is not JSON throws). */
export function logLines(stderr: string): LogEntry[] {
  return stderr
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as LogEntry);
}
