import MiniSearch from 'minisearch';
import { contentTokens, termsOf } from '../analysis/analyzer';
import type { Language, ParagraphRecord } from '../corpus';

/** The searchable fields of a language's index: the delivered text and a counterpart are weighed apart. */
export type IndexField = 'delivered' | 'counterpart';
export const indexFields: readonly IndexField[] = ['delivered', 'counterpart'];

/** A document as the index stores it: its terms, already analysed, joined by spaces. */
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
  /** Every index term per language (surfaces and stems) → how many paragraphs hold it: for query planning. */
  terms: Record<Language, ReadonlyMap<string, number>>;
  /** Folded surface words per language → how they are written, for "did you mean" and language guessing. */
  words: Record<Language, ReadonlyMap<string, string>>;
}

/**
 * MiniSearch options for one language. Texts are analysed before they reach the index
 * (see `analyzeParagraph`), so the index only splits on spaces; queries are planned
 * term by term. `loadJSON` needs these same options.
 */
export function indexOptions() {
  return {
    fields: [...indexFields],
    storeFields: [],
    tokenize: (text: string) => text.split(' '),
    processTerm: (term: string) => term || null,
    searchOptions: { tokenize: (text: string) => [text], processTerm: (term: string) => term },
  };
}

/** One language of a paragraph, analysed once for the index, the vocabularies and the theme tags. */
export interface AnalyzedText {
  field: IndexField;
  /** Index terms in text order: folded surfaces and stems. */
  terms: string[];
  /** Folded surface → as written, for the words of this text. */
  words: Array<[string, string]>;
}

/** Analyses both languages of a paragraph with the search analysis. */
export function analyzeParagraph(paragraph: ParagraphRecord): Partial<Record<Language, AnalyzedText>> {
  const out: Partial<Record<Language, AnalyzedText>> = {};
  for (const language of ['fr', 'en'] as const) {
    const version = paragraph.text[language];
    if (!version) continue;
    const terms: string[] = [];
    const words: Array<[string, string]> = [];
    for (const token of contentTokens(version.text, language)) {
      for (const term of termsOf(token, language)) terms.push(term);
      if (!token.joined) words.push([token.term, version.text.slice(token.start, token.end)]);
    }
    out[language] = { field: version.origin === 'delivered' ? 'delivered' : 'counterpart', terms, words };
  }
  return out;
}

/** Builds both language indexes from analysed paragraphs, with their vocabularies. */
export function buildQuoteIndex(
  analyzed: Iterable<{ id: string; texts: Partial<Record<Language, AnalyzedText>> }>,
): QuoteIndex {
  const indexes = {
    fr: new MiniSearch<IndexedDocument>(indexOptions()),
    en: new MiniSearch<IndexedDocument>(indexOptions()),
  };
  const terms = { fr: new Map<string, number>(), en: new Map<string, number>() };
  const words = { fr: new Map<string, string>(), en: new Map<string, string>() };
  for (const { id, texts } of analyzed) {
    for (const language of ['fr', 'en'] as const) {
      const text = texts[language];
      if (!text) continue;
      indexes[language].add({ id, [text.field]: text.terms.join(' ') });
      for (const term of new Set(text.terms)) terms[language].set(term, (terms[language].get(term) ?? 0) + 1);
      for (const [term, written] of text.words)
        if (!words[language].has(term)) words[language].set(term, written);
    }
  }
  return { indexes, terms, words };
}

/** Bump when the analysis or the index options change: snapshots made before are then rebuilt. */
export const indexVersion = 'quote-index-2';

/** The index as plain data, for a snapshot. */
export function quoteIndexToJSON(index: QuoteIndex) {
  return {
    fr: index.indexes.fr.toJSON(),
    en: index.indexes.en.toJSON(),
    words: { fr: [...index.words.fr], en: [...index.words.en] },
  };
}
export type QuoteIndexJSON = ReturnType<typeof quoteIndexToJSON>;

/** Restores an index saved by `quoteIndexToJSON`, with the same options it was built with. */
export function loadQuoteIndex(json: QuoteIndexJSON): QuoteIndex {
  const terms = (saved: { index: Array<[string, Record<string, Record<string, number>>]> }) =>
    new Map(
      saved.index.map(([term, fields]) => [
        term,
        Object.values(fields).reduce((sum, postings) => sum + Object.keys(postings).length, 0),
      ]),
    );
  return {
    indexes: {
      fr: MiniSearch.loadJS<IndexedDocument>(json.fr, indexOptions()),
      en: MiniSearch.loadJS<IndexedDocument>(json.en, indexOptions()),
    },
    terms: { fr: terms(json.fr as never), en: terms(json.en as never) },
    words: { fr: new Map(json.words.fr), en: new Map(json.words.en) },
  };
}
