import snowball from 'snowball-stemmers';
import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../../src/core/analysis/bounded-cache.ts';
import {
  foldCacheCapacity,
  foldCacheSize,
  foldText,
  tokenize,
} from '../../../src/core/analysis/normalize.ts';
import { stemCacheCapacity, stemCacheSize, stemWord } from '../../../src/core/analysis/stem.ts';

/** Words no dictionary holds, as a flood of queries would bring them: distinct, with accents. */
const madeUp = (count: number) => Array.from({ length: count }, (_, i) => `zorbé${i.toString(36)}ations`);

describe('the analysis caches', () => {
  it('forget the least recently used entry first, and never hold more than their capacity', () => {
    const cache = new BoundedCache<string, number>(2);
    let computed = 0;
    const length = (key: string) => {
      computed += 1;
      return key.length;
    };
    expect(cache.get('a', length)).toBe(1);
    expect(cache.get('bb', length)).toBe(2);
    expect(cache.get('a', length)).toBe(1); // remembered, and now the newest
    expect(computed).toBe(2);
    expect(cache.get('ccc', length)).toBe(3); // 'bb' goes, the least recently used
    expect(cache.size).toBe(2);
    expect(cache.get('a', length)).toBe(1);
    expect(computed).toBe(3);
    expect(cache.get('bb', length)).toBe(2);
    expect(computed).toBe(4);
    expect(() => new BoundedCache(0)).toThrow(RangeError);
  });

  // The stemmer takes some 10 µs a word: 200,000 stems on a busy machine take seconds.
  it('stay at their cap when 100,000 distinct made-up words are stemmed, and stemming stays right', () => {
    const before = { fr: stemWord('opérations', 'fr'), en: stemWord('operations', 'en') };
    const words = madeUp(100_000);
    for (const word of words) {
      stemWord(word, 'fr');
      stemWord(word, 'en');
    }
    expect(stemCacheSize('fr')).toBe(stemCacheCapacity);
    expect(stemCacheSize('en')).toBe(stemCacheCapacity);
    // The words stemmed before the flood were forgotten, and come back the same.
    expect(stemWord('opérations', 'fr')).toBe(before.fr);
    expect(stemWord('opérations', 'fr')).toBe('oper');
    expect(stemWord('operations', 'en')).toBe(before.en);
    // Whether remembered (the newest) or forgotten (the oldest), a stem is the stemmer's own, folded.
    const french = snowball.newStemmer('french');
    const english = snowball.newStemmer('english');
    for (const word of [words[0]!, words[50_000]!, words.at(-1)!]) {
      expect(stemWord(word, 'fr')).toBe(foldText(french.stem(word)));
      expect(stemWord(word, 'en')).toBe(foldText(english.stem(word)));
    }
    expect(stemCacheSize('fr')).toBe(stemCacheCapacity);
  }, 60_000);

  it('keep folded words at their cap when a flood of made-up words is tokenized', () => {
    const words = madeUp(100_000);
    for (let i = 0; i < words.length; i += 1000) tokenize(words.slice(i, i + 1000).join(' '));
    expect(foldCacheSize()).toBe(foldCacheCapacity);
    expect(tokenize('Sécurité ŒUVRE').map((token) => token.term)).toEqual(['securite', 'oeuvre']);
    expect(tokenize(words[0]!).map((token) => token.term)).toEqual([foldText(words[0]!)]);
  });
});
