/**
 * `node scripts/ranking-fixture.ts`: writes the top 5 of every pinned query (both
 * evaluation sets, the bench's query set on the seed and on 1,000 synthetic statements) to
 * test/core/search/ranking-fixture.json. Run it only when a ranking change is meant: the
 * test `ranking.test.ts` then shows the change in review.
 */
import { writeFileSync } from 'node:fs';
import { rankingSets } from '../test/core/search/ranking.ts';

const file = 'test/core/search/ranking-fixture.json';
const sets = await rankingSets();
writeFileSync(file, `${JSON.stringify(sets, null, 1)}\n`);
const count = Object.values(sets).reduce((sum, set) => sum + Object.keys(set).length, 0);
process.stdout.write(`${file}: ${count} queries\n`);
