import type { types } from '@slack/bolt';
import { formatDate } from '../core/citation.ts';
import { type Language, otherLanguage, type Statement } from '../core/corpus.ts';
import { blockLimits, kit, truncate } from './blocks.ts';
import { escapeMrkdwn } from './escape.ts';
import { notices } from './notices.ts';

/** The buttons of an unfurl, one per language; each carries the statement's id and answers in its language. */
export const unfurlActions = { en: 'quote_from_it', fr: 'en_citer' } as const satisfies Record<
  Language,
  string
>;

/** The longest title shown: a phone shows a few lines of it, the rest is one tap away. */
const titleLength = 300;

/** What `chat.unfurl` takes for one link: blocks under the message that holds it. */
export interface Unfurl {
  blocks: types.KnownBlock[];
}

/**
 * A statement of the archive as Slack shows it under a message that links to it: its
 * title, then its date, speaker and paragraph count, in each language (the link's own
 * first, else English), and a button in each that quotes from it.
 * @example toUnfurl(statement, 'fr').blocks.length // => 5
 */
export function toUnfurl(statement: Statement, first: Language = 'en'): Unfurl {
  const order: Language[] = [first, otherLanguage(first)];
  const blocks: types.KnownBlock[] = order.flatMap((language) => [
    kit.section(`*${truncate(escapeMrkdwn(statement.title[language]), titleLength)}*`),
    kit.context([kit.mrkdwn(escapeMrkdwn(detailsOf(statement, language)))]),
  ]);
  blocks.push({
    type: 'actions',
    block_id: 'unfurl_actions',
    elements: order.map((language) => ({
      type: 'button',
      action_id: unfurlActions[language],
      text: {
        type: 'plain_text',
        text: truncate(notices[language].unfurl.quoteFromIt, blockLimits.buttonText),
        emoji: false,
      },
      value: statement.id,
    })),
  });
  return { blocks };
}

/** "6 September 2016 · Ambassador Michael Grant · 22 paragraphs", in one language. */
const detailsOf = (statement: Statement, language: Language) =>
  [
    formatDate(statement.date, language),
    statement.speaker?.name[language],
    notices[language].unfurl.paragraphs(statement.paragraphs.length),
  ]
    .filter(Boolean)
    .join(' · ');
