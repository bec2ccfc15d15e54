import { isStopWord, termsOf, tokenize } from '../analysis/analyzer.ts';
import { type Language, languages, type ParagraphRecord } from '../corpus.ts';
import { ScratchPool } from './engine.ts';
import { perLanguage } from './per-language.ts';
import {
  type LanguagePostings,
  PostingsBuilder,
  postingCount,
  type TokenSequence,
  tokenFlags,
} from './postings.ts';

/** The searchable fields of a language's index: the delivered text and a counterpart are weighed apart. */
export type IndexField = 'delivered' | 'counterpart';

/** How many paragraphs hold a term (folded surface or stem), for query planning. */
export interface TermCounts {
  has(term: string): boolean;
  get(term: string): number | undefined;
}

/**
 * The search index of both languages over the same paragraphs, numbered in the knowledge's
 * order (newest statement first): a French query meets French text whether it was
 * delivered or translated, and the reverse. The postings are ours (`postings.ts`), with
 * MiniSearch's radix tree for the vocabulary; only `core/search` looks inside.
 */
export interface QuoteIndex {
  postings: Record<Language, LanguagePostings>;
  /** Document number → paragraph id. */
  ids: readonly string[];
  /** Paragraph id → document number. */
  numbers: ReadonlyMap<string, number>;
  /** Every index term per language (surfaces and stems) → how many paragraphs hold it: for query planning. */
  terms: Record<Language, TermCounts>;
  /** Folded surface words per language → how they are written, for "did you mean" and language guessing. */
  words: Record<Language, ReadonlyMap<string, string>>;
  /** Working arrays for queries, reused. */
  pool: ScratchPool;
}

/** One language of a paragraph, analysed once for the index, the vocabularies and the theme tags. */
export interface AnalyzedText {
  field: IndexField;
  /** Index terms in text order: folded surfaces and stems. */
  terms: string[];
  /** Folded surface → as written, for the words of this text. */
  words: Array<[string, string]>;
  /** Every word in text order, stop words included: for phrases and word distances. */
  sequence: TokenSequence;
}

/** Analyses both languages of a paragraph with the search analysis. */
export function analyzeParagraph(paragraph: ParagraphRecord): Partial<Record<Language, AnalyzedText>> {
  const out: Partial<Record<Language, AnalyzedText>> = {};
  for (const language of languages) {
    const version = paragraph.text[language];
    if (!version) continue;
    const terms: string[] = [];
    const words: Array<[string, string]> = [];
    const sequence: TokenSequence = { words: [], stems: [], flags: [] };
    for (const token of tokenize(version.text)) {
      const stop = isStopWord(token.term, language);
      sequence.words.push(token.term);
      sequence.flags.push((stop ? tokenFlags.stop : 0) | (token.joined ? tokenFlags.joined : 0));
      if (stop) {
        sequence.stems.push(token.term);
        continue;
      }
      const own = termsOf(token, language);
      for (const term of own) terms.push(term);
      sequence.stems.push(own.at(-1)!);
      if (!token.joined) words.push([token.term, version.text.slice(token.start, token.end)]);
    }
    out[language] = {
      field: version.origin === 'delivered' ? 'delivered' : 'counterpart',
      terms,
      words,
      sequence,
    };
  }
  return out;
}

/** Builds both language indexes from analysed paragraphs, in order, with their vocabularies. */
export function buildQuoteIndex(
  analyzed: Iterable<{ id: string; texts: Partial<Record<Language, AnalyzedText>> }>,
): QuoteIndex {
  const builders = perLanguage(() => new PostingsBuilder());
  const words = perLanguage(() => new Map<string, string>());
  const ids: string[] = [];
  for (const { id, texts } of analyzed) {
    const doc = ids.length;
    ids.push(id);
    for (const language of languages) {
      const text = texts[language];
      if (!text) continue;
      builders[language].add(doc, text.field === 'delivered' ? 1 : 2, text.terms, text.sequence);
      for (const [term, written] of text.words)
        if (!words[language].has(term)) words[language].set(term, written);
    }
  }
  return assembleQuoteIndex(
    perLanguage((language) => builders[language].finish(ids.length)),
    ids,
    words,
  );
}

/** The index of packed postings, document ids and vocabularies: built here, or restored from a snapshot. */
export function assembleQuoteIndex(
  postings: Record<Language, LanguagePostings>,
  ids: string[],
  words: Record<Language, ReadonlyMap<string, string>>,
): QuoteIndex {
  const counts = (language: Language): TermCounts => ({
    has: (term) => postings[language].ids.has(term),
    get: (term) => {
      const t = postings[language].ids.get(term);
      return t === undefined ? undefined : postingCount(postings[language], t);
    },
  });
  return {
    postings,
    ids,
    numbers: new Map(ids.map((id, doc) => [id, doc])),
    terms: perLanguage(counts),
    words,
    pool: new ScratchPool(ids.length),
  };
}
