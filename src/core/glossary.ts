import { z } from 'zod';
import { glossaryKey } from './analysis/analyzer.ts';
import type { Language } from './corpus.ts';

const Term = z
  .union([z.string(), z.number().transform(String)])
  .pipe(z.string().trim().min(1, 'must not be empty'));

export const GlossaryEntry = z.strictObject({
  en: z.array(Term).min(1, 'list at least one English term'),
  fr: z.array(Term).min(1, 'list at least one French term'),
});
export type GlossaryEntry = z.infer<typeof GlossaryEntry>;

export const GlossaryFile = z.strictObject({ entries: z.array(GlossaryEntry) });
export type GlossaryFile = z.infer<typeof GlossaryFile>;

/** One way of saying a glossary concept, in one language. */
export interface GlossaryTerm {
  text: string;
  language: Language;
}

/** Every term of the glossary, reachable from the key of any of its equivalents. */
export interface Glossary {
  /** glossaryKey(term) → all equivalent terms (the term itself included). */
  byKey: ReadonlyMap<string, readonly GlossaryTerm[]>;
  /** The longest key, in words: how far a query scan has to look ahead. */
  longestKey: number;
}

/**
 * Indexes glossary entries by the key of each of their terms, so that "CSNU",
 * "UNSC", "Security Council" and "conseil de securite" all reach the same entry.
 */
export function buildGlossary(file: GlossaryFile): Glossary {
  const byKey = new Map<string, GlossaryTerm[]>();
  let longestKey = 1;
  for (const entry of file.entries) {
    const terms: GlossaryTerm[] = [
      ...entry.en.map((text) => ({ text, language: 'en' as const })),
      ...entry.fr.map((text) => ({ text, language: 'fr' as const })),
    ];
    for (const term of terms) {
      const key = glossaryKey(term.text);
      if (!key) continue;
      longestKey = Math.max(longestKey, key.split(' ').length);
      const known = byKey.get(key) ?? [];
      for (const other of terms) {
        if (!known.some((k) => k.text === other.text && k.language === other.language)) known.push(other);
      }
      byKey.set(key, known);
    }
  }
  return { byKey, longestKey };
}
