import { BoundedCache } from './bounded-cache.ts';
import { spacedNumber } from './numbers.ts';

/**
 * Folds case and accents so "Securite" finds "sécurité" and "oeuvre" finds "œuvre".
 * @example foldText('Œuvre') // => 'oeuvre'
 */
export function foldText(text: string): string {
  // Plain ASCII, the bulk of English text, only needs lower case.
  if (ASCII.test(text)) return text.toLowerCase();
  return foldNonAscii(text);
}

const ASCII = /^[\x20-\x7e]*$/;

function foldNonAscii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}

/** Folded words remembered: a corpus's common words stay; words typed once in a query are forgotten. */
export const foldCacheCapacity = 5_000;

const foldedWords = new BoundedCache<string, string>(foldCacheCapacity);

/** How many folded words are remembered now (at most `foldCacheCapacity`). */
export const foldCacheSize = (): number => foldedWords.size;

/** foldText for single words, memoized: the vocabulary of a corpus is small next to its running text. */
const foldWord = (word: string): string => foldedWords.get(word, foldText);

/** A word of a text, with its place in the original string. */
export interface Token {
  /** The folded surface form (no accents, lower case, elision removed). */
  term: string;
  /** The word in lower case with its accents, for stemming. */
  word: string;
  start: number;
  end: number;
  /** True for the extra joined form of a hyphenated word or a spaced number ("systemwide", "600000"). */
  joined?: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’‑-][\p{L}\p{N}]+)*/gu;
const ELISION = /^(?:l|d|j|n|s|c|m|t|qu|jusqu|lorsqu|puisqu|quoiqu)['’](?=[\p{L}\p{N}])/iu;
const POSSESSIVE = /['’]s$/iu;
const HYPHEN = /[‑-]/;

/**
 * Splits a text into folded words: French elision and English possessives removed,
 * hyphenated words given as their parts and as one joined word, numbers kept.
 * @example tokenize("jusqu'à l'ONU system-wide").map((t) => t.term) // => ['a', 'onu', 'system', 'wide', 'systemwide']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(WORD)) {
    let start = match.index;
    let word = match[0];
    const elided = ELISION.exec(word);
    if (elided) {
      start += elided[0].length;
      word = word.slice(elided[0].length);
    }
    if (POSSESSIVE.test(word)) word = word.slice(0, -2);
    const end = start + word.length;
    if (HYPHEN.test(word)) {
      let offset = start;
      for (const part of word.split(HYPHEN)) {
        if (part) tokens.push(makeToken(part, offset, offset + part.length));
        offset += part.length + 1;
      }
      tokens.push(makeToken(word, start, end, true));
    } else {
      tokens.push(makeToken(word, start, end));
    }
  }
  return joinNumberWords(text, joinSpacedNumbers(text, tokens));
}

/** Adds "78" for "seventy eight" and "600" for « six cents »: a number in two words, written apart. */
function joinNumberWords(text: string, tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    out.push(token);
    const next = tokens[i + 1];
    if (!next || token.joined || next.joined || text.slice(token.end, next.start) !== ' ') continue;
    const number = spacedNumber(token.term, next.term);
    if (number) out.push({ term: number, word: number, start: token.start, end: next.end, joined: true });
  }
  return out;
}

function makeToken(raw: string, start: number, end: number, joined = false): Token {
  const word =
    joined || raw.includes("'") || raw.includes('’')
      ? raw.replace(/['’‑-]/g, '').toLowerCase()
      : raw.toLowerCase();
  const token: Token = { term: foldWord(word), word, start, end };
  if (joined) token.joined = true;
  return token;
}

/** Adds "600000" for "600 000", the French way of grouping digits. */
function joinSpacedNumbers(text: string, tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    out.push(token);
    if (!/^\d{1,3}$/.test(token.term)) continue;
    let j = i;
    let joined = token.term;
    while (j + 1 < tokens.length) {
      const next = tokens[j + 1]!;
      const gap = text.slice(tokens[j]!.end, next.start);
      if (!/^\d{3}$/.test(next.term) || !/^[ \u00a0\u202f]$/.test(gap)) break;
      joined += next.term;
      j++;
    }
    if (j > i)
      out.push({ term: joined, word: joined, start: token.start, end: tokens[j]!.end, joined: true });
  }
  return out;
}
