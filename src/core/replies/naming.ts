import { formatDate } from '../citation.ts';
import type { Bilingual, Language, Statement } from '../corpus.ts';
import { cutText } from '../input.ts';
import { messages } from '../messages.ts';
import type { FocusRef, StatementRef } from '../reply.ts';

/** A statement as replies name it: title, date, and the id to type after `in:`. */
export const statementRef = (statement: Statement): StatementRef => ({
  id: statement.id,
  title: statement.title,
  date: statement.date,
});

/**
 * A title short enough for a phone's line: cut at a word, with "…", past `max` characters.
 * @example shortTitle("Secretary-General's message on the International Day of United Nations Peacekeepers", 48) // => "Secretary-General's message on the International…"
 */
export function shortTitle(title: string, max = 72): string {
  if (title.length <= max) return title;
  const cut = cutText(title, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}

/** The line that names a statement in an answer: its short title, its date, and the id to type. */
export const namedLine = (id: string, title: Bilingual, date: string, language: Language) =>
  messages[language].statementLine(shortTitle(title[language]), formatDate(date, language), id);

export const namedRef = (statement: StatementRef, language: Language) =>
  namedLine(statement.id, statement.title, statement.date, language);

/** What a search preferred, as the answer says it: the period, then the names typed. */
export const focusParts = (focus: FocusRef) => [...(focus.period ? [focus.period] : []), ...focus.names];
