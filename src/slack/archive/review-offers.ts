import type { types } from '@slack/bolt';
import { z } from 'zod';
import { type Language, otherLanguage } from '../../core/corpus.ts';
import { fileExtensions } from '../../core/ingest/formats/index.ts';
import type { ReviewView } from '../../service/reviews.ts';
import { kit } from '../blocks.ts';
import { escapeMrkdwn } from '../escape.ts';
import { notices } from '../notices.ts';

/**
 * What a review offers besides Add, Edit and Discard when statements arrive in halves: the
 * other version to send, the half of the archive it completes (or replaces), and the other
 * version left on its own in the archive. Only the editor who added a half is offered to
 * change it; anyone else is told who can.
 */

/** The action ids of the offers' buttons, and the other-version modal's callback. */
export const offerActions = {
  complete: 'archive_complete',
  replace: 'archive_replace',
  other: 'archive_other',
  otherModal: 'archive_other_file',
} as const;

type Review = Extract<ReviewView, { kind: 'review' }>;

const mention = (user: string) => `<@${user.replace(/[^A-Z0-9]/gi, '')}>`;

const button = (actionId: string, text: string, value: string, style?: 'primary'): types.Button => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text, emoji: false },
  value,
  ...(style ? { style } : {}),
});

/** The confirmation every Remove button asks for. */
export const removeConfirm = (language: Language): types.ConfirmationDialog => {
  const t = notices[language].archive.confirmRemove;
  return {
    title: { type: 'plain_text', text: t.title },
    text: { type: 'plain_text', text: t.text },
    confirm: { type: 'plain_text', text: t.confirm },
    deny: { type: 'plain_text', text: t.deny },
    style: 'danger',
  };
};

/** The lines an offer adds to the review, as mrkdwn (titles escaped; our wording as it is). */
function offerLines(view: Review, language: Language): string[] {
  const t = notices[language].archive;
  const lines: string[] = [];
  if (view.joined) lines.push(`:link: ${t.joined(view.joined)}`);
  const target = view.review.target;
  if (target)
    lines.push(
      `:arrows_counterclockwise: ${target.mode === 'update' ? t.targetUpdate(target.id) : t.targetReplace(target.id)}`,
    );
  const who = (offer: { addedBy?: string; mayChange: boolean }) =>
    offer.mayChange ? undefined : offer.addedBy ? t.halfAsk(mention(offer.addedBy)) : t.halfNotSlack;
  if (view.half) {
    lines.push(
      `:jigsaw: ${t.half(escapeMrkdwn(view.half.title[language]), view.half.id, view.half.language, view.half.addedBy && mention(view.half.addedBy))} ${who(view.half) ?? t.halfMay}`,
    );
  }
  const half = view.duplicate?.half;
  if (view.duplicate && half) {
    const line = t.duplicateHalf(
      escapeMrkdwn(view.duplicate.title[language]),
      view.duplicate.id,
      half.language,
    );
    const ask = who(half);
    lines.push(`:jigsaw: ${line}${ask ? ` ${ask}` : ''}`);
  }
  if (view.alone)
    lines.push(
      `:warning: ${t.alone(escapeMrkdwn(view.alone.title[language]), view.alone.id, view.alone.language)}`,
    );
  return lines;
}

/** The offers' buttons, beside Add, Edit and Discard. */
export function offerButtons(view: Review, language: Language): types.Button[] {
  const t = notices[language].archive;
  const id = view.review.id;
  const buttons: types.Button[] = [];
  if (view.half?.mayChange) buttons.push(button(offerActions.complete, t.complete, id, 'primary'));
  if (view.duplicate?.half?.mayChange)
    buttons.push(
      button(offerActions.complete, t.complete, id, 'primary'),
      button(offerActions.replace, t.replace, id),
    );
  // One version, nothing to complete: the other version can be sent from here too.
  if (view.review.documents.length === 1 && !view.review.target)
    buttons.push(button(offerActions.other, t.otherVersion, id));
  return buttons;
}

/** Once added: the other version left on its own, and a button to take it out (its adder's Remove rules apply). */
export function aloneBlocks(
  view: Extract<ReviewView, { kind: 'added' }>,
  language: Language,
  removeAction: string,
): types.KnownBlock[] {
  const t = notices[language].archive;
  if (!view.alone) return [];
  return [
    kit.section(
      `:warning: ${t.alone(escapeMrkdwn(view.alone.title[language]), view.alone.id, view.alone.language)}`,
    ),
    {
      type: 'actions',
      block_id: 'archive_alone',
      elements: [
        {
          ...button(
            removeAction,
            t.removeAlone,
            JSON.stringify({ s: view.alone.id, f: view.alone.fingerprint }),
          ),
          style: 'danger',
          confirm: removeConfirm(language),
        },
      ],
    },
  ];
}

/** The modal that takes the other version of a one-version review (Slack's file input). */
export function otherVersionModal(reviewId: string, language: Language, has: Language): types.ModalView {
  const t = notices[language].archive;
  return {
    type: 'modal',
    callback_id: offerActions.otherModal,
    private_metadata: JSON.stringify({ r: reviewId, l: language }),
    title: { type: 'plain_text', text: t.otherVersionTitle },
    submit: { type: 'plain_text', text: t.otherVersionSubmit },
    close: { type: 'plain_text', text: notices[language].archive.modal.cancel },
    blocks: [
      {
        type: 'input',
        block_id: 'other_file',
        label: { type: 'plain_text', text: t.otherVersionLabel(otherLanguage(has)) },
        hint: { type: 'plain_text', text: t.otherVersionHint },
        element: {
          type: 'file_input',
          action_id: 'value',
          // Slack takes file name endings without their dot.
          filetypes: fileExtensions().map((ending) => ending.slice(1)),
          max_files: 1,
        },
      } as unknown as types.InputBlock,
    ],
  };
}

const OtherSubmission = z.object({
  metadata: z.object({ r: z.string(), l: z.enum(['en', 'fr']) }),
  files: z.array(z.looseObject({ id: z.string() })).min(1),
});

/** What the other-version modal sent: the review, the editor's language and the file; undefined when unreadable. */
export function readOtherVersion(
  privateMetadata: string,
  values: Record<string, Record<string, { files?: unknown }>>,
): { review: string; language: Language; file: string } | undefined {
  let metadata: unknown;
  try {
    metadata = JSON.parse(privateMetadata);
  } catch {
    return undefined;
  }
  const parsed = OtherSubmission.safeParse({ metadata, files: values.other_file?.value?.files });
  return parsed.success
    ? { review: parsed.data.metadata.r, language: parsed.data.metadata.l, file: parsed.data.files[0]!.id }
    : undefined;
}

/** The offers' text lines as one section, or none. */
export const offerBlocks = (view: Review, language: Language): types.KnownBlock[] => {
  const lines = offerLines(view, language);
  return lines.length > 0 ? [kit.section(lines.join('\n'))] : [];
};
