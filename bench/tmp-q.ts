import { answer } from '../src/core/answer';
import { loadKnowledge } from '../src/knowledge';
import { buildQuerySet } from './run';

const k = await loadKnowledge(process.argv[2]!, { cacheDir: process.argv[3]! });
const qs = buildQuerySet(k);
for (const q of qs) answer(q, k);
const per: Array<[string, number]> = [];
for (const q of qs) {
  const t = performance.now();
  for (let i = 0; i < 3; i++) answer(q, k);
  per.push([q, (performance.now() - t) / 3]);
}
per.sort((a, b) => b[1] - a[1]);
console.log(
  per
    .slice(0, 15)
    .map(([q, ms]) => `${ms.toFixed(2)}ms  ${q}`)
    .join('\n'),
);
