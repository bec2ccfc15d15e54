import { readFileSync } from 'node:fs';
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { answer } from '../../src/core/answer.ts';
import { parseDataFile } from '../../src/core/data-file.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import type { RankingOptions } from '../../src/core/search/search.ts';

export const RelevanceQuery = z.strictObject({
  q: z.string().min(1),
  expect: z.array(z.number().int().positive()).min(1),
  kind: z.enum([
    'en',
    'fr',
    'cross',
    'typo',
    'accents',
    'half',
    'acronym',
    'phrase',
    'paraphrase',
    'missing-phrase',
    'name',
    'compound',
    'abbrev',
    'short-typo',
  ]),
});
export type RelevanceQuery = z.infer<typeof RelevanceQuery>;

export const loadRelevanceQueries = (file = 'test/relevance/queries.yml'): RelevanceQuery[] =>
  parseDataFile(
    readFileSync(file, 'utf8'),
    file,
    z.strictObject({ queries: z.array(RelevanceQuery).min(80) }),
  ).queries;

export interface Scores {
  top1: number;
  mrr5: number;
  /** Mean lead of a right first result over the second, relative to its score (0 when wrong): a tie-breaker between settings. */
  margin: number;
  misses: Array<{ query: RelevanceQuery; got: number[] }>;
  byKind: Record<string, { n: number; top1: number }>;
}

/** Top-1 accuracy and MRR@5 of a ranking function over the queries. */
export function score(
  queries: readonly RelevanceQuery[],
  rank: (query: string) => number[] | Array<{ n: number; score: number }>,
): Scores {
  let top1 = 0;
  let mrr = 0;
  let margin = 0;
  const misses: Scores['misses'] = [];
  const byKind: Scores['byKind'] = {};
  for (const query of queries) {
    const ranked = rank(query.q)
      .slice(0, 5)
      .map((item) => (typeof item === 'number' ? { n: item, score: 0 } : item));
    const got = ranked.map((item) => item.n);
    const at = got.findIndex((n) => query.expect.includes(n));
    const kind = byKind[query.kind] ?? { n: 0, top1: 0 };
    byKind[query.kind] = kind;
    kind.n += 1;
    if (at === 0) {
      top1 += 1;
      const [first, second] = ranked;
      margin += first!.score > 0 ? (first!.score - (second?.score ?? 0)) / first!.score : 0;
      kind.top1 += 1;
    } else misses.push({ query, got });
    if (at >= 0) mrr += 1 / (at + 1);
  }
  return {
    top1: top1 / queries.length,
    mrr5: mrr / queries.length,
    margin: margin / queries.length,
    misses,
    byKind,
  };
}

/** Our ranking: the real `answer` over the real knowledge. */
export const rankWithAnswer = (knowledge: Knowledge, ranking?: RankingOptions) => (query: string) => {
  const reply = answer(query, knowledge, ranking ? { limit: 5, ranking } : { limit: 5 });
  return reply.kind === 'quotes'
    ? reply.results.map((result) => ({ n: result.paragraph, score: result.score }))
    : [];
};

/** The baseline: MiniSearch with default options over the same paragraphs, both languages as fields. */
export function rankWithPlainMiniSearch(knowledge: Knowledge) {
  const index = new MiniSearch<{ id: string; n: number; fr: string; en: string }>({
    fields: ['fr', 'en'],
    storeFields: ['n'],
  });
  index.addAll(
    [...knowledge.paragraphs.values()].map((paragraph) => ({
      id: paragraph.id,
      n: paragraph.n,
      fr: paragraph.text.fr?.text ?? '',
      en: paragraph.text.en?.text ?? '',
    })),
  );
  return (query: string) =>
    index.search(query).map((result) => ({ n: result.n as number, score: result.score }));
}
