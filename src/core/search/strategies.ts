import { type Language, languages } from '../corpus.ts';
import { Candidates } from './candidates.ts';
import { checkConcept, conceptChecker, countMatches, topOfConcept, walkable } from './concepts.ts';
import type { Lookup } from './lookup.ts';
import { perLanguage } from './per-language.ts';
import { phraseMatcher } from './positions.ts';
import type { Hit, SearchOutcome } from './search.ts';

/**
 * The ways a search collects its hits, each a collector over the concepts a `Lookup`
 * priced and resolved (tantivy's `Collector`): the newest paragraphs scanned when every word
 * is common, a top-k walk for one concept, the intersection of the concepts (common words
 * verified in the few paragraphs the rare ones found), their union as a fallback, and the
 * phrase check over the candidates. `searchQuotes` chooses among them; scoring is theirs.
 */

/** Hits collected, best first, before the re-ranking. */
export interface Collected {
  hits: Hit[];
  /** Each hit's document number, for the re-ranking; absent when the order is final (newest first). */
  docs?: number[];
  /** How many paragraphs match in all. */
  total: number;
  mode: SearchOutcome['mode'];
  /** True when `total` is an estimate. */
  estimated: boolean;
}

/** Most phrase checks made for one query: beyond, the total counts what was checked. */
const maxPhraseChecks = 3000;

/**
 * The newest paragraphs holding every concept present, checked one by one in date order
 * (newer states the current position); undefined when none turn up within `maxScanned`
 * paragraphs (then the index is used after all). For queries of common words only.
 */
export function scanNewest(lookup: Lookup, want: number): Collected | undefined {
  const { plan, index, accept, ranking } = lookup;
  const checks = lookup.active.map((i) => conceptChecker(plan.concepts[i]!, index));
  const { paragraphs } = lookup.documents;
  const hits: Hit[] = [];
  let scanned = 0;
  // Without a filter every paragraph is eligible, and the scan stops with enough hits.
  let eligible = accept ? 0 : paragraphs.length;
  for (let doc = 0; doc < paragraphs.length; doc++) {
    const paragraph = paragraphs[doc]!;
    if (accept) {
      if (!accept(paragraph)) continue;
      eligible += 1;
    }
    if (hits.length >= want) {
      if (accept) continue;
      break;
    }
    if (scanned >= ranking.maxScanned) return undefined;
    scanned += 1;
    const found: Array<Partial<Record<Language, string[]>>> = [];
    for (const check of checks) {
      const terms = check(doc);
      if (!terms) break;
      found.push(terms);
    }
    if (found.length < checks.length) continue;
    const matched = perLanguage(() => new Set<string>());
    for (const terms of found)
      for (const language of languages) for (const term of terms[language] ?? []) matched[language].add(term);
    hits.push({ paragraph, score: 1 / (hits.length + 1), matched });
  }
  if (hits.length === 0) return undefined;
  const total = hits.length < want ? hits.length : Math.round((hits.length / scanned) * eligible);
  return { hits, total, mode: lookup.partial ? 'some' : 'all', estimated: hits.length >= want };
}

/**
 * One concept's best `depth` paragraphs found without scoring the rest (top-k with early
 * termination); the total is its count. Undefined when the concept does not suit the walk
 * (a phrase, several words, many lists) or the walk gives up.
 */
export function walkTopK(lookup: Lookup, depth: number): Collected | undefined {
  const { single } = lookup;
  if (single === undefined || lookup.plan.concepts[single]!.phrase) return undefined;
  const { index, ranking, documents, filter } = lookup;
  const resolved = lookup.resolved[single]!;
  if (!walkable(resolved, depth)) return undefined;
  const walked = topOfConcept(
    resolved,
    index,
    lookup.weights,
    ranking.boost,
    filter,
    depth,
    (doc) => 1 + ranking.recencyWeight * documents.recency[doc]!,
    1 + ranking.recencyWeight,
    (a, b) => index.ids[a]! < index.ids[b]!,
  );
  if (!walked) return undefined;
  lookup.perConcept[single] = lookup.keep(walked.matches);
  return {
    hits: walked.top.map(({ doc, score }) => lookup.toHit(doc, score)),
    docs: walked.top.map(({ doc }) => doc),
    total: countMatches(resolved, index, filter),
    mode: lookup.partial ? 'some' : 'all',
    estimated: false,
  };
}

/**
 * The paragraphs every concept present matches. Words too common to look up are checked
 * in the paragraphs the others found, when those are few (checking a paragraph costs far
 * more than scoring one posting); else, or when the check leaves nothing, looked up.
 */
export function intersect(lookup: Lookup): Candidates {
  const { active, deferred, costs, perConcept, plan, index, ranking } = lookup;
  for (const i of active) if (!deferred[i] && Number.isFinite(costs[i]!)) perConcept[i] = lookup.match(i);
  for (const i of active) if (!Number.isFinite(costs[i]!)) perConcept[i] = lookup.match(i);
  const candidates = Candidates.intersect(active.filter((i) => !deferred[i]).map((i) => perConcept[i]!));
  if (!deferred.some(Boolean)) return candidates;
  const fewest = Math.min(...costs.filter((_, i) => deferred[i]));
  const verify =
    candidates.length > 0 &&
    candidates.length <= Math.min(ranking.maxVerified, fewest / ranking.verifyCostRatio);
  const docs = candidates.docs;
  for (const i of active) {
    if (!deferred[i]) continue;
    perConcept[i] = verify
      ? lookup.keep(checkConcept(plan.concepts[i]!, docs, index, ranking.commonWordScore))
      : lookup.match(i);
  }
  const verified = Candidates.intersect(active.map((i) => perConcept[i]!));
  // Nothing holds them all: the common words are looked up after all, for the union.
  if (verified.length === 0 && verify)
    for (const i of active) if (deferred[i]) perConcept[i] = lookup.match(i);
  return verified;
}

/** The paragraphs any concept present matches (the fallback when none holds them all). */
export const union = (lookup: Lookup): Candidates =>
  Candidates.union(
    lookup.active.map((i) => lookup.perConcept[i]!),
    lookup.index.pool,
  );

/** Newer statements count for a little more: each candidate's score times 1 + weight × recency. */
export function weighRecency(lookup: Lookup, candidates: Candidates) {
  const { recencyWeight } = lookup.ranking;
  const { recency } = lookup.documents;
  for (let i = 0; i < candidates.length; i++)
    candidates.scores[i]! *= 1 + recencyWeight * recency[candidates.docs[i]!]!;
}

/** The best `depth` candidates, in rank order; the total counts them all. */
export function collectBest(
  lookup: Lookup,
  candidates: Candidates,
  depth: number,
  mode: SearchOutcome['mode'],
): Collected {
  const hits: Hit[] = [];
  const docs: number[] = [];
  for (const at of candidates.ranked(depth, lookup.index.ids)) {
    const doc = candidates.docs[at]!;
    hits.push(lookup.toHit(doc, candidates.scores[at]!));
    docs.push(doc);
    if (hits.length >= depth) break;
  }
  return { hits, docs, total: candidates.length, mode, estimated: false };
}

/**
 * The candidates whose text holds every quoted phrase in some language, checked best first;
 * once enough hits are in hand, the rest is estimated from what was checked.
 */
export function checkPhrases(
  lookup: Lookup,
  candidates: Candidates,
  depth: number,
  mode: SearchOutcome['mode'],
): Collected {
  const { index, plan } = lookup;
  const phrases = plan.concepts.flatMap((concept) => (concept.phrase ? [concept.phrase] : []));
  const matchers = perLanguage((language) =>
    phrases.map((phrase) => phraseMatcher(index.postings[language], phrase)),
  );
  const hits: Hit[] = [];
  const docs: number[] = [];
  let found = 0;
  let checked = 0;
  // The stop is tested before the next candidate is asked for: past the best 4 × depth,
  // asking sorts all the rest.
  const order = candidates.ranked(4 * depth, index.ids);
  for (;;) {
    if (checked >= maxPhraseChecks || (hits.length >= depth && checked >= 4 * depth)) break;
    const next = order.next();
    if (next.done) break;
    const at = next.value;
    const doc = candidates.docs[at]!;
    checked += 1;
    const phraseLanguages = languages.filter(
      (language) =>
        index.postings[language].field[doc] !== 0 && matchers[language].every((holds) => holds(doc)),
    );
    if (phraseLanguages.length === 0) continue;
    found += 1;
    if (hits.length < depth) {
      hits.push({ ...lookup.toHit(doc, candidates.scores[at]!), phraseLanguages });
      docs.push(doc);
    }
  }
  const estimated = checked < candidates.length;
  const total = estimated ? Math.round((found / checked) * candidates.length) : found;
  return { hits, docs, total, mode, estimated };
}
