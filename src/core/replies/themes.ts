import { tokenize } from '../analysis/normalize.ts';
import { type Language, type ParagraphRecord, paragraphId, type Statement } from '../corpus.ts';
import type { Knowledge } from '../knowledge-base.ts';
import { messages } from '../messages.ts';
import type { Reply, StatementRef, ThemeRef } from '../reply.ts';
import { guessLanguage } from '../search/language.ts';
import { resolveTheme } from '../themes/resolve.ts';
import { buildThemeSummary } from '../themes/summary.ts';
import { type CompiledTheme, themeScore } from '../themes/tagging.ts';
import type { Theme } from '../themes/taxonomy.ts';
import { toResult } from './result.ts';

export const themeRef = (theme: Theme): ThemeRef => ({ id: theme.id, label: theme.label });

export const statementRef = (statement: Statement): StatementRef => ({
  id: statement.id,
  title: statement.title,
  date: statement.date,
});

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
  const compiled = knowledge.compiledThemes.find((candidate) => candidate.theme.id === theme.id)!;
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
