import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

import type { AuditEntry, AuditLog } from '../../ports/audit.ts';

/** The audit log in memory (tests, or no writable STATE_DIR), also passed to `echo`. */
export function memoryAuditLog(echo?: (line: string) => void): AuditLog & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    async record(entry) {
      entries.push(entry);
      echo?.(format(entry, new Date()));
    },
  };
}

const format = (entry: AuditEntry, at: Date) => JSON.stringify({ at: at.toISOString(), ...entry });

/**
 * The audit log as JSON lines appended to a file (STATE_DIR/audit.log), each line whole,
 * and echoed to the app's log.
 */
export function fileAuditLog(file: string, echo?: (line: string) => void): AuditLog {
  let ready: Promise<unknown> | undefined;
  return {
    async record(entry) {
      const line = format(entry, new Date());
      echo?.(line);
      ready ??= mkdir(dirname(file), { recursive: true });
      await ready;
      await appendFile(file, `${line}\n`, 'utf8');
    },
  };
}
