import { isStopWord, tokenize } from '../analysis/analyzer.ts';
import type { Language } from '../corpus.ts';
import {
  type BoilerplateKind,
  boilerplateNames,
  boilerplateNote,
  dropBoilerplate,
  isAbstract,
  isDocumentPart,
} from './boilerplate.ts';
import {
  cleanText,
  type DocumentBlock,
  type DocumentFormat,
  type Doubt,
  isDocumentNote,
  readPlainText,
  type SourceDocument,
} from './document.ts';
import {
  isDateLine,
  isNameAndRoleLine,
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
/** How many Title paragraphs in a row at most make one title. */
const TITLE_RUN_MAX = 12;

/**
 * Reads the statement a document holds: its title block (title, speaker, date, place,
 * even across blank lines), weighed against what the file declares about itself; its
 * notes; and its paragraphs with their languages. Front matter and page furniture (security
 * markings, contract numbers, addresses, contact blocks, tables of contents…) are dropped
 * and recorded as notes, never read as a title, a date or a paragraph.
 * @example readStatementDocument(readPlainText('Title\n6 September 2016\n\nMonsieur le Président.')).paragraphs[0].language // => 'fr'
 */
export function readStatementDocument(document: SourceDocument): PlainStatement {
  const notes = [...document.notes];
  const noted: DocumentBlock[] = [];
  for (const block of document.blocks) {
    const lines = block.lines.filter((line) => {
      if (!isDocumentNote(line)) return true;
      notes.push(cleanText(line));
      return false;
    });
    if (lines.length > 0) noted.push({ ...block, lines });
  }
  const { blocks, dropped } = dropBoilerplate(noted);
  notes.push(...dropped.map(boilerplateNote));
  const titleEnd = findTitleBlockEnd(blocks);
  const titleLines = blocks.slice(0, titleEnd).flatMap((block) => block.lines);
  let bodyStart = titleEnd;
  // A cover page's abstract right under the title block is front matter, not the text.
  while (blocks[bodyStart]?.lines.length === 1 && isAbstract(blocks[bodyStart]!.lines[0]!)) {
    notes.push(boilerplateNote({ kind: 'front_matter', lines: blocks[bodyStart]!.lines, before: bodyStart }));
    bodyStart++;
  }
  const body = blocks.slice(bodyStart);

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
  // What was dropped above the title block's end was a candidate title or date, refused.
  const setAside = dropped
    .filter((piece) => piece.before <= titleEnd && SET_ASIDE_KINDS.has(piece.kind))
    .flatMap((piece) =>
      piece.lines.map((line) => ({
        value: cleanText(line),
        from: 'the front matter',
        why: boilerplateNames[piece.kind],
        field: piece.kind === 'labelled_date' ? ('date' as const) : ('title' as const),
      })),
    );
  const { doubts, ...head } = readTitleBlock(titleLines, {
    ...(document.metadata ? { metadata: document.metadata } : {}),
    language,
    setAside,
  });
  return {
    ...head,
    format: document.format,
    paragraphs,
    notes,
    ...(document.url ? { url: document.url } : {}),
    language,
    ...(doubts.length > 0 ? { doubts } : {}),
  };
}

/** Dropped lines that could have passed for a title or a date: named when none is found. */
const SET_ASIDE_KINDS = new Set<BoilerplateKind>([
  'security_marking',
  'file_number',
  'labelled_date',
  'publisher',
  'front_matter',
]);

/**
 * Where the title block ends: after the first block, or after the Title/h1 blocks, it goes
 * on over blocks that hold only title, speaker, date and place lines until the date is
 * found, then takes a place line that follows the date, or the title when only a date was
 * found above it.
 */
function findTitleBlockEnd(blocks: readonly DocumentBlock[]): number {
  if (blocks.length === 0) return 0;
  const titled = blocks.findIndex((block) => block.role === 'title');
  let titleEnd = titled >= 0 && titled < TITLE_BLOCK_MAX ? titled + 1 : 1;
  // A title set in several Title paragraphs (or large-type lines of a PDF) is one title.
  while (
    titleEnd < blocks.length &&
    titleEnd - Math.max(titled, 0) < TITLE_RUN_MAX &&
    blocks[titleEnd]!.role === 'title'
  )
    titleEnd++;
  let end = titleEnd;
  const hasDate = () => blocks.slice(0, end).some((block) => block.lines.some(isDateLine));
  while (
    end < blocks.length &&
    end < titleEnd - 1 + TITLE_BLOCK_MAX &&
    !hasDate() &&
    blocks[end]!.lines.every(isTitleBlockLine)
  ) {
    end++;
  }
  if (!hasDate()) {
    // No date anywhere near the top: only the first block (or the Title) is the title block.
    return titleEnd;
  }
  // Only a date (and a place) so far: the title is the block below ("th" / "February 4, 2020" / "Title").
  const above = blocks.slice(0, end).flatMap((block) => block.lines);
  const following = blocks[end];
  if (
    !blocks.slice(0, end).some((block) => block.role === 'title') &&
    above.every((line) => isDateLine(line)) &&
    following?.lines.length === 1 &&
    isTitleBlockLine(following.lines[0]!) &&
    !isDateLine(following.lines[0]!)
  )
    end++;
  // A part's name over the text ("Executive Summary" / "Background" …) belongs to the cover.
  if (
    blocks[end]?.lines.length === 1 &&
    isDocumentPart(blocks[end]!.lines[0]!) &&
    blocks[end + 1]?.lines.length === 1 &&
    (blocks[end + 1]!.role !== 'body' || isDocumentPart(blocks[end + 1]!.lines[0]!))
  )
    end++;
  const next = blocks[end];
  const placeKnown = blocks
    .slice(0, end)
    .some((block) => block.lines.some((line) => isDateLine(line) && readPlace(line)));
  if (!placeKnown && next?.role === 'body' && next.lines.length === 1 && isPlaceLine(next.lines[0]!)) end++;
  // A byline under the date ("António Guterres, Secretary-General") closes the title block.
  const byline = blocks[end];
  if (byline?.lines.length === 1 && isNameAndRoleLine(byline.lines[0]!)) end++;
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
