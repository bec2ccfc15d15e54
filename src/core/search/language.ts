import { isStopWord } from '../analysis/analyzer';
import type { Token } from '../analysis/normalize';
import type { Language } from '../corpus';
import type { QuoteIndex } from './quote-index';

/**
 * Guesses the language of a query from its stop words and from the corpus's own
 * vocabulary. Never used to exclude a language, only to weigh and to choose what to show.
 * @example guessLanguage(tokenize('operations de paix'), index) // => 'fr'
 */
export function guessLanguage(tokens: readonly Token[], index: QuoteIndex): Language | undefined {
  let fr = 0;
  let en = 0;
  for (const token of tokens) {
    if (token.joined) continue;
    const frStop = isStopWord(token.term, 'fr');
    const enStop = isStopWord(token.term, 'en');
    if (frStop || enStop) {
      if (frStop && !enStop) fr += 1;
      if (enStop && !frStop) en += 1;
      continue;
    }
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
