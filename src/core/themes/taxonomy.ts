import { z } from 'zod';
import { Bilingual } from '../corpus.ts';

/** A word or phrase; a bare number in YAML (600) is read as its text. */
const Word = z
  .union([z.string(), z.number().transform(String)])
  .pipe(z.string().trim().min(1, 'must not be empty'));
const Words = z.array(Word);

export const Theme = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected lowercase words joined by hyphens'),
  label: Bilingual,
  description: Bilingual,
  keywords: z.strictObject({
    en: Words.min(1, 'list at least one keyword'),
    fr: Words.min(1, 'list at least one keyword'),
  }),
  aliases: z.strictObject({ en: Words, fr: Words }).optional(),
  /** Keyword hits a paragraph needs (each keyword counts once per language). */
  threshold: z.number().positive().optional(),
});
export type Theme = z.infer<typeof Theme>;

export const ThemesFile = z.strictObject({ themes: z.array(Theme) }).superRefine((file, ctx) => {
  const seen = new Set<string>();
  file.themes.forEach((theme, index) => {
    if (seen.has(theme.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['themes', index, 'id'],
        message: `duplicate theme id "${theme.id}"`,
      });
    }
    seen.add(theme.id);
  });
});
export type ThemesFile = z.infer<typeof ThemesFile>;

export const defaultThemeThreshold = 2;
