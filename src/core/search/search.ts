import { stemWord } from '../analysis/stem.ts';
import type { Language, ParagraphRecord } from '../corpus.ts';
import type { Glossary } from '../glossary.ts';
import { Candidates } from './candidates.ts';
import {
  type ConceptMatches,
  checkConcept,
  conceptChecker,
  countMatches,
  noMatches,
  resolveConcept,
  resolveExact,
  scoreConcept,
  topOfConcept,
  walkable,
} from './concepts.ts';
import type { Expansions } from './engine.ts';
import { phraseMatcher, termPositions } from './positions.ts';
import { buildQueryPlan, type Concept, type QueryPlan } from './query-plan.ts';
import type { IndexField, QuoteIndex } from './quote-index.ts';

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

export interface Hit {
  paragraph: ParagraphRecord;
  score: number;
  /** Index terms matched in each language's text, to mark the words in quotes. */
  matched: Record<Language, Set<string>>;
  /** For phrase queries: the languages whose text holds every phrase. */
  phraseLanguages?: Language[];
}

export interface SearchOutcome {
  /** The best hits, best first: at least `want` of them when there are that many. */
  hits: Hit[];
  /** How many paragraphs match in all. */
  total: number;
  /** True when `total` is an estimate (very common words, see `scanNewest`). */
  estimated?: boolean;
  /** 'all': every hit has all the words; 'some': none did, these have some; 'none': nothing matched. */
  mode: 'all' | 'some' | 'none';
  language: Language | undefined;
  plan: QueryPlan;
}

type Matches = ConceptMatches;

/** Most phrase checks made for one query: beyond, the total counts what was checked. */
const maxPhraseChecks = 3000;

/**
 * Finds the paragraphs a query means, best first: paragraphs holding every concept
 * first (AND), else those holding some (OR), with close words and newer statements
 * counting for a little more. Only the best `want` hits are built in full.
 */
export function searchQuotes(
  query: string,
  context: SearchContext,
  accept?: (paragraph: ParagraphRecord) => boolean,
  options: RankingOptions = defaultRankingOptions,
  want = 10,
  planned?: QueryPlan,
): SearchOutcome {
  const plan = planned ?? buildQueryPlan(query, context.index, context.glossary);
  const { language } = plan;
  if (plan.concepts.length === 0) return { hits: [], total: 0, mode: 'none', language, plan };
  const made: Matches[] = [];
  try {
    const found = search(plan, language, context, accept, options, want, made);
    if (found === 'split') {
      // A term of several words that matches nothing as a whole ("veto restraint", a glossary
      // term): its words are searched one by one, and the answer says not every word was found.
      for (const matches of made.splice(0)) matches.release();
      const split = splitConcepts(plan);
      if (!planned && split) return searchQuotes(query, context, accept, options, want, split);
      return { hits: [], total: 0, mode: 'none', language, plan };
    }
    return found;
  } finally {
    for (const matches of made) matches.release();
  }
}

function search(
  plan: QueryPlan,
  language: Language | undefined,
  context: SearchContext,
  accept: ((paragraph: ParagraphRecord) => boolean) | undefined,
  options: RankingOptions,
  want: number,
  made: Matches[],
): SearchOutcome | 'split' {
  const { index } = context;
  const weights: Record<Language, number> = {
    fr: language === 'en' ? options.otherLanguageWeight : 1,
    en: language === 'fr' ? options.otherLanguageWeight : 1,
  };
  const documents = documentTable(context);
  const paragraphOf = (doc: number) => documents.paragraphs[doc]!;
  const filter = accept ? (doc: number) => accept(paragraphOf(doc)) : undefined;
  const keep = (matches: Matches) => {
    made.push(matches);
    return matches;
  };
  // Query planning. Costs come from document frequencies: an exact word's cost bounds its
  // count, enough to tell whether it is present. Prefix and typo lookups have no cost known
  // in advance: they are looked for first, until one paragraph holds them. A concept that
  // matches nothing is set aside: the others are searched, and the answer says not every
  // word was found.
  const costs = plan.concepts.map((concept) => conceptCost(concept, index));
  const expansions: Expansions = new Map();
  const resolved = plan.concepts.map((concept, i) =>
    Number.isFinite(costs[i]!)
      ? { resolved: resolveExact(concept, index, expansions), present: costs[i]! > 0 }
      : resolveConcept(concept, index, filter, expansions),
  );
  const match = (i: number) =>
    keep(scoreConcept(resolved[i]!.resolved, index, weights, options.boost, filter));
  const perConcept: Matches[] = plan.concepts.map(() => keep(noMatches(index)));
  const present = resolved.map((concept) => concept.present);
  const active = plan.concepts.map((_, i) => i).filter((i) => present[i]);
  const partial = active.length < plan.concepts.length;
  if (active.length === 0) return 'split';
  const common = Math.max(options.commonWordFloor, options.commonWordShare * context.paragraphs.size);
  // When every word is common, scoring would touch most of the corpus for little meaning:
  // the newest paragraphs that hold all the words are shown instead (newer states the current position).
  if (active.every((i) => costs[i]! > common && Number.isFinite(costs[i]!) && !plan.concepts[i]!.phrase)) {
    const scanned = scanNewest(
      { ...plan, concepts: active.map((i) => plan.concepts[i]!) },
      context,
      accept,
      want + 10,
      options,
    );
    if (scanned) return { ...scanned, mode: partial ? 'some' : scanned.mode, language, plan };
  }
  // Words found in a large share of the corpus are not looked up in the index (that would
  // score most of it) but checked in the few paragraphs the rarer words found.
  const cheapest = active.reduce((best, i) => (costs[i]! < costs[best]! ? i : best), active[0]!);
  const deferred = plan.concepts.map(
    (concept, i) =>
      present[i]! &&
      active.length > 1 &&
      !concept.phrase &&
      i !== cheapest &&
      Number.isFinite(costs[i]!) &&
      costs[i]! > common,
  );
  /** The best hits re-ranked by word distance and order, and the outcome. */
  const finish = (
    hits: Hit[],
    docs: readonly number[],
    total: number,
    mode: SearchOutcome['mode'],
    estimated: boolean,
  ): SearchOutcome => {
    const hitDocs = new Map(hits.map((hit, i) => [hit, docs[i]!]));
    // Several words typed (stop words count: "we the peoples" is a sequence to find).
    const typed = plan.tokens.filter((token) => !token.joined).length;
    if (typed > 1 && (options.proximityWeight > 0 || options.sequenceBoost !== 1)) {
      // The words typed, in order, as the delivered text says them: the passage meant, ahead of
      // one that matches only through its translation or through a typo on another word.
      const sequence = plan.tokens.filter((token) => !token.joined).map((token) => token.term);
      const inOrder = {
        fr: phraseMatcher(index.postings.fr, sequence),
        en: phraseMatcher(index.postings.en, sequence),
      };
      const head = hits.slice(0, options.rerankDepth);
      for (const hit of head) {
        const doc = hitDocs.get(hit)!;
        hit.score *= proximityFactor(index, doc, perConcept, options.proximityWeight);
        const delivered = hit.paragraph.delivered;
        if (sequence.length > 1 && index.postings[delivered].field[doc] !== 0 && inOrder[delivered](doc))
          hit.score *= options.sequenceBoost;
      }
      head.sort(byScore);
      hits.splice(0, head.length, ...head);
    }
    return {
      hits,
      total,
      mode: hits.length === 0 ? 'none' : mode,
      language,
      plan,
      ...(estimated && hits.length > 0 ? { estimated } : {}),
    };
  };
  const depth = Math.max(want, options.rerankDepth);
  const single = active.length === 1 ? active[0]! : undefined;
  const walked =
    single !== undefined && !plan.concepts[single]!.phrase && walkable(resolved[single]!.resolved, depth)
      ? topOfConcept(
          resolved[single]!.resolved,
          index,
          weights,
          options.boost,
          filter,
          depth,
          (doc) => 1 + options.recencyWeight * documents.recency[doc]!,
          1 + options.recencyWeight,
          (a, b) => index.ids[a]! < index.ids[b]!,
        )
      : undefined;
  if (single !== undefined && walked) {
    // One concept: its best paragraphs were found without scoring the rest (top-k with
    // early termination); the total is its count.
    perConcept[single] = keep(walked.matches);
    const hits = walked.top.map(({ doc, score }) => toHit({ doc, score }, paragraphOf(doc), perConcept));
    const total = countMatches(resolved[single]!.resolved, index, filter);
    const docs = walked.top.map(({ doc }) => doc);
    return finish(hits, docs, total, partial ? 'some' : 'all', false);
  }
  for (const i of active) if (!deferred[i] && Number.isFinite(costs[i]!)) perConcept[i] = match(i);
  for (const i of active) if (!Number.isFinite(costs[i]!)) perConcept[i] = match(i);
  let candidates = Candidates.intersect(active.filter((i) => !deferred[i]).map((i) => perConcept[i]!));
  if (deferred.some(Boolean)) {
    // Checking a paragraph costs far more than scoring one posting: check only a few.
    const fewest = Math.min(...costs.filter((_, i) => deferred[i]));
    const verify =
      candidates.length > 0 &&
      candidates.length <= Math.min(options.maxVerified, fewest / options.verifyCostRatio);
    const docs = candidates.docs;
    for (const i of active) {
      if (!deferred[i]) continue;
      perConcept[i] = verify
        ? keep(checkConcept(plan.concepts[i]!, docs, index, options.commonWordScore))
        : match(i);
    }
    candidates = Candidates.intersect(active.map((i) => perConcept[i]!));
    if (candidates.length === 0 && verify) {
      for (const i of active) if (deferred[i]) perConcept[i] = match(i);
    }
  }
  let mode: SearchOutcome['mode'] = partial ? 'some' : 'all';
  if (candidates.length === 0) {
    candidates = Candidates.union(
      active.map((i) => perConcept[i]!),
      index.pool,
    );
    mode = candidates.length === 0 ? 'none' : 'some';
  }
  for (let i = 0; i < candidates.length; i++)
    candidates.scores[i]! *= 1 + options.recencyWeight * documents.recency[candidates.docs[i]!]!;

  const phrases = plan.concepts.flatMap((concept) => (concept.phrase ? [concept.phrase] : []));
  const hits: Hit[] = [];
  const docs: number[] = [];
  const addHit = (at: number, extra: Partial<Hit> = {}) => {
    const candidate = { doc: candidates.docs[at]!, score: candidates.scores[at]! };
    hits.push({ ...toHit(candidate, paragraphOf(candidate.doc), perConcept), ...extra });
    docs.push(candidate.doc);
  };
  let total = candidates.length;
  let estimated = false;
  if (phrases.length > 0) {
    // Checked best first; once enough hits are in hand, the rest is estimated from what was checked.
    let found = 0;
    let checked = 0;
    const matchers = {
      fr: phrases.map((phrase) => phraseMatcher(index.postings.fr, phrase)),
      en: phrases.map((phrase) => phraseMatcher(index.postings.en, phrase)),
    };
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
      const phraseLanguages = (['fr', 'en'] as const).filter(
        (lang) => index.postings[lang].field[doc] !== 0 && matchers[lang].every((holds) => holds(doc)),
      );
      if (phraseLanguages.length === 0) continue;
      found += 1;
      if (hits.length < depth) addHit(at, { phraseLanguages });
    }
    estimated = checked < candidates.length;
    total = estimated ? Math.round((found / checked) * candidates.length) : found;
  } else {
    for (const at of candidates.ranked(depth, index.ids)) {
      addHit(at);
      if (hits.length >= depth) break;
    }
  }
  return finish(hits, docs, total, mode, estimated);
}

/** Each document's paragraph and recency, by document number. */
interface DocumentTable {
  paragraphs: ParagraphRecord[];
  recency: Float64Array;
}
const tables = new WeakMap<QuoteIndex, DocumentTable>();

/**
 * The paragraph and recency of each document number, made once per index (`prepareSearch`
 * makes it when the knowledge is built, so that no query pays for it).
 */
function documentTable(context: SearchContext): DocumentTable {
  let table = tables.get(context.index);
  if (!table) {
    const paragraphs = context.index.ids.map((id) => context.paragraphs.get(id)!);
    const recency = Float64Array.from(
      paragraphs,
      (paragraph) => context.recency.get(paragraph.statement.id) ?? 1,
    );
    table = { paragraphs, recency };
    tables.set(context.index, table);
  }
  return table;
}

/** Makes what searches read by document number, ahead of the first query. */
export const prepareSearch = (context: SearchContext) => {
  documentTable(context);
};

function toHit(
  candidate: { doc: number; score: number },
  paragraph: ParagraphRecord,
  perConcept: readonly Matches[],
): Hit {
  const matched = { fr: new Set<string>(), en: new Set<string>() };
  for (const matches of perConcept) {
    if (!matches.has(candidate.doc)) continue;
    for (const term of matches.terms(candidate.doc, 'fr') ?? []) matched.fr.add(term);
    for (const term of matches.terms(candidate.doc, 'en') ?? []) matched.en.add(term);
  }
  return { paragraph, score: candidate.score, matched };
}

const byScore = (a: Hit, b: Hit) => b.score - a.score || a.paragraph.id.localeCompare(b.paragraph.id);

/**
 * At most how many paragraphs a concept can match, from document frequencies; infinite
 * for prefix or fuzzy lookups, whose matches are not known in advance.
 */
function conceptCost(concept: Concept, index: QuoteIndex): number {
  let cost = 0;
  for (const words of concept.alternatives) {
    let rarest = Number.POSITIVE_INFINITY;
    for (const word of words) {
      if (word.prefix || word.fuzzy > 0) return Number.POSITIVE_INFINITY;
      let count = 0;
      for (const language of ['fr', 'en'] as const) {
        count += index.terms[language].get(word.term) ?? 0;
        const stem = stemWord(word.word, language);
        if (stem !== word.term) count += index.terms[language].get(stem) ?? 0;
      }
      rarest = Math.min(rarest, count);
    }
    cost += Number.isFinite(rarest) ? rarest : 0;
  }
  return cost;
}

/**
 * The newest paragraphs holding every concept, checked one by one in date order; undefined
 * when too few turn up within `maxScanned` paragraphs (then the index is used after all).
 */
function scanNewest(
  plan: QueryPlan,
  context: SearchContext,
  accept: ((paragraph: ParagraphRecord) => boolean) | undefined,
  want: number,
  options: RankingOptions,
): Pick<SearchOutcome, 'hits' | 'total' | 'mode' | 'estimated'> | undefined {
  const hits: Hit[] = [];
  const checks = plan.concepts.map((concept) => conceptChecker(concept, context.index));
  const { paragraphs } = documentTable(context);
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
    if (scanned >= options.maxScanned) return undefined;
    scanned += 1;
    const found: Array<Partial<Record<Language, string[]>>> = [];
    for (const check of checks) {
      const terms = check(doc);
      if (!terms) break;
      found.push(terms);
    }
    if (found.length < checks.length) continue;
    const matched = { fr: new Set<string>(), en: new Set<string>() };
    for (const terms of found) {
      for (const term of terms?.fr ?? []) matched.fr.add(term);
      for (const term of terms?.en ?? []) matched.en.add(term);
    }
    hits.push({ paragraph, score: 1 / (hits.length + 1), matched });
  }
  if (hits.length === 0) return undefined;
  const total = hits.length < want ? hits.length : Math.round((hits.length / scanned) * eligible);
  return { hits, total, mode: 'all', estimated: hits.length >= want };
}

/** 1 + weight × (concepts / span of the tightest window that holds them all), best language. */
function proximityFactor(
  index: QuoteIndex,
  doc: number,
  perConcept: readonly Matches[],
  weight: number,
): number {
  let best = 0;
  for (const language of ['fr', 'en'] as const) {
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
