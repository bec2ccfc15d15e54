import type { Statement } from '../core/corpus.ts';

/** A statement as the archive keeps it: its id and the text of its file (YAML, as written). */
export interface StoredStatement {
  id: string;
  source: string;
}

/** What taking a statement out did. */
export type Removal =
  | { kind: 'removed'; statement: Statement }
  | { kind: 'missing' }
  /** `allowed` said no, or the statement no longer loads: nothing was moved. */
  | { kind: 'refused'; reason: string };

/**
 * Where statements live: a folder of files (the default), or a PostgreSQL database shared
 * by several instances. Writes never replace a statement unless told to, and every change
 * moves the archive's version on, so that instances see it.
 */
export interface ArchiveStore {
  readonly kind: 'files' | 'postgres';
  /** For messages: the folder, or "the archive database". */
  readonly where: string;
  /** Where a statement is, or would be written, for messages: a file path, or "archive database: ID". */
  locate(id: string): string;
  /** Every statement's stored text, in id order. */
  list(): Promise<StoredStatement[]>;
  /** The ids held. */
  ids(): Promise<string[]>;
  /** The statement an id holds, `unreadable` when it does not validate, undefined when none. */
  get(id: string): Promise<Statement | 'unreadable' | undefined>;
  /**
   * Writes a statement's text under its id. Without `replace`, an id already held is
   * never written over: StatementExistsError. Returns where it went (a file, or a row).
   */
  write(id: string, source: string, replace: boolean): Promise<string>;
  /**
   * Takes a statement out, keeping it (a folder of removed files, a table of removed
   * rows): nothing is lost. `allowed` returns why not, or undefined.
   */
  remove(
    id: string,
    allowed: (statement: Statement) => string | undefined,
    by: string,
    now: Date,
  ): Promise<Removal>;
  /** A value that changes whenever the archive does. */
  version(): Promise<string>;
  close(): Promise<void>;
}

/** What a load needs of the archive: read every statement, and name where one is. */
export type ArchiveReader = Pick<ArchiveStore, 'where' | 'locate' | 'list'>;

/** Thrown when a statement is written under an id that is already held. */
export class StatementExistsError extends Error {
  override readonly name = 'StatementExistsError';
  readonly where: string;
  constructor(where: string) {
    super(`${where} already exists`);
    this.where = where;
  }
}
