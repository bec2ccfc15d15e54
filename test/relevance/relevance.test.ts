import { beforeAll, describe, expect, it } from 'vitest';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import { defaultRankingOptions } from '../../src/core/search/index.ts';
import { seedKnowledge } from '../support/knowledge.ts';
import {
  archiveSet,
  loadArchiveKnowledge,
  loadRelevanceQueries,
  rankWithAnswer,
  rankWithPlainMiniSearch,
  score,
} from './evaluate.ts';

let knowledge: Knowledge;
beforeAll(async () => {
  knowledge = await seedKnowledge();
});

const sets = [
  ['the tuning set', 'test/relevance/queries.yml'],
  ['the held-out set (never used for tuning)', 'test/relevance/holdout.yml'],
] as const;

describe.each(sets)('relevance on %s', (_name, file) => {
  it('puts the paragraph meant first (top-1 ≥ 0.97, MRR@5 ≥ 0.98)', () => {
    const queries = loadRelevanceQueries(file);
    expect(queries.length).toBeGreaterThanOrEqual(80);
    const ours = score(queries, rankWithAnswer(knowledge));
    const misses = ours.misses.map(({ query, got }) => `${query.q} → [${got.join(', ')}]`);
    expect(ours.top1, misses.join('\n')).toBeGreaterThanOrEqual(0.97);
    expect(ours.mrr5).toBeGreaterThanOrEqual(0.98);
  });

  it('beats plain MiniSearch over the same paragraphs', () => {
    const queries = loadRelevanceQueries(file);
    const ours = score(queries, rankWithAnswer(knowledge));
    const baseline = score(queries, rankWithPlainMiniSearch(knowledge));
    expect(ours.top1).toBeGreaterThan(baseline.top1);
  });
});

describe('the tuning set', () => {
  it('can tell a better ranking from a worse one: other weights score differently', () => {
    const queries = loadRelevanceQueries('test/relevance/queries.yml');
    const tuned = score(queries, rankWithAnswer(knowledge));
    const flat = score(
      queries,
      rankWithAnswer(knowledge, {
        ...defaultRankingOptions,
        boost: { delivered: 1, counterpart: 1 },
        otherLanguageWeight: 1,
      }),
    );
    expect(flat.top1).toBeLessThan(tuned.top1);
  });
});

describe('relevance on an archive of real statements (never used for tuning)', () => {
  let archive: Knowledge;
  beforeAll(async () => {
    archive = await loadArchiveKnowledge();
  });

  it('puts the passage meant first (top-1 ≥ 0.98, MRR@5 ≥ 0.98), and beats plain MiniSearch', () => {
    const queries = loadRelevanceQueries(archiveSet.queries);
    expect(queries.length).toBeGreaterThanOrEqual(150);
    expect(archive.statements.length).toBeGreaterThanOrEqual(10);
    const ours = score(queries, rankWithAnswer(archive));
    const misses = ours.misses.map(({ query, got }) => `${query.q} → [${got.join(', ')}]`);
    expect(ours.top1, misses.join('\n')).toBeGreaterThanOrEqual(0.98);
    expect(ours.mrr5).toBeGreaterThanOrEqual(0.98);
    expect(ours.top1).toBeGreaterThan(score(queries, rankWithPlainMiniSearch(archive)).top1);
  });

  it('picks the statement a year, an occasion or a speaker names (top-1 ≥ 0.95)', () => {
    const queries = loadRelevanceQueries(archiveSet.queries).filter((query) =>
      ['year', 'occasion', 'speaker'].includes(query.kind),
    );
    expect(queries.length).toBeGreaterThanOrEqual(30);
    const ours = score(queries, rankWithAnswer(archive));
    expect(ours.top1, ours.misses.map(({ query }) => query.q).join('\n')).toBeGreaterThanOrEqual(0.95);
  });
});
