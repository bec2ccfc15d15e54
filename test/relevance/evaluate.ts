import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { z } from 'zod';
import { answer } from '../../src/core/answer.ts';
import { parseDataFile } from '../../src/core/data-file.ts';
import type { Knowledge } from '../../src/core/knowledge-base.ts';
import type { RankingOptions } from '../../src/core/search/index.ts';
import { loadKnowledge } from '../../src/service/knowledge/load.ts';

/** A right answer: a paragraph number (a set over one statement) or "STATEMENT-ID:N" (an archive). */
const Expected = z.union([
  z.number().int().positive(),
  z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*:\d+$/, 'expected "STATEMENT-ID:PARAGRAPH"'),
]);

export const RelevanceQuery = z.strictObject({
  q: z.string().min(1),
  expect: z.array(Expected).min(1),
  /** The language the query is typed in, where a set records it. */
  lang: z.enum(['en', 'fr']).optional(),
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
    'typo',
    'year',
    'occasion',
    'speaker',
    'frame',
    'number',
    'filter',
  ]),
});
export type RelevanceQuery = z.infer<typeof RelevanceQuery>;

export const loadRelevanceQueries = (file = 'test/relevance/queries.yml'): RelevanceQuery[] =>
  parseDataFile(
    readFileSync(file, 'utf8'),
    file,
    z.strictObject({ queries: z.array(RelevanceQuery).min(80) }),
  ).queries;

/** The archive set: real statements on overlapping subjects, and the queries written for them. */
export const archiveSet = {
  statements: 'test/relevance/archive/statements',
  queries: 'test/relevance/archive/queries.yml',
};

/**
 * The knowledge of a folder of statement files, with the data folder's themes and glossary:
 * the real loader over a copy (it reads statements only from inside its data folder).
 */
export async function loadArchiveKnowledge(statements = archiveSet.statements): Promise<Knowledge> {
  const dir = mkdtempSync(join(tmpdir(), 'quotes-archive-eval-'));
  try {
    cpSync(statements, join(dir, 'statements'), { recursive: true });
    for (const file of ['themes.yml', 'glossary.yml']) cpSync(join('data', file), join(dir, file));
    return await loadKnowledge(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A ranked answer: its statement and paragraph, and its score. */
export interface Ranked {
  statement: string;
  n: number;
  score: number;
}

/** True when a ranked answer is one of the query's right answers. */
const isExpected = (expected: RelevanceQuery['expect'], item: Ranked) =>
  expected.some((right) =>
    typeof right === 'number' ? right === item.n : right === `${item.statement}:${item.n}`,
  );

export interface Scores {
  top1: number;
  mrr5: number;
  /** Mean lead of a right first result over the second, relative to its score (0 when wrong): a tie-breaker between settings. */
  margin: number;
  misses: Array<{ query: RelevanceQuery; got: string[] }>;
  byKind: Record<string, { n: number; top1: number }>;
}

/** Top-1 accuracy and MRR@5 of a ranking function over the queries. */
export function score(queries: readonly RelevanceQuery[], rank: (query: string) => Ranked[]): Scores {
  let top1 = 0;
  let mrr = 0;
  let margin = 0;
  const misses: Scores['misses'] = [];
  const byKind: Scores['byKind'] = {};
  for (const query of queries) {
    const ranked = rank(query.q).slice(0, 5);
    const got = ranked.map((item) =>
      typeof query.expect[0] === 'number' ? String(item.n) : `${item.statement}:${item.n}`,
    );
    const at = ranked.findIndex((item) => isExpected(query.expect, item));
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
    ? reply.results.map((result) => ({
        statement: result.statement,
        n: result.paragraph,
        score: result.score,
      }))
    : [];
};

/** The baseline: MiniSearch with default options over the same paragraphs, both languages as fields. */
export function rankWithPlainMiniSearch(knowledge: Knowledge) {
  const index = new MiniSearch<{ id: string; statement: string; n: number; fr: string; en: string }>({
    fields: ['fr', 'en'],
    storeFields: ['statement', 'n'],
  });
  index.addAll(
    [...knowledge.paragraphs.values()].map((paragraph) => ({
      id: paragraph.id,
      statement: paragraph.statement.id,
      n: paragraph.n,
      fr: paragraph.text.fr?.text ?? '',
      en: paragraph.text.en?.text ?? '',
    })),
  );
  return (query: string) =>
    index.search(query).map((result) => ({
      statement: result.statement as string,
      n: result.n as number,
      score: result.score,
    }));
}
