import { isQueryStopWord, keyOf, tokenize } from '../analysis/analyzer';
import type { Token } from '../analysis/normalize';
import { stemWord } from '../analysis/stem';
import type { Glossary } from '../glossary';
import type { QuoteIndex } from './quote-index';

/** One word to look up: exact, or also by prefix and within an edit distance. */
export interface PlanWord {
  term: string;
  word: string;
  prefix: boolean;
  /** Largest edit distance allowed (0: exact). */
  fuzzy: number;
}

/** Something the user asked for: a word, a glossary term with its equivalents, or a quoted phrase. */
export interface Concept {
  /** As the user typed it. */
  text: string;
  /** Any alternative may match; all the words of an alternative must match in one language. */
  alternatives: PlanWord[][];
  /** For a quoted phrase: the folded words that must stand together. */
  phrase?: string[];
}

export interface QueryPlan {
  concepts: Concept[];
  /** The query's words, for guessing its language. */
  tokens: Token[];
}

const PHRASE = /"([^"]*)"?|«([^»]*)»?|“([^”]*)”?/g;

/**
 * Turns query text into concepts: quoted phrases, glossary terms (longest match
 * first) and single words, each word planned as exact, prefix or fuzzy lookup.
 * @example buildQueryPlan('conseil de securite veto', index, glossary).concepts.length // => 2
 */
export function buildQueryPlan(text: string, index: QuoteIndex, glossary: Glossary): QueryPlan {
  const concepts: Concept[] = [];
  const allTokens: Token[] = [];
  const rest = text.replace(PHRASE, (_match, a?: string, b?: string, c?: string) => {
    const phraseText = (a ?? b ?? c ?? '').trim();
    const words = wordsOf(phraseText);
    allTokens.push(...tokenize(phraseText));
    if (words.length === 1) {
      concepts.push({ text: phraseText, alternatives: [[exact(words[0]!)]] });
    } else if (words.length > 1) {
      const content = words.filter((token) => !isQueryStopWord(token.term));
      concepts.push({
        text: phraseText,
        alternatives: [(content.length > 0 ? content : words).map(exact)],
        phrase: words.map((token) => token.term),
      });
    }
    return ' ';
  });
  const restTokens = tokenize(rest);
  allTokens.push(...restTokens);
  const units = contentUnits(rest, restTokens);
  let i = 0;
  while (i < units.length) {
    const match = longestGlossaryMatch(units, i, glossary);
    if (match) {
      const typed = match.units.map((unit) => unit.text).join(' ');
      const own = match.units.map((unit) => planWords(unit, index));
      concepts.push({
        text: typed,
        alternatives: [own.flat(), ...match.terms.map((term) => contentWordsOf(term.text).map(exact))],
      });
      i += match.units.length;
      continue;
    }
    const unit = units[i]!;
    concepts.push({ text: unit.text, alternatives: alternativesOf(unit, index) });
    i += 1;
  }
  return { concepts, tokens: allTokens };
}

/** A typed word, or a hyphenated word with its parts. */
interface Unit {
  text: string;
  token: Token;
  parts: Token[];
}

function contentUnits(text: string, tokens: readonly Token[]): Unit[] {
  const units: Unit[] = [];
  for (const token of tokens) {
    if (token.joined) {
      const parts: Token[] = [];
      while (units.length > 0 && units.at(-1)!.token.start >= token.start) parts.unshift(units.pop()!.token);
      units.push({ text: text.slice(token.start, token.end), token, parts });
    } else {
      units.push({ text: text.slice(token.start, token.end), token, parts: [] });
    }
  }
  // Acronyms typed in capitals ("UN", "ON") are kept even when they spell a stop word.
  return units.filter((unit) => !isQueryStopWord(unit.token.term) || /^\p{Lu}{2,}$/u.test(unit.text));
}

function longestGlossaryMatch(units: readonly Unit[], start: number, glossary: Glossary) {
  for (let length = Math.min(glossary.longestKey, units.length - start); length >= 1; length--) {
    const slice = units.slice(start, start + length);
    const key = keyOf(slice.flatMap((unit) => (unit.parts.length > 0 ? unit.parts : [unit.token])));
    const terms = glossary.byKey.get(key) ?? glossary.byKey.get(keyOf(slice.map((unit) => unit.token)));
    if (terms) return { units: slice, terms };
  }
  return undefined;
}

/** A hyphenated word matches joined ("systemwide") or as its parts ("system wide"). */
function alternativesOf(unit: Unit, index: QuoteIndex): PlanWord[][] {
  const alternatives = [planWords(unit, index)];
  if (unit.parts.length > 0) alternatives.push([planWord(unit.token, index)]);
  return alternatives;
}

function planWords(unit: Unit, index: QuoteIndex): PlanWord[] {
  if (unit.parts.length === 0) return [planWord(unit.token, index)];
  return unit.parts.filter((part) => !isQueryStopWord(part.term)).map((part) => planWord(part, index));
}

/**
 * Exact lookup for a word the corpus knows; prefix and an edit distance scaled to
 * its length for one it does not (a typo or a half-typed word).
 */
export function planWord(token: Pick<Token, 'term' | 'word'>, index: QuoteIndex): PlanWord {
  const known =
    index.terms.fr.has(token.term) ||
    index.terms.en.has(token.term) ||
    index.terms.fr.has(stemWord(token.word, 'fr')) ||
    index.terms.en.has(stemWord(token.word, 'en'));
  const length = token.term.length;
  // A word the corpus knows is taken as typed: a prefix lookup on a common word would expand
  // to hundreds of terms. (The last word is still completed when it is not a word of the corpus.)
  if (known) return { term: token.term, word: token.word, prefix: false, fuzzy: 0 };
  return {
    term: token.term,
    word: token.word,
    prefix: length >= 3,
    fuzzy: length >= 8 ? 2 : length >= 4 ? 1 : 0,
  };
}

const exact = (token: Pick<Token, 'term' | 'word'>): PlanWord => ({
  term: token.term,
  word: token.word,
  prefix: false,
  fuzzy: 0,
});

const wordsOf = (text: string) => tokenize(text).filter((token) => !token.joined);

/** The words of a glossary term that the index holds: stop words dropped unless nothing else is left ("UN"). */
function contentWordsOf(text: string) {
  const words = wordsOf(text);
  const content = words.filter((token) => !isQueryStopWord(token.term));
  return content.length > 0 ? content : words;
}
