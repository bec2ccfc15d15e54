import MiniSearch, { type Query } from 'minisearch';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildQuerySet } from '../../../bench/run.ts';
import type { Language } from '../../../src/core/corpus.ts';
import type { Knowledge } from '../../../src/core/knowledge-base.ts';
import {
  conceptQuery,
  resolveExact,
  scoreConcept,
  topOfConcept,
  walkable,
} from '../../../src/core/search/concepts.ts';
import {
  type ConceptQuery,
  compile,
  matchedTerms,
  ScratchPool,
  scoreQuery,
} from '../../../src/core/search/engine.ts';
import { buildQueryPlan } from '../../../src/core/search/query-plan.ts';
import { analyzeParagraph } from '../../../src/core/search/quote-index.ts';
import { defaultRankingOptions } from '../../../src/core/search/search.ts';
import { conceptScore, cursorsOf, topK } from '../../../src/core/search/top-k.ts';
import { loadRelevanceQueries } from '../../relevance/evaluate.ts';
import { seedKnowledge } from '../../support/knowledge.ts';
import { benchKnowledge } from './ranking.ts';

/** MiniSearch itself, configured as the index was before the engine: the reference scorer. */
function referenceIndexes(knowledge: Knowledge): Record<Language, MiniSearch> {
  const options = {
    fields: ['delivered', 'counterpart'],
    storeFields: [],
    tokenize: (text: string) => text.split(' '),
    processTerm: (term: string) => term || null,
    searchOptions: { tokenize: (text: string) => [text], processTerm: (term: string) => term },
  };
  const indexes = { fr: new MiniSearch(options), en: new MiniSearch(options) };
  for (const paragraph of knowledge.paragraphs.values()) {
    const texts = analyzeParagraph(paragraph);
    for (const language of ['fr', 'en'] as const) {
      const text = texts[language];
      if (text) indexes[language].add({ id: paragraph.id, [text.field]: text.terms.join(' ') });
    }
  }
  return indexes;
}

const asMiniSearchQuery = (concept: ConceptQuery): Query => ({
  combineWith: 'OR',
  queries: concept.map((words) => ({
    combineWith: 'AND',
    queries: words.map((forms) => ({
      combineWith: 'OR',
      queries: forms.map((form) => ({
        combineWith: 'OR',
        queries: [form.term],
        prefix: form.prefix,
        fuzzy: form.fuzzy > 0 ? form.fuzzy : false,
      })),
    })),
  })),
});

/** Every concept of every query, as each language looks it up. */
function conceptsOf(knowledge: Knowledge, queries: readonly string[]) {
  return queries.flatMap((query) =>
    buildQueryPlan(query, knowledge.index, knowledge.glossary).concepts.flatMap((concept) =>
      (['fr', 'en'] as const).map((language) => ({
        query,
        concept,
        language,
        tree: conceptQuery(concept, language, knowledge.index.terms[language]),
      })),
    ),
  );
}

const evaluation = () =>
  [
    ...loadRelevanceQueries('test/relevance/queries.yml'),
    ...loadRelevanceQueries('test/relevance/holdout.yml'),
  ].map((query) => query.q);

describe.each([
  ['the seed', () => seedKnowledge(), evaluation],
  ['200 synthetic statements', () => benchKnowledge(200), () => []],
] as const)('the engine on %s', (_name, load, extra) => {
  let knowledge: Knowledge;
  let reference: Record<Language, MiniSearch>;
  beforeAll(async () => {
    knowledge = await load();
    reference = referenceIndexes(knowledge);
  }, 60_000);

  it('scores every concept exactly as MiniSearch does: same paragraphs, same scores, same matched terms', () => {
    const pool = new ScratchPool(knowledge.index.ids.length);
    const cases = conceptsOf(knowledge, [...extra(), ...buildQuerySet(knowledge)]);
    expect(cases.length).toBeGreaterThan(100);
    let compared = 0;
    for (const { query, language, tree } of cases) {
      const expected = reference[language].search(asMiniSearchQuery(tree), {
        boost: defaultRankingOptions.boost,
      });
      const compiled = compile(knowledge.index.postings[language], tree);
      const scored = scoreQuery(compiled, defaultRankingOptions.boost, pool);
      const got = new Map<string, number>();
      for (let i = 0; i < scored.size; i++) {
        const doc = scored.list[i]!;
        got.set(knowledge.index.ids[doc]!, scored.score[doc]!);
      }
      expect(got.size, `${query} (${language})`).toBe(expected.length);
      for (const result of expected) {
        expect(got.get(result.id), `${query} (${language}): ${result.id}`).toBe(result.score);
        const doc = knowledge.index.numbers.get(result.id)!;
        expect(new Set(matchedTerms(compiled, doc))).toEqual(new Set(result.terms));
        compared += 1;
      }
      pool.give(scored);
    }
    expect(compared).toBeGreaterThan(500);
  });

  it('finds the top k of a one-concept query by a MaxScore walk that scores fewer paragraphs, in the order a full scoring gives', () => {
    const { index } = knowledge;
    const weights = { fr: 1, en: 0.2 };
    const boosts = defaultRankingOptions.boost;
    const factor = (doc: number) => 1 + (0.02 * (doc % 7)) / 7;
    const before = (a: number, b: number) => index.ids[a]! < index.ids[b]!;
    let walked = 0;
    let skipped = 0;
    for (const { concept } of conceptsOf(knowledge, [...extra(), ...buildQuerySet(knowledge)])) {
      const resolved = resolveExact(concept, index);
      if (!walkable(resolved, 0)) continue; // every concept the walk can take, however short its lists
      const full = scoreConcept(resolved, index, weights, boosts, undefined);
      const docs = [...full.docs];
      const ranked = docs
        .map((doc) => ({ doc, score: full.score(doc) * factor(doc) }))
        .sort((a, b) => b.score - a.score || (before(a.doc, b.doc) ? -1 : 1))
        .slice(0, 10);
      full.release();
      const top = topOfConcept(resolved, index, weights, boosts, undefined, 10, factor, 1.02, before);
      if (top) {
        walked += 1;
        expect(top.top).toEqual(ranked);
        top.matches.release();
      }
      // The walk itself, without a budget: the best score, found scoring only some paragraphs.
      const both = { queries: [resolved.queries.fr, resolved.queries.en], weights: [weights.fr, weights.en] };
      const scores = docs.map((doc) => conceptScore(both, doc, boosts));
      if (scores.length === 0) continue;
      let scored = 0;
      const best = topK(
        cursorsOf(both, boosts),
        1,
        (doc) => {
          scored += 1;
          const score = conceptScore(both, doc, boosts);
          return score > 0 ? score : undefined;
        },
        (most) => most * (1 + 1e-9),
        () => false,
      );
      expect(best?.[0]?.key).toBe(Math.max(...scores));
      if (scored < scores.length) skipped += 1;
    }
    expect(walked).toBeGreaterThan(10);
    expect(skipped).toBeGreaterThan(10);
  });
});
