/**
 * Prints top-1 accuracy and MRR@5 over the three query sets, for our search and for plain
 * MiniSearch (default options) over the same paragraphs, in the same run: queries.yml (the
 * set the ranking weights are tuned on) and holdout.yml (never used for tuning) over the
 * seed statement, and archive/queries.yml over an archive of real statements (never used
 * for tuning either).
 * Usage: npm run eval [-- --misses] [-- --sweep]   (--sweep tries other ranking weights on queries.yml)
 */
import { defaultRankingOptions, type RankingOptions } from '../../src/core/search/index.ts';
import { loadKnowledge } from '../../src/service/knowledge/load.ts';
import {
  archiveSet,
  loadArchiveKnowledge,
  loadRelevanceQueries,
  rankWithAnswer,
  rankWithPlainMiniSearch,
  type Scores,
  score,
} from './evaluate.ts';

const knowledge = await loadKnowledge(process.env.DATA_DIR?.trim() || 'data');
const archive = await loadArchiveKnowledge();
const sets = [
  {
    name: 'tuning set (queries.yml)',
    queries: loadRelevanceQueries('test/relevance/queries.yml'),
    knowledge,
  },
  {
    name: 'held-out set (holdout.yml)',
    queries: loadRelevanceQueries('test/relevance/holdout.yml'),
    knowledge,
  },
  {
    name: `archive set (archive/queries.yml, ${archive.statements.length} statements)`,
    queries: loadRelevanceQueries(archiveSet.queries),
    knowledge: archive,
  },
];
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const total = sets.reduce((sum, set) => sum + set.queries.length, 0);

console.log(
  `Relevance over ${total} queries (${knowledge.paragraphs.size} paragraphs; the archive set: ${archive.paragraphs.size})`,
);
for (const set of sets) {
  const ours = score(set.queries, rankWithAnswer(set.knowledge));
  const baseline = score(set.queries, rankWithPlainMiniSearch(set.knowledge));
  console.log(`\n${set.name}: ${set.queries.length} queries`);
  console.log('                         top-1     MRR@5    margin');
  console.log(
    `ours                     ${pct(ours.top1).padEnd(9)} ${ours.mrr5.toFixed(3)}    ${ours.margin.toFixed(3)}`,
  );
  console.log(
    `plain MiniSearch         ${pct(baseline.top1).padEnd(9)} ${baseline.mrr5.toFixed(3)}    ${baseline.margin.toFixed(3)}`,
  );
  console.log('Top-1 by kind of query      ours        baseline');
  for (const [kind, { n, top1 }] of Object.entries(ours.byKind)) {
    const base = baseline.byKind[kind]!;
    console.log(
      `  ${kind.padEnd(14)} (${String(n).padStart(2)}) ${`${top1}/${n}`.padEnd(10)}  ${base.top1}/${n}`,
    );
  }
  printMisses('Missed at top 1 (ours)', ours);
  if (process.argv.includes('--misses')) printMisses('Missed at top 1 (baseline)', baseline);
}

function printMisses(title: string, scores: Scores) {
  if (scores.misses.length === 0) return;
  console.log(`${title}:`);
  for (const { query, got } of scores.misses)
    console.log(`  ${query.q} → expected ${query.expect.join(' / ')}, got [${got.join(', ')}]`);
}

if (process.argv.includes('--sweep')) {
  // Tuned on the first set only; the held-out figures are shown, never optimised.
  const [tuning, heldOut] = sets;
  const rows: Array<{ label: string; tuning: Scores; heldOut: Scores; isDefault: boolean }> = [];
  for (const delivered of [1, 1.2, 1.5, 2]) {
    for (const otherLanguageWeight of [0.2, 0.6, 1]) {
      for (const proximityWeight of [0, 0.5, 1]) {
        for (const sequenceBoost of [1, 1.5, 3]) {
          const ranking: RankingOptions = {
            ...defaultRankingOptions,
            boost: { delivered, counterpart: 1 },
            otherLanguageWeight,
            proximityWeight,
            sequenceBoost,
          };
          rows.push({
            label: `delivered ${delivered}, other ${otherLanguageWeight}, proximity ${proximityWeight}, sequence ${sequenceBoost}`,
            tuning: score(tuning!.queries, rankWithAnswer(knowledge, ranking)),
            heldOut: score(heldOut!.queries, rankWithAnswer(knowledge, ranking)),
            isDefault:
              delivered === defaultRankingOptions.boost.delivered &&
              otherLanguageWeight === defaultRankingOptions.otherLanguageWeight &&
              proximityWeight === defaultRankingOptions.proximityWeight &&
              sequenceBoost === defaultRankingOptions.sequenceBoost,
          });
        }
      }
    }
  }
  rows.sort(
    (a, b) =>
      b.tuning.top1 - a.tuning.top1 || b.tuning.mrr5 - a.tuning.mrr5 || b.tuning.margin - a.tuning.margin,
  );
  const distinct = new Set(rows.map((row) => `${row.tuning.top1}:${row.tuning.mrr5}`)).size;
  console.log(
    `\nSweep over ${rows.length} settings on the tuning set (best first; * = defaults): ${distinct} distinct results`,
  );
  console.log(
    '                                                                     tuning: top-1  MRR@5   held-out: top-1  MRR@5',
  );
  rows.forEach((row, i) => {
    if (i < 8 || row.isDefault || i >= rows.length - 3) {
      console.log(
        `${row.isDefault ? '*' : ' '} ${String(i + 1).padStart(3)}. ${row.label.padEnd(62)} ${pct(row.tuning.top1).padEnd(7)} ${row.tuning.mrr5.toFixed(3)}   ${pct(row.heldOut.top1).padEnd(7)} ${row.heldOut.mrr5.toFixed(3)}`,
      );
    }
  });
}
