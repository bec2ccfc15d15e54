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

/** A statement as named in replies. */
export interface StatementRef {
  id: string;
  title: Bilingual;
  date: string;
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
    }
  | {
      kind: 'themes';
      language: Language;
      statement: StatementRef;
      /** Every paragraph number of the statement, in order: the columns of the map. */
      paragraphNumbers: number[];
      themes: Array<ThemeRef & { description: Bilingual; paragraphs: number[] }>;
    }
  | {
      kind: 'theme';
      language: Language;
      statement: StatementRef;
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
      /** The last reload that failed, when one did since the data was loaded. */
      reloadProblem?: { at: string; message: string };
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
