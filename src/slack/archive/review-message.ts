import type { types } from '@slack/bolt';
import { formatDate, formatDateTime } from '../../core/citation.ts';
import { type Language, languages, otherLanguage, type Statement } from '../../core/corpus.ts';
import { formatBytes } from '../../core/ingest/limits.ts';
import { messages } from '../../core/messages.ts';
import type { PendingReview } from '../../ports/reviews.ts';
import type { ReviewNotice, ReviewView } from '../../service/reviews.ts';
import { blockLimits, kit, linkMrkdwn, truncate } from '../blocks.ts';
import { escapeMrkdwn } from '../escape.ts';
import { notices } from '../notices.ts';

/** The action ids of the review's buttons. */
export const reviewActions = {
  add: 'archive_add',
  edit: 'archive_edit',
  discard: 'archive_discard',
  remove: 'archive_remove',
} as const;

/** What a review message shows: the review itself, or what became of it. */
export type { ReviewView } from '../../service/reviews.ts';

export interface ReviewMessage {
  text: string;
  blocks: types.KnownBlock[];
}

/** How many flagged pairs are shown side by side; the rest are counted. */
const flaggedShown = 3;
const pairClip = 280;

const mention = (user: string) => `<@${user.replace(/[^A-Z0-9]/gi, '')}>`;
const clip = (text: string, max: number) => truncate(escapeMrkdwn(text), max);

/**
 * What the review workflow answers, in words, as mrkdwn: our own wording as it is, a
 * file's name escaped (people name files as they like), the editors' mentions kept.
 */
export function noticeText(notice: ReviewNotice, language: Language): string {
  const t = notices[language].archive;
  switch (notice.kind) {
    case 'notEditor':
      return t.notEditor(notice.editors);
    case 'tooManyFiles':
      return t.tooManyFiles(notice.count);
    case 'unreadableId':
      return t.unreadableId(notice.id);
    case 'statementTooLarge':
      return t.statementTooLarge(formatBytes(notice.size), formatBytes(notice.limit));
    case 'problem':
      return t.problem(notice.problem);
    case 'file': {
      const name = escapeMrkdwn(notice.name);
      const file = t.file as Record<
        string,
        ((name: string, size: string, limit: string) => string) | undefined
      >;
      const word = file[notice.code];
      if (!word) return t.failed;
      return notice.code === 'too_large'
        ? word(name, notice.size === undefined ? '?' : formatBytes(notice.size), formatBytes(notice.limit))
        : word(name, '', '');
    }
    case 'invalid':
      return t.modal.invalid;
    case 'alreadyAdded':
      return t.alreadyAdded(mention(notice.by), escapeMrkdwn(formatDateTime(notice.at, language)), notice.id);
    default:
      return t[notice.kind];
  }
}

/** A notice as a line of the review message: our wording escaped, a file's line and the editors' mentions as they are. */
const noticeLine = (notice: ReviewNotice, language: Language) =>
  notice.kind === 'file' || notice.kind === 'notEditor'
    ? noticeText(notice, language)
    : escapeMrkdwn(noticeText(notice, language));

/** The review message of a statement sent from Slack, in the editor's language. */
export function toReviewMessage(view: ReviewView, language: Language): ReviewMessage {
  const t = notices[language].archive;
  switch (view.kind) {
    case 'reading': {
      const text = t.reading(view.names.join(' + '));
      return { text: escapeMrkdwn(text), blocks: [kit.context([kit.plain(text)])] };
    }
    case 'queued': {
      const text = `${t.reading(view.names.join(' + '))} ${t.queued(view.position)}`;
      return { text: escapeMrkdwn(text), blocks: [kit.context([kit.plain(text)])] };
    }
    case 'problems': {
      const lines = view.problems.map((notice) => noticeLine(notice, language));
      const text = lines.join('\n');
      return {
        text: truncate(text, blockLimits.fallbackText),
        blocks: [kit.section(lines.map((line) => `:warning: ${line}`).join('\n'))],
      };
    }
    case 'review':
      return reviewBlocks(view, language);
    case 'added': {
      const { statement } = view;
      const text = t.added(mention(view.by), escapeMrkdwn(formatDateTime(view.at, language)), statement.id);
      return {
        text,
        blocks: [
          kit.header(t.addedTitle),
          kit.section(text),
          ...metadataBlocks(statement, language),
          {
            type: 'actions',
            block_id: 'archive_added',
            elements: [
              {
                type: 'button',
                action_id: reviewActions.remove,
                text: { type: 'plain_text', text: t.remove, emoji: false },
                style: 'danger',
                value: JSON.stringify({
                  r: view.review.id,
                  s: statement.id,
                  ...(view.review.outcome?.fingerprint ? { f: view.review.outcome.fingerprint } : {}),
                }),
                confirm: {
                  title: { type: 'plain_text', text: t.confirmRemove.title },
                  text: { type: 'plain_text', text: t.confirmRemove.text },
                  confirm: { type: 'plain_text', text: t.confirmRemove.confirm },
                  deny: { type: 'plain_text', text: t.confirmRemove.deny },
                  style: 'danger',
                },
              },
            ],
          },
        ],
      };
    }
    case 'removed': {
      const text = t.removed(mention(view.by), escapeMrkdwn(formatDateTime(view.at, language)));
      return {
        text,
        blocks: [
          kit.section(`~${escapeMrkdwn(view.statement.title[language])}~ (\`${view.statement.id}\`)`),
          kit.context([kit.mrkdwn(text)]),
        ],
      };
    }
    case 'discarded': {
      const text = t.discarded(mention(view.by), escapeMrkdwn(formatDateTime(view.at, language)));
      return {
        text,
        blocks: [
          kit.section(
            [language, otherLanguage(language)].map((l) => `~${escapeMrkdwn(view.title[l])}~`).join('\n'),
          ),
          kit.context([kit.mrkdwn(text)]),
        ],
      };
    }
    case 'expired':
      return { text: escapeMrkdwn(t.expired), blocks: [kit.context([kit.plain(t.expired)])] };
  }
}

/** What the title blocks gave, one column per language. */
function metadataBlocks(statement: Statement, language: Language): types.KnownBlock[] {
  const t = notices[language].archive;
  const order: Language[] = [language, otherLanguage(language)];
  const line = (label: string, value: string | undefined) =>
    messages[language].labelled(`_${label}_`, value === undefined ? t.notFound : escapeMrkdwn(value));
  const speaker = (l: Language) =>
    statement.speaker &&
    `${statement.speaker.name[l]}${statement.speaker.role ? `, ${statement.speaker.role[l]}` : ''}`;
  const column = (l: Language) =>
    truncate(
      [
        `*${escapeMrkdwn(t.version(l))}*`,
        line(t.title, statement.title[l]),
        line(t.date, formatDate(statement.date, l)),
        line(t.place, statement.place?.[l]),
        line(t.speaker, speaker(l)),
      ].join('\n'),
      2000,
    );
  return [{ type: 'section', fields: order.map((l) => ({ type: 'mrkdwn', text: column(l) })) }];
}

/** Each version's public link (a web page's own address), its host and path as the label. */
function linksBlocks(review: PendingReview, language: Language): types.KnownBlock[] {
  const t = notices[language].archive;
  const links = review.documents.flatMap(({ source, version }) => {
    if (!source.url) return [];
    const { hostname, pathname } = new URL(source.url);
    const label = `${hostname}${pathname}`.slice(0, 80);
    return [`${t.version(version.language)}: ${linkMrkdwn(source.url, label)}`];
  });
  return links.length > 0
    ? [kit.context([kit.mrkdwn(messages[language].labelled(t.links, links.join(' · ')))])]
    : [];
}

function reviewBlocks(view: Extract<ReviewView, { kind: 'review' }>, language: Language): ReviewMessage {
  const t = notices[language].archive;
  const { review, result } = view;
  const statement = result.statement;
  const blocks: types.KnownBlock[] = [
    kit.header(t.reviewTitle),
    kit.context([
      kit.mrkdwn(
        messages[language].labelled(
          t.files,
          review.documents.map((d) => `\`${escapeMrkdwn(d.source.file ?? '?')}\``).join(' + '),
        ),
      ),
    ]),
    // The public link each version will cite, shown as the address it really is.
    ...linksBlocks(review, language),
    ...metadataBlocks(statement, language),
  ];
  const counts =
    review.documents.length === 2
      ? t.counts(
          review.documents.find((d) => d.version.language === 'en')?.version.paragraphs.length ?? 0,
          review.documents.find((d) => d.version.language === 'fr')?.version.paragraphs.length ?? 0,
          result.pairs.length,
        )
      : t.single(
          statement.paragraphs.length,
          statement.paragraphs.filter((p) => p.delivered === 'fr').length,
          statement.paragraphs.filter((p) => p.delivered === 'en').length,
        );
  blocks.push(kit.section(escapeMrkdwn(counts)));
  if (review.documents.length === 2) {
    const flagged = result.pairs.filter((pair) => pair.bead.doubtful);
    if (flagged.length === 0) blocks.push(kit.context([kit.plain(t.noneFlagged)]));
    else {
      blocks.push(kit.section(`*${escapeMrkdwn(t.flagged(flagged.length))}*`));
      for (const pair of flagged.slice(0, flaggedShown)) {
        const label = `¶${pair.n} · ${pair.bead.kind} · ${pair.bead.confidence.toFixed(2)}`;
        blocks.push({
          type: 'section',
          fields: [
            { type: 'mrkdwn', text: `*EN* ${label}\n${pair.en ? clip(pair.en, pairClip) : '—'}` },
            { type: 'mrkdwn', text: `*FR* ${label}\n${pair.fr ? clip(pair.fr, pairClip) : '—'}` },
          ],
        });
      }
      if (flagged.length > flaggedShown)
        blocks.push(kit.context([kit.plain(t.moreFlagged(flagged.length - flaggedShown))]));
    }
  }
  blocks.push(
    kit.section(
      `*${escapeMrkdwn(t.citations)}*\n${languages.map((l) => messages[language].labelled(l.toUpperCase(), escapeMrkdwn(result.citations[l]))).join('\n')}`,
    ),
  );
  // What the reading is not sure of comes first, and Add asks to confirm it.
  if (result.doubts.length > 0)
    blocks.push(
      kit.section(
        `:warning: *${escapeMrkdwn(t.toConfirm)}*\n${result.doubts.map((d) => `• ${escapeMrkdwn(t.doubt(d))}`).join('\n')}`,
      ),
    );
  if (result.assumptions.length > 0)
    blocks.push(
      kit.section(
        `*${escapeMrkdwn(t.assumed)}*\n${result.assumptions.map((a) => `• ${escapeMrkdwn(t.assumption(a))}`).join('\n')}`,
      ),
    );
  if (view.duplicate)
    blocks.push(
      kit.section(
        `:warning: ${t.duplicate(escapeMrkdwn(view.duplicate.title[language]), view.duplicate.id)}`,
      ),
    );
  blocks.push(kit.context([kit.plain(t.pending(formatDateTime(review.expiresAt, language)))]));
  const button = (actionId: string, text: string, style?: 'primary' | 'danger'): types.Button => ({
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text, emoji: false },
    value: review.id,
    ...(style ? { style } : {}),
  });
  blocks.push({
    type: 'actions',
    block_id: 'archive_review',
    elements: [
      ...(view.duplicate
        ? []
        : [
            {
              ...button(reviewActions.add, t.add, 'primary'),
              ...(result.doubts.length > 0
                ? {
                    confirm: {
                      title: { type: 'plain_text' as const, text: t.confirmAdd.title },
                      text: {
                        type: 'plain_text' as const,
                        text: t.confirmAdd.text([...new Set(result.doubts.map((d) => d.field))]),
                      },
                      confirm: { type: 'plain_text' as const, text: t.confirmAdd.confirm },
                      deny: { type: 'plain_text' as const, text: t.confirmAdd.deny },
                    },
                  }
                : {}),
            },
          ]),
      button(reviewActions.edit, t.edit),
      button(reviewActions.discard, t.discard, 'danger'),
    ],
  });
  return { text: `${escapeMrkdwn(t.reviewTitle)}: ${escapeMrkdwn(statement.title[language])}`, blocks };
}
