import { buildParagraphRecord, type ParagraphRecord, type Statement } from './corpus.ts';
import { buildGlossary, type Glossary, type GlossaryFile } from './glossary.ts';
import {
  analyzeParagraph,
  buildQuoteIndex,
  prepareSearch,
  type QuoteIndex,
  type SearchContext,
} from './search/index.ts';
import type { SkippedFile } from './statement-rules.ts';
import { buildThemeResolver, type ThemeResolver } from './themes/resolve.ts';
import { type CompiledTheme, compileThemes, tagParagraph } from './themes/tagging.ts';
import type { Theme, ThemesFile } from './themes/taxonomy.ts';

/** Everything `answer` needs, built once from the data files and then only read. */
export interface Knowledge extends SearchContext {
  /** Newest first. */
  statements: readonly Statement[];
  paragraphs: ReadonlyMap<string, ParagraphRecord>;
  glossary: Glossary;
  index: QuoteIndex;
  themes: readonly Theme[];
  compiledThemes: readonly CompiledTheme[];
  /** Paragraph id → its theme ids. */
  tags: ReadonlyMap<string, readonly string[]>;
  themeResolver: ThemeResolver;
  /** When the data was loaded (ISO time), shown by `statements`. */
  loadedAt: string;
  /** The last reload that failed since, when one did: the data shown is older than the files. */
  reloadProblem?: { at: string; message: string };
  /** Statement files left out of this load (each breaks a rule): the others answer. */
  skipped: readonly SkippedFile[];
}

/** The costly part of knowledge, which a snapshot keeps between runs. */
export interface PrebuiltIndex {
  index: QuoteIndex;
  tags: ReadonlyMap<string, readonly string[]>;
}

/**
 * Builds the paragraph records, the glossary and the search index from validated data;
 * with `prebuilt`, takes the index and theme tags from a snapshot instead.
 */
export function buildKnowledge(
  statements: readonly Statement[],
  glossaryFile: GlossaryFile,
  themesFile: ThemesFile = { themes: [] },
  options: KnowledgeOptions = {},
): Knowledge {
  const steps = knowledgeSteps(statements, glossaryFile, themesFile, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

export interface KnowledgeOptions {
  loadedAt?: string;
  skipped?: readonly SkippedFile[];
  prebuilt?: PrebuiltIndex;
}

/**
 * `buildKnowledge` with `pause` awaited between slices of the work (statements a few
 * hundred at a time), for a caller that must keep other work going meanwhile.
 */
export async function buildKnowledgeInSteps(
  statements: readonly Statement[],
  glossaryFile: GlossaryFile,
  themesFile: ThemesFile,
  options: KnowledgeOptions,
  pause: () => Promise<void>,
): Promise<Knowledge> {
  const steps = knowledgeSteps(statements, glossaryFile, themesFile, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await pause();
  }
}

/** The building of a knowledge, yielding between slices; run whole by `buildKnowledge`. */
function* knowledgeSteps(
  statements: readonly Statement[],
  glossaryFile: GlossaryFile,
  themesFile: ThemesFile,
  options: KnowledgeOptions,
): Generator<void, Knowledge> {
  const loadedAt = options.loadedAt ?? new Date().toISOString();
  const sorted = newestFirst(statements);
  const paragraphs = new Map<string, ParagraphRecord>();
  let done = 0;
  for (const statement of sorted) {
    addParagraphRecords(paragraphs, statement);
    if (++done % 500 === 0) yield;
  }
  const recency = new Map<string, number>();
  const dates = [...new Set(sorted.map((statement) => statement.date))].sort();
  const rank = new Map(dates.map((date, i) => [date, i]));
  for (const statement of sorted) {
    recency.set(statement.id, dates.length > 1 ? rank.get(statement.date)! / (dates.length - 1) : 1);
  }
  const compiledThemes = compileThemes(themesFile.themes);
  const { index, tags } = options.prebuilt ?? buildIndexAndTags(paragraphs, compiledThemes);
  yield;
  const knowledge: Knowledge = {
    statements: sorted,
    themes: themesFile.themes,
    compiledThemes,
    tags,
    themeResolver: buildThemeResolver(themesFile.themes),
    paragraphs,
    glossary: buildGlossary(glossaryFile),
    index,
    recency,
    loadedAt,
    skipped: options.skipped ?? [],
  };
  prepareSearch(knowledge);
  return knowledge;
}

/** Statements newest first, then by id: the order of a knowledge, and so of its index. */
const newestFirst = (statements: readonly Statement[]) =>
  [...statements].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));

function addParagraphRecords(records: Map<string, ParagraphRecord>, statement: Statement) {
  for (const paragraph of [...statement.paragraphs].sort((a, b) => a.n - b.n)) {
    const record = buildParagraphRecord(statement, paragraph);
    records.set(record.id, record);
  }
}

/**
 * Only what a knowledge's index is: the statements in its order, the index and the theme
 * tags, without the glossary, the resolver or the search tables (for a worker that sends
 * the index to be assembled elsewhere, with `prebuilt`).
 */
export function buildSearchParts(
  statements: readonly Statement[],
  themesFile: ThemesFile,
): PrebuiltIndex & { statements: Statement[] } {
  const sorted = newestFirst(statements);
  const paragraphs = new Map<string, ParagraphRecord>();
  for (const statement of sorted) addParagraphRecords(paragraphs, statement);
  return { statements: sorted, ...buildIndexAndTags(paragraphs, compileThemes(themesFile.themes)) };
}

/** Analyses every paragraph once, for the search index and for the theme tags. */
export function buildIndexAndTags(
  paragraphs: ReadonlyMap<string, ParagraphRecord>,
  compiledThemes: readonly CompiledTheme[],
): PrebuiltIndex {
  const tags = new Map<string, string[]>();
  const analyzed = function* () {
    for (const paragraph of paragraphs.values()) {
      const texts = analyzeParagraph(paragraph);
      const terms = { fr: texts.fr && new Set(texts.fr.terms), en: texts.en && new Set(texts.en.terms) };
      tags.set(paragraph.id, tagParagraph(paragraph, terms, compiledThemes));
      yield { id: paragraph.id, texts };
    }
  };
  return { index: buildQuoteIndex(analyzed()), tags };
}
