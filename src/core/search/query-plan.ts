import { isQueryStopWord, isStopWord, keyOf, tokenize } from '../analysis/analyzer.ts';
import type { Token } from '../analysis/normalize.ts';
import { numberTerm } from '../analysis/numbers.ts';
import { stemWord } from '../analysis/stem.ts';
import { type Language, languages } from '../corpus.ts';
import type { Glossary } from '../glossary.ts';
import { guessLanguage } from './language.ts';
import type { QuoteIndex } from './quote-index.ts';

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
  /** The query's words. */
  tokens: Token[];
  /** The query's language, when its words say (guessed once, for the stop words and the search). */
  language: Language | undefined;
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
  // Stop words of the query's own language only: "un" is a French article in « un
  // cessez-le-feu » but the UN in "un day 2019".
  const language = guessLanguage(allTokens, index, glossary);
  const units = contentUnits(rest, restTokens, language);
  let i = 0;
  while (i < units.length) {
    // Two words the corpus writes as one ("peace keepers" → "peacekeepers").
    const joined = joinedWith(units[i]!, units[i + 1], index);
    if (joined) {
      concepts.push({
        text: `${units[i]!.text} ${units[i + 1]!.text}`,
        alternatives: [
          [exact(joined)],
          [planWord(units[i]!.token, index), planWord(units[i + 1]!.token, index)],
        ],
      });
      i += 2;
      continue;
    }
    // One word the corpus or the glossary writes as two ("bluehelmets" → "blue helmets").
    const split = splitWord(units[i]!, index, glossary);
    if (split) {
      concepts.push({ text: units[i]!.text, alternatives: split });
      i += 1;
      continue;
    }
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
  return { concepts, tokens: allTokens, language };
}

/** A typed word, or a hyphenated word with its parts. */
interface Unit {
  text: string;
  token: Token;
  parts: Token[];
}

function contentUnits(text: string, tokens: readonly Token[], language: Language | undefined): Unit[] {
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
  const stop = (term: string) => (language ? isStopWord(term, language) : isQueryStopWord(term));
  return units.filter((unit) => !stop(unit.token.term) || /^\p{Lu}{2,}$/u.test(unit.text));
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

/**
 * A hyphenated word matches joined ("systemwide") or as its parts ("system wide"); a typo also
 * as its transpositions; a number in any of its spellings.
 */
function alternativesOf(unit: Unit, index: QuoteIndex): PlanWord[][] {
  const alternatives = [planWords(unit, index)];
  // A number however written: "75th", "seventy-fifth", « 75e » also look up "75".
  const number = numberTerm(unit.token.term);
  if (number && number !== unit.token.term) alternatives.push([exact({ term: number, word: number })]);
  if (unit.parts.length > 0) alternatives.push([planWord(unit.token, index)]);
  else if (!isKnown(unit.token, index))
    for (const swapped of transpositions(unit.token.term))
      if (isKnown({ term: swapped, word: swapped }, index))
        alternatives.push([exact({ term: swapped, word: swapped })]);
  return alternatives;
}

/** A word with two neighbouring letters swapped, as fast thumbs do ("veot" → "veto"); short words only. */
function transpositions(term: string): string[] {
  if (term.length < 3 || term.length > 8) return [];
  const swapped = new Set<string>();
  for (let k = 0; k + 1 < term.length; k++) {
    if (term[k] === term[k + 1]) continue;
    swapped.add(term.slice(0, k) + term[k + 1] + term[k] + term.slice(k + 2));
  }
  return [...swapped];
}

/** The word two typed words make together, when the corpus knows it and not them as a pair. */
function joinedWith(
  unit: Unit,
  next: Unit | undefined,
  index: QuoteIndex,
): Pick<Token, 'term' | 'word'> | undefined {
  if (!next || unit.parts.length > 0 || next.parts.length > 0) return undefined;
  const term = `${unit.token.term}${next.token.term}`;
  const candidate = { term, word: term };
  return term.length >= 6 && isKnown(candidate, index) ? candidate : undefined;
}

/**
 * The two words an unknown word is made of, when both are words of the corpus or together a
 * glossary term: the alternatives to look up (the glossary term's equivalents included).
 */
function splitWord(unit: Unit, index: QuoteIndex, glossary: Glossary): PlanWord[][] | undefined {
  const { term } = unit.token;
  if (unit.parts.length > 0 || term.length < 7 || isKnown(unit.token, index) || glossary.byKey.has(term))
    return undefined;
  for (let at = 3; at <= term.length - 3; at++) {
    const left = { term: term.slice(0, at), word: term.slice(0, at) };
    const right = { term: term.slice(at), word: term.slice(at) };
    const terms = glossary.byKey.get(keyOf([left, right]));
    if (terms) return [[exact(left), exact(right)], ...terms.map((t) => contentWordsOf(t.text).map(exact))];
    if (isKnown(left, index) && isKnown(right, index)) return [[exact(left), exact(right)]];
  }
  return undefined;
}

/** True for a word the corpus holds, as typed or as its stem in any language. */
const isKnown = (token: Pick<Token, 'term' | 'word'>, index: QuoteIndex) =>
  languages.some((language) => index.terms[language].has(token.term)) ||
  languages.some((language) => index.terms[language].has(stemWord(token.word, language)));

function planWords(unit: Unit, index: QuoteIndex): PlanWord[] {
  if (unit.parts.length === 0) return [planWord(unit.token, index)];
  return unit.parts.filter((part) => !isQueryStopWord(part.term)).map((part) => planWord(part, index));
}

/**
 * Exact lookup for a word the corpus knows; prefix and an edit distance scaled to
 * its length for one it does not (a typo or a half-typed word).
 */
export function planWord(token: Pick<Token, 'term' | 'word'>, index: QuoteIndex): PlanWord {
  const known = isKnown(token, index);
  const length = token.term.length;
  // A word the corpus knows is taken as typed: a prefix lookup on a common word would expand
  // to hundreds of terms. (The last word is still completed when it is not a word of the corpus.)
  if (known) return { term: token.term, word: token.word, prefix: false, fuzzy: 0 };
  return {
    term: token.term,
    word: token.word,
    prefix: length >= 3,
    // Short words get a typo allowance too ("vto" → "veto"): it applies only when nothing exact matches.
    fuzzy: length >= 8 ? 2 : length >= 3 ? 1 : 0,
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
