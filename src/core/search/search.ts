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
}

export const defaultRankingOptions: RankingOptions = {
  boost: { delivered: 1.2, counterpart: 1 },
  otherLanguageWeight: 0.6,
  proximityWeight: 0.5,
  recencyWeight: 0.02,
  rerankDepth: 50,
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
  hits: Hit[];
  /** 'all': every hit has all the words; 'some': none did, these have some; 'none': nothing matched. */
  mode: 'all' | 'some' | 'none';
  language: Language | undefined;
  plan: QueryPlan;
}

type Matches = Map<string, { score: number; terms: Record<Language, Set<string>> }>;

/**
 * Finds the paragraphs a query means, best first: paragraphs holding every concept
 * first (AND), else those holding some (OR), with close words and newer statements
 * counting for a little more.
 */
export function searchQuotes(
  query: string,
  context: SearchContext,
  accept: (paragraph: ParagraphRecord) => boolean = () => true,
  options: RankingOptions = defaultRankingOptions,
): SearchOutcome {
  const plan = buildQueryPlan(query, context.index, context.glossary);
  const language = guessLanguage(plan.tokens, context.index);
  if (plan.concepts.length === 0) return { hits: [], mode: 'none', language, plan };
  const weights: Record<Language, number> = {
    fr: language === 'en' ? options.otherLanguageWeight : 1,
    en: language === 'fr' ? options.otherLanguageWeight : 1,
  };
  const filter = (result: { id: string }) => {
    const paragraph = context.paragraphs.get(result.id);
    return paragraph !== undefined && accept(paragraph);
  };
  const perConcept = plan.concepts.map((concept) => matchConcept(concept, context, weights, options, filter));

  let candidates = intersect(perConcept);
  let mode: SearchOutcome['mode'] = 'all';
  if (candidates.size === 0) {
    candidates = union(perConcept);
    mode = candidates.size === 0 ? 'none' : 'some';
  }

  const hits: Hit[] = [];
  for (const [id, { score, count }] of candidates) {
    const paragraph = context.paragraphs.get(id)!;
    const matched = { fr: new Set<string>(), en: new Set<string>() };
    for (const matches of perConcept) {
      const found = matches.get(id);
      if (!found) continue;
      for (const term of found.terms.fr) matched.fr.add(term);
      for (const term of found.terms.en) matched.en.add(term);
    }
    const recency = context.recency.get(paragraph.statement.id) ?? 1;
    const hit: Hit = { paragraph, score: score * count * (1 + options.recencyWeight * recency), matched };
    const phrases = plan.concepts.flatMap((concept) => (concept.phrase ? [concept.phrase] : []));
    if (phrases.length > 0) {
      hit.phraseLanguages = (['fr', 'en'] as const).filter((lang) => {
        const text = paragraph.text[lang]?.text;
        return text !== undefined && phrases.every((phrase) => containsPhrase(text, phrase));
      });
      if (hit.phraseLanguages.length === 0) continue;
    }
    hits.push(hit);
  }
  hits.sort(byScore);
  if (plan.concepts.length > 1 && options.proximityWeight > 0) {
    const head = hits.slice(0, options.rerankDepth);
    for (const hit of head) hit.score *= proximityFactor(hit, perConcept, options.proximityWeight);
    head.sort(byScore);
    hits.splice(0, head.length, ...head);
  }
  return { hits, mode: hits.length === 0 ? 'none' : mode, language, plan };
}

const byScore = (a: Hit, b: Hit) => b.score - a.score || a.paragraph.id.localeCompare(b.paragraph.id);

/** Looks a concept up in both language indexes; scores are scaled to 1 for the best paragraph. */
function matchConcept(
  concept: Concept,
  context: SearchContext,
  weights: Record<Language, number>,
  options: RankingOptions,
  filter: (result: { id: string }) => boolean,
): Matches {
  const matches: Matches = new Map();
  for (const language of ['fr', 'en'] as const) {
    const query: Query = {
      combineWith: 'OR',
      queries: concept.alternatives.map((words) => alternativeQuery(words, language)),
    };
    const searchOptions: MiniSearchOptions = { boost: options.boost, filter };
    for (const result of context.index.indexes[language].search(query, searchOptions)) {
      const entry = matches.get(result.id) ?? {
        score: 0,
        terms: { fr: new Set<string>(), en: new Set<string>() },
      };
      entry.score += weights[language] * result.score;
      for (const term of result.terms) entry.terms[language].add(term);
      matches.set(result.id, entry);
    }
  }
  let best = 0;
  for (const entry of matches.values()) best = Math.max(best, entry.score);
  if (best > 0) for (const entry of matches.values()) entry.score /= best;
  return matches;
}

/** All the words of one alternative, each as its folded surface (maybe prefix/fuzzy) or its stem. */
function alternativeQuery(words: readonly PlanWord[], language: Language): Query {
  return {
    combineWith: 'AND',
    queries: words.map((word) => {
      const stem = stemWord(word.word, language);
      const forms: Query[] = [
        {
          combineWith: 'OR',
          queries: [word.term],
          prefix: word.prefix,
          fuzzy: word.fuzzy > 0 ? word.fuzzy : false,
        },
      ];
      if (stem && stem !== word.term)
        forms.push({ combineWith: 'OR', queries: [stem], prefix: false, fuzzy: false });
      return { combineWith: 'OR', queries: forms };
    }),
  };
}

function intersect(perConcept: readonly Matches[]) {
  const out = new Map<string, { score: number; count: number }>();
  const [first, ...others] = perConcept;
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
    if (all) out.set(id, { score, count: perConcept.length });
  }
  return out;
}

function union(perConcept: readonly Matches[]) {
  const out = new Map<string, { score: number; count: number }>();
  for (const matches of perConcept) {
    for (const [id, entry] of matches) {
      const known = out.get(id) ?? { score: 0, count: 0 };
      out.set(id, { score: known.score + entry.score, count: known.count + 1 });
    }
  }
  return out;
}

/** 1 + weight × (concepts / span of the tightest window that holds them all), best language. */
function proximityFactor(hit: Hit, perConcept: readonly Matches[], weight: number): number {
  let best = 0;
  for (const language of ['fr', 'en'] as const) {
    const text = hit.paragraph.text[language]?.text;
    if (!text) continue;
    const conceptTerms = perConcept.map((matches) => matches.get(hit.paragraph.id)?.terms[language]);
    if (conceptTerms.some((terms) => !terms || terms.size === 0)) continue;
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
