import { type Language, languages } from '../corpus.ts';

/**
 * One value for each language of the table (`corpus.ts`), made by `make`: the engine's
 * per-language records are built from the table, so that a language added there reaches
 * every index, vocabulary and match list without another edit here.
 * @example perLanguage(() => new Set<string>()) // => { fr: Set {}, en: Set {} }
 */
export const perLanguage = <T>(make: (language: Language) => T): Record<Language, T> =>
  Object.fromEntries(languages.map((language) => [language, make(language)])) as Record<Language, T>;
