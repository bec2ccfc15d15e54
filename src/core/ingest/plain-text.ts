import { isStopWord, tokenize } from '../analysis/analyzer';
import type { Language } from '../corpus';
import { parseDate } from './dates';

/** A statement read from plain text: a title block, then one paragraph per line (or per block). */
export interface PlainStatement {
  /** The title block's lines, without the date line and markdown emphasis. */
  title: string;
  date: string | undefined;
  paragraphs: Array<{ n: number; language: Language; text: string }>;
}

/**
 * Reads the seed's plain-text form: the first block of lines is the title (with the
 * date), then every non-empty line is one paragraph, its language detected.
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
  const title = cleaned.filter((line) => !(parseDate(line) && line.length < 40)).join(' ');
  const paragraphs = lines
    .slice(i)
    .filter((line) => line.trim() !== '')
    .map((text, k) => ({ n: k + 1, language: detectLanguage(text), text }));
  return { title, date, paragraphs };
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
