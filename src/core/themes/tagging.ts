import { contentTokens, termsOf } from '../analysis/analyzer.ts';
import { type Language, languages, type ParagraphRecord } from '../corpus.ts';
import { defaultThemeThreshold, type Theme } from './taxonomy.ts';

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
    keywords: Object.fromEntries(
      languages.map((language) => [
        language,
        theme.keywords[language].map((keyword) => compileKeyword(keyword, language)),
      ]),
    ) as Record<Language, Keyword[]>,
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
  const terms: Partial<Record<Language, ReadonlySet<string>>> = {};
  for (const language of languages) {
    const text = paragraph.text[language]?.text;
    if (text)
      terms[language] = new Set(contentTokens(text, language).flatMap((token) => termsOf(token, language)));
  }
  return themeScoreOfTerms(terms, compiled);
}

/** The same score, from the index terms of each language already at hand. */
export function themeScoreOfTerms(
  terms: Partial<Record<Language, ReadonlySet<string>>>,
  compiled: CompiledTheme,
): number {
  let score = 0;
  for (const language of languages) {
    const set = terms[language];
    if (!set) continue;
    for (const keyword of compiled.keywords[language]) {
      if (keyword.length > 0 && keyword.every((forms) => forms.some((form) => set.has(form)))) score += 1;
    }
  }
  return score;
}

/** The themes a paragraph speaks of, from its index terms: hand-set ones win. */
export function tagParagraph(
  paragraph: ParagraphRecord,
  terms: Partial<Record<Language, ReadonlySet<string>>>,
  compiled: readonly CompiledTheme[],
): string[] {
  if (paragraph.handThemes) return [...paragraph.handThemes];
  return compiled
    .filter((theme) => themeScoreOfTerms(terms, theme) >= (theme.theme.threshold ?? defaultThemeThreshold))
    .map((theme) => theme.theme.id);
}
