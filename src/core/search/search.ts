import { contentTokens, termsOf, tokenize } from '../analysis/analyzer';
import { stemWord } from '../analysis/stem';
import type { Language, ParagraphRecord } from '../corpus';
import type { Glossary } from '../glossary';
import { type ConceptMatches, checkConcept, scoreConcept } from './concepts';
import { guessLanguage } from './language';
import { buildQueryPlan, type Concept, type QueryPlan } from './query-plan';
import type { IndexField, QuoteIndex } from './quote-index';

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
  const language = guessLanguage(plan.tokens, context.index, context.glossary);
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
  const paragraphOf = (doc: number) => context.paragraphs.get(index.ids[doc]!)!;
  const filter = accept ? (doc: number) => accept(paragraphOf(doc)) : undefined;
  const keep = (matches: Matches) => {
    made.push(matches);
    return matches;
  };
  const match = (concept: Concept) => keep(scoreConcept(concept, index, weights, options.boost, filter));
  // Query planning. Costs come from document frequencies; prefix and fuzzy lookups have
  // no cost known in advance, so they are looked up first. A concept that matches nothing
  // is set aside: the others are searched, and the answer says not every word was found.
  const costs = plan.concepts.map((concept) => conceptCost(concept, index));
  const perConcept: Matches[] = plan.concepts.map((concept, i) =>
    Number.isFinite(costs[i]!) ? nothing : match(concept),
  );
  const present = plan.concepts.map((_, i) =>
    Number.isFinite(costs[i]!) ? costs[i]! > 0 : perConcept[i]!.size > 0,
  );
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
  for (const i of active)
    if (!deferred[i] && Number.isFinite(costs[i]!)) perConcept[i] = match(plan.concepts[i]!);
  let candidates = intersect(active.filter((i) => !deferred[i]).map((i) => perConcept[i]!));
  if (deferred.some(Boolean)) {
    // Checking a paragraph costs far more than scoring one posting: check only a few.
    const fewest = Math.min(...costs.filter((_, i) => deferred[i]));
    const verify =
      candidates.length > 0 &&
      candidates.length <= Math.min(options.maxVerified, fewest / options.verifyCostRatio);
    const docs = candidates.map((candidate) => candidate.doc);
    for (const i of active) {
      if (!deferred[i]) continue;
      perConcept[i] = verify
        ? checkConcept(plan.concepts[i]!, docs, index, options.commonWordScore)
        : match(plan.concepts[i]!);
    }
    candidates = intersect(active.map((i) => perConcept[i]!));
    if (candidates.length === 0 && verify) {
      for (const i of active) if (deferred[i]) perConcept[i] = match(plan.concepts[i]!);
    }
  }
  let mode: SearchOutcome['mode'] = partial ? 'some' : 'all';
  if (candidates.length === 0) {
    candidates = union(active.map((i) => perConcept[i]!));
    mode = candidates.length === 0 ? 'none' : 'some';
  }
  for (const candidate of candidates) {
    const paragraph = paragraphOf(candidate.doc);
    candidate.score *= 1 + options.recencyWeight * (context.recency.get(paragraph.statement.id) ?? 1);
  }
  const byRank = (a: Candidate, b: Candidate) => {
    if (a.score !== b.score) return b.score - a.score;
    const x = index.ids[a.doc]!;
    const y = index.ids[b.doc]!;
    return x < y ? -1 : x > y ? 1 : 0;
  };

  const phrases = plan.concepts.flatMap((concept) => (concept.phrase ? [concept.phrase] : []));
  const depth = Math.max(want, options.rerankDepth);
  const hits: Hit[] = [];
  const hitDocs = new Map<Hit, number>();
  const addHit = (candidate: Candidate, extra: Partial<Hit> = {}) => {
    const hit = { ...toHit(candidate, paragraphOf(candidate.doc), perConcept), ...extra };
    hitDocs.set(hit, candidate.doc);
    hits.push(hit);
  };
  let total = candidates.length;
  let estimated = false;
  if (phrases.length > 0) {
    // Checked best first; once enough hits are in hand, the rest is estimated from what was checked.
    let found = 0;
    let checked = 0;
    for (const candidate of bestFirst(candidates, 4 * depth, byRank)) {
      if (checked >= maxPhraseChecks || (hits.length >= depth && checked >= 4 * depth)) break;
      checked += 1;
      const paragraph = paragraphOf(candidate.doc);
      const phraseLanguages = (['fr', 'en'] as const).filter((lang) => {
        const text = paragraph.text[lang]?.text;
        return text !== undefined && phrases.every((phrase) => containsPhrase(text, phrase));
      });
      if (phraseLanguages.length === 0) continue;
      found += 1;
      if (hits.length < depth) addHit(candidate, { phraseLanguages });
    }
    estimated = checked < candidates.length;
    total = estimated ? Math.round((found / checked) * candidates.length) : found;
  } else {
    for (const candidate of bestFirst(candidates, depth, byRank)) {
      if (hits.length >= depth) break;
      addHit(candidate);
    }
  }
  if (plan.concepts.length > 1 && (options.proximityWeight > 0 || options.sequenceBoost !== 1)) {
    // The words typed, in order, as the delivered text says them: the passage meant, ahead of
    // one that matches only through its translation or through a typo on another word.
    const sequence = plan.tokens.filter((token) => !token.joined).map((token) => token.term);
    const head = hits.slice(0, options.rerankDepth);
    for (const hit of head) {
      hit.score *= proximityFactor(hit, hitDocs.get(hit)!, perConcept, options.proximityWeight);
      const delivered = hit.paragraph.text[hit.paragraph.delivered]?.text;
      if (sequence.length > 1 && delivered && containsPhrase(delivered, sequence))
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
}

/** No paragraph: a concept not looked up yet. */
const nothing: Matches = {
  size: 0,
  has: () => false,
  score: () => 0,
  terms: () => undefined,
  forEach: () => undefined,
  release: () => undefined,
};

/**
 * The candidates in rank order, lazily: the best `first` are selected without sorting the
 * rest (a bounded heap); the rest is sorted only if the caller goes on past them.
 */
function* bestFirst(
  candidates: Candidate[],
  first: number,
  byRank: (a: Candidate, b: Candidate) => number,
): Generator<Candidate> {
  if (candidates.length <= 2 * first) {
    yield* candidates.sort(byRank);
    return;
  }
  const top = selectTop(candidates, first, byRank);
  yield* top;
  const chosen = new Set(top);
  yield* candidates.filter((candidate) => !chosen.has(candidate)).sort(byRank);
}

/** The best `k` by `byRank`, in order: a heap of the k best so far, its worst on top. */
function selectTop<T>(items: readonly T[], k: number, byRank: (a: T, b: T) => number): T[] {
  const heap: T[] = [];
  const worse = (i: number, j: number) => byRank(heap[i]!, heap[j]!) > 0;
  const swap = (i: number, j: number) => {
    const t = heap[i]!;
    heap[i] = heap[j]!;
    heap[j] = t;
  };
  const down = (start: number) => {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && worse(l, m)) m = l;
      if (r < heap.length && worse(r, m)) m = r;
      if (m === i) return;
      swap(i, m);
      i = m;
    }
  };
  for (const item of items) {
    if (heap.length < k) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0 && worse(i, (i - 1) >> 1)) {
        swap(i, (i - 1) >> 1);
        i = (i - 1) >> 1;
      }
    } else if (byRank(item, heap[0]!) < 0) {
      heap[0] = item;
      down(0);
    }
  }
  return heap.sort(byRank);
}

function toHit(candidate: Candidate, paragraph: ParagraphRecord, perConcept: readonly Matches[]): Hit {
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
  let scanned = 0;
  let eligible = 0;
  let doc = -1;
  for (const paragraph of context.paragraphs.values()) {
    doc += 1;
    if (accept && !accept(paragraph)) continue;
    eligible += 1;
    if (hits.length >= want) continue;
    if (scanned >= options.maxScanned) return undefined;
    scanned += 1;
    const matched = { fr: new Set<string>(), en: new Set<string>() };
    const all = plan.concepts.every((concept) => {
      const found = checkConcept(concept, [doc], context.index, 1);
      for (const term of found.terms(doc, 'fr') ?? []) matched.fr.add(term);
      for (const term of found.terms(doc, 'en') ?? []) matched.en.add(term);
      return found.has(doc);
    });
    if (all) hits.push({ paragraph, score: 1 / (hits.length + 1), matched });
  }
  if (hits.length === 0) return undefined;
  const total = hits.length < want ? hits.length : Math.round((hits.length / scanned) * eligible);
  return { hits, total, mode: 'all', estimated: hits.length >= want };
}

interface Candidate {
  doc: number;
  score: number;
}

/** Paragraphs matched by every concept, their scores summed and multiplied by the number of concepts. */
function intersect(perConcept: readonly Matches[]): Candidate[] {
  const out: Candidate[] = [];
  const sorted = [...perConcept].sort((a, b) => a.size - b.size);
  const [first, ...others] = sorted;
  if (!first) return out;
  first.forEach((doc) => {
    let score = first.score(doc);
    for (const other of others) {
      if (!other.has(doc)) return;
      score += other.score(doc);
    }
    out.push({ doc, score: score * perConcept.length });
  });
  return out;
}

/** Paragraphs matched by any concept, their scores summed and multiplied by the number of concepts they match. */
function union(perConcept: readonly Matches[]): Candidate[] {
  const totals = new Map<number, { score: number; count: number }>();
  for (const matches of perConcept) {
    matches.forEach((doc) => {
      const known = totals.get(doc);
      if (known) {
        known.score += matches.score(doc);
        known.count += 1;
      } else totals.set(doc, { score: matches.score(doc), count: 1 });
    });
  }
  return [...totals].map(([doc, { score, count }]) => ({ doc, score: score * count }));
}

/** 1 + weight × (concepts / span of the tightest window that holds them all), best language. */
function proximityFactor(hit: Hit, doc: number, perConcept: readonly Matches[], weight: number): number {
  let best = 0;
  for (const language of ['fr', 'en'] as const) {
    const text = hit.paragraph.text[language]?.text;
    if (!text) continue;
    const conceptTerms = perConcept.map((matches) => {
      const terms = matches.has(doc) ? matches.terms(doc, language) : undefined;
      return terms && terms.length > 0 ? new Set(terms) : undefined;
    });
    if (conceptTerms.some((terms) => terms === undefined)) continue;
    const positions: Array<{ at: number; concept: number }> = [];
    contentTokens(text, language).forEach((token, at) => {
      const terms = termsOf(token, language);
      conceptTerms.forEach((set, concept) => {
        if (terms.some((term) => set!.has(term))) positions.push({ at, concept });
      });
    });
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

/** True when the folded words of the phrase stand together, in order, in the text. */
export function containsPhrase(text: string, phrase: readonly string[]): boolean {
  const words = tokenize(text)
    .filter((token) => !token.joined)
    .map((token) => token.term);
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (words[i + k] !== phrase[k]) continue outer;
    return true;
  }
  return false;
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
