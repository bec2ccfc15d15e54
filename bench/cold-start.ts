/**
 * One cold start in a fresh process: `node bench/cold-start.ts DATA_DIR [CACHE_DIR]`.
 * Prints {"ms","readyMs","source","heapMB","rssMB","paragraphs"} as JSON on stdout: `ms`
 * from the start of the load to everything searchable, `readyMs` to the first answer
 * (the load, then one query no earlier query warmed).
 */
import { answer } from '../src/core/answer.ts';
import { loadKnowledgeWithReport } from '../src/service/knowledge/load.ts';

const [dataDir, cacheDir] = process.argv.slice(2);
const started = performance.now();
const { knowledge, report } = await loadKnowledgeWithReport(dataDir!, cacheDir ? { cacheDir } : {});
const ms = performance.now() - started;
answer('responsibility to protect', knowledge);
const readyMs = performance.now() - started;
globalThis.gc?.();
const memory = process.memoryUsage();
process.stdout.write(
  `${JSON.stringify({
    ms,
    readyMs,
    source: report.source,
    heapMB: memory.heapUsed / 1e6,
    rssMB: memory.rss / 1e6,
    paragraphs: knowledge.paragraphs.size,
  })}\n`,
);
