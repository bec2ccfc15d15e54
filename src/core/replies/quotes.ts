import type { Filters } from '../command.ts';
import type { Language, ParagraphRecord, Statement } from '../corpus.ts';
import type { Knowledge } from '../knowledge-base.ts';
import { type LanguageSignals, replyLanguage, resolveLanguage } from '../language.ts';
import { messages } from '../messages.ts';
import type { Reply } from '../reply.ts';
import { type Hit, type RankingOptions, searchArchive, suggest } from '../search/index.ts';
import { statementRef } from './naming.ts';
import { toResult } from './result.ts';
import { relatedThemes } from './themes.ts';

/** What a quotes reply needs of the answer's settings. */
export interface Page {
  offset: number;
  limit: number;
  ranking: RankingOptions;
}

/** A run of paragraphs, asked by number: each shown whole, in the answer's language or as delivered. */
export function rangeReply(
  range: [number, number],
  statement: Statement,
  knowledge: Knowledge,
  page: Page,
  signals: LanguageSignals,
): Reply {
  const language = replyLanguage(signals);
  const hits = [...knowledge.paragraphs.values()]
    .filter(
      (paragraph) =>
        paragraph.statement.id === statement.id && paragraph.n >= range[0] && paragraph.n <= range[1],
    )
    .map((paragraph): Hit => ({ paragraph, score: 0, matched: { fr: new Set(), en: new Set() } }));
  if (hits.length === 0) {
    const last = Math.max(...statement.paragraphs.map((p) => p.n));
    return {
      kind: 'error',
      language,
      message: messages[language].noParagraph(range[0], last, statement.title[language]),
    };
  }
  return {
    kind: 'quotes',
    language,
    query: `¶${range[0]}-${range[1]}`,
    mode: 'range',
    ...(knowledge.statements.length > 1 ? { archive: true } : {}),
    results: hits
      .slice(page.offset, page.offset + page.limit)
      .map((hit) => toResult(hit, resolveLanguage(signals) ?? hit.paragraph.delivered, language, true)),
    total: hits.length,
    offset: page.offset,
  };
}

/** The paragraphs `in:`, `from:`, `to:` and `¶10-14` leave to search; undefined when they leave all. */
export function paragraphFilter(
  filters: Filters,
  statements: readonly Statement[],
  knowledge: Knowledge,
): ((paragraph: ParagraphRecord) => boolean) | undefined {
  const range = filters.range;
  const allowed =
    statements.length === knowledge.statements.length
      ? undefined
      : new Set(statements.map((statement) => statement.id));
  if (!allowed && !range) return undefined;
  return (paragraph) =>
    (!allowed || allowed.has(paragraph.statement.id)) &&
    (!range || (paragraph.n >= range[0] && paragraph.n <= range[1]));
}

/**
 * The passages a search means, best first, in the query's language when it is clear; a
 * quoted phrase that does not occur falls back to the passages that hold all its words.
 */
export function searchReply(
  query: string,
  filters: Filters,
  statements: readonly Statement[],
  knowledge: Knowledge,
  page: Page,
  signals: LanguageSignals,
): Reply {
  const accept = paragraphFilter(filters, statements, knowledge);
  const search = (text: string) =>
    searchArchive(text, knowledge, accept, page.ranking, page.offset + page.limit);
  let outcome = search(query);
  let phraseNotFound = false;
  if (outcome.hits.length === 0 && outcome.concepts.some((concept) => concept.phrase)) {
    const words = search(query.replace(/["«»“”]/g, ' '));
    if (words.hits.length > 0) {
      outcome = words;
      phraseNotFound = true;
    }
  }
  const withQuery: LanguageSignals = { ...signals, ...(outcome.language ? { query: outcome.language } : {}) };
  const language = replyLanguage(withQuery);
  const said = {
    ...(knowledge.statements.length > 1 ? { archive: true } : {}),
    ...(outcome.searched ? { searched: outcome.searched } : {}),
    ...(outcome.focus
      ? {
          focus: {
            ...(outcome.focus.period ? { period: outcome.focus.period.text } : {}),
            names: outcome.focus.words,
            statements: outcome.focus.statements
              .slice(0, 3)
              .map((id) => statementRef(knowledge.statements.find((statement) => statement.id === id)!)),
          },
        }
      : {}),
  };
  if (outcome.hits.length === 0) {
    return {
      kind: 'quotes',
      language,
      query,
      mode: 'all',
      results: [],
      total: 0,
      offset: page.offset,
      ...said,
      suggestions: suggest(
        query,
        knowledge.index,
        outcome.concepts.map((concept) => concept.text),
      ),
      themes: relatedThemes(query, knowledge),
    };
  }
  const shown = resolveLanguage(withQuery);
  return {
    kind: 'quotes',
    language,
    query,
    mode: outcome.mode === 'some' ? 'some' : 'all',
    results: outcome.hits
      .slice(page.offset, page.offset + page.limit)
      .map((hit) => searchResult(hit, shown, language)),
    total: outcome.total,
    ...(outcome.estimated ? { estimated: true } : {}),
    ...(phraseNotFound ? { phraseNotFound: true } : {}),
    offset: page.offset,
    ...said,
  };
}

/** A search hit as a result: in the language asked for, else as delivered; a phrase where it was found. */
export function searchResult(hit: Hit, shown: Language | undefined, language: Language) {
  let first = shown ?? hit.paragraph.delivered;
  if (hit.phraseLanguages && !hit.phraseLanguages.includes(first)) first = hit.phraseLanguages[0]!;
  return toResult(hit, first, language, false);
}
