import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { Statement } from './corpus.ts';
import { DataError } from './errors.ts';

/**
 * Parses a hand-edited YAML file against a schema, or throws a DataError that names
 * the file, the place of each problem and what is wrong.
 * @example parseDataFile('id: x', 'data/statements/x.yml', Statement) // throws DataError
 */
export function parseDataFile<S extends z.ZodType>(source: string, file: string, schema: S): z.output<S> {
  if (source.trim() === '') throw new DataError(file, ['the file is empty: it should hold a YAML mapping']);
  const document = parseDocument(source, { prettyErrors: true, uniqueKeys: true });
  if (document.errors.length > 0) {
    throw new DataError(
      file,
      document.errors.map((error) => {
        const place = error.linePos?.[0];
        const where = place ? `line ${place.line}, column ${place.col}` : 'YAML';
        const what = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        return `${where}: ${what} (check indentation, and put text containing ": " or " #" in quotes)`;
      }),
    );
  }
  const data: unknown = document.toJS();
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new DataError(
      file,
      result.error.issues.map((issue) => `${describePath(issue.path, data)}: ${describeIssue(issue)}`),
    );
  }
  return result.data;
}

/** Parses one statement file. */
export const parseStatementFile = (source: string, file: string): Statement =>
  parseDataFile(source, file, Statement);

/**
 * What is wrong, never quoting the file's text: an unknown key is named only when it looks
 * like a field name; a line of text that YAML read as a key ("We must act: now") is not
 * repeated, so that no statement's words reach a log.
 */
function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'unrecognized_keys') return issue.message;
  const named = issue.keys.filter((key) => /^[A-Za-z_][\w-]{0,30}$/.test(key));
  const lines = issue.keys.length - named.length;
  return [
    ...(named.length > 0 ? [`unknown field ${named.map((key) => `"${key}"`).join(', ')}`] : []),
    ...(lines > 0
      ? [
          `${lines === 1 ? 'a line' : `${lines} lines`} read as a field: put text containing ": " in quotes, or check its indentation`,
        ]
      : []),
  ].join('; ');
}

/** Writes a zod path as `paragraphs[3] (¶4).counterpart.text`, naming the paragraph number when known. */
function describePath(path: readonly PropertyKey[], data: unknown): string {
  if (path.length === 0) return '(top level)';
  let text = '';
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      text += `[${key}]`;
      node = Array.isArray(node) ? node[key] : undefined;
      const n = node && typeof node === 'object' && 'n' in node ? (node as { n: unknown }).n : undefined;
      if (typeof n === 'number') text += ` (¶${n})`;
    } else {
      text += `${text === '' ? '' : '.'}${String(key)}`;
      node = node && typeof node === 'object' ? (node as Record<PropertyKey, unknown>)[key] : undefined;
    }
  }
  return text;
}
