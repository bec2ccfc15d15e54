import { buildCitation } from '../citation.ts';
import { type Language, otherLanguage, type ParagraphRecord } from '../corpus.ts';
import { buildQuote, markWhole } from '../quote.ts';
import type { QuoteResult, ShownText, SourceRef } from '../reply.ts';
import type { Hit } from '../search/index.ts';

/**
 * The sources behind a paragraph's texts: the delivered text's, and the official
 * version's for a counterpart taken from it. A translation has none: it is ours.
 */
export function sourcesOf(record: ParagraphRecord): SourceRef[] {
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

export function shownText(
  record: ParagraphRecord,
  language: Language,
  matched: ReadonlySet<string>,
): ShownText {
  const version = record.text[language];
  if (!version) return { language, text: null, origin: 'missing', marks: [] };
  return { ...markWhole({ ...version, language }, matched) };
}

export function toResult(hit: Hit, first: Language, replyLanguage: Language, whole: boolean): QuoteResult {
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
