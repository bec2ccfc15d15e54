import { isStopWord, termsOf } from '../analysis/analyzer.ts';
import { foldText, tokenize } from '../analysis/normalize.ts';
import { numberTerm } from '../analysis/numbers.ts';
import { stemWord } from '../analysis/stem.ts';
import type { Language, Statement } from '../corpus.ts';
import { MONTHS } from '../ingest/dates.ts';
import type { Concept, PlanWord } from './query-plan.ts';

/**
 * Words that name a kind of document, not an occasion or a speaker: they never pick
 * statements ("statement by the Prime Minister" picks the Prime Minister, not every statement).
 */
const documentWords = new Set([
  'statement',
  'statements',
  'message',
  'messages',
  'remarks',
  'speech',
  'address',
  'declaration',
  'declarations',
  'allocution',
  'discours',
  'observations',
  'text',
  'texte',
  'video',
  'videomessage',
]);

/**
 * What the statements say of themselves, for queries that name one by its occasion, its
 * speaker, its place or its title: each metadata field of each statement as a bag of index
 * terms (both languages), reachable by term.
 */
export interface StatementMetadata {
  statements: readonly Statement[];
  /** Term → codes `statement * fieldsPerStatement + field` of the fields that hold it. */
  terms: ReadonlyMap<string, readonly number[]>;
  /** Every term, for prefix and typo lookups of words typed partly or wrongly. */
  vocabulary: readonly string[];
  /** YYYY and YYYY-MM of the statements' dates. */
  periods: ReadonlySet<string>;
}

const fieldsPerStatement = 12;

/** The metadata fields of a statement that can name it, each with the language it is written in. */
function fieldsOf(statement: Statement): Array<{ text: string; language: Language } | undefined> {
  const both = (value: { en: string; fr: string } | undefined) =>
    value
      ? [
          { text: value.en, language: 'en' as const },
          { text: value.fr, language: 'fr' as const },
        ]
      : [undefined, undefined];
  return [
    ...both(statement.title),
    ...both(statement.forum),
    ...both(statement.speaker?.name),
    ...both(statement.speaker?.role),
    ...both(statement.place),
    ...both(statement.country),
  ];
}

const built = new WeakMap<readonly Statement[], StatementMetadata>();

/** The metadata of these statements, made once per list (a reload makes a new list). */
export function statementMetadata(statements: readonly Statement[]): StatementMetadata {
  let metadata = built.get(statements);
  if (metadata) return metadata;
  const terms = new Map<string, number[]>();
  const periods = new Set<string>();
  statements.forEach((statement, s) => {
    periods.add(statement.date.slice(0, 4));
    periods.add(statement.date.slice(0, 7));
    fieldsOf(statement).forEach((field, f) => {
      if (!field) return;
      const code = s * fieldsPerStatement + f;
      for (const token of tokenize(field.text)) {
        if (isStopWord(token.term, field.language) || documentWords.has(token.term)) continue;
        for (const term of new Set([token.term, ...termsOf(token, field.language)])) {
          const codes = terms.get(term) ?? [];
          if (codes.at(-1) !== code) codes.push(code);
          terms.set(term, codes);
        }
      }
    });
  });
  metadata = { statements, terms, vocabulary: [...terms.keys()], periods };
  built.set(statements, metadata);
  return metadata;
}

/** The field codes holding a word, as typed, by stem in either language, or as a number. */
function fieldsWith(word: PlanWord, metadata: StatementMetadata): Set<number> {
  const found = new Set<number>();
  if (documentWords.has(word.term)) return found;
  const keys = new Set([word.term, stemWord(word.word, 'en'), stemWord(word.word, 'fr')]);
  const number = numberTerm(word.term);
  if (number) keys.add(number);
  for (const key of keys) for (const code of metadata.terms.get(key) ?? []) found.add(code);
  if (found.size > 0 || word.fuzzy === 0) return found;
  // A word the paragraphs do not know: a name half typed ("guter") or mistyped ("guteres").
  for (const term of metadata.vocabulary) {
    const near =
      (word.prefix && word.term.length >= 4 && term.startsWith(word.term)) ||
      (word.term.length >= 5 && withinOneEdit(word.term, term));
    if (near) for (const code of metadata.terms.get(term)!) found.add(code);
  }
  return found;
}

/**
 * The metadata fields that hold a concept: all the words of one of its alternatives in one
 * field ("United Nations Day" in the occasion, not "United Nations" in the country and
 * "Day" in the title), as codes `statement * fieldsPerStatement + field`.
 */
export function fieldsNaming(concept: Concept, metadata: StatementMetadata): Set<number> {
  const codes = new Set<number>();
  if (concept.phrase) return codes;
  for (const alternative of concept.alternatives) {
    const words = alternative.filter((word) => word.term.length > 1);
    if (words.length === 0) continue;
    let holding: Set<number> | undefined;
    for (const word of words) {
      const found = fieldsWith(word, metadata);
      holding = holding ? new Set([...holding].filter((code) => found.has(code))) : found;
      if (holding.size === 0) break;
    }
    for (const code of holding ?? []) codes.add(code);
  }
  return codes;
}

/** The statements (by position) that these field codes belong to. */
export const statementsOf = (codes: ReadonlySet<number>) =>
  new Set([...codes].map((code) => Math.floor(code / fieldsPerStatement)));

/**
 * The concepts of a query that name statements, grouped: neighbours that name the same
 * field together count as one name ("UN" and "Day" in "United Nations Day" name that
 * occasion, not every message of the United Nations and every Day). A group naming none or
 * all of the statements names nothing.
 */
export function namingGroups(
  concepts: readonly Concept[],
  metadata: StatementMetadata,
): Array<{ concepts: number[]; statements: Set<number> }> {
  const count = metadata.statements.length;
  const fields = concepts.map((concept) => fieldsNaming(concept, metadata));
  const groups: Array<{ concepts: number[]; statements: Set<number> }> = [];
  let i = 0;
  while (i < concepts.length) {
    if (fields[i]!.size === 0) {
      i += 1;
      continue;
    }
    let together = fields[i]!;
    let j = i + 1;
    while (j < concepts.length) {
      const next = new Set([...together].filter((code) => fields[j]!.has(code)));
      if (next.size === 0) break;
      together = next;
      j += 1;
    }
    const statements = statementsOf(together);
    if (statements.size < count) groups.push({ concepts: range(i, j), statements });
    i = j;
  }
  return groups;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);

/** True when two words differ by at most one insertion, deletion or substitution. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1 || a[0] !== b[0]) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/** A period named in a query: a year, or a month of a year. */
export interface Period {
  /** YYYY or YYYY-MM: what the statements' dates start with. */
  prefix: string;
  /** As typed ("2019", "October 2023", « en 2016 »), for the answer to say what it preferred. */
  text: string;
}

const PREPOSITIONS = new Set(['in', 'en', 'of', 'from', 'de', 'du', 'since', 'depuis', 'le', 'the', 'on']);

/**
 * The period a query names, when the archive has statements of it: "2019", "in 2024",
 * « en 2016 », "October 2023", « le 24 octobre 2019 »; and the query without it. A year no
 * statement is dated ("2030 Agenda") stays a word of the query.
 * @example takePeriod('un day 2019 climate', metadata) // => { period: { prefix: '2019', text: '2019' }, rest: 'un day climate' }
 */
export function takePeriod(query: string, metadata: StatementMetadata): { period?: Period; rest: string } {
  const words = query.split(/\s+/).filter(Boolean);
  for (let i = 0; i < words.length; i++) {
    const year = /^((?:19|20)\d\d)[,.;!?]?$/.exec(words[i]!)?.[1];
    if (!year || !metadata.periods.has(year)) continue;
    let from = i;
    const month = i > 0 ? MONTHS[foldText(words[i - 1]!.replace(/[.,]$/, ''))] : undefined;
    if (month) from = i - 1;
    if (month && from > 0 && /^\d{1,2}(?:er)?$/.test(words[from - 1]!)) from -= 1;
    const typed = words.slice(from, i + 1).join(' ');
    if (from > 0 && PREPOSITIONS.has(foldText(words[from - 1]!))) from -= 1;
    const monthly = month ? `${year}-${String(month).padStart(2, '0')}` : undefined;
    const prefix = monthly && metadata.periods.has(monthly) ? monthly : year;
    const rest = [...words.slice(0, from), ...words.slice(i + 1)].join(' ');
    return { period: { prefix, text: typed.replace(/[,.;!?]$/, '') }, rest };
  }
  return { rest: query };
}
