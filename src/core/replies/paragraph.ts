import { buildCitation } from '../citation.ts';
import type { Language, Statement } from '../corpus.ts';
import type { Knowledge } from '../knowledge-base.ts';
import { messages } from '../messages.ts';
import type { Reply, StatementRef } from '../reply.ts';
import { statementRef } from './naming.ts';
import { shownText, sourcesOf } from './result.ts';

/** Which statement a paragraph number means, and why, when `in:` did not say. */
export interface ParagraphChoice {
  statement: Statement;
  chosen?: 'conversation' | 'newest';
  others?: StatementRef[];
}

/**
 * The statement a paragraph number (or the first of a run) is asked of: the one `in:`
 * names; else, of the statements that have that paragraph, the one the conversation was
 * about, else the newest, with the others to offer. Undefined when none has it.
 */
export function chooseStatement(
  n: number,
  statements: readonly Statement[],
  named: boolean,
  conversation: string | undefined,
): ParagraphChoice | undefined {
  const having = statements.filter((statement) => statement.paragraphs.some((p) => p.n === n));
  const [newest] = having;
  if (!newest) return undefined;
  if (named || having.length === 1) return { statement: newest };
  const current = having.find((statement) => statement.id === conversation);
  if (current) return { statement: current, chosen: 'conversation' };
  return { statement: newest, chosen: 'newest', others: having.slice(1, 6).map(statementRef) };
}

export function paragraphReply(
  n: number,
  statements: Statement[],
  knowledge: Knowledge,
  language: Language,
  named: boolean,
  conversation?: string,
): Reply {
  const archive = knowledge.statements.length > 1;
  const choice = chooseStatement(n, statements, named, conversation);
  if (!choice) {
    const only = statements.length === 1 ? statements[0] : undefined;
    const last = only ? Math.max(...only.paragraphs.map((p) => p.n)) : 0;
    return {
      kind: 'error',
      language,
      message: only
        ? messages[language].noParagraph(n, last, only.title[language])
        : messages[language].noParagraphAnywhere(n),
    };
  }
  const { statement } = choice;
  const record = knowledge.paragraphs.get(`${statement.id}#${n}`)!;
  return {
    kind: 'paragraph',
    language,
    statement: statement.id,
    title: statement.title,
    date: statement.date,
    paragraph: n,
    delivered: record.delivered,
    fr: shownText(record, 'fr', new Set()),
    en: shownText(record, 'en', new Set()),
    citation: buildCitation(statement, n, language),
    sources: sourcesOf(record),
    ...(record.statement.added
      ? { added: { by: record.statement.added.by, at: record.statement.added.at } }
      : {}),
    last: Math.max(...statement.paragraphs.map((p) => p.n)),
    ...(archive ? { archive } : {}),
    ...(choice.chosen ? { chosen: choice.chosen } : {}),
    ...(choice.others?.length ? { others: choice.others } : {}),
  };
}
