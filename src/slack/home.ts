import type { types } from '@slack/bolt';
import { formatDate } from '../core/citation';
import type { Language } from '../core/corpus';
import type { Knowledge } from '../core/knowledge-base';
import { messages } from '../core/messages';
import { blockLimits, truncate } from './blocks';
import { escapeMrkdwn } from './escape';
import { notices } from './notices';

/** The App Home button that opens the Add a statement modal. */
export const openAddAction = 'archive_open_add';

const examples: Record<Language, string[]> = {
  en: [
    '/quote veto',
    '/quote peacekeeper training',
    '/quote R2P reality',
    '/quote para 14',
    '/quote themes',
    '/quote theme veto',
  ],
  fr: [
    '/citation veto',
    '/citation opérations de paix',
    '/citation conseil de sécurité',
    '/citation ¶8',
    '/citation thèmes',
    '/citation thème engagements du Canada',
  ],
};

/** Whether the person looking may add statements from Slack. */
export type HomeArchive =
  | { kind: 'off' }
  | { kind: 'editor' }
  /** `editors`: who may, as Slack mentions. */
  | { kind: 'viewer'; editors: string };

/** The App Home's part on adding statements: the button for editors, who to ask for anyone else. */
function archiveBlocks(adding: HomeArchive, language: Language): types.KnownBlock[] {
  const t = notices[language].archive;
  switch (adding.kind) {
    case 'off':
      return [{ type: 'context', elements: [{ type: 'plain_text', text: t.homeOff, emoji: false }] }];
    case 'viewer':
      return [{ type: 'context', elements: [{ type: 'mrkdwn', text: t.homeViewer(adding.editors) }] }];
    case 'editor':
      return [
        {
          type: 'section',
          text: { type: 'mrkdwn', text: escapeMrkdwn(t.homeEditor) },
          accessory: {
            type: 'button',
            action_id: openAddAction,
            style: 'primary',
            text: { type: 'plain_text', text: t.addButton, emoji: false },
          },
        },
      ];
  }
}

/** The App Home: what the bot does, examples in both languages, the statements, the themes, and adding statements. */
export function toHomeView(
  knowledge: Knowledge,
  language: Language,
  adding: HomeArchive = { kind: 'off' },
): types.HomeView {
  const t = messages[language];
  const n = notices[language];
  const other: Language = language === 'fr' ? 'en' : 'fr';
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: n.homeTitle, emoji: false } },
    { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(t.helpIntro) } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(messages[other].helpIntro) }] },
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*${escapeMrkdwn(n.homeExamples)}*\n${[...examples[language], ...examples[other]].map((e) => `\`${e}\``).join('\n')}\n${escapeMrkdwn(messages[language].tryHelp)}`,
      },
    },
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        // Cut where a character and an escape end, within Slack's section limit.
        text: truncate(
          `*${escapeMrkdwn(n.homeStatements)}* (${knowledge.statements.length})\n${knowledge.statements
            .slice(0, 20)
            .map(
              (s) =>
                `• ${escapeMrkdwn(formatDate(s.date, language))} · ${escapeMrkdwn(s.title[language])} (${s.paragraphs.length} ¶)`,
            )
            .join('\n')}`,
          blockLimits.sectionText,
        ),
      },
    },
  ];
  if (knowledge.themes.length > 0) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `*${escapeMrkdwn(n.homeThemes)}*\n${knowledge.themes
            .map(
              (theme) =>
                `• ${t.labelled(`*${escapeMrkdwn(theme.label[language])}*`, escapeMrkdwn(theme.description[language]))}`,
            )
            .join('\n')}`,
          blockLimits.sectionText,
        ),
      },
    });
  }
  blocks.push({ type: 'divider' }, ...archiveBlocks(adding, language));
  return { type: 'home', blocks };
}
