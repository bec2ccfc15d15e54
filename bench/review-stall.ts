/**
 * How long the thread that answers Slack stalls while an editor's review is built: the
 * event loop's longest delay while two versions of N one-line paragraphs are read (each
 * in a process of its own), aligned (in a worker) and built into a statement as the Slack
 * flow does; against the same build with the (banded) alignment on this thread, and an
 * idle loop. Figures are milliseconds and ratios from the same run. The old full-table
 * alignment on this thread stalled it for the whole alignment (36 s at 1,500 + 1,500:
 * `npm run bench:align`).
 *
 *   node bench/review-stall.ts [--sizes 1500,3000,5000]
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { alignParagraphs } from '../src/core/ingest/align.ts';
import { alignUnitsOf, buildFromDocuments, sourceOf } from '../src/core/ingest/build-statement.ts';
import { readStatementDocument } from '../src/core/ingest/plain-text.ts';
import { toStatementYaml } from '../src/core/ingest/statement-yaml.ts';
import { checkStatementSource } from '../src/core/statement-rules.ts';
import { alignOffThread } from '../src/service/documents/align-off-thread.ts';
import { readDocumentInWorker } from '../src/service/documents/read-document.ts';

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '1500,3000,5000' } } });
const sizes = values.sizes.split(',').map(Number);

const versions = (n: number) => ({
  en: new TextEncoder().encode(
    `A long statement\nOttawa, 1 December 2026\n\n${Array.from({ length: n }, (_, k) => `Paragraph ${k + 1}: the Council must protect civilians in conflict.`).join('\n\n')}\n`,
  ),
  fr: new TextEncoder().encode(
    `Une longue déclaration\nOttawa, le 1er décembre 2026\n\n${Array.from({ length: n }, (_, k) => `Paragraphe ${k + 1} : le Conseil doit protéger les civils dans les conflits.`).join('\n\n')}\n`,
  ),
});

/** The longest stall of the event loop while `work` runs, in milliseconds. */
async function longestStall(work: () => Promise<unknown>): Promise<number> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  await work();
  histogram.disable();
  return histogram.max / 1e6;
}

/** The Slack flow's review build: read both, align (off thread or here), build, check as the loader would. */
async function review(n: number, offThread: boolean) {
  const { en, fr } = versions(n);
  const documents = await Promise.all(
    [en, fr].map(async (bytes, k) => {
      const version = readStatementDocument(await readDocumentInWorker(bytes));
      return { version, source: sourceOf(version, `v${k}.txt`, '2026-12-01') };
    }),
  );
  const units = alignUnitsOf(documents)!;
  const beads = offThread ? await alignOffThread(units.en, units.fr) : alignParagraphs(units.en, units.fr);
  const result = buildFromDocuments(documents, undefined, {}, { beads });
  checkStatementSource(toStatementYaml(result.statement), 'x.yml', {
    maxFileBytes: 50 * 1024 * 1024,
    themes: { themes: [] },
  });
}

const idle = await longestStall(() => new Promise((resolve) => setTimeout(resolve, 1000)));
console.log(`Idle event loop: longest stall ${idle.toFixed(1)} ms\n`);
console.log('paragraphs a version | aligned on this thread | aligned off it (the app) | app / idle');
for (const n of sizes) {
  const before = await longestStall(() => review(n, false));
  const now = await longestStall(() => review(n, true));
  console.log(
    `${String(n).padStart(20)} | ${before.toFixed(1).padStart(19)} ms | ${now.toFixed(1).padStart(21)} ms | ${(now / idle).toFixed(1)}`,
  );
}
