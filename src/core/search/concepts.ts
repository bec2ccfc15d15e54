import { stemWord } from '../analysis/stem';
import type { Language } from '../corpus';
import {
  type Boosts,
  type CompiledQuery,
  type ConceptQuery,
  compile,
  matchedTerms,
  type Scratch,
  type ScratchPool,
  scoreQuery,
  type WordQuery,
} from './engine';
import { findPosting, postingCount } from './postings';
import type { Concept, PlanWord } from './query-plan';
import type { QuoteIndex, TermCounts } from './quote-index';

const languages = ['fr', 'en'] as const;

/**
 * The paragraphs one concept of a query matches (by document number), with a score scaled
 * to 1 for the best, in dense arrays taken from the index's pool.
 */
export class ConceptMatches {
  constructor(
    private readonly scratch: Scratch,
    private readonly pool: ScratchPool,
    private readonly matchedTerms: (doc: number, language: Language) => readonly string[] | undefined,
  ) {}
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
  /** The index terms matched in that language's text (to mark the words), or undefined when none. */
  terms(doc: number, language: Language) {
    return this.has(doc) ? this.matchedTerms(doc, language) : undefined;
  }
  /** Gives the working arrays back; the matches are unusable after. */
  release() {
    this.pool.give(this.scratch);
  }
}

/** No paragraph: a concept not looked up yet. */
export const noMatches = (index: QuoteIndex) =>
  new ConceptMatches(index.pool.take(), index.pool, () => undefined);

/**
 * A concept looked up in both language indexes: every matching paragraph scored as
 * MiniSearch scored it, the query's language weighed over the other, scaled to 1 for the best.
 * `accept` leaves paragraphs out (the caller's filters) before the scaling.
 */
export function scoreConcept(
  concept: Concept,
  index: QuoteIndex,
  weights: Record<Language, number>,
  boosts: Boosts,
  accept: ((doc: number) => boolean) | undefined,
): ConceptMatches {
  // Typos at distance 2 reach many words of a large vocabulary: distance 1 is tried first.
  if (concept.alternatives.some((words) => words.some((word) => word.fuzzy > 1))) {
    const narrow: Concept = {
      ...concept,
      alternatives: concept.alternatives.map((words) =>
        words.map((word) => ({ ...word, fuzzy: Math.min(word.fuzzy, 1) })),
      ),
    };
    const found = scoreConcept(narrow, index, weights, boosts, accept);
    if (found.size > 0) return found;
    found.release();
  }
  const queries = {
    fr: compile(index.postings.fr, conceptQuery(concept, 'fr', index.terms.fr)),
    en: compile(index.postings.en, conceptQuery(concept, 'en', index.terms.en)),
  };
  const combined = index.pool.take();
  languages.forEach((language, at) => {
    const scored = scoreQuery(queries[language], boosts, index.pool);
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

function scoredMatches(
  scratch: Scratch,
  queries: Record<Language, CompiledQuery>,
  index: QuoteIndex,
): ConceptMatches {
  return new ConceptMatches(scratch, index.pool, (doc, language) =>
    scratch.mask[doc]! & (language === 'fr' ? 1 : 2) ? matchedTerms(queries[language], doc) : undefined,
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
function conceptQuery(concept: Concept, language: Language, vocabulary: TermCounts): ConceptQuery {
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
