import { stemWord } from '../analysis/stem.ts';
import { type Language, languages } from '../corpus.ts';
import {
  type Boosts,
  type CompiledQuery,
  type ConceptQuery,
  compile,
  type Expansions,
  matchedTerms,
  probeQuery,
  type Scratch,
  type ScratchPool,
  scoreQuery,
  type WordQuery,
} from './engine.ts';
import { perLanguage } from './per-language.ts';
import { findPosting, postingCount } from './postings.ts';
import type { Concept, PlanWord } from './query-plan.ts';
import type { QuoteIndex, TermCounts } from './quote-index.ts';
import { conceptScore, cursorsOf, topK } from './top-k.ts';

/**
 * The paragraphs one concept of a query matches (by document number), with a score scaled
 * to 1 for the best, in dense arrays taken from the index's pool.
 */
export class ConceptMatches {
  private readonly scratch: Scratch;
  /** Where the arrays go back on release; none for the shared empty ones. */
  private readonly pool: ScratchPool | undefined;
  private readonly matchedTerms: (doc: number, language: Language) => readonly string[] | undefined;
  constructor(
    scratch: Scratch,
    pool: ScratchPool | undefined,
    matchedTerms: (doc: number, language: Language) => readonly string[] | undefined,
  ) {
    this.scratch = scratch;
    this.pool = pool;
    this.matchedTerms = matchedTerms;
  }
  /** How many paragraphs match. */
  get size() {
    return this.scratch.size;
  }
  has(doc: number) {
    return this.scratch.mask[doc] !== 0;
  }
  score(doc: number) {
    return this.scratch.score[doc]!;
  }
  /** The matching documents, in no particular order. */
  get docs(): Int32Array {
    return this.scratch.list.subarray(0, this.scratch.size);
  }
  private readonly known = new Map<number, Partial<Record<Language, readonly string[] | undefined>>>();
  /** The index terms matched in that language's text (to mark the words), or undefined when none. */
  terms(doc: number, language: Language) {
    if (!this.has(doc)) return undefined;
    // Asked for each hit when it is built and again when it is re-ranked: found once.
    let known = this.known.get(doc);
    if (!known) {
      known = {};
      this.known.set(doc, known);
    }
    if (!(language in known)) known[language] = this.matchedTerms(doc, language);
    return known[language];
  }
  /** Gives the working arrays back; the matches are unusable after. */
  release() {
    this.pool?.give(this.scratch);
  }
}

/** No paragraph: a concept not looked up yet (no working arrays taken). */
export const noMatches = (index: QuoteIndex) =>
  new ConceptMatches(index.pool.empty, undefined, () => undefined);

/** A concept's terms resolved in both languages' vocabularies. */
export interface ResolvedConcept {
  queries: Record<Language, CompiledQuery>;
  /** True when every alternative is one word: a paragraph matches when any of its lists holds it. */
  simple: boolean;
}

/** A concept's terms resolved as planned (an exact word has no typo step to decide). */
export function resolveExact(
  concept: Concept,
  index: QuoteIndex,
  expansions: Expansions = new Map(),
): ResolvedConcept {
  return {
    queries: perLanguage((language) =>
      compile(index.postings[language], conceptQuery(concept, language, index.terms[language]), expansions),
    ),
    simple: concept.alternatives.every((words) => words.length === 1),
  };
}

/**
 * A concept resolved for a search, and whether it matches any (accepted) paragraph.
 * Typos at distance 2 reach many words of a large vocabulary: distance 1 is used when it
 * finds anything.
 */
export function resolveConcept(
  concept: Concept,
  index: QuoteIndex,
  accept: ((doc: number) => boolean) | undefined,
  expansions: Expansions = new Map(),
): { resolved: ResolvedConcept; present: boolean } {
  if (concept.alternatives.some((words) => words.some((word) => word.fuzzy > 1))) {
    const narrow = resolveExact(
      {
        ...concept,
        alternatives: concept.alternatives.map((words) =>
          words.map((word) => ({ ...word, fuzzy: Math.min(word.fuzzy, 1) })),
        ),
      },
      index,
      expansions,
    );
    if (anyMatch(narrow, index, accept)) return { resolved: narrow, present: true };
  }
  const resolved = resolveExact(concept, index, expansions);
  return { resolved, present: anyMatch(resolved, index, accept) };
}

/** True when a resolved concept matches at least one accepted paragraph: stops at the first. */
const anyMatch = (
  resolved: ResolvedConcept,
  index: QuoteIndex,
  accept: ((doc: number) => boolean) | undefined,
) => acceptedMatches(resolved, index, accept, 1) > 0;

/**
 * Most posting lists a concept may have for the top-k walk: it looks at every list's
 * cursor for each paragraph, so beyond a few lists (prefixes, typos) scoring them all at
 * once, list by list, is faster.
 */
const maxWalkedLists = 8;

/** Most paragraphs the walk scores per result wanted before it leaves the work to a full scoring. */
const walkBudget = 8;

/** True when the top-k walk suits this concept (one word per alternative, few lists). */
export function walkable(resolved: ResolvedConcept, k: number): boolean {
  if (!resolved.simple) return false;
  let lists = 0;
  let postings = 0;
  for (const language of languages) {
    const query = resolved.queries[language];
    for (const term of query.alternatives.flat(2)) {
      lists += 1;
      postings += postingCount(query.postings, term.t);
    }
  }
  // Short lists are scored whole in less time than the walk takes to set up.
  return lists <= maxWalkedLists && postings >= walkBudget * k;
}

/** How many accepted paragraphs a resolved concept matches: its lists marked, or (AND inside) scored. */
export const countMatches = (
  resolved: ResolvedConcept,
  index: QuoteIndex,
  accept: ((doc: number) => boolean) | undefined,
) => acceptedMatches(resolved, index, accept, Number.POSITIVE_INFINITY);

/** The accepted paragraphs a resolved concept matches, counted up to `enough`. */
function acceptedMatches(
  resolved: ResolvedConcept,
  index: QuoteIndex,
  accept: ((doc: number) => boolean) | undefined,
  enough: number,
): number {
  const seen = index.pool.take();
  let count = 0;
  const see = (doc: number) => {
    if (seen.has(doc)) return;
    seen.add(doc, 0, 1);
    if (!accept || accept(doc)) count += 1;
  };
  try {
    for (const language of languages) {
      const query = resolved.queries[language];
      if (resolved.simple) {
        const { offsets, docs } = query.postings;
        for (const term of query.alternatives.flat(2))
          for (let i = offsets[term.t]!; i < offsets[term.t + 1]! && count < enough; i++) see(docs[i]!);
      } else {
        const scored = scoreQuery(query, plainBoosts, index.pool);
        for (let i = 0; i < scored.size && count < enough; i++) see(scored.list[i]!);
        index.pool.give(scored);
      }
      if (count >= enough) break;
    }
    return count;
  } finally {
    index.pool.give(seen);
  }
}

const plainBoosts: Boosts = { delivered: 1, counterpart: 1 };

/** MiniSearch reads a boost of 0 as 1. */
const effective = (boosts: Boosts): Boosts => ({
  delivered: boosts.delivered || 1,
  counterpart: boosts.counterpart || 1,
});

/**
 * A concept looked up in both language indexes: every matching paragraph scored as
 * MiniSearch scored it, the query's language weighed over the other, scaled to 1 for the best.
 * `accept` leaves paragraphs out (the caller's filters) before the scaling.
 */
export function scoreConcept(
  resolved: ResolvedConcept,
  index: QuoteIndex,
  weights: Record<Language, number>,
  boosts: Boosts,
  accept: ((doc: number) => boolean) | undefined,
): ConceptMatches {
  const { queries } = resolved;
  const combined = index.pool.take();
  languages.forEach((language, at) => {
    const scored = scoreQuery(queries[language], effective(boosts), index.pool);
    for (let i = 0; i < scored.size; i++) {
      const doc = scored.list[i]!;
      if (accept && !accept(doc)) continue;
      combined.add(doc, weights[language] * scored.score[doc]!, 1 << at);
    }
    index.pool.give(scored);
  });
  let best = 0;
  for (let i = 0; i < combined.size; i++) best = Math.max(best, combined.score[combined.list[i]!]!);
  if (best > 0) for (let i = 0; i < combined.size; i++) combined.score[combined.list[i]!]! /= best;
  return scoredMatches(combined, queries, index);
}

/**
 * The best `k` paragraphs of a one-word-per-alternative concept, by the score a search
 * ranks them with (scaled score × `factor(doc)`), found with early termination: first the
 * best raw score (the scale), then the top k, each a MaxScore walk that never scores a
 * paragraph that cannot enter. Same scores, same order as scoring every paragraph.
 */
export function topOfConcept(
  resolved: ResolvedConcept,
  index: QuoteIndex,
  weights: Record<Language, number>,
  boosts: Boosts,
  accept: ((doc: number) => boolean) | undefined,
  k: number,
  factor: (doc: number) => number,
  /** The largest `factor` can be. */
  mostFactor: number,
  before: (a: number, b: number) => boolean,
): { top: Array<{ doc: number; score: number }>; matches: ConceptMatches } | undefined {
  const used = effective(boosts);
  const concept = {
    queries: languages.map((language) => resolved.queries[language]),
    weights: languages.map((language) => weights[language]),
  };
  const cursors = cursorsOf(concept, used);
  const scoreOf = (doc: number) => {
    if (accept && !accept(doc)) return undefined;
    const score = conceptScore(concept, doc, used);
    return score > 0 ? score : undefined;
  };
  // Bounds are sums in another order than the scores: a hair of room keeps them bounds.
  const room = 1 + 1e-9;
  // Past a few scores per result wanted, the lists do not let the walk skip much.
  const budget = walkBudget * k;
  const best = topK(
    cursors,
    1,
    scoreOf,
    (most) => most * room,
    () => false,
    budget,
  )?.[0];
  if (!best) return undefined;
  const ranked = topK(
    cursors,
    k,
    (doc) => {
      const score = scoreOf(doc);
      return score === undefined ? undefined : (score / best.key) * factor(doc);
    },
    (most) => (most / best.key) * mostFactor * room,
    before,
    budget,
  );
  if (!ranked) return undefined;
  const scratch = index.pool.take();
  for (const { doc } of ranked) {
    let mask = 0;
    languages.forEach((language, at) => {
      if (probeQuery(resolved.queries[language], doc, used) > 0) mask |= 1 << at;
    });
    scratch.add(doc, conceptScore(concept, doc, used) / best.key, mask);
  }
  return {
    top: ranked.map(({ doc, key }) => ({ doc, score: key })),
    matches: scoredMatches(scratch, resolved.queries, index),
  };
}

/** Matches whose mask has bit `at` set for each language (in the table's order) the paragraph matches in. */
function scoredMatches(
  scratch: Scratch,
  queries: Record<Language, CompiledQuery>,
  index: QuoteIndex,
): ConceptMatches {
  return new ConceptMatches(scratch, index.pool, (doc, language) =>
    scratch.mask[doc]! & (1 << languages.indexOf(language))
      ? matchedTerms(queries[language], doc)
      : undefined,
  );
}

/**
 * A concept checked in given paragraphs only, by their own words (for words too common to
 * look up): each paragraph that holds it gets `score`.
 */
export function checkConcept(
  concept: Concept,
  docs: Iterable<number>,
  index: QuoteIndex,
  score: number,
): ConceptMatches {
  const check = conceptChecker(concept, index);
  const scratch = index.pool.take();
  const terms = new Map<number, Partial<Record<Language, string[]>>>();
  for (const doc of docs) {
    const found = check(doc);
    if (!found) continue;
    terms.set(doc, found);
    scratch.add(doc, score, 1);
  }
  return new ConceptMatches(scratch, index.pool, (doc, language) => terms.get(doc)?.[language]);
}

/**
 * A check of one concept in one paragraph at a time, by its own words (the postings,
 * searched by document): the index terms found per language, or undefined when none.
 */
export function conceptChecker(
  concept: Concept,
  index: QuoteIndex,
): (doc: number) => Partial<Record<Language, string[]>> | undefined {
  // Each word's forms (folded surface, stem) as term numbers, in the languages that can
  // match: those whose index holds every word of some alternative.
  const resolved = languages.flatMap((language) => {
    const postings = index.postings[language];
    const alternatives = concept.alternatives.map((words) =>
      words.map((word) =>
        [word.term, stemWord(word.word, language)].flatMap((form) => {
          const t = postings.ids.get(form);
          return t === undefined || postingCount(postings, t) === 0 ? [] : [{ form, t }];
        }),
      ),
    );
    return alternatives.some((words) => words.every((forms) => forms.length > 0))
      ? [{ language, postings, alternatives }]
      : [];
  });
  return (doc) => {
    let entry: Partial<Record<Language, string[]>> | undefined;
    for (const { language, postings, alternatives } of resolved) {
      if (postings.field[doc] === 0) continue;
      const found: string[] = [];
      for (const words of alternatives) {
        const forms = words.map((candidates) =>
          candidates.filter(({ t }) => findPosting(postings, t, doc) >= 0).map(({ form }) => form),
        );
        if (forms.every((present) => present.length > 0)) found.push(...forms.flat());
      }
      if (found.length > 0) {
        entry ??= {};
        entry[language] = found;
      }
    }
    return entry;
  };
}

/** A concept in one language: its alternatives (OR), each word by the forms below (AND). */
export function conceptQuery(concept: Concept, language: Language, vocabulary: TermCounts): ConceptQuery {
  return concept.alternatives.map((words) => words.map((word) => wordForms(word, language, vocabulary)));
}

/**
 * The forms a word is looked up by. An exact word is looked up by its stem when the index
 * knows it (one posting list instead of two); its folded surface is added for prefix and
 * fuzzy lookups, and for unaccented French, since French stems depend on accents.
 */
function wordForms(word: PlanWord, language: Language, vocabulary: TermCounts): WordQuery {
  const stem = stemWord(word.word, language);
  const exact = !word.prefix && word.fuzzy === 0;
  const stemKnown = stem !== word.term && vocabulary.has(stem);
  const unaccentedFrench = language === 'fr' && word.word === word.term && vocabulary.has(word.term);
  const forms = [];
  if (!exact || !stemKnown || unaccentedFrench)
    forms.push({ term: word.term, prefix: word.prefix, fuzzy: Math.max(word.fuzzy, 0) });
  if (stemKnown) forms.push({ term: stem, prefix: false, fuzzy: 0 });
  return forms;
}
