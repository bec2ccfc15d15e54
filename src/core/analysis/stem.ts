import snowball from 'snowball-stemmers';
import type { Language } from '../corpus.ts';
import { foldText } from './normalize.ts';

const stemmers = {
  fr: snowball.newStemmer('french'),
  en: snowball.newStemmer('english'),
};
const caches: Record<Language, Map<string, string>> = { fr: new Map(), en: new Map() };

/**
 * Snowball stem of a word, folded; memoized per language because the stemmer is slow.
 * @example stemWord('opérations', 'fr') // => 'oper'
 */
export function stemWord(word: string, language: Language): string {
  const cache = caches[language];
  let stem = cache.get(word);
  if (stem === undefined) {
    stem = foldText(stemmers[language].stem(word.toLowerCase()));
    cache.set(word, stem);
  }
  return stem;
}
