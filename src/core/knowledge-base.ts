import { buildParagraphRecord, type ParagraphRecord, type Statement } from './corpus';
import { buildGlossary, type Glossary, type GlossaryFile } from './glossary';
import { buildQuoteIndex, type QuoteIndex } from './search/quote-index';
import type { SearchContext } from './search/search';
import { buildThemeResolver, type ThemeResolver } from './themes/resolve';
import { buildThemeTags, type CompiledTheme, compileThemes } from './themes/tagging';
import type { Theme, ThemesFile } from './themes/taxonomy';

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
}

/** Builds the paragraph records, the glossary and the search index from validated data. */
export function buildKnowledge(
  statements: readonly Statement[],
  glossaryFile: GlossaryFile,
  themesFile: ThemesFile = { themes: [] },
  loadedAt = new Date().toISOString(),
): Knowledge {
  const sorted = [...statements].sort((a, b) => b.date.localeCompare(a.date) || a.id.localeCompare(b.id));
  const paragraphs = new Map<string, ParagraphRecord>();
  for (const statement of sorted) {
    for (const paragraph of [...statement.paragraphs].sort((a, b) => a.n - b.n)) {
      const record = buildParagraphRecord(statement, paragraph);
      paragraphs.set(record.id, record);
    }
  }
  const recency = new Map<string, number>();
  const dates = [...new Set(sorted.map((statement) => statement.date))].sort();
  for (const statement of sorted) {
    recency.set(statement.id, dates.length > 1 ? dates.indexOf(statement.date) / (dates.length - 1) : 1);
  }
  const compiledThemes = compileThemes(themesFile.themes);
  return {
    statements: sorted,
    themes: themesFile.themes,
    compiledThemes,
    tags: buildThemeTags(paragraphs.values(), compiledThemes),
    themeResolver: buildThemeResolver(themesFile.themes),
    paragraphs,
    glossary: buildGlossary(glossaryFile),
    index: buildQuoteIndex(paragraphs.values()),
    recency,
    loadedAt,
  };
}
