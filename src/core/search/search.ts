import { type Language, languages, type ParagraphRecord } from '../corpus.ts';
import type { Glossary } from '../glossary.ts';
import type { ConceptMatches } from './concepts.ts';
import { Lookup } from './lookup.ts';
import { perLanguage } from './per-language.ts';
import { phraseMatcher, termPositions } from './positions.ts';
import { buildQueryPlan, type QueryPlan } from './query-plan.ts';
import type { IndexField, QuoteIndex } from './quote-index.ts';
import {
  type Collected,
  checkPhrases,
  collectBest,
  intersect,
  scanNewest,
  union,
  walkTopK,
  weighRecency,
} from './strategies.ts';

/** How results are weighed. Every value was chosen with `npm run eval`, not by taste. */
export interface RankingOptions {
  /** Field boosts inside each language index: the text as delivered, or a counterpart. */
  boost: Record<IndexField, number>;
  /** Weight of matches in the language that is not the query's (when the query's language is clear). */
  otherLanguageWeight: number;
  /** How much query words standing close together add (0: nothing). */
  proximityWeight: number;
  /** At most how much a newer statement adds, as a tie-breaker between statements. */
  recencyWeight: number;
  /** How many of the best candidates are re-ranked by proximity. */
  rerankDepth: number;
  /** Factor for a paragraph whose delivered text holds the query's words in the order typed. */
  sequenceBoost: number;
  /** A word in more than this share of paragraphs (and more than `commonWordFloor`) is checked, not looked up. */
  commonWordShare: number;
  commonWordFloor: number;
  /** The (scaled) score a checked common word adds. */
  commonWordScore: number;
  /** Most candidates checked for common words; beyond, they are looked up. */
  maxVerified: number;
  /** How many postings scoring costs as much as checking one paragraph (measured: about 30). */
  verifyCostRatio: number;
  /** Most paragraphs scanned, newest first, when every word is common. */
  maxScanned: number;
}

export const defaultRankingOptions: RankingOptions = {
  boost: { delivered: 2, counterpart: 1 },
  otherLanguageWeight: 0.2,
  proximityWeight: 0.5,
  recencyWeight: 0.02,
  rerankDepth: 50,
  sequenceBoost: 1.5,
  commonWordShare: 0.05,
  commonWordFloor: 2000,
  commonWordScore: 0.3,
  maxVerified: 3000,
  verifyCostRatio: 30,
  maxScanned: 1500,
};

/** What a search may look at: the corpus and the caller's filters. */
export interface SearchContext {
  index: QuoteIndex;
  glossary: Glossary;
  paragraphs: ReadonlyMap<string, ParagraphRecord>;
  /** Statement id → 0 (oldest) … 1 (newest). */
  recency: ReadonlyMap<string, number>;
}

/** How one search runs: every field may be left out (`defaultRankingOptions`, 10 hits, no filter). */
export interface SearchOptions {
  /** Leaves paragraphs out (the caller's filters) before anything is scored. */
  accept?: ((paragraph: ParagraphRecord) => boolean) | undefined;
  /** How results are weighed. */
  ranking?: RankingOptions;
  /** How many of the best hits are built in full, at least. */
  want?: number;
}

/** What `SearchOptions` left out stands for. */
export const defaultSearchOptions = { ranking: defaultRankingOptions, want: 10 } satisfies SearchOptions;

export interface Hit {
  paragraph: ParagraphRecord;
  score: number;
  /** Index terms matched in each language's text, to mark the words in quotes. */
  matched: Record<Language, Set<string>>;
  /** For phrase queries: the languages whose text holds every phrase. */
  phraseLanguages?: Language[];
}

/** A concept of the query as an answer names it: the words typed, and whether they were quoted. */
export interface QueryConcept {
  text: string;
  phrase: boolean;
}

export interface SearchOutcome {
  /** The best hits, best first: at least `want` of them when there are that many. */
  hits: Hit[];
  /** How many paragraphs match in all. */
  total: number;
  /** True when `total` is an estimate (very common words, or phrases checked in part). */
  estimated?: boolean;
  /** 'all': every hit has all the words; 'some': none did, these have some; 'none': nothing matched. */
  mode: 'all' | 'some' | 'none';
  language: Language | undefined;
  /** What was searched for, concept by concept. */
  concepts: QueryConcept[];
}

/**
 * Finds the paragraphs a query means, best first: paragraphs holding every concept
 * first (AND), else those holding some (OR), with close words and newer statements
 * counting for a little more. Only the best `want` hits are built in full.
 * @example searchQuotes('veto', knowledge, { want: 5 }).hits[0]?.paragraph.id
 */
export function searchQuotes(
  query: string,
  context: SearchContext,
  options: SearchOptions = {},
): SearchOutcome {
  const plan = buildQueryPlan(query, context.index, context.glossary);
  const found = searchPlan(plan, context, options);
  if (found !== 'split') return found;
  // A term of several words that matches nothing as a whole ("veto restraint", a glossary
  // term): its words are searched one by one, and the answer says not every word was found.
  const split = splitConcepts(plan);
  return split ? searchPlanned(split, context, options) : nothingFound(plan);
}

/** `searchQuotes` for a plan made by the caller (the archive search leaves out the words that name statements). */
export function searchPlanned(
  plan: QueryPlan,
  context: SearchContext,
  options: SearchOptions = {},
): SearchOutcome {
  const found = searchPlan(plan, context, options);
  return found === 'split' ? nothingFound(plan) : found;
}

/**
 * plan → choose → collect → re-rank: 'split' when no concept matches anything (a
 * multi-word concept may then be searched word by word).
 */
function searchPlan(
  plan: QueryPlan,
  context: SearchContext,
  options: SearchOptions,
): SearchOutcome | 'split' {
  if (plan.concepts.length === 0) return nothingFound(plan);
  const { accept, ranking = defaultSearchOptions.ranking, want = defaultSearchOptions.want } = options;
  const lookup = new Lookup(plan, context, ranking, accept);
  try {
    // A concept that matches nothing is set aside: the others are searched, and the answer
    // says not every word was found.
    if (lookup.active.length === 0) return 'split';
    const collected = collect(lookup, want);
    return outcomeOf(plan, collected.docs ? rerank(lookup, collected, collected.docs) : collected);
  } finally {
    lookup.release();
  }
}

/** Chooses how to collect the hits, from what the concepts cost, and collects them. */
function collect(lookup: Lookup, want: number): Collected {
  // When every word is common, scoring would touch most of the corpus for little meaning:
  // the newest paragraphs that hold all the words are shown instead.
  if (lookup.everyWordCommon) {
    const scanned = scanNewest(lookup, want + 10);
    if (scanned) return scanned;
  }
  const depth = Math.max(want, lookup.ranking.rerankDepth);
  const walked = walkTopK(lookup, depth);
  if (walked) return walked;
  let candidates = intersect(lookup);
  let mode: SearchOutcome['mode'] = lookup.partial ? 'some' : 'all';
  if (candidates.length === 0) {
    candidates = union(lookup);
    mode = candidates.length === 0 ? 'none' : 'some';
  }
  weighRecency(lookup, candidates);
  return lookup.plan.concepts.some((concept) => concept.phrase)
    ? checkPhrases(lookup, candidates, depth, mode)
    : collectBest(lookup, candidates, depth, mode);
}

/**
 * The best hits re-ranked by word distance and order: the words typed, in order, as the
 * delivered text says them, ahead of a passage that matches only through its translation
 * or through a typo on another word.
 */
function rerank(lookup: Lookup, collected: Collected, docs: readonly number[]): Collected {
  const { plan, index, ranking } = lookup;
  const { hits } = collected;
  // Several words typed (stop words count: "we the peoples" is a sequence to find).
  const sequence = plan.tokens.filter((token) => !token.joined).map((token) => token.term);
  if (sequence.length <= 1 || (ranking.proximityWeight <= 0 && ranking.sequenceBoost === 1)) return collected;
  const hitDocs = new Map(hits.map((hit, i) => [hit, docs[i]!]));
  const inOrder = perLanguage((language) => phraseMatcher(index.postings[language], sequence));
  const head = hits.slice(0, ranking.rerankDepth);
  for (const hit of head) {
    const doc = hitDocs.get(hit)!;
    hit.score *= proximityFactor(index, doc, lookup.perConcept, ranking.proximityWeight);
    const delivered = hit.paragraph.delivered;
    if (index.postings[delivered].field[doc] !== 0 && inOrder[delivered](doc))
      hit.score *= ranking.sequenceBoost;
  }
  head.sort(byScore);
  hits.splice(0, head.length, ...head);
  return collected;
}

const byScore = (a: Hit, b: Hit) => b.score - a.score || a.paragraph.id.localeCompare(b.paragraph.id);

function outcomeOf(plan: QueryPlan, { hits, total, mode, estimated }: Collected): SearchOutcome {
  return {
    hits,
    total,
    mode: hits.length === 0 ? 'none' : mode,
    language: plan.language,
    concepts: conceptsOf(plan),
    ...(estimated && hits.length > 0 ? { estimated } : {}),
  };
}

const nothingFound = (plan: QueryPlan): SearchOutcome => ({
  hits: [],
  total: 0,
  mode: 'none',
  language: plan.language,
  concepts: conceptsOf(plan),
});

/** The plan's concepts as an answer names them. */
export const conceptsOf = (plan: QueryPlan): QueryConcept[] =>
  plan.concepts.map((concept) => ({ text: concept.text, phrase: concept.phrase !== undefined }));

/** 1 + weight × (concepts / span of the tightest window that holds them all), best language. */
function proximityFactor(
  index: QuoteIndex,
  doc: number,
  perConcept: readonly ConceptMatches[],
  weight: number,
): number {
  let best = 0;
  for (const language of languages) {
    const postings = index.postings[language];
    if (postings.field[doc] === 0) continue;
    const conceptTerms = perConcept.map((matches) => {
      const terms = matches.has(doc) ? matches.terms(doc, language) : undefined;
      if (!terms || terms.length === 0) return undefined;
      return new Set(terms.flatMap((term) => postings.ids.get(term) ?? []));
    });
    if (conceptTerms.some((terms) => terms === undefined)) continue;
    const positions = termPositions(postings, doc, conceptTerms as Set<number>[]);
    const span = tightestWindow(positions, conceptTerms.length);
    if (span) best = Math.max(best, conceptTerms.length / span);
  }
  return 1 + weight * best;
}

function tightestWindow(positions: ReadonlyArray<{ at: number; concept: number }>, concepts: number) {
  const counts = new Map<number, number>();
  let best = Number.POSITIVE_INFINITY;
  let left = 0;
  for (let right = 0; right < positions.length; right++) {
    const add = positions[right]!;
    counts.set(add.concept, (counts.get(add.concept) ?? 0) + 1);
    while (counts.size === concepts) {
      const drop = positions[left]!;
      best = Math.min(best, add.at - drop.at + 1);
      const n = (counts.get(drop.concept) ?? 1) - 1;
      if (n === 0) counts.delete(drop.concept);
      else counts.set(drop.concept, n);
      left++;
    }
  }
  return Number.isFinite(best) ? best : undefined;
}

/** The plan with each multi-word concept as one concept per word; undefined when there is none. */
function splitConcepts(plan: QueryPlan): QueryPlan | undefined {
  if (!plan.concepts.some((concept) => !concept.phrase && (concept.alternatives[0]?.length ?? 0) > 1))
    return undefined;
  const concepts = plan.concepts.flatMap((concept) =>
    !concept.phrase && (concept.alternatives[0]?.length ?? 0) > 1
      ? concept.alternatives[0]!.map((word) => ({ text: word.word, alternatives: [[word]] }))
      : [concept],
  );
  return { ...plan, concepts };
}
