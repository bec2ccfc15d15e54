import { foldText } from '../analysis/normalize';
import type { Bilingual, Language, Paragraph, Statement } from '../corpus';
import type { Glossary } from '../glossary';
import { type AlignOptions, alignParagraphs, type Bead, defaultAlignOptions } from './align';
import type { PlainStatement } from './plain-text';
import { deriveStatementId } from './statement-yaml';

/** What staff may set by hand; each overrides what the title blocks say. */
export interface StatementOverrides {
  id?: string;
  date?: string;
  country?: string;
  place?: string;
  forum?: Bilingual;
  title?: Bilingual;
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

export interface BilingualResult {
  statement: Statement;
  pairs: AlignedPair[];
  /** What the title blocks did not say, and what was assumed instead. */
  assumptions: string[];
}

const normal = (text: string) => foldText(text).replace(/\s+/g, ' ').trim();

/** True when a delivered paragraph is this version's paragraph, or part of it (versions may join passages). */
const delivers = (delivered: string, version: string) => {
  const a = normal(delivered);
  const b = normal(version);
  return a === b || (a.length >= 12 && b.includes(a));
};

/**
 * Builds one statement from its English and French versions: paragraphs paired by
 * alignment (joined where the versions split a passage differently), counterparts marked
 * `official`, and, with the delivered text, each paragraph in the language it was spoken.
 */
export function buildBilingualStatement(
  versions: { en: PlainStatement; fr: PlainStatement; delivered?: PlainStatement },
  glossary: Glossary | undefined,
  overrides: StatementOverrides = {},
  options: AlignOptions = defaultAlignOptions,
): BilingualResult {
  const en = versions.en.paragraphs.map((p) => p.text);
  const fr = versions.fr.paragraphs.map((p) => p.text);
  const beads = alignParagraphs(en, fr, glossary, options);
  const assumptions: string[] = [];
  const deliveredTexts = versions.delivered?.paragraphs.map((p) => p.text) ?? [];
  const fallback = overrides.deliveredIn ?? 'en';
  if (!versions.delivered)
    assumptions.push(`delivered language: ${fallback} (no delivered text given; --delivered-in)`);

  const pairs: AlignedPair[] = beads.map((bead, k) => {
    const enText = bead.en.map((i) => en[i]).join(' ');
    const frText = bead.fr.map((i) => fr[i]).join(' ');
    let delivered = fallback;
    if (versions.delivered) {
      const inFrench = bead.fr.some((i) => deliveredTexts.some((text) => delivers(text, fr[i]!)));
      const inEnglish = bead.en.some((i) => deliveredTexts.some((text) => delivers(text, en[i]!)));
      delivered = inFrench && !inEnglish ? 'fr' : inEnglish ? 'en' : fallback;
    }
    return { n: k + 1, bead, delivered, en: enText, fr: frText };
  });

  const paragraphs: Paragraph[] = pairs.map((pair) => {
    const text = pair[pair.delivered] || pair[pair.delivered === 'fr' ? 'en' : 'fr'];
    const other = pair[pair.delivered === 'fr' ? 'en' : 'fr'];
    const delivered = pair[pair.delivered] ? pair.delivered : pair.delivered === 'fr' ? 'en' : 'fr';
    return {
      n: pair.n,
      delivered,
      text,
      counterpart:
        other && pair[pair.delivered] ? { origin: 'official', text: other } : { origin: 'missing' },
    };
  });

  const date = overrides.date ?? versions.en.date ?? versions.fr.date ?? versions.delivered?.date;
  if (!date) throw new Error('no date found in the title blocks: give one with --date YYYY-MM-DD');
  const country = overrides.country ?? 'Canada';
  if (!overrides.country) assumptions.push('country: Canada (--country)');
  const place = overrides.place ?? versions.en.place ?? versions.fr.place;
  if (!place) assumptions.push('place: New York (--place)');
  const title: Bilingual = overrides.title ?? {
    en: versions.en.title || versions.fr.title,
    fr: versions.fr.title || versions.en.title,
  };
  const forum = overrides.forum ?? title;
  if (!overrides.forum) assumptions.push('forum: the title (--forum-en, --forum-fr)');
  const speakerName = overrides.speaker ?? versions.en.speaker?.name ?? versions.fr.speaker?.name;
  const speakerRole = versions.en.speaker?.role || versions.fr.speaker?.role;
  if (!speakerName) assumptions.push(`speaker: delegation of ${country} (--speaker)`);
  const statement: Statement = {
    id: overrides.id ?? deriveStatementId(country, title.en, date),
    country: { en: country, fr: country },
    date,
    title,
    forum,
    place: { en: place ?? 'New York', fr: place ?? 'New York' },
    speaker: {
      name: { en: speakerName ?? `Delegation of ${country}`, fr: speakerName ?? `Délégation : ${country}` },
      role: {
        en: versions.en.speaker?.role || speakerRole || `On behalf of ${country}`,
        fr: versions.fr.speaker?.role || speakerRole || `Au nom de : ${country}`,
      },
    },
    paragraphs,
  };
  return { statement, pairs, assumptions };
}
