import type { types } from '@slack/bolt';
import { z } from 'zod';
import { type Language, languages, otherLanguage, type Statement } from '../../core/corpus.ts';
import type { StatementOverrides } from '../../core/ingest/build-statement.ts';
import { fileExtensions } from '../../core/ingest/formats/index.ts';
import { notices } from '../notices.ts';

export const modalIds = { edit: 'archive_edit', add: 'archive_add_files' } as const;

/** The longest title, place and speaker a modal accepts. */
const maxLength = { title: 300, place: 100, speaker: 200 } as const;

type InputBlock = types.InputBlock;

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

/** The details an editor may correct: titles, date, places, speaker, and the language delivered. */
function detailBlocks(
  language: Language,
  current: Statement | undefined,
  options: { optional: boolean; deliveredIn?: Language },
): InputBlock[] {
  const t = notices[language].archive.modal;
  const hint = options.optional ? t.optionalHint : undefined;
  const order: Language[] = [language, otherLanguage(language)];
  const blocks: InputBlock[] = [
    ...order.map((l) =>
      textInput(`title_${l}`, t.titleIn(l), maxLength.title, current?.title[l], options.optional, hint),
    ),
    {
      type: 'input',
      block_id: 'date',
      optional: options.optional,
      label: plainText(t.date),
      element: {
        type: 'datepicker',
        action_id: 'value',
        ...(current ? { initial_date: current.date } : {}),
      },
    },
    ...order.map((l) =>
      textInput(`place_${l}`, t.placeIn(l), maxLength.place, current?.place?.[l], true, hint),
    ),
    textInput('speaker', t.speaker, maxLength.speaker, current?.speaker?.name[language], true, hint),
  ];
  if (options.deliveredIn) {
    const option = (l: Language) => ({ text: plainText(t.languageName(l)), value: l });
    blocks.push({
      type: 'input',
      block_id: 'delivered_in',
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

/** The Edit details modal of a review, filled with what the review shows now. */
export function editModal(
  reviewId: string,
  statement: Statement,
  language: Language,
  deliveredIn: Language | undefined,
): types.ModalView {
  const t = notices[language].archive.modal;
  return {
    type: 'modal',
    callback_id: modalIds.edit,
    private_metadata: reviewId,
    title: plainText(t.editTitle),
    submit: plainText(t.save),
    close: plainText(t.cancel),
    blocks: detailBlocks(language, statement, { optional: false, ...(deliveredIn ? { deliveredIn } : {}) }),
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

/**
 * Reads a submitted modal: the details as overrides (empty fields leave what the documents
 * say), the files attached, or the errors to show next to each field.
 */
export function readSubmission(values: unknown, language: Language, needFiles: boolean): Submitted {
  const t = notices[language].archive.modal;
  const parsed = Values.safeParse(values);
  if (!parsed.success) return { ok: false, errors: {} };
  const state = parsed.data;
  const text = (block: string) => state[block]?.value?.value?.replace(/\s+/g, ' ').trim() || undefined;
  const errors: Record<string, string> = {};
  const overrides: StatementOverrides = {};
  const title: Partial<Record<Language, string>> = {};
  const place: Partial<Record<Language, string>> = {};
  for (const l of languages) {
    const value = text(`title_${l}`);
    if (value && value.length > maxLength.title) errors[`title_${l}`] = t.tooLong(maxLength.title);
    else if (value) title[l] = value;
    const where = text(`place_${l}`);
    if (where && where.length > maxLength.place) errors[`place_${l}`] = t.tooLong(maxLength.place);
    else if (where) place[l] = where;
  }
  if (title.en || title.fr) overrides.title = title;
  if (place.en || place.fr) overrides.place = place;
  const speaker = text('speaker');
  if (speaker && speaker.length > maxLength.speaker) errors.speaker = t.tooLong(maxLength.speaker);
  else if (speaker) overrides.speaker = speaker;
  const date = state.date?.value?.selected_date ?? undefined;
  if (date) {
    const valid = /^\d{4}-\d{2}-\d{2}$/.test(date) && isRealDay(date);
    if (valid) overrides.date = date;
    else errors.date = t.badDate;
  }
  const delivered = state.delivered_in?.value?.selected_option?.value;
  if (delivered === 'en' || delivered === 'fr') overrides.deliveredIn = delivered;
  const files = languages.flatMap((l) => state[`file_${l}`]?.value?.files?.map((file) => file.id) ?? []);
  if (needFiles && files.length === 0) errors[`file_${language}`] = t.noFile;
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, overrides, files };
}

/** True for a day the calendar has: not 2016-13-01 (an invalid time) nor 2016-02-30 (another day). */
function isRealDay(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(date);
}
