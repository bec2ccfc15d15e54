import { type Language, otherLanguage, type Statement } from '../corpus.ts';
import type { Reply } from '../reply.ts';
import type { Theme } from '../themes/taxonomy.ts';

/** Queries worth trying, in each language. */
const examples: Record<Language, string[]> = {
  en: ['veto', 'peacekeeper training', 'R2P reality', 'para 14', 'themes', 'theme veto'],
  fr: ['veto', 'opérations de paix', 'conseil de sécurité', '¶8', 'thèmes', 'thème engagements du Canada'],
};

/** How many statements the overview lists. */
const recentShown = 20;

/**
 * What the app does and holds, for the App Home: examples in both languages (this one
 * first), the newest statements and the themes. It gets only what it shows.
 */
export function overviewReply(
  statements: readonly Statement[],
  themes: readonly Theme[],
  language: Language,
): Extract<Reply, { kind: 'overview' }> {
  return {
    kind: 'overview',
    language,
    examples: [language, otherLanguage(language)].flatMap((l) =>
      examples[l].map((query) => ({ language: l, query })),
    ),
    statements: {
      total: statements.length,
      recent: statements.slice(0, recentShown).map((s) => ({
        id: s.id,
        date: s.date,
        title: s.title,
        paragraphs: s.paragraphs.length,
      })),
    },
    themes: themes.map((theme) => ({ id: theme.id, label: theme.label, description: theme.description })),
  };
}
