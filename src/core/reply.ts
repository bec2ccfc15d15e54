import type { Bilingual, Language, Origin } from './corpus.ts';
import type { Mark } from './quote.ts';

/** A text in one language, with where it comes from and which words matched. */
export interface ShownText {
  language: Language;
  /** Null when the counterpart is missing. */
  text: string | null;
  origin: Origin;
  marks: Mark[];
}

export interface QuoteResult {
  statement: string;
  title: Bilingual;
  date: string;
  paragraph: number;
  delivered: Language;
  quote: ShownText;
  counterpart: ShownText;
  /** True when the quote is part of the paragraph: the full text is one `para N` away. */
  partial: boolean;
  citation: string;
  score: number;
}

/** Where a text shown comes from: the official version or the delivered text, as a link or a file name. */
export interface SourceRef {
  /** `official` for the government's version in `language`; `delivered` for the text as spoken. */
  kind: 'official' | 'delivered';
  language: Language;
  url?: string;
  file?: string;
  /** When it was taken, as YYYY-MM-DD. */
  taken: string;
}

/** A statement as named in replies: its title, its date, and the id to type (`in:ID`). */
export interface StatementRef {
  id: string;
  title: Bilingual;
  date: string;
}

/** What a search of the archive preferred, so that the answer says so. */
export interface FocusRef {
  /** The period the query named ("2019", "October 2023"). */
  period?: string;
  /** The words that named statements ("UN Day", "Guterres"). */
  names: string[];
  /** The statements named best, best first (at most three). */
  statements: StatementRef[];
}

/** A theme as named in replies. */
export interface ThemeRef {
  id: string;
  label: Bilingual;
}

export interface HelpSection {
  title: string;
  items: Array<{ usage: string; description: string }>;
}

/** What `answer` returns: plain data, rendered by each adapter in its own way. */
export type Reply =
  | {
      kind: 'quotes';
      language: Language;
      query: string;
      /** 'all': every result has all the words; 'some': a fallback; 'range': paragraphs asked by number; 'related': quotes related to a message. */
      mode: 'all' | 'some' | 'range' | 'related';
      results: QuoteResult[];
      total: number;
      /** True when `total` is an estimate (words found in most of a large corpus). */
      estimated?: boolean;
      /** True when a quoted phrase does not occur: the results hold all its words, not the phrase. */
      phraseNotFound?: boolean;
      offset: number;
      /** Present when nothing matched: words of the corpus close to what was typed. */
      suggestions?: string[];
      /** Present when nothing matched: themes close to what was typed. */
      themes?: ThemeRef[];
      /** True when several statements are loaded: each result names its statement. */
      archive?: boolean;
      /** What was searched for, when it is not what was typed (a question frame or a year left out). */
      searched?: string;
      /** The statements the query named, preferred (a year, an occasion, a speaker). */
      focus?: FocusRef;
    }
  | {
      /** What was said on a subject over time: the best passage of each statement, newest first. */
      kind: 'history';
      language: Language;
      query: string;
      /** What was searched for, when it is not what was typed. */
      searched?: string;
      /** One per statement, newest first. */
      results: QuoteResult[];
      /** How many statements speak of it. */
      total: number;
      offset: number;
    }
  | {
      /** The themes across an archive: which statements speak of each, and how much. */
      kind: 'archive-themes';
      language: Language;
      /** Statements loaded. */
      statements: number;
      themes: Array<
        ThemeRef & {
          description: Bilingual;
          /** The statements that speak of it, newest first, with their paragraphs on it. */
          statements: Array<StatementRef & { paragraphs: number[] }>;
        }
      >;
    }
  | {
      /** A theme across an archive: what each statement that speaks of it says, newest first. */
      kind: 'archive-theme';
      language: Language;
      theme: ThemeRef & { description: Bilingual };
      /** The statements that speak of it, newest first, from `offset`. */
      statements: Array<{
        statement: StatementRef;
        summary: { en: string; fr: string; origin: 'curated' | 'extract'; cites: number[] };
        paragraphs: number[];
        /** Its key passage, cited. */
        quote: QuoteResult;
      }>;
      /** How many statements speak of it. */
      total: number;
      offset: number;
    }
  | {
      kind: 'themes';
      language: Language;
      statement: StatementRef;
      /** True when several statements are loaded: the heading names this one. */
      archive?: boolean;
      /** Every paragraph number of the statement, in order: the columns of the map. */
      paragraphNumbers: number[];
      themes: Array<ThemeRef & { description: Bilingual; paragraphs: number[] }>;
    }
  | {
      kind: 'theme';
      language: Language;
      statement: StatementRef;
      /** True when several statements are loaded: the heading names this one. */
      archive?: boolean;
      theme: ThemeRef & { description: Bilingual };
      /** Absent only when the theme does not occur in the statement. */
      summary?: { en: string; fr: string; origin: 'curated' | 'extract'; cites: number[] };
      paragraphs: number[];
      quotes: QuoteResult[];
    }
  | {
      kind: 'paragraph';
      language: Language;
      statement: string;
      title: Bilingual;
      paragraph: number;
      delivered: Language;
      fr: ShownText;
      en: ShownText;
      citation: string;
      /** The sources of the texts shown, when the statement records them (official versions as links). */
      sources: SourceRef[];
      /** Who added the statement from Slack, and when. */
      added?: { by: string; at: string };
      /** The paragraph numbers of the statement, for "previous / next". */
      last: number;
      /** The statement's date. */
      date: string;
      /** True when several statements are loaded: the heading names this one. */
      archive?: boolean;
      /**
       * Why this statement, when `in:` did not say and several have this paragraph: the one
       * the conversation was about, or the newest.
       */
      chosen?: 'conversation' | 'newest';
      /** The other statements that have this paragraph, newest first (at most five). */
      others?: StatementRef[];
    }
  | { kind: 'help'; language: Language; title: string; intro: string; sections: HelpSection[] }
  | { kind: 'error'; language: Language; message: string; suggestions?: string[]; themes?: ThemeRef[] }
  | {
      /** What the app does and holds: the App Home's content. */
      kind: 'overview';
      language: Language;
      /** What to type, in this language first: queries, without the command. */
      examples: Array<{ language: Language; query: string }>;
      statements: {
        total: number;
        /** The newest ones, newest first. */
        recent: Array<{ id: string; date: string; title: Bilingual; paragraphs: number }>;
      };
      themes: Array<{ id: string; label: Bilingual; description: Bilingual }>;
    }
  | {
      kind: 'statements';
      language: Language;
      loadedAt: string;
      /** What the list was narrowed to ("2024", "peace day"), when it was. */
      filter?: string;
      /** Statements matching (loaded, when there is no filter); the list is a page of them. */
      total: number;
      offset: number;
      /** The last reload that failed, when one did since the data was loaded. */
      reloadProblem?: { at: string; message: string };
      /** Statement files left out of the load (each breaks a rule); why is in the log. */
      skipped?: string[];
      /** Newest first. */
      statements: Array<{
        id: string;
        date: string;
        title: Bilingual;
        forum: Bilingual;
        paragraphs: number;
      }>;
    };

/**
 * A theme summary's texts in the order shown: the reply's language, then the other one
 * unless it is the same text (a statement without counterparts has one language only).
 */
export function summaryTexts(summary: { en: string; fr: string }, language: Language): string[] {
  const other = language === 'fr' ? summary.en : summary.fr;
  return summary[language] === other ? [summary[language]] : [summary[language], other];
}

/**
 * The statement a reply is about, for the conversation to remember: the first result's, a
 * paragraph's, a theme's; none for what spans the archive.
 */
export function statementOfReply(reply: Reply): string | undefined {
  switch (reply.kind) {
    case 'quotes':
      return reply.results[0]?.statement;
    case 'paragraph':
      return reply.statement;
    case 'themes':
    case 'theme':
      return reply.statement.id;
    default:
      return undefined;
  }
}
