import { type Boosts, type CompiledQuery, probeQuery } from './engine.ts';
import { blockSize, inverseFrequency, type LanguagePostings, termScore } from './postings.ts';

/**
 * Top-k retrieval with early termination (MaxScore): the posting lists of a query are
 * walked document by document, each with an upper bound on what it can add. Lists whose
 * bounds together cannot lift a document into the top k are no longer walked, only
 * probed for the documents the others bring; a document whose bound falls short is never
 * scored. Scores are exact (`probeQuery`, MiniSearch's sums in its order), so the top k is
 * the one a full scoring would give.
 */

/** One posting list of a query, with the most it can add to a document's score. */
interface Cursor {
  postings: LanguagePostings;
  t: number;
  /** The first posting of the term, and the next one to read. */
  start: number;
  at: number;
  end: number;
  /** The most the list adds to a document, and the most per block of `blockSize` postings. */
  bound: number;
  blocks: Float64Array;
  /** What one posting adds at most: its own term score, scaled (quality and language weight at their most). */
  posting: (at: number) => number;
}

/** The largest score each block of term t can give (boosts and `scale` applied). */
function blockBounds(postings: LanguagePostings, t: number, scale: number, boosts: Boosts): Float64Array {
  const first = postings.blockOffsets[t]!;
  const out = new Float64Array(postings.blockOffsets[t + 1]! - first);
  for (let b = 0; b < out.length; b++) {
    out[b] =
      scale *
      Math.max(
        boosts.delivered * postings.blockMax[2 * (first + b)]!,
        boosts.counterpart * postings.blockMax[2 * (first + b) + 1]!,
      );
  }
  return out;
}

/** A concept in both languages, as scored for one document: `weights` per language, fr then en. */
export interface WeightedQueries {
  queries: readonly CompiledQuery[];
  weights: readonly number[];
}

/** The concept's exact score for one document (0 when it does not match): MiniSearch's, languages added in order. */
export function conceptScore(concept: WeightedQueries, doc: number, boosts: Boosts): number {
  let total = 0;
  let any = false;
  concept.queries.forEach((query, i) => {
    const score = probeQuery(query, doc, boosts);
    if (score === 0) return;
    total = any ? total + concept.weights[i]! * score : concept.weights[i]! * score;
    any = true;
  });
  return total;
}

/** The posting lists of a concept, each with its bound (quality and language weight included). */
export function cursorsOf(concept: WeightedQueries, boosts: Boosts): Cursor[] {
  const cursors: Cursor[] = [];
  concept.queries.forEach((query, i) => {
    for (const words of query.alternatives) {
      for (const derived of words) {
        for (const term of derived) {
          const { postings } = query;
          // A document's score is at most the sum over its lists, times the quality
          // factor (at most the number of query terms) and the language weight.
          const scale = concept.weights[i]! * query.sources * term.weight;
          const blocks = blockBounds(postings, term.t, scale, boosts);
          const idf = [
            inverseFrequency(postings.fieldCounts[2 * term.t]!, postings.documentCount),
            inverseFrequency(postings.fieldCounts[2 * term.t + 1]!, postings.documentCount),
          ];
          const boost = [boosts.delivered, boosts.counterpart];
          cursors.push({
            postings,
            t: term.t,
            start: postings.offsets[term.t]!,
            at: postings.offsets[term.t]!,
            end: postings.offsets[term.t + 1]!,
            bound: blocks.reduce((most, value) => Math.max(most, value), 0),
            blocks,
            posting: (at) => {
              const doc = postings.docs[at]!;
              const f = postings.field[doc]! - 1;
              return (
                scale *
                boost[f]! *
                termScore(idf[f]!, postings.freqs[at]!, postings.length[doc]!, postings.averageLength[f]!)
              );
            },
          });
        }
      }
    }
  });
  return cursors;
}

/**
 * The `k` documents with the largest `key`, best first (ties: `before`), among those the
 * cursors hold. `key` returns undefined for a document that does not count (filtered
 * out, or not a match); `bound` turns a bound on the raw score into a bound on the key.
 */
export function topK(
  cursors: Cursor[],
  k: number,
  key: (doc: number) => number | undefined,
  bound: (score: number) => number,
  before: (a: number, b: number) => boolean,
  /** Most documents scored: beyond, the walk gives up (undefined), as scoring every list at once is then cheaper. */
  budget = Number.POSITIVE_INFINITY,
): Array<{ doc: number; key: number }> | undefined {
  let scored = 0;
  const lists = cursors
    .map((cursor) => ({ ...cursor }))
    .filter((cursor) => cursor.at < cursor.end)
    .sort((a, b) => a.bound - b.bound);
  // prefix[i]: the most the lists 0 … i - 1 can add together.
  const prefix = [0];
  for (const list of lists) prefix.push(prefix.at(-1)! + list.bound);
  const heap: Array<{ doc: number; key: number }> = [];
  let threshold = Number.NEGATIVE_INFINITY;
  // Lists before `essential` cannot by themselves bring a document above the threshold.
  let essential = 0;
  const worse = (a: { doc: number; key: number }, b: { doc: number; key: number }) =>
    a.key < b.key || (a.key === b.key && before(b.doc, a.doc));
  const blockOf = (list: Cursor) => list.blocks[Math.floor((list.at - list.start) / blockSize)]!;
  for (;;) {
    // Whole blocks of the walked lists that cannot reach the threshold are skipped.
    if (threshold > Number.NEGATIVE_INFINITY) {
      for (let i = essential; i < lists.length; i++) {
        const list = lists[i]!;
        const others = prefix[essential]! + (prefix[lists.length]! - prefix[essential]! - list.bound);
        while (list.at < list.end && bound(blockOf(list) + others) < threshold) {
          list.at = list.start + (Math.floor((list.at - list.start) / blockSize) + 1) * blockSize;
        }
        if (list.at > list.end) list.at = list.end;
      }
    }
    let doc = Number.POSITIVE_INFINITY;
    for (let i = essential; i < lists.length; i++) {
      const list = lists[i]!;
      if (list.at < list.end) doc = Math.min(doc, list.postings.docs[list.at]!);
    }
    if (doc === Number.POSITIVE_INFINITY) break;
    let most = prefix[essential]!;
    for (let i = essential; i < lists.length; i++) {
      const list = lists[i]!;
      if (list.at < list.end && list.postings.docs[list.at] === doc) {
        most += list.posting(list.at);
        list.at += 1;
      }
    }
    if (bound(most) < threshold) continue;
    if (++scored > budget) return undefined;
    const value = key(doc);
    if (value === undefined) continue;
    const entry = { doc, key: value };
    if (heap.length < k) {
      heap.push(entry);
      if (heap.length === k) heap.sort((a, b) => (worse(a, b) ? -1 : worse(b, a) ? 1 : 0));
    } else if (worse(heap[0]!, entry)) {
      // The heap is kept sorted, worst first: k is small (a page of results).
      heap[0] = entry;
      for (let i = 0; i + 1 < heap.length && worse(heap[i + 1]!, heap[i]!); i++) {
        const t = heap[i]!;
        heap[i] = heap[i + 1]!;
        heap[i + 1] = t;
      }
    } else continue;
    if (heap.length === k) {
      threshold = heap[0]!.key;
      while (essential < lists.length && bound(prefix[essential + 1]!) < threshold) essential += 1;
    }
  }
  return heap.sort((a, b) => (worse(a, b) ? 1 : worse(b, a) ? -1 : 0));
}
