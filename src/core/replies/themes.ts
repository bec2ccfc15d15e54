import { tokenize } from '../analysis/normalize.ts';
import { type Language, type ParagraphRecord, paragraphId, type Statement } from '../corpus.ts';
import type { Knowledge } from '../knowledge-base.ts';
import { messages } from '../messages.ts';
import type { Reply, ThemeRef } from '../reply.ts';
import { guessLanguage } from '../search/index.ts';
import { resolveTheme } from '../themes/resolve.ts';
import { buildThemeSummary } from '../themes/summary.ts';
import { type CompiledTheme, themeScore } from '../themes/tagging.ts';
import type { Theme } from '../themes/taxonomy.ts';
import { statementRef } from './naming.ts';
import { toResult } from './result.ts';

export const themeRef = (theme: Theme): ThemeRef => ({ id: theme.id, label: theme.label });

/** The paragraphs of a statement tagged with a theme, in order. */
export function themeParagraphs(
  statement: Statement,
  themeId: string,
  knowledge: Knowledge,
): ParagraphRecord[] {
  return [...statement.paragraphs]
    .sort((a, b) => a.n - b.n)
    .map((paragraph) => knowledge.paragraphs.get(paragraphId(statement.id, paragraph.n))!)
    .filter((record) => knowledge.tags.get(record.id)?.includes(themeId));
}

export function themesReply(statement: Statement, knowledge: Knowledge, language: Language): Reply {
  if (knowledge.themes.length === 0) return { kind: 'error', language, message: messages[language].noThemes };
  return {
    kind: 'themes',
    language,
    statement: statementRef(statement),
    ...(knowledge.statements.length > 1 ? { archive: true } : {}),
    paragraphNumbers: statement.paragraphs.map((paragraph) => paragraph.n).sort((a, b) => a - b),
    themes: knowledge.themes.map((theme) => ({
      ...themeRef(theme),
      description: theme.description,
      paragraphs: themeParagraphs(statement, theme.id, knowledge).map((record) => record.n),
    })),
  };
}

export function themeReply(
  name: string,
  statement: Statement,
  knowledge: Knowledge,
  language: Language,
): Reply {
  const found = findTheme(name, knowledge, language);
  if ('kind' in found) return found;
  const { theme, compiled } = found;
  const records = themeParagraphs(statement, theme.id, knowledge);
  const matched = { fr: keywordForms(compiled, 'fr'), en: keywordForms(compiled, 'en') };
  const key = [...records]
    .sort((a, b) => themeScore(b, compiled) - themeScore(a, compiled) || a.n - b.n)
    .slice(0, 3)
    .sort((a, b) => a.n - b.n);
  const summary = buildThemeSummary(compiled, statement, records);
  const reply: Reply = {
    kind: 'theme',
    language,
    statement: statementRef(statement),
    ...(knowledge.statements.length > 1 ? { archive: true } : {}),
    theme: { ...themeRef(theme), description: theme.description },
    paragraphs: records.map((record) => record.n),
    quotes: key.map((record) =>
      toResult({ paragraph: record, score: 0, matched }, language, language, false),
    ),
  };
  if (summary) reply.summary = summary;
  return reply;
}

export const keywordForms = (compiled: CompiledTheme, language: Language) =>
  new Set(compiled.keywords[language].flat(2));

/** French when the theme name is clearly French ("thème maintien de la paix"). */
export function guessNameLanguage(name: string, knowledge: Knowledge): Language | undefined {
  return guessLanguage(tokenize(name), knowledge.index, knowledge.glossary);
}

/** Themes whose names or keywords are close to a query that found nothing. */
export function relatedThemes(query: string, knowledge: Knowledge): ThemeRef[] {
  const resolved = resolveTheme(knowledge.themeResolver, query);
  const ids = [...(resolved.theme ? [resolved.theme] : []), ...resolved.suggestions].slice(0, 2);
  return ids
    .map((id) => knowledge.themes.find((theme) => theme.id === id))
    .filter((theme): theme is Theme => theme !== undefined)
    .map(themeRef);
}

/** The themes across an archive: for each, the statements that speak of it (newest first) and where. */
export function archiveThemesReply(
  statements: readonly Statement[],
  knowledge: Knowledge,
  language: Language,
): Reply {
  if (knowledge.themes.length === 0) return { kind: 'error', language, message: messages[language].noThemes };
  return {
    kind: 'archive-themes',
    language,
    statements: statements.length,
    themes: knowledge.themes.map((theme) => ({
      ...themeRef(theme),
      description: theme.description,
      statements: statements.flatMap((statement) => {
        const paragraphs = themeParagraphs(statement, theme.id, knowledge).map((record) => record.n);
        return paragraphs.length > 0 ? [{ ...statementRef(statement), paragraphs }] : [];
      }),
    })),
  };
}

/**
 * A theme across an archive: for each statement that speaks of it, newest first, its
 * summary (curated, or an extract of its own words), its paragraphs and its key passage.
 */
export function archiveThemeReply(
  name: string,
  statements: readonly Statement[],
  knowledge: Knowledge,
  language: Language,
  page: { offset: number; limit: number },
): Reply {
  const found = findTheme(name, knowledge, language);
  if ('kind' in found) return found;
  const { theme, compiled } = found;
  const matched = { fr: keywordForms(compiled, 'fr'), en: keywordForms(compiled, 'en') };
  const speaking = statements.flatMap((statement) => {
    const records = themeParagraphs(statement, theme.id, knowledge);
    return records.length > 0 ? [{ statement, records }] : [];
  });
  return {
    kind: 'archive-theme',
    language,
    theme: { ...themeRef(theme), description: theme.description },
    statements: speaking.slice(page.offset, page.offset + page.limit).flatMap(({ statement, records }) => {
      const summary = buildThemeSummary(compiled, statement, records);
      const best = [...records].sort(
        (a, b) => themeScore(b, compiled) - themeScore(a, compiled) || a.n - b.n,
      )[0]!;
      if (!summary) return [];
      return [
        {
          statement: statementRef(statement),
          summary,
          paragraphs: records.map((record) => record.n),
          quote: toResult({ paragraph: best, score: 0, matched }, language, language, false),
        },
      ];
    }),
    total: speaking.length,
    offset: page.offset,
  };
}

/** The theme a name means, or the error reply that offers the closest ones. */
function findTheme(
  name: string,
  knowledge: Knowledge,
  language: Language,
): { theme: Theme; compiled: CompiledTheme } | Reply {
  const resolved = resolveTheme(knowledge.themeResolver, name);
  const byId = new Map(knowledge.themes.map((theme) => [theme.id, theme]));
  const theme = resolved.theme ? byId.get(resolved.theme) : undefined;
  if (!theme) {
    // The closest themes when some look like the name; else the list, so that the user can pick.
    const closest = resolved.suggestions.map((id) => byId.get(id)).filter((t): t is Theme => t !== undefined);
    return {
      kind: 'error',
      language,
      message: messages[language].unknownTheme(name),
      ...(closest.length > 0 ? { suggestions: closest.map((t) => t.label[language]) } : {}),
      themes: (closest.length > 0 ? closest : knowledge.themes).map(themeRef),
    };
  }
  return { theme, compiled: knowledge.compiledThemes.find((candidate) => candidate.theme.id === theme.id)! };
}
