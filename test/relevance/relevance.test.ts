import { beforeAll, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../src/core/knowledge-base';
import { seedKnowledge } from '../support/knowledge';
import { loadRelevanceQueries, rankWithAnswer, rankWithPlainMiniSearch, score } from './evaluate';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await seedKnowledge();
});

describe('relevance on delegates’ queries', () => {
  it('puts the paragraph meant first (top-1 ≥ 0.95, MRR@5 ≥ 0.97)', () => {
    const queries = loadRelevanceQueries();
    expect(queries.length).toBeGreaterThanOrEqual(80);
    const ours = score(queries, rankWithAnswer(knowledge));
    const misses = ours.misses.map(({ query, got }) => `${query.q} → [${got.join(', ')}]`);
    expect(ours.top1, misses.join('\n')).toBeGreaterThanOrEqual(0.95);
    expect(ours.mrr5).toBeGreaterThanOrEqual(0.97);
  });

  it('beats plain MiniSearch over the same paragraphs', () => {
    const queries = loadRelevanceQueries();
    const ours = score(queries, rankWithAnswer(knowledge));
    const baseline = score(queries, rankWithPlainMiniSearch(knowledge));
    expect(ours.top1).toBeGreaterThan(baseline.top1);
  });
});
