import { isStopWord, tokenize } from '../analysis/analyzer.ts';
import type { Language } from '../corpus.ts';
import {
  cleanText,
  type DocumentBlock,
  type Doubt,
  type DocumentFormat,
  isDocumentNote,
  readPlainText,
  type SourceDocument,
} from './document.ts';
import {
  isDateLine,
  isPlaceLine,
  isTitleBlockLine,
  readPlace,
  readTitleBlock,
  type TitleBlock,
} from './title-block.ts';

/** A paragraph read from a document, with the language it is written in. */
export interface ReadParagraph {
  n: number;
  language: Language;
  text: string;
  /** True for a heading inside the text ("Protection of civilians"), which anchors alignment. */
  heading?: boolean;
}

/** A statement read from one document: what its title block says, then its paragraphs. */
export interface PlainStatement extends TitleBlock {
  format: DocumentFormat;
  paragraphs: ReadParagraph[];
  /** Notes dropped from the text ("Check against delivery"), recorded. */
  notes: string[];
  /** A web page's canonical URL. */
  url?: string;
  /** The language most of the paragraphs are written in. */
  language: Language;
  /** A title or a date this reading is not sure of: shown in "Check" and the review, and confirmed before writing. */
  doubts?: Doubt[];
}

/** How many blocks at most a title block spans (titles, speaker, date and place lines, blank lines between). */
const TITLE_BLOCK_MAX = 6;

/**
 * Reads the statement a document holds: its title block (title, speaker, date, place,
 * even across blank lines), its notes, and its paragraphs with their languages.
 * @example readStatementDocument(readPlainText('Title\n6 September 2016\n\nMonsieur le Président.')).paragraphs[0].language // => 'fr'
 */
export function readStatementDocument(document: SourceDocument): PlainStatement {
  const notes = [...document.notes];
  const blocks: DocumentBlock[] = [];
  for (const block of document.blocks) {
    const lines = block.lines.filter((line) => {
      if (!isDocumentNote(line)) return true;
      notes.push(cleanText(line));
      return false;
    });
    if (lines.length > 0) blocks.push({ ...block, lines });
  }
  const titleEnd = findTitleBlockEnd(blocks);
  const titleLines = blocks.slice(0, titleEnd).flatMap((block) => block.lines);
  const body = blocks.slice(titleEnd);
  const head = readTitleBlock(titleLines);

  // A text file wraps paragraphs over several lines (blank lines between them) or puts one per line.
  const wrapped =
    document.format !== 'txt' || (body.some((block) => block.lines.length > 1) && body.length > 1);
  const texts: Array<{ text: string; heading: boolean }> = wrapped
    ? body.map((block) => ({ text: block.lines.join(' '), heading: block.role !== 'body' }))
    : body.flatMap((block) => block.lines.map((text) => ({ text, heading: false })));
  const paragraphs = texts.map(({ text, heading }, k) => ({
    n: k + 1,
    language: detectLanguage(text),
    text,
    ...(heading ? { heading: true } : {}),
  }));
  const french = paragraphs.filter((p) => p.language === 'fr').length;
  const language: Language =
    document.language ??
    (french * 2 > paragraphs.length
      ? 'fr'
      : french * 2 < paragraphs.length
        ? 'en'
        : detectLanguage(titleLines.join(' ')));
  return {
    ...head,
    format: document.format,
    paragraphs,
    notes,
    ...(document.url ? { url: document.url } : {}),
    language,
  };
}

/**
 * Where the title block ends: after the first block, or after the Title/h1 block, it goes
 * on over blocks that hold only title, speaker, date and place lines until the date is
 * found, then takes a place line that follows the date.
 */
function findTitleBlockEnd(blocks: readonly DocumentBlock[]): number {
  if (blocks.length === 0) return 0;
  const titled = blocks.findIndex((block) => block.role === 'title');
  let end = titled >= 0 && titled < TITLE_BLOCK_MAX ? titled + 1 : 1;
  const hasDate = () => blocks.slice(0, end).some((block) => block.lines.some(isDateLine));
  while (
    end < blocks.length &&
    end < TITLE_BLOCK_MAX + Math.max(titled, 0) &&
    !hasDate() &&
    blocks[end]!.lines.every(isTitleBlockLine)
  ) {
    end++;
  }
  if (!hasDate()) {
    // No date anywhere near the top: only the first block (or the Title) is the title block.
    return titled >= 0 && titled < TITLE_BLOCK_MAX ? titled + 1 : 1;
  }
  const next = blocks[end];
  const placeKnown = blocks
    .slice(0, end)
    .some((block) => block.lines.some((line) => isDateLine(line) && readPlace(line)));
  if (!placeKnown && next?.role === 'body' && next.lines.length === 1 && isPlaceLine(next.lines[0]!)) end++;
  return end;
}

/**
 * Reads the plain-text form of a statement: a title block, then the paragraphs, one per
 * line or one per block of lines when blocks are separated by blank lines.
 * @example parsePlainStatement('**Title\n6 September 2016**\n\nMonsieur le Président.').paragraphs[0].language // => 'fr'
 */
export const parsePlainStatement = (source: string): PlainStatement =>
  readStatementDocument(readPlainText(source));

/**
 * French or English, from stop words, accents and elisions; English when unsure.
 * @example detectLanguage('Monsieur le Président.') // => 'fr'
 */
export function detectLanguage(text: string): Language {
  let fr = 0;
  let en = 0;
  for (const token of tokenize(text)) {
    if (token.joined) continue;
    if (isStopWord(token.term, 'fr') && !isStopWord(token.term, 'en')) fr += 1;
    if (isStopWord(token.term, 'en') && !isStopWord(token.term, 'fr')) en += 1;
  }
  fr += (text.match(/[àâçéèêëîïôûùüÿœ]/gi) ?? []).length * 0.5;
  fr += (text.match(/\b(?:l|d|qu|j|n|c|s)['’]/gi) ?? []).length;
  if (/\b(?:monsieur|madame)\b/i.test(text)) fr += 2;
  if (/\b(?:mr|mrs|ms)\.?\s/i.test(text)) en += 2;
  return fr > en ? 'fr' : 'en';
}
