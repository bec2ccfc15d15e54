/** A data file that cannot be used: names the file and the place inside it. */
export class DataError extends Error {
  override readonly name = 'DataError';
  readonly file: string;
  readonly problems: string[];
  constructor(file: string, problems: string[]) {
    super(`${file}: ${problems.join('\n  ')}`);
    this.file = file;
    this.problems = problems;
  }
}

/** A configuration value that is missing or invalid; never carries the value itself. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** A document the ingest cannot read (corrupt, encrypted, too large, not a statement format). */
export type DocumentProblem =
  | 'too_large'
  | 'unknown_format'
  | 'corrupt'
  | 'encrypted'
  | 'zip_bomb'
  | 'too_complex'
  | 'timeout'
  | 'empty';

export class DocumentError extends Error {
  override readonly name = 'DocumentError';
  readonly code: DocumentProblem;
  constructor(code: DocumentProblem, message: string) {
    super(message);
    this.code = code;
  }
}

/** An error's code or name, never its message (which may quote what a user wrote). */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object') {
    const coded = error as { code?: unknown; name?: unknown; data?: { error?: unknown } };
    const apiError = typeof coded.data?.error === 'string' ? ` (${coded.data.error})` : '';
    return `${String(coded.code ?? coded.name ?? 'error')}${apiError}`;
  }
  return 'error';
}
