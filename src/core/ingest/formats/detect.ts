import { DocumentError } from '../../errors.ts';
import type { DocumentFormat, SourceDocument } from '../document.ts';
import { defaultIngestLimits, type IngestLimits, tooLarge } from '../limits.ts';
import { either, type FormatEntry, formatNames, formats } from './index.ts';

/**
 * The entry of the format a document is in, from its content (never from its name): the
 * table's formats are tried in its order, and what one recognises but cannot read (an old
 * Word file, a zip that is no Word file) is refused with its reason, as is what is none of them.
 */
function formatOf(bytes: Uint8Array, table: readonly FormatEntry[]): FormatEntry {
  if (bytes.length === 0) throw new DocumentError('empty', 'is empty');
  for (const entry of table) {
    if (entry.sniff(bytes)) return entry;
    const refusal = entry.refuse?.(bytes);
    if (refusal) throw refusal;
  }
  throw new DocumentError('unknown_format', `is not ${either(formatNames('en', 'one', table), 'en')}`);
}

/**
 * The format of a document, from its content (never from its name alone), by the formats
 * table (`formats/index.ts`, or the one given): Word and PDF by their signatures, a web page
 * by its markup, else text. Refuses what is none of them.
 * @example detectFormat(new TextEncoder().encode('%PDF-1.7')) // => 'pdf'
 */
export function detectFormat(bytes: Uint8Array): DocumentFormat;
export function detectFormat(bytes: Uint8Array, table: readonly FormatEntry[]): string;
export function detectFormat(bytes: Uint8Array, table: readonly FormatEntry[] = formats): string {
  return formatOf(bytes, table).format;
}

/**
 * Reads a document of any format the ingest accepts, within the limits: the format is
 * detected from the content, and a file over the size limit is refused before it is read.
 */
export async function readDocument(
  bytes: Uint8Array,
  limits: IngestLimits = defaultIngestLimits,
  table: readonly FormatEntry[] = formats,
): Promise<SourceDocument> {
  if (bytes.length > limits.maxFileBytes)
    throw new DocumentError('too_large', tooLarge(bytes.length, limits.maxFileBytes));
  return formatOf(bytes, table).read(bytes, limits);
}
