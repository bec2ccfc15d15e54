import type { Language } from '../corpus.ts';
import { foldText, type Token, tokenize } from './normalize.ts';
import { numberTerm } from './numbers.ts';
import { stemWord } from './stem.ts';
import { englishStopWords, frenchStopWords } from './stopwords.ts';

const stopWords: Record<Language, ReadonlySet<string>> = { fr: frenchStopWords, en: englishStopWords };

/** True when a folded word carries no meaning in that language ("de", "the", the "l" of "l'"). */
export const isStopWord = (term: string, language: Language) => stopWords[language].has(term);

/** True when a folded word is a stop word in either language: used on queries, whose language is a guess. */
export const isQueryStopWord = (term: string) => frenchStopWords.has(term) || englishStopWords.has(term);

/**
 * The index terms of one word: its folded surface and its folded stem, so that an
 * unaccented query still meets the surface form when the stemmer is accent-sensitive, and
 * the number it writes, if it writes one (`numberTerm`).
 * @example termsOf({ term: 'operations', word: 'opérations' }, 'fr') // => ['operations', 'oper']
 */
export function termsOf(token: Pick<Token, 'term' | 'word'>, language: Language): string[] {
  const stem = stemWord(token.word, language);
  const terms = stem && stem !== token.term ? [token.term, stem] : [token.term];
  // "seventy-fifth", "75th", « 75e » and « soixante-quinzième » all hold the term "75".
  const number = numberTerm(token.term);
  if (number && number !== token.term) terms.push(number);
  return terms;
}

/** The content tokens of a text: stop words of that language removed. */
export const contentTokens = (text: string, language: Language): Token[] =>
  tokenize(text).filter((token) => !isStopWord(token.term, language));

/** Every index term of a text in one language, in order (used to build and to check the index). */
export const analyzeText = (text: string, language: Language): string[] =>
  contentTokens(text, language).flatMap((token) => termsOf(token, language));

/**
 * A language-neutral key for matching glossary terms: folded content words with a
 * plural "s" dropped, so "Peacekeepers" and "peacekeeper" share a key.
 * @example glossaryKey('Conseil de sécurité') // => 'conseil securite'
 */
export function glossaryKey(text: string): string {
  const words = tokenize(text).filter((token) => !token.joined);
  const content = words.filter((token) => !isQueryStopWord(token.term));
  // An acronym such as "UN" is a stop word in French ("un"): keep a term that would otherwise vanish.
  return keyOf(content.length > 0 ? content : words);
}

/** The glossary key of a run of tokens already chosen as content words. */
export const keyOf = (tokens: readonly Pick<Token, 'term'>[]) =>
  tokens.map((token) => lightStem(token.term)).join(' ');

export const lightStem = (term: string) => (term.length > 3 && term.endsWith('s') ? term.slice(0, -1) : term);

export { foldText, tokenize };
