import { foldText } from './analysis/normalize.ts';
import type { Language } from './corpus.ts';
import { cleanInput } from './input.ts';

/** Filters written in the command text: `lang:fr`, `in:…`, `from:2016`, `to:2018`, `¶10-14`. */
export interface Filters {
  language?: Language;
  statement?: string;
  from?: string;
  to?: string;
  range?: [number, number];
}

export type Problem =
  | { code: 'unknown-filter'; key: string }
  | { code: 'bad-language'; value: string }
  | { code: 'bad-date'; key: 'from' | 'to'; value: string }
  | { code: 'dates-reversed'; from: string; to: string }
  | { code: 'bad-range'; value: string }
  | { code: 'missing-paragraph-number' }
  | { code: 'missing-theme' };

export type Command = (
  | { kind: 'help'; filters: Filters }
  | { kind: 'search'; query: string; filters: Filters }
  | { kind: 'paragraph'; n: number; filters: Filters }
  | { kind: 'range'; filters: Filters & { range: [number, number] } }
  | { kind: 'themes'; filters: Filters }
  | { kind: 'theme'; name: string; filters: Filters }
  | { kind: 'statements'; filters: Filters; narrow?: string }
  | { kind: 'history'; query: string; filters: Filters }
  | { kind: 'invalid'; problem: Problem; filters: Filters }
) & {
  /** The language of the command word, when it has one (`aide` is French, `help` English). */
  said?: Language;
};

const HELP = new Set(['help', 'aide', '?', 'h', 'usage']);
const PARAGRAPH = new Set([
  'para',
  'paras',
  'paragraph',
  'paragraphs',
  'paragraphe',
  'paragraphes',
  'par',
  'p',
  'pp',
]);
/** Command words in one language only, as typed (accents matter: "thèmes" is French, "themes" English). */
const SAID: Record<string, Language> = {
  help: 'en',
  usage: 'en',
  aide: 'fr',
  thèmes: 'fr',
  thème: 'fr',
  sujets: 'fr',
  sujet: 'fr',
  statements: 'en',
  statement: 'en',
  history: 'en',
  historique: 'fr',
  déclarations: 'fr',
  déclaration: 'fr',
  paragraph: 'en',
  paragraphs: 'en',
  paragraphe: 'fr',
  paragraphes: 'fr',
};
/**
 * A paragraph or a run of paragraphs, however a thumb types it: "para 14", "para14", "p14",
 * "p.14", "¶ 14", "§14", "#14", "paragraph 14", "paragraphe 14", "paras 10-14",
 * "para 10 to 14", "para 10 à 14", "¶10–14", "pp. 10-14".
 */
const PARAGRAPH_FORM =
  /^(?:¶¶?|§§?|#|pp?\.?|par\.?|paras?\.?|paragraph(?:s|e|es)?\.?)\s*(\d{1,6})(?:\s*(?:-|–|—|‑|to|through|thru|a|au|jusqu'?a|jusqu’a|\.\.)\s*(\d{1,6}))?$/;
const THEMES = new Set(['themes', 'theme', 'sujets']);
const STATEMENTS = new Set(['statements', 'declarations', 'statement', 'declaration']);
const HISTORY = new Set(['history', 'historique', 'timeline', 'chronologie']);
const FILTER = /^([a-z]+):(\S*)$/i;
const PARA_SIGN = /^[¶§#](\d{1,6})(?:\s*[-–‑]\s*(\d{1,6}))?$/;
const DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;
const IGNORED_SCHEMES = new Set(['http', 'https', 'mailto']);

/**
 * Reads a command: filters anywhere in the text, then a command word or a search.
 * @example parseCommand('veto lang:fr') // => { kind: 'search', query: 'veto', filters: { language: 'fr' } }
 */
export function parseCommand(input: string): Command {
  const text = cleanInput(input);
  const filters: Filters = {};
  const words: string[] = [];
  const parts = text.split(/\s+/).filter(Boolean);
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    // "¶10-14" or "¶ 10-14" as a filter; "¶14" alone is a paragraph command (below).
    const joined = /^[¶§]$/.test(part) && parts[i + 1] ? `${part}${parts[i + 1]}` : part;
    const sign = PARA_SIGN.exec(joined);
    if (sign?.[2] !== undefined) {
      const range = toRange(Number(sign[1]), Number(sign[2]));
      if (!range) return { kind: 'invalid', problem: { code: 'bad-range', value: joined }, filters };
      filters.range = range;
      if (joined !== part) i++;
      continue;
    }
    const filter = FILTER.exec(part);
    if (filter?.[2] && !IGNORED_SCHEMES.has(filter[1]!.toLowerCase())) {
      const problem = applyFilter(filters, filter[1]!.toLowerCase(), filter[2]);
      if (problem) return { kind: 'invalid', problem, filters };
      continue;
    }
    words.push(part);
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    return {
      kind: 'invalid',
      problem: { code: 'dates-reversed', from: filters.from, to: filters.to },
      filters,
    };
  }
  // A trailing "fr" or "en" chooses the language: "veto fr".
  const last = words.at(-1)?.toLowerCase();
  if (words.length > 1 && (last === 'fr' || last === 'en') && !filters.language) {
    filters.language = last;
    words.pop();
  }
  return readWords(words, filters);
}

function readWords(words: string[], filters: Filters): Command {
  const command = readCommandWords(words, filters);
  const said = SAID[(words[0] ?? '').toLowerCase().replace(/[.:!]+$/, '')];
  return said && command.kind !== 'search' ? { ...command, said } : command;
}

function readCommandWords(words: string[], filters: Filters): Command {
  const first = foldText(words[0] ?? '').replace(/[.:!]+$/, '');
  const rest = words.slice(1).join(' ').trim();
  const form = PARAGRAPH_FORM.exec(foldText(words.join(' ')).replace(/\s+/g, ' '));
  if (form) {
    if (form[2] === undefined) return { kind: 'paragraph', n: Number(form[1]), filters };
    const parsed = toRange(Number(form[1]), Number(form[2]));
    if (!parsed) return { kind: 'invalid', problem: { code: 'bad-range', value: words.join(' ') }, filters };
    return { kind: 'range', filters: { ...filters, range: parsed } };
  }
  if (words.length === 0)
    return filters.range
      ? { kind: 'range', filters: { ...filters, range: filters.range } }
      : { kind: 'help', filters };
  if (HELP.has(first) && words.length === 1) return { kind: 'help', filters };
  const sign = PARA_SIGN.exec(words[0]!);
  if (sign && words.length === 1) return { kind: 'paragraph', n: Number(sign[1]), filters };
  if (PARAGRAPH.has(first) && words.length <= 2) {
    const joined = rest.replace(/^[¶§#]\s*/, '');
    const range = /^(\d+)\s*[-–‑]\s*(\d+)$/.exec(joined);
    if (range) {
      const parsed = toRange(Number(range[1]), Number(range[2]));
      if (!parsed) return { kind: 'invalid', problem: { code: 'bad-range', value: joined }, filters };
      return { kind: 'range', filters: { ...filters, range: parsed } };
    }
    if (/^\d+$/.test(joined)) return { kind: 'paragraph', n: Number(joined), filters };
    if (first !== 'p' && first !== 'par')
      return { kind: 'invalid', problem: { code: 'missing-paragraph-number' }, filters };
  }
  if (THEMES.has(first) && words.length === 1) return { kind: 'themes', filters };
  if (first === 'theme' || first === 'sujet') {
    return rest
      ? { kind: 'theme', name: rest, filters }
      : { kind: 'invalid', problem: { code: 'missing-theme' }, filters };
  }
  if (STATEMENTS.has(first) && words.length === 1) return { kind: 'statements', filters };
  // "statements 2024", « déclarations journée de la paix »: the list, narrowed. A singular
  // "declaration …" is a search ("declaration franco-mexicaine").
  if (first === 'statements' || first === 'declarations')
    return { kind: 'statements', filters, narrow: rest };
  if (HISTORY.has(first) && rest) return { kind: 'history', query: rest, filters };
  return { kind: 'search', query: words.join(' '), filters };
}

function applyFilter(filters: Filters, key: string, value: string): Problem | undefined {
  switch (key) {
    case 'lang':
    case 'langue':
    case 'language': {
      const language = value.toLowerCase().slice(0, 2);
      if (language !== 'fr' && language !== 'en') return { code: 'bad-language', value };
      filters.language = language;
      return undefined;
    }
    case 'in':
    case 'dans':
      filters.statement = value;
      return undefined;
    case 'from':
    case 'depuis':
    case 'du':
      if (!DATE.test(value)) return { code: 'bad-date', key: 'from', value };
      filters.from = value;
      return undefined;
    case 'to':
    case 'until':
    case 'jusqua':
    case 'au':
      if (!DATE.test(value)) return { code: 'bad-date', key: 'to', value };
      filters.to = value;
      return undefined;
    default:
      return { code: 'unknown-filter', key };
  }
}

function toRange(from: number, to: number): [number, number] | undefined {
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to) || from < 1 || to < from) return undefined;
  return [from, to];
}
