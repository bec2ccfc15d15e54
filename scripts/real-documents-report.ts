/**
 * Prints how the ingest reads the real-documents corpus (test/fixtures/real): a line per
 * document, the totals against the targets, then each failure, expected against got.
 * `node scripts/real-documents-report.ts` (published documents are looked for in
 * REAL_DOCUMENTS_DIR, or test/fixtures/real/published/).
 */
import {
  brokenParagraphs,
  type DocumentResult,
  type Evaluation,
  evaluateRealDocuments,
  flaggedRightPairs,
  leaksOf,
  silentlyWrong,
  type Verdict,
  wrongPairs,
} from '../test/ingest/real-documents.ts';

const mark: Record<Verdict, string> = { right: 'ok', flagged: 'flag', wrong: 'WRONG' };
const percent = (part: number, whole: number) =>
  whole === 0 ? '–' : `${((100 * part) / whole).toFixed(0)}%`;
const pad = (text: string, width: number) =>
  text.length >= width ? text.slice(0, width) : text.padEnd(width);

function row(document: DocumentResult): string {
  if (document.skipped) return `${pad(document.id, 34)} skipped: ${document.skipped}`;
  if (document.error) return `${pad(document.id, 34)} read failed: ${document.error}`;
  const formats = [...new Set(document.versions.map((v) => v.format))].join('/');
  const titles = document.versions.map((v) => mark[v.title.verdict]).join(' ');
  const dates = document.versions.map((v) => mark[v.date.verdict]).join(' ');
  const counts = document.versions.map((v) => `${v.paragraphs.got}/${v.paragraphs.expected}`).join(' ');
  const pairs = document.pairs
    ? `${document.pairs.filter((p) => p.exact).length}/${document.pairs.length}`
    : '–';
  const flags = document.pairs
    ? `${document.pairs.filter((p) => p.exact && p.doubtful).length}+${document.pairs.filter((p) => !p.exact && p.doubtful).length}`
    : '–';
  return [
    pad(document.id, 34),
    pad(formats, 9),
    pad(titles, 12),
    pad(dates, 12),
    pad(String(document.leaks.length), 6),
    pad(`${document.whole.whole}/${document.whole.expected}`, 8),
    pad(counts, 12),
    pad(pairs, 7),
    pad(flags, 6),
    document.buildError ? `build: ${document.buildError}` : '',
  ].join(' ');
}

function print(evaluation: Evaluation): void {
  const { totals } = evaluation;
  console.log(
    [
      pad('document', 34),
      pad('format', 9),
      pad('title', 12),
      pad('date', 12),
      pad('leaks', 6),
      pad('whole', 8),
      pad('¶ got/exp', 12),
      pad('pairs', 7),
      pad('flags', 6),
    ].join(' '),
  );
  for (const document of evaluation.documents) console.log(row(document));
  console.log('  (title/date per version: ok, flag = wrong but flagged, WRONG = silently wrong;');
  console.log('   flags = right pairs flagged + wrong pairs flagged)');
  const versions = totals.titles.right + totals.titles.flagged + totals.titles.wrong;
  const target = (ok: boolean) => (ok ? 'meets target' : 'MISSES TARGET');
  console.log('\nTotals');
  console.log(
    `  documents: ${totals.documents} (${totals.evaluated} read, ${totals.skipped} skipped, ${totals.errors} failed to read)`,
  );
  console.log(
    `  titles: ${totals.titles.right} right, ${totals.titles.flagged} flagged, ${totals.titles.wrong} silently wrong of ${versions}   [target 0 wrong: ${target(totals.titles.wrong === 0)}]`,
  );
  console.log(
    `  dates: ${totals.dates.right} right, ${totals.dates.flagged} flagged, ${totals.dates.wrong} silently wrong of ${versions}   [target 0 wrong: ${target(totals.dates.wrong === 0)}]`,
  );
  console.log(`  boilerplate leaks: ${totals.leaks}   [target 0: ${target(totals.leaks === 0)}]`);
  const whole = totals.paragraphs.whole / Math.max(1, totals.paragraphs.expected);
  console.log(
    `  body paragraphs whole: ${totals.paragraphs.whole}/${totals.paragraphs.expected} = ${percent(totals.paragraphs.whole, totals.paragraphs.expected)}   [target ≥ 95%: ${target(whole >= 0.95)}]`,
  );
  const { pairs } = totals;
  console.log(
    `  pairs exact: ${pairs.exact}/${pairs.expected} = ${percent(pairs.exact, pairs.expected)}   [target ≥ 95%: ${target(pairs.exact >= 0.95 * pairs.expected)}]`,
  );
  console.log(
    `  right pairs flagged: ${pairs.rightFlagged}/${pairs.exact} = ${percent(pairs.rightFlagged, pairs.exact)}   [target ≤ 10%: ${target(pairs.rightFlagged <= 0.1 * pairs.exact)}]`,
  );
  console.log(
    `  wrong pairs flagged: ${pairs.wrongFlagged}/${pairs.wrong}   [target all: ${target(pairs.wrongFlagged === pairs.wrong)}]`,
  );
  const sections: Array<[string, string[]]> = [
    ['Titles silently wrong', silentlyWrong(evaluation, 'title')],
    ['Dates silently wrong', silentlyWrong(evaluation, 'date')],
    ['Boilerplate leaks', leaksOf(evaluation)],
    ['Paragraphs not whole', brokenParagraphs(evaluation)],
    ['Pairs not exact', wrongPairs(evaluation)],
    ['Right pairs flagged', flaggedRightPairs(evaluation)],
  ];
  for (const [heading, lines] of sections) {
    if (lines.length === 0) continue;
    console.log(`\n${heading} (${lines.length})`);
    for (const line of lines) console.log(`  - ${line}`);
  }
  const details = evaluation.documents.flatMap((document) =>
    document.versions.flatMap((version) => {
      const notes: string[] = [];
      const who = document.versions.length > 1 ? `${document.id} (${version.side})` : document.id;
      if (version.place && !version.place.right)
        notes.push(
          `${who}: place expected “${version.place.expected}”, got “${version.place.got ?? '(none)'}”`,
        );
      if (version.speaker && !version.speaker.right)
        notes.push(
          `${who}: speaker expected “${version.speaker.expected}”, got “${version.speaker.got ?? '(none)'}”`,
        );
      if (!version.first.right)
        notes.push(
          `${who}: first paragraph should start “${version.first.expected}”, got “${(version.first.got ?? '(none)').slice(0, 80)}”`,
        );
      if (!version.last.right)
        notes.push(
          `${who}: last paragraph should start “${version.last.expected}”, got “${(version.last.got ?? '(none)').slice(0, 80)}”`,
        );
      if (version.paragraphs.got !== version.paragraphs.expected)
        notes.push(
          `${who}: ${version.paragraphs.got} paragraphs read, a person counts ${version.paragraphs.expected}`,
        );
      return notes;
    }),
  );
  if (details.length > 0) {
    console.log(`\nAlso (place, speaker, first and last paragraphs, counts) (${details.length})`);
    for (const line of details) console.log(`  - ${line}`);
  }
}

print(await evaluateRealDocuments());
