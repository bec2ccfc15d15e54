import MiniSearch from 'minisearch';
import { contentTokens, termsOf } from '../analysis/analyzer';
import type { Language, ParagraphRecord } from '../corpus';

/** The searchable fields of a language's index: the delivered text and a counterpart are weighed apart. */
export type IndexField = 'delivered' | 'counterpart';
export const indexFields: readonly IndexField[] = ['delivered', 'counterpart'];

interface IndexedDocument {
  id: string;
  delivered?: string;
  counterpart?: string;
}

/**
 * Two MiniSearch indexes, one per language, over the same paragraph ids: a French
 * query meets French text whether it was delivered or translated, and the reverse.
 */
export interface QuoteIndex {
  indexes: Record<Language, MiniSearch<IndexedDocument>>;
  /** Every index term per language (surfaces and stems), for planning exact, prefix or fuzzy matching. */
  terms: Record<Language, ReadonlySet<string>>;
  /** Folded surface words per language → how they are written, for "did you mean" and language guessing. */
  words: Record<Language, ReadonlyMap<string, string>>;
}

/** MiniSearch options for one language: our own analysis instead of the default tokenizer. */
export function indexOptions(language: Language) {
  return {
    fields: [...indexFields],
    storeFields: [],
    tokenize: (text: string) =>
      contentTokens(text, language).map((token) => `${token.term}\u0000${token.word}`),
    processTerm: (packed: string) => {
      const [term = '', word = ''] = packed.split('\u0000');
      return termsOf({ term, word: word || term }, language);
    },
    searchOptions: { tokenize: (text: string) => [text], processTerm: (term: string) => term },
  };
}

/** Builds both language indexes over the paragraphs, with their vocabularies. */
export function buildQuoteIndex(paragraphs: Iterable<ParagraphRecord>): QuoteIndex {
  const indexes = {
    fr: new MiniSearch<IndexedDocument>(indexOptions('fr')),
    en: new MiniSearch<IndexedDocument>(indexOptions('en')),
  };
  const terms = { fr: new Set<string>(), en: new Set<string>() };
  const words = { fr: new Map<string, string>(), en: new Map<string, string>() };
  const documents: Record<Language, IndexedDocument[]> = { fr: [], en: [] };
  for (const paragraph of paragraphs) {
    for (const language of ['fr', 'en'] as const) {
      const version = paragraph.text[language];
      if (!version) continue;
      const field: IndexField = version.origin === 'delivered' ? 'delivered' : 'counterpart';
      documents[language].push({ id: paragraph.id, [field]: version.text });
      for (const token of contentTokens(version.text, language)) {
        for (const term of termsOf(token, language)) terms[language].add(term);
        if (!token.joined && !words[language].has(token.term)) {
          words[language].set(token.term, version.text.slice(token.start, token.end));
        }
      }
    }
  }
  indexes.fr.addAll(documents.fr);
  indexes.en.addAll(documents.en);
  return { indexes, terms, words };
}
