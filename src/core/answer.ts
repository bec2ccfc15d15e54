import MiniSearch from 'minisearch';
import { foldText, tokenize } from './analysis/normalize';
import { buildCitation } from './citation';
import { type Command, type Filters, parseCommand } from './command';
import { type Language, otherLanguage, type ParagraphRecord, paragraphId, type Statement } from './corpus';
import { cleanInput } from './input';
import type { Knowledge } from './knowledge-base';
import { type LanguageSignals, replyLanguage, resolveLanguage } from './language';
import { messages } from './messages';
import { buildQuote, markWhole } from './quote';
import type { QuoteResult, Reply, ShownText, SourceRef, StatementRef, ThemeRef } from './reply';
import { guessLanguage } from './search/language';
import { defaultRankingOptions, type Hit, type RankingOptions, searchQuotes } from './search/search';
import { resolveTheme } from './themes/resolve';
import { buildThemeSummary } from './themes/summary';
import { type CompiledTheme, themeScore } from './themes/tagging';
import type { Theme } from './themes/taxonomy';

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
}

export const defaultAnswerOptions: AnswerOptions = { offset: 0, limit: 5, ranking: defaultRankingOptions };

/**
 * Turns what a user typed into a reply: the one seam that the terminal, the slash
 * commands, the mentions and the shortcut all call.
 * @example answer('veto', knowledge).kind // => 'quotes'
 */
export function answer(text: string, knowledge: Knowledge, options: Partial<AnswerOptions> = {}): Reply {
  const settings = { ...defaultAnswerOptions, ...options };
  const command = parseCommand(text);
  const language = replyLanguage(signalsOf(command, settings));
  switch (command.kind) {
    case 'help':
      return helpReply(language);
    case 'invalid':
      return { kind: 'error', language, message: messages[language].problem(command.problem) };
    case 'statements':
      return statementsReply(knowledge, language);
    default:
      return answerWithStatements(command, knowledge, settings);
  }
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
  const reply = answerWithStatements({ kind: 'search', query, filters: {} }, knowledge, settings);
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

function answerWithStatements(
  command: Extract<Command, { kind: 'paragraph' | 'range' | 'search' | 'themes' | 'theme' }>,
  knowledge: Knowledge,
  settings: AnswerOptions,
): Reply {
  const signals = signalsOf(command, settings);
  const fallback = replyLanguage(signals);
  const statements = selectStatements(knowledge, command.filters);
  if ('error' in statements)
    return { kind: 'error', language: fallback, message: statements.error(fallback) };
  const range = command.filters.range;
  const everyStatement = statements.length === knowledge.statements.length;
  const allowed = everyStatement ? undefined : new Set(statements.map((statement) => statement.id));
  const accept = (paragraph: ParagraphRecord) =>
    (!allowed || allowed.has(paragraph.statement.id)) &&
    (!range || (paragraph.n >= range[0] && paragraph.n <= range[1]));

  if (command.kind === 'paragraph') return paragraphReply(command.n, statements, knowledge, fallback);
  if (command.kind === 'themes') return themesReply(statements[0]!, knowledge, fallback);
  if (command.kind === 'theme')
    return themeReply(
      command.name,
      statements[0]!,
      knowledge,
      replyLanguage({ ...signals, ...optional('query', guessNameLanguage(command.name, knowledge)) }),
    );
  if (command.kind === 'range') {
    const statement = statements[0]!;
    const hits = [...knowledge.paragraphs.values()]
      .filter((paragraph) => paragraph.statement.id === statement.id && accept(paragraph))
      .map((paragraph): Hit => ({ paragraph, score: 0, matched: { fr: new Set(), en: new Set() } }));
    if (hits.length === 0) {
      const last = Math.max(...statement.paragraphs.map((p) => p.n));
      return {
        kind: 'error',
        language: fallback,
        message: messages[fallback].noParagraph(range![0], last, statement.title[fallback]),
      };
    }
    const page = hits.slice(settings.offset, settings.offset + settings.limit);
    const query = `¶${range![0]}-${range![1]}`;
    return {
      kind: 'quotes',
      language: fallback,
      query,
      mode: 'range',
      results: page.map((hit) =>
        toResult(hit, resolveLanguage(signals) ?? hit.paragraph.delivered, fallback, true),
      ),
      total: hits.length,
      offset: settings.offset,
    };
  }

  const everything = !range && everyStatement;
  const search = (query: string) =>
    searchQuotes(
      query,
      knowledge,
      everything ? undefined : accept,
      settings.ranking,
      settings.offset + settings.limit,
    );
  let outcome = search(command.query);
  // A quoted phrase that does not occur: the passages that hold all its words, saying so.
  let phraseNotFound = false;
  if (outcome.hits.length === 0 && outcome.plan.concepts.some((concept) => concept.phrase)) {
    const words = search(command.query.replace(/["«»“”]/g, ' '));
    if (words.hits.length > 0) {
      outcome = words;
      phraseNotFound = true;
    }
  }
  const withQuery = { ...signals, ...optional('query', outcome.language) };
  const language = replyLanguage(withQuery);
  if (outcome.hits.length === 0) {
    return {
      kind: 'quotes',
      language,
      query: command.query,
      mode: 'all',
      results: [],
      total: 0,
      offset: settings.offset,
      suggestions: suggest(
        command.query,
        knowledge,
        outcome.plan.concepts.map((concept) => concept.text),
      ),
      themes: relatedThemes(command.query, knowledge),
    };
  }
  const shown = resolveLanguage(withQuery);
  const page = outcome.hits.slice(settings.offset, settings.offset + settings.limit);
  return {
    kind: 'quotes',
    language,
    query: command.query,
    mode: outcome.mode === 'some' ? 'some' : 'all',
    results: page.map((hit) => {
      let first = shown ?? hit.paragraph.delivered;
      if (hit.phraseLanguages && !hit.phraseLanguages.includes(first)) first = hit.phraseLanguages[0]!;
      return toResult(hit, first, language, false);
    }),
    total: outcome.total,
    ...(outcome.estimated ? { estimated: true } : {}),
    ...(phraseNotFound ? { phraseNotFound: true } : {}),
    offset: settings.offset,
  };
}

/** `{ [key]: value }` when the value is known, else nothing: signals hold only what something said. */
const optional = <K extends string>(key: K, value: Language | undefined) =>
  (value ? { [key]: value } : {}) as Partial<Record<K, Language>>;

/** Statements allowed by `in:`, `from:` and `to:`, newest first; or why none is. */
function selectStatements(
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

function paragraphReply(n: number, statements: Statement[], knowledge: Knowledge, language: Language): Reply {
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
    last,
  };
}

/**
 * The sources behind a paragraph's texts: the delivered text's, and the official
 * version's for a counterpart taken from it. A translation has none: it is ours.
 */
function sourcesOf(record: ParagraphRecord): SourceRef[] {
  const sources = record.statement.sources;
  if (!sources) return [];
  const refs: SourceRef[] = [];
  for (const language of [record.delivered, otherLanguage(record.delivered)]) {
    const origin = record.text[language]?.origin;
    const source =
      origin === 'delivered'
        ? (sources.delivered ?? sources[language])
        : origin === 'official'
          ? sources[language]
          : undefined;
    if (!source) continue;
    const kind = origin === 'delivered' && sources.delivered ? 'delivered' : 'official';
    refs.push({
      kind,
      language,
      ...(source.url ? { url: source.url } : {}),
      ...(source.file && !source.url ? { file: source.file } : {}),
      taken: source.taken,
    });
  }
  return refs;
}

function shownText(record: ParagraphRecord, language: Language, matched: ReadonlySet<string>): ShownText {
  const version = record.text[language];
  if (!version) return { language, text: null, origin: 'missing', marks: [] };
  return { ...markWhole({ ...version, language }, matched) };
}

function toResult(hit: Hit, first: Language, replyLanguage: Language, whole: boolean): QuoteResult {
  const { paragraph } = hit;
  const primary = paragraph.text[first] ? first : paragraph.delivered;
  const secondary = otherLanguage(primary);
  const version = { ...paragraph.text[primary]!, language: primary };
  const otherVersion = paragraph.text[secondary];
  const counterpartVersion = otherVersion ? { ...otherVersion, language: secondary } : undefined;
  const built = whole
    ? {
        quote: markWhole(version, hit.matched[primary]),
        counterpart: counterpartVersion && markWhole(counterpartVersion, hit.matched[secondary]),
        partial: false,
      }
    : buildQuote(version, counterpartVersion, hit.matched);
  return {
    statement: paragraph.statement.id,
    title: paragraph.statement.title,
    date: paragraph.statement.date,
    paragraph: paragraph.n,
    delivered: paragraph.delivered,
    quote: built.quote,
    counterpart: built.counterpart ?? { language: secondary, text: null, origin: 'missing', marks: [] },
    partial: built.partial,
    citation: buildCitation(paragraph.statement, paragraph.n, replyLanguage),
    score: Math.round(hit.score * 1000) / 1000,
  };
}

/** Corpus words close to what was typed, as the corpus writes them ("kigalo" → "Kigali"). */
/**
 * The corpus vocabulary as its own small MiniSearch index (one document per word), built
 * on the first query that needs a suggestion: looking a typo up there costs as much as the
 * words it resembles, not as much as the paragraphs they appear in.
 */
const vocabularies = new WeakMap<Knowledge['index'], MiniSearch<{ id: string; written: string }>>();

function vocabularyOf(index: Knowledge['index']) {
  let vocabulary = vocabularies.get(index);
  if (!vocabulary) {
    vocabulary = new MiniSearch<{ id: string; written: string }>({
      fields: ['id'],
      storeFields: ['written'],
      tokenize: (text) => [text],
      processTerm: (term) => term,
    });
    const words = new Map([...index.words.en, ...index.words.fr]);
    vocabulary.addAll([...words].map(([id, written]) => ({ id, written })));
    vocabularies.set(index, vocabulary);
  }
  return vocabulary;
}

/** Corpus words close to what was typed, as the corpus writes them ("kigalo" → "Kigali"). */
function suggest(query: string, knowledge: Knowledge, typed: string[]): string[] {
  const out = new Map<string, number>();
  // Only words the corpus does not know need a suggestion; a few are enough.
  const words = tokenize(typed.join(' ') || query)
    .filter((token) => !token.joined && token.term.length >= 3)
    .filter((token) => !knowledge.index.words.fr.has(token.term) && !knowledge.index.words.en.has(token.term))
    .slice(0, 3);
  if (words.length === 0) return [];
  const vocabulary = vocabularyOf(knowledge.index);
  for (const { term } of words) {
    const suggestions = vocabulary.autoSuggest(term, {
      fuzzy: Math.min(3, Math.max(1, Math.round(term.length * 0.34))),
      prefix: term.length >= 4,
    });
    for (const suggestion of suggestions.slice(0, 5)) {
      const written =
        knowledge.index.words.en.get(suggestion.suggestion) ??
        knowledge.index.words.fr.get(suggestion.suggestion);
      if (written && suggestion.suggestion !== term)
        out.set(written, Math.max(out.get(written) ?? 0, suggestion.score));
    }
  }
  return [...out.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([word]) => word);
}

function helpReply(language: Language): Reply {
  const text = messages[language];
  return {
    kind: 'help',
    language,
    title: text.helpTitle,
    intro: text.helpIntro,
    sections: text.helpSections.map((section) => ({
      title: section.title,
      items: section.items.map(([usage, description]) => ({ usage, description })),
    })),
  };
}

function statementsReply(knowledge: Knowledge, language: Language): Reply {
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

const themeRef = (theme: Theme): ThemeRef => ({ id: theme.id, label: theme.label });
const statementRef = (statement: Statement): StatementRef => ({
  id: statement.id,
  title: statement.title,
  date: statement.date,
});

/** The paragraphs of a statement tagged with a theme, in order. */
function themeParagraphs(statement: Statement, themeId: string, knowledge: Knowledge): ParagraphRecord[] {
  return [...statement.paragraphs]
    .sort((a, b) => a.n - b.n)
    .map((paragraph) => knowledge.paragraphs.get(paragraphId(statement.id, paragraph.n))!)
    .filter((record) => knowledge.tags.get(record.id)?.includes(themeId));
}

function themesReply(statement: Statement, knowledge: Knowledge, language: Language): Reply {
  if (knowledge.themes.length === 0) return { kind: 'error', language, message: messages[language].noThemes };
  return {
    kind: 'themes',
    language,
    statement: statementRef(statement),
    paragraphNumbers: statement.paragraphs.map((paragraph) => paragraph.n).sort((a, b) => a - b),
    themes: knowledge.themes.map((theme) => ({
      ...themeRef(theme),
      description: theme.description,
      paragraphs: themeParagraphs(statement, theme.id, knowledge).map((record) => record.n),
    })),
  };
}

function themeReply(name: string, statement: Statement, knowledge: Knowledge, language: Language): Reply {
  const resolved = resolveTheme(knowledge.themeResolver, name);
  const byId = new Map(knowledge.themes.map((theme) => [theme.id, theme]));
  const theme = resolved.theme ? byId.get(resolved.theme) : undefined;
  if (!theme) {
    // The closest themes when some look like the name; else the list, so that the user can pick.
    const closest = resolved.suggestions.map((id) => byId.get(id)).filter((t): t is Theme => t !== undefined);
    return {
      kind: 'error',
      language,
      message: messages[language].unknownTheme(name),
      ...(closest.length > 0 ? { suggestions: closest.map((t) => t.label[language]) } : {}),
      themes: (closest.length > 0 ? closest : knowledge.themes).map(themeRef),
    };
  }
  const compiled = knowledge.compiledThemes.find((candidate) => candidate.theme.id === theme.id)!;
  const records = themeParagraphs(statement, theme.id, knowledge);
  const matched = { fr: keywordForms(compiled, 'fr'), en: keywordForms(compiled, 'en') };
  const key = [...records]
    .sort((a, b) => themeScore(b, compiled) - themeScore(a, compiled) || a.n - b.n)
    .slice(0, 3)
    .sort((a, b) => a.n - b.n);
  const summary = buildThemeSummary(compiled, statement, records);
  const reply: Reply = {
    kind: 'theme',
    language,
    statement: statementRef(statement),
    theme: { ...themeRef(theme), description: theme.description },
    paragraphs: records.map((record) => record.n),
    quotes: key.map((record) =>
      toResult({ paragraph: record, score: 0, matched }, language, language, false),
    ),
  };
  if (summary) reply.summary = summary;
  return reply;
}

const keywordForms = (compiled: CompiledTheme, language: Language) =>
  new Set(compiled.keywords[language].flat(2));

/** French when the theme name is clearly French ("thème maintien de la paix"). */
function guessNameLanguage(name: string, knowledge: Knowledge): Language | undefined {
  return guessLanguage(tokenize(name), knowledge.index, knowledge.glossary);
}

/** Themes whose names or keywords are close to a query that found nothing. */
function relatedThemes(query: string, knowledge: Knowledge): ThemeRef[] {
  const resolved = resolveTheme(knowledge.themeResolver, query);
  const ids = [...(resolved.theme ? [resolved.theme] : []), ...resolved.suggestions].slice(0, 2);
  return ids
    .map((id) => knowledge.themes.find((theme) => theme.id === id))
    .filter((theme): theme is Theme => theme !== undefined)
    .map(themeRef);
}
