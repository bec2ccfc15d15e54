/**
 * The search engine's one face: nothing outside `core/search` imports any other file of it.
 *
 * - Build: `analyzeParagraph` each paragraph (its terms also tag themes), `buildQuoteIndex`
 *   over them in order, then `prepareSearch` once the knowledge holds the index.
 * - Data: `quoteIndexToData` and `loadQuoteIndex` (or `loadQuoteIndexInSteps`) turn an index
 *   into plain data and back, for snapshots and reload workers; `indexVersion` names that
 *   format; `indexDataTransfer` lists the buffers a message to another thread can move.
 * - Search: `searchArchive` (what the replies ask: question frames, periods and names of
 *   statements understood) over `searchQuotes` (the text search), `suggest` for "did you
 *   mean", `guessLanguage` for a query's language, `statementMetadata`/`takePeriod` for
 *   queries that name statements.
 * @example searchArchive('veto 2019', knowledge, undefined).hits[0]?.paragraph.id
 */

export { type ArchiveOutcome, type Focus, searchArchive } from './archive-search.ts';
export { guessLanguage } from './language.ts';
export { prepareSearch } from './lookup.ts';
export {
  type AnalyzedText,
  analyzeParagraph,
  buildQuoteIndex,
  type IndexField,
  type QuoteIndex,
} from './quote-index.ts';
export {
  defaultRankingOptions,
  type Hit,
  type QueryConcept,
  type RankingOptions,
  type SearchContext,
  type SearchOptions,
  type SearchOutcome,
  searchQuotes,
} from './search.ts';
export { type Period, type StatementMetadata, statementMetadata, takePeriod } from './selectors.ts';
export {
  indexDataTransfer,
  indexVersion,
  loadQuoteIndex,
  loadQuoteIndexInSteps,
  type QuoteIndexData,
  quoteIndexToData,
} from './snapshot.ts';
export { suggest } from './suggest.ts';
