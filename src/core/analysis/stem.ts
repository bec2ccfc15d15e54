import snowball from 'snowball-stemmers';
import type { Language } from '../corpus.ts';
import { BoundedCache } from './bounded-cache.ts';
import { foldText } from './normalize.ts';

const stemmers = {
  fr: snowball.newStemmer('french'),
  en: snowball.newStemmer('english'),
};

/**
 * Stems remembered per language. Queries bring words never seen before (typos, made-up
 * words): the least recently used are forgotten, while a corpus's common words stay.
 */
export const stemCacheCapacity = 5_000;

const caches: Record<Language, BoundedCache<string, string>> = {
  fr: new BoundedCache(stemCacheCapacity),
  en: new BoundedCache(stemCacheCapacity),
};

/** How many stems of a language are remembered now (at most `stemCacheCapacity`). */
export const stemCacheSize = (language: Language): number => caches[language].size;

/**
 * Snowball stem of a word, folded; memoized per language because the stemmer is slow.
 * @example stemWord('opérations', 'fr') // => 'oper'
 */
export function stemWord(word: string, language: Language): string {
  return caches[language].get(word, (key) => foldText(stemmers[language].stem(key.toLowerCase())));
}
