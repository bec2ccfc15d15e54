import { glossaryKey, isStopWord } from '../analysis/analyzer.ts';
import type { Token } from '../analysis/normalize.ts';
import type { Language } from '../corpus.ts';
import type { Glossary } from '../glossary.ts';
import type { QuoteIndex } from './quote-index.ts';

/**
 * Guesses the language of a query from its stop words and from the corpus's own
 * vocabulary. Never used to exclude a language, only to weigh and to choose what to show.
 * @example guessLanguage(tokenize('operations de paix'), index) // => 'fr'
 */
export function guessLanguage(
  tokens: readonly Token[],
  index: QuoteIndex,
  glossary?: Glossary,
): Language | undefined {
  let fr = 0;
  let en = 0;
  // Glossary terms known in one language only, accents or not: "CSNU", "casques bleus", "UNSC".
  const words = tokens.filter((token) => !token.joined).map((token) => token.term);
  /** Words of a glossary term both languages use ("R2P", "ACT"): no evidence either way. */
  const shared = new Set<string>();
  if (glossary) {
    for (let from = 0; from < words.length; from++) {
      for (let length = Math.min(glossary.longestKey, words.length - from); length >= 1; length--) {
        const key = glossaryKey(words.slice(from, from + length).join(' '));
        const terms = key
          ? glossary.byKey.get(key)?.filter((term) => glossaryKey(term.text) === key)
          : undefined;
        if (!terms || terms.length === 0) continue;
        const said = new Set(terms.map((term) => term.language));
        if (said.size === 1) {
          if (said.has('fr')) fr += 2 * length;
          else en += 2 * length;
        } else for (const word of words.slice(from, from + length)) shared.add(word);
        break;
      }
    }
  }
  for (const token of tokens) {
    if (token.joined) continue;
    const frStop = isStopWord(token.term, 'fr');
    const enStop = isStopWord(token.term, 'en');
    if (frStop || enStop) {
      if (frStop && !enStop) fr += 1;
      if (enStop && !frStop) en += 1;
      continue;
    }
    if (shared.has(token.term)) continue;
    const inFr = index.words.fr.has(token.term);
    const inEn = index.words.en.has(token.term);
    if (inFr && !inEn) fr += 1;
    if (inEn && !inFr) en += 1;
    // Accents are a strong hint of French.
    if (/[àâçéèêëîïôûùüÿœ]/i.test(token.word)) fr += 1;
  }
  if (fr > en) return 'fr';
  if (en > fr) return 'en';
  return undefined;
}
