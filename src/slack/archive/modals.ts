import { createHash } from 'node:crypto';
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { type Language, languages, otherLanguage, type Statement } from '../../core/corpus.ts';
import type { StatementOverrides } from '../../core/ingest/build-statement.ts';
import { fileExtensions } from '../../core/ingest/formats/index.ts';
import {
  type OverrideField,
  type OverrideKey,
  type OverrideProblem,
  overrideFields,
  overrideLimits,
  parseOverrides,
} from '../../core/ingest/overrides.ts';
import { notices } from '../notices.ts';

export const modalIds = { edit: 'archive_edit', add: 'archive_add_files' } as const;

type InputBlock = types.InputBlock;
type ModalWords = (typeof notices)[Language]['archive']['modal'];

const plainText = (text: string) => ({ type: 'plain_text' as const, text, emoji: false });

const textInput = (
  blockId: string,
  label: string,
  max: number,
  initial: string | undefined,
  optional: boolean,
  hint?: string,
): InputBlock => ({
  type: 'input',
  block_id: blockId,
  optional,
  label: plainText(label),
  ...(hint ? { hint: plainText(hint) } : {}),
  element: {
    type: 'plain_text_input',
    action_id: 'value',
    max_length: max,
    ...(initial ? { initial_value: initial.slice(0, max) } : {}),
  },
});

/** A field's label in one language: "Forum (French)". */
const labelOf = (t: ModalWords, field: OverrideField, language: Language): string =>
  ({
    title: t.titleIn,
    forum: t.forumIn,
    place: t.placeIn,
    speaker: t.speakerIn,
    role: t.roleIn,
    country: t.countryIn,
  })[field](language);

/** What a statement as built says of a field in one language: what the form shows first. */
const shownValue = (statement: Statement, field: OverrideField, language: Language): string | undefined => {
  switch (field) {
    case 'title':
    case 'forum':
    case 'country':
      return statement[field][language];
    case 'place':
      return statement.place?.[language];
    case 'speaker':
      return statement.speaker?.name[language];
    case 'role':
      return statement.speaker?.role?.[language];
  }
};

/**
 * The details an editor may give or correct, grouped by field, each in both languages
 * (the reader's first): titles, date, forum, places, speaker, role, country, and the
 * language delivered.
 */
function detailBlocks(
  language: Language,
  current: Statement | undefined,
  options: { optional: boolean; deliveredIn?: Language },
): InputBlock[] {
  const t = notices[language].archive.modal;
  const order: Language[] = [language, otherLanguage(language)];
  const hints: Partial<Record<OverrideField, string>> = {
    ...(options.optional ? { title: t.optionalHint } : {}),
    forum: t.forumHint,
    role: t.roleHint,
    country: t.countryHint,
  };
  /** A field in both languages, its hint under the first only: short on a phone. */
  const pair = (field: OverrideField, optional: boolean) =>
    order.map((l, i) =>
      textInput(
        `${field}_${l}` satisfies OverrideKey,
        labelOf(t, field, l),
        overrideLimits[field],
        current && shownValue(current, field, l),
        optional,
        i === 0 ? hints[field] : undefined,
      ),
    );
  const blocks: InputBlock[] = [
    ...pair('title', options.optional),
    {
      type: 'input',
      block_id: 'date' satisfies OverrideKey,
      optional: options.optional,
      label: plainText(t.date),
      element: {
        type: 'datepicker',
        action_id: 'value',
        ...(current ? { initial_date: current.date } : {}),
      },
    },
    ...pair('forum', true),
    ...pair('place', true),
    ...pair('speaker', true),
    ...pair('role', true),
    ...pair('country', true),
  ];
  if (options.deliveredIn) {
    const option = (l: Language) => ({ text: plainText(t.languageName(l)), value: l });
    blocks.push({
      type: 'input',
      block_id: 'delivered_in' satisfies OverrideKey,
      label: plainText(t.deliveredIn),
      element: {
        type: 'static_select',
        action_id: 'value',
        options: languages.map(option),
        initial_option: option(options.deliveredIn),
      },
    });
  }
  return blocks;
}

/** True when the review's overrides set this value of the form (rather than the documents or a default). */
function isOverridden(overrides: StatementOverrides, key: OverrideKey): boolean {
  if (key === 'date') return overrides.date !== undefined;
  if (key === 'delivered_in') return overrides.deliveredIn !== undefined;
  const [field, language] = key.split('_') as [OverrideField, Language];
  switch (field) {
    case 'title':
    case 'forum':
    case 'place':
      return Boolean(overrides[field]?.[language]);
    case 'speaker':
      return Boolean(overrides.speakerName?.[language] || overrides.speaker);
    case 'role':
      return Boolean(overrides.role?.[language]);
    case 'country':
      return typeof overrides.country === 'string' || Boolean(overrides.country?.[language]);
  }
}

/** Spaces tidied, as the core reads a value. */
const tidy = (value: string | undefined) => value?.replace(/\s+/g, ' ').trim() ?? '';

/** A short fingerprint of a value shown, so that the form can tell a value left as it was. */
const fingerprint = (value: string) =>
  createHash('sha256').update(tidy(value)).digest('base64url').slice(0, 12);

/**
 * What an Edit details form carries in its private metadata: the review, the language it
 * is worded in, and the fingerprint of each value it showed that no override set (read
 * from the documents, or assumed). Such a value sent back unchanged is not given: it
 * settles nothing, so that what was assumed stays listed as assumed.
 */
const EditForm = z.object({
  review: z.string(),
  language: z.enum(['en', 'fr']),
  shown: z.record(z.string(), z.string()),
});
type EditForm = z.infer<typeof EditForm>;

/** Reads an Edit details form's private metadata; a form from before it carried more is its review id alone. */
export function readEditForm(metadata: string): {
  review: string;
  language?: Language;
  shown: EditForm['shown'];
} {
  try {
    const parsed = EditForm.safeParse(JSON.parse(metadata));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: the review id alone.
  }
  return { review: metadata, shown: {} };
}

/**
 * The Edit details modal of a review, filled with what the review shows now (the
 * statement as built); `overrides` are the review's, so that a value they did not set and
 * that comes back unchanged is not taken as given.
 */
export function editModal(
  reviewId: string,
  statement: Statement,
  language: Language,
  deliveredIn: Language | undefined,
  overrides: StatementOverrides = {},
): types.ModalView {
  const t = notices[language].archive.modal;
  const blocks = detailBlocks(language, statement, {
    optional: false,
    ...(deliveredIn ? { deliveredIn } : {}),
  });
  const shown: Partial<Record<OverrideKey, string>> = {};
  for (const field of overrideFields)
    for (const l of languages) {
      const value = shownValue(statement, field, l);
      // As the field shows it: cut to its length.
      if (value && !isOverridden(overrides, `${field}_${l}`))
        shown[`${field}_${l}`] = fingerprint(value.slice(0, overrideLimits[field]));
    }
  if (!isOverridden(overrides, 'date')) shown.date = fingerprint(statement.date);
  if (deliveredIn && !isOverridden(overrides, 'delivered_in')) shown.delivered_in = fingerprint(deliveredIn);
  const form: EditForm = { review: reviewId, language, shown };
  return {
    type: 'modal',
    callback_id: modalIds.edit,
    private_metadata: JSON.stringify(form),
    title: plainText(t.editTitle),
    submit: plainText(t.save),
    close: plainText(t.cancel),
    blocks,
  };
}

/** The App Home's Add a statement modal: two file inputs, then the details, all optional. */
export function addModal(language: Language): types.ModalView {
  const t = notices[language].archive.modal;
  const order: Language[] = [language, otherLanguage(language)];
  const fileInput = (l: Language, first: boolean) =>
    ({
      type: 'input',
      block_id: `file_${l}`,
      optional: true,
      label: plainText(t.fileIn(l)),
      ...(first ? { hint: plainText(t.filesHint) } : {}),
      element: {
        type: 'file_input',
        action_id: 'value',
        // Slack takes file name endings without their dot.
        filetypes: fileExtensions().map((ending) => ending.slice(1)),
        max_files: 1,
      },
    }) as unknown as InputBlock;
  return {
    type: 'modal',
    callback_id: modalIds.add,
    private_metadata: language,
    title: plainText(t.addTitle),
    submit: plainText(t.read),
    close: plainText(t.cancel),
    blocks: [
      ...order.map((l, i) => fileInput(l, i === 0)),
      ...detailBlocks(language, undefined, { optional: true }),
    ],
  };
}

/** A view's submitted state, as Slack sends it: block id → action id → the element's state. */
const Values = z.record(
  z.string(),
  z.record(
    z.string(),
    z.looseObject({
      value: z.string().nullish(),
      selected_date: z.string().nullish(),
      selected_option: z.looseObject({ value: z.string() }).nullish(),
      files: z.array(z.looseObject({ id: z.string() })).nullish(),
    }),
  ),
);

export type Submitted =
  | { ok: true; overrides: StatementOverrides; files: string[] }
  | { ok: false; errors: Record<string, string> };

/** What a problem with a value says, beside its field. */
const problemText = (t: ModalWords, problem: OverrideProblem): string => {
  switch (problem.kind) {
    case 'too_long':
      return t.tooLong(problem.max);
    case 'bad_date':
      return t.badDate;
    case 'no_letters':
      return t.noLetters;
  }
};

const formKeys: OverrideKey[] = [
  ...overrideFields.flatMap((field) => languages.map((l): OverrideKey => `${field}_${l}`)),
  'date',
  'delivered_in',
];

/**
 * Reads a submitted modal: the details checked like a statement file and turned into
 * overrides (empty fields, and values `shown` that come back unchanged, leave what the
 * documents say), the files attached, or the errors to show next to each field.
 */
export function readSubmission(
  values: unknown,
  language: Language,
  needFiles: boolean,
  shown: Readonly<Record<string, string>> = {},
): Submitted {
  const t = notices[language].archive.modal;
  const parsed = Values.safeParse(values);
  if (!parsed.success) return { ok: false, errors: {} };
  const state = parsed.data;
  const raw = (block: string) => {
    const element = state[block]?.value;
    return element?.value ?? element?.selected_date ?? element?.selected_option?.value ?? undefined;
  };
  const given: Partial<Record<OverrideKey, string>> = {};
  for (const key of formKeys) {
    const value = raw(key);
    if (value && shown[key] !== fingerprint(value)) given[key] = value;
  }
  // A form opened before the speaker had a field per language: its one name is both languages'.
  const legacySpeaker = raw('speaker');
  if (legacySpeaker && !given.speaker_en && !given.speaker_fr)
    given.speaker_en = given.speaker_fr = legacySpeaker;
  const { overrides, errors: problems } = parseOverrides(given);
  const errors: Record<string, string> = {};
  for (const [key, problem] of Object.entries(problems) as Array<[OverrideKey, OverrideProblem]>)
    errors[legacySpeaker && key.startsWith('speaker_') ? 'speaker' : key] = problemText(t, problem);
  const files = languages.flatMap((l) => state[`file_${l}`]?.value?.files?.map((file) => file.id) ?? []);
  if (needFiles && files.length === 0) errors[`file_${language}`] = t.noFile;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, overrides, files };
}
