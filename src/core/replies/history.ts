import type { Filters } from '../command.ts';
import type { Statement } from '../corpus.ts';
import type { Knowledge } from '../knowledge-base.ts';
import { type LanguageSignals, replyLanguage, resolveLanguage } from '../language.ts';
import type { Reply } from '../reply.ts';
import { type Hit, searchArchive } from '../search/index.ts';
import { type Page, paragraphFilter, searchResult } from './quotes.ts';

/** Most paragraphs looked at to find each statement's best passage on a subject. */
const historyDepth = 1000;

/**
 * What was said on a subject over time: the best passage of each statement that speaks of
 * it, newest first, so that a delegate reads the current position first and, paging on,
 * how the language moved to it.
 */
export function historyReply(
  query: string,
  filters: Filters,
  statements: readonly Statement[],
  knowledge: Knowledge,
  page: Page,
  signals: LanguageSignals,
): Reply {
  const accept = paragraphFilter(filters, statements, knowledge);
  const outcome = searchArchive(query, knowledge, accept, page.ranking, historyDepth);
  // Hits come best first: the first of each statement is its best passage.
  const best = new Map<string, Hit>();
  for (const hit of outcome.hits)
    if (!best.has(hit.paragraph.statement.id)) best.set(hit.paragraph.statement.id, hit);
  const timeline = [...best.values()].sort(
    (a, b) =>
      b.paragraph.statement.date.localeCompare(a.paragraph.statement.date) ||
      a.paragraph.statement.id.localeCompare(b.paragraph.statement.id),
  );
  const withQuery: LanguageSignals = { ...signals, ...(outcome.language ? { query: outcome.language } : {}) };
  const language = replyLanguage(withQuery);
  const shown = resolveLanguage(withQuery);
  return {
    kind: 'history',
    language,
    query,
    ...(outcome.searched ? { searched: outcome.searched } : {}),
    results: timeline
      .slice(page.offset, page.offset + page.limit)
      .map((hit) => searchResult(hit, shown, language)),
    total: timeline.length,
    offset: page.offset,
  };
}
