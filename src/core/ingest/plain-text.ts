import { isStopWord, tokenize } from '../analysis/analyzer';
import type { Language } from '../corpus';
import { parseDate } from './dates';

/** A statement read from plain text: a title block, then its paragraphs. */
export interface PlainStatement {
  /** The title block's lines that are neither the date, the speaker nor the place. */
  title: string;
  date: string | undefined;
  /** From a line such as "Statement by Ambassador X, Permanent Representative…". */
  speaker: { name: string; role: string } | undefined;
  /** From the date line ("New York, 6 September 2016"). */
  place: string | undefined;
  paragraphs: Array<{ n: number; language: Language; text: string }>;
}

const SPEAKER =
  /^(?:statement|remarks|address|speech|intervention)\s+(?:delivered\s+)?by\s+|^(?:déclaration|allocution|intervention|discours)\s+(?:prononcée?\s+)?(?:de|par)\s+(?:l[’']|la\s+|le\s+)?/iu;

/**
 * Reads the plain-text form of a statement: the first block of lines is the title
 * block (title, date, speaker, place), then the paragraphs: one per line, or one per
 * block of lines when blocks are separated by blank lines and wrap over several lines.
 * Each paragraph's language is detected.
 * @example parsePlainStatement('**Title\n6 September 2016**\n\nMonsieur le Président.').paragraphs[0].language // => 'fr'
 */
export function parsePlainStatement(source: string): PlainStatement {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === '') i++;
  const titleLines: string[] = [];
  while (i < lines.length && lines[i]!.trim() !== '') titleLines.push(lines[i++]!);
  const cleaned = titleLines.map((line) => line.replace(/[*_#]+/g, '').trim()).filter(Boolean);
  const date = parseDate(cleaned.join(' '));
  let speaker: PlainStatement['speaker'];
  let place: string | undefined;
  const rest: string[] = [];
  for (const line of cleaned) {
    const by = SPEAKER.exec(line);
    if (by) {
      const [name = '', ...role] = line.slice(by[0].length).split(',');
      speaker = { name: name.trim().replace(/^the\s+/i, ''), role: role.join(',').trim() };
      continue;
    }
    if (parseDate(line) && line.length < 60) {
      const before = line.split(',')[0]!.trim();
      if (line.includes(',') && !parseDate(before) && /^\p{Lu}[\p{L} .'-]+$/u.test(before)) place = before;
      continue;
    }
    rest.push(line);
  }
  const body = lines.slice(i).join('\n');
  const blocks = body
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    )
    .filter((block) => block.length > 0);
  const wrapped = blocks.some((block) => block.length > 1) && blocks.length > 1;
  const texts = wrapped ? blocks.map((block) => block.join(' ')) : blocks.flat();
  const paragraphs = texts.map((text, k) => ({ n: k + 1, language: detectLanguage(text), text }));
  return { title: rest.join(' '), date, speaker, place, paragraphs };
}

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
