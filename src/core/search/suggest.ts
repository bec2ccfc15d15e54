import { tokenize } from '../analysis/normalize.ts';
import { languages } from '../corpus.ts';
import { expand, fuzzyWeight } from './engine.ts';
import type { LanguagePostings } from './postings.ts';
import type { QuoteIndex } from './quote-index.ts';

/**
 * Index terms within `distance` edits of `term` (and its completions), weighed as a search
 * weighs them. Three edits are looked for only among words with the same first letter:
 * over the whole vocabulary they cost far more than the search itself, and a typo in
 * the first letter as well as two more is rarely what was meant.
 */
function nearWords(
  postings: LanguagePostings,
  term: string,
  distance: number,
): Array<{ word: string; weight: number }> {
  if (distance < 3) {
    return expand(postings, { term, prefix: term.length >= 4, fuzzy: distance }).map(({ t, weight }) => ({
      word: postings.terms[t]!,
      weight,
    }));
  }
  const first = term[0]!;
  const out: Array<{ word: string; weight: number }> = [];
  const branch = postings.vocabulary.atPrefix(first);
  for (const [rest, [, edits]] of branch.fuzzyGet(term.slice(1), distance)) {
    if (edits > 0) out.push({ word: first + rest, weight: fuzzyWeight(first + rest, edits) });
  }
  return out;
}

/**
 * Corpus words close to what was typed, as the corpus writes them ("kigalo" → "Kigali").
 * The near words come from the index's own radix trees (no second index to build): each
 * word is weighed as a search weighs a prefix or a typo (shorter distance, longer word:
 * closer), and only words of the texts are offered, never bare stems.
 */
export function suggest(query: string, index: QuoteIndex, typed: string[]): string[] {
  const out = new Map<string, number>();
  // Only words the corpus does not know need a suggestion; a few are enough.
  const words = tokenize(typed.join(' ') || query)
    .filter((token) => !token.joined && token.term.length >= 3)
    .filter((token) => !languages.some((language) => index.words[language].has(token.term)))
    .slice(0, 3);
  for (const { term } of words) {
    // The nearest spellings first: one edit, then two, then three for long words, each
    // step only when the one before found nothing (a wider step costs far more).
    const near = new Map<string, number>();
    const most = Math.min(3, Math.max(1, Math.round(term.length * 0.34)));
    for (let distance = 1; distance <= most && near.size === 0; distance++) {
      for (const language of languages) {
        for (const { word, weight } of nearWords(index.postings[language], term, distance)) {
          if (word !== term && index.words[language].has(word))
            near.set(word, Math.max(near.get(word) ?? 0, weight));
        }
      }
    }
    const best = [...near].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 5);
    for (const [word, weight] of best) {
      const written = index.words.en.get(word) ?? index.words.fr.get(word)!;
      out.set(written, Math.max(out.get(written) ?? 0, weight));
    }
  }
  return [...out.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([word]) => word);
}
