/**
 * Prints top-1 accuracy and MRR@5 over test/relevance/queries.yml, for our search and
 * for plain MiniSearch (default options) over the same paragraphs, in the same run.
 * Usage: npm run eval [-- --misses] [-- --sweep]   (--sweep tries other field boosts and weights)
 */
import { defaultRankingOptions } from '../../src/core/search/search';
import { loadKnowledge } from '../../src/knowledge';
import { loadRelevanceQueries, rankWithAnswer, rankWithPlainMiniSearch, score } from './evaluate';

const knowledge = await loadKnowledge(process.env.DATA_DIR?.trim() || 'data');
const queries = loadRelevanceQueries();
const ours = score(queries, rankWithAnswer(knowledge));
const baseline = score(queries, rankWithPlainMiniSearch(knowledge));
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

console.log(`Relevance over ${queries.length} queries (${knowledge.paragraphs.size} paragraphs)\n`);
console.log('                         top-1     MRR@5    margin');
console.log(
  `ours                     ${pct(ours.top1).padEnd(9)} ${ours.mrr5.toFixed(3)}    ${ours.margin.toFixed(3)}`,
);
console.log(
  `plain MiniSearch         ${pct(baseline.top1).padEnd(9)} ${baseline.mrr5.toFixed(3)}    ${baseline.margin.toFixed(3)}`,
);
console.log('\nTop-1 by kind of query      ours        baseline');
for (const [kind, { n, top1 }] of Object.entries(ours.byKind)) {
  const base = baseline.byKind[kind]!;
  console.log(
    `  ${kind.padEnd(12)} (${String(n).padStart(2)})   ${`${top1}/${n}`.padEnd(10)}  ${base.top1}/${n}`,
  );
}
if (ours.misses.length > 0) {
  console.log('\nMissed at top 1 (ours):');
  for (const { query, got } of ours.misses)
    console.log(`  ${query.q} → expected ¶${query.expect.join('/¶')}, got [${got.join(', ')}]`);
}
if (process.argv.includes('--misses')) {
  console.log('\nMissed at top 1 (baseline):');
  for (const { query, got } of baseline.misses)
    console.log(`  ${query.q} → expected ¶${query.expect.join('/¶')}, got [${got.join(', ')}]`);
}

if (process.argv.includes('--sweep')) {
  const rows: Array<{ label: string; top1: number; mrr5: number; margin: number; isDefault: boolean }> = [];
  for (const delivered of [1, 1.2, 1.5, 2]) {
    for (const otherLanguageWeight of [0.4, 0.6, 0.8, 1]) {
      for (const proximityWeight of [0, 0.25, 0.5, 1]) {
        const ranking = {
          ...defaultRankingOptions,
          boost: { delivered, counterpart: 1 },
          otherLanguageWeight,
          proximityWeight,
        };
        const result = score(queries, rankWithAnswer(knowledge, ranking));
        rows.push({
          label: `delivered ${delivered}, other language ${otherLanguageWeight}, proximity ${proximityWeight}`,
          ...result,
          isDefault:
            delivered === defaultRankingOptions.boost.delivered &&
            otherLanguageWeight === defaultRankingOptions.otherLanguageWeight &&
            proximityWeight === defaultRankingOptions.proximityWeight,
        });
      }
    }
  }
  rows.sort((a, b) => b.top1 - a.top1 || b.mrr5 - a.mrr5 || b.margin - a.margin);
  console.log(`\nSweep over ${rows.length} settings (best first; * = defaults): top-1, MRR@5, margin`);
  rows.forEach((row, i) => {
    if (i < 8 || row.isDefault || i === rows.length - 1) {
      console.log(
        `${row.isDefault ? '*' : ' '} ${String(i + 1).padStart(2)}. ${row.label.padEnd(56)} ${pct(row.top1).padEnd(7)} ${row.mrr5.toFixed(3)}  ${row.margin.toFixed(3)}`,
      );
    }
  });
}
