import { formatDate, formatDateTime } from '../core/citation.ts';
import type { Language } from '../core/corpus.ts';
import { messages, originLabel } from '../core/messages.ts';
import type { Mark } from '../core/quote.ts';
import { focusParts, namedLine, namedRef, shortTitle } from '../core/replies/naming.ts';
import { listedForum } from '../core/replies/statements.ts';
import { type QuoteResult, type Reply, type ShownText, type SourceRef, summaryTexts } from '../core/reply.ts';
import { toThemeMapLines } from '../core/themes/map.ts';

export interface TextOptions {
  /** ANSI colours and bold matches (only on a terminal, and never with NO_COLOR). */
  color: boolean;
  /** Columns to wrap at. */
  width: number;
}

export const defaultTextOptions: TextOptions = { color: false, width: 80 };

const ansi = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
const plain = (text: string) => text;

/**
 * Renders a reply for an 80-column terminal: the quote, its counterpart, the citation.
 * @example toText(answer('veto', knowledge)) // => 'veto · 1 passage\n\n¶14 · delivered in English …'
 */
export function toText(reply: Reply, options: Partial<TextOptions> = {}): string {
  const { color, width } = { ...defaultTextOptions, ...options };
  const style = {
    bold: color ? ansi('1') : plain,
    dim: color ? ansi('2') : plain,
    heading: color ? ansi('1;36') : plain,
    match: color ? ansi('1;33') : plain,
  };
  const t = messages[reply.language];
  const lines: string[] = [];
  const wrap = (text: string, indent = '') => lines.push(...wrapText(text, width, indent));

  switch (reply.kind) {
    case 'quotes': {
      if (reply.results.length === 0) {
        wrap(t.noResults(reply.query));
        if (reply.suggestions?.length) wrap(t.didYouMean(reply.suggestions.join(', ')));
        if (reply.themes?.length)
          wrap(
            t.labelled(t.relatedThemes, reply.themes.map((theme) => theme.label[reply.language]).join(', ')),
          );
        wrap(t.tryHelp.replace(/`/g, ''));
        break;
      }
      lines.push(
        ...wrapText(`${reply.query} · ${t.passages(reply.total, reply.estimated)}`, width).map(style.heading),
      );
      if (reply.searched) wrap(style.dim(t.searchedFor(reply.searched)));
      if (reply.focus) wrap(style.dim(t.preferred(focusParts(reply.focus))));
      if (reply.phraseNotFound) wrap(style.dim(t.phraseNotFound));
      if (reply.mode === 'some') wrap(style.dim(t.someWords));
      for (const result of reply.results) {
        lines.push('');
        renderResult(result, reply.language, lines, width, style, reply.archive === true);
      }
      const more = reply.total - reply.offset - reply.results.length;
      if (more > 0) {
        lines.push('');
        lines.push(style.dim(`${t.moreResults(more)}`));
      }
      break;
    }
    case 'paragraph': {
      const first = reply.language;
      lines.push(style.heading(`¶${reply.paragraph} · ${t.deliveredIn[reply.delivered]}`));
      if (reply.archive) wrap(style.dim(namedLine(reply.statement, reply.title, reply.date, reply.language)));
      if (reply.chosen === 'conversation') wrap(style.dim(t.chosenConversation));
      if (reply.chosen === 'newest') wrap(style.dim(t.chosenNewest(reply.paragraph)));
      if (reply.others?.length)
        wrap(style.dim(t.labelled(t.alsoIn, reply.others.map((other) => `in:${other.id}`).join(', '))));
      for (const version of [reply[first], reply[first === 'fr' ? 'en' : 'fr']]) {
        lines.push('');
        lines.push(
          style.bold(`${version.language.toUpperCase()} (${originLabel(version.origin, reply.language)})`),
        );
        if (version.text === null) wrap(t.counterpartMissing, '  ');
        else lines.push(...wrapMarked(version.text, version.marks, width, '  ', style.match));
      }
      lines.push('');
      wrap(style.dim(`— ${reply.citation}`));
      for (const source of reply.sources) {
        wrap(style.dim(describeSource(source, reply.language)));
        // A web address is never wrapped, so that it stays whole to copy or click.
        if (source.url) lines.push(`  ${style.dim(source.url)}`);
      }
      if (reply.added)
        wrap(style.dim(t.source.added(reply.added.by, formatDateTime(reply.added.at, reply.language))));
      break;
    }
    case 'help': {
      lines.push(style.heading(reply.title));
      wrap(reply.intro);
      for (const section of reply.sections) {
        lines.push('');
        lines.push(style.bold(section.title));
        for (const item of section.items) wrap(`${item.usage} — ${item.description}`, '  ');
      }
      break;
    }
    case 'themes': {
      wrap(style.heading(t.themesTitle(reply.statement.title[reply.language])));
      if (reply.archive) wrap(style.dim(namedRef(reply.statement, reply.language)));
      lines.push('');
      for (const theme of reply.themes) {
        const where = theme.paragraphs.length > 0 ? theme.paragraphs.map((n) => `¶${n}`).join(' ') : '—';
        wrap(t.labelled(`${style.bold(theme.label[reply.language])} (${theme.paragraphs.length})`, where));
      }
      lines.push('');
      lines.push(
        ...toThemeMapLines(
          reply.paragraphNumbers,
          reply.themes,
          reply.language,
          width < 70 ? { compact: true } : {},
        ),
      );
      break;
    }
    case 'theme': {
      const other = reply.language === 'fr' ? 'en' : 'fr';
      const span = reply.paragraphs.length > 0 ? ` (${reply.paragraphs.map((n) => `¶${n}`).join(' ')})` : '';
      wrap(style.heading(`${reply.theme.label[reply.language]} · ${reply.theme.label[other]}${span}`));
      if (reply.archive) wrap(style.dim(namedRef(reply.statement, reply.language)));
      if (!reply.summary) {
        wrap(t.themeNotInStatement);
        break;
      }
      const [first, second] = summaryTexts(reply.summary, reply.language);
      lines.push('');
      wrap(first!);
      if (second) {
        lines.push('');
        wrap(style.dim(second));
      }
      if (reply.summary.origin === 'extract') wrap(style.dim(`(${t.summaryExtract})`));
      if (reply.quotes.length > 0) {
        lines.push('');
        lines.push(style.bold(t.keyQuotes));
        for (const result of reply.quotes) {
          lines.push('');
          renderResult(result, reply.language, lines, width, style, reply.archive === true);
        }
      }
      break;
    }
    case 'error': {
      wrap(reply.message);
      if (reply.themes?.length && !reply.suggestions?.length) {
        wrap(
          t.labelled(t.availableThemes, reply.themes.map((theme) => theme.label[reply.language]).join(', ')),
        );
      }
      if (reply.suggestions?.length)
        wrap(
          reply.themes?.length
            ? t.labelled(t.closestThemes, reply.suggestions.join(', '))
            : t.didYouMean(reply.suggestions.join(', ')),
        );
      break;
    }
    case 'overview': {
      lines.push(style.heading(t.overviewTitle));
      wrap(t.helpIntro);
      lines.push('', style.bold(t.overviewExamples));
      for (const example of reply.examples) lines.push(`  ${example.query}`);
      lines.push('', style.bold(`${t.overviewStatements} (${reply.statements.total})`));
      for (const statement of reply.statements.recent)
        wrap(
          `${formatDate(statement.date, reply.language)} · ${statement.title[reply.language]} (${statement.paragraphs} ¶)`,
          '  ',
        );
      if (reply.themes.length > 0) {
        lines.push('', style.bold(t.overviewThemes));
        for (const theme of reply.themes)
          wrap(t.labelled(theme.label[reply.language], theme.description[reply.language]), '  ');
      }
      break;
    }
    case 'statements': {
      lines.push(
        style.heading(
          reply.filter !== undefined
            ? t.statementsFor(reply.filter, reply.total)
            : t.statementsTitle(reply.total),
        ),
      );
      if (reply.total === 0) {
        lines.push('');
        wrap(reply.filter !== undefined ? t.noStatementsFor(reply.filter) : t.emptyArchive);
      }
      let year = '';
      for (const statement of reply.statements) {
        // Grouped by year, newest first: the year once, above its statements.
        if (statement.date.slice(0, 4) !== year) {
          year = statement.date.slice(0, 4);
          lines.push('', style.bold(year));
        }
        // The forum only when it says more than the title it often defaults to.
        const forum = listedForum(statement, reply.language);
        wrap(`${formatDate(statement.date, reply.language)}${forum ? ` · ${forum}` : ''}`);
        wrap(`${statement.title[reply.language]} (${t.paragraphsCount(statement.paragraphs)})`, '  ');
        wrap(style.dim(`in:${statement.id}`), '  ');
      }
      const more = reply.total - reply.offset - reply.statements.length;
      if (more > 0) lines.push('', style.dim(t.moreResults(more)));
      lines.push('');
      wrap(style.dim(t.loadedAt(formatDateTime(reply.loadedAt, reply.language))));
      if (reply.skipped) wrap(t.skippedFiles(reply.skipped));
      if (reply.reloadProblem)
        wrap(
          t.reloadFailed(formatDateTime(reply.reloadProblem.at, reply.language), reply.reloadProblem.message),
        );
      break;
    }
    case 'history': {
      if (reply.results.length === 0) {
        wrap(t.historyNone(reply.searched ?? reply.query));
        break;
      }
      lines.push(
        ...wrapText(`${t.historyTitle(reply.query)} · ${t.historyCount(reply.total)}`, width).map(
          style.heading,
        ),
      );
      if (reply.searched) wrap(style.dim(t.searchedFor(reply.searched)));
      for (const result of reply.results) {
        lines.push('', style.bold(formatDate(result.date, reply.language)));
        renderResult(result, reply.language, lines, width, style, true);
      }
      const more = reply.total - reply.offset - reply.results.length;
      if (more > 0) lines.push('', style.dim(t.moreResults(more)));
      break;
    }
    case 'archive-themes': {
      wrap(style.heading(t.archiveThemesTitle(reply.statements)));
      for (const theme of reply.themes) {
        lines.push('');
        wrap(style.bold(`${theme.label[reply.language]} (${t.statementsCount(theme.statements.length)})`));
        for (const statement of theme.statements.slice(0, 3))
          wrap(
            `${formatDate(statement.date, reply.language)} · ${shortTitle(statement.title[reply.language], 40)} (${statement.paragraphs.map((n) => `¶${n}`).join(' ')}) in:${statement.id}`,
            '  ',
          );
        if (theme.statements.length > 3) wrap(style.dim(t.moreResults(theme.statements.length - 3)), '  ');
      }
      break;
    }
    case 'archive-theme': {
      const other = reply.language === 'fr' ? 'en' : 'fr';
      wrap(
        style.heading(
          `${reply.theme.label[reply.language]} · ${reply.theme.label[other]} · ${t.statementsCount(reply.total)}`,
        ),
      );
      if (reply.total === 0) wrap(t.themeInNoStatement);
      for (const entry of reply.statements) {
        lines.push('');
        wrap(
          style.bold(
            `${formatDate(entry.statement.date, reply.language)} · ${shortTitle(entry.statement.title[reply.language])}`,
          ),
        );
        wrap(summaryTexts(entry.summary, reply.language)[0]!);
        wrap(style.dim(`— ${entry.quote.citation}`));
        wrap(style.dim(`in:${entry.statement.id}`));
      }
      const more = reply.total - reply.offset - reply.statements.length;
      if (more > 0) lines.push('', style.dim(t.moreResults(more)));
      break;
    }
    default:
      return unhandled(reply);
  }
  return lines.join('\n');
}

/** Makes the switch above exhaustive: a new kind of reply fails to compile until it is drawn. */
function unhandled(reply: never): never {
  throw new Error(`no text rendering for ${JSON.stringify(reply)}`);
}

function renderResult(
  result: QuoteResult,
  language: Language,
  lines: string[],
  width: number,
  style: Record<'bold' | 'dim' | 'heading' | 'match', (text: string) => string>,
  archive = false,
) {
  const t = messages[language];
  lines.push(style.bold(`¶${result.paragraph} · ${t.deliveredIn[result.delivered]}`));
  if (archive)
    lines.push(
      ...wrapText(style.dim(namedLine(result.statement, result.title, result.date, language)), width, '  '),
    );
  lines.push(...quoteLines(result.quote, width, '  ', style.match, language));
  lines.push(...quoteLines(result.counterpart, width, '  ', style.match, language, style.dim));
  if (result.partial)
    lines.push(
      ...wrapText(
        style.dim(t.fullParagraph(result.paragraph, archive ? result.statement : undefined)),
        width,
        '  ',
      ),
    );
  lines.push(...wrapText(style.dim(`— ${result.citation}`), width, '  '));
}

function quoteLines(
  shown: ShownText,
  width: number,
  indent: string,
  match: (text: string) => string,
  language: Language,
  label: (text: string) => string = (text) => text,
): string[] {
  const head = label(`${shown.language.toUpperCase()} (${originLabel(shown.origin, language)})`);
  if (shown.text === null)
    return [`${indent}${head}`, ...wrapText(messages[language].counterpartMissing, width, indent)];
  return [`${indent}${head}`, ...wrapMarked(shown.text, shown.marks, width, indent, match)];
}

/** Wraps text with marked ranges, styling the marks after wrapping so widths stay true. */
function wrapMarked(
  text: string,
  marks: readonly Mark[],
  width: number,
  indent: string,
  match: (text: string) => string,
) {
  const out: string[] = [];
  let offset = 0;
  for (const line of wrapText(text, width, indent)) {
    const body = line.slice(indent.length);
    const start = text.indexOf(body, offset);
    offset = start + body.length;
    let rendered = '';
    let cursor = 0;
    for (const [s, e] of marks) {
      const from = Math.max(s - start, 0);
      const to = Math.min(e - start, body.length);
      if (to <= 0 || from >= body.length || from < cursor) continue;
      rendered += body.slice(cursor, from) + match(body.slice(from, to));
      cursor = to;
    }
    out.push(indent + rendered + body.slice(cursor));
  }
  return out;
}

/** Greedy word wrap; a word longer than the line is cut. */
export function wrapText(text: string, width: number, indent = ''): string[] {
  const room = Math.max(20, width - indent.length);
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (let word of paragraph.split(/ +/)) {
      while (visibleLength(word) > room) {
        if (line) lines.push(indent + line);
        line = '';
        lines.push(indent + word.slice(0, room));
        word = word.slice(room);
      }
      if (!line) line = word;
      else if (visibleLength(line) + 1 + visibleLength(word) <= room) line += ` ${word}`;
      else {
        lines.push(indent + line);
        line = word;
      }
    }
    lines.push(indent + line);
  }
  return lines;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: strips ANSI colour codes to measure width.
const visibleLength = (text: string) => text.replace(/\u001b\[[0-9;]*m/g, '').length;

/** "Official English version (taken 30 November 2026):", or "Text as delivered: statement.txt (taken …)". */
function describeSource(source: SourceRef, language: Language): string {
  const t = messages[language].source;
  const label = source.kind === 'official' ? t.official(source.language) : t.delivered;
  const taken = t.taken(formatDate(source.taken, language), source.kind);
  return source.url
    ? messages[language].labelled(`${label} (${taken})`, '').trimEnd()
    : messages[language].labelled(label, `${source.file} (${taken})`);
}
