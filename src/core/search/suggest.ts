import MiniSearch from 'minisearch';
import { tokenize } from '../analysis/normalize';
import type { QuoteIndex } from './quote-index';

/**
 * The corpus vocabulary as its own small MiniSearch index (one document per word), built
 * on the first query that needs a suggestion: looking a typo up there costs as much as the
 * words it resembles, not as much as the paragraphs they appear in.
 */
const vocabularies = new WeakMap<QuoteIndex, MiniSearch<{ id: string; written: string }>>();

function vocabularyOf(index: QuoteIndex) {
  let vocabulary = vocabularies.get(index);
  if (!vocabulary) {
    vocabulary = new MiniSearch<{ id: string; written: string }>({
      fields: ['id'],
      storeFields: ['written'],
      tokenize: (text) => [text],
      processTerm: (term) => term,
    });
    const words = new Map([...index.words.en, ...index.words.fr]);
    vocabulary.addAll([...words].map(([id, written]) => ({ id, written })));
    vocabularies.set(index, vocabulary);
  }
  return vocabulary;
}

/** Corpus words close to what was typed, as the corpus writes them ("kigalo" → "Kigali"). */
export function suggest(query: string, index: QuoteIndex, typed: string[]): string[] {
  const out = new Map<string, number>();
  // Only words the corpus does not know need a suggestion; a few are enough.
  const words = tokenize(typed.join(' ') || query)
    .filter((token) => !token.joined && token.term.length >= 3)
    .filter((token) => !index.words.fr.has(token.term) && !index.words.en.has(token.term))
    .slice(0, 3);
  if (words.length === 0) return [];
  const vocabulary = vocabularyOf(index);
  for (const { term } of words) {
    const suggestions = vocabulary.autoSuggest(term, {
      fuzzy: Math.min(3, Math.max(1, Math.round(term.length * 0.34))),
      prefix: term.length >= 4,
    });
    for (const suggestion of suggestions.slice(0, 5)) {
      const written = index.words.en.get(suggestion.suggestion) ?? index.words.fr.get(suggestion.suggestion);
      if (written && suggestion.suggestion !== term)
        out.set(written, Math.max(out.get(written) ?? 0, suggestion.score));
    }
  }
  return [...out.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([word]) => word);
}
