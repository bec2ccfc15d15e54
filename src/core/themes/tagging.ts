import { contentTokens, termsOf } from '../analysis/analyzer';
import type { Language, ParagraphRecord } from '../corpus';
import { defaultThemeThreshold, type Theme } from './taxonomy';

/** A theme keyword, analysed once: every word must occur (in any form) in the text. */
export type Keyword = string[][];

export interface CompiledTheme {
  theme: Theme;
  keywords: Record<Language, Keyword[]>;
}

/** Analyses the keywords of each theme with the same analysis as search. */
export function compileThemes(themes: readonly Theme[]): CompiledTheme[] {
  return themes.map((theme) => ({
    theme,
    keywords: {
      en: theme.keywords.en.map((keyword) => compileKeyword(keyword, 'en')),
      fr: theme.keywords.fr.map((keyword) => compileKeyword(keyword, 'fr')),
    },
  }));
}

const compileKeyword = (keyword: string, language: Language): Keyword => {
  const tokens = contentTokens(keyword, language).filter((token) => !token.joined);
  return tokens.map((token) => termsOf(token, language));
};

/**
 * How strongly a paragraph speaks of a theme: keywords found, counted once per language,
 * so a concept present in the delivered text and in its counterpart counts twice.
 */
export function themeScore(paragraph: ParagraphRecord, compiled: CompiledTheme): number {
  let score = 0;
  for (const language of ['fr', 'en'] as const) {
    const text = paragraph.text[language]?.text;
    if (!text) continue;
    const terms = new Set(contentTokens(text, language).flatMap((token) => termsOf(token, language)));
    for (const keyword of compiled.keywords[language]) {
      if (keyword.length > 0 && keyword.every((forms) => forms.some((form) => terms.has(form)))) score += 1;
    }
  }
  return score;
}

/**
 * The themes of each paragraph (id → theme ids): set by hand in the statement when
 * present, else computed from the theme keywords, so a new statement is tagged with no manual work.
 */
export function buildThemeTags(
  paragraphs: Iterable<ParagraphRecord>,
  compiled: readonly CompiledTheme[],
): Map<string, string[]> {
  const tags = new Map<string, string[]>();
  for (const paragraph of paragraphs) {
    tags.set(
      paragraph.id,
      (paragraph.handThemes as string[] | undefined) ??
        compiled
          .filter((theme) => themeScore(paragraph, theme) >= (theme.theme.threshold ?? defaultThemeThreshold))
          .map((theme) => theme.theme.id),
    );
  }
  return tags;
}
