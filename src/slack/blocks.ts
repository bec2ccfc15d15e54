import type { types } from '@slack/bolt';
import { formatDate, formatDateTime } from '../core/citation.ts';
import type { Language } from '../core/corpus.ts';
import { cutText } from '../core/input.ts';
import { messages, originLabel } from '../core/messages.ts';
import type { Mark } from '../core/quote.ts';
import { focusParts, namedLine, namedRef, shortTitle } from '../core/replies/naming.ts';
import { type NotedQuote, notedQuote, notedQuotes } from '../core/replies/speaking-notes.ts';
import { listedForum } from '../core/replies/statements.ts';
import { type QuoteResult, type Reply, type ShownText, type SourceRef, summaryTexts } from '../core/reply.ts';
import { toThemeMapLines } from '../core/themes/map.ts';
import { escapeMrkdwn, escapeSlack, neutralizePlain } from './escape.ts';
import { type ButtonState, encodeState, type NotesState } from './state.ts';

type Block = types.KnownBlock;
type Button = types.Button;

/** A message as Slack takes it: a text fallback and blocks. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

/** Slack's Block Kit limits, and ours (well under the ~12k characters Slack refuses). */
export const blockLimits = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  buttonValue: 2000,
  buttonText: 75,
  totalText: 11_000,
  fallbackText: 3000,
};

/** Passages a compact answer shows (a mention, a direct message); the rest are one slash command away. */
export const compactPassages = 1;

export interface MessageOptions {
  /** The state buttons carry; no buttons when absent (a shared answer, the App Home). */
  state?: ButtonState;
  /** Who shared the answer in the channel. */
  sharedBy?: string;
  /** Mentions show `compactPassages` and point to the slash command for more. */
  compact?: { command: string };
  /**
   * In the side panel: no Share (the panel's thread is the user's own); Post to the channel
   * they are viewing instead, when its context names one (carried in the state as `c`).
   */
  panel?: true;
}

const ui = {
  en: {
    swap: 'Show in French',
    share: 'Share in channel',
    more: (n: number) => `More results (${n})`,
    sharedBy: (user: string) => `Shared by <@${user}>`,
    postToChannel: 'Post to the channel I’m viewing',
    confirmPost: {
      title: 'Post to the channel?',
      text: 'Everyone in the channel you are viewing will see this passage, with its counterpart and citation.',
      confirm: 'Post',
      deny: 'Cancel',
    },
    moreHint: (n: number, command: string) => `${n} more: ${command}`,
    flag: { fr: 'FR', en: 'EN' },
    paragraphIn: (n: number, title: string) => `¶${n} · ${title}`,
    notes: 'Speaking notes',
    notesWith: (language: string) => `Speaking notes + ${language}`,
  },
  fr: {
    swap: 'Afficher en anglais',
    share: 'Partager dans le canal',
    more: (n: number) => `Plus de résultats (${n})`,
    sharedBy: (user: string) => `Partagé par <@${user}>`,
    postToChannel: 'Publier dans le canal affiché',
    confirmPost: {
      title: 'Publier dans le canal\u202f?',
      text: 'Tous les membres du canal que vous regardez verront ce passage, avec son équivalent et sa citation.',
      confirm: 'Publier',
      deny: 'Annuler',
    },
    moreHint: (n: number, command: string) => `${n} de plus\u202f: ${command}`,
    flag: { fr: 'FR', en: 'EN' },
    paragraphIn: (n: number, title: string) => `¶${n} · ${title}`,
    notes: 'Notes d’allocution',
    notesWith: (language: string) => `Notes d’allocution + ${language}`,
  },
};

/**
 * Renders a reply as a Slack message built for a phone: the quote first with matched
 * words in bold, its counterpart beneath, the citation in a context block, a few buttons.
 * Every text that did not come from our data is escaped; Block Kit's limits are enforced.
 */
export function toMessage(reply: Reply, options: MessageOptions = {}): SlackMessage {
  const built = buildBlocks(reply, options);
  return enforceLimits({ text: truncate(fallbackText(reply), blockLimits.fallbackText), blocks: built });
}

function buildBlocks(reply: Reply, options: MessageOptions): Block[] {
  const t = messages[reply.language];
  const u = ui[reply.language];
  const blocks: Block[] = [];
  if (options.sharedBy) blocks.push(context([mrkdwn(u.sharedBy(escapeSlack(options.sharedBy)))]));

  switch (reply.kind) {
    case 'quotes': {
      if (reply.results.length === 0) {
        blocks.push(section(escapeMrkdwn(t.noResults(reply.query))));
        const hints: string[] = [];
        if (reply.suggestions?.length)
          hints.push(t.didYouMean(reply.suggestions.map((w) => `*${escapeMrkdwn(w)}*`).join(', ')));
        if (reply.themes?.length)
          hints.push(
            t.labelled(
              t.relatedThemes,
              reply.themes.map((th) => escapeMrkdwn(th.label[reply.language])).join(', '),
            ),
          );
        hints.push(t.tryHelp);
        blocks.push(context([mrkdwn(hints.join('\n'))]));
        break;
      }
      const shown = options.compact ? reply.results.slice(0, compactPassages) : reply.results;
      const asked =
        reply.mode === 'related' ? t.relatedTitle : reply.mode === 'range' ? reply.query : `“${reply.query}”`;
      const said = [`${asked} · ${t.passages(reply.total, reply.estimated)}`];
      if (reply.searched) said.push(t.searchedFor(reply.searched));
      if (reply.focus) said.push(t.preferred(focusParts(reply.focus)));
      blocks.push(context([plain(said.join(' · '))]));
      if (reply.phraseNotFound) blocks.push(context([plain(t.phraseNotFound)]));
      if (reply.mode === 'some') blocks.push(context([plain(t.someWords)]));
      shown.forEach((result, k) => {
        blocks.push(...resultBlocks(result, reply.language, reply.archive === true, options, k));
      });
      const remaining = reply.total - reply.offset - shown.length;
      if (options.compact && remaining > 0) {
        blocks.push(context([plain(u.moreHint(remaining, `${options.compact.command} ${reply.query}`))]));
      }
      const history =
        reply.archive && (reply.mode === 'all' || reply.mode === 'some') && options.state?.m === 'command'
          ? [
              button('show_history', t.historyButton, {
                ...options.state,
                t: `history ${options.state.t}`,
                o: 0,
              }),
            ]
          : [];
      blocks.push(...actions(reply.language, options, remaining, reply.offset + shown.length, history));
      break;
    }
    case 'history': {
      if (reply.results.length === 0) {
        blocks.push(section(escapeMrkdwn(t.historyNone(reply.searched ?? reply.query))));
        break;
      }
      blocks.push(header(t.historyTitle(reply.query)));
      const said = [t.historyCount(reply.total)];
      if (reply.searched) said.push(t.searchedFor(reply.searched));
      blocks.push(context([plain(said.join(' · '))]));
      for (const [k, result] of reply.results.entries()) {
        blocks.push(context([mrkdwn(`*${escapeMrkdwn(formatDate(result.date, reply.language))}*`)]));
        blocks.push(...resultBlocks(result, reply.language, true, options, k));
      }
      const remaining = reply.total - reply.offset - reply.results.length;
      blocks.push(...actions(reply.language, options, remaining, reply.offset + reply.results.length));
      break;
    }
    case 'paragraph': {
      const other: Language = reply.language === 'fr' ? 'en' : 'fr';
      blocks.push(section(`*¶${reply.paragraph}* · ${escapeMrkdwn(t.deliveredIn[reply.delivered])}`));
      if (reply.archive) {
        const why =
          reply.chosen === 'conversation'
            ? [t.chosenConversation]
            : reply.chosen === 'newest'
              ? [t.chosenNewest(reply.paragraph)]
              : [];
        blocks.push(
          context([
            plain([namedLine(reply.statement, reply.title, reply.date, reply.language), ...why].join(' · ')),
          ]),
        );
      }
      blocks.push(firstTextBlock(reply[reply.language], reply.language));
      blocks.push(counterpartSection(reply[other], reply.language, reply.citation));
      const provenance = [
        ...reply.sources.map((source) => mrkdwn(sourceMrkdwn(source, reply.language))),
        ...(reply.added
          ? [
              // The user id is checked by the schema (U or W, then capitals and digits): a mention, not text.
              mrkdwn(
                t.source.added(
                  `<@${reply.added.by}>`,
                  escapeMrkdwn(formatDateTime(reply.added.at, reply.language)),
                ),
              ),
            ]
          : []),
      ];
      if (provenance.length > 0) blocks.push(context(provenance));
      for (const [k, noted] of notedQuotes(reply).entries())
        blocks.push(...notesActions(noted, reply.language, options, k));
      // The same paragraph number in the other statements that have it, one tap away.
      const others = options.state
        ? (reply.others ?? [])
            .slice(0, 3)
            .map((statement) =>
              button(
                'show_paragraph',
                u.paragraphIn(reply.paragraph, shortTitle(statement.title[reply.language], 40)),
                { ...options.state!, t: `para ${reply.paragraph} in:${statement.id}`, o: 0 },
              ),
            )
        : [];
      blocks.push(...actions(reply.language, options, 0, 0, others));
      break;
    }
    case 'themes': {
      const lang = reply.language;
      blocks.push(header(t.themesTitle(reply.statement.title[lang])));
      if (reply.archive) blocks.push(context([plain(namedRef(reply.statement, lang))]));
      const list = reply.themes
        .map(
          (theme) =>
            `• *${escapeMrkdwn(theme.label[lang])}* (${theme.paragraphs.length}) ${theme.paragraphs.map((n) => `¶${n}`).join(' ')}`,
        )
        .join('\n');
      blocks.push(section(list));
      // As many paragraphs as the section can show for every theme: the rest would be cut anyway.
      const labelWidth = 14;
      const maxColumns = Math.max(
        10,
        Math.floor((blockLimits.sectionText - 8) / (reply.themes.length + 1)) - labelWidth - 3,
      );
      const map = toThemeMapLines(reply.paragraphNumbers, reply.themes, lang, {
        compact: true,
        labelWidth,
        maxColumns,
      });
      blocks.push(section(`\`\`\`${escapeSlack(map.join('\n'))}\`\`\``));
      blocks.push(...actions(lang, options, 0, 0));
      break;
    }
    case 'archive-themes': {
      const lang = reply.language;
      blocks.push(header(t.archiveThemesTitle(reply.statements)));
      for (const theme of reply.themes) {
        const named = theme.statements
          .slice(0, 3)
          .map(
            (statement) =>
              `${escapeMrkdwn(formatDate(statement.date, lang))} · ${escapeMrkdwn(shortTitle(statement.title[lang], 40))} (${statement.paragraphs.map((n) => `¶${n}`).join(' ')}) \`in:${escapeSlack(statement.id)}\``,
          );
        if (theme.statements.length > 3) named.push(escapeMrkdwn(t.moreResults(theme.statements.length - 3)));
        blocks.push(
          section(
            `*${escapeMrkdwn(theme.label[lang])}* (${escapeMrkdwn(t.statementsCount(theme.statements.length))})${named.length > 0 ? `\n${named.join('\n')}` : ''}`,
          ),
        );
      }
      blocks.push(...actions(lang, options, 0, 0));
      break;
    }
    case 'archive-theme': {
      const lang = reply.language;
      const other: Language = lang === 'fr' ? 'en' : 'fr';
      blocks.push(header(`${reply.theme.label[lang]} · ${reply.theme.label[other]}`));
      blocks.push(context([plain(t.statementsCount(reply.total))]));
      if (reply.total === 0) blocks.push(section(escapeMrkdwn(t.themeInNoStatement)));
      for (const entry of reply.statements) {
        blocks.push(
          section(
            `*${escapeMrkdwn(formatDate(entry.statement.date, lang))}* · ${escapeMrkdwn(shortTitle(entry.statement.title[lang]))}\n${escapeMrkdwn(summaryTexts(entry.summary, lang)[0]!)}`,
          ),
        );
        blocks.push(
          context([
            mrkdwn(`${escapeMrkdwn(entry.quote.citation)} · \`in:${escapeSlack(entry.statement.id)}\``),
          ]),
        );
      }
      const remaining = reply.total - reply.offset - reply.statements.length;
      blocks.push(...actions(lang, options, remaining, reply.offset + reply.statements.length));
      break;
    }
    case 'theme': {
      const lang = reply.language;
      const other: Language = lang === 'fr' ? 'en' : 'fr';
      const span = reply.paragraphs.length > 0 ? ` (${reply.paragraphs.map((n) => `¶${n}`).join(' ')})` : '';
      blocks.push(header(`${reply.theme.label[lang]} · ${reply.theme.label[other]}${span}`));
      if (reply.archive) blocks.push(context([plain(namedRef(reply.statement, lang))]));
      if (!reply.summary) {
        blocks.push(section(escapeMrkdwn(t.themeNotInStatement)));
        break;
      }
      const [first, second] = summaryTexts(reply.summary, lang);
      blocks.push(section(escapeMrkdwn(first!)));
      if (second) blocks.push(context([mrkdwn(escapeMrkdwn(second))]));
      if (reply.summary.origin === 'extract') blocks.push(context([plain(`(${t.summaryExtract})`)]));
      reply.quotes.forEach((quote, k) => {
        blocks.push(...resultBlocks(quote, lang, reply.archive === true, options, k));
      });
      blocks.push(...actions(lang, options, 0, 0));
      break;
    }
    case 'help': {
      blocks.push(header(reply.title));
      blocks.push(section(escapeMrkdwn(reply.intro)));
      // In a thread, a short help: the search examples and where the rest is.
      const parts = options.compact ? reply.sections.slice(0, 1) : reply.sections;
      for (const part of parts) {
        const lines = part.items.map(
          (item) => `\`${escapeSlack(item.usage)}\` ${escapeMrkdwn(item.description)}`,
        );
        blocks.push(section(`*${escapeMrkdwn(part.title)}*\n${lines.join('\n')}`));
      }
      if (options.compact) {
        const more = `${options.compact.command} ${reply.language === 'fr' ? 'aide' : 'help'}`;
        blocks.push(
          context([plain(reply.language === 'fr' ? `Toute l’aide\u202f: ${more}` : `Full help: ${more}`)]),
        );
      }
      break;
    }
    case 'error': {
      blocks.push(section(escapeMrkdwn(reply.message)));
      if (reply.suggestions?.length) {
        const list = reply.suggestions.map((s) => escapeMrkdwn(s)).join(', ');
        blocks.push(
          context([mrkdwn(reply.themes?.length ? t.labelled(t.closestThemes, list) : t.didYouMean(list))]),
        );
      } else if (reply.themes?.length) {
        const list = reply.themes.map((theme) => escapeMrkdwn(theme.label[reply.language])).join(', ');
        blocks.push(context([mrkdwn(t.labelled(t.availableThemes, list))]));
      }
      break;
    }
    case 'overview':
      blocks.push(...overviewBlocks(reply));
      break;
    case 'statements': {
      blocks.push(
        header(
          reply.filter !== undefined
            ? t.statementsFor(reply.filter, reply.total)
            : t.statementsTitle(reply.total),
        ),
      );
      if (reply.total === 0)
        blocks.push(
          section(
            escapeMrkdwn(reply.filter !== undefined ? t.noStatementsFor(reply.filter) : t.emptyArchive),
          ),
        );
      // Grouped by year, newest first: one section per year.
      const years = new Map<string, string[]>();
      for (const statement of reply.statements.slice(0, 40)) {
        const year = statement.date.slice(0, 4);
        // The forum only when it says more than the title it often defaults to.
        const forum = listedForum(statement, reply.language);
        years.set(year, [
          ...(years.get(year) ?? []),
          `*${escapeMrkdwn(formatDate(statement.date, reply.language))}*${forum ? ` · ${escapeMrkdwn(forum)}` : ''}\n${escapeMrkdwn(statement.title[reply.language])} (${escapeMrkdwn(t.paragraphsCount(statement.paragraphs))}) · \`in:${escapeSlack(statement.id)}\``,
        ]);
      }
      for (const [year, entries] of years) {
        blocks.push(context([mrkdwn(`*${year}*`)]));
        for (const entry of entries) blocks.push(section(entry));
      }
      const remaining = reply.total - reply.offset - reply.statements.length;
      blocks.push(context([plain(t.loadedAt(formatDateTime(reply.loadedAt, reply.language)))]));
      if (reply.skipped) blocks.push(context([plain(t.skippedFiles(reply.skipped))]));
      if (reply.reloadProblem)
        blocks.push(
          context([
            plain(
              t.reloadFailed(
                formatDateTime(reply.reloadProblem.at, reply.language),
                reply.reloadProblem.message,
              ),
            ),
          ]),
        );
      blocks.push(...actions(reply.language, options, remaining, reply.offset + reply.statements.length));
      break;
    }
    default:
      return unhandled(reply);
  }
  return blocks;
}

/** Makes the switches over reply kinds exhaustive: a new kind fails to compile until it is drawn. */
function unhandled(reply: never): never {
  throw new Error(`no Block Kit rendering for ${JSON.stringify(reply)}`);
}

/**
 * A passage as a phone shows it: the quote (matched words in bold) and where it was said,
 * then its counterpart and the citation at the same size as the quote (not a context
 * block's small grey print), a hint line when there is one, and its Speaking notes buttons.
 */
function resultBlocks(
  result: QuoteResult,
  language: Language,
  archive: boolean,
  options: MessageOptions,
  k: number,
): Block[] {
  const t = messages[language];
  const blocks: Block[] = [
    section(
      `${quoteMrkdwn(result.quote)}\n*¶${result.paragraph}* · ${escapeMrkdwn(t.deliveredIn[result.delivered])}${originNote(result.quote, language)}`,
    ),
    counterpartSection(result.counterpart, language, result.citation),
  ];
  const hints: string[] = [];
  if (archive) hints.push(`\`in:${escapeSlack(result.statement)}\``);
  if (result.partial)
    hints.push(escapeMrkdwn(t.fullParagraph(result.paragraph, archive ? result.statement : undefined)));
  if (hints.length > 0) blocks.push(context(hints.map((hint) => mrkdwn(hint))));
  blocks.push(...notesActions(notedQuote(result), language, options, k));
  return blocks;
}

/** A link as mrkdwn: the address made safe for Slack's <url|label> form, the label escaped. */
export const linkMrkdwn = (url: string, label: string) =>
  `<${url.replace(/[<>|\s]/g, encodeURIComponent)}|${escapeSlack(label)}>`;

/** A source as Slack shows it: the official version as a link, a file by its name. */
function sourceMrkdwn(source: SourceRef, language: Language): string {
  const t = messages[language].source;
  const label = source.kind === 'official' ? t.official(source.language) : t.delivered;
  const taken = escapeMrkdwn(t.taken(formatDate(source.taken, language), source.kind));
  if (source.url) return `${linkMrkdwn(source.url, label)} (${taken})`;
  return `${escapeMrkdwn(messages[language].labelled(label, source.file ?? ''))} (${taken})`;
}

/** The text of a paragraph shown first, quoted, labelled with its language and origin. */
function firstTextBlock(shown: ShownText, language: Language): Block {
  const t = messages[language];
  const label = `${shown.language.toUpperCase()} · ${originLabel(shown.origin, language)}`;
  if (shown.text === null) return context([plain(t.labelled(label, t.counterpartMissing))]);
  return section(`${quoteMrkdwn(shown)}\n_${escapeMrkdwn(label)}_`);
}

/**
 * The counterpart under its label, then the citation in italics, in one section at the
 * quote's size: read on a phone without squinting. The counterpart is shortened when it
 * must be, never the citation.
 */
function counterpartSection(shown: ShownText, language: Language, citation: string): Block {
  const t = messages[language];
  const label = `_${escapeMrkdwn(`${shown.language.toUpperCase()} · ${originLabel(shown.origin, language)}`)}_`;
  const cited = `\n\n_${escapeMrkdwn(citation)}_`;
  const text =
    shown.text === null ? escapeMrkdwn(t.counterpartMissing) : markedMrkdwn(shown.text, shown.marks);
  const room = Math.max(
    blockLimits.sectionText / 2,
    blockLimits.sectionText - label.length - cited.length - 1,
  );
  return section(`${label}\n${truncate(text, room)}${cited}`);
}

/**
 * The Speaking notes buttons under a quote: the quote and its citation, or with its
 * counterpart too, as plain text to copy (see `toNotesMessage`). Each carries the answer's
 * state and the quote's paragraph, so that any instance answers it again. None without
 * state (a shared answer) or in a compact answer, as for the answer's other buttons.
 */
function notesActions(noted: NotedQuote, language: Language, options: MessageOptions, k: number): Block[] {
  const state = options.state;
  if (!state || options.compact) return [];
  const u = ui[language];
  const notesState: NotesState = { ...state, p: noted.paragraph };
  const buttons = [button('speaking_notes', u.notes, notesState)];
  if (noted.quote.text !== null && noted.counterpart.text !== null)
    buttons.push(
      button(
        'speaking_notes_counterpart',
        u.notesWith(messages[language].languageNames[noted.counterpart.language]),
        notesState,
      ),
    );
  const fitting = buttons.filter((b) => b.value && b.value.length <= blockLimits.buttonValue);
  return fitting.length === 0
    ? []
    : [{ type: 'actions', block_id: `speaking_notes_${k}`, elements: fitting }];
}

/**
 * Speaking notes as Slack shows them: one rich_text block holding nothing but the plain
 * text (its one text element unstyled), and that text again as the fallback. rich_text is
 * what the Slack composer makes of a person's own message, so a long press on a phone copies
 * it as it copies a colleague's message: the whole text, no mrkdwn read into it (a `*` or `_`
 * of a quote stays as it is), no label or button text beside it, set at normal size and
 * wrapped to the screen (a rich_text_preformatted block would be set as code, in monospace).
 */
export function toNotesMessage(notes: string): SlackMessage {
  const text = truncate(neutralizePlain(notes), blockLimits.totalText - 1000);
  return {
    text: truncate(escapeSlack(notes), blockLimits.fallbackText),
    blocks: [
      {
        type: 'rich_text',
        elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
      },
    ],
  };
}

/** Marks a quote shown in a language it was not delivered in: never pass a translation off as delivered text. */
const originNote = (shown: ShownText, language: Language) =>
  shown.origin === 'delivered'
    ? ''
    : ` · _${escapeMrkdwn(`${shown.language.toUpperCase()} · ${originLabel(shown.origin, language)}`)}_`;

const quoteMrkdwn = (shown: ShownText) =>
  shown.text === null ? '' : `>${markedMrkdwn(shown.text, shown.marks).replace(/\n/g, '\n>')}`;

/** The text escaped, with matched words in bold. */
function markedMrkdwn(text: string, marks: readonly Mark[]): string {
  let out = '';
  let cursor = 0;
  for (const [start, end] of marks) {
    if (start < cursor) continue;
    out += escapeMrkdwn(text.slice(cursor, start));
    out += `*${escapeMrkdwn(text.slice(start, end))}*`;
    cursor = end;
  }
  return out + escapeMrkdwn(text.slice(cursor));
}

/**
 * The buttons under an answer: swap the language, share it, the next page (from `next`,
 * the offset after what is shown), and any the answer adds (another statement's paragraph,
 * the subject over time).
 */
function actions(
  language: Language,
  options: MessageOptions,
  remaining: number,
  next: number,
  extra: readonly Button[] = [],
): Block[] {
  const state = options.state;
  if (!state || options.compact) return [];
  const u = ui[language];
  const other: Language = state.l === 'fr' ? 'en' : 'fr';
  const buttons: Button[] = [
    button('swap_language', ui[state.l === 'fr' ? 'fr' : 'en'].swap, { ...state, l: other }),
    ...(options.panel
      ? state.c
        ? [{ ...button('post_to_channel', u.postToChannel, state), confirm: postConfirm(language) }]
        : []
      : [button('share_in_channel', u.share, state)]),
  ];
  if (remaining > 0) buttons.push(button('more_results', u.more(remaining), { ...state, o: next }));
  buttons.push(...extra);
  const fitting = buttons.filter((b) => b.value && b.value.length <= blockLimits.buttonValue);
  // Slack refuses an actions block without elements: no buttons, no block.
  return fitting.length === 0 ? [] : [{ type: 'actions', block_id: 'answer_actions', elements: fitting }];
}

/** The confirmation before an answer is posted where others see it. */
const postConfirm = (language: Language) => {
  const t = ui[language].confirmPost;
  return {
    title: { type: 'plain_text' as const, text: t.title },
    text: { type: 'plain_text' as const, text: t.text },
    confirm: { type: 'plain_text' as const, text: t.confirm },
    deny: { type: 'plain_text' as const, text: t.deny },
  };
};

const button = (action_id: string, text: string, state: ButtonState): Button => ({
  type: 'button',
  action_id,
  text: { type: 'plain_text', text: truncate(neutralizePlain(text), blockLimits.buttonText), emoji: false },
  value: encodeState(state),
});

const plain = (text: string) => ({
  type: 'plain_text' as const,
  text: truncate(neutralizePlain(text), blockLimits.sectionText),
  emoji: false,
});
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text: truncate(text, blockLimits.sectionText) });
const section = (text: string): Block => ({ type: 'section', text: mrkdwn(text) });
const context = (elements: Array<ReturnType<typeof plain> | ReturnType<typeof mrkdwn>>): Block => ({
  type: 'context',
  elements: elements.slice(0, blockLimits.contextElements),
});
const header = (text: string): Block => ({
  type: 'header',
  text: { type: 'plain_text', text: truncate(neutralizePlain(text), blockLimits.headerText), emoji: false },
});

/**
 * What the app does and holds, as blocks (the App Home's top): the intro in both
 * languages, examples as slash commands (/quote for English, /citation for French), the
 * newest statements and the themes, each section cut within Slack's limit where a
 * character and an escape end.
 */
export function overviewBlocks(reply: Extract<Reply, { kind: 'overview' }>): Block[] {
  const { language } = reply;
  const t = messages[language];
  const other: Language = language === 'fr' ? 'en' : 'fr';
  const command: Record<Language, string> = { en: '/quote', fr: '/citation' };
  const blocks: Block[] = [
    header(t.overviewTitle),
    section(escapeMrkdwn(t.helpIntro)),
    context([mrkdwn(escapeMrkdwn(messages[other].helpIntro))]),
    { type: 'divider' },
    section(
      `*${escapeMrkdwn(t.overviewExamples)}*\n${reply.examples.map((e) => `\`${command[e.language]} ${escapeSlack(e.query)}\``).join('\n')}\n${t.tryHelp}`,
    ),
    { type: 'divider' },
    section(
      `*${escapeMrkdwn(t.overviewStatements)}* (${reply.statements.total})\n${reply.statements.recent
        .map(
          (s) =>
            `• ${escapeMrkdwn(formatDate(s.date, language))} · ${escapeMrkdwn(s.title[language])} (${s.paragraphs} ¶)`,
        )
        .join('\n')}`,
    ),
  ];
  if (reply.themes.length > 0)
    blocks.push(
      section(
        `*${escapeMrkdwn(t.overviewThemes)}*\n${reply.themes
          .map(
            (theme) =>
              `• ${t.labelled(`*${escapeMrkdwn(theme.label[language])}*`, escapeMrkdwn(theme.description[language]))}`,
          )
          .join('\n')}`,
      ),
    );
  return blocks;
}

/** The block builders, within Slack's limits, for the app's other messages (reviews, modals). */
export const kit = { plain, mrkdwn, section, context, header };

/** Cuts a text to a length with "…", never inside an escape sequence. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = (room: number) => cutText(text, room).replace(/&[a-z]{0,4}$/, '');
  let shortened = cut(max - 1);
  // Keep bold and code markers balanced, within the limit.
  if ((shortened.match(/```/g)?.length ?? 0) % 2 === 1) shortened = `${cut(max - 4)}\`\`\``;
  if ((shortened.match(/\*/g)?.length ?? 0) % 2 === 1) shortened = shortened.replace(/\*([^*]*)$/, '$1');
  return `${shortened}…`;
}

/** The plain-text fallback: notifications and screen readers. */
function fallbackText(reply: Reply): string {
  const t = messages[reply.language];
  switch (reply.kind) {
    case 'quotes': {
      const first = reply.results[0];
      if (!first) return escapeMrkdwn(t.noResults(reply.query));
      return escapeSlack(`¶${first.paragraph}: ${first.quote.text ?? ''} — ${first.citation}`);
    }
    case 'paragraph':
      return escapeSlack(
        `¶${reply.paragraph}: ${reply[reply.language].text ?? reply[reply.delivered].text ?? ''} — ${reply.citation}`,
      );
    case 'themes':
      return escapeSlack(
        `${t.themesTitle(reply.statement.title[reply.language])}: ${reply.themes.map((th) => th.label[reply.language]).join(', ')}`,
      );
    case 'theme':
      return escapeSlack(
        `${reply.theme.label[reply.language]}: ${reply.summary?.[reply.language] ?? t.themeNotInStatement}`,
      );
    case 'help':
      return escapeSlack(`${reply.title}. ${reply.intro}`);
    case 'error':
      return escapeSlack(reply.message);
    case 'statements':
      return escapeSlack(
        reply.filter !== undefined
          ? t.statementsFor(reply.filter, reply.total)
          : t.statementsTitle(reply.total),
      );
    case 'history': {
      const first = reply.results[0];
      if (!first) return escapeSlack(t.historyNone(reply.query));
      return escapeSlack(`${t.historyTitle(reply.query)}: ${first.quote.text ?? ''} — ${first.citation}`);
    }
    case 'archive-themes':
      return escapeSlack(
        `${t.archiveThemesTitle(reply.statements)}: ${reply.themes.map((th) => th.label[reply.language]).join(', ')}`,
      );
    case 'archive-theme':
      return escapeSlack(
        `${reply.theme.label[reply.language]}: ${reply.statements[0]?.summary[reply.language] ?? t.themeInNoStatement}`,
      );
    case 'overview':
      return escapeSlack(t.overviewTitle);
    default:
      return unhandled(reply);
  }
}

/** Keeps a message within Block Kit's limits: block count and total size, dropping from the end but keeping the buttons. */
export function enforceLimits(message: SlackMessage): SlackMessage {
  const blocks = [...message.blocks];
  const last = blocks.at(-1);
  const actionsBlock = last?.type === 'actions' ? blocks.pop() : undefined;
  const room = blockLimits.blocks - (actionsBlock ? 1 : 0);
  if (blocks.length > room) blocks.splice(room);
  while (
    blocks.length > 1 &&
    size(blocks) + (actionsBlock ? size([actionsBlock]) : 0) > blockLimits.totalText
  )
    blocks.pop();
  if (actionsBlock) blocks.push(actionsBlock);
  return { text: message.text, blocks };
}

const size = (blocks: readonly Block[]) => JSON.stringify(blocks).length;
