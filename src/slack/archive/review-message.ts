import type { types } from '@slack/bolt';
import { formatDate, formatDateTime } from '../../core/citation.ts';
import { type Language, otherLanguage, type Statement } from '../../core/corpus.ts';
import type {
  AlignedPair,
  Assumption,
  BuildResult,
  MetadataField,
} from '../../core/ingest/build-statement.ts';
import { formatBytes } from '../../core/ingest/limits.ts';
import { isEditableAssumption } from '../../core/ingest/overrides.ts';
import { detectLanguage, type PlainStatement } from '../../core/ingest/plain-text.ts';
import { messages } from '../../core/messages.ts';
import type { PendingReview } from '../../ports/reviews.ts';
import type { ReviewNotice, ReviewView } from '../../service/reviews.ts';
import { blockLimits, enforceLimits, kit, linkMrkdwn, truncate } from '../blocks.ts';
import { slackDateTime } from '../dates.ts';
import { escapeMrkdwn } from '../escape.ts';
import { notices } from '../notices.ts';
import { aloneBlocks, offerBlocks, offerButtons, removeConfirm } from './review-offers.ts';

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

/** How many flagged pairs are shown side by side (besides the first and the last); the rest are counted. */
const flaggedShown = 3;
/*
 * How much of each text the review shows: sized so that even the longest documents keep
 * the whole review far below Slack's limits (about 10,000 characters at most, 3,000 for
 * a usual statement), nothing dropped.
 */
/** How much of a paragraph a pair shows. */
const pairClip = 240;
/** How much of a title, a place or a speaker a column shows, and of a file's name. */
const valueClip = 200;
/** How much of a citation is shown (a citation repeats the title and the forum). */
const citationClip = 400;
/** How much room a list (to confirm, assumed, noted) takes at most. */
const listClip = 800;

const mention = (user: string) => `<@${user.replace(/[^A-Z0-9]/gi, '')}>`;
const clip = (text: string, max: number) => truncate(escapeMrkdwn(text), max);
/** Italic, for what a version does not say itself. */
const italic = (text: string) => `_${escapeMrkdwn(text)}_`;

/** A time in the review workflow's words: Slack's date token in mrkdwn (each reader's own time), our UTC wording in plain text. */
const timeOf = (iso: string, language: Language, plain: boolean) =>
  plain ? escapeMrkdwn(formatDateTime(iso, language)) : slackDateTime(iso, language);

/**
 * What the review workflow answers, in words, as mrkdwn: our own wording as it is, a
 * file's name escaped (people name files as they like), the editors' mentions kept, a time
 * as Slack's date token. With `plain` (a modal's field error, which Slack does not format),
 * a time is written out in UTC instead.
 */
export function noticeText(
  notice: ReviewNotice,
  language: Language,
  options: { plain?: boolean } = {},
): string {
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
      return t.alreadyAdded(
        mention(notice.by),
        timeOf(notice.at, language, options.plain === true),
        notice.id,
      );
    default:
      return t[notice.kind];
  }
}

/** A notice as a line of the review message: our wording escaped; a file's line, the editors' mentions and a time as they are. */
const noticeLine = (notice: ReviewNotice, language: Language) =>
  notice.kind === 'file' || notice.kind === 'notEditor' || notice.kind === 'alreadyAdded'
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
      const said = (plain: boolean) =>
        t.added(mention(view.by), timeOf(view.at, language, plain), statement.id);
      return {
        text: said(true),
        blocks: [
          kit.header(t.addedTitle),
          kit.section(said(false)),
          ...storedColumns(statement, language),
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
                confirm: removeConfirm(language),
              },
            ],
          },
          ...aloneBlocks(view, language, reviewActions.remove),
        ],
      };
    }
    case 'removed': {
      const said = (plain: boolean) => t.removed(mention(view.by), timeOf(view.at, language, plain));
      return {
        text: said(true),
        blocks: [
          kit.section(`~${escapeMrkdwn(view.statement.title[language])}~ (\`${view.statement.id}\`)`),
          kit.context([kit.mrkdwn(said(false))]),
        ],
      };
    }
    case 'discarded': {
      const said = (plain: boolean) => t.discarded(mention(view.by), timeOf(view.at, language, plain));
      return {
        text: said(true),
        blocks: [
          kit.section(
            [language, otherLanguage(language)].map((l) => `~${escapeMrkdwn(view.title[l])}~`).join('\n'),
          ),
          kit.context([kit.mrkdwn(said(false))]),
        ],
      };
    }
    case 'expired':
      return { text: escapeMrkdwn(t.expired), blocks: [kit.context([kit.plain(t.expired)])] };
    case 'moved':
      return { text: escapeMrkdwn(t.moved), blocks: [kit.context([kit.plain(t.moved)])] };
  }
}

/** A column's lines as a section field, within Slack's 2,000 characters a field. */
const field = (lines: readonly string[]) => ({
  type: 'mrkdwn' as const,
  text: truncate(lines.join('\n'), 2000),
});

/** What a statement in the archive holds, one column per language, the editor's first. */
function storedColumns(statement: Statement, language: Language): types.KnownBlock[] {
  const t = notices[language].archive;
  const line = (label: string, value: string | undefined) =>
    messages[language].labelled(
      `_${label}_`,
      value === undefined ? italic(t.notFound) : clip(value, valueClip),
    );
  const speaker = (l: Language) =>
    statement.speaker &&
    `${statement.speaker.name[l]}${statement.speaker.role ? `, ${statement.speaker.role[l]}` : ''}`;
  const column = (l: Language) =>
    field([
      `*${escapeMrkdwn(t.version(l))}*`,
      line(t.title, statement.title[l]),
      line(t.date, formatDate(statement.date, l)),
      line(t.place, statement.place?.[l]),
      line(t.speaker, speaker(l)),
    ]);
  return [{ type: 'section', fields: [column(language), column(otherLanguage(language))] }];
}

/**
 * The versions sent, by language: both of a two-file review; for one file, the language
 * its details are read in (its title's, as `buildSingleStatement` reads it).
 */
function versionsSent(review: PendingReview): Partial<Record<Language, PlainStatement>> {
  const versions = review.documents.map((d) => d.version as PlainStatement);
  const [one] = versions;
  if (versions.length !== 1 || !one)
    return Object.fromEntries(versions.map((version) => [version.language, version]));
  return { [one.title ? detectLanguage(one.title) : one.language]: one };
}

/**
 * Each version's column: only what that version says (or what the editor gave); a field
 * copied from the other version, taken from the text as delivered or left out is shown as
 * such, in italics, never as if the version said it. A version not sent says so.
 */
function reviewColumns(review: PendingReview, result: BuildResult, language: Language): types.KnownBlock[] {
  const t = notices[language].archive;
  const { statement, assumptions } = result;
  const sent = versionsSent(review);
  const has = (test: (a: Assumption) => boolean) => assumptions.some(test);
  const line = (label: string, value: string) => messages[language].labelled(`_${label}_`, value);
  /** A field of language l: its value, or what stands in for it. */
  const shown = (name: MetadataField, l: Language, value: string | undefined): string => {
    if (has((a) => a.kind === 'copied' && a.field === name && a.language === l))
      return italic(t.copiedFrom(otherLanguage(l)));
    if (value === undefined || has((a) => a.kind === 'left_out' && a.field === name))
      return italic(t.notFound);
    if (has((a) => a.kind === 'from_delivered' && a.field === name))
      return `${clip(value, valueClip)} · ${italic(t.fromDelivered)}`;
    return clip(value, valueClip);
  };
  const column = (l: Language) => {
    const version = sent[l];
    const heading = `*${escapeMrkdwn(t.version(l))}*`;
    // A role is no field of an assumption: shown where this version or the editor gives it, never where it was copied.
    const role = (review.overrides.role?.[l] || version?.speaker?.role) && statement.speaker?.role?.[l];
    const withRole = (name: string) => (role ? `${name}, ${clip(role, valueClip)}` : name);
    if (!version) {
      // Not sent: only what the editor gave in this language, never what was copied into it.
      const given = (
        [
          ['title', t.title, statement.title[l]],
          ['place', t.place, statement.place?.[l]],
          ['speaker', t.speaker, statement.speaker?.name[l]],
        ] as const
      ).flatMap(([name, label, value]) =>
        value === undefined ||
        has(
          (a) =>
            (a.kind === 'copied' && a.field === name && a.language === l) ||
            (a.kind === 'from_delivered' && a.field === name),
        )
          ? []
          : [line(label, name === 'speaker' ? withRole(clip(value, valueClip)) : clip(value, valueClip))],
      );
      return field([heading, italic(t.notSent(otherLanguage(l))), ...given]);
    }
    // The date this version gives (the editor's, when they gave one); the versions' disagreement is a doubt, said below.
    const date = review.overrides.date ?? version.date;
    return field([
      heading,
      line(t.title, shown('title', l, statement.title[l])),
      line(t.date, date ? escapeMrkdwn(formatDate(date, l)) : italic(t.copiedFrom(otherLanguage(l)))),
      line(t.place, shown('place', l, statement.place?.[l])),
      line(t.speaker, withRole(shown('speaker', l, statement.speaker?.name[l]))),
    ]);
  };
  return [{ type: 'section', fields: [column(language), column(otherLanguage(language))] }];
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

/**
 * The pairs a person checks at a glance: the first and the last side by side, always, then
 * the pairs flagged for review (the first three; the rest counted), none shown twice. One
 * file has no pairs: its first and last paragraphs are shown side by side instead.
 */
function pairBlocks(review: PendingReview, result: BuildResult, language: Language): types.KnownBlock[] {
  const t = notices[language].archive;
  const { pairs } = result;
  const first = pairs[0];
  const last = pairs.length > 1 ? pairs.at(-1) : undefined;
  const text = (pair: AlignedPair, l: Language) =>
    pair[l] ? clip(pair[l], pairClip) : italic(t.nothingInVersion);
  if (review.documents.length !== 2) {
    const paragraph = (pair: AlignedPair) => ({
      type: 'mrkdwn' as const,
      text: `*${pair.delivered.toUpperCase()}* ¶${pair.n}\n${text(pair, pair.delivered)}`,
    });
    return first ? [{ type: 'section', fields: [first, ...(last ? [last] : [])].map(paragraph) }] : [];
  }
  const order: Language[] = [language, otherLanguage(language)];
  const label = (pair: AlignedPair) =>
    pair.bead.doubtful
      ? ` ¶${pair.n} · ${pair.bead.kind} · ${pair.bead.confidence.toFixed(2)} :warning:`
      : ` ¶${pair.n}`;
  const side = (pair: AlignedPair): types.KnownBlock => ({
    type: 'section',
    fields: order.map((l) => ({
      type: 'mrkdwn' as const,
      text: `*${l.toUpperCase()}*${label(pair)}\n${text(pair, l)}`,
    })),
  });
  const ends = [first, last].filter((pair): pair is AlignedPair => pair !== undefined);
  const blocks = ends.map(side);
  const flagged = pairs.filter((pair) => pair.bead.doubtful);
  if (flagged.length === 0) return [...blocks, kit.context([kit.plain(t.noneFlagged)])];
  blocks.push(kit.section(`*${escapeMrkdwn(t.flagged(flagged.length))}*`));
  const above = flagged.filter((pair) => ends.includes(pair));
  if (above.length > 0) blocks.push(kit.context([kit.plain(t.shownAbove(above.map((pair) => pair.n)))]));
  const rest = flagged.filter((pair) => !ends.includes(pair));
  blocks.push(...rest.slice(0, flaggedShown).map(side));
  if (rest.length > flaggedShown)
    blocks.push(kit.context([kit.plain(t.moreFlagged(rest.length - flaggedShown))]));
  return blocks;
}

/** A heading and its bullet lines, within the room a list may take. */
const list = (heading: string, lines: readonly string[]) =>
  kit.section(truncate(`${heading}\n${lines.map((line) => `• ${line}`).join('\n')}`, listClip));

function reviewBlocks(view: Extract<ReviewView, { kind: 'review' }>, language: Language): ReviewMessage {
  const t = notices[language].archive;
  const { review, result } = view;
  const statement = result.statement;
  const order: Language[] = [language, otherLanguage(language)];
  const blocks: types.KnownBlock[] = [
    kit.header(t.reviewTitle),
    kit.context([
      kit.mrkdwn(
        messages[language].labelled(
          t.files,
          review.documents.map((d) => `\`${clip(d.source.file ?? '?', valueClip)}\``).join(' + '),
        ),
      ),
    ]),
    // The public link each version will cite, shown as the address it really is.
    ...linksBlocks(review, language),
    ...reviewColumns(review, result, language),
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
  blocks.push(...pairBlocks(review, result, language));
  // In the columns' order: the editor's language first.
  blocks.push(
    kit.section(
      `*${escapeMrkdwn(t.citations)}*\n${order.map((l) => messages[language].labelled(l.toUpperCase(), clip(result.citations[l], citationClip))).join('\n')}`,
    ),
  );
  // What the reading is not sure of comes first, and Add asks to confirm it.
  if (result.doubts.length > 0)
    blocks.push(
      list(
        `:warning: *${escapeMrkdwn(t.toConfirm)}*`,
        result.doubts.map((d) => escapeMrkdwn(t.doubt(d))),
      ),
    );
  const assumed = result.assumptions.filter(isEditableAssumption);
  const noted = result.assumptions.filter((a) => !isEditableAssumption(a));
  if (assumed.length > 0)
    blocks.push(
      list(
        `*${escapeMrkdwn(t.assumed)}*`,
        assumed.map((a) => escapeMrkdwn(t.assumption(a))),
      ),
    );
  if (noted.length > 0)
    blocks.push(
      list(
        `*${escapeMrkdwn(t.noted)}*`,
        noted.map((a) => escapeMrkdwn(t.assumption(a))),
      ),
    );
  // A half of the archive is named by the offers, with what this review can do with it.
  if (view.duplicate && !view.duplicate.half)
    blocks.push(
      kit.section(
        `:warning: ${t.duplicate(clip(view.duplicate.title[language], valueClip), view.duplicate.id)}`,
      ),
    );
  blocks.push(...offerBlocks(view, language));
  blocks.push(kit.context([kit.mrkdwn(t.pending(slackDateTime(review.expiresAt, language)))]));
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
      ...offerButtons(view, language),
      button(reviewActions.edit, t.edit),
      button(reviewActions.discard, t.discard, 'danger'),
    ],
  });
  // Sized to stay well within Slack's limits; this only guards against the unforeseen, keeping the buttons.
  return enforceLimits({
    text: truncate(
      `${escapeMrkdwn(t.reviewTitle)}: ${escapeMrkdwn(statement.title[language])}`,
      blockLimits.fallbackText,
    ),
    blocks,
  });
}
