import { type Language, otherLanguage, paragraphId } from '../corpus.ts';
import { messages } from '../messages.ts';
import type { QuoteResult, Reply, ShownText } from '../reply.ts';

/** A quote an answer shows, as speaking notes take it: the quote, its counterpart, its citation. */
export interface NotedQuote {
  /** The paragraph it comes from (`statement#n`): what a Speaking notes button names. */
  paragraph: string;
  quote: ShownText;
  counterpart: ShownText;
  citation: string;
}

/** A passage of an answer (a search result, a theme's key passage, a moment of its history) as speaking notes take it. */
export const notedQuote = (result: QuoteResult): NotedQuote => ({
  paragraph: paragraphId(result.statement, result.paragraph),
  quote: result.quote,
  counterpart: result.counterpart,
  citation: result.citation,
});

/**
 * The quotes an answer shows, in the order shown: the passages of a search, of a history and
 * of a theme, and a paragraph asked by number (in the answer's language, else as delivered).
 * @example notedQuotes(answer('veto', knowledge))[0].paragraph // => 'canada-r2p-dialogue-2016-09-06#14'
 */
export function notedQuotes(reply: Reply): NotedQuote[] {
  switch (reply.kind) {
    case 'quotes':
    case 'history':
      return reply.results.map(notedQuote);
    case 'theme':
      return reply.quotes.map(notedQuote);
    case 'paragraph': {
      const first = reply[reply.language].text === null ? otherLanguage(reply.language) : reply.language;
      return [
        {
          paragraph: paragraphId(reply.statement, reply.paragraph),
          quote: reply[first],
          counterpart: reply[otherLanguage(first)],
          citation: reply.citation,
        },
      ];
    }
    default:
      return [];
  }
}

/**
 * A quote for speaking notes, as plain text to copy whole: the quote, its counterpart when
 * asked (and there is one), then the citation, a blank line between them. No markup and no
 * labels: only a translation says so, in words, after its text ("(translation)",
 * "(traduction)"), since that is meaning: a translation is never passed off as what was said.
 * The words are the answer's language, as its citation is.
 * @example toSpeakingNotes(notedQuotes(answer('veto', knowledge))[0], 'en', false)
 * // => "That is why Canada supports … mass atrocity crimes.\n\nCanada, UN General Assembly …, ¶14"
 */
export function toSpeakingNotes(noted: NotedQuote, language: Language, withCounterpart: boolean): string {
  const texts = withCounterpart ? [noted.quote, noted.counterpart] : [noted.quote];
  const shown = texts.flatMap((text) =>
    text.text === null
      ? []
      : [
          text.origin === 'translation'
            ? `${text.text} (${messages[language].origin.translation})`
            : text.text,
        ],
  );
  return [...shown, noted.citation].join('\n\n');
}
