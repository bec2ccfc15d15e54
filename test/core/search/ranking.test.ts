import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Ranked, rankingSets } from './ranking.ts';

/**
 * The ranking is pinned: the top 5, the total and whether it is estimated, for every query
 * of both evaluation sets and of the bench's query set (on the seed and on 1,000 synthetic
 * statements), as `scripts/ranking-fixture.ts` recorded them. A change to the engine that
 * changes what a delegate sees first fails here; a ranking change that is meant rewrites
 * the file with that script, and the diff shows it in review.
 */
describe('the ranking', () => {
  it('is unchanged on every pinned query', async () => {
    const pinned = JSON.parse(readFileSync('test/core/search/ranking-fixture.json', 'utf8')) as Record<
      string,
      Record<string, Ranked>
    >;
    const now = await rankingSets();
    expect(Object.keys(now)).toEqual(Object.keys(pinned));
    for (const [set, queries] of Object.entries(pinned)) {
      expect(Object.keys(queries).length).toBeGreaterThan(50);
      for (const [query, ranked] of Object.entries(queries)) {
        expect(now[set]![query], `${set}: ${query}`).toEqual(ranked);
      }
    }
  }, 60_000);
});
