import { findPosting, inverseFrequency, type LanguagePostings, termScore } from './postings.ts';

/**
 * The query engine: scores a query tree over `LanguagePostings` exactly as MiniSearch's
 * `search` would over the same texts (same BM25+, same prefix and fuzzy weights, same
 * AND/OR sums in the same order, the same "quality" factor), in typed arrays instead of
 * result objects. Nothing else in the code base scores postings.
 */

/** A term as looked up: exactly, or with its prefix completions, or with near spellings. */
export interface TermQuery {
  term: string;
  prefix: boolean;
  /** Largest edit distance for near spellings; 0 for none. */
  fuzzy: number;
}
/** A word: the forms it is looked up by, whose scores add up (OR). */
export type WordQuery = readonly TermQuery[];
/** Words that must all be found (AND). */
export type AlternativeQuery = readonly WordQuery[];
/** Alternatives, any of which may be found (OR): one concept in one language. */
export type ConceptQuery = readonly AlternativeQuery[];

/** A term of the index that a query term stands for, with MiniSearch's weight for how it was reached. */
interface DerivedTerm {
  t: number;
  weight: number;
  /** The query term it came from (MiniSearch's "quality" counts these). */
  source: number;
}

/** A concept compiled against one language: every term it reaches, in MiniSearch's order. */
export interface CompiledQuery {
  postings: LanguagePostings;
  alternatives: DerivedTerm[][][];
  sources: number;
}

/** MiniSearch's default weights for prefix and fuzzy expansions. */
const expansionWeights = { prefix: 0.375, fuzzy: 0.45 } as const;

/** MiniSearch's weight of a near spelling `distance` edits away. */
export const fuzzyWeight = (term: string, distance: number) =>
  (expansionWeights.fuzzy * term.length) / (term.length + distance);

/** The index terms `query` reaches, in the order MiniSearch visits them, with its weights. */
export function expand(postings: LanguagePostings, query: TermQuery): Array<{ t: number; weight: number }> {
  const out: Array<{ t: number; weight: number }> = [];
  const exact = postings.ids.get(query.term);
  if (exact !== undefined) out.push({ t: exact, weight: 1 });
  const fuzzy = query.fuzzy > 0 ? postings.vocabulary.fuzzyGet(query.term, query.fuzzy) : undefined;
  if (query.prefix) {
    for (const [term, t] of postings.vocabulary.atPrefix(query.term)) {
      const distance = term.length - query.term.length;
      if (!distance) continue;
      fuzzy?.delete(term);
      out.push({ t, weight: (expansionWeights.prefix * term.length) / (term.length + 0.3 * distance) });
    }
  }
  if (fuzzy) {
    for (const [term, [t, distance]] of fuzzy) {
      if (!distance) continue;
      out.push({ t, weight: fuzzyWeight(term, distance) });
    }
  }
  return out;
}

/** Resolves a concept's terms in one language. */
/** Expansions already made during one search (the same word can stand in several alternatives). */
export type Expansions = Map<LanguagePostings, Map<string, ReadonlyArray<{ t: number; weight: number }>>>;

export function compile(
  postings: LanguagePostings,
  concept: ConceptQuery,
  expansions: Expansions = new Map(),
): CompiledQuery {
  const sources = new Map<string, number>();
  const alternatives = concept.map((words) =>
    words.map((forms) =>
      forms.flatMap((form) => {
        let source = sources.get(form.term);
        if (source === undefined) {
          source = sources.size;
          sources.set(form.term, source);
        }
        let made = expansions.get(postings);
        if (!made) {
          made = new Map();
          expansions.set(postings, made);
        }
        const key = `${form.term}|${form.prefix}|${form.fuzzy}`;
        let found = made.get(key);
        if (!found) {
          found = expand(postings, form);
          made.set(key, found);
        }
        return found.map((derived) => ({ ...derived, source }));
      }),
    ),
  );
  return { postings, alternatives, sources: sources.size };
}

/** Field boosts: the delivered text and a counterpart. */
export interface Boosts {
  delivered: number;
  counterpart: number;
}

/**
 * Dense per-document working arrays, reused across queries: scores, a mask of the query
 * terms found (non-zero once a document is touched) and the list of documents touched.
 */
export class Scratch {
  readonly score: Float64Array;
  readonly mask: Uint32Array;
  readonly list: Int32Array;
  size = 0;
  constructor(documents: number) {
    this.score = new Float64Array(documents);
    this.mask = new Uint32Array(documents);
    this.list = new Int32Array(documents);
  }
  has(doc: number) {
    return this.mask[doc] !== 0;
  }
  /** Adds `score` to `doc` (its first touch sets it: 0 + x is x). */
  add(doc: number, score: number, mask: number) {
    if (this.mask[doc] === 0) this.list[this.size++] = doc;
    this.score[doc]! += score;
    this.mask[doc]! |= mask;
  }
  /** Adds `score` to `doc` and counts one more match in its mask. */
  count(doc: number, score: number) {
    if (this.mask[doc] === 0) this.list[this.size++] = doc;
    this.score[doc]! += score;
    this.mask[doc]! += 1;
  }
  clear() {
    for (let i = 0; i < this.size; i++) {
      const doc = this.list[i]!;
      this.score[doc] = 0;
      this.mask[doc] = 0;
    }
    this.size = 0;
  }
}

/** Scratch arrays for one index's documents: taken for a query, given back after it. */
export class ScratchPool {
  private readonly free: Scratch[] = [];
  private none: Scratch | undefined;
  readonly documents: number;
  constructor(documents: number) {
    this.documents = documents;
  }
  /** Arrays that stay empty, shared: for matches of nothing (never given back, never written). */
  get empty(): Scratch {
    this.none ??= new Scratch(this.documents);
    return this.none;
  }
  take(): Scratch {
    return this.free.pop() ?? new Scratch(this.documents);
  }
  give(scratch: Scratch) {
    scratch.clear();
    if (this.free.length < 16) this.free.push(scratch);
  }
}

const bit = (source: number) => (1 << (source & 31)) >>> 0;

function popcount(mask: number) {
  let v = mask - ((mask >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Term t's contributions to `out`, weighted, with the idf of each field computed once. */
function scoreTerm(out: Scratch, postings: LanguagePostings, term: DerivedTerm, boosts: Boosts) {
  const { offsets, docs, freqs, field, length, averageLength, fieldCounts, documentCount } = postings;
  const t = term.t;
  const idf1 = inverseFrequency(fieldCounts[2 * t]!, documentCount);
  const idf2 = inverseFrequency(fieldCounts[2 * t + 1]!, documentCount);
  const weight1 = term.weight * boosts.delivered;
  const weight2 = term.weight * boosts.counterpart;
  const average1 = averageLength[0]!;
  const average2 = averageLength[1]!;
  const mask = bit(term.source);
  for (let i = offsets[t]!; i < offsets[t + 1]!; i++) {
    const doc = docs[i]!;
    const score =
      field[doc] === 1
        ? weight1 * termScore(idf1, freqs[i]!, length[doc]!, average1)
        : weight2 * termScore(idf2, freqs[i]!, length[doc]!, average2);
    out.add(doc, score, mask);
  }
}

/** One term's contribution to one document, or 0 when the document does not hold it. */
function probeTerm(postings: LanguagePostings, term: DerivedTerm, doc: number, boosts: Boosts): number {
  const at = findPosting(postings, term.t, doc);
  if (at < 0) return 0;
  const f = postings.field[doc]!;
  const idf = inverseFrequency(postings.fieldCounts[2 * term.t + f - 1]!, postings.documentCount);
  const boost = f === 1 ? boosts.delivered : boosts.counterpart;
  return (
    term.weight *
    boost *
    termScore(idf, postings.freqs[at]!, postings.length[doc]!, postings.averageLength[f - 1]!)
  );
}

/**
 * Every document the query matches, with MiniSearch's score (quality included), in a
 * scratch taken from `pool`: the caller gives it back.
 */
export function scoreQuery(query: CompiledQuery, boosts: Boosts, pool: ScratchPool): Scratch {
  let result: Scratch | undefined;
  for (const words of query.alternatives) {
    let matched: Scratch | undefined;
    for (const derived of words) {
      const word = pool.take();
      for (const term of derived) scoreTerm(word, query.postings, term, boosts);
      if (!matched) {
        matched = word;
        continue;
      }
      // AND: only the documents both hold, their scores added.
      const both = pool.take();
      for (let i = 0; i < word.size; i++) {
        const doc = word.list[i]!;
        if (matched.has(doc))
          both.add(doc, matched.score[doc]! + word.score[doc]!, matched.mask[doc]! | word.mask[doc]!);
      }
      pool.give(matched);
      pool.give(word);
      matched = both;
    }
    if (!matched) continue;
    if (!result) {
      result = matched;
      continue;
    }
    // OR: every document, scores added where both hold it.
    for (let i = 0; i < matched.size; i++) {
      const doc = matched.list[i]!;
      result.add(doc, matched.score[doc]!, matched.mask[doc]!);
    }
    pool.give(matched);
  }
  const out = result ?? pool.take();
  for (let i = 0; i < out.size; i++) {
    const doc = out.list[i]!;
    out.score[doc]! *= quality(query, doc, out.mask[doc]!);
  }
  return out;
}

/** MiniSearch's quality: how many distinct query terms a matching document holds. */
function quality(query: CompiledQuery, doc: number, mask: number): number {
  if (query.sources <= 32) return popcount(mask);
  return new Set(heldTerms(query, doc).map((term) => term.source)).size;
}

/** The derived terms a document holds, in the alternatives it holds whole (MiniSearch's "match"). */
function heldTerms(query: CompiledQuery, doc: number): DerivedTerm[] {
  const found: DerivedTerm[] = [];
  for (const words of query.alternatives) {
    const held = words.map((derived) =>
      derived.filter((term) => findPosting(query.postings, term.t, doc) >= 0),
    );
    if (held.length > 0 && held.every((terms) => terms.length > 0)) found.push(...held.flat());
  }
  return found;
}

/** MiniSearch's score of one document (0 when it does not match), found by binary searches. */
export function probeQuery(query: CompiledQuery, doc: number, boosts: Boosts): number {
  let total = 0;
  let any = false;
  let mask = 0;
  for (const words of query.alternatives) {
    let sum = 0;
    let all = true;
    let altMask = 0;
    for (const derived of words) {
      let word = 0;
      let held = false;
      for (const term of derived) {
        const score = probeTerm(query.postings, term, doc, boosts);
        if (score === 0) continue;
        word += score;
        held = true;
        altMask |= bit(term.source);
      }
      if (!held) {
        all = false;
        break;
      }
      sum = words[0] === derived ? word : sum + word;
    }
    if (!all || words.length === 0) continue;
    total = any ? total + sum : sum;
    any = true;
    mask |= altMask;
  }
  return any ? total * quality(query, doc, mask) : 0;
}

/** The index terms a matching document holds, as MiniSearch lists them ("match"): the words to mark. */
export function matchedTerms(query: CompiledQuery, doc: number): string[] {
  return [...new Set(heldTerms(query, doc).map((term) => query.postings.terms[term.t]!))];
}
