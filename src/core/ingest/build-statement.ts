import { foldText } from '../analysis/normalize.ts';
import { buildCitation } from '../citation.ts';
import {
  type Bilingual,
  type Language,
  languages,
  otherLanguage,
  type Paragraph,
  type Source,
  type Sources,
  type Statement,
} from '../corpus.ts';
import type { Glossary } from '../glossary.ts';
import { messages } from '../messages.ts';
import {
  type AlignOptions,
  type AlignUnit,
  alignParagraphs,
  type Bead,
  type BeadKind,
  defaultAlignOptions,
  maxAlignedParagraphs,
} from './align.ts';
import type { Doubt } from './document.ts';
import { overlap, wordsOf } from './merge.ts';
import { detectLanguage, type PlainStatement, type ReadParagraph } from './plain-text.ts';
import { deriveStatementId } from './statement-yaml.ts';

/**
 * What staff may set by hand; each overrides what the title blocks say, and settles what
 * was assumed in its place. Of a bilingual field, a language not given is taken from that
 * language's version, else copied from the other (and reported).
 */
export interface StatementOverrides {
  id?: string;
  date?: string;
  /** One name for both languages (the ingest's `--country`), or each language's; default Canada, reported. */
  country?: string | Partial<Bilingual>;
  /** One place for both languages, or each language's (Geneva, Genève); one given is copied to the other. */
  place?: Partial<Bilingual>;
  /** Default: what the versions' title blocks say, else the title (reported). */
  forum?: Partial<Bilingual>;
  title?: Partial<Bilingual>;
  /** The speaker's name, the same in both languages (the ingest's `--speaker`); `speakerName` wins over it. */
  speaker?: string;
  /** The speaker's name in each language (Ambassador, Ambassadeur). */
  speakerName?: Partial<Bilingual>;
  /** The speaker's role in each language; kept only with a speaker's name. */
  role?: Partial<Bilingual>;
  /** The language delivered, when no delivered text is given (default: English). */
  deliveredIn?: Language;
}

/** One pair of the alignment, as shown for review. */
export interface AlignedPair {
  n: number;
  bead: Bead;
  delivered: Language;
  en: string;
  fr: string;
}

/** A metadata field a title block gives. */
export type MetadataField = 'title' | 'forum' | 'place' | 'speaker' | 'role' | 'country';

/**
 * What the documents did not say, and what was assumed or left unknown instead: data,
 * so that each surface words it (the ingest names its options, Slack its Edit button).
 */
export type Assumption =
  | { kind: 'from_delivered'; field: MetadataField }
  | { kind: 'copied'; field: MetadataField; language: Language }
  | { kind: 'left_out'; field: 'place' | 'speaker' }
  | { kind: 'forum_is_title' }
  | { kind: 'country'; country: string }
  | { kind: 'notes'; notes: string[] }
  | { kind: 'delivered_language'; language: Language }
  | { kind: 'id_taken'; taken: string; id: string }
  /** Paragraphs whose words as delivered differ from the official version's: the delivered words are kept. */
  | { kind: 'delivered_wording'; paragraphs: number[] };

export interface BuildResult {
  statement: Statement;
  /** The alignment, for a two-version ingest; one "pair" per paragraph otherwise. */
  pairs: AlignedPair[];
  /** What the documents did not say, and what was assumed or left unknown instead. */
  assumptions: Assumption[];
  /** The citation of the first paragraph in each language, for a person to check. */
  citations: Record<Language, string>;
  /**
   * A title or a date the reading is not sure of (and the date the versions disagree on):
   * the statement is not written until someone confirms it (`--confirm`, Add's confirmation)
   * or gives the field (`--title-en`, `--date`, Edit details).
   */
  doubts: Doubt[];
}

const languageName = messages.en.languageNames;
const count = (n: number) => n.toLocaleString('en-CA');

/** Why documents cannot make a statement. */
export type IngestProblem =
  | { kind: 'no_paragraphs'; language?: Language }
  | { kind: 'wrong_language'; given: Language; reads: Language }
  | { kind: 'same_language'; language: Language }
  /** No date to use; `month` when only a month is given (YYYY-MM), `why` the reading's reason. */
  | { kind: 'no_date'; month?: string; why?: string }
  | { kind: 'no_title' }
  | { kind: 'too_many_paragraphs'; en: number; fr: number; limit: number };

const problemText = (problem: IngestProblem): string => {
  switch (problem.kind) {
    case 'no_paragraphs':
      return problem.language
        ? `the ${languageName[problem.language]} version has no paragraphs after its title block`
        : 'no paragraphs found after the title block';
    case 'wrong_language':
      return `the file given as the ${languageName[problem.given]} version reads as ${languageName[problem.reads]}: check --en and --fr`;
    case 'same_language':
      return `both files read as ${languageName[problem.language]}: give the English and the French versions`;
    case 'no_date':
      return problem.month
        ? `only the month is given (${problem.month}): give the day with --date YYYY-MM-DD`
        : `${(problem.why ?? 'no date found in the title block').replace(/: give the date$/, '')}: give one with --date YYYY-MM-DD`;
    case 'no_title':
      return 'no title found in the title block: give one with --title-en and --title-fr';
    case 'too_many_paragraphs':
      return `the English version has ${count(problem.en)} paragraphs and the French version ${count(problem.fr)}: at most ${count(problem.limit)} a version can be aligned, so the statement was not added (check that each file holds one statement)`;
  }
};

/** Thrown when the documents cannot make a statement; `problem` says why, the message (for the ingest) what to give. */
export class IngestError extends Error {
  override readonly name = 'IngestError';
  readonly problem: IngestProblem;
  constructor(problem: IngestProblem) {
    super(problemText(problem));
    this.problem = problem;
  }
}

/**
 * Refuses versions too long to align (over `maxAlignedParagraphs` paragraphs either),
 * before any work: throws an IngestError of kind `too_many_paragraphs`.
 * @example assertAlignable(20_000, 20_000) // throws: the English version has 20,000 paragraphs…
 */
export function assertAlignable(en: number, fr: number): void {
  if (en > maxAlignedParagraphs || fr > maxAlignedParagraphs)
    throw new IngestError({ kind: 'too_many_paragraphs', en, fr, limit: maxAlignedParagraphs });
}

/** What a bilingual build may be given besides the documents. */
export interface BuildOptions {
  /**
   * The alignment of these very paragraphs, made beforehand with the same glossary (off
   * the main thread, by `alignOffThread` on `alignUnitsOf(documents)`). Beads that do not
   * cover each paragraph exactly once, in order, are ignored and the versions aligned anew.
   */
  beads?: readonly Bead[];
}

/** The passages alignment reads from a version: each paragraph's text, and whether it is a heading. */
const unitsOf = (version: PlainStatement): AlignUnit[] =>
  version.paragraphs.map((p) => (p.heading ? { text: p.text, heading: true } : { text: p.text }));

const beadSizes: Record<BeadKind, readonly [number, number]> = {
  '1-1': [1, 1],
  '1-0': [1, 0],
  '0-1': [0, 1],
  '2-1': [2, 1],
  '2-2': [2, 2],
  '1-2': [1, 2],
};

/** True when beads pair n English and m French paragraphs, each exactly once and in order. */
function isAlignmentOf(beads: readonly Bead[], n: number, m: number): boolean {
  let en = 0;
  let fr = 0;
  for (const bead of beads) {
    const sizes = Object.hasOwn(beadSizes, bead.kind) ? beadSizes[bead.kind] : undefined;
    if (!sizes || !Array.isArray(bead.en) || !Array.isArray(bead.fr)) return false;
    if (bead.en.length !== sizes[0] || bead.fr.length !== sizes[1]) return false;
    if (bead.en.some((k, x) => k !== en + x) || bead.fr.some((k, x) => k !== fr + x)) return false;
    if (!(bead.confidence >= 0 && bead.confidence <= 1) || typeof bead.doubtful !== 'boolean') return false;
    en += sizes[0];
    fr += sizes[1];
  }
  return en === n && fr === m;
}

const normal = (text: string) => foldText(text).replace(/\s+/g, ' ').trim();

/** What a delivered paragraph says of the pair it matches: its language, and its wording when it differs. */
interface HeardParagraph {
  language: Language;
  /** The words as delivered, when they differ from the version's (one delivered paragraph for one pair). */
  wording?: string;
  score: number;
}

/** How alike a delivered paragraph and a pair must be, in shared words, to be the same passage. */
const heardAlike = 0.5;

/**
 * Matches each delivered paragraph to the pair it says, in its own language (detected
 * from the delivered text itself): by equal or contained text, else by shared words, so
 * that an ad-lib or a changed word does not lose it. Delivered text follows the versions'
 * order, so each paragraph is compared with the pairs around its place only.
 */
function matchDelivered(
  delivered: readonly ReadParagraph[],
  beads: readonly Bead[],
  en: readonly ReadParagraph[],
  fr: readonly ReadParagraph[],
): Map<number, HeardParagraph> {
  const sides = beads.map((bead) => ({
    en: bead.en.map((i) => en[i]!.text).join(' '),
    fr: bead.fr.map((i) => fr[i]!.text).join(' '),
  }));
  const words = { en: sides.map((side) => wordsOf(side.en)), fr: sides.map((side) => wordsOf(side.fr)) };
  const normals = { en: sides.map((side) => normal(side.en)), fr: sides.map((side) => normal(side.fr)) };
  const heard = new Map<number, HeardParagraph>();
  const claims = new Map<number, number>();
  const window = 40;
  delivered.forEach((paragraph, k) => {
    const language = paragraph.language;
    const said = normal(paragraph.text);
    const saidWords = wordsOf(paragraph.text);
    const centre = Math.round((k / Math.max(delivered.length, 1)) * beads.length);
    let best = -1;
    let bestScore = 0;
    for (let b = Math.max(0, centre - window); b < Math.min(beads.length, centre + window + 1); b++) {
      const written = normals[language][b]!;
      if (!written) continue;
      const score =
        said === written || (said.length >= 12 && written.includes(said))
          ? 1
          : overlap(saidWords, words[language][b]!);
      if (score > bestScore) {
        bestScore = score;
        best = b;
      }
    }
    if (best < 0 || bestScore < heardAlike) return;
    claims.set(best, (claims.get(best) ?? 0) + 1);
    const previous = heard.get(best);
    if (previous && previous.score >= bestScore) return;
    const differs = said !== normals[language][best] && !normals[language][best]!.includes(said);
    heard.set(best, { language, score: bestScore, ...(differs ? { wording: paragraph.text } : {}) });
  });
  // A pair said in several delivered paragraphs keeps its written words: only its language is taken.
  for (const [b, count] of claims) if (count > 1) delete heard.get(b)?.wording;
  return heard;
}

/**
 * Builds one statement from its English and French versions: paragraphs paired by
 * alignment (joined where the versions split a passage differently, unpaired where a
 * passage exists in one version only), counterparts marked `official`, and, with the
 * delivered text, each paragraph in the language it was spoken. Versions over
 * `maxAlignedParagraphs` paragraphs are refused (`too_many_paragraphs`); with `build.beads`,
 * an alignment made beforehand is used instead of aligning here.
 */
export function buildBilingualStatement(
  versions: { en: PlainStatement; fr: PlainStatement; delivered?: PlainStatement },
  glossary: Glossary | undefined,
  overrides: StatementOverrides = {},
  sources: Sources = {},
  options: AlignOptions = defaultAlignOptions,
  build: BuildOptions = {},
): BuildResult {
  for (const language of languages) {
    const version = versions[language];
    if (version.paragraphs.length === 0) throw new IngestError({ kind: 'no_paragraphs', language });
    if (version.language !== language)
      throw new IngestError({ kind: 'wrong_language', given: language, reads: version.language });
  }
  const en = versions.en.paragraphs;
  const fr = versions.fr.paragraphs;
  assertAlignable(en.length, fr.length);
  const beads =
    build.beads && isAlignmentOf(build.beads, en.length, fr.length)
      ? [...build.beads]
      : alignParagraphs(unitsOf(versions.en), unitsOf(versions.fr), glossary, options);
  const assumptions: Assumption[] = [];
  const fallback = overrides.deliveredIn ?? 'en';
  if (!versions.delivered) assumptions.push({ kind: 'delivered_language', language: fallback });
  const heard = versions.delivered
    ? matchDelivered(versions.delivered.paragraphs, beads, en, fr)
    : new Map<number, HeardParagraph>();

  const pairs: AlignedPair[] = beads.map((bead, k) => {
    const enText = bead.en.map((i) => en[i]!.text).join(' ');
    const frText = bead.fr.map((i) => fr[i]!.text).join(' ');
    // The language a pair was delivered in is the language of the delivered paragraph that says it.
    const delivered = heard.get(k)?.language ?? fallback;
    return { n: k + 1, bead, delivered, en: enText, fr: frText };
  });

  const reworded: number[] = [];
  const paragraphs: Paragraph[] = pairs.map((pair, k) => {
    // A passage found in one version only is delivered in that version, its counterpart missing.
    const delivered = pair[pair.delivered] ? pair.delivered : otherLanguage(pair.delivered);
    const other = pair[otherLanguage(delivered)];
    // Said otherwise than written (an ad-lib, a word changed): the words as delivered are the quote.
    const said = heard.get(k);
    const text = said?.wording && said.language === delivered ? said.wording : pair[delivered];
    if (text !== pair[delivered]) reworded.push(pair.n);
    return {
      n: pair.n,
      delivered,
      text,
      counterpart: other ? { origin: 'official', text: other } : { origin: 'missing' },
    };
  });
  if (reworded.length > 0) assumptions.push({ kind: 'delivered_wording', paragraphs: reworded });
  const doubts: Doubt[] = [];
  const statement = buildMetadata(
    { en: versions.en, fr: versions.fr, ...(versions.delivered ? { delivered: versions.delivered } : {}) },
    overrides,
    sources,
    paragraphs,
    assumptions,
    doubts,
  );
  return { statement, pairs, assumptions, citations: citationsOf(statement), doubts };
}

/**
 * Builds a statement from one document, delivered in French, English or both (each
 * paragraph's language detected), its counterparts marked missing until someone fills them.
 */
export function buildSingleStatement(
  version: PlainStatement,
  overrides: StatementOverrides = {},
  sources: Sources = {},
): BuildResult {
  if (version.paragraphs.length === 0) throw new IngestError({ kind: 'no_paragraphs' });
  const paragraphs: Paragraph[] = version.paragraphs.map((paragraph) => ({
    n: paragraph.n,
    delivered: paragraph.language,
    text: paragraph.text,
    counterpart: { origin: 'missing' },
  }));
  const assumptions: Assumption[] = [];
  const titleLanguage = version.title ? detectLanguage(version.title) : version.language;
  const doubts: Doubt[] = [];
  const statement = buildMetadata(
    { [titleLanguage]: version, delivered: version },
    overrides,
    sources,
    paragraphs,
    assumptions,
    doubts,
  );
  const pairs = paragraphs.map((p) => ({
    n: p.n,
    bead: { kind: '1-0' as const, en: [], fr: [], confidence: 1, doubtful: false },
    delivered: p.delivered,
    en: p.delivered === 'en' ? p.text : '',
    fr: p.delivered === 'fr' ? p.text : '',
  }));
  return { statement, pairs, assumptions, citations: citationsOf(statement), doubts };
}

/** One document read, with where it came from. */
export interface ReadVersion {
  version: PlainStatement;
  source: Source;
}

/** Where a version came from: its web address when it has one, its file name (never a path), its format, the day it was taken. */
export const sourceOf = (version: PlainStatement, file: string, taken: string): Source => ({
  ...(version.url ? { url: version.url } : {}),
  file,
  format: version.format,
  taken,
  ...(version.notes.length > 0 ? { notes: version.notes } : {}),
});

/**
 * A statement from the documents someone sent, in any order: one is a statement
 * delivered in one language or both (counterparts missing); two are its English and
 * French versions, told apart by their language (`build.beads`: their alignment, made
 * beforehand on `alignUnitsOf(documents)`).
 */
export function buildFromDocuments(
  documents: readonly ReadVersion[],
  glossary: Glossary | undefined,
  overrides: StatementOverrides = {},
  build: BuildOptions = {},
): BuildResult {
  const [first, second] = documents;
  if (!first || documents.length > 2) throw new RangeError('one or two documents');
  if (!second) return buildSingleStatement(first.version, overrides, { delivered: first.source });
  if (first.version.language === second.version.language)
    throw new IngestError({ kind: 'same_language', language: first.version.language });
  const [en, fr] = first.version.language === 'en' ? [first, second] : [second, first];
  return buildBilingualStatement(
    { en: en.version, fr: fr.version },
    glossary,
    overrides,
    { en: en.source, fr: fr.source },
    defaultAlignOptions,
    build,
  );
}

/**
 * The English and French passages `buildFromDocuments` would align for these documents,
 * so that a caller can align them off the main thread first and pass the beads; undefined
 * when it aligns nothing (one document, or two in the same language).
 * @example
 * const units = alignUnitsOf(documents);
 * const beads = units && (await alignOffThread(units.en, units.fr, glossary));
 * buildFromDocuments(documents, glossary, overrides, beads ? { beads } : {});
 */
export function alignUnitsOf(
  documents: readonly ReadVersion[],
): { en: AlignUnit[]; fr: AlignUnit[] } | undefined {
  const [first, second] = documents;
  if (!first || !second || documents.length > 2 || first.version.language === second.version.language)
    return undefined;
  const [en, fr] = first.version.language === 'en' ? [first, second] : [second, first];
  return { en: unitsOf(en.version), fr: unitsOf(fr.version) };
}

/** The citation of a statement's first paragraph in each language: what the ingest shows for a person to check. */
export const citationsOf = (statement: Statement): Record<Language, string> => ({
  en: buildCitation(statement, statement.paragraphs[0]?.n, 'en'),
  fr: buildCitation(statement, statement.paragraphs[0]?.n, 'fr'),
});

/** A value given for both languages or for each: undefined when neither language has one. */
const given = (value: string | Partial<Bilingual> | undefined): Partial<Bilingual> | undefined => {
  const found = typeof value === 'string' ? { en: value, fr: value } : value;
  return found?.en || found?.fr ? found : undefined;
};

/** Both languages of a field one language may lack, copied from the other; undefined when neither has it. */
const both = (value: Partial<Bilingual>): Bilingual | undefined =>
  value.en || value.fr ? { en: (value.en || value.fr)!, fr: (value.fr || value.en)! } : undefined;

/**
 * The metadata of a statement from the title blocks of its versions: each language's
 * field from that language's version; a field one version lacks is taken from the other
 * and reported; a field no version gives is left out and reported, never guessed.
 */
function buildMetadata(
  versions: Partial<Record<Language | 'delivered', PlainStatement>>,
  overrides: StatementOverrides,
  sources: Sources,
  paragraphs: Paragraph[],
  assumptions: Assumption[],
  doubts: Doubt[],
): Statement {
  const all = [versions.en, versions.fr, versions.delivered].filter(
    (v): v is PlainStatement => v !== undefined,
  );
  const dates = [...new Set(all.map((v) => v.date).filter((d): d is string => d !== undefined))];
  const date = overrides.date ?? dates[0];
  if (!date) {
    // The reading's own word on it: only a month, or what it refused and why.
    const doubt = all.flatMap((v) => v.doubts ?? []).find((d) => d.field === 'date');
    const month = doubt?.kind === 'month_only' ? doubt.chosen : undefined;
    throw new IngestError({
      kind: 'no_date',
      ...(month ? { month } : doubt && doubt.kind === 'none_found' ? { why: doubt.reason } : {}),
    });
  }
  if (!overrides.date && dates.length > 1)
    doubts.push({
      field: 'date',
      chosen: date,
      candidates: all
        .filter((v) => v.date !== undefined && v.date !== date)
        .map((v) => ({ value: v.date!, from: `the ${languageName[v.language]} version` })),
      reason: `the versions disagree on the date (${dates.join(', ')}); ${date} is used`,
      kind: 'languages_disagree',
    });
  // Each version's own doubts, less those a person settled by giving the field.
  for (const version of all)
    for (const doubt of version.doubts ?? []) {
      const settled = doubt.field === 'date' ? overrides.date : overrides.title?.en || overrides.title?.fr;
      if (!settled && !doubts.some((d) => d.field === doubt.field && d.reason === doubt.reason))
        doubts.push(doubt);
    }

  /** A field from each language's own version; one missing in a language is copied from the other, and reported. */
  const pick = (
    field: MetadataField,
    read: (version: PlainStatement) => string | undefined,
    override: Partial<Bilingual> | undefined,
  ): Bilingual | undefined => {
    const found: Partial<Bilingual> = {};
    for (const language of languages) {
      const value = override?.[language] || (versions[language] ? read(versions[language]) : undefined);
      if (value) found[language] = value;
    }
    if (!found.en && !found.fr) {
      const any = versions.delivered ? read(versions.delivered) : undefined;
      if (!any) return undefined;
      assumptions.push({ kind: 'from_delivered', field });
      return { en: any, fr: any };
    }
    for (const language of languages) {
      if (found[language]) continue;
      assumptions.push({ kind: 'copied', field, language });
      found[language] = found[otherLanguage(language)];
    }
    return found as Bilingual;
  };
  const title = pick('title', (v) => v.title, overrides.title);
  if (!title) throw new IngestError({ kind: 'no_title' });
  let forum = pick('forum', (v) => v.forum, overrides.forum);
  if (!forum) {
    assumptions.push({ kind: 'forum_is_title' });
    forum = title;
  }
  const place = pick('place', (v) => v.place, overrides.place);
  if (!place) assumptions.push({ kind: 'left_out', field: 'place' });
  const name = given(overrides.speakerName) ?? given(overrides.speaker);
  const speakerName = pick('speaker', (v) => v.speaker?.name, name);
  if (!speakerName) assumptions.push({ kind: 'left_out', field: 'speaker' });
  // A role or a country in one language alone is copied to the other, and reported.
  const copiedOnce = (field: 'role' | 'country', value: Partial<Bilingual>) => {
    for (const language of languages)
      if (!value[language] && value[otherLanguage(language)])
        assumptions.push({ kind: 'copied', field, language });
    return both(value);
  };
  const roles: Partial<Bilingual> = {};
  for (const language of languages) {
    const role = overrides.role?.[language] || versions[language]?.speaker?.role;
    if (role) roles[language] = role;
  }
  const role = speakerName ? copiedOnce('role', roles) : both(roles);
  const countryGiven = given(overrides.country);
  const country = (countryGiven && copiedOnce('country', countryGiven)) ?? { en: 'Canada', fr: 'Canada' };
  if (!countryGiven) assumptions.push({ kind: 'country', country: country.en });
  const notes = [...new Set(all.flatMap((v) => v.notes))];
  if (notes.length > 0) assumptions.push({ kind: 'notes', notes });

  const statement: Statement = {
    id: overrides.id ?? deriveStatementId(country.en, title.en, date),
    country,
    date,
    title,
    forum,
    ...(place ? { place } : {}),
    ...(speakerName ? { speaker: { name: speakerName, ...(role ? { role } : {}) } } : {}),
    ...(Object.keys(sources).length > 0 ? { sources } : {}),
    paragraphs,
  };
  return statement;
}
