import { foldText } from '../analysis/normalize.ts';
import type { Filters } from '../command.ts';
import type { Language, Statement } from '../corpus.ts';
import type { Knowledge } from '../knowledge-base.ts';
import { messages } from '../messages.ts';
import type { Reply } from '../reply.ts';

export function statementsReply(knowledge: Knowledge, language: Language): Reply {
  return {
    kind: 'statements',
    language,
    loadedAt: knowledge.loadedAt,
    ...(knowledge.reloadProblem ? { reloadProblem: knowledge.reloadProblem } : {}),
    statements: knowledge.statements.map((statement) => ({
      id: statement.id,
      date: statement.date,
      title: statement.title,
      forum: statement.forum,
      paragraphs: statement.paragraphs.length,
    })),
  };
}

/** Statements allowed by `in:`, `from:` and `to:`, newest first; or why none is. */
export function selectStatements(
  knowledge: Knowledge,
  filters: Filters,
): Statement[] | { error: (language: Language) => string } {
  if (!filters.statement && !filters.from && !filters.to) return knowledge.statements as Statement[];
  let statements = [...knowledge.statements];
  if (filters.statement) {
    const wanted = foldText(filters.statement);
    const byId = statements.filter((statement) => statement.id === wanted);
    statements =
      byId.length > 0
        ? byId
        : statements.filter(
            (statement) =>
              statement.id.includes(wanted) ||
              foldText(
                `${statement.title.en} ${statement.title.fr} ${statement.forum.en} ${statement.forum.fr}`,
              ).includes(wanted),
          );
    if (statements.length === 0) {
      const known = knowledge.statements.map((statement) => statement.id).join(', ');
      return { error: (language) => messages[language].noStatement(filters.statement!, known) };
    }
  }
  const { from, to } = filters;
  if (from) statements = statements.filter((statement) => statement.date.slice(0, from.length) >= from);
  if (to) statements = statements.filter((statement) => statement.date.slice(0, to.length) <= to);
  if (statements.length === 0) return { error: (language) => messages[language].noStatementInDates };
  return statements;
}
