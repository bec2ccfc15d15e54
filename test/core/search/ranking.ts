import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateStatements, writeCorpus } from '../../../bench/corpus.ts';
import { buildQuerySet } from '../../../bench/run.ts';
import { answer } from '../../../src/core/answer.ts';
import type { Knowledge } from '../../../src/core/knowledge-base.ts';
import { loadKnowledge } from '../../../src/service/knowledge/load.ts';
import { loadRelevanceQueries } from '../../relevance/evaluate.ts';
import { seedKnowledge } from '../../support/knowledge.ts';

/** What a query shows first: its top 5 paragraphs (statement#n), the total and whether it is estimated. */
export interface Ranked {
  top: string[];
  total: number;
  estimated: boolean;
}

/** The top 5 of each query through the real `answer`. */
export function rankAll(knowledge: Knowledge, queries: readonly string[]): Record<string, Ranked> {
  const out: Record<string, Ranked> = {};
  for (const query of queries) {
    const reply = answer(query, knowledge, { limit: 5 });
    out[query] =
      reply.kind === 'quotes'
        ? {
            top: reply.results.map((result) => `${result.statement}#${result.paragraph}`),
            total: reply.total,
            estimated: reply.estimated === true,
          }
        : { top: [], total: 0, estimated: false };
  }
  return out;
}

/** The synthetic corpus of the bench at a size, with the real glossary and themes, as the bench loads it. */
export async function benchKnowledge(statements: number): Promise<Knowledge> {
  const dir = mkdtempSync(join(tmpdir(), 'ranking-'));
  try {
    writeCorpus(join(dir, 'data'), generateStatements({ statements }));
    return await loadKnowledge(join(dir, 'data'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The query sets the ranking is pinned on: both evaluation sets and the bench's set at two sizes. */
export async function rankingSets(): Promise<Record<string, Record<string, Ranked>>> {
  const seed = await seedKnowledge();
  const evaluation = [
    ...loadRelevanceQueries('test/relevance/queries.yml'),
    ...loadRelevanceQueries('test/relevance/holdout.yml'),
  ].map((query) => query.q);
  const synthetic = await benchKnowledge(1000);
  return {
    evaluation: rankAll(seed, evaluation),
    'bench, seed': rankAll(seed, buildQuerySet(seed)),
    'bench, 1,000 statements': rankAll(synthetic, buildQuerySet(synthetic)),
  };
}
