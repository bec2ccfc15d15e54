import MiniSearch from 'minisearch';
import { isQueryStopWord, lightStem, tokenize } from '../analysis/analyzer';
import type { Theme } from './taxonomy';

/** Finds a theme from what a hurried delegate types, in either language. */
export interface ThemeResolver {
  index: MiniSearch<{ id: string; label: string; names: string; keywords: string }>;
}

const analyse = (text: string) =>
  tokenize(text)
    .filter((token) => !token.joined && !isQueryStopWord(token.term))
    .map((token) => lightStem(token.term));

export function buildThemeResolver(themes: readonly Theme[]): ThemeResolver {
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
  return { index };
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
  return { suggestions: results.slice(0, 3).map((result) => result.id) };
}
