import type { Language } from '../corpus.ts';
import { formats } from './formats/index.ts';

/** The formats the ingest reads, by name, from the formats table. */
export const documentFormats = formats.map((entry) => entry.format);
export type DocumentFormat = (typeof documentFormats)[number];

/**
 * One block of a document, in reading order: a paragraph of a Word file or a web page,
 * a paragraph rebuilt from a PDF's layout, or a group of lines of a text file.
 */
export interface DocumentBlock {
  /** The block's lines: several only for text files, where a title block keeps its lines. */
  lines: string[];
  /** `title` for a Title style or a page's h1; `heading` for other headings. */
  role: 'title' | 'heading' | 'body';
}

/** What a format reader returns: the blocks of a document, before any reading of its title block. */
export interface SourceDocument {
  format: DocumentFormat;
  blocks: DocumentBlock[];
  /** Notes dropped from the text ("Check against delivery", footnotes), kept for the record. */
  notes: string[];
  /** A web page's canonical URL. */
  url?: string;
  /** The language a web page declares. */
  language?: Language;
  /** What the file says about itself besides its text; weighed against its title block. */
  metadata?: DocumentMetadata;
}

/**
 * What a file declares about itself: Word's core properties (`docProps/core.xml`), a
 * PDF's Info dictionary and XMP, a web page's `<title>`, `og:title`, `dcterms.*` and `h1`.
 * Each value says where it comes from, so that a choice can give its reasons.
 */
export interface DocumentMetadata {
  /** Titles the file declares, as written (cleaned), e.g. `{ text, from: 'html:dcterms.title' }`. */
  titles?: Array<{ text: string; from: string }>;
  /** Dates the file declares: `YYYY-MM-DD` (or `YYYY-MM` when only the month is given). */
  dates?: Array<{ date: string; from: string; kind: 'issued' | 'created' | 'modified' }>;
  /** The language the file declares (`dcterms.language`, `dc:language`, Word's language). */
  language?: Language;
}

/**
 * A title or a date the reading is not sure of: what was chosen (if anything), the other
 * candidates, and why it is in doubt, in words for the "Check" list and the Slack review.
 * A statement is never written with a doubt unless an option or the editor confirms it.
 */
export interface Doubt {
  field: 'title' | 'date';
  /** What was chosen, if anything. */
  chosen?: string;
  /** The other candidates, as found, with where each comes from. */
  candidates: Array<{ value: string; from: string }>;
  /** Why it is in doubt, in English (the CLI's language); the Slack wording keys on `kind`. */
  reason: string;
  kind: 'conflict' | 'none_found' | 'month_only' | 'languages_disagree' | 'weak';
}

/**
 * Collapses every run of white space (no-break spaces and tabs included) to one space
 * and drops soft hyphens and zero-width characters, so that every format yields the
 * same text as the plain-text form.
 * @example cleanText(' Mr.\u00a0President,\n') // => 'Mr. President,'
 */
export function cleanText(text: string): string {
  return text
    .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}

const NOTES = [
  /^\(?\s*(?:please\s+)?(?:check(?:ed)?\s+against\s+delivery|as\s+delivered|sous\s+réserve\s+de\s+modifications|priorité\s+au\s+(?:discours\s+)?prononcé|seul\s+le\s+(?:texte|discours)\s+prononcé\s+fait\s+foi|le\s+texte\s+prononcé\s+fait\s+foi|(?:version\s+)?non\s+officielle|unofficial\s+(?:translation|version))\s*\.?\s*\)?\.?$/iu,
  /^(?:this\s+(?:speech|statement)\s+has\s+been\s+translated|ce\s+discours\s+a\s+été\s+traduit|ce\s+document\s+se\s+trouve\s+également|this\s+document\s+is\s+also\s+available)\b/iu,
  /^(?:date\s+modified|date\s+de\s+modification)\s*:/iu,
];

/**
 * True for a line that is a note about the text rather than part of it.
 * @example isDocumentNote('Check against delivery') // => true
 * @example isDocumentNote('Priorité au discours prononcé') // => true
 */
export function isDocumentNote(line: string): boolean {
  const text = cleanText(line);
  return text.length < 300 && NOTES.some((pattern) => pattern.test(text));
}

/**
 * Splits a text file into blocks: groups of lines separated by blank lines. Markdown
 * emphasis around a title block (`**…**`) is dropped.
 * @example readPlainText('Title\n6 September 2016\n\nMr. President.').blocks.length // => 2
 */
export function readPlainText(source: string): SourceDocument {
  const groups = source
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t\u00a0]*\n/)
    .map((group) =>
      group
        .split('\n')
        .map((line) => cleanText(line.replace(/^#{1,6}\s+|\*\*|__/g, '')))
        .filter(Boolean),
    )
    .filter((lines) => lines.length > 0);
  return { format: 'txt', blocks: groups.map((lines) => ({ lines, role: 'body' })), notes: [] };
}
