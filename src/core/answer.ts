import { type Command, parseCommand } from './command.ts';
import type { Language } from './corpus.ts';
import { cleanInput } from './input.ts';
import type { Knowledge } from './knowledge-base.ts';
import { type LanguageSignals, replyLanguage } from './language.ts';
import { messages } from './messages.ts';
import { helpReply } from './replies/help.ts';
import { historyReply } from './replies/history.ts';
import { chooseStatement, paragraphReply } from './replies/paragraph.ts';
import { rangeReply, searchReply } from './replies/quotes.ts';
import { selectStatements, statementsReply } from './replies/statements.ts';
import {
  archiveThemeReply,
  archiveThemesReply,
  guessNameLanguage,
  themeReply,
  themesReply,
} from './replies/themes.ts';
import type { Reply } from './reply.ts';
import { defaultRankingOptions, type RankingOptions } from './search/index.ts';

export interface AnswerOptions {
  /** A language chosen with a button: as strong as `lang:` typed in the text. */
  chosen?: Language;
  /** The interface's language: `/citation` is French, `/quote` English. */
  interface?: Language;
  /** The user's own language: their Slack locale, the terminal's LANG. */
  locale?: Language;
  /** Results to skip, for "More results". */
  offset: number;
  /** Results per answer. */
  limit: number;
  /** How results are weighed (the evaluation tries others). */
  ranking: RankingOptions;
  /** The statement the conversation was about (the last answer in a thread or a direct message). */
  conversation?: string;
}

export const defaultAnswerOptions: AnswerOptions = { offset: 0, limit: 5, ranking: defaultRankingOptions };

/**
 * The fewest entries a page of a list shows, whatever the surface's limit on passages (a
 * slash command shows one passage; a timeline of one statement, or one statement of the
 * list, would say little).
 */
const pageFloors = { history: 3, statements: 10, theme: 3 };
const atLeast = (settings: AnswerOptions, floor: number) => ({
  ...settings,
  limit: Math.max(settings.limit, floor),
});

/**
 * Turns what a user typed into a reply: the one seam that the terminal, the slash
 * commands, the mentions and the shortcut all call.
 * @example answer('veto', knowledge).kind // => 'quotes'
 */
export function answer(text: string, knowledge: Knowledge, options: Partial<AnswerOptions> = {}): Reply {
  return dispatch(parseCommand(text), knowledge, { ...defaultAnswerOptions, ...options });
}

/**
 * Quotes related to a text (a Slack message), whatever it says: the text is searched
 * as is, never read as a command, and paragraphs sharing the most words come first.
 */
export function answerRelated(
  text: string,
  knowledge: Knowledge,
  options: Partial<AnswerOptions> = {},
): Reply {
  const settings = { ...defaultAnswerOptions, ...options };
  const query = cleanInput(text).replace(/["«»“”]/g, ' ');
  const reply = dispatch({ kind: 'search', query, filters: {} }, knowledge, settings);
  return reply.kind === 'quotes' && reply.results.length > 0 ? { ...reply, mode: 'related' } : reply;
}

/** What the command and the surface say about the answer's language (the query's own language aside). */
const signalsOf = (command: Command, settings: AnswerOptions): LanguageSignals => ({
  ...(settings.chosen || command.filters.language
    ? { typed: settings.chosen ?? command.filters.language }
    : {}),
  ...(command.said ? { said: command.said } : {}),
  ...(settings.interface ? { interface: settings.interface } : {}),
  ...(settings.locale ? { locale: settings.locale } : {}),
});

/** `{ [key]: value }` when the value is known, else nothing: signals hold only what something said. */
const optional = <K extends string>(key: K, value: Language | undefined) =>
  (value ? { [key]: value } : {}) as Partial<Record<K, Language>>;

/** Parse → one builder per kind of command: the switch is exhaustive, so a new kind fails to compile until it is answered. */
function dispatch(command: Command, knowledge: Knowledge, settings: AnswerOptions): Reply {
  const signals = signalsOf(command, settings);
  const language = replyLanguage(signals);
  switch (command.kind) {
    case 'help':
      return helpReply(language);
    case 'invalid':
      return { kind: 'error', language, message: messages[language].problem(command.problem) };
    case 'statements': {
      const statements = selectStatements(knowledge, command.filters);
      if ('error' in statements) return { kind: 'error', language, message: statements.error(language) };
      return statementsReply(
        statements,
        knowledge,
        language,
        atLeast(settings, pageFloors.statements),
        command.narrow,
      );
    }
    case 'paragraph':
    case 'range':
    case 'search':
    case 'history':
    case 'themes':
    case 'theme': {
      // An archive still empty (a new deployment) answers how to fill it, whatever was asked.
      if (knowledge.statements.length === 0)
        return { kind: 'error', language, message: messages[language].emptyArchive };
      const statements = selectStatements(knowledge, command.filters);
      if ('error' in statements) return { kind: 'error', language, message: statements.error(language) };
      // `in:` names one statement; without it, in an archive, the answer spans every statement.
      const named = Boolean(command.filters.statement);
      const across = !named && knowledge.statements.length > 1;
      switch (command.kind) {
        case 'paragraph':
          return paragraphReply(command.n, statements, knowledge, language, named, settings.conversation);
        case 'range': {
          const [from] = command.filters.range;
          const choice = chooseStatement(from, statements, named, settings.conversation);
          if (!choice && across)
            return { kind: 'error', language, message: messages[language].noParagraphAnywhere(from) };
          return rangeReply(
            command.filters.range,
            choice?.statement ?? statements[0]!,
            knowledge,
            settings,
            signals,
          );
        }
        case 'search':
          return searchReply(command.query, command.filters, statements, knowledge, settings, signals);
        case 'history':
          return historyReply(
            command.query,
            command.filters,
            statements,
            knowledge,
            atLeast(settings, pageFloors.history),
            signals,
          );
        case 'themes':
          return across
            ? archiveThemesReply(statements, knowledge, language)
            : themesReply(statements[0]!, knowledge, language);
        case 'theme': {
          const themeLanguage = replyLanguage({
            ...signals,
            ...optional('query', guessNameLanguage(command.name, knowledge)),
          });
          return across
            ? archiveThemeReply(
                command.name,
                statements,
                knowledge,
                themeLanguage,
                atLeast(settings, pageFloors.theme),
              )
            : themeReply(command.name, statements[0]!, knowledge, themeLanguage);
        }
      }
    }
  }
}
