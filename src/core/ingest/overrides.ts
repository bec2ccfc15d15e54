import { type Bilingual, type Language, languages, Statement } from '../corpus.ts';
import type { Assumption, StatementOverrides } from './build-statement.ts';

/** The bilingual details a person may set by hand, in the order a form asks for them. */
export const overrideFields = ['title', 'forum', 'place', 'speaker', 'role', 'country'] as const;
export type OverrideField = (typeof overrideFields)[number];

/**
 * One value of the details form: a bilingual field in one language (`forum_fr`), the date,
 * or the language delivered. Slack uses these as the form's block ids, so that an error
 * shows beside its field.
 */
export type OverrideKey = `${OverrideField}_${Language}` | 'date' | 'delivered_in';

/** The longest value each field takes, in characters (after spaces are tidied). */
export const overrideLimits: Readonly<Record<OverrideField, number>> = {
  title: 300,
  forum: 300,
  place: 100,
  speaker: 200,
  role: 300,
  country: 100,
};

/** Why a value cannot be taken, as data: each surface words it. */
export type OverrideProblem =
  | { kind: 'too_long'; max: number }
  /** Not a day of the calendar written YYYY-MM-DD (2016-02-30, 2016-13-01, 6 Sept 2016). */
  | { kind: 'bad_date' }
  /** Only digits, signs or punctuation: not a name nor words. */
  | { kind: 'no_letters' };

export interface ParsedOverrides {
  /** What was given: an empty value is not given, and leaves what the documents say. */
  overrides: StatementOverrides;
  /** What cannot be taken, by field; nothing of the form is used while there is any. */
  errors: Partial<Record<OverrideKey, OverrideProblem>>;
}

const tidy = (value: string | undefined) => value?.replace(/\s+/g, ' ').trim() ?? '';
const hasLetter = (value: string) => /\p{L}/u.test(value);

/**
 * Checks the values of a details form the way a statement file is checked (each text
 * non-empty once tidied and within its length, the date a real day as YYYY-MM-DD) and
 * turns them into overrides; an empty value is not given. One language given of a
 * bilingual field is kept alone: the build takes the other from the documents, or copies
 * it and says so.
 * @example parseOverrides({ forum_en: 'UN Security Council', date: '2016-02-30' })
 * // => { overrides: { forum: { en: 'UN Security Council' } }, errors: { date: { kind: 'bad_date' } } }
 */
export function parseOverrides(values: Partial<Record<OverrideKey, string>>): ParsedOverrides {
  const errors: Partial<Record<OverrideKey, OverrideProblem>> = {};
  const given: Partial<Record<OverrideField, Partial<Bilingual>>> = {};
  for (const field of overrideFields)
    for (const language of languages) {
      const key: OverrideKey = `${field}_${language}`;
      const value = tidy(values[key]);
      if (!value) continue;
      const max = overrideLimits[field];
      if (value.length > max) errors[key] = { kind: 'too_long', max };
      else if (!hasLetter(value)) errors[key] = { kind: 'no_letters' };
      else given[field] = { ...given[field], [language]: value };
    }
  const overrides: StatementOverrides = {};
  if (given.title) overrides.title = given.title;
  if (given.forum) overrides.forum = given.forum;
  if (given.place) overrides.place = given.place;
  if (given.speaker) overrides.speakerName = given.speaker;
  if (given.role) overrides.role = given.role;
  if (given.country) overrides.country = given.country;
  const date = tidy(values.date);
  if (date) {
    if (Statement.shape.date.safeParse(date).success) overrides.date = date;
    else errors.date = { kind: 'bad_date' };
  }
  const delivered = tidy(values.delivered_in);
  if (delivered === 'en' || delivered === 'fr') overrides.deliveredIn = delivered;
  return { overrides, errors };
}

/**
 * True for what the Edit details form can change (a forum, a country, a copied or missing
 * title, place or speaker, the language delivered); false for what it cannot (notes taken
 * out of the text, an id already taken, words delivered otherwise), which a review lists
 * apart from "change it with Edit details".
 * @example isEditableAssumption({ kind: 'forum_is_title' }) // => true
 * @example isEditableAssumption({ kind: 'delivered_wording', paragraphs: [19] }) // => false
 */
export function isEditableAssumption(assumption: Assumption): boolean {
  switch (assumption.kind) {
    case 'from_delivered':
    case 'copied':
    case 'left_out':
    case 'forum_is_title':
    case 'country':
    case 'delivered_language':
      return true;
    case 'notes':
    case 'id_taken':
    case 'delivered_wording':
      return false;
  }
}
