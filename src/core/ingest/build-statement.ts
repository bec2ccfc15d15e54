import { foldText } from '../analysis/normalize';
import { buildCitation } from '../citation';
import {
  type Bilingual,
  type Language,
  languages,
  otherLanguage,
  type Paragraph,
  type Sources,
  type Statement,
} from '../corpus';
import type { Glossary } from '../glossary';
import { type AlignOptions, alignParagraphs, type Bead, defaultAlignOptions } from './align';
import { detectLanguage, type PlainStatement } from './plain-text';
import { deriveStatementId } from './statement-yaml';

/** What staff may set by hand; each overrides what the title blocks say. */
export interface StatementOverrides {
  id?: string;
  date?: string;
  country?: string;
  place?: string;
  forum?: Partial<Bilingual>;
  title?: Partial<Bilingual>;
  speaker?: string;
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

export interface BuildResult {
  statement: Statement;
  /** The alignment, for a two-version ingest; one "pair" per paragraph otherwise. */
  pairs: AlignedPair[];
  /** What the documents did not say, and what was assumed or left unknown instead. */
  assumptions: string[];
  /** The citation of the first paragraph in each language, for a person to check. */
  citations: Record<Language, string>;
}

/** Thrown when the documents cannot make a statement; the message says what to give. */
export class IngestError extends Error {
  override readonly name = 'IngestError';
}

const normal = (text: string) => foldText(text).replace(/\s+/g, ' ').trim();

/** True when a delivered paragraph is this version's paragraph, or part of it (versions may join passages). */
const delivers = (delivered: string, version: string) => {
  const a = normal(delivered);
  const b = normal(version);
  return a === b || (a.length >= 12 && b.includes(a));
};

const languageName: Record<Language, string> = { en: 'English', fr: 'French' };

/**
 * Builds one statement from its English and French versions: paragraphs paired by
 * alignment (joined where the versions split a passage differently, unpaired where a
 * passage exists in one version only), counterparts marked `official`, and, with the
 * delivered text, each paragraph in the language it was spoken.
 */
export function buildBilingualStatement(
  versions: { en: PlainStatement; fr: PlainStatement; delivered?: PlainStatement },
  glossary: Glossary | undefined,
  overrides: StatementOverrides = {},
  sources: Sources = {},
  options: AlignOptions = defaultAlignOptions,
): BuildResult {
  for (const language of languages) {
    const version = versions[language];
    if (version.paragraphs.length === 0)
      throw new IngestError(`the ${languageName[language]} version has no paragraphs after its title block`);
    if (version.language !== language)
      throw new IngestError(
        `the file given as the ${languageName[language]} version reads as ${languageName[version.language]}: check --en and --fr`,
      );
  }
  const en = versions.en.paragraphs;
  const fr = versions.fr.paragraphs;
  const beads = alignParagraphs(en, fr, glossary, options);
  const assumptions: string[] = [];
  const deliveredTexts = versions.delivered?.paragraphs.map((p) => p.text) ?? [];
  const fallback = overrides.deliveredIn ?? 'en';
  if (!versions.delivered)
    assumptions.push(
      `delivered language: ${fallback} (no delivered text given; --delivered or --delivered-in)`,
    );

  const pairs: AlignedPair[] = beads.map((bead, k) => {
    const enText = bead.en.map((i) => en[i]!.text).join(' ');
    const frText = bead.fr.map((i) => fr[i]!.text).join(' ');
    let delivered = fallback;
    if (versions.delivered) {
      const inFrench = bead.fr.some((i) => deliveredTexts.some((text) => delivers(text, fr[i]!.text)));
      const inEnglish = bead.en.some((i) => deliveredTexts.some((text) => delivers(text, en[i]!.text)));
      delivered = inFrench && !inEnglish ? 'fr' : inEnglish ? 'en' : fallback;
    }
    return { n: k + 1, bead, delivered, en: enText, fr: frText };
  });

  const paragraphs: Paragraph[] = pairs.map((pair) => {
    // A passage found in one version only is delivered in that version, its counterpart missing.
    const delivered = pair[pair.delivered] ? pair.delivered : otherLanguage(pair.delivered);
    const other = pair[otherLanguage(delivered)];
    return {
      n: pair.n,
      delivered,
      text: pair[delivered],
      counterpart: other ? { origin: 'official', text: other } : { origin: 'missing' },
    };
  });
  const statement = buildMetadata(
    { en: versions.en, fr: versions.fr, ...(versions.delivered ? { delivered: versions.delivered } : {}) },
    overrides,
    sources,
    paragraphs,
    assumptions,
  );
  return { statement, pairs, assumptions, citations: citationsOf(statement) };
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
  if (version.paragraphs.length === 0) throw new IngestError('no paragraphs found after the title block');
  const paragraphs: Paragraph[] = version.paragraphs.map((paragraph) => ({
    n: paragraph.n,
    delivered: paragraph.language,
    text: paragraph.text,
    counterpart: { origin: 'missing' },
  }));
  const assumptions: string[] = [];
  const titleLanguage = version.title ? detectLanguage(version.title) : version.language;
  const statement = buildMetadata(
    { [titleLanguage]: version, delivered: version },
    overrides,
    sources,
    paragraphs,
    assumptions,
  );
  const pairs = paragraphs.map((p) => ({
    n: p.n,
    bead: { kind: '1-0' as const, en: [], fr: [], confidence: 1, doubtful: false },
    delivered: p.delivered,
    en: p.delivered === 'en' ? p.text : '',
    fr: p.delivered === 'fr' ? p.text : '',
  }));
  return { statement, pairs, assumptions, citations: citationsOf(statement) };
}

/** The citation of a statement's first paragraph in each language: what the ingest shows for a person to check. */
export const citationsOf = (statement: Statement): Record<Language, string> => ({
  en: buildCitation(statement, statement.paragraphs[0]?.n, 'en'),
  fr: buildCitation(statement, statement.paragraphs[0]?.n, 'fr'),
});

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
  assumptions: string[],
): Statement {
  const all = [versions.en, versions.fr, versions.delivered].filter(
    (v): v is PlainStatement => v !== undefined,
  );
  const dates = [...new Set(all.map((v) => v.date).filter((d): d is string => d !== undefined))];
  const date = overrides.date ?? dates[0];
  if (!date) throw new IngestError('no date found in the title block: give one with --date YYYY-MM-DD');
  if (!overrides.date && dates.length > 1)
    assumptions.push(`date: the versions disagree (${dates.join(', ')}); used ${date} (--date)`);

  /** A field from each language's own version; one missing in a language is copied from the other, and reported. */
  const pick = (
    field: string,
    read: (version: PlainStatement) => string | undefined,
    override: Partial<Bilingual> | undefined,
    flag: (language: Language) => string,
  ): Bilingual | undefined => {
    const found: Partial<Bilingual> = {};
    for (const language of languages) {
      const value = override?.[language] ?? (versions[language] ? read(versions[language]) : undefined);
      if (value) found[language] = value;
    }
    if (!found.en && !found.fr) {
      const any = versions.delivered ? read(versions.delivered) : undefined;
      if (!any) return undefined;
      assumptions.push(
        `${field}: the same in both languages, from the delivered text (${flag('en')}, ${flag('fr')})`,
      );
      return { en: any, fr: any };
    }
    for (const language of languages) {
      if (found[language]) continue;
      const other = otherLanguage(language);
      assumptions.push(
        `${field}.${language}: not given in ${languageName[language]}; copied from the ${languageName[other]} (${flag(language)})`,
      );
      found[language] = found[other];
    }
    return found as Bilingual;
  };
  const leftOut = (field: string, flags: string) =>
    assumptions.push(`${field}: not found in the title block, left out (${flags})`);

  const title = pick(
    'title',
    (v) => v.title,
    overrides.title,
    (l) => `--title-${l}`,
  );
  if (!title)
    throw new IngestError('no title found in the title block: give one with --title-en and --title-fr');
  let forum = pick(
    'forum',
    (v) => v.forum,
    overrides.forum,
    (l) => `--forum-${l}`,
  );
  if (!forum) {
    assumptions.push('forum: the title (--forum-en, --forum-fr)');
    forum = title;
  }
  const place = overrides.place
    ? { en: overrides.place, fr: overrides.place }
    : pick(
        'place',
        (v) => v.place,
        undefined,
        () => '--place',
      );
  if (!place) leftOut('place', '--place');
  const speakerName = overrides.speaker
    ? { en: overrides.speaker, fr: overrides.speaker }
    : pick(
        'speaker',
        (v) => v.speaker?.name,
        undefined,
        () => '--speaker',
      );
  if (!speakerName) leftOut('speaker', '--speaker');
  const roles: Partial<Bilingual> = {};
  for (const language of languages) {
    const role = versions[language]?.speaker?.role;
    if (role) roles[language] = role;
  }
  const role = roles.en || roles.fr ? { en: roles.en ?? roles.fr!, fr: roles.fr ?? roles.en! } : undefined;
  const country = overrides.country ?? 'Canada';
  if (!overrides.country) assumptions.push('country: Canada (--country)');
  const notes = [...new Set(all.flatMap((v) => v.notes))];
  if (notes.length > 0)
    assumptions.push(`notes dropped from the text and recorded: ${notes.map((n) => `"${n}"`).join(', ')}`);

  const statement: Statement = {
    id: overrides.id ?? deriveStatementId(country, title.en, date),
    country: { en: country, fr: country },
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
