import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { foldText } from '../../src/core/analysis/normalize.ts';
import { parseDataFile } from '../../src/core/data-file.ts';
import { buildGlossary, type Glossary, GlossaryFile } from '../../src/core/glossary.ts';
import type { Bead } from '../../src/core/ingest/align.ts';
import {
  type BuildResult,
  buildFromDocuments,
  IngestError,
  type StatementOverrides,
  sourceOf,
} from '../../src/core/ingest/build-statement.ts';
import { readDocument } from '../../src/core/ingest/formats/detect.ts';
import { type PlainStatement, readStatementDocument } from '../../src/core/ingest/plain-text.ts';
import { titleKey } from '../../src/core/ingest/title-block.ts';

/** Where the corpus lives: expected.yml, SOURCES.md, made/ (committed) and published/ (never committed). */
export const realFixtures = fileURLToPath(new URL('../fixtures/real', import.meta.url));
const repository = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Where the published documents are looked for, in order: `REAL_DOCUMENTS_DIR`, then the
 * local test/fixtures/real/published/ (git-ignored). They are not redistributed in this
 * repository (see SOURCES.md).
 */
export const publishedDirs = (env: NodeJS.ProcessEnv = process.env): string[] =>
  [env.REAL_DOCUMENTS_DIR, join(realFixtures, 'published')].filter((dir): dir is string => Boolean(dir));

const Side = z.enum(['en', 'fr', 'single']);
export type Side = z.infer<typeof Side>;
const Alternatives = z
  .union([z.string(), z.array(z.string()).min(1)])
  .transform((v) => (Array.isArray(v) ? v : [v]));
const bySide = <T extends z.ZodType>(value: T) => z.partialRecord(Side, value);
const ExpectedDate = z.union([
  z.literal('none'),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  z.strictObject({ month: z.string().regex(/^\d{4}-\d{2}$/) }),
]);
/** A paragraph as a person reads it: its first words and its last words. */
const Span = z.tuple([z.string().min(1), z.string().min(1)]);

/** What a person reads in one document (or one pair of language versions), written by hand in expected.yml. */
export const ExpectedDocument = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** `real`: as its publisher released it; `made`: by make-realistic.ts. */
  origin: z.enum(['real', 'made']),
  /** What the document puts in the way of a right reading, to group the failures. */
  traps: z.array(z.enum(['title', 'date', 'boilerplate', 'pdf-layout', 'word', 'html-chrome', 'alignment'])),
  files: bySide(z.string()),
  title: bySide(Alternatives),
  date: ExpectedDate,
  /** `none` when the document names no place; the reading should then leave it out. */
  place: bySide(z.string()).optional(),
  /** A part of the speaker's name (`none` when no one is named). */
  speaker: bySide(z.string()).optional(),
  /** The body paragraphs a person counts, headings inside the text each one. */
  paragraphs: bySide(z.number().int().nonnegative()),
  first: bySide(z.string()),
  last: bySide(z.string()),
  /** Paragraphs that must each come out whole, as one paragraph: [first words, last words]. */
  whole: bySide(z.array(Span).min(1)),
  /** Counterparts: [English first words, French first words]; `in-order` pairs whole.en[k] with whole.fr[k]. */
  pairs: z.union([z.literal('in-order'), z.array(z.tuple([z.string(), z.string()]))]).optional(),
  /** Text that must appear in no paragraph, title, place, speaker or citation (case and accents folded). */
  never: z.array(z.string().min(2)).default([]),
  /** Lines that must not come out as a paragraph of their own ("Statement", "Contacts"). */
  neverParagraphs: z.array(z.string().min(1)).default([]),
  notes: z.string().optional(),
});
export type ExpectedDocument = z.infer<typeof ExpectedDocument>;
export const ExpectedFile = z.strictObject({ documents: z.array(ExpectedDocument).min(1) });

export type Verdict = 'right' | 'flagged' | 'wrong';

/** How one field of one version was read. */
export interface FieldResult {
  verdict: Verdict;
  expected: string;
  got: string | undefined;
  /** True when the reading raised a doubt on the field (even when what it chose is right). */
  doubted: boolean;
}

export interface ParagraphMiss {
  side: Side;
  span: [string, string];
  /** What became of it: not found, cut short, run into another paragraph, or found more than once. */
  problem: string;
}

export interface Leak {
  side: Side | 'statement';
  where: string;
  text: string;
  context: string;
}

export interface PairCheck {
  en: string;
  fr: string;
  exact: boolean;
  doubtful: boolean | undefined;
  /** The French the English was paired with, when not the expected counterpart. */
  got?: string;
}

export interface VersionResult {
  side: Side;
  file: string;
  format?: string;
  title: FieldResult;
  date: FieldResult;
  place?: { expected: string; got: string | undefined; right: boolean };
  speaker?: { expected: string; got: string | undefined; right: boolean };
  paragraphs: { expected: number; got: number };
  first: { expected: string; got: string | undefined; right: boolean };
  last: { expected: string; got: string | undefined; right: boolean };
  doubts: string[];
}

export interface DocumentResult {
  id: string;
  origin: 'real' | 'made';
  traps: string[];
  /** Why the document was not evaluated: a file not found (a published document not provided). */
  skipped?: string;
  /** A read that failed: the ingest would refuse the file. */
  error?: string;
  /** A build that failed (no date, no title, same language…): the ingest would stop and say so. */
  buildError?: string;
  versions: VersionResult[];
  whole: { expected: number; whole: number; misses: ParagraphMiss[] };
  leaks: Leak[];
  pairs?: PairCheck[];
  citations?: { en: string; fr: string };
}

export interface Totals {
  documents: number;
  evaluated: number;
  skipped: number;
  errors: number;
  titles: Record<Verdict, number>;
  dates: Record<Verdict, number>;
  leaks: number;
  paragraphs: { expected: number; whole: number };
  pairs: { expected: number; exact: number; rightFlagged: number; wrong: number; wrongFlagged: number };
}

export interface Evaluation {
  documents: DocumentResult[];
  totals: Totals;
}

/** Text compared loosely: case, accents, quotes, dashes and spacing folded, a leading bullet dropped. */
const loose = (text: string) =>
  foldText(text)
    .replace(/[“”«»"‘’`´]/g, (quote) =>
      quote === '‘' || quote === '’' || quote === '`' || quote === '´' ? "'" : '',
    )
    .replace(/[‐‑‒–—−]/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[•●▪◦·‣■□]\s*/u, '');

/** Letters and digits only, folded: what is left of a text when marks or spaces were put in or taken out. */
const bare = (text: string) => loose(text).replace(/[^\p{L}\p{N}]+/gu, '');

const shorten = (text: string | undefined, length = 90) =>
  text === undefined ? '(none)' : text.length > length ? `${text.slice(0, length - 1)}…` : text;

/** A place read as expected, or with its province or state after it: "Ottawa, Ontario", "Ottawa (Ontario)". */
const isPlace = (got: string | undefined, expected: string) =>
  got !== undefined &&
  (loose(got) === loose(expected) ||
    [', ', ' ('].some((next) => loose(got).startsWith(loose(expected) + next)));

/** Where a document's file is: made/ here, published/ in the first folder that holds it. */
export function locate(file: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (!file.startsWith('published/')) {
    const path = join(realFixtures, file);
    return existsSync(path) ? path : undefined;
  }
  const name = file.slice('published/'.length);
  return publishedDirs(env)
    .map((dir) => join(dir, name))
    .find((path) => existsSync(path));
}

/** Reads expected.yml. */
export function loadExpected(path = join(realFixtures, 'expected.yml')): ExpectedDocument[] {
  return parseDataFile(readFileSync(path, 'utf8'), path, ExpectedFile).documents;
}

let glossary: Glossary | undefined;
const loadGlossary = () => {
  glossary ??= buildGlossary(
    parseDataFile(
      readFileSync(join(repository, 'data/glossary.yml'), 'utf8'),
      'data/glossary.yml',
      GlossaryFile,
    ),
  );
  return glossary;
};

function judgeTitle(expected: string[], reading: PlainStatement): FieldResult {
  const doubted = reading.doubts?.some((doubt) => doubt.field === 'title') ?? false;
  const got = reading.title;
  const right = got !== undefined && expected.some((title) => titleKey(title) === titleKey(got));
  return {
    verdict: right ? 'right' : doubted ? 'flagged' : 'wrong',
    expected: expected.join(' | '),
    got,
    doubted,
  };
}

function judgeDate(expected: ExpectedDocument['date'], reading: PlainStatement): FieldResult {
  const doubted = reading.doubts?.some((doubt) => doubt.field === 'date') ?? false;
  const got = reading.date;
  const wanted = typeof expected === 'string' ? expected : expected.month;
  const right = expected === 'none' ? got === undefined : got === wanted;
  return {
    verdict: right ? 'right' : doubted ? 'flagged' : 'wrong',
    expected: typeof expected === 'string' ? expected : `${expected.month} (month only)`,
    got,
    doubted,
  };
}

/** Whether each expected paragraph came out as exactly one paragraph, and what became of those that did not. */
function checkWhole(
  side: Side,
  spans: Array<[string, string]>,
  paragraphs: readonly string[],
): ParagraphMiss[] {
  const texts = paragraphs.map(loose);
  const misses: ParagraphMiss[] = [];
  for (const span of spans) {
    const [start, end] = span.map(loose) as [string, string];
    const exact = texts.filter((text) => text.startsWith(start) && text.endsWith(end));
    if (exact.length === 1) continue;
    let problem: string;
    if (exact.length > 1) problem = `found ${exact.length} times`;
    else {
      const k = texts.findIndex((text) => text.startsWith(start));
      const inside = texts.findIndex((text) => text.includes(start));
      const ends = texts.findIndex((text) => text.endsWith(end));
      if (k >= 0)
        problem = texts[k]!.includes(end)
          ? `runs on into what follows: ¶${k + 1} ends “${shorten(paragraphs[k]!.slice(-60), 60)}”`
          : `cut short: ¶${k + 1} ends “${shorten(paragraphs[k]!.slice(-60), 60)}”${ends >= 0 ? `, its end is in ¶${ends + 1}` : ''}`;
      else if (inside >= 0)
        problem = `run into ¶${inside + 1}, which starts “${shorten(paragraphs[inside], 60)}”`;
      else {
        // The words are there, but with marks or spaces put in or taken out.
        const altered = paragraphs.findIndex((text) => bare(text).includes(bare(start)));
        problem =
          altered >= 0
            ? `its words are in ¶${altered + 1} but the text is altered: “${shorten(paragraphs[altered], 70)}”`
            : 'not found in any paragraph';
      }
    }
    misses.push({ side, span, problem });
  }
  return misses;
}

function findLeaks(
  expected: ExpectedDocument,
  side: Side | 'statement',
  fields: Array<{ where: string; text: string | undefined }>,
): Leak[] {
  const leaks: Leak[] = [];
  for (const { where, text } of fields) {
    if (!text) continue;
    const folded = loose(text);
    // One leak per place and text: "Président" and "President" fold to one.
    const seen = new Set<string>();
    const leak = (never: string, context: string) => {
      if (seen.has(loose(never))) return;
      seen.add(loose(never));
      leaks.push({ side, where, text: never, context });
    };
    for (const never of expected.never) {
      const at = folded.indexOf(loose(never));
      if (at >= 0) leak(never, shorten(text.slice(Math.max(0, at - 20)), 80));
    }
    if (where.startsWith('¶'))
      for (const line of expected.neverParagraphs) if (folded === loose(line)) leak(line, text);
  }
  return leaks;
}

const versionFields = (reading: PlainStatement) => [
  { where: 'title', text: reading.title },
  { where: 'place', text: reading.place },
  { where: 'speaker', text: reading.speaker && [reading.speaker.name, reading.speaker.role].join(', ') },
  ...reading.paragraphs.map((p) => ({ where: `¶${p.n}`, text: p.text })),
];

function checkVersion(
  expected: ExpectedDocument,
  side: Side,
  file: string,
  reading: PlainStatement,
): VersionResult {
  const texts = reading.paragraphs.map((p) => p.text);
  const first = expected.first[side] ?? '';
  const last = expected.last[side] ?? '';
  const place = expected.place?.[side];
  const speaker = expected.speaker?.[side];
  return {
    side,
    file,
    format: reading.format,
    title: judgeTitle(expected.title[side] ?? [], reading),
    date: judgeDate(expected.date, reading),
    ...(place !== undefined
      ? {
          place: {
            expected: place,
            got: reading.place,
            right: place === 'none' ? reading.place === undefined : isPlace(reading.place, place),
          },
        }
      : {}),
    ...(speaker !== undefined
      ? {
          speaker: {
            expected: speaker,
            got: reading.speaker?.name,
            right:
              speaker === 'none'
                ? reading.speaker === undefined
                : loose(reading.speaker?.name ?? '').includes(loose(speaker)),
          },
        }
      : {}),
    paragraphs: { expected: expected.paragraphs[side] ?? 0, got: texts.length },
    first: {
      expected: first,
      got: texts[0],
      right: texts[0] !== undefined && loose(texts[0]).startsWith(loose(first)),
    },
    last: {
      expected: last,
      got: texts.at(-1),
      right: texts.length > 0 && loose(texts.at(-1)!).startsWith(loose(last)),
    },
    doubts: (reading.doubts ?? []).map((doubt) => `${doubt.field}: ${doubt.reason}`),
  };
}

/** The expected counterparts, as [English first words, French first words]. */
function expectedPairs(expected: ExpectedDocument): Array<[string, string]> {
  if (!expected.pairs) return [];
  if (expected.pairs !== 'in-order') return expected.pairs;
  const en = expected.whole.en ?? [];
  const fr = expected.whole.fr ?? [];
  if (en.length !== fr.length)
    throw new Error(`${expected.id}: pairs in-order needs as many whole paragraphs in each language`);
  return en.map((span, k) => [span[0], fr[k]![0]]);
}

/** The paragraph that starts with these words, or failing that the first that holds them; -1 when none does. */
function findParagraph(texts: readonly string[], words: string): number {
  const tries = [
    (text: string) => loose(text).startsWith(loose(words)),
    (text: string) => bare(text).startsWith(bare(words)),
    (text: string) => loose(text).includes(loose(words)),
    (text: string) => bare(text).includes(bare(words)),
  ];
  for (const test of tries) {
    const k = texts.findIndex(test);
    if (k >= 0) return k;
  }
  return -1;
}

/**
 * Checks each expected pair against the beads of the build: exact when the English paragraph
 * that starts with its words is paired with the French one that starts with its words, and
 * nothing else (what the paragraphs' texts became is the business of `whole`).
 */
function checkPairs(
  pairs: Array<[string, string]>,
  built: BuildResult | undefined,
  en: PlainStatement | undefined,
  fr: PlainStatement | undefined,
): PairCheck[] {
  const enTexts = (en?.paragraphs ?? []).map((p) => p.text);
  const frTexts = (fr?.paragraphs ?? []).map((p) => p.text);
  const beads: Bead[] = built?.pairs.map((pair) => pair.bead) ?? [];
  return pairs.map(([enStart, frStart]) => {
    const i = findParagraph(enTexts, enStart);
    const bead = i >= 0 ? beads.find((b) => b.en.includes(i)) : undefined;
    const exact =
      bead !== undefined &&
      bead.en.length === 1 &&
      bead.fr.length === 1 &&
      bare(enTexts[i]!).startsWith(bare(enStart)) &&
      bare(frTexts[bead.fr[0]!]!).startsWith(bare(frStart));
    const got = bead
      ? bead.fr.map((k) => frTexts[k] ?? '').join(' ¦ ') || '(nothing: left unpaired)'
      : i < 0
        ? '(the English paragraph was not found)'
        : '(in no pair: the build failed)';
    return { en: enStart, fr: frStart, exact, doubtful: bead?.doubtful, ...(exact ? {} : { got }) };
  });
}

/** What an editor would give when the ingest asks for a date or titles: the expected ones. */
function overridesFor(expected: ExpectedDocument): StatementOverrides {
  const date =
    expected.date === 'none'
      ? '2000-01-01'
      : typeof expected.date === 'string'
        ? expected.date
        : `${expected.date.month}-01`;
  const en = expected.title.en?.[0] ?? expected.title.single?.[0];
  const fr = expected.title.fr?.[0] ?? expected.title.single?.[0];
  return { date, ...(en && fr ? { title: { en, fr } } : {}) };
}

/** Reads one expected document with the project's real code and checks it against what a person reads. */
export async function evaluateDocument(
  expected: ExpectedDocument,
  env = process.env,
): Promise<DocumentResult> {
  const result: DocumentResult = {
    id: expected.id,
    origin: expected.origin,
    traps: expected.traps,
    versions: [],
    whole: { expected: 0, whole: 0, misses: [] },
    leaks: [],
  };
  const sides = Object.keys(expected.files) as Side[];
  const paths = sides.map(
    (side) => [side, expected.files[side]!, locate(expected.files[side]!, env)] as const,
  );
  const missing = paths.filter(([, , path]) => path === undefined);
  if (missing.length > 0) {
    result.skipped = `not found: ${missing.map(([, file]) => file).join(', ')} (looked in ${publishedDirs(env).join(', ')})`;
    return result;
  }
  const readings = new Map<Side, PlainStatement>();
  try {
    for (const [side, file, path] of paths) {
      const reading = readStatementDocument(await readDocument(new Uint8Array(readFileSync(path!))));
      readings.set(side, reading);
      result.versions.push(checkVersion(expected, side, file, reading));
      result.leaks.push(...findLeaks(expected, side, versionFields(reading)));
      const spans = expected.whole[side] ?? [];
      const misses = checkWhole(
        side,
        spans,
        reading.paragraphs.map((p) => p.text),
      );
      result.whole.expected += spans.length;
      result.whole.whole += spans.length - misses.length;
      result.whole.misses.push(...misses);
    }
  } catch (error) {
    result.error = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return result;
  }

  const documents = paths.map(([side, file]) => ({
    version: readings.get(side)!,
    source: sourceOf(readings.get(side)!, basename(file), '2026-01-01'),
  }));
  let built: BuildResult | undefined;
  let aligned: BuildResult | undefined;
  try {
    built = buildFromDocuments(documents, loadGlossary());
    aligned = built;
  } catch (error) {
    result.buildError = error instanceof Error ? error.message : String(error);
    // The ingest would stop and ask for a date or a title (counted under dates and titles):
    // given them, as an editor would, the pairing is still measured.
    if (
      error instanceof IngestError &&
      (error.problem.kind === 'no_date' || error.problem.kind === 'no_title')
    )
      try {
        aligned = buildFromDocuments(documents, loadGlossary(), overridesFor(expected));
      } catch {
        aligned = undefined;
      }
  }
  if (built) {
    result.citations = built.citations;
    const statement = built.statement;
    result.leaks.push(
      ...findLeaks(expected, 'statement', [
        { where: 'citation (en)', text: built.citations.en },
        { where: 'citation (fr)', text: built.citations.fr },
        { where: 'forum (en)', text: statement.forum.en },
        { where: 'forum (fr)', text: statement.forum.fr },
      ]),
    );
  }
  const pairs = expectedPairs(expected);
  if (pairs.length > 0) result.pairs = checkPairs(pairs, aligned, readings.get('en'), readings.get('fr'));
  return result;
}

const emptyVerdicts = (): Record<Verdict, number> => ({ right: 0, flagged: 0, wrong: 0 });

/** Adds up the results of every document. */
export function totalsOf(documents: readonly DocumentResult[]): Totals {
  const totals: Totals = {
    documents: documents.length,
    evaluated: 0,
    skipped: 0,
    errors: 0,
    titles: emptyVerdicts(),
    dates: emptyVerdicts(),
    leaks: 0,
    paragraphs: { expected: 0, whole: 0 },
    pairs: { expected: 0, exact: 0, rightFlagged: 0, wrong: 0, wrongFlagged: 0 },
  };
  for (const document of documents) {
    if (document.skipped) {
      totals.skipped += 1;
      continue;
    }
    totals.evaluated += 1;
    if (document.error) totals.errors += 1;
    for (const version of document.versions) {
      totals.titles[version.title.verdict] += 1;
      totals.dates[version.date.verdict] += 1;
    }
    totals.leaks += document.leaks.length;
    totals.paragraphs.expected += document.whole.expected;
    totals.paragraphs.whole += document.whole.whole;
    for (const pair of document.pairs ?? []) {
      totals.pairs.expected += 1;
      if (pair.exact) {
        totals.pairs.exact += 1;
        if (pair.doubtful) totals.pairs.rightFlagged += 1;
      } else {
        totals.pairs.wrong += 1;
        if (pair.doubtful) totals.pairs.wrongFlagged += 1;
      }
    }
  }
  return totals;
}

/**
 * Reads every document of expected.yml with the project's real code (`readDocument`,
 * `readStatementDocument`, and `buildFromDocuments` with data/glossary.yml for the pairs)
 * and measures what the issue asks: titles and dates right, flagged or silently wrong;
 * boilerplate leaked into paragraphs, titles or citations; body paragraphs kept whole; pairs
 * exact, and which of them are flagged for review. A published document not found is skipped.
 */
export async function evaluateRealDocuments(
  expected: readonly ExpectedDocument[] = loadExpected(),
  env: NodeJS.ProcessEnv = process.env,
): Promise<Evaluation> {
  const documents: DocumentResult[] = [];
  for (const document of expected) documents.push(await evaluateDocument(document, env));
  return { documents, totals: totalsOf(documents) };
}

const side = (document: DocumentResult, version: VersionResult) =>
  document.versions.length > 1 ? `${document.id} (${version.side})` : document.id;

/** Each title or date read silently wrong, in words: the document, what was expected, what was read. */
export function silentlyWrong(evaluation: Evaluation, field: 'title' | 'date'): string[] {
  return evaluation.documents.flatMap((document) =>
    document.versions
      .filter((version) => version[field].verdict === 'wrong')
      .map(
        (version) =>
          `${side(document, version)}: expected ${field} “${version[field].expected}”, got “${shorten(version[field].got, 160)}” with no doubt raised`,
      ),
  );
}

/** Each leak, in words. */
export const leaksOf = (evaluation: Evaluation): string[] =>
  evaluation.documents.flatMap((document) =>
    document.leaks.map(
      (leak) =>
        `${document.id}${leak.side === 'single' ? '' : ` (${leak.side})`} ${leak.where}: “${leak.text}” in “${leak.context}”`,
    ),
  );

/** Each paragraph not kept whole, in words. */
export const brokenParagraphs = (evaluation: Evaluation): string[] =>
  evaluation.documents.flatMap((document) =>
    document.whole.misses.map(
      (miss) =>
        `${document.id}${miss.side === 'single' ? '' : ` (${miss.side})`}: “${shorten(miss.span[0], 50)} … ${shorten(miss.span[1], 40)}” ${miss.problem}`,
    ),
  );

/** Each expected pair that is not exact, in words, with whether it was flagged. */
export const wrongPairs = (evaluation: Evaluation): string[] =>
  evaluation.documents.flatMap((document) =>
    (document.pairs ?? [])
      .filter((pair) => !pair.exact)
      .map(
        (pair) =>
          `${document.id}: “${shorten(pair.en, 50)}” should pair with “${shorten(pair.fr, 50)}”, got “${shorten(pair.got, 70)}”${pair.doubtful ? ' (flagged)' : ' (not flagged)'}`,
      ),
  );

/** Each right pair flagged for review, in words. */
export const flaggedRightPairs = (evaluation: Evaluation): string[] =>
  evaluation.documents.flatMap((document) =>
    (document.pairs ?? [])
      .filter((pair) => pair.exact && pair.doubtful)
      .map(
        (pair) =>
          `${document.id}: “${shorten(pair.en, 50)}” ↔ “${shorten(pair.fr, 50)}” is right but flagged`,
      ),
  );
