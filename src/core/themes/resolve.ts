import MiniSearch from 'minisearch';
import { isQueryStopWord, lightStem, tokenize } from '../analysis/analyzer.ts';
import type { Theme } from './taxonomy.ts';

/** Finds a theme from what a hurried delegate types, in either language. */
export interface ThemeResolver {
  index: MiniSearch<{ id: string; label: string; names: string; keywords: string }>;
  /** Each theme's names as letter trigrams, for the closest themes to a name nothing matches. */
  names: Array<{ id: string; grams: Array<Set<string>> }>;
}

/** The letter trigrams of a text, folded: "pekeepers" and "peacekeepers" share most of theirs. */
function trigrams(text: string): Set<string> {
  const letters = ` ${tokenize(text)
    .map((token) => token.term)
    .join(' ')} `;
  const grams = new Set<string>();
  for (let k = 0; k + 3 <= letters.length; k++) grams.add(letters.slice(k, k + 3));
  return grams;
}

const dice = (a: Set<string>, b: Set<string>) => {
  let shared = 0;
  for (const gram of a) if (b.has(gram)) shared++;
  return a.size + b.size === 0 ? 0 : (2 * shared) / (a.size + b.size);
};

const analyse = (text: string) =>
  tokenize(text)
    .filter((token) => !token.joined && !isQueryStopWord(token.term))
    .map((token) => lightStem(token.term));

export function buildThemeResolver(themes: readonly Theme[]): ThemeResolver {
  const names = themes.map((theme) => ({
    id: theme.id,
    grams: [
      theme.label.en,
      theme.label.fr,
      theme.id.replace(/-/g, ' '),
      ...(theme.aliases?.en ?? []),
      ...(theme.aliases?.fr ?? []),
    ].map((text) => trigrams(text)),
  }));
  const index = new MiniSearch<{ id: string; label: string; names: string; keywords: string }>({
    fields: ['label', 'names', 'keywords'],
    tokenize: (text) => analyse(text),
    processTerm: (term) => term,
    searchOptions: { tokenize: (text) => analyse(text), processTerm: (term) => term },
  });
  index.addAll(
    themes.map((theme) => ({
      id: theme.id,
      label: `${theme.label.en} ${theme.label.fr}`,
      names: [theme.id.replace(/-/g, ' '), ...(theme.aliases?.en ?? []), ...(theme.aliases?.fr ?? [])].join(
        ' ',
      ),
      keywords: [...theme.keywords.en, ...theme.keywords.fr].join(' '),
    })),
  );
  return { index, names };
}

/**
 * The theme a name means, or the closest ones when none is clear.
 * @example resolveTheme(resolver, 'thème engagements du Canada') // => { theme: 'canada-commitments', suggestions: [] }
 */
export function resolveTheme(
  resolver: ThemeResolver,
  name: string,
): { theme?: string; suggestions: string[] } {
  const words = analyse(name);
  if (words.length === 0) return { suggestions: [] };
  const results = resolver.index.search(name, {
    boost: { label: 3, names: 2, keywords: 1 },
    fuzzy: (term) => (term.length >= 5 ? 0.25 : term.length >= 4 ? 1 : false),
    prefix: (term) => term.length >= 3,
    combineWith: 'OR',
  });
  const [best] = results;
  if (best && best.queryTerms.length * 2 >= words.length) {
    return { theme: best.id, suggestions: results.slice(1, 3).map((result) => result.id) };
  }
  if (results.length > 0) return { suggestions: results.slice(0, 3).map((result) => result.id) };
  // Nothing shares a word with the name: the themes whose names look most like it.
  const typed = trigrams(name);
  return {
    suggestions: resolver.names
      .map((theme) => ({ id: theme.id, score: Math.max(...theme.grams.map((grams) => dice(typed, grams))) }))
      .filter((theme) => theme.score >= 0.3)
      .sort((a, b) => b.score - a.score)
      .slice(0, 3)
      .map((theme) => theme.id),
  };
}
