import type { types } from '@slack/bolt';
import { formatDate } from '../core/citation';
import type { Language } from '../core/corpus';
import type { Knowledge } from '../core/knowledge-base';
import { messages } from '../core/messages';
import { blockLimits, truncate } from './blocks';
import { escapeMrkdwn } from './escape';
import { notices } from './notices';

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

/** The App Home: what the bot does, examples in both languages, the statements and the themes. */
export function toHomeView(knowledge: Knowledge, language: Language): types.HomeView {
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
  return { type: 'home', blocks };
}
