import { isStopWord, termsOf, tokenize } from '../analysis/analyzer.ts';
import type { Language, ParagraphRecord } from '../corpus.ts';
import { ScratchPool } from './engine.ts';
import {
  joinStrings,
  type LanguagePostings,
  PostingsBuilder,
  postingCount,
  postingsFromData,
  postingsToData,
  splitStrings,
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
  for (const language of ['fr', 'en'] as const) {
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
  const builders = { fr: new PostingsBuilder(), en: new PostingsBuilder() };
  const words = { fr: new Map<string, string>(), en: new Map<string, string>() };
  const ids: string[] = [];
  for (const { id, texts } of analyzed) {
    const doc = ids.length;
    ids.push(id);
    for (const language of ['fr', 'en'] as const) {
      const text = texts[language];
      if (!text) continue;
      builders[language].add(doc, text.field === 'delivered' ? 1 : 2, text.terms, text.sequence);
      for (const [term, written] of text.words)
        if (!words[language].has(term)) words[language].set(term, written);
    }
  }
  return assemble({ fr: builders.fr.finish(ids.length), en: builders.en.finish(ids.length) }, ids, words);
}

function assemble(
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
    terms: { fr: counts('fr'), en: counts('en') },
    words,
    pool: new ScratchPool(ids.length),
  };
}

/** Bump when the analysis, the index or its snapshot change: snapshots made before are then rebuilt. */
export const indexVersion = 'quote-index-5';

/** The index as plain data (typed arrays and strings), for a snapshot. */
export function quoteIndexToData(index: QuoteIndex) {
  const words = (language: Language) => ({
    folded: joinStrings([...index.words[language].keys()]),
    written: joinStrings([...index.words[language].values()]),
  });
  return {
    ids: joinStrings(index.ids),
    fr: postingsToData(index.postings.fr),
    en: postingsToData(index.postings.en),
    words: { fr: words('fr'), en: words('en') },
  };
}
export type QuoteIndexData = ReturnType<typeof quoteIndexToData>;

/**
 * Restores an index saved by `quoteIndexToData` one language at a time, awaiting `pause`
 * between the steps (the caller lets other work run there).
 */
export async function loadQuoteIndexInSteps(
  data: QuoteIndexData,
  pause: () => Promise<void>,
): Promise<QuoteIndex> {
  const fr = postingsFromData(data.fr);
  await pause();
  const en = postingsFromData(data.en);
  await pause();
  return assemble({ fr, en }, splitStrings(data.ids), {
    fr: wordsOf(data.words.fr),
    en: wordsOf(data.words.en),
  });
}

const wordsOf = (saved: { folded: string; written: string }) => {
  const written = splitStrings(saved.written);
  return new Map(splitStrings(saved.folded).map((folded, i) => [folded, written[i]!]));
};

/** Restores an index saved by `quoteIndexToData`. */
export function loadQuoteIndex(data: QuoteIndexData): QuoteIndex {
  return assemble({ fr: postingsFromData(data.fr), en: postingsFromData(data.en) }, splitStrings(data.ids), {
    fr: wordsOf(data.words.fr),
    en: wordsOf(data.words.en),
  });
}
