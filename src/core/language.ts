import type { Language } from './corpus.ts';

export { type Language, languages, otherLanguage } from './corpus.ts';

/** Everything that may say which language an answer should be in, strongest first. */
export interface LanguageSignals {
  /** Typed in the text (`lang:fr`, a final `fr`), or chosen with a button. */
  typed?: Language;
  /** The language of the command word: `aide`, `thèmes`, `déclarations`, `paragraphe` are French. */
  said?: Language;
  /** The query's own language, when it is clear. */
  query?: Language;
  /** The interface: `/citation` is French, `/quote` English. */
  interface?: Language;
  /** The user's own language: their Slack locale, the terminal's LANG. */
  locale?: Language;
}

/**
 * The one rule for the language of an answer: what was typed, then the command word, then
 * the query's own language, then the interface, then the user's locale. Undefined when
 * nothing says: then each passage is shown in the language it was delivered in, and the
 * answer's own words are English.
 * @example resolveLanguage({ query: 'fr', interface: 'en' }) // => 'fr'
 */
export const resolveLanguage = (signals: LanguageSignals): Language | undefined =>
  signals.typed ?? signals.said ?? signals.query ?? signals.interface ?? signals.locale;

/** The language of the answer's own words: the resolved one, else English. */
export const replyLanguage = (signals: LanguageSignals): Language => resolveLanguage(signals) ?? 'en';

/**
 * A language from a locale such as "fr-CA", "fr_CA.UTF-8" or "en-US"; undefined for others.
 * @example localeLanguage('fr_CA.UTF-8') // => 'fr'
 */
export const localeLanguage = (locale: string | undefined): Language | undefined => {
  const lower = locale?.toLowerCase() ?? '';
  return lower.startsWith('fr') ? 'fr' : lower.startsWith('en') ? 'en' : undefined;
};
