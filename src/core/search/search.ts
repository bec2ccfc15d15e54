import type { SearchOptions as MiniSearchOptions, Query } from 'minisearch';
import { contentTokens, termsOf, tokenize } from '../analysis/analyzer';
import { stemWord } from '../analysis/stem';
import type { Language, ParagraphRecord } from '../corpus';
import type { Glossary } from '../glossary';
import { guessLanguage } from './language';
import { buildQueryPlan, type Concept, type PlanWord, type QueryPlan } from './query-plan';
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

/** What a concept matched in one paragraph: a score and, per language, the index terms (MiniSearch's own arrays). */
interface ConceptMatch {
  score: number;
  fr?: readonly string[];
  en?: readonly string[];
}
type Matches = Map<string, ConceptMatch>;

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
  const weights: Record<Language, number> = {
    fr: language === 'en' ? options.otherLanguageWeight : 1,
    en: language === 'fr' ? options.otherLanguageWeight : 1,
  };
  const filter = accept
    ? (result: { id: string }) => {
        const paragraph = context.paragraphs.get(result.id);
        return paragraph !== undefined && accept(paragraph);
      }
    : undefined;
  const match = (concept: Concept) => matchConcept(concept, context, weights, options, filter);
  // Query planning. Costs come from document frequencies; prefix and fuzzy lookups have
  // no cost known in advance, so they are looked up first. A concept that matches nothing
  // is set aside: the others are searched, and the answer says not every word was found.
  const costs = plan.concepts.map((concept) => conceptCost(concept, context.index));
  const perConcept: Matches[] = plan.concepts.map((concept, i) =>
    Number.isFinite(costs[i]!) ? new Map() : match(concept),
  );
  const present = plan.concepts.map((_, i) =>
    Number.isFinite(costs[i]!) ? costs[i]! > 0 : perConcept[i]!.size > 0,
  );
  const active = plan.concepts.map((_, i) => i).filter((i) => present[i]);
  const partial = active.length < plan.concepts.length;
  if (active.length === 0) {
    // A term of several words that matches nothing as a whole ("veto restraint", a glossary
    // term): its words are searched one by one, and the answer says not every word was found.
    const split = splitConcepts(plan);
    if (!planned && split) return searchQuotes(query, context, accept, options, want, split);
    return { hits: [], total: 0, mode: 'none', language, plan };
  }
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
    const ids = candidates.map((candidate) => candidate.id);
    for (const i of active) {
      if (!deferred[i]) continue;
      perConcept[i] = verify
        ? verifyConcept(plan.concepts[i]!, ids, context, options.commonWordScore)
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
    const paragraph = context.paragraphs.get(candidate.id)!;
    candidate.score *= 1 + options.recencyWeight * (context.recency.get(paragraph.statement.id) ?? 1);
  }
  candidates.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const phrases = plan.concepts.flatMap((concept) => (concept.phrase ? [concept.phrase] : []));
  const depth = Math.max(want, options.rerankDepth);
  const hits: Hit[] = [];
  let total = candidates.length;
  let estimated = false;
  if (phrases.length > 0) {
    // Checked best first; once enough hits are in hand, the rest is estimated from what was checked.
    let found = 0;
    let checked = 0;
    for (const candidate of candidates) {
      if (checked >= maxPhraseChecks || (hits.length >= depth && checked >= 4 * depth)) break;
      checked += 1;
      const paragraph = context.paragraphs.get(candidate.id)!;
      const phraseLanguages = (['fr', 'en'] as const).filter((lang) => {
        const text = paragraph.text[lang]?.text;
        return text !== undefined && phrases.every((phrase) => containsPhrase(text, phrase));
      });
      if (phraseLanguages.length === 0) continue;
      found += 1;
      if (hits.length < depth) hits.push({ ...toHit(candidate, context, perConcept), phraseLanguages });
    }
    estimated = checked < candidates.length;
    total = estimated ? Math.round((found / checked) * candidates.length) : found;
  } else {
    for (const candidate of candidates.slice(0, depth)) hits.push(toHit(candidate, context, perConcept));
  }
  if (plan.concepts.length > 1 && (options.proximityWeight > 0 || options.sequenceBoost !== 1)) {
    // The words typed, in order, as the delivered text says them: the passage meant, ahead of
    // one that matches only through its translation or through a typo on another word.
    const sequence = plan.tokens.filter((token) => !token.joined).map((token) => token.term);
    const head = hits.slice(0, options.rerankDepth);
    for (const hit of head) {
      hit.score *= proximityFactor(hit, perConcept, options.proximityWeight);
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

function toHit(candidate: Candidate, context: SearchContext, perConcept: readonly Matches[]): Hit {
  const matched = { fr: new Set<string>(), en: new Set<string>() };
  for (const matches of perConcept) {
    const found = matches.get(candidate.id);
    if (!found) continue;
    for (const term of found.fr ?? []) matched.fr.add(term);
    for (const term of found.en ?? []) matched.en.add(term);
  }
  return { paragraph: context.paragraphs.get(candidate.id)!, score: candidate.score, matched };
}

const byScore = (a: Hit, b: Hit) => b.score - a.score || a.paragraph.id.localeCompare(b.paragraph.id);

/** Looks a concept up in both language indexes; scores are scaled to 1 for the best paragraph. */
function matchConcept(
  concept: Concept,
  context: SearchContext,
  weights: Record<Language, number>,
  options: RankingOptions,
  filter: ((result: { id: string }) => boolean) | undefined,
): Matches {
  // Fuzzy matching at distance 2 is costly on a large vocabulary: try distance 1 first.
  if (concept.alternatives.some((words) => words.some((word) => word.fuzzy > 1))) {
    const narrow: Concept = {
      ...concept,
      alternatives: concept.alternatives.map((words) =>
        words.map((word) => ({ ...word, fuzzy: Math.min(word.fuzzy, 1) })),
      ),
    };
    const found = matchConcept(narrow, context, weights, options, filter);
    if (found.size > 0) return found;
  }
  const matches: Matches = new Map();
  for (const language of ['fr', 'en'] as const) {
    const query: Query = {
      combineWith: 'OR',
      queries: concept.alternatives.map((words) =>
        alternativeQuery(words, language, context.index.terms[language]),
      ),
    };
    const searchOptions: MiniSearchOptions = filter
      ? { boost: options.boost, filter }
      : { boost: options.boost };
    for (const result of context.index.indexes[language].search(query, searchOptions)) {
      const entry = matches.get(result.id);
      if (entry) {
        entry.score += weights[language] * result.score;
        entry[language] = result.terms;
      } else {
        matches.set(result.id, { score: weights[language] * result.score, [language]: result.terms });
      }
    }
  }
  let best = 0;
  for (const entry of matches.values()) best = Math.max(best, entry.score);
  if (best > 0) for (const entry of matches.values()) entry.score /= best;
  return matches;
}

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
  for (const paragraph of context.paragraphs.values()) {
    if (accept && !accept(paragraph)) continue;
    eligible += 1;
    if (hits.length >= want) continue;
    if (scanned >= options.maxScanned) return undefined;
    scanned += 1;
    const matched = { fr: new Set<string>(), en: new Set<string>() };
    const all = plan.concepts.every((concept) => {
      const found = verifyConcept(concept, [paragraph.id], context, 1).get(paragraph.id);
      for (const term of found?.fr ?? []) matched.fr.add(term);
      for (const term of found?.en ?? []) matched.en.add(term);
      return found !== undefined;
    });
    if (all) hits.push({ paragraph, score: 1 / (hits.length + 1), matched });
  }
  if (hits.length === 0) return undefined;
  const total = hits.length < want ? hits.length : Math.round((hits.length / scanned) * eligible);
  return { hits, total, mode: 'all', estimated: hits.length >= want };
}

/** A concept checked in given paragraphs only, by their own words (for words too common to look up). */
function verifyConcept(
  concept: Concept,
  ids: readonly string[],
  context: SearchContext,
  score: number,
): Matches {
  const matches: Matches = new Map();
  // Only the languages whose index holds every word of some alternative can match.
  const languages = (['fr', 'en'] as const).filter((language) =>
    concept.alternatives.some((words) =>
      words.every(
        (word) =>
          context.index.terms[language].has(word.term) ||
          context.index.terms[language].has(stemWord(word.word, language)),
      ),
    ),
  );
  for (const id of ids) {
    const paragraph = context.paragraphs.get(id)!;
    const entry: ConceptMatch = { score };
    for (const language of languages) {
      const text = paragraph.text[language]?.text;
      if (!text) continue;
      const terms = new Set(contentTokens(text, language).flatMap((token) => termsOf(token, language)));
      const found: string[] = [];
      for (const words of concept.alternatives) {
        const forms = words.map((word) =>
          [word.term, stemWord(word.word, language)].filter((form) => terms.has(form)),
        );
        if (forms.every((present) => present.length > 0)) found.push(...forms.flat());
      }
      if (found.length > 0) entry[language] = found;
    }
    if (entry.fr || entry.en) matches.set(id, entry);
  }
  return matches;
}

/**
 * All the words of one alternative. An exact word is looked up by its stem when the index
 * knows it (one posting list instead of two); its folded surface is added for prefix and
 * fuzzy lookups, and for unaccented French, since French stems depend on accents.
 */
function alternativeQuery(
  words: readonly PlanWord[],
  language: Language,
  vocabulary: ReadonlyMap<string, number>,
): Query {
  return {
    combineWith: 'AND',
    queries: words.map((word) => {
      const stem = stemWord(word.word, language);
      const exact = !word.prefix && word.fuzzy === 0;
      const stemKnown = stem !== word.term && vocabulary.has(stem);
      const unaccentedFrench = language === 'fr' && word.word === word.term && vocabulary.has(word.term);
      const forms: Query[] = [];
      if (!exact || !stemKnown || unaccentedFrench) {
        forms.push({
          combineWith: 'OR',
          queries: [word.term],
          prefix: word.prefix,
          fuzzy: word.fuzzy > 0 ? word.fuzzy : false,
        });
      }
      if (stemKnown) forms.push({ combineWith: 'OR', queries: [stem], prefix: false, fuzzy: false });
      return { combineWith: 'OR', queries: forms };
    }),
  };
}

interface Candidate {
  id: string;
  score: number;
}

/** Paragraphs matched by every concept, their scores summed and multiplied by the number of concepts. */
function intersect(perConcept: readonly Matches[]): Candidate[] {
  const out: Candidate[] = [];
  const sorted = [...perConcept].sort((a, b) => a.size - b.size);
  const [first, ...others] = sorted;
  if (!first) return out;
  for (const [id, entry] of first) {
    let score = entry.score;
    let all = true;
    for (const other of others) {
      const found = other.get(id);
      if (!found) {
        all = false;
        break;
      }
      score += found.score;
    }
    if (all) out.push({ id, score: score * perConcept.length });
  }
  return out;
}

/** Paragraphs matched by any concept, their scores summed and multiplied by the number of concepts they match. */
function union(perConcept: readonly Matches[]): Candidate[] {
  const totals = new Map<string, { score: number; count: number }>();
  for (const matches of perConcept) {
    for (const [id, entry] of matches) {
      const known = totals.get(id);
      if (known) {
        known.score += entry.score;
        known.count += 1;
      } else totals.set(id, { score: entry.score, count: 1 });
    }
  }
  return [...totals].map(([id, { score, count }]) => ({ id, score: score * count }));
}

/** 1 + weight × (concepts / span of the tightest window that holds them all), best language. */
function proximityFactor(hit: Hit, perConcept: readonly Matches[], weight: number): number {
  let best = 0;
  for (const language of ['fr', 'en'] as const) {
    const text = hit.paragraph.text[language]?.text;
    if (!text) continue;
    const conceptTerms = perConcept.map((matches) => {
      const terms = matches.get(hit.paragraph.id)?.[language];
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
