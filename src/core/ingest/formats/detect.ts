import { DocumentError } from '../../errors.ts';
import { type DocumentFormat, readPlainText, type SourceDocument } from '../document.ts';
import { defaultIngestLimits, type IngestLimits, tooLarge } from '../limits.ts';
import { readDocx } from './docx.ts';
import { readHtml } from './html.ts';
import { listZipEntries } from './zip.ts';

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  signature.every((byte, k) => bytes[at + k] === byte);

/**
 * The format of a document, from its content (never from its name alone): PDF and Word
 * by their signatures, a web page by its markup, else text. Refuses what is none of them.
 * @example detectFormat(new TextEncoder().encode('%PDF-1.7')) // => 'pdf'
 */
export function detectFormat(bytes: Uint8Array): DocumentFormat {
  if (bytes.length === 0) throw new DocumentError('empty', 'is empty');
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 1024));
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const entries = listZipEntries(bytes);
    if (!entries) throw new DocumentError('corrupt', 'is damaged: it is not a readable Word (.docx) file');
    if (entries.some((entry) => entry.name === 'word/document.xml')) return 'docx';
    throw new DocumentError('unknown_format', 'is a zip file, not a Word (.docx) document');
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    throw new DocumentError(
      'encrypted',
      'is an old Word (.doc) file or a password-protected document: save it as an unprotected .docx and try again',
    );
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66]))
    throw new DocumentError('unknown_format', 'is an RTF file: save it as .docx and try again');
  const sample = bytes.subarray(0, 8192);
  const utf16 = utf16Of(bytes);
  if (!utf16 && sample.includes(0))
    throw new DocumentError('unknown_format', 'is not a text, Word (.docx), PDF or web page (.html) file');
  const text = new TextDecoder(utf16 ?? 'utf-8')
    .decode(sample)
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 2048)
    .toLowerCase();
  if (
    /^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<main[\s>]|<meta\s|<!--)/.test(text) ||
    /<html[\s>][\s\S]*<body[\s>]/.test(text)
  )
    return 'html';
  return 'txt';
}

/** UTF-16 by its byte-order mark (Notepad's "Unicode"), little- or big-endian; undefined otherwise. */
function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  return undefined;
}

/**
 * Decodes text: UTF-16 when it starts with its byte-order mark, else UTF-8, or
 * Windows-1252 when it is not valid UTF-8 (older Windows files).
 */
function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16Of(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/**
 * Reads a document of any format the ingest accepts, within the limits: the format is
 * detected from the content, and a file over the size limit is refused before it is read.
 */
export async function readDocument(
  bytes: Uint8Array,
  limits: IngestLimits = defaultIngestLimits,
): Promise<SourceDocument> {
  if (bytes.length > limits.maxFileBytes)
    throw new DocumentError('too_large', tooLarge(bytes.length, limits.maxFileBytes));
  const format = detectFormat(bytes);
  if (format === 'docx') return readDocx(bytes, limits);
  if (format === 'pdf') {
    const { readPdf } = await import('./pdf.ts');
    return readPdf(bytes, limits);
  }
  const text = decodeText(bytes);
  return format === 'html' ? readHtml(text) : readPlainText(text);
}
