import { stemWord } from '../analysis/stem';
import type { Language } from '../corpus';
import {
  type Boosts,
  type CompiledQuery,
  type ConceptQuery,
  compile,
  holds,
  matchedTerms,
  type Scratch,
  scoreQuery,
  type WordQuery,
} from './engine';
import type { Concept, PlanWord } from './query-plan';
import type { QuoteIndex, TermCounts } from './quote-index';

const languages = ['fr', 'en'] as const;

/** The paragraphs one concept of a query matches (by document number), with a score scaled to 1 for the best. */
export interface ConceptMatches {
  /** How many paragraphs match. */
  readonly size: number;
  has(doc: number): boolean;
  score(doc: number): number;
  /** The index terms matched in that language's text (to mark the words), or undefined when none. */
  terms(doc: number, language: Language): readonly string[] | undefined;
  forEach(visit: (doc: number) => void): void;
  /** Gives the working arrays back; the matches are unusable after. */
  release(): void;
}

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
  return {
    size: scratch.size,
    has: (doc) => scratch.has(doc),
    score: (doc) => scratch.score[doc]!,
    terms: (doc, language) =>
      scratch.mask[doc]! & (language === 'fr' ? 1 : 2) ? matchedTerms(queries[language], doc) : undefined,
    forEach: (visit) => {
      for (let i = 0; i < scratch.size; i++) visit(scratch.list[i]!);
    },
    release: () => index.pool.give(scratch),
  };
}

/** Matches found some other way (checked word by word), as a map. */
export function listedMatches(
  entries: Map<number, { score: number } & Partial<Record<Language, readonly string[]>>>,
): ConceptMatches {
  return {
    size: entries.size,
    has: (doc) => entries.has(doc),
    score: (doc) => entries.get(doc)?.score ?? 0,
    terms: (doc, language) => entries.get(doc)?.[language],
    forEach: (visit) => {
      for (const doc of entries.keys()) visit(doc);
    },
    release: () => undefined,
  };
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
  const entries = new Map<number, { score: number } & Partial<Record<Language, string[]>>>();
  // Only the languages whose index holds every word of some alternative can match.
  const possible = languages.filter((language) =>
    concept.alternatives.some((words) =>
      words.every(
        (word) =>
          index.terms[language].has(word.term) || index.terms[language].has(stemWord(word.word, language)),
      ),
    ),
  );
  for (const doc of docs) {
    const entry: { score: number } & Partial<Record<Language, string[]>> = { score };
    for (const language of possible) {
      const postings = index.postings[language];
      if (postings.field[doc] === 0) continue;
      const found: string[] = [];
      for (const words of concept.alternatives) {
        const forms = words.map((word) =>
          [word.term, stemWord(word.word, language)].filter((form) => holds(postings, form, doc)),
        );
        if (forms.every((present) => present.length > 0)) found.push(...forms.flat());
      }
      if (found.length > 0) entry[language] = found;
    }
    if (entry.fr || entry.en) entries.set(doc, entry);
  }
  return listedMatches(entries);
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
