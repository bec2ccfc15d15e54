import { type Logger, LogLevel } from '@slack/bolt';

/** A Bolt logger that keeps lines in memory (tests read them; nothing is printed). */
/** With `keep` false, nothing is kept (long load runs). */
export function silentLogger(lines: string[] = [], keep = true): Logger & { lines: string[] } {
  let level = LogLevel.INFO;
  const record =
    (name: string) =>
    (...messages: unknown[]) => {
      if (keep) lines.push(`${name} ${messages.map(String).join(' ')}`);
    };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
