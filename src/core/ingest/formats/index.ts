import type { Language } from '../../corpus.ts';
import { DocumentError } from '../../errors.ts';
import type { SourceDocument } from '../document.ts';
import type { IngestLimits } from '../limits.ts';
import { listZipEntries } from './zip.ts';

/** How people call a format, in one language. */
export interface FormatNames {
  /** Its name in a short list: "Word", "web page", « page Web ». */
  short: string;
  /** One file of it, article and extension included: "a Word file (.docx)", « une page Web (.html) ». */
  one: string;
}

/**
 * One document format the ingest reads: how files of it are named, how Slack calls them,
 * how it is recognised from its content, how it is read, and how people call it.
 */
export interface FormatEntry {
  /** Its name in statement files (`sources.en.format`) and in the code. */
  format: string;
  /** The file name endings it goes by, lower case, the usual one first: `['.html', '.htm']`. */
  extensions: readonly string[];
  /** Slack's `filetype` values for it (files.info), lower case. */
  slackTypes: readonly string[];
  names: Readonly<Record<Language, FormatNames>>;
  /** True when the content is in this format (never judged from the name). */
  sniff(bytes: Uint8Array): boolean;
  /**
   * Why content this format does not recognise, but resembles, cannot be read (an old
   * Word file, a zip that is no Word file): undefined for anything else.
   */
  refuse?(bytes: Uint8Array): DocumentError | undefined;
  /** Reads it; its reader is imported on first use only. */
  read(bytes: Uint8Array, limits: IngestLimits): Promise<SourceDocument>;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  signature.every((byte, k) => bytes[at + k] === byte);

const isZip = (bytes: Uint8Array) =>
  startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]);

/** UTF-16 by its byte-order mark (Notepad's "Unicode"), little- or big-endian; undefined otherwise. */
function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (startsWith(bytes, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(bytes, [0xfe, 0xff])) return 'utf-16be';
  return undefined;
}

/** True for text: UTF-16 by its byte-order mark, or no NUL byte in the first 8 KB. */
const isText = (bytes: Uint8Array) => utf16Of(bytes) !== undefined || !bytes.subarray(0, 8192).includes(0);

/** The start of a text, lower case, for recognising its markup. */
const textHead = (bytes: Uint8Array) =>
  new TextDecoder(utf16Of(bytes) ?? 'utf-8')
    .decode(bytes.subarray(0, 8192))
    .replace(/^\ufeff/, '')
    .trimStart()
    .slice(0, 2048)
    .toLowerCase();

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
 * The formats the ingest reads, in the order people see them listed, which is also the
 * order they are tried in: the first whose `sniff` says yes reads the document, and a
 * `refuse` that answers stops the search. Text comes last: it takes any content that is
 * no other format's and not binary. A new format is one entry here.
 */
export const formats = [
  {
    format: 'docx',
    extensions: ['.docx'],
    slackTypes: ['docx'],
    names: {
      en: { short: 'Word', one: 'a Word file (.docx)' },
      fr: { short: 'Word', one: 'un fichier Word (.docx)' },
    },
    sniff: (bytes: Uint8Array) =>
      isZip(bytes) && (listZipEntries(bytes)?.some((entry) => entry.name === 'word/document.xml') ?? false),
    refuse: (bytes: Uint8Array) => {
      if (isZip(bytes))
        return listZipEntries(bytes)
          ? new DocumentError('unknown_format', 'is a zip file, not a Word (.docx) document')
          : new DocumentError('corrupt', 'is damaged: it is not a readable Word (.docx) file');
      // An OLE compound file: Word 97–2003, or any Office file with a password.
      if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
        return new DocumentError(
          'encrypted',
          'is an old Word (.doc) file or a password-protected document: save it as an unprotected .docx and try again',
        );
      if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66]))
        return new DocumentError('unknown_format', 'is an RTF file: save it as .docx and try again');
      return undefined;
    },
    read: async (bytes: Uint8Array, limits: IngestLimits) => {
      const { readDocx } = await import('./docx.ts');
      return readDocx(bytes, limits);
    },
  },
  {
    format: 'pdf',
    extensions: ['.pdf'],
    slackTypes: ['pdf'],
    names: {
      en: { short: 'PDF', one: 'a PDF' },
      fr: { short: 'PDF', one: 'un PDF' },
    },
    // pdf.js finds the header anywhere in the first kilobyte, after any junk.
    sniff: (bytes: Uint8Array) => new TextDecoder('latin1').decode(bytes.subarray(0, 1024)).includes('%PDF-'),
    read: async (bytes: Uint8Array, limits: IngestLimits) => {
      const { readPdf } = await import('./pdf.ts');
      return readPdf(bytes, limits);
    },
  },
  {
    format: 'html',
    extensions: ['.html', '.htm'],
    slackTypes: ['html', 'htm'],
    names: {
      en: { short: 'web page', one: 'a web page (.html)' },
      fr: { short: 'page Web', one: 'une page Web (.html)' },
    },
    sniff: (bytes: Uint8Array) => {
      if (!isText(bytes)) return false;
      const head = textHead(bytes);
      return (
        /^(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<main[\s>]|<meta\s|<!--)/.test(head) ||
        /<html[\s>][\s\S]*<body[\s>]/.test(head)
      );
    },
    read: async (bytes: Uint8Array) => {
      const { readHtml } = await import('./html.ts');
      return readHtml(decodeText(bytes));
    },
  },
  {
    format: 'txt',
    extensions: ['.txt'],
    slackTypes: ['txt', 'text', 'markdown', 'plain'],
    names: {
      en: { short: 'text', one: 'a text file (.txt)' },
      fr: { short: 'texte', one: 'un fichier texte (.txt)' },
    },
    sniff: isText,
    read: async (bytes: Uint8Array) => {
      const { readPlainText } = await import('../document.ts');
      return readPlainText(decodeText(bytes));
    },
  },
] as const satisfies readonly FormatEntry[];

/**
 * Every file name ending the formats go by.
 * @example fileExtensions() // => ['.docx', '.pdf', '.html', '.htm', '.txt']
 */
export const fileExtensions = (table: readonly FormatEntry[] = formats): string[] =>
  table.flatMap((entry) => entry.extensions);

/**
 * The format a file's name says, by its ending (any case); undefined for any other name.
 * @example formatOfFileName('Statement.HTM')?.format // => 'html'
 */
export const formatOfFileName = (
  name: string,
  table: readonly FormatEntry[] = formats,
): FormatEntry | undefined =>
  table.find((entry) => entry.extensions.some((ending) => name.toLowerCase().endsWith(ending)));

/**
 * The format Slack's `filetype` names (any case); undefined for any other type.
 * @example formatOfSlackType('markdown')?.format // => 'txt'
 */
export const formatOfSlackType = (
  type: string,
  table: readonly FormatEntry[] = formats,
): FormatEntry | undefined => table.find((entry) => entry.slackTypes.includes(type.toLowerCase()));

/**
 * How people call each format, in one language, in the table's order.
 * @example formatNames('fr', 'short') // => ['Word', 'PDF', 'page Web', 'texte']
 */
export const formatNames = (
  language: Language,
  form: keyof FormatNames,
  table: readonly FormatEntry[] = formats,
): string[] => table.map((entry) => entry.names[language][form]);

/**
 * Alternatives as people list them, without a serial comma.
 * @example either(['Word', 'PDF', 'web page'], 'en') // => 'Word, PDF or web page'
 */
export function either(items: readonly string[], language: Language): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${language === 'fr' ? 'ou' : 'or'} ${items.at(-1)}`;
}
