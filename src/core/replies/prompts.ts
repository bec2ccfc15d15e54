import type { Language } from '../corpus.ts';
import type { Theme } from '../themes/taxonomy.ts';

/** A suggestion the side panel offers: its label, and the message it sends when tapped. */
export interface Prompt {
  title: string;
  message: string;
}

/** The longest label Slack shows whole in the panel; a longer theme name is left out of it. */
const titleMax = 60;

const words = {
  en: {
    themes: { title: 'Our themes', message: 'themes' },
    statements: { title: 'Newest statements', message: 'statements' },
    about: (label: string) => `What we said: ${label}`,
    overTime: (label: string) => `${label} over time`,
    history: (label: string) => `history ${label.toLowerCase()}`,
  },
  fr: {
    themes: { title: 'Nos thèmes', message: 'thèmes' },
    statements: { title: 'Déclarations récentes', message: 'déclarations' },
    about: (label: string) => `Ce que nous avons dit\u202f: ${label}`,
    overTime: (label: string) => `${label} au fil du temps`,
    history: (label: string) => `historique ${label.toLowerCase()}`,
  },
} satisfies Record<Language, unknown>;

/**
 * What the side panel suggests, in the user's language: the themes, the newest statements,
 * and, when the archive has themes, what was said on one and how that changed over time
 * (four at most, as Slack shows). Each message is a command the app answers.
 */
export function suggestedPrompts(themes: readonly Theme[], language: Language): Prompt[] {
  const t = words[language];
  const prompts: Prompt[] = [t.themes, t.statements];
  const theme = themes.find(
    (candidate) =>
      t.overTime(candidate.label[language]).length <= titleMax &&
      t.about(candidate.label[language]).length <= titleMax,
  );
  if (theme) {
    const label = theme.label[language];
    prompts.push(
      { title: t.about(label), message: label.toLowerCase() },
      { title: t.overTime(label), message: t.history(label) },
    );
  }
  return prompts.slice(0, 4);
}
