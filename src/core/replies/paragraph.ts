import { buildCitation } from '../citation.ts';
import type { Language, Statement } from '../corpus.ts';
import type { Knowledge } from '../knowledge-base.ts';
import { messages } from '../messages.ts';
import type { Reply } from '../reply.ts';
import { shownText, sourcesOf } from './result.ts';

export function paragraphReply(
  n: number,
  statements: Statement[],
  knowledge: Knowledge,
  language: Language,
): Reply {
  const statement =
    statements.find((candidate) => candidate.paragraphs.some((p) => p.n === n)) ?? statements[0]!;
  const record = knowledge.paragraphs.get(`${statement.id}#${n}`);
  const last = Math.max(...statement.paragraphs.map((p) => p.n));
  if (!record) {
    return {
      kind: 'error',
      language,
      message: messages[language].noParagraph(n, last, statement.title[language]),
    };
  }
  return {
    kind: 'paragraph',
    language,
    statement: statement.id,
    title: statement.title,
    paragraph: n,
    delivered: record.delivered,
    fr: shownText(record, 'fr', new Set()),
    en: shownText(record, 'en', new Set()),
    citation: buildCitation(statement, n, language),
    sources: sourcesOf(record),
    ...(record.statement.added
      ? { added: { by: record.statement.added.by, at: record.statement.added.at } }
      : {}),
    last,
  };
}
