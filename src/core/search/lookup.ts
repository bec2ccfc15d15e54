import { stemWord } from '../analysis/stem.ts';
import { type Language, languages, type ParagraphRecord } from '../corpus.ts';
import {
  type ConceptMatches,
  noMatches,
  type ResolvedConcept,
  resolveConcept,
  resolveExact,
  scoreConcept,
} from './concepts.ts';
import type { Expansions } from './engine.ts';
import { perLanguage } from './per-language.ts';
import type { Concept, QueryPlan } from './query-plan.ts';
import type { QuoteIndex } from './quote-index.ts';
import type { Hit, RankingOptions, SearchContext } from './search.ts';

/**
 * One search's view of its plan: each concept priced from document frequencies and resolved
 * in both vocabularies, which concepts are present, which are too common to look up, and the
 * matches the strategies make, which it owns and gives back (`release`) when the search ends.
 */
export class Lookup {
  readonly plan: QueryPlan;
  readonly index: QuoteIndex;
  readonly ranking: RankingOptions;
  /** The caller's filter, on paragraphs and (`filter`) on document numbers. */
  readonly accept: ((paragraph: ParagraphRecord) => boolean) | undefined;
  readonly filter: ((doc: number) => boolean) | undefined;
  readonly documents: DocumentTable;
  /** How much each language's matches weigh: the query's language over the other when it is clear. */
  readonly weights: Record<Language, number>;
  /** Per concept: at most how many paragraphs it matches; infinite for prefix and typo lookups. */
  readonly costs: readonly number[];
  readonly resolved: readonly ResolvedConcept[];
  /** The concepts that match some (accepted) paragraph; the others are set aside. */
  readonly active: readonly number[];
  /** True when a concept was set aside: the answer says not every word was found. */
  readonly partial: boolean;
  /** More paragraphs than this make a word common. */
  readonly common: number;
  /** Per concept: too common to look up, and checked in the paragraphs the rarer words found instead. */
  readonly deferred: readonly boolean[];
  /** Per concept: its matches so far (none until a strategy looks it up). */
  readonly perConcept: ConceptMatches[];
  /** Every match made, given back on release. */
  private readonly made: ConceptMatches[] = [];

  constructor(
    plan: QueryPlan,
    context: SearchContext,
    ranking: RankingOptions,
    accept: ((paragraph: ParagraphRecord) => boolean) | undefined,
  ) {
    const { index } = context;
    this.plan = plan;
    this.index = index;
    this.ranking = ranking;
    this.accept = accept;
    this.documents = documentTable(context);
    const { paragraphs } = this.documents;
    this.filter = accept ? (doc: number) => accept(paragraphs[doc]!) : undefined;
    const { language } = plan;
    this.weights = perLanguage((own) => (language && language !== own ? ranking.otherLanguageWeight : 1));
    // Costs come from document frequencies: an exact word's cost bounds its count, enough to
    // tell whether it is present. Prefix and typo lookups have no cost known in advance: they
    // are looked for first, until one paragraph holds them.
    const costs = plan.concepts.map((concept) => conceptCost(concept, index));
    const expansions: Expansions = new Map();
    const resolved = plan.concepts.map((concept, i) =>
      Number.isFinite(costs[i]!)
        ? { resolved: resolveExact(concept, index, expansions), present: costs[i]! > 0 }
        : resolveConcept(concept, index, this.filter, expansions),
    );
    this.costs = costs;
    this.resolved = resolved.map((concept) => concept.resolved);
    this.perConcept = plan.concepts.map(() => noMatches(index));
    const active = plan.concepts.flatMap((_, i) => (resolved[i]!.present ? [i] : []));
    this.active = active;
    this.partial = active.length < plan.concepts.length;
    this.common = Math.max(ranking.commonWordFloor, ranking.commonWordShare * context.paragraphs.size);
    // Words found in a large share of the corpus are not looked up in the index (that would
    // score most of it) but checked in the few paragraphs the rarer words found.
    const cheapest = active.reduce((best, i) => (costs[i]! < costs[best]! ? i : best), active[0]!);
    this.deferred = plan.concepts.map(
      (concept, i) =>
        resolved[i]!.present &&
        active.length > 1 &&
        !concept.phrase &&
        i !== cheapest &&
        Number.isFinite(costs[i]!) &&
        costs[i]! > this.common,
    );
  }

  /** True when every concept present is a common exact word (no phrase): scoring would touch most of the corpus. */
  get everyWordCommon(): boolean {
    return this.active.every(
      (i) =>
        this.costs[i]! > this.common && Number.isFinite(this.costs[i]!) && !this.plan.concepts[i]!.phrase,
    );
  }

  /** The one concept present, when there is one. */
  get single(): number | undefined {
    return this.active.length === 1 ? this.active[0]! : undefined;
  }

  /** Keeps matches to give back on release. */
  keep(matches: ConceptMatches): ConceptMatches {
    this.made.push(matches);
    return matches;
  }

  /** Concept i looked up in both language indexes and scored. */
  match(i: number): ConceptMatches {
    return this.keep(
      scoreConcept(this.resolved[i]!, this.index, this.weights, this.ranking.boost, this.filter),
    );
  }

  /** A hit for a document, with the index terms every concept matched in it, per language. */
  toHit(doc: number, score: number): Hit {
    const matched = perLanguage(() => new Set<string>());
    for (const matches of this.perConcept) {
      if (!matches.has(doc)) continue;
      for (const language of languages)
        for (const term of matches.terms(doc, language) ?? []) matched[language].add(term);
    }
    return { paragraph: this.documents.paragraphs[doc]!, score, matched };
  }

  /** Gives every working array back: the matches are unusable after. */
  release() {
    for (const matches of this.made.splice(0)) matches.release();
  }
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
      for (const language of languages) {
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

/** Each document's paragraph and recency, by document number. */
export interface DocumentTable {
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
