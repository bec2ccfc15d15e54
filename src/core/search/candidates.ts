import type { ConceptMatches } from './concepts.ts';
import type { ScratchPool } from './engine.ts';

/**
 * The paragraphs a query may show, with their scores, in parallel typed arrays: every
 * candidate is counted (the total is exact), but only the best are ever put in order.
 */
export class Candidates {
  readonly docs: Int32Array;
  readonly scores: Float64Array;
  constructor(docs: Int32Array, scores: Float64Array) {
    this.docs = docs;
    this.scores = scores;
  }

  get length() {
    return this.docs.length;
  }

  /**
   * Paragraphs matched by every concept, their scores summed (rarest concept first) and
   * multiplied by the number of concepts.
   */
  static intersect(perConcept: readonly ConceptMatches[]): Candidates {
    const sorted = [...perConcept].sort((a, b) => a.size - b.size);
    const [first, ...others] = sorted;
    if (!first) return new Candidates(new Int32Array(0), new Float64Array(0));
    const docs = new Int32Array(first.size);
    const scores = new Float64Array(first.size);
    let n = 0;
    outer: for (const doc of first.docs) {
      let score = first.score(doc);
      for (const other of others) {
        if (!other.has(doc)) continue outer;
        score += other.score(doc);
      }
      docs[n] = doc;
      scores[n] = score * perConcept.length;
      n += 1;
    }
    return new Candidates(docs.slice(0, n), scores.slice(0, n));
  }

  /**
   * Paragraphs matched by any concept, their scores summed (in the concepts' order) and
   * multiplied by the number of concepts they match.
   */
  static union(perConcept: readonly ConceptMatches[], pool: ScratchPool): Candidates {
    const totals = pool.take();
    try {
      for (const matches of perConcept) for (const doc of matches.docs) totals.count(doc, matches.score(doc));
      const docs = totals.list.slice(0, totals.size);
      const scores = Float64Array.from(docs, (doc) => totals.score[doc]! * totals.mask[doc]!);
      return new Candidates(docs, scores);
    } finally {
      pool.give(totals);
    }
  }

  /**
   * Positions in rank order (best score first, then paragraph id), lazily: the best
   * `first` are picked with a bounded heap; the rest is sorted only if the caller reads on.
   */
  *ranked(first: number, ids: readonly string[]): Generator<number> {
    const { docs, scores } = this;
    const before = (i: number, j: number) => {
      if (scores[i] !== scores[j]) return scores[i]! > scores[j]!;
      return ids[docs[i]!]! < ids[docs[j]!]!;
    };
    const byRank = (i: number, j: number) => (i === j ? 0 : before(i, j) ? -1 : 1);
    if (this.length <= 2 * first) {
      yield* Int32Array.from(docs.keys()).sort(byRank);
      return;
    }
    const top = selectTop(this.length, first, before).sort(byRank);
    yield* top;
    const chosen = new Set(top);
    yield* Int32Array.from(docs.keys())
      .filter((i) => !chosen.has(i))
      .sort(byRank);
  }
}

/** The k best positions of 0 … n - 1 by `before`: a heap of the best so far, its worst on top. */
function selectTop(n: number, k: number, before: (i: number, j: number) => boolean): Int32Array {
  const heap = new Int32Array(Math.min(k, n));
  let size = 0;
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < size && before(heap[worst]!, heap[l]!)) worst = l;
      if (r < size && before(heap[worst]!, heap[r]!)) worst = r;
      if (worst === i) return;
      const t = heap[i]!;
      heap[i] = heap[worst]!;
      heap[worst] = t;
      i = worst;
    }
  };
  for (let item = 0; item < n; item++) {
    if (size < heap.length) {
      let i = size++;
      heap[i] = item;
      while (i > 0 && before(heap[(i - 1) >> 1]!, heap[i]!)) {
        const parent = (i - 1) >> 1;
        const t = heap[i]!;
        heap[i] = heap[parent]!;
        heap[parent] = t;
        i = parent;
      }
    } else if (before(item, heap[0]!)) {
      heap[0] = item;
      down(0);
    }
  }
  return heap;
}
