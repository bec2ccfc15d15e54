/** One thing an editor did to the archive: who, where, what, and to which statement; never its text. */
export interface AuditEntry {
  team: string;
  user: string;
  action: 'review' | 'edit' | 'add' | 'duplicate' | 'discard' | 'remove' | 'refuse';
  statement?: string;
  review?: string;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
}
