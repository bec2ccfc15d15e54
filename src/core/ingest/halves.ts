import { type Language, otherLanguage, type Source, type Statement } from '../corpus.ts';
import type { PlainStatement } from './plain-text.ts';

/**
 * Statements added with one version only ("halves"): every paragraph delivered in one
 * language and no counterpart yet. Their other version, sent later, completes them instead
 * of becoming a second statement.
 */

/** The one language a half is in; undefined for a statement that has counterparts or mixes languages. */
export function halfLanguage(statement: Statement): Language | undefined {
  const first = statement.paragraphs[0];
  if (!first) return undefined;
  const language = first.delivered;
  return statement.paragraphs.every((p) => p.delivered === language && p.counterpart.origin === 'missing')
    ? language
    : undefined;
}

/**
 * The version a half was made from, as if its file were read again: its language's title,
 * date, forum, place and speaker as the archive holds them now (hand corrections included),
 * and its paragraphs. With the other version's document it builds the whole statement.
 */
export function versionOfHalf(statement: Statement): { version: PlainStatement; source: Source } {
  const language = halfLanguage(statement) ?? statement.paragraphs[0]?.delivered ?? 'en';
  const source = statement.sources?.delivered ??
    statement.sources?.[language] ?? { file: `${statement.id}.yml`, taken: statement.date };
  return {
    version: {
      title: statement.title[language],
      date: statement.date,
      place: statement.place?.[language],
      forum: statement.forum[language] === statement.title[language] ? undefined : statement.forum[language],
      speaker: statement.speaker
        ? {
            name: statement.speaker.name[language],
            ...(statement.speaker.role ? { role: statement.speaker.role[language] } : {}),
          }
        : undefined,
      format: source.format ?? 'txt',
      paragraphs: statement.paragraphs.map((p) => ({ n: p.n, language, text: p.text })),
      notes: [],
      language,
      ...(source.url ? { url: source.url } : {}),
    },
    source,
  };
}

/**
 * The half of the archive that a version just read is likely the other version of: in the
 * other language, of the same date, with a like number of paragraphs (within a half and
 * twice); the closest in length when several are. Undefined when none is.
 */
export function halfFor(version: PlainStatement, statements: readonly Statement[]): Statement | undefined {
  if (!version.date) return undefined;
  const wanted = otherLanguage(version.language);
  const count = version.paragraphs.length;
  const candidates = statements.filter((statement) => {
    if (statement.date !== version.date || halfLanguage(statement) !== wanted) return false;
    const ratio = statement.paragraphs.length / Math.max(1, count);
    return ratio >= 0.5 && ratio <= 2;
  });
  return candidates.sort(
    (a, b) => Math.abs(a.paragraphs.length - count) - Math.abs(b.paragraphs.length - count),
  )[0];
}
