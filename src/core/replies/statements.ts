import { isQueryStopWord } from '../analysis/analyzer.ts';
import { foldText } from '../analysis/normalize.ts';
import type { Filters } from '../command.ts';
import type { Bilingual, Language, Statement } from '../corpus.ts';
import type { Knowledge } from '../knowledge-base.ts';
import { messages } from '../messages.ts';
import type { Reply } from '../reply.ts';
import { statementMetadata, takePeriod } from '../search/index.ts';

/**
 * The statements loaded, newest first, a page at a time; narrowed, when words follow the
 * command, to a year or a month ("statements 2024", « déclarations septembre 2016 ») and to
 * the statements whose title, occasion, speaker or place hold every other word ("statements
 * peace day", "statements guterres").
 */
export function statementsReply(
  statements: readonly Statement[],
  knowledge: Knowledge,
  language: Language,
  page: { offset: number; limit: number },
  narrow?: string,
): Reply {
  const chosen = narrow ? narrowStatements(statements, narrow) : statements;
  return {
    kind: 'statements',
    language,
    loadedAt: knowledge.loadedAt,
    ...(knowledge.reloadProblem ? { reloadProblem: knowledge.reloadProblem } : {}),
    ...(knowledge.skipped.length > 0
      ? { skipped: knowledge.skipped.map(({ file }) => file.replace(/^.*[\\/]/, '')) }
      : {}),
    ...(narrow ? { filter: narrow } : {}),
    total: chosen.length,
    offset: page.offset,
    statements: chosen.slice(page.offset, page.offset + page.limit).map((statement) => ({
      id: statement.id,
      date: statement.date,
      title: statement.title,
      forum: statement.forum,
      paragraphs: statement.paragraphs.length,
    })),
  };
}

/**
 * The forum to show beside a statement in a list, in one language: none when it only
 * repeats the title (a forum no title block gave defaults to the title), so that a long
 * title is not shown twice.
 * @example listedForum({ title: { en: 'Statement on Syria', fr: '…' }, forum: { en: 'Statement on Syria', fr: '…' } }, 'en') // => undefined
 */
export function listedForum(
  statement: { title: Bilingual; forum: Bilingual },
  language: Language,
): string | undefined {
  const forum = statement.forum[language];
  const same = (a: string, b: string) =>
    foldText(a).replace(/\s+/g, ' ').trim() === foldText(b).replace(/\s+/g, ' ').trim();
  return same(forum, statement.title[language]) ? undefined : forum;
}

/** The statements of a period and whose metadata holds every other word (folded, as a prefix). */
function narrowStatements(statements: readonly Statement[], narrow: string): Statement[] {
  const { period, rest } = takePeriod(narrow, statementMetadata(statements));
  const words = foldText(rest)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 1 && !isQueryStopWord(word));
  return statements.filter((statement) => {
    if (period && !statement.date.startsWith(period.prefix)) return false;
    const said = foldText(
      [
        statement.id,
        statement.title,
        statement.forum,
        statement.speaker?.name,
        statement.speaker?.role,
        statement.place,
      ]
        .flatMap((value) => (typeof value === 'string' ? [value] : value ? [value.en, value.fr] : []))
        .join(' '),
    ).split(/[^\p{L}\p{N}]+/u);
    return words.every((word) => said.some((term) => term.startsWith(word)));
  });
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
