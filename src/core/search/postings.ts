import SearchableMap from 'minisearch/SearchableMap';

/**
 * One language's inverted index in compact typed arrays: for each term, its paragraphs
 * (ascending document numbers) and term frequencies, with each paragraph's field
 * (delivered text or counterpart) and length. MiniSearch's radix tree (`SearchableMap`,
 * its public export) holds the vocabulary and expands prefixes and typos; the scoring is
 * ours (see `engine.ts`), with MiniSearch's BM25+ so that scores stay what they were.
 *
 * Postings are cut in blocks of `blockSize`; each block keeps, per field, the largest term
 * score any of its paragraphs can get (idf included, boosts and query weights excluded):
 * the upper bounds that let a search skip what cannot enter its top k.
 */
export interface LanguagePostings {
  /** Term → term number, in order of first appearance: the radix tree, for prefixes and typos. */
  vocabulary: SearchableMap<number>;
  /** Term → term number, for exact lookups. */
  ids: ReadonlyMap<string, number>;
  /** Term number → term. */
  terms: string[];
  /** Term t's postings are [offsets[t], offsets[t + 1]). */
  offsets: Uint32Array;
  /** Document numbers, ascending within a term. */
  docs: Uint32Array;
  /** Term frequency of each posting. */
  freqs: Uint16Array;
  /** Per term: how many paragraphs hold it in the delivered text [2t] and in a counterpart [2t + 1]. */
  fieldCounts: Uint32Array;
  /** Term t's blocks are [blockOffsets[t], blockOffsets[t + 1]). */
  blockOffsets: Uint32Array;
  /** Per block: the largest delivered-text score [2b] and counterpart score [2b + 1] (0 when none). */
  blockMax: Float64Array;
  /** Per document: 0 when this language is absent, 1 delivered text, 2 counterpart. */
  field: Uint8Array;
  /** Per document: its length as MiniSearch counts it (distinct terms). */
  length: Uint16Array;
  /** Average length per field [delivered, counterpart], computed as MiniSearch does. */
  averageLength: Float64Array;
  /** Paragraphs that have this language. */
  documentCount: number;
  /**
   * The forward index: each paragraph's words in text order, stop words included, so that
   * phrases and word distances are checked without reading the text again. Document d's
   * words are [tokenOffsets[d], tokenOffsets[d + 1]).
   */
  tokenOffsets: Uint32Array;
  /** The word's term number, or for a stop word its number in `stopWords`. */
  tokenWords: Uint32Array;
  /** The term number of the word's stem (its own number when it has none). */
  tokenStems: Uint32Array;
  /** `tokenFlags` bits. */
  tokenFlags: Uint8Array;
  /** Stop words met in the texts (never indexed, but part of phrases). */
  stopWords: string[];
}

/** One language of one paragraph in text order: folded words, the stem of each, and flags. */
export interface TokenSequence {
  words: string[];
  stems: string[];
  flags: number[];
}

/** Flags of a word in the forward index. */
export const tokenFlags = {
  /** A stop word of this language (numbered in `stopWords`). */
  stop: 1,
  /** The extra joined form of a hyphenated word or a spaced number, not part of phrases. */
  joined: 2,
} as const;

export const blockSize = 64;

/** MiniSearch's BM25+ parameters (its defaults, which the index always used). */
export const bm25 = { k: 1.2, b: 0.7, d: 0.5 } as const;

/** MiniSearch's inverse document frequency, as it computes it. */
export const inverseFrequency = (matching: number, total: number) =>
  Math.log(1 + (total - matching + 0.5) / (matching + 0.5));

/** MiniSearch's BM25+ of one term in one field, as it computes it (same operations, same order). */
export const termScore = (idf: number, freq: number, length: number, averageLength: number) => {
  const { k, b, d } = bm25;
  return idf * (d + (freq * (k + 1)) / (freq + k * (1 - b + (b * length) / averageLength)));
};

/** Collects one language's documents in order, then packs them into `LanguagePostings`. */
export class PostingsBuilder {
  private readonly ids = new Map<string, number>();
  private readonly termList: string[] = [];
  private termIds = new Uint32Array(1024);
  private termFreqs = new Uint16Array(1024);
  private size = 0;
  private readonly docStarts: number[] = [0];
  private readonly docNumbers: number[] = [];
  private fields: number[] = [];
  private lengths: number[] = [];
  private readonly average = new Float64Array(2);
  private count = 0;
  private readonly sequences: TokenSequence[] = [];

  /**
   * Adds document `doc` (numbers ascending) with its terms in text order, in `field`
   * (1 delivered, 2 counterpart).
   */
  add(doc: number, field: 1 | 2, terms: readonly string[], sequence: TokenSequence) {
    const counts = new Map<string, number>();
    for (const term of terms) if (term) counts.set(term, (counts.get(term) ?? 0) + 1);
    // MiniSearch splits the joined terms on spaces: an empty text is one empty token.
    const length = terms.length === 0 ? 1 : new Set(terms).size;
    // Its running average counts every document before this one, whatever its field.
    this.average[field - 1] = (this.average[field - 1]! * this.count + length) / (this.count + 1);
    this.count += 1;
    this.fields[doc] = field;
    this.lengths[doc] = Math.min(length, 0xffff);
    this.grow(this.size + counts.size);
    for (const [term, freq] of counts) {
      let id = this.ids.get(term);
      if (id === undefined) {
        id = this.termList.length;
        this.ids.set(term, id);
        this.termList.push(term);
      }
      this.termIds[this.size] = id;
      this.termFreqs[this.size] = Math.min(freq, 0xffff);
      this.size += 1;
    }
    this.docNumbers.push(doc);
    this.docStarts.push(this.size);
    this.sequences.push(sequence);
  }

  private grow(needed: number) {
    if (needed <= this.termIds.length) return;
    const capacity = Math.max(needed, this.termIds.length * 2);
    const ids = new Uint32Array(capacity);
    ids.set(this.termIds.subarray(0, this.size));
    const freqs = new Uint16Array(capacity);
    freqs.set(this.termFreqs.subarray(0, this.size));
    this.termIds = ids;
    this.termFreqs = freqs;
  }

  /** Packs the postings of `documents` documents (numbered 0 … documents - 1). */
  finish(documents: number): LanguagePostings {
    const terms = this.termList.length;
    const offsets = new Uint32Array(terms + 1);
    for (let i = 0; i < this.size; i++) offsets[this.termIds[i]! + 1]! += 1;
    for (let t = 0; t < terms; t++) offsets[t + 1]! += offsets[t]!;
    const docs = new Uint32Array(this.size);
    const freqs = new Uint16Array(this.size);
    const next = offsets.slice(0, terms);
    for (let k = 0; k < this.docNumbers.length; k++) {
      const doc = this.docNumbers[k]!;
      for (let i = this.docStarts[k]!; i < this.docStarts[k + 1]!; i++) {
        const at = next[this.termIds[i]!]!++;
        docs[at] = doc;
        freqs[at] = this.termFreqs[i]!;
      }
    }
    const field = new Uint8Array(documents);
    const length = new Uint16Array(documents);
    for (const doc of this.docNumbers) {
      field[doc] = this.fields[doc]!;
      length[doc] = this.lengths[doc]!;
    }
    const vocabulary = new SearchableMap<number>();
    for (const [id, term] of this.termList.entries()) vocabulary.set(term, id);
    return withBounds({
      ...this.forward(documents),
      vocabulary,
      ids: this.ids,
      terms: this.termList,
      offsets,
      docs,
      freqs,
      field,
      length,
      averageLength: this.average,
      documentCount: this.count,
    });
  }

  /** Packs the words of every document in order, by term number (stop words by their own numbers). */
  private forward(documents: number) {
    let total = 0;
    for (const sequence of this.sequences) total += sequence.words.length;
    const tokenOffsets = new Uint32Array(documents + 1);
    const tokenWords = new Uint32Array(total);
    const tokenStems = new Uint32Array(total);
    const tokenFlags = new Uint8Array(total);
    const stopNumbers = new Map<string, number>();
    const stopWords: string[] = [];
    let at = 0;
    let previous = 0;
    this.sequences.forEach((sequence, k) => {
      const doc = this.docNumbers[k]!;
      for (let d = previous; d <= doc; d++) tokenOffsets[d] = at;
      previous = doc + 1;
      sequence.words.forEach((word, i) => {
        const flags = sequence.flags[i]!;
        tokenFlags[at] = flags;
        if (flags & 1) {
          let n = stopNumbers.get(word);
          if (n === undefined) {
            n = stopWords.length;
            stopNumbers.set(word, n);
            stopWords.push(word);
          }
          tokenWords[at] = n;
          tokenStems[at] = n;
        } else {
          tokenWords[at] = this.ids.get(word)!;
          tokenStems[at] = this.ids.get(sequence.stems[i]!)!;
        }
        at += 1;
      });
    });
    for (let d = previous; d <= documents; d++) tokenOffsets[d] = at;
    this.sequences.length = 0;
    return { tokenOffsets, tokenWords, tokenStems, tokenFlags, stopWords };
  }
}

type Packed = Omit<LanguagePostings, 'fieldCounts' | 'blockOffsets' | 'blockMax'>;

/** Adds the per-field counts and the per-block upper bounds, which follow from the postings. */
export function withBounds(packed: Packed): LanguagePostings {
  const { offsets, docs, freqs, field, length, averageLength, documentCount } = packed;
  const terms = offsets.length - 1;
  const fieldCounts = new Uint32Array(2 * terms);
  const blockOffsets = new Uint32Array(terms + 1);
  for (let t = 0; t < terms; t++) {
    for (let i = offsets[t]!; i < offsets[t + 1]!; i++) fieldCounts[2 * t + field[docs[i]!]! - 1]! += 1;
    blockOffsets[t + 1] = blockOffsets[t]! + Math.ceil((offsets[t + 1]! - offsets[t]!) / blockSize);
  }
  const blockMax = new Float64Array(2 * blockOffsets[terms]!);
  for (let t = 0; t < terms; t++) {
    const idf = [
      inverseFrequency(fieldCounts[2 * t]!, documentCount),
      inverseFrequency(fieldCounts[2 * t + 1]!, documentCount),
    ];
    for (let i = offsets[t]!, block = blockOffsets[t]!; i < offsets[t + 1]!; block++) {
      const end = Math.min(i + blockSize, offsets[t + 1]!);
      for (; i < end; i++) {
        const f = field[docs[i]!]! - 1;
        const score = termScore(idf[f]!, freqs[i]!, length[docs[i]!]!, averageLength[f]!);
        if (score > blockMax[2 * block + f]!) blockMax[2 * block + f] = score;
      }
    }
  }
  return { ...packed, fieldCounts, blockOffsets, blockMax };
}

/** How many paragraphs hold term number `t` (both fields). */
export const postingCount = (postings: LanguagePostings, t: number) =>
  postings.offsets[t + 1]! - postings.offsets[t]!;

/** The index of `doc` in term t's postings, or -1 when the term is not in it (binary search). */
export function findPosting(postings: LanguagePostings, t: number, doc: number): number {
  let low = postings.offsets[t]!;
  let high = postings.offsets[t + 1]! - 1;
  const docs = postings.docs;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const value = docs[middle]!;
    if (value === doc) return middle;
    if (value < doc) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Strings of a snapshot are stored joined: one long string deserializes far faster than many. */
const separator = '\u0000';
export const joinStrings = (strings: readonly string[]) => strings.join(separator);
export const splitStrings = (joined: string) => (joined === '' ? [] : joined.split(separator));

/** The postings as plain data (typed arrays and joined strings), for a snapshot: all but the maps. */
export function postingsToData(postings: LanguagePostings) {
  const { vocabulary: _vocabulary, ids: _ids, terms, stopWords, ...arrays } = postings;
  return { ...arrays, terms: joinStrings(terms), stopWords: joinStrings(stopWords) };
}
export type PostingsData = ReturnType<typeof postingsToData>;

/** Postings saved by `postingsToData`; the radix tree is rebuilt in the same order, so it iterates the same. */
export function postingsFromData(data: PostingsData): LanguagePostings {
  const terms = splitStrings(data.terms);
  const vocabulary = new SearchableMap<number>();
  const ids = new Map<string, number>();
  for (const [id, term] of terms.entries()) {
    vocabulary.set(term, id);
    ids.set(term, id);
  }
  return { ...data, terms, stopWords: splitStrings(data.stopWords), vocabulary, ids };
}
